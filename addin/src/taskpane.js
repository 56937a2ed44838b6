/*
 * Task pane wiring: reads the DOM, calls the pure functions of guidelines-logic.js, writes the DOM.
 * Decisions (language, search, filling, coercion, sanitising) live in the logic file, where they are tested.
 */
(function () {
  "use strict";

  var Logic = window.SocialGuidelines;
  var state = {
    office: null,
    catalog: null,
    language: "fr",
    savedLanguage: null,
    values: {},
    index: [],
    visible: [],
    selectedId: null,
    catalogSource: "network"
  };
  var elements = {};

  function $(id) {
    return document.getElementById(id);
  }

  function text() {
    return Logic.uiText(state.language);
  }

  function showError(message) {
    elements.alert.textContent = text().errorPrefix + message;
  }

  function showFailure(error) {
    showError(Logic.describeFailure(error, state.language));
  }

  function clearError() {
    elements.alert.textContent = "";
  }

  function announce(message) {
    elements.status.textContent = message;
  }

  function sanitize(html) {
    return window.DOMPurify.sanitize(html, Logic.purifyConfig());
  }

  function categoryTitle(id) {
    var category = state.catalog.categories.filter(function (c) {
      return c.id === id;
    })[0];
    return category ? Logic.localized(category.title, state.language, state.catalog.defaultLanguage) : "";
  }

  function placeholderLabel(name) {
    var declared = state.catalog.placeholders.filter(function (p) {
      return p.name === name;
    })[0];
    return declared ? Logic.localized(declared.label, state.language, state.catalog.defaultLanguage) : name;
  }

  function selectedSnippet() {
    return state.visible.filter(function (s) {
      return s.id === state.selectedId;
    })[0] || null;
  }

  /** The snippet as it will be inserted: placeholders filled (escaped), then sanitised. */
  function preparedHtml(snippet) {
    var body = Logic.localized(snippet.body, state.language, state.catalog.defaultLanguage);
    var filled = Logic.fillPlaceholders(body, state.values, { html: true });
    return { html: sanitize(filled.text), missing: filled.missing };
  }

  function applyInterfaceText() {
    var t = text();
    document.documentElement.lang = state.language;
    document.title = t.appTitle;
    Array.prototype.forEach.call(document.querySelectorAll("[data-text]"), function (node) {
      node.textContent = t[node.getAttribute("data-text")];
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-label]"), function (node) {
      var label = t[node.getAttribute("data-label")];
      node.setAttribute("aria-label", label);
      if (node.hasAttribute("title")) {
        node.setAttribute("title", label);
      }
    });
    elements.search.placeholder = t.searchPlaceholder;
    Array.prototype.forEach.call(document.querySelectorAll(".language-button"), function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-language") === state.language));
    });
  }

  function renderCategories() {
    var current = elements.category.value;
    elements.category.textContent = "";
    var all = document.createElement("option");
    all.value = "";
    all.textContent = text().allCategories;
    elements.category.appendChild(all);
    state.catalog.categories.forEach(function (category) {
      var option = document.createElement("option");
      option.value = category.id;
      option.textContent = Logic.localized(category.title, state.language, state.catalog.defaultLanguage);
      elements.category.appendChild(option);
    });
    elements.category.value = current;
  }

  function renderSettingsFields() {
    elements.settingsFields.textContent = "";
    state.catalog.placeholders.forEach(function (placeholder) {
      var id = "setting-" + placeholder.name;
      var wrapper = document.createElement("div");
      wrapper.className = "field";
      var label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = placeholderLabel(placeholder.name);
      var input = document.createElement("input");
      input.id = id;
      input.className = "input";
      input.name = placeholder.name;
      input.type = "text";
      input.maxLength = 200;
      input.autocomplete = "off";
      input.value = state.values[placeholder.name] || "";
      if (placeholder.example) {
        input.placeholder = placeholder.example;
      }
      wrapper.appendChild(label);
      wrapper.appendChild(input);
      elements.settingsFields.appendChild(wrapper);
    });
  }

  function renderList() {
    state.visible = Logic.searchSnippets(state.index, elements.search.value, elements.category.value);
    var stillVisible = state.visible.some(function (s) {
      return s.id === state.selectedId;
    });
    if (!stillVisible) {
      state.selectedId = state.visible.length ? state.visible[0].id : null;
    }
    var fragment = document.createDocumentFragment();
    state.visible.forEach(function (snippet) {
      var item = document.createElement("li");
      item.id = "snippet-" + snippet.id;
      item.className = "result";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(snippet.id === state.selectedId));
      item.setAttribute("data-id", snippet.id);
      var title = document.createElement("span");
      title.className = "result-title";
      title.textContent = Logic.localized(snippet.title, state.language, state.catalog.defaultLanguage);
      var category = document.createElement("span");
      category.className = "result-category";
      category.textContent = categoryTitle(snippet.category);
      item.appendChild(title);
      item.appendChild(category);
      fragment.appendChild(item);
    });
    elements.results.textContent = "";
    elements.results.appendChild(fragment);
    elements.results.hidden = state.visible.length === 0;
    elements.noResults.hidden = state.visible.length !== 0;
    updateStatusLine();
    renderSelection();
  }

  function updateStatusLine() {
    var t = text();
    var parts = [t.count(state.visible.length)];
    if (state.catalogSource === "cache") {
      parts.push(t.offline);
    }
    announce(parts.join(" · "));
  }

  function renderSelection() {
    Array.prototype.forEach.call(elements.results.children, function (item) {
      item.setAttribute("aria-selected", String(item.getAttribute("data-id") === state.selectedId));
    });
    var snippet = selectedSnippet();
    if (!snippet) {
      elements.results.removeAttribute("aria-activedescendant");
      elements.preview.hidden = true;
      return;
    }
    var active = $("snippet-" + snippet.id);
    elements.results.setAttribute("aria-activedescendant", active.id);
    if (typeof active.scrollIntoView === "function") {
      active.scrollIntoView({ block: "nearest" });
    }
    var prepared = preparedHtml(snippet);
    elements.previewTitle.textContent = Logic.localized(snippet.title, state.language, state.catalog.defaultLanguage);
    elements.previewBody.innerHTML = prepared.html;
    /* Links in the preview must not navigate the pane away from the add-in. */
    Array.prototype.forEach.call(elements.previewBody.querySelectorAll("a"), function (link) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    });
    if (prepared.missing.length) {
      elements.previewMissing.textContent = text().missing + prepared.missing.map(placeholderLabel).join(", ");
      elements.previewMissing.hidden = false;
    } else {
      elements.previewMissing.hidden = true;
    }
    elements.preview.hidden = false;
  }

  function rebuild() {
    state.index = Logic.buildSearchIndex(state.catalog, state.language);
    applyInterfaceText();
    renderCategories();
    renderSettingsFields();
    renderList();
    elements.catalogVersion.textContent = state.catalog.catalogVersion ? text().catalogVersion + state.catalog.catalogVersion : "";
  }

  function moveSelection(delta, absolute) {
    if (!state.visible.length) {
      return;
    }
    var position = state.visible.map(function (s) {
      return s.id;
    }).indexOf(state.selectedId);
    var next = absolute !== undefined ? absolute : position + delta;
    next = Math.max(0, Math.min(state.visible.length - 1, next));
    state.selectedId = state.visible[next].id;
    renderSelection();
  }

  function mailItem() {
    return state.office && state.office.context && state.office.context.mailbox ? state.office.context.mailbox.item : null;
  }

  function insertSelected() {
    var snippet = selectedSnippet();
    if (!snippet) {
      return;
    }
    clearError();
    var item = mailItem();
    if (!item) {
      showError(text().noMailbox);
      return;
    }
    elements.insert.disabled = true;
    Logic.insertIntoBody(item, preparedHtml(snippet).html, state.office).then(function () {
      announce(text().inserted);
    }, showFailure).then(function () {
      elements.insert.disabled = false;
    });
  }

  function roamingSettings() {
    return state.office && state.office.context ? state.office.context.roamingSettings : null;
  }

  function saveSettingsFromForm(event) {
    event.preventDefault();
    clearError();
    var values = {};
    Array.prototype.forEach.call(elements.settingsFields.querySelectorAll("input"), function (input) {
      values[input.name] = input.value;
    });
    var declared = state.catalog.placeholders.map(function (p) {
      return p.name;
    });
    var clean = Logic.sanitizeSettings(values, declared);
    state.values = clean;
    renderSelection();
    var settings = roamingSettings();
    if (!settings) {
      showError(text().noMailbox);
      return;
    }
    Logic.saveSettings(settings, clean, state.savedLanguage, state.office).then(function () {
      announce(text().saved);
    }, showFailure);
  }

  function setLanguage(language) {
    if (language === state.language) {
      return;
    }
    state.language = language;
    state.savedLanguage = language;
    clearError();
    rebuild();
    var settings = roamingSettings();
    if (settings) {
      Logic.saveSettings(settings, state.values, language, state.office).catch(showFailure);
    }
  }

  function toggleSettings() {
    var open = elements.settingsPanel.hidden;
    elements.settingsPanel.hidden = !open;
    elements.settingsToggle.setAttribute("aria-expanded", String(open));
    if (open) {
      var first = elements.settingsFields.querySelector("input");
      if (first) {
        first.focus();
      }
    }
  }

  function onListKeyDown(event) {
    var handled = true;
    switch (event.key) {
      case "ArrowDown":
        moveSelection(1);
        break;
      case "ArrowUp":
        moveSelection(-1);
        break;
      case "Home":
        moveSelection(0, 0);
        break;
      case "End":
        moveSelection(0, state.visible.length - 1);
        break;
      case "PageDown":
        moveSelection(8);
        break;
      case "PageUp":
        moveSelection(-8);
        break;
      case "Enter":
        insertSelected();
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
    }
  }

  function wireEvents() {
    elements.search.addEventListener("input", renderList);
    elements.search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && state.visible.length) {
        event.preventDefault();
        elements.results.focus();
      } else if (event.key === "Enter") {
        event.preventDefault();
        insertSelected();
      }
    });
    elements.category.addEventListener("change", renderList);
    elements.results.addEventListener("keydown", onListKeyDown);
    elements.results.addEventListener("click", function (event) {
      var item = event.target.closest("[role=option]");
      if (item) {
        state.selectedId = item.getAttribute("data-id");
        renderSelection();
      }
    });
    elements.results.addEventListener("dblclick", function (event) {
      if (event.target.closest("[role=option]")) {
        insertSelected();
      }
    });
    elements.insert.addEventListener("click", insertSelected);
    elements.settingsToggle.addEventListener("click", toggleSettings);
    elements.settingsForm.addEventListener("submit", saveSettingsFromForm);
    Array.prototype.forEach.call(document.querySelectorAll(".language-button"), function (button) {
      button.addEventListener("click", function () {
        setLanguage(button.getAttribute("data-language"));
      });
    });
  }

  function catalogUrl() {
    var meta = document.querySelector("meta[name=socialtoolkit-catalog]");
    return Logic.resolveCatalogUrl(meta ? meta.getAttribute("content") : null, window.location.href);
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function start(office) {
    state.office = office;
    var settings = roamingSettings();
    var stored = Logic.readSettings(settings);
    state.values = stored.values;
    state.savedLanguage = stored.language;
    var displayLanguage = office && office.context ? office.context.displayLanguage : navigator.language;
    state.language = Logic.chooseLanguage(displayLanguage, Logic.SUPPORTED_LANGUAGES, "fr", stored.language);
    applyInterfaceText();
    announce(text().loading);

    var url;
    try {
      url = catalogUrl();
    } catch (error) {
      showFailure(error);
      return;
    }
    Logic.loadCatalog({ url: url, fetch: window.fetch.bind(window), storage: storage() }).then(function (loaded) {
      state.catalog = loaded.catalog;
      state.catalogSource = loaded.source;
      state.language = Logic.chooseLanguage(displayLanguage, state.catalog.languages, state.catalog.defaultLanguage, stored.language);
      state.values = Logic.sanitizeSettings(stored.values, state.catalog.placeholders.map(function (p) {
        return p.name;
      }));
      rebuild();
      document.body.setAttribute("data-ready", "true");
    }, function (error) {
      showFailure(error);
      announce("");
      document.body.setAttribute("data-ready", "error");
    });
  }

  function init() {
    [
      "alert", "status", "search", "category", "results", "preview", "insert", "catalogVersion",
      "settingsPanel", "settingsToggle", "settingsForm", "settingsFields"
    ].forEach(function (name) {
      elements[name] = $(name.replace(/[A-Z]/g, function (c) {
        return "-" + c.toLowerCase();
      }));
    });
    elements.noResults = $("no-results");
    elements.previewTitle = $("preview-title");
    elements.previewBody = $("preview-body");
    elements.previewMissing = $("preview-missing");
    wireEvents();

    /* Without office.js (opened outside Outlook, or the CDN unreachable) the pane still lets people read. */
    if (window.Office && typeof window.Office.onReady === "function") {
      window.Office.onReady(function () {
        start(window.Office);
      });
    } else {
      start(null);
    }
  }

  init();
})();
