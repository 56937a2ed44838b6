/*
 * Stand-in for https://appsforoffice.microsoft.com/lib/1/hosted/office.js in the browser tests.
 * It implements just the surface the pane uses, asynchronously like the real one, and records what the
 * pane does. A test configures it before the page loads through window.__fakeOfficeConfig:
 *   { bodyType: "html" | "text", displayLanguage, roaming: {...},
 *     failGetType, failSetSelectedData, failSaveSettings }
 */
(function () {
  "use strict";
  var config = window.__fakeOfficeConfig || {};
  var record = { inserted: [], savedSettings: [], getTypeCalls: 0 };
  window.__fakeOffice = record;

  var Status = { Succeeded: "succeeded", Failed: "failed" };

  function later(callback, result) {
    setTimeout(function () {
      callback(result);
    }, 5);
  }

  function failed(message) {
    return { status: Status.Failed, error: { code: 9999, name: "FakeFailure", message: message } };
  }

  var roaming = JSON.parse(JSON.stringify(config.roaming || {}));

  window.Office = {
    AsyncResultStatus: Status,
    CoercionType: { Html: "html", Text: "text" },
    onReady: function (callback) {
      var info = { host: "Outlook", platform: "OfficeOnline" };
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) {
            callback(info);
          }
          resolve(info);
        }, 10);
      });
    },
    context: {
      displayLanguage: config.displayLanguage || "fr-FR",
      roamingSettings: {
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
            later(callback, failed("The settings could not be saved (fake)."));
            return;
          }
          record.savedSettings.push(JSON.parse(JSON.stringify(roaming)));
          later(callback, { status: Status.Succeeded });
        }
      },
      mailbox: {
        item: {
          body: {
            getTypeAsync: function (options, callback) {
              var done = typeof options === "function" ? options : callback;
              record.getTypeCalls += 1;
              if (config.failGetType) {
                later(done, failed("The body type is unavailable (fake)."));
                return;
              }
              later(done, { status: Status.Succeeded, value: config.bodyType || "html" });
            },
            setSelectedDataAsync: function (data, options, callback) {
              var done = typeof options === "function" ? options : callback;
              var coercionType = typeof options === "object" && options ? options.coercionType : undefined;
              if (config.failSetSelectedData) {
                later(done, failed("The message is read-only (fake)."));
                return;
              }
              if ((config.bodyType || "html") === "text" && coercionType === "html") {
                later(done, failed("HTML cannot be inserted into a plain-text body."));
                return;
              }
              record.inserted.push({ data: data, coercionType: coercionType });
              later(done, { status: Status.Succeeded });
            }
          }
        }
      }
    }
  };
})();
