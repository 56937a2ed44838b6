/*
 * The host's side of the pane, for the browser tests: what only Outlook can give (the message being written,
 * the mailbox's roaming settings, the display language and theme). It is served right after Microsoft's
 * real office.js and does nothing until office.js itself resolves Office.onReady, outside Outlook (no
 * _host_Info): then it adds those members to the real Office.context. Everything else the pane uses
 * (Office.onReady, the enums, the script loading) is office.js's own.
 *
 * A test configures it before the page loads through window.__mailboxStandInConfig:
 *   { bodyType: "html" | "text", displayLanguage, officeTheme: {...}, roaming: {...},
 *     failGetType, failSetSelectedData, failSaveSettings, noMailbox }
 * and reads what the pane did from window.__mailbox: { inserted, savedSettings, getTypeCalls }.
 */
(function () {
  "use strict";
  if (/[?&]_host_Info=/.test(window.location.search) || !window.Office || typeof window.Office.onReady !== "function") {
    return;
  }
  var config = window.__mailboxStandInConfig || {};
  var record = { inserted: [], savedSettings: [], getTypeCalls: 0 };
  window.__mailbox = record;
  var Status = { Succeeded: "succeeded", Failed: "failed" };

  /* Outlook answers asynchronously, after a round trip; so does the stand-in. */
  function later(callback, result) {
    setTimeout(function () {
      callback(result);
    }, 5);
  }

  function failed(message) {
    return { status: Status.Failed, error: { code: 9999, name: "HostFailure", message: message } };
  }

  var roaming = JSON.parse(JSON.stringify(config.roaming || {}));
  var roamingSettings = {
    get: function (name) {
      return roaming[name];
    },
    set: function (name, value) {
      roaming[name] = JSON.parse(JSON.stringify(value));
    },
    remove: function (name) {
      delete roaming[name];
    },
    saveAsync: function (callback) {
      if (config.failSaveSettings) {
        later(callback, failed("The settings could not be saved (mailbox quota)."));
        return;
      }
      record.savedSettings.push(JSON.parse(JSON.stringify(roaming)));
      later(callback, { status: Status.Succeeded });
    }
  };

  var item = {
    body: {
      getTypeAsync: function (options, callback) {
        var done = typeof options === "function" ? options : callback;
        record.getTypeCalls += 1;
        if (config.failGetType) {
          later(done, failed("The body type is unavailable."));
          return;
        }
        later(done, { status: Status.Succeeded, value: config.bodyType || "html" });
      },
      setSelectedDataAsync: function (data, options, callback) {
        var done = typeof options === "function" ? options : callback;
        var coercionType = typeof options === "object" && options ? options.coercionType : undefined;
        if (config.failSetSelectedData) {
          later(done, failed("The message is read-only."));
          return;
        }
        /* What Outlook does with HTML sent to a plain-text body: it refuses it. */
        if ((config.bodyType || "html") === "text" && coercionType === "html") {
          later(done, failed("HTML cannot be inserted into a plain-text body."));
          return;
        }
        record.inserted.push({ data: data, coercionType: coercionType });
        later(done, { status: Status.Succeeded });
      }
    }
  };

  window.Office.onReady(function () {
    var context = window.Office.context;
    var define = function (name, value) {
      Object.defineProperty(context, name, { value: value, configurable: true, enumerable: true });
    };
    define("displayLanguage", config.displayLanguage || "fr-FR");
    define("roamingSettings", roamingSettings);
    if (config.officeTheme) {
      define("officeTheme", config.officeTheme);
    }
    if (!config.noMailbox) {
      define("mailbox", { item: item });
    }
  });
})();
