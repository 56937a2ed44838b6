/*
 * SocialToolkit task pane logic: pure functions shared by the page (taskpane.js) and the Node tests.
 * Nothing here touches the DOM. Office objects (mail item, roaming settings) are passed in as
 * parameters so the same code runs against office.js, office-addin-mock and the browser test's fake.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = factory();
  } else {
    root.SocialGuidelines = factory();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var SUPPORTED_LANGUAGES = ["fr", "en"];
  var SETTINGS_KEY = "socialtoolkit.placeholders";
  var LANGUAGE_KEY = "socialtoolkit.language";
  var CACHE_KEY = "socialtoolkit.catalog.v1";
  /* Where personal values live when the host offers no roaming settings (pane opened outside Outlook). */
  var LOCAL_SETTINGS_KEY = "socialtoolkit.placeholders.local";
  var MAX_PLACEHOLDER_VALUE_LENGTH = 200;
  /* How long Office may take to say it is ready before the pane carries on without it. */
  var OFFICE_READY_TIMEOUT_MS = 5000;
  /* Typing pauses this long before the list is filtered: one filter per burst of keys, not per key. */
  var SEARCH_DEBOUNCE_MS = 80;
  /* The list shows at most this many matches; the status line says how many there are in all. */
  var LIST_LIMIT = 200;
  var PLACEHOLDER_PATTERN = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

  /*
   * The snippet HTML rule is data, in snippet-html.json next to this file, shared with the catalog checker
   * and the PowerShell module. TEXT_ONLY_RULES is what the pane uses if that file cannot be read: every
   * element is unwrapped, so a tip is still readable and nothing it holds can act.
   */
  var TEXT_ONLY_RULES = Object.freeze({
    elements: {},
    urlAttributes: [],
    urlSchemes: [],
    droppedWithContent: ["script", "style", "template", "iframe", "frame", "frameset", "object", "embed",
      "noscript", "noembed", "textarea", "select", "svg", "math", "head", "title"]
  });

  /**
   * DOMPurify configuration built from the shared rule. An allow-list, not a block-list: anything a catalog
   * editor could smuggle in (scripts, handlers, styles, frames, forms, images that call home) is simply not
   * on it. A fresh object on every call, because DOMPurify may annotate the object it is given.
   */
  function purifyConfig(rules) {
    var rule = rules && rules.elements ? rules : TEXT_ONLY_RULES;
    var attributes = [];
    Object.keys(rule.elements).forEach(function (element) {
      rule.elements[element].forEach(function (attribute) {
        if (attributes.indexOf(attribute) < 0) {
          attributes.push(attribute);
        }
      });
    });
    var schemes = rule.urlSchemes.map(function (scheme) {
      return scheme.replace(/[^a-z0-9+.-]/gi, "");
    });
    return {
      ALLOWED_TAGS: Object.keys(rule.elements),
      ALLOWED_ATTR: attributes,
      /* Only the listed schemes; a relative or scheme-less address matches nothing and is dropped. */
      ALLOWED_URI_REGEXP: new RegExp("^(?:" + (schemes.length ? schemes.join("|") : "(?!)") + "):", "i"),
      FORBID_TAGS: rule.droppedWithContent.slice(),
      /* Added to DOMPurify's own list: these elements go with their content, as in the module's sanitiser. */
      ADD_FORBID_CONTENTS: rule.droppedWithContent.slice(),
      ALLOW_DATA_ATTR: false,
      ALLOW_ARIA_ATTR: false,
      ALLOW_UNKNOWN_PROTOCOLS: false,
      KEEP_CONTENT: true,
      WHOLE_DOCUMENT: false,
      RETURN_DOM: false,
      RETURN_DOM_FRAGMENT: false
    };
  }

  /**
   * Picks the pane language: the user's explicit choice first, then Office's display language
   * ("fr-FR", "en-GB"...), then the catalog's default, then the first language the catalog has.
   */
  function chooseLanguage(displayLanguage, available, defaultLanguage, savedChoice) {
    var languages = (available && available.length ? available : SUPPORTED_LANGUAGES).map(function (l) {
      return String(l).toLowerCase();
    });
    function pick(candidate) {
      if (!candidate) {
        return null;
      }
      var primary = String(candidate).toLowerCase().split(/[-_]/)[0];
      return languages.indexOf(primary) >= 0 ? primary : null;
    }
    return pick(savedChoice) || pick(displayLanguage) || pick(defaultLanguage) || languages[0];
  }

  /**
   * Folds text for matching: lower case, no diacritics ("Réseau" -> "reseau"), ligatures expanded,
   * apostrophes unified, so people can type fast on a phone-less keyboard layout and still match.
   */
  function normalizeText(text) {
    return String(text == null ? "" : text)
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/œ/gi, "oe")
      .replace(/æ/gi, "ae")
      .replace(/ß/g, "ss")
      .replace(/[\u2018\u2019\u02bc]/g, "'")
      .toLowerCase()
      .replace(/\s+/g, " ")
      .trim();
  }

  var NAMED_ENTITIES = {
    amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: "\u00a0", laquo: "\u00ab", raquo: "\u00bb",
    rsquo: "\u2019", lsquo: "\u2018", ldquo: "\u201c", rdquo: "\u201d", hellip: "\u2026", ndash: "\u2013",
    mdash: "\u2014", eacute: "\u00e9", egrave: "\u00e8", agrave: "\u00e0", ccedil: "\u00e7", euro: "\u20ac"
  };

  function decodeEntities(text) {
    return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, function (match, code) {
      if (code.charAt(0) === "#") {
        var isHex = code.charAt(1) === "x" || code.charAt(1) === "X";
        var point = parseInt(code.slice(isHex ? 2 : 1), isHex ? 16 : 10);
        return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : "";
      }
      var named = NAMED_ENTITIES[code.toLowerCase()];
      return named === undefined ? match : named;
    });
  }

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&#39;");
  }

  function attributeValue(attributes, name) {
    var match = new RegExp("\\b" + name + "\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", "i").exec(attributes || "");
    if (!match) {
      return null;
    }
    return decodeEntities(match[2] !== undefined ? match[2] : match[3] !== undefined ? match[3] : match[4]);
  }

  /**
   * Converts the simple snippet HTML to plain text for plain-text mail bodies: paragraphs become blank
   * lines, list items get "- " or "1. ", a link keeps its address in brackets so it still works in text.
   * String-based on purpose: it must run in Node (tests, no DOM) exactly as in the page.
   */
  function htmlToText(html) {
    var source = String(html == null ? "" : html)
      .replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, "");
    var output = "";
    var lists = [];
    var links = [];
    var tagPattern = /<\/?([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|([^<]+)|(<)/g;
    var match;
    function newline(count) {
      var trailing = /\n*$/.exec(output)[0].length;
      if (output.length === 0) {
        return;
      }
      for (var i = trailing; i < count; i++) {
        output += "\n";
      }
    }
    while ((match = tagPattern.exec(source)) !== null) {
      if (match[3] !== undefined || match[4] !== undefined) {
        var text = decodeEntities(match[3] !== undefined ? match[3] : match[4]).replace(/[ \t\r\n\f]+/g, " ");
        if (/\n$/.test(output) || output.length === 0) {
          text = text.replace(/^ /, "");
        }
        output += text;
        continue;
      }
      var tag = match[1].toLowerCase();
      var closing = match[0].charAt(1) === "/";
      if (tag === "br") {
        output = output.replace(/ +$/, "") + "\n";
      } else if (tag === "p" || tag === "div") {
        output = output.replace(/ +$/, "");
        newline(2);
      } else if (tag === "ul" || tag === "ol") {
        output = output.replace(/ +$/, "");
        if (closing) {
          lists.pop();
          newline(lists.length ? 1 : 2);
        } else {
          newline(lists.length ? 1 : 2);
          lists.push({ ordered: tag === "ol", counter: 0 });
        }
      } else if (tag === "li") {
        output = output.replace(/ +$/, "");
        if (!closing) {
          newline(1);
          var list = lists[lists.length - 1] || { ordered: false, counter: 0 };
          list.counter += 1;
          var indent = new Array(Math.max(lists.length - 1, 0) + 1).join("  ");
          output += indent + (list.ordered ? list.counter + ". " : "- ");
        }
      } else if (tag === "a") {
        if (closing) {
          var link = links.pop();
          if (link && link.href) {
            var shown = link.href.replace(/^mailto:/i, "");
            var linkText = output.slice(link.start).trim();
            if (normalizeText(linkText) !== normalizeText(shown) && normalizeText(linkText) !== normalizeText(link.href)) {
              output += " (" + shown + ")";
            }
          }
        } else {
          links.push({ href: attributeValue(match[2], "href"), start: output.length });
        }
      }
    }
    return output
      .replace(/\u00a0/g, " ")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }

  /** Names of the {{placeholders}} a piece of text uses, in order, without duplicates. */
  function placeholdersIn(text) {
    var names = [];
    String(text == null ? "" : text).replace(PLACEHOLDER_PATTERN, function (whole, name) {
      if (names.indexOf(name) < 0) {
        names.push(name);
      }
      return whole;
    });
    return names;
  }

  /**
   * Replaces {{name}} with the user's value. Values are HTML-escaped when the target is HTML, because a
   * value typed in the settings panel must never become markup. Unknown or empty values leave the
   * placeholder visible so the writer sees what is still to be completed.
   */
  function fillPlaceholders(text, values, options) {
    var asHtml = !options || options.html !== false;
    var filled = [];
    var missing = [];
    var result = String(text == null ? "" : text).replace(PLACEHOLDER_PATTERN, function (whole, name) {
      var value = values && Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]).trim() : "";
      if (!value) {
        if (missing.indexOf(name) < 0) {
          missing.push(name);
        }
        return whole;
      }
      if (filled.indexOf(name) < 0) {
        filled.push(name);
      }
      return asHtml ? escapeHtml(value) : value;
    });
    return { text: result, filled: filled, missing: missing };
  }

  /** Cleans values typed in the settings panel: only declared names, trimmed, bounded, no control chars. */
  function sanitizeSettings(values, declaredNames) {
    var clean = {};
    if (!values || typeof values !== "object") {
      return clean;
    }
    (declaredNames || Object.keys(values)).forEach(function (name) {
      if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name) || !Object.prototype.hasOwnProperty.call(values, name)) {
        return;
      }
      var value = values[name];
      if (typeof value !== "string") {
        return;
      }
      value = value.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, MAX_PLACEHOLDER_VALUE_LENGTH);
      if (value) {
        clean[name] = value;
      }
    });
    return clean;
  }

  /**
   * The values a tip is filled with: the organisation's (placeholders[].value in the catalog, set in the
   * workbook or at deployment) overridden by the person's own.
   */
  function effectiveValues(catalog, personal) {
    var values = {};
    (catalog && catalog.placeholders || []).forEach(function (placeholder) {
      if (typeof placeholder.value === "string" && placeholder.value.trim()) {
        values[placeholder.name] = placeholder.value.trim();
      }
    });
    Object.keys(personal || {}).forEach(function (name) {
      if (typeof personal[name] === "string" && personal[name].trim()) {
        values[name] = personal[name].trim();
      }
    });
    return values;
  }

  /** True when text still holds a {{placeholder}}: such text must never reach a message. */
  function hasUnfilledPlaceholder(text) {
    return new RegExp(PLACEHOLDER_PATTERN.source).test(String(text == null ? "" : text));
  }

  function localized(map, language, fallback) {
    if (!map || typeof map !== "object") {
      return "";
    }
    return map[language] || map[fallback] || map[Object.keys(map)[0]] || "";
  }

  /**
   * Keeps what the pane can show and drops malformed entries instead of failing the whole catalog:
   * a catalog edited by hand in Excel should degrade, not blank the pane.
   */
  function normalizeCatalog(raw) {
    if (!raw || typeof raw !== "object" || !Array.isArray(raw.snippets)) {
      throw new Error("The guideline catalog has no snippet list.");
    }
    var languages = Array.isArray(raw.languages) && raw.languages.length ? raw.languages.slice() : SUPPORTED_LANGUAGES.slice();
    var categories = Array.isArray(raw.categories) ? raw.categories.filter(function (c) {
      return c && typeof c.id === "string" && c.title && typeof c.title === "object";
    }) : [];
    var seen = {};
    var snippets = raw.snippets.filter(function (s) {
      var ok = s && typeof s.id === "string" && !seen[s.id] && s.title && typeof s.title === "object" &&
        s.body && typeof s.body === "object";
      if (ok) {
        seen[s.id] = true;
      }
      return ok;
    }).map(function (s) {
      return {
        id: s.id,
        category: typeof s.category === "string" ? s.category : "",
        tags: Array.isArray(s.tags) ? s.tags.filter(function (t) { return typeof t === "string"; }) : [],
        title: s.title,
        body: s.body
      };
    });
    return {
      schemaVersion: raw.schemaVersion,
      catalogVersion: typeof raw.catalogVersion === "string" ? raw.catalogVersion : "",
      defaultLanguage: typeof raw.defaultLanguage === "string" ? raw.defaultLanguage : languages[0],
      languages: languages,
      placeholders: Array.isArray(raw.placeholders) ? raw.placeholders.filter(function (p) {
        return p && typeof p.name === "string";
      }).map(function (p) {
        return {
          name: p.name,
          label: p.label && typeof p.label === "object" ? p.label : {},
          example: typeof p.example === "string" ? p.example : "",
          value: typeof p.value === "string" ? p.value : ""
        };
      }) : [],
      categories: categories,
      snippets: snippets
    };
  }

  /**
   * Precomputes the folded search text of every snippet for one language, so typing stays instant with
   * large catalogs (each keystroke then only does substring tests).
   */
  function buildSearchIndex(catalog, language) {
    var categoryTitles = {};
    catalog.categories.forEach(function (c) {
      categoryTitles[c.id] = localized(c.title, language, catalog.defaultLanguage);
    });
    return catalog.snippets.map(function (snippet) {
      var title = localized(snippet.title, language, catalog.defaultLanguage);
      var body = htmlToText(localized(snippet.body, language, catalog.defaultLanguage));
      return {
        snippet: snippet,
        title: title,
        text: normalizeText([title, body, snippet.tags.join(" "), categoryTitles[snippet.category] || ""].join(" \n "))
      };
    });
  }

  function matches(entry, words, categoryId) {
    if (categoryId && entry.snippet.category !== categoryId) {
      return false;
    }
    for (var i = 0; i < words.length; i++) {
      if (entry.text.indexOf(words[i]) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Filters by category and by query. Every word of the query must appear (in any order) in the title,
   * body text, tags or category name, ignoring case and accents: "reseau" finds "réseau".
   */
  function searchSnippets(index, query, categoryId) {
    var words = normalizeText(query).split(" ").filter(Boolean);
    return index.filter(function (entry) {
      return matches(entry, words, categoryId);
    }).map(function (entry) {
      return entry.snippet;
    });
  }

  /**
   * The same search, incremental: while a query only grows ("re", "res", "rese"...) in the same category,
   * each keystroke filters the previous matches instead of the whole catalog, because a text holding
   * "rese" also holds "res". Returns positions in the index, in catalog order.
   */
  function createSearch(index) {
    var last = null;
    return function search(query, categoryId) {
      var folded = normalizeText(query);
      var words = folded.split(" ").filter(Boolean);
      var category = categoryId || "";
      var candidates = null;
      if (last && last.category === category && folded.indexOf(last.folded) === 0) {
        candidates = last.positions;
      }
      var positions = [];
      if (candidates) {
        for (var c = 0; c < candidates.length; c++) {
          if (matches(index[candidates[c]], words, category)) {
            positions.push(candidates[c]);
          }
        }
      } else {
        for (var i = 0; i < index.length; i++) {
          if (matches(index[i], words, category)) {
            positions.push(i);
          }
        }
      }
      last = { folded: folded, category: category, positions: positions };
      return positions;
    };
  }

  /**
   * Light or dark: Office's own theme when the host gives one (its body background colour), otherwise the
   * system's preference. Office follows its own setting, which may differ from the system's.
   */
  function chooseTheme(officeTheme, systemPrefersDark) {
    var background = officeTheme && typeof officeTheme.bodyBackgroundColor === "string" ? officeTheme.bodyBackgroundColor : "";
    var hex = /^#?([0-9a-f]{6})$/i.exec(background.trim());
    if (hex) {
      var value = parseInt(hex[1], 16);
      var channel = function (shift) {
        var c = ((value >> shift) & 255) / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
      };
      var luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
      return luminance < 0.2 ? "dark" : "light";
    }
    return systemPrefersDark ? "dark" : "light";
  }

  /** HTML bodies get the HTML; plain-text bodies get converted text, since HTML into them fails. */
  function chooseCoercion(bodyType, html, office) {
    /* office.js defines CoercionType.Html only once an Outlook host file is loaded; the values are these strings. */
    var coercion = office && office.CoercionType ? office.CoercionType : {};
    coercion = { Html: coercion.Html || "html", Text: coercion.Text || "text" };
    if (String(bodyType).toLowerCase() === "html") {
      return { coercionType: coercion.Html, data: html };
    }
    return { coercionType: coercion.Text, data: htmlToText(html) };
  }

  function succeeded(asyncResult, office) {
    var status = office && office.AsyncResultStatus ? office.AsyncResultStatus.Succeeded : "succeeded";
    return Boolean(asyncResult) && asyncResult.status === status;
  }

  /**
   * An Error for the pane: `step` is a stable key the page translates, `detail` is the host's own
   * (already localised) explanation, `message` is an English rendering of both for logs and tests.
   */
  function failure(step, asyncResult) {
    var detail = asyncResult && asyncResult.error ? asyncResult.error.message || asyncResult.error.name || "" : "";
    var summary = UI_TEXT.en.failures[step];
    var error = new Error(detail ? summary + ": " + detail : summary + ".");
    error.step = step;
    error.detail = detail;
    error.code = asyncResult && asyncResult.error ? asyncResult.error.code : undefined;
    return error;
  }

  /** The failure as the user reads it, in the pane's language. */
  function describeFailure(error, language) {
    var steps = uiText(language).failures;
    if (!error || !error.step || !steps[error.step]) {
      return error && error.message ? error.message : String(error);
    }
    if (!error.detail) {
      return steps[error.step] + ".";
    }
    /* French typography puts a space before the colon. */
    return steps[error.step] + (language === "fr" ? " : " : ": ") + error.detail;
  }

  /**
   * Inserts at the cursor of the message being written: getTypeAsync, then setSelectedDataAsync with the
   * matching coercion. Resolves with what was inserted; rejects with an Error whose message can be shown.
   */
  function insertIntoBody(item, html, office) {
    return new Promise(function (resolve, reject) {
      if (!item || !item.body) {
        reject(failure("noItem"));
        return;
      }
      if (hasUnfilledPlaceholder(html)) {
        reject(failure("unfilled"));
        return;
      }
      item.body.getTypeAsync(function (typeResult) {
        if (!succeeded(typeResult, office)) {
          reject(failure("readFormat", typeResult));
          return;
        }
        var choice = chooseCoercion(typeResult.value, html, office);
        item.body.setSelectedDataAsync(choice.data, { coercionType: choice.coercionType }, function (setResult) {
          if (!succeeded(setResult, office)) {
            reject(failure("insert", setResult));
            return;
          }
          resolve(choice);
        });
      });
    });
  }

  function readSettings(roamingSettings, declaredNames) {
    if (!roamingSettings) {
      return { values: {}, language: null };
    }
    var stored = roamingSettings.get(SETTINGS_KEY);
    var language = roamingSettings.get(LANGUAGE_KEY);
    return {
      values: sanitizeSettings(stored, declaredNames),
      language: typeof language === "string" && SUPPORTED_LANGUAGES.indexOf(language) >= 0 ? language : null
    };
  }

  /** Stores placeholder values (and optionally the language choice) in the mailbox, so they follow the user. */
  function saveSettings(roamingSettings, values, language, office) {
    return new Promise(function (resolve, reject) {
      if (!roamingSettings) {
        reject(failure("noSettings"));
        return;
      }
      var clean = sanitizeSettings(values);
      roamingSettings.set(SETTINGS_KEY, clean);
      if (language) {
        roamingSettings.set(LANGUAGE_KEY, language);
      }
      roamingSettings.saveAsync(function (asyncResult) {
        if (!succeeded(asyncResult, office)) {
          reject(failure("save", asyncResult));
          return;
        }
        resolve(clean);
      });
    });
  }

  /**
   * The catalog address relative to the pane, resolved and kept on the pane's own origin: the catalog
   * is the add-in's own file, and a cross-origin address would be a configuration mistake or an attack.
   */
  function resolveCatalogUrl(relative, pageUrl) {
    var resolved = new URL(relative || "../catalog/guidelines.json", pageUrl);
    var page = new URL(pageUrl);
    if (resolved.origin !== page.origin) {
      throw failure("catalogOrigin");
    }
    return resolved.href;
  }

  /**
   * A stand-in for Office's roaming settings kept in the browser's storage, for a pane opened where the
   * host offers none: the person's values then stay on this device instead of following the mailbox.
   */
  function localSettingsStore(storage) {
    var values = {};
    try {
      values = JSON.parse(storage && storage.getItem(LOCAL_SETTINGS_KEY) || "{}") || {};
    } catch (e) {
      values = {};
    }
    return {
      local: true,
      get: function (name) {
        return values[name];
      },
      set: function (name, value) {
        values[name] = value;
      },
      saveAsync: function (callback) {
        try {
          storage.setItem(LOCAL_SETTINGS_KEY, JSON.stringify(values));
          callback({ status: "succeeded" });
        } catch (e) {
          callback({ status: "failed", error: { message: e && e.message ? e.message : String(e) } });
        }
      }
    };
  }

  function readCache(storage) {
    try {
      var cached = storage ? storage.getItem(CACHE_KEY) : null;
      return cached ? normalizeCatalog(JSON.parse(cached)) : null;
    } catch (e) {
      return null;
    }
  }

  /**
   * Fetches the catalog and keeps a copy in storage. When the fetch fails the last good copy is used, and
   * the result says why, because the cases call for different people: `offline` (the network: the person
   * can wait), `unavailable` (the server answered with an error: IT), `broken` (the published file is not a
   * valid catalog: whoever published it). A catalog too large to keep removes the previous copy, so a later
   * offline start never shows content older than what was just read.
   */
  function loadCatalog(options) {
    var fetchImpl = options.fetch;
    var storage = options.storage;
    function fallBack(problem, reason) {
      var cached = readCache(storage);
      if (!cached) {
        var error = failure(problem === "broken" ? "brokenCatalog" : "noCatalog", { error: { message: reason } });
        error.problem = problem;
        throw error;
      }
      return { catalog: cached, source: "cache", problem: problem, reason: reason };
    }
    return Promise.resolve()
      .then(function () {
        return fetchImpl(options.url, { cache: "no-cache", credentials: "same-origin" });
      })
      .then(function (response) {
        if (!response.ok) {
          return fallBack("unavailable", "HTTP " + response.status);
        }
        return response.text().then(function (text) {
          var catalog;
          try {
            catalog = normalizeCatalog(JSON.parse(text));
          } catch (e) {
            return fallBack("broken", e && e.message ? e.message : "invalid catalog");
          }
          var cached = true;
          try {
            if (storage) {
              storage.setItem(CACHE_KEY, text);
            }
          } catch (e) {
            /* Full or disabled storage: drop the older copy rather than keep one that is now out of date. */
            cached = false;
            try {
              storage.removeItem(CACHE_KEY);
            } catch (ignored) {
              /* Nothing more can be done with a storage that refuses both. */
            }
          }
          return { catalog: catalog, source: "network", cached: cached };
        });
      }, function (error) {
        return fallBack("offline", error && error.message ? error.message : "network error");
      });
  }

  /* Interface text, kept with the logic so both languages are checked for the same keys in tests. */
  var UI_TEXT = {
    fr: {
      appTitle: "Conseils réseaux sociaux",
      languageGroup: "Langue",
      settings: "Paramètres",
      settingsTitle: "Vos valeurs",
      settingsHint: "Ces valeurs remplacent les champs entre accolades dans les conseils. Laissez un champ vide pour garder la valeur de votre organisation. Elles sont enregistrées dans votre boîte aux lettres.",
      settingsHintLocal: "Ces valeurs remplacent les champs entre accolades dans les conseils. Laissez un champ vide pour garder la valeur de votre organisation. Hors d'Outlook, elles restent sur cet appareil.",
      organisationValue: function (value) { return "Valeur de l'organisation : " + value; },
      save: "Enregistrer",
      saved: "Paramètres enregistrés.",
      search: "Rechercher",
      searchPlaceholder: "Ex. : réseau, téléphone…",
      category: "Catégorie",
      allCategories: "Toutes les catégories",
      results: "Conseils",
      count: function (n) { return n === 0 ? "Aucun conseil" : n === 1 ? "1 conseil" : n + " conseils"; },
      listed: function (n) { return "les " + n + " premiers affichés : précisez la recherche"; },
      noResults: "Aucun conseil ne correspond à cette recherche.",
      insert: "Insérer dans le message",
      copy: "Copier",
      inserted: "Conseil inséré dans le message.",
      copied: "Conseil copié : collez-le dans votre message.",
      copyFailed: "La copie n'est pas autorisée ici : sélectionnez le texte de l'aperçu et copiez-le.",
      missingTitle: "À compléter avant d'insérer",
      missingHint: "Ce conseil utilise des valeurs que ni votre organisation ni vous n'avez renseignées. Elles seront enregistrées dans vos paramètres.",
      fillAndInsert: "Enregistrer et insérer",
      fillAndCopy: "Enregistrer et copier",
      loading: "Chargement des conseils…",
      offline: "Hors ligne : copie enregistrée du catalogue.",
      unavailable: function (reason) { return "Le catalogue publié est indisponible (" + reason + ") : copie enregistrée."; },
      broken: function (reason) { return "Le catalogue publié est invalide (" + reason + ") : copie enregistrée. Prévenez l'équipe qui le publie."; },
      notCached: "Catalogue trop volumineux pour être gardé hors ligne.",
      catalogVersion: "Catalogue ",
      officeWaiting: "Outlook ne répond pas encore. Vous pouvez parcourir et copier les conseils ; pour les insérer, réessayez.",
      retry: "Réessayer",
      noMailbox: "Ouvrez ce volet depuis un message en cours de rédaction pour insérer un conseil.",
      errorPrefix: "Erreur : ",
      listHelp: "Flèches pour parcourir, Entrée pour insérer.",
      searchHelp: "Entrée ou flèche bas pour aller à la liste.",
      help: "Aide",
      failures: {
        noItem: "Aucun message n'est en cours de rédaction",
        readFormat: "Impossible de lire le format du message",
        insert: "Impossible d'insérer le texte",
        unfilled: "Le conseil contient encore des champs à compléter",
        noSettings: "Les paramètres ne sont pas disponibles ici",
        save: "Impossible d'enregistrer les paramètres",
        catalogOrigin: "Le catalogue doit être servi par le complément lui-même",
        noCatalog: "Impossible de charger les conseils, et aucune copie hors ligne n'existe",
        brokenCatalog: "Le catalogue publié est invalide, et aucune copie hors ligne n'existe. Prévenez l'équipe qui le publie"
      }
    },
    en: {
      appTitle: "Social media tips",
      languageGroup: "Language",
      settings: "Settings",
      settingsTitle: "Your values",
      settingsHint: "These values replace the fields in braces in the tips. Leave a field empty to keep your organisation's value. They are saved in your mailbox.",
      settingsHintLocal: "These values replace the fields in braces in the tips. Leave a field empty to keep your organisation's value. Outside Outlook they stay on this device.",
      organisationValue: function (value) { return "Organisation's value: " + value; },
      save: "Save",
      saved: "Settings saved.",
      search: "Search",
      searchPlaceholder: "E.g. network, phone…",
      category: "Category",
      allCategories: "All categories",
      results: "Tips",
      count: function (n) { return n === 0 ? "No tips" : n === 1 ? "1 tip" : n + " tips"; },
      listed: function (n) { return "first " + n + " shown: refine the search"; },
      noResults: "No tip matches this search.",
      insert: "Insert into message",
      copy: "Copy",
      inserted: "Tip inserted into the message.",
      copied: "Tip copied: paste it into your message.",
      copyFailed: "Copying is not allowed here: select the preview's text and copy it.",
      missingTitle: "To complete before inserting",
      missingHint: "This tip uses values that neither your organisation nor you have set. They will be saved in your settings.",
      fillAndInsert: "Save and insert",
      fillAndCopy: "Save and copy",
      loading: "Loading tips…",
      offline: "Offline: saved copy of the catalog.",
      unavailable: function (reason) { return "The published catalog is unavailable (" + reason + "): saved copy."; },
      broken: function (reason) { return "The published catalog is invalid (" + reason + "): saved copy. Tell the team that publishes it."; },
      notCached: "Catalog too large to keep offline.",
      catalogVersion: "Catalog ",
      officeWaiting: "Outlook is not responding yet. You can browse and copy tips; to insert them, retry.",
      retry: "Retry",
      noMailbox: "Open this pane from a message you are writing to insert a tip.",
      errorPrefix: "Error: ",
      listHelp: "Arrow keys to browse, Enter to insert.",
      searchHelp: "Enter or Down arrow to go to the list.",
      help: "Help",
      failures: {
        noItem: "No message is being written",
        readFormat: "Could not read the message format",
        insert: "Could not insert the text",
        unfilled: "The tip still has fields to complete",
        noSettings: "Settings are not available here",
        save: "Could not save the settings",
        catalogOrigin: "The catalog must be served from the add-in's own origin",
        noCatalog: "The tips could not be loaded and no offline copy exists",
        brokenCatalog: "The published catalog is invalid and no offline copy exists. Tell the team that publishes it"
      }
    }
  };

  /* The support page's sections, one anchor per topic and language, so each language's link lands on its own text. */
  function supportAnchor(topic, language) {
    return topic + "-" + (SUPPORTED_LANGUAGES.indexOf(language) >= 0 ? language : SUPPORTED_LANGUAGES[0]);
  }

  function uiText(language) {
    return UI_TEXT[language] || UI_TEXT.fr;
  }

  return {
    UI_TEXT: UI_TEXT,
    uiText: uiText,
    describeFailure: describeFailure,
    SUPPORTED_LANGUAGES: SUPPORTED_LANGUAGES,
    SETTINGS_KEY: SETTINGS_KEY,
    LANGUAGE_KEY: LANGUAGE_KEY,
    CACHE_KEY: CACHE_KEY,
    LOCAL_SETTINGS_KEY: LOCAL_SETTINGS_KEY,
    OFFICE_READY_TIMEOUT_MS: OFFICE_READY_TIMEOUT_MS,
    SEARCH_DEBOUNCE_MS: SEARCH_DEBOUNCE_MS,
    LIST_LIMIT: LIST_LIMIT,
    MAX_PLACEHOLDER_VALUE_LENGTH: MAX_PLACEHOLDER_VALUE_LENGTH,
    TEXT_ONLY_RULES: TEXT_ONLY_RULES,
    purifyConfig: purifyConfig,
    chooseLanguage: chooseLanguage,
    chooseTheme: chooseTheme,
    normalizeText: normalizeText,
    decodeEntities: decodeEntities,
    escapeHtml: escapeHtml,
    htmlToText: htmlToText,
    placeholdersIn: placeholdersIn,
    fillPlaceholders: fillPlaceholders,
    effectiveValues: effectiveValues,
    hasUnfilledPlaceholder: hasUnfilledPlaceholder,
    sanitizeSettings: sanitizeSettings,
    localized: localized,
    normalizeCatalog: normalizeCatalog,
    buildSearchIndex: buildSearchIndex,
    searchSnippets: searchSnippets,
    createSearch: createSearch,
    chooseCoercion: chooseCoercion,
    insertIntoBody: insertIntoBody,
    readSettings: readSettings,
    saveSettings: saveSettings,
    localSettingsStore: localSettingsStore,
    resolveCatalogUrl: resolveCatalogUrl,
    loadCatalog: loadCatalog,
    supportAnchor: supportAnchor
  };
});
