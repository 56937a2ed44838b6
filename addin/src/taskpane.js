/*
 * Task pane wiring: reads the DOM, calls the pure functions of guidelines-logic.js, writes the DOM.
 * Decisions (language, search, filling, coercion, sanitising, theme) live in the logic file, where they are tested.
 */
(function () {
  "use strict";

  var Logic = window.SocialGuidelines;
  var state = {
    office: null,
    officeReady: false,
    settings: null,
    catalog: null,
    rules: null,
    language: "fr",
    savedLanguage: null,
    personal: {},
    values: {},
    index: [],
    search: null,
    items: [],
    visible: [],
    selectedId: null,
    load: null,
    started: false,
    previewShown: false,
    matchCount: 0
  };
  var elements = {};
  var searchTimer = null;

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
    return window.DOMPurify.sanitize(html, Logic.purifyConfig(state.rules));
  }

  function localizedText(map) {
    return Logic.localized(map, state.language, state.catalog.defaultLanguage);
  }

  function categoryTitle(id) {
    var category = state.catalog.categories.filter(function (c) {
      return c.id === id;
    })[0];
    return category ? localizedText(category.title) : "";
  }

  function declaredPlaceholder(name) {
    return state.catalog.placeholders.filter(function (p) {
      return p.name === name;
    })[0] || null;
  }

  function placeholderLabel(name) {
    var declared = declaredPlaceholder(name);
    return declared ? localizedText(declared.label) : name;
  }

  function selectedSnippet() {
    return state.visible.filter(function (s) {
      return s.id === state.selectedId;
    })[0] || null;
  }

  /** The snippet as it will be inserted: placeholders filled (escaped), then sanitised. */
  function preparedHtml(snippet) {
    var filled = Logic.fillPlaceholders(localizedText(snippet.body), state.values, { html: true });
    return { html: sanitize(filled.text), missing: filled.missing };
  }

  function applyTheme(changed) {
    var officeTheme = changed || (state.office && state.office.context ? state.office.context.officeTheme : null);
    var prefersDark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    document.documentElement.setAttribute("data-theme", Logic.chooseTheme(officeTheme, prefersDark));
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
    elements.settingsHint.textContent = state.settings && state.settings.local ? t.settingsHintLocal : t.settingsHint;
    elements.helpLink.href = "support.html#" + Logic.supportAnchor("help", state.language);
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
      option.textContent = localizedText(category.title);
      elements.category.appendChild(option);
    });
    elements.category.value = current;
  }

  /** One labelled text field per placeholder; `hint` says what an empty field falls back to. */
  function placeholderField(placeholder, idPrefix, value) {
    var id = idPrefix + placeholder.name;
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
    input.maxLength = Logic.MAX_PLACEHOLDER_VALUE_LENGTH;
    input.autocomplete = "off";
    input.value = value || "";
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    if (placeholder.value) {
      var hint = document.createElement("p");
      hint.className = "field-hint";
      hint.id = id + "-hint";
      hint.textContent = text().organisationValue(placeholder.value);
      input.placeholder = placeholder.value;
      input.setAttribute("aria-describedby", hint.id);
      wrapper.appendChild(hint);
    } else if (placeholder.example) {
      input.placeholder = placeholder.example;
    }
    return wrapper;
  }

  function renderSettingsFields() {
    elements.settingsFields.textContent = "";
    state.catalog.placeholders.forEach(function (placeholder) {
      elements.settingsFields.appendChild(placeholderField(placeholder, "setting-", state.personal[placeholder.name]));
    });
  }

  /**
   * Builds one list item per snippet once per language; filtering then only shows and hides them, so a
   * keystroke costs a search and a few attribute changes rather than rebuilding thousands of nodes.
   */
  function buildListItems() {
    var fragment = document.createDocumentFragment();
    state.items = state.index.map(function (entry) {
      var snippet = entry.snippet;
      var item = document.createElement("li");
      item.id = "snippet-" + snippet.id;
      item.className = "result";
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.setAttribute("data-id", snippet.id);
      item.hidden = true;
      var title = document.createElement("span");
      title.className = "result-title";
      title.textContent = entry.title;
      var category = document.createElement("span");
      category.className = "result-category";
      category.textContent = categoryTitle(snippet.category);
      item.appendChild(title);
      item.appendChild(category);
      fragment.appendChild(item);
      return item;
    });
    elements.results.textContent = "";
    elements.results.appendChild(fragment);
    state.search = Logic.createSearch(state.index);
  }

  function renderList() {
    var started = window.performance ? window.performance.now() : 0;
    var matches = state.search(elements.search.value, elements.category.value);
    state.matchCount = matches.length;
    /* A long list is cut: nobody reads past the first screens, and a short one keeps every keystroke to one frame. */
    var positions = matches.length > Logic.LIST_LIMIT ? matches.slice(0, Logic.LIST_LIMIT) : matches;
    var shown = new Array(state.items.length);
    state.visible = positions.map(function (position) {
      shown[position] = true;
      return state.index[position].snippet;
    });
    for (var i = 0; i < state.items.length; i++) {
      var hide = !shown[i];
      if (state.items[i].hidden !== hide) {
        state.items[i].hidden = hide;
      }
    }
    var previouslySelected = state.selectedId;
    var stillVisible = state.visible.some(function (s) {
      return s.id === state.selectedId;
    });
    if (!stillVisible) {
      state.selectedId = state.visible.length ? state.visible[0].id : null;
    }
    elements.results.hidden = state.visible.length === 0;
    elements.noResults.hidden = state.visible.length !== 0;
    /* Which query the list shows, so anything waiting on the debounced filter can tell when it is done. */
    elements.results.setAttribute("data-query", elements.search.value);
    updateStatusLine();
    /* The preview is redrawn only when the selection moved: typing must not re-render the same tip. */
    if (state.selectedId !== previouslySelected || !state.previewShown) {
      renderSelection();
    }
    if (window.performance && window.performance.measure) {
      /* Read by the browser benchmark (npm run bench): the cost of one filter, from query to painted list state. */
      window.performance.measure("socialtoolkit:filter", { start: started, end: window.performance.now() });
    }
  }

  function scheduleFilter() {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(function () {
      searchTimer = null;
      renderList();
    }, Logic.SEARCH_DEBOUNCE_MS);
  }

  /** Filters now if a filter is pending (Enter or an arrow key right after typing). */
  function flushFilter() {
    if (searchTimer !== null) {
      window.clearTimeout(searchTimer);
      searchTimer = null;
      renderList();
    }
  }

  function updateStatusLine() {
    var t = text();
    var parts = [t.count(state.matchCount)];
    if (state.matchCount > state.visible.length) {
      parts.push(t.listed(state.visible.length));
    }
    var load = state.load || {};
    if (load.source === "cache") {
      parts.push(load.problem === "broken" ? t.broken(load.reason) : load.problem === "unavailable" ? t.unavailable(load.reason) : t.offline);
    } else if (load.cached === false) {
      parts.push(t.notCached);
    }
    announce(parts.join(" · "));
  }

  function renderMissingForm(missing) {
    elements.missingFields.textContent = "";
    missing.forEach(function (name) {
      var placeholder = declaredPlaceholder(name) || { name: name, label: {}, example: "", value: "" };
      elements.missingFields.appendChild(placeholderField(placeholder, "missing-", ""));
    });
    elements.missingForm.hidden = missing.length === 0;
    var t = text();
    elements.insert.textContent = missing.length ? t.fillAndInsert : t.insert;
    elements.copy.textContent = missing.length ? t.fillAndCopy : t.copy;
  }

  function renderSelection() {
    var selected = state.selectedId;
    Array.prototype.forEach.call(elements.results.querySelectorAll("[aria-selected=true]"), function (item) {
      item.setAttribute("aria-selected", "false");
    });
    var snippet = selectedSnippet();
    if (!snippet) {
      elements.results.removeAttribute("aria-activedescendant");
      elements.preview.hidden = true;
      state.previewShown = false;
      return;
    }
    var active = $("snippet-" + selected);
    active.setAttribute("aria-selected", "true");
    elements.results.setAttribute("aria-activedescendant", active.id);
    if (typeof active.scrollIntoView === "function" && document.activeElement === elements.results) {
      active.scrollIntoView({ block: "nearest" });
    }
    var prepared = preparedHtml(snippet);
    elements.previewTitle.textContent = localizedText(snippet.title);
    elements.previewBody.innerHTML = prepared.html;
    /* Links in the preview must not navigate the pane away from the add-in. */
    Array.prototype.forEach.call(elements.previewBody.querySelectorAll("a"), function (link) {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    });
    renderMissingForm(prepared.missing);
    elements.preview.hidden = false;
    state.previewShown = true;
  }

  function rebuild() {
    state.index = Logic.buildSearchIndex(state.catalog, state.language);
    applyInterfaceText();
    renderCategories();
    renderSettingsFields();
    buildListItems();
    state.previewShown = false;
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
    return state.officeReady && state.office.context && state.office.context.mailbox ? state.office.context.mailbox.item : null;
  }

  function declaredNames() {
    return state.catalog.placeholders.map(function (p) {
      return p.name;
    });
  }

  function setPersonalValues(personal) {
    state.personal = Logic.sanitizeSettings(personal, declaredNames());
    state.values = Logic.effectiveValues(state.catalog, state.personal);
  }

  function persistPersonalValues() {
    if (!state.settings) {
      return Promise.reject(new Error(text().noMailbox));
    }
    return Logic.saveSettings(state.settings, state.personal, state.savedLanguage, state.office);
  }

  /**
   * Values typed in the preview's "to complete" fields: saved as the person's own, then the tip is filled
   * again. Resolves true when nothing is missing any more; the fields stay (and the first empty one takes
   * the focus) otherwise.
   */
  function completeMissingValues() {
    var typed = {};
    Array.prototype.forEach.call(elements.missingFields.querySelectorAll("input"), function (input) {
      typed[input.name] = input.value;
    });
    var merged = {};
    Object.keys(state.personal).forEach(function (name) {
      merged[name] = state.personal[name];
    });
    Object.keys(typed).forEach(function (name) {
      if (typed[name].trim()) {
        merged[name] = typed[name];
      }
    });
    setPersonalValues(merged);
    var stillMissing = Object.keys(typed).filter(function (name) {
      return !state.values[name];
    });
    if (stillMissing.length) {
      var empty = elements.missingFields.querySelector("input[name=" + stillMissing[0] + "]");
      if (empty) {
        empty.focus();
      }
      return Promise.resolve(false);
    }
    renderSettingsFields();
    return persistPersonalValues().then(function () {
      return true;
    }, function (error) {
      /* The values still apply to this session; only keeping them failed, which the person is told. */
      showFailure(error);
      return true;
    });
  }

  /** Runs `action` with the selected tip once every placeholder it uses has a value. */
  function withCompleteTip(action) {
    var snippet = selectedSnippet();
    if (!snippet) {
      return;
    }
    clearError();
    var prepared = preparedHtml(snippet);
    if (!prepared.missing.length) {
      action(prepared.html);
      return;
    }
    if (!elements.missingForm.hidden && elements.missingFields.querySelector("input")) {
      completeMissingValues().then(function (complete) {
        if (complete) {
          renderSelection();
          var ready = preparedHtml(snippet);
          if (!ready.missing.length) {
            action(ready.html);
          }
        }
      });
      return;
    }
    renderMissingForm(prepared.missing);
    var first = elements.missingFields.querySelector("input");
    if (first) {
      first.focus();
    }
  }

  function insertSelected() {
    withCompleteTip(function (html) {
      var item = mailItem();
      if (!item) {
        showError(text().noMailbox);
        return;
      }
      elements.insert.disabled = true;
      Logic.insertIntoBody(item, html, state.office).then(function () {
        announce(text().inserted);
      }, showFailure).then(function () {
        elements.insert.disabled = false;
      });
    });
  }

  /** Copies the tip as HTML and as text, so it pastes well in a mail, a post or a chat. */
  function copySelected() {
    withCompleteTip(function (html) {
      var plain = Logic.htmlToText(html);
      var clipboard = navigator.clipboard;
      var write;
      if (clipboard && typeof clipboard.write === "function" && typeof window.ClipboardItem === "function") {
        write = clipboard.write([new window.ClipboardItem({
          "text/html": new Blob([html], { type: "text/html" }),
          "text/plain": new Blob([plain], { type: "text/plain" })
        })]);
      } else if (clipboard && typeof clipboard.writeText === "function") {
        write = clipboard.writeText(plain);
      } else {
        write = Promise.reject(new Error("no clipboard"));
      }
      write.then(function () {
        announce(text().copied);
      }, function () {
        showError(text().copyFailed);
      });
    });
  }

  function closeSettings(returnFocus) {
    if (elements.settingsPanel.hidden) {
      return;
    }
    elements.settingsPanel.hidden = true;
    elements.settingsToggle.setAttribute("aria-expanded", "false");
    if (returnFocus) {
      elements.settingsToggle.focus();
    }
  }

  function saveSettingsFromForm(event) {
    event.preventDefault();
    clearError();
    var values = {};
    Array.prototype.forEach.call(elements.settingsFields.querySelectorAll("input"), function (input) {
      values[input.name] = input.value;
    });
    setPersonalValues(values);
    renderSelection();
    persistPersonalValues().then(function () {
      announce(text().saved);
      closeSettings(true);
    }, showFailure);
  }

  function setLanguage(language) {
    if (language === state.language) {
      return;
    }
    state.language = language;
    state.savedLanguage = language;
    clearError();
    if (state.catalog) {
      rebuild();
    } else {
      applyInterfaceText();
    }
    if (state.settings) {
      Logic.saveSettings(state.settings, state.personal, language, state.office).catch(showFailure);
    }
  }

  function toggleSettings() {
    var open = elements.settingsPanel.hidden;
    if (!open) {
      closeSettings(false);
      return;
    }
    elements.settingsPanel.hidden = false;
    elements.settingsToggle.setAttribute("aria-expanded", "true");
    var first = elements.settingsFields.querySelector("input");
    if (first) {
      first.focus();
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
    elements.search.addEventListener("input", scheduleFilter);
    elements.search.addEventListener("keydown", function (event) {
      /* Enter only moves to the list: inserting is a deliberate second Enter there, never a side effect of searching. */
      if ((event.key === "ArrowDown" || event.key === "Enter") && !event.isComposing) {
        event.preventDefault();
        flushFilter();
        if (state.visible.length) {
          elements.results.focus();
        }
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
    elements.copy.addEventListener("click", copySelected);
    elements.missingForm.addEventListener("submit", function (event) {
      event.preventDefault();
      insertSelected();
    });
    elements.retry.addEventListener("click", function () {
      /* office.js initialises once per page: a new attempt is a fresh load of the pane. */
      window.location.reload();
    });
    elements.settingsToggle.addEventListener("click", toggleSettings);
    elements.settingsForm.addEventListener("submit", saveSettingsFromForm);
    elements.settingsPanel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeSettings(true);
      }
    });
    Array.prototype.forEach.call(document.querySelectorAll(".language-button"), function (button) {
      button.addEventListener("click", function () {
        setLanguage(button.getAttribute("data-language"));
      });
    });
    if (window.matchMedia) {
      var query = window.matchMedia("(prefers-color-scheme: dark)");
      if (typeof query.addEventListener === "function") {
        query.addEventListener("change", function () {
          applyTheme();
        });
      }
    }
  }

  function metaContent(name) {
    var meta = document.querySelector("meta[name=" + name + "]");
    return meta ? meta.getAttribute("content") : null;
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  /** The shared HTML rule; without it the pane shows tips as plain text rather than guess. */
  function loadRules() {
    var url;
    try {
      url = Logic.resolveCatalogUrl(metaContent("socialtoolkit-html-rules") || "snippet-html.json", window.location.href);
    } catch (error) {
      return Promise.resolve(null);
    }
    return window.fetch(url, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (rules) {
      return rules && rules.elements && typeof rules.elements === "object" ? rules : null;
    }, function () {
      return null;
    });
  }

  function readPersonalSettings() {
    var host = state.office && state.office.context ? state.office.context.roamingSettings : null;
    state.settings = host || (storage() ? Logic.localSettingsStore(storage()) : null);
    return Logic.readSettings(state.settings);
  }

  function displayLanguage() {
    return state.office && state.office.context && state.office.context.displayLanguage ? state.office.context.displayLanguage : navigator.language;
  }

  /** Loads the catalog and shows the tips; called once, with or without Office. */
  function start() {
    state.started = true;
    var stored = readPersonalSettings();
    state.savedLanguage = stored.language;
    state.language = Logic.chooseLanguage(displayLanguage(), Logic.SUPPORTED_LANGUAGES, "fr", stored.language);
    applyTheme();
    applyInterfaceText();
    announce(text().loading);

    var url;
    try {
      url = Logic.resolveCatalogUrl(metaContent("socialtoolkit-catalog"), window.location.href);
    } catch (error) {
      showFailure(error);
      return;
    }
    Promise.all([
      Logic.loadCatalog({ url: url, fetch: window.fetch.bind(window), storage: storage() }),
      loadRules()
    ]).then(function (results) {
      var loaded = results[0];
      state.rules = results[1];
      state.catalog = loaded.catalog;
      state.load = loaded;
      state.language = Logic.chooseLanguage(displayLanguage(), state.catalog.languages, state.catalog.defaultLanguage, stored.language);
      setPersonalValues(stored.values);
      rebuild();
      document.body.setAttribute("data-ready", "true");
    }, function (error) {
      showFailure(error);
      announce("");
      document.body.setAttribute("data-ready", "error");
    });
  }

  /**
   * Office became ready (possibly after the pane started without it): from now on tips can be inserted,
   * and the person's values and language come from the mailbox.
   */
  function attachOffice(office) {
    state.office = office;
    state.officeReady = true;
    followThemeChanges(office);
    elements.officeNotice.hidden = true;
    document.body.setAttribute("data-office", "ready");
    if (!state.started) {
      start();
      return;
    }
    applyTheme();
    if (office.context && office.context.roamingSettings && state.catalog) {
      var stored = readPersonalSettings();
      setPersonalValues(stored.values);
      renderSettingsFields();
      renderSelection();
      applyInterfaceText();
    }
  }

  /**
   * Outlook tells add-ins when the person switches its theme (OfficeThemeChanged); the pane follows at once.
   * Hosts without that event keep the theme read when the pane opened.
   */
  function followThemeChanges(office) {
    var mailbox = office.context && office.context.mailbox;
    var themeChanged = office.EventType && office.EventType.OfficeThemeChanged;
    if (!mailbox || typeof mailbox.addHandlerAsync !== "function" || !themeChanged) {
      return;
    }
    try {
      mailbox.addHandlerAsync(themeChanged, function (event) {
        applyTheme(event && event.officeTheme);
      });
    } catch (e) {
      /* A host that lists the event but refuses the handler: the theme read at start stays. */
    }
  }

  /** Office has not answered in time: say so, and let people read and copy tips meanwhile. */
  function carryOnWithoutOffice() {
    if (state.officeReady) {
      return;
    }
    elements.officeNotice.hidden = false;
    document.body.setAttribute("data-office", "waiting");
    if (!state.started) {
      start();
    } else {
      applyInterfaceText();
    }
  }

  function init() {
    [
      "alert", "status", "search", "category", "results", "preview", "insert", "copy", "catalogVersion",
      "settingsPanel", "settingsToggle", "settingsForm", "settingsFields", "officeNotice", "retry",
      "missingForm", "missingFields", "helpLink"
    ].forEach(function (name) {
      elements[name] = $(name.replace(/[A-Z]/g, function (c) {
        return "-" + c.toLowerCase();
      }));
    });
    elements.noResults = $("no-results");
    elements.previewTitle = $("preview-title");
    elements.previewBody = $("preview-body");
    elements.settingsHint = document.querySelector("#settings-panel .hint");
    wireEvents();
    applyTheme();

    /*
     * Never a blank pane: office.js may be missing (opened outside Outlook, CDN unreachable) or never
     * become ready (a script it needs refused, a host that does not answer). The pane starts without it
     * after OFFICE_READY_TIMEOUT_MS, and takes Office on board if it becomes ready later.
     */
    if (window.Office && typeof window.Office.onReady === "function") {
      window.setTimeout(carryOnWithoutOffice, Logic.OFFICE_READY_TIMEOUT_MS);
      window.Office.onReady(function () {
        attachOffice(window.Office);
      });
    } else {
      state.language = Logic.chooseLanguage(navigator.language, Logic.SUPPORTED_LANGUAGES, "fr", null);
      carryOnWithoutOffice();
    }
  }

  init();
})();
