/*
 * Classic Outlook for Windows' side of the pane, for the browser tests. Outlook hosts the pane in WebView2 and
 * gives office.js a `window.external` object (its native bridge) before any script runs; this file, added as an
 * init script of the pane's frame when its address names the Win32 host, plays that object, as office.js's
 * host file (outlook-win32-16.02.js) calls it:
 *   GetContext()            the add-in's context: Outlook (app type 8), 16.2, locale, settings, Office theme
 *   Execute(dispid, ...)    1 initial data (a message being written, ReadWriteItem), 14 body.getTypeAsync,
 *                           13 body.setSelectedDataAsync; answers are arrays ([JSON, error code]) as natively
 *   GetSettings().Write     roamingSettings.saveAsync (the settings as JSON under "SettingsKey")
 *   RegisterEvent           acknowledged
 * A test configures it through window.__outlookHostConfig: { locale, bodyType, roaming: {...}, officeTheme: {...} }
 * (theme colours as #rrggbb) and reads window.__outlookHost: { requests, inserted, savedSettings }.
 */
(function () {
  "use strict";
  if (!/[?&]_host_Info=Outlook(%24|\$)Win32/i.test(window.location.search)) {
    return;
  }
  var config = window.__outlookHostConfig || {};
  var record = window.__outlookHost = { requests: [], inserted: [], savedSettings: [] };
  var OUTLOOK = 8;
  var HOST_READ_WRITE_ITEM = 3;
  var MESSAGE_COMPOSE = 4;
  /* How office.js's HostCoercionType numbers the coercion types on the wire. */
  var COERCION_NAMES = { 0: "text", 3: "html" };
  var locale = config.locale || "fr-FR";

  /* Natively, answers are SAFEARRAYs; office.js reads them with toArray(). */
  function safeArray(items) {
    return { toArray: function () { return items; } };
  }

  function list(value) {
    return value && typeof value.toArray === "function" ? value.toArray() : value || [];
  }

  function serializedSettings() {
    var settings = {};
    Object.keys(config.roaming || {}).forEach(function (name) {
      settings[name] = JSON.stringify(config.roaming[name]);
    });
    return JSON.stringify(settings);
  }

  /* The theme as Office gives it natively: colours as integers, in JSON. */
  function officeThemeInfo() {
    var theme = config.officeTheme || { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" };
    var native = {};
    Object.keys(theme).forEach(function (name) {
      native[name] = parseInt(theme[name].replace("#", ""), 16);
    });
    return JSON.stringify(native);
  }

  var context = {
    GetAppType: function () { return OUTLOOK; },
    GetSolutionRef: function () { return "33d687c7-69e8-4c65-bdfc-31f29469b43b"; },
    GetAppVersionMajor: function () { return 16; },
    GetAppVersionMinor: function () { return 2; },
    GetAppUILocale: function () { return locale; },
    GetAppDataLocale: function () { return locale; },
    GetDocUrl: function () { return ""; },
    GetAppCapabilities: function () { return 1; },
    GetActivationMode: function () { return 1; },
    GetControlIntegrationLevel: function () { return 0; },
    /* An add-in deployed by the organisation has no store entitlement token. */
    GetSolutionToken: function () { return config.eToken || ""; },
    GetOfficeThemeInfo: officeThemeInfo,
    GetSettings: function () {
      return {
        Read: function (keys, values) {
          keys.push("SettingsKey");
          values.push(serializedSettings());
        },
        Write: function (keys, values) {
          var written = list(values)[list(keys).indexOf("SettingsKey")];
          var settings = JSON.parse(written || "{}");
          record.savedSettings.push(settings);
          config.roaming = {};
          Object.keys(settings).forEach(function (name) {
            config.roaming[name] = JSON.parse(settings[name]);
          });
        }
      };
    }
  };

  function answer(dispid, parameters) {
    switch (dispid) {
      case 1:
        return { itemType: MESSAGE_COMPOSE, permissionLevel: HOST_READ_WRITE_ITEM, hostVersion: "16.0.18000.20000", isRead: false };
      case 14:
        return { data: config.bodyType || "html" };
      case 13:
        record.inserted.push({ data: parameters[0], coercionType: COERCION_NAMES[parameters[1] && parameters[1].coercionType !== undefined ? parameters[1].coercionType : parameters[1]] || String(parameters[1]) });
        return {};
      default:
        return null;
    }
  }

  window.external = {
    GetContext: function () {
      return context;
    },
    Execute: function (dispid, parameters, callback) {
      var values = list(parameters);
      record.requests.push({ action: "Execute", dispatch: dispid, parameters: values });
      var result = answer(dispid, values);
      /* Outlook answers asynchronously, after its own work; so does this bridge. */
      setTimeout(function () {
        callback(safeArray(result ? [JSON.stringify(result), 0] : [JSON.stringify({}), 5000]), 0);
      }, 5);
    },
    RegisterEvent: function (dispid, targetId, handler, callback) {
      record.requests.push({ action: "RegisterEvent", dispatch: dispid });
      setTimeout(function () {
        callback(0);
      }, 5);
    },
    UnregisterEvent: function (dispid, targetId, callback) {
      setTimeout(function () {
        callback(0);
      }, 5);
    }
  };
})();
