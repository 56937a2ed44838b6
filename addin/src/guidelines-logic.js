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
  var MAX_PLACEHOLDER_VALUE_LENGTH = 200;
  var PLACEHOLDER_PATTERN = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

  /*
   * DOMPurify configuration. An allow-list rather than a block-list: anything a catalog editor could
   * smuggle in (scripts, handlers, styles, frames, forms, images that call home) is simply not on it.
   * Links are limited to https: and mailto: because the text ends up in mail sent outside the company.
   */
  var PURIFY_CONFIG = Object.freeze({
    ALLOWED_TAGS: ["p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a"],
    ALLOWED_ATTR: ["href", "title"],
    ALLOWED_URI_REGEXP: /^(?:https:|mailto:)/i,
    FORBID_TAGS: ["script", "style", "iframe", "frame", "object", "embed", "form", "input", "button",
      "textarea", "select", "img", "svg", "math", "link", "meta", "base", "video", "audio", "source"],
    FORBID_ATTR: ["style", "srcset", "src", "action", "formaction", "xlink:href"],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    WHOLE_DOCUMENT: false,
    RETURN_DOM: false,
    RETURN_DOM_FRAGMENT: false
  });

  /** A fresh, mutable copy: DOMPurify may annotate the object it is given. */
  function purifyConfig() {
    var copy = {};
    Object.keys(PURIFY_CONFIG).forEach(function (key) {
      var value = PURIFY_CONFIG[key];
      copy[key] = Array.isArray(value) ? value.slice() : value;
    });
    return copy;
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

  /**
   * Filters by category and by query. Every word of the query must appear (in any order) in the title,
   * body text, tags or category name, ignoring case and accents: "reseau" finds "réseau".
   */
  function searchSnippets(index, query, categoryId) {
    var words = normalizeText(query).split(" ").filter(Boolean);
    return index.filter(function (entry) {
      if (categoryId && entry.snippet.category !== categoryId) {
        return false;
      }
      for (var i = 0; i < words.length; i++) {
        if (entry.text.indexOf(words[i]) < 0) {
          return false;
        }
      }
      return true;
    }).map(function (entry) {
      return entry.snippet;
    });
  }

  /** HTML bodies get the HTML; plain-text bodies get converted text, since HTML into them fails. */
  function chooseCoercion(bodyType, html, office) {
    var coercion = office && office.CoercionType ? office.CoercionType : { Html: "html", Text: "text" };
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
   * Fetches the catalog and keeps a copy in storage; when the network or the server fails, the last
   * good copy is used so the pane still works offline (a plane, a train, a flaky hotel Wi-Fi).
   */
  function loadCatalog(options) {
    var fetchImpl = options.fetch;
    var storage = options.storage;
    function fromCache(reason) {
      var cached = null;
      try {
        cached = storage ? storage.getItem(CACHE_KEY) : null;
      } catch (e) {
        cached = null;
      }
      if (!cached) {
        throw failure("noCatalog", { error: { message: reason } });
      }
      return { catalog: normalizeCatalog(JSON.parse(cached)), source: "cache", reason: reason };
    }
    return Promise.resolve()
      .then(function () {
        return fetchImpl(options.url, { cache: "no-cache", credentials: "same-origin" });
      })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (text) {
        var catalog = normalizeCatalog(JSON.parse(text));
        try {
          if (storage) {
            storage.setItem(CACHE_KEY, text);
          }
        } catch (e) {
          /* A full or disabled storage only costs the offline copy; the pane keeps working. */
        }
        return { catalog: catalog, source: "network" };
      }, function (error) {
        return fromCache(error && error.message ? error.message : "network error");
      })
      .catch(function (error) {
        if (error && error.step === "noCatalog") {
          throw error;
        }
        return fromCache(error && error.message ? error.message : "invalid catalog");
      });
  }

  /* Interface text, kept with the logic so both languages are checked for the same keys in tests. */
  var UI_TEXT = {
    fr: {
      appTitle: "Conseils réseaux sociaux",
      languageGroup: "Langue",
      settings: "Paramètres",
      settingsTitle: "Vos valeurs",
      settingsHint: "Ces valeurs remplacent les champs entre accolades dans les conseils. Elles sont enregistrées dans votre boîte aux lettres.",
      save: "Enregistrer",
      saved: "Paramètres enregistrés.",
      search: "Rechercher",
      searchPlaceholder: "Ex. : réseau, téléphone…",
      category: "Catégorie",
      allCategories: "Toutes les catégories",
      results: "Conseils",
      count: function (n) { return n === 0 ? "Aucun conseil" : n === 1 ? "1 conseil" : n + " conseils"; },
      noResults: "Aucun conseil ne correspond à cette recherche.",
      insert: "Insérer dans le message",
      inserted: "Conseil inséré dans le message.",
      missing: "À compléter dans les paramètres : ",
      loading: "Chargement des conseils…",
      offline: "Hors ligne : copie enregistrée du catalogue.",
      catalogVersion: "Catalogue ",
      noMailbox: "Ouvrez ce volet depuis un message en cours de rédaction pour insérer un conseil.",
      errorPrefix: "Erreur : ",
      listHelp: "Flèches pour parcourir, Entrée pour insérer.",
      failures: {
        noItem: "Aucun message n'est en cours de rédaction",
        readFormat: "Impossible de lire le format du message",
        insert: "Impossible d'insérer le texte",
        noSettings: "Les paramètres ne sont pas disponibles ici",
        save: "Impossible d'enregistrer les paramètres",
        catalogOrigin: "Le catalogue doit être servi par le complément lui-même",
        noCatalog: "Impossible de charger les conseils, et aucune copie hors ligne n'existe"
      }
    },
    en: {
      appTitle: "Social media tips",
      languageGroup: "Language",
      settings: "Settings",
      settingsTitle: "Your values",
      settingsHint: "These values replace the fields in braces in the tips. They are saved in your mailbox.",
      save: "Save",
      saved: "Settings saved.",
      search: "Search",
      searchPlaceholder: "E.g. network, phone…",
      category: "Category",
      allCategories: "All categories",
      results: "Tips",
      count: function (n) { return n === 0 ? "No tips" : n === 1 ? "1 tip" : n + " tips"; },
      noResults: "No tip matches this search.",
      insert: "Insert into message",
      inserted: "Tip inserted into the message.",
      missing: "To complete in settings: ",
      loading: "Loading tips…",
      offline: "Offline: saved copy of the catalog.",
      catalogVersion: "Catalog ",
      noMailbox: "Open this pane from a message you are writing to insert a tip.",
      errorPrefix: "Error: ",
      listHelp: "Arrow keys to browse, Enter to insert.",
      failures: {
        noItem: "No message is being written",
        readFormat: "Could not read the message format",
        insert: "Could not insert the text",
        noSettings: "Settings are not available here",
        save: "Could not save the settings",
        catalogOrigin: "The catalog must be served from the add-in's own origin",
        noCatalog: "The tips could not be loaded and no offline copy exists"
      }
    }
  };

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
    PURIFY_CONFIG: PURIFY_CONFIG,
    purifyConfig: purifyConfig,
    chooseLanguage: chooseLanguage,
    normalizeText: normalizeText,
    decodeEntities: decodeEntities,
    escapeHtml: escapeHtml,
    htmlToText: htmlToText,
    placeholdersIn: placeholdersIn,
    fillPlaceholders: fillPlaceholders,
    sanitizeSettings: sanitizeSettings,
    localized: localized,
    normalizeCatalog: normalizeCatalog,
    buildSearchIndex: buildSearchIndex,
    searchSnippets: searchSnippets,
    chooseCoercion: chooseCoercion,
    insertIntoBody: insertIntoBody,
    readSettings: readSettings,
    saveSettings: saveSettings,
    resolveCatalogUrl: resolveCatalogUrl,
    loadCatalog: loadCatalog
  };
});
