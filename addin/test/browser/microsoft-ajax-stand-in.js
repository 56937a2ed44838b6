/*
 * Answer for https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js in the browser tests.
 * Outlook's office.js host files load that script before Office.onReady can resolve. No npm package ships
 * it, so the tests serve this stand-in in its place: what matters to them is that the pane lets the host
 * file load a script from that address (the Content-Security-Policy) and that office.js then finds what it
 * checks for (the same test as OfficeExt.MicrosoftAjaxFactory.isMsAjaxLoaded) and goes on initialising.
 * It defines those members and the few office.js calls on its way (parameter validation, serialisation,
 * error factories, trace), following MicrosoftAjax's documented behaviour.
 */
(function () {
  "use strict";
  var global = window;
  global.Type = Function;
  Function.registerNamespace = function (name) {
    var scope = global;
    name.split(".").forEach(function (part) {
      scope[part] = scope[part] || {};
      scope = scope[part];
    });
    return scope;
  };
  Function.prototype.registerClass = function (name) {
    this.__typeName = name;
    this.__class = true;
    return this;
  };
  Function.prototype.registerEnum = function (name) {
    this.__typeName = name;
    this.__enum = true;
    return this;
  };
  Function.prototype.registerInterface = function (name) {
    this.__typeName = name;
    this.__interface = true;
    return this;
  };
  /* MicrosoftAjax's debug-mode argument checks; the release build returns null (no error) as well. */
  Function._validateParams = function () {
    return null;
  };

  var Sys = global.Sys = global.Sys || {};
  function namedError(name) {
    return function (paramName, message) {
      var error = new Error(message || name + (paramName ? ": " + paramName : ""));
      error.name = name;
      error.paramName = paramName;
      return error;
    };
  }
  Sys.ArgumentException = namedError("Sys.ArgumentException");
  Sys.ArgumentNullException = namedError("Sys.ArgumentNullException");
  Sys.ArgumentOutOfRangeException = namedError("Sys.ArgumentOutOfRangeException");
  Sys.ArgumentTypeException = namedError("Sys.ArgumentTypeException");
  Sys.ParameterCountException = namedError("Sys.ParameterCountException");
  Error.argument = Sys.ArgumentException;
  Error.argumentNull = Sys.ArgumentNullException;
  Error.argumentOutOfRange = Sys.ArgumentOutOfRangeException;
  Error.argumentType = function (paramName, actualType, expectedType, message) {
    return Sys.ArgumentTypeException(paramName, message);
  };
  Error.parameterCount = function (message) {
    return Sys.ParameterCountException(null, message);
  };
  Error.invalidOperation = namedError("Sys.InvalidOperationException");
  Error.notImplemented = namedError("Sys.NotImplementedException");

  Sys.StringBuilder = function (initial) {
    this._parts = initial ? [initial] : [];
  };
  Sys.StringBuilder.prototype = {
    append: function (text) {
      this._parts.push(text);
    },
    appendLine: function (text) {
      this._parts.push((text || "") + "\r\n");
    },
    clear: function () {
      this._parts = [];
    },
    isEmpty: function () {
      return this._parts.length === 0;
    },
    toString: function (separator) {
      return this._parts.join(separator || "");
    }
  };
  Sys.Serialization = {
    JavaScriptSerializer: {
      serialize: function (value) {
        return JSON.stringify(value);
      },
      deserialize: function (text) {
        return JSON.parse(text);
      }
    }
  };
  Sys.Debug = {
    trace: function () {},
    traceDump: function () {},
    assert: function () {},
    fail: function () {}
  };
  Sys.Browser = { InternetExplorer: {}, Firefox: {}, Safari: {}, Opera: {}, agent: null, version: 0, name: navigator.userAgent };
  global.__microsoftAjaxLoaded = true;
})();
