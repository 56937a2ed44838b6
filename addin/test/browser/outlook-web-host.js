/*
 * Outlook on the web's side of the conversation with the pane, for the browser tests. It runs in the page that
 * frames the pane (at Outlook's own address) and answers office.js the way Outlook does, by postMessage, in
 * office.js's own message format (JSON: _messageType 0 request / 1 response, _actionName, _conversationId,
 * _correlationId, _data). Only what the pane uses is answered:
 *   ContextActivationManager_getAppContextAsync  the add-in's context (Outlook on the web, locale, roaming settings)
 *   GetInitialData                               a message being written, with ReadWriteItem permission
 *   ExecuteMethod 14 / 13 / 404                  body.getTypeAsync, body.setSelectedDataAsync, roamingSettings.saveAsync
 * Everything else office.js sends (telemetry notifications, event registrations) is acknowledged; a registered
 * event can then be sent with window.__outlookHost.raise(name, data).
 * A test configures it through window.__outlookHostConfig (set before the page loads):
 *   { locale, bodyType: "html" | "text", roaming: {...}, eToken, failSetSelectedData }
 * and reads window.__outlookHost: { requests, inserted, savedSettings }.
 */
(function () {
  "use strict";
  var config = window.__outlookHostConfig || {};
  var record = window.__outlookHost = { requests: [], inserted: [], savedSettings: [], events: {} };

  /*
   * Sends an event the pane registered for (office.js's registerEvent), as Outlook does when, say, the person
   * switches Outlook's theme: a response "for eventing" under the event's name, with the event's data.
   */
  record.raise = function (eventName, data) {
    var registration = record.events[eventName];
    if (!registration) {
      throw new Error("The pane did not register for " + eventName);
    }
    registration.source.postMessage(JSON.stringify({
      _messageType: 1,
      _actionName: eventName,
      _conversationId: registration.conversationId,
      _correlationId: registration.correlationId,
      _origin: window.location.origin,
      _data: data,
      _errorCode: 0,
      _responseType: 1
    }), registration.origin);
  };
  var DISPATCH = { getBodyType: 14, setSelectedData: 13, saveSettings: 404 };
  var HOST_READ_WRITE_ITEM = 3;
  var MESSAGE_COMPOSE = 4;
  var OUTLOOK_WEB_APP = 64;
  /* How office.js's HostCoercionType numbers the coercion types on the wire. */
  var COERCION_NAMES = { 0: "text", 3: "html" };

  /* Office stores each roaming setting as JSON text; office.js parses them back. */
  function serialized(values) {
    var settings = {};
    Object.keys(values || {}).forEach(function (name) {
      settings[name] = JSON.stringify(values[name]);
    });
    return settings;
  }

  function appContext() {
    var locale = config.locale || "fr-FR";
    return {
      _id: "33d687c7-69e8-4c65-bdfc-31f29469b43b",
      _appName: OUTLOOK_WEB_APP,
      _appVersion: "16.01",
      _appMinorVersion: 1,
      _appUILocale: locale,
      _dataLocale: locale,
      _docUrl: "",
      _clientMode: 1,
      _settings: serialized(config.roaming),
      _reason: 1,
      _osfControlType: 0,
      /* An add-in deployed by the organisation has no store entitlement token. */
      _eToken: config.eToken || "",
      _correlationId: "",
      _appInstanceId: "0"
    };
  }

  function initialData() {
    return {
      itemType: MESSAGE_COMPOSE,
      permissionLevel: HOST_READ_WRITE_ITEM,
      hostVersion: "16.01",
      owaView: "TwoColumnNarrow",
      userDisplayName: "Ana Martin",
      userEmailAddress: "ana.martin@contoso.com",
      userTimeZone: "Romance Standard Time",
      timeZoneOffsets: [],
      isRead: false
    };
  }

  function execute(data) {
    var dispatch = data && data.MethodData ? data.MethodData.DispatchId : null;
    var parameters = data ? data.ApiParams : null;
    switch (dispatch) {
      case DISPATCH.getBodyType:
        return { wasSuccessful: true, data: config.bodyType || "html" };
      case DISPATCH.setSelectedData:
        if (config.failSetSelectedData) {
          return { wasSuccessful: false, error: true, errorCode: 9041 };
        }
        record.inserted.push({ data: parameters.data, coercionType: COERCION_NAMES[parameters.coercionType] || String(parameters.coercionType) });
        return { wasSuccessful: true };
      case DISPATCH.saveSettings:
        record.savedSettings.push(JSON.parse(JSON.stringify(parameters[0])));
        return { wasSuccessful: true };
      default:
        return { wasSuccessful: false, error: true, errorCode: 5000 };
    }
  }

  window.addEventListener("message", function (event) {
    var message;
    try {
      message = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (!message || message._messageType !== 0) {
      return;
    }
    record.requests.push({ action: message._actionName, dispatch: message._data && message._data.MethodData ? message._data.MethodData.DispatchId : null });
    if (message._actionType === 1) {
      record.events[message._actionName] = { source: event.source, origin: event.origin, conversationId: message._conversationId, correlationId: message._correlationId };
    }
    var answer = null;
    if (message._actionName === "ContextActivationManager_getAppContextAsync") {
      answer = appContext();
    } else if (message._actionName === "GetInitialData") {
      answer = initialData();
    } else if (message._actionName === "ExecuteMethod") {
      answer = execute(message._data);
    } else if (message._actionType === 1) {
      /* A registration is acknowledged with a payload; an empty one would read as a failure. */
      answer = {};
    }
    /* Outlook answers after a round trip through its own code; so does this page. */
    setTimeout(function () {
      event.source.postMessage(JSON.stringify({
        _messageType: 1,
        _actionName: message._actionName,
        _conversationId: message._conversationId,
        _correlationId: message._correlationId,
        _origin: window.location.origin,
        _data: answer,
        _errorCode: 0,
        _responseType: 0,
        _serializerVersion: message._serializerVersion
      }), event.origin);
    }, 5);
  });
})();
