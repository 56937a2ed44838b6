"use strict";
const { test, describe } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { OfficeMockObject } = require("office-addin-mock");
const Logic = require("../../src/guidelines-logic.js");

const ADDIN_ROOT = path.resolve(__dirname, "..", "..");
const RAW_CATALOG = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));
const CATALOG = Logic.normalizeCatalog(RAW_CATALOG);

/** An Outlook compose mock: body of the given type, roaming settings, optional failures. */
function outlookMock({ bodyType = "html", displayLanguage = "fr-FR", failGetType = false, failSet = false, failSave = false, roaming = {} } = {}) {
  const failed = (message) => ({ status: "failed", error: { code: 5000, name: "Failure", message } });
  return new OfficeMockObject({
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    CoercionType: { Html: "html", Text: "text" },
    context: {
      displayLanguage,
      mailbox: {
        item: {
          body: {
            getTypeAsync(callback) {
              callback(failGetType ? failed("Body unavailable") : { status: "succeeded", value: bodyType });
            },
            setSelectedDataAsync(data, options, callback) {
              if (failSet) {
                callback(failed("The item is read-only"));
                return;
              }
              this.inserted = (this.inserted || []).concat([{ data, coercionType: options.coercionType }]);
              callback({ status: "succeeded" });
            }
          }
        }
      },
      roamingSettings: {
        values: { ...roaming },
        get(name) {
          return this.values[name];
        },
        set(name, value) {
          this.values[name] = value;
        },
        saveAsync(callback) {
          if (failSave) {
            callback(failed("Mailbox quota exceeded"));
            return;
          }
          this.saved = JSON.parse(JSON.stringify(this.values));
          callback({ status: "succeeded" });
        }
      }
    }
  }, "outlook");
}

describe("language choice", () => {
  test("follows Office's display language", () => {
    assert.equal(Logic.chooseLanguage("en-US", ["fr", "en"], "fr"), "en");
    assert.equal(Logic.chooseLanguage("fr-CA", ["fr", "en"], "en"), "fr");
    assert.equal(Logic.chooseLanguage("EN_gb", ["fr", "en"], "fr"), "en");
  });

  test("falls back to the catalog default, then to the first language", () => {
    assert.equal(Logic.chooseLanguage("de-DE", ["fr", "en"], "en"), "en");
    assert.equal(Logic.chooseLanguage(undefined, ["fr", "en"], "fr"), "fr");
    assert.equal(Logic.chooseLanguage("ja-JP", ["en", "fr"], "xx"), "en");
  });

  test("the user's saved choice wins over the display language", () => {
    assert.equal(Logic.chooseLanguage("en-US", ["fr", "en"], "fr", "fr"), "fr");
    assert.equal(Logic.chooseLanguage("en-US", ["fr", "en"], "fr", "de"), "en");
  });

  test("works with the Office mock's display language", () => {
    const office = outlookMock({ displayLanguage: "en-GB" });
    assert.equal(Logic.chooseLanguage(office.context.displayLanguage, CATALOG.languages, CATALOG.defaultLanguage), "en");
  });

  test("both interface languages have the same texts", () => {
    assert.deepEqual(Object.keys(Logic.UI_TEXT.fr).sort(), Object.keys(Logic.UI_TEXT.en).sort());
    assert.equal(Logic.uiText("fr").count(2), "2 conseils");
    assert.equal(Logic.uiText("en").count(1), "1 tip");
    assert.equal(Logic.uiText("de"), Logic.UI_TEXT.fr);
  });
});

describe("search and filter", () => {
  const frIndex = Logic.buildSearchIndex(CATALOG, "fr");
  const enIndex = Logic.buildSearchIndex(CATALOG, "en");
  const ids = (list) => list.map((s) => s.id);

  test("accent-insensitive: reseau finds réseau, and both give the same result", () => {
    const plain = Logic.searchSnippets(frIndex, "reseau");
    const accented = Logic.searchSnippets(frIndex, "réseau");
    assert.ok(plain.length > 0);
    assert.deepEqual(ids(plain), ids(accented));
    assert.ok(ids(plain).includes("best-times-to-post"));
  });

  test("case-insensitive and accents in the query are ignored too", () => {
    assert.deepEqual(ids(Logic.searchSnippets(frIndex, "TÉLÉPHONE")), ids(Logic.searchSnippets(frIndex, "telephone")));
    assert.ok(ids(Logic.searchSnippets(frIndex, "Telephone")).includes("post-from-your-phone"));
    assert.ok(ids(Logic.searchSnippets(frIndex, "CONFIDENTIALITE")).length > 0);
  });

  test("searches titles, body text and tags; every word must match", () => {
    assert.ok(ids(Logic.searchSnippets(enIndex, "alt-text")).includes("accessible-posts"), "tag");
    assert.ok(ids(Logic.searchSnippets(enIndex, "autocorrect")).includes("post-from-your-phone"), "body");
    assert.deepEqual(ids(Logic.searchSnippets(enIndex, "phone autocorrect")), ["post-from-your-phone"]);
    assert.deepEqual(ids(Logic.searchSnippets(enIndex, "phone zebra")), []);
  });

  test("does not match inside HTML markup", () => {
    assert.ok(CATALOG.snippets.some((s) => s.body.en.includes("href=")));
    assert.deepEqual(ids(Logic.searchSnippets(enIndex, "href")), []);
    assert.deepEqual(ids(Logic.searchSnippets(enIndex, "mailto")), []);
  });

  test("filters by category, alone or with a query", () => {
    const confidential = Logic.searchSnippets(frIndex, "", "confidentiality");
    assert.ok(confidential.length >= 4);
    assert.ok(confidential.every((s) => s.category === "confidentiality"));
    assert.deepEqual(ids(Logic.searchSnippets(frIndex, "photo", "confidentiality")), ["screens-and-backgrounds"]);
    assert.equal(Logic.searchSnippets(frIndex, "", "").length, CATALOG.snippets.length);
  });

  test("normalizeText folds accents, ligatures, apostrophes and spaces", () => {
    assert.equal(Logic.normalizeText("  Œuvre   ÉTÉ l’équipe "), "oeuvre ete l'equipe");
  });
});

describe("placeholders", () => {
  test("fills declared values and escapes them for HTML", () => {
    const result = Logic.fillPlaceholders("<p>{{company}} {{ hashtag }}</p>", { company: "A&B <Co>", hashtag: "#Go" });
    assert.equal(result.text, "<p>A&amp;B &lt;Co&gt; #Go</p>");
    assert.deepEqual(result.filled, ["company", "hashtag"]);
    assert.deepEqual(result.missing, []);
  });

  test("leaves missing or empty values visible and reports them", () => {
    const result = Logic.fillPlaceholders("{{company}} {{communicationsContact}} {{company}}", { company: "  " });
    assert.equal(result.text, "{{company}} {{communicationsContact}} {{company}}");
    assert.deepEqual(result.missing, ["company", "communicationsContact"]);
  });

  test("plain-text filling does not escape", () => {
    assert.equal(Logic.fillPlaceholders("{{company}}", { company: "A&B" }, { html: false }).text, "A&B");
  });

  test("placeholdersIn lists each name once", () => {
    assert.deepEqual(Logic.placeholdersIn("{{a}} {{b}} {{a}}"), ["a", "b"]);
  });

  test("sanitizeSettings keeps declared string values, trimmed and bounded", () => {
    const clean = Logic.sanitizeSettings({ company: "  Contoso\u0007 ", hashtag: 42, evil: "x", communicationsContact: "a".repeat(500) },
      ["company", "hashtag", "communicationsContact"]);
    assert.deepEqual(Object.keys(clean), ["company", "communicationsContact"]);
    assert.equal(clean.company, "Contoso");
    assert.equal(clean.communicationsContact.length, 200);
    assert.deepEqual(Logic.sanitizeSettings(null), {});
  });
});

describe("HTML to plain text", () => {
  test("paragraphs, line breaks, lists and entities", () => {
    const html = "<p>Un &amp; deux&nbsp;:</p><ul><li>un</li><li><strong>deux</strong></li></ul><ol><li>a</li><li>b</li></ol><p>fin<br>ligne</p>";
    assert.equal(Logic.htmlToText(html), "Un & deux :\n\n- un\n- deux\n\n1. a\n2. b\n\nfin\nligne");
  });

  test("links keep their address when the text differs", () => {
    assert.equal(Logic.htmlToText('<p>Voir <a href="https://example.org/x">la charte</a>.</p>'), "Voir la charte (https://example.org/x).");
    assert.equal(Logic.htmlToText('<a href="mailto:a@b.c">a@b.c</a>'), "a@b.c");
  });

  test("drops scripts, styles and comments entirely", () => {
    assert.equal(Logic.htmlToText("<p>a<script>alert(1)</script><style>p{}</style><!-- x -->b</p>"), "ab");
  });

  test("every shipped snippet converts to text without markup", () => {
    for (const snippet of CATALOG.snippets) {
      for (const language of ["fr", "en"]) {
        const text = Logic.htmlToText(snippet.body[language]);
        assert.doesNotMatch(text, /<\/?[a-z]/i, `${snippet.id} ${language}`);
        assert.ok(text.length > 20);
      }
    }
  });
});

describe("coercion", () => {
  test("HTML bodies get HTML, text bodies get converted text", () => {
    const office = outlookMock();
    assert.deepEqual(Logic.chooseCoercion("html", "<p>a</p>", office), { coercionType: "html", data: "<p>a</p>" });
    assert.deepEqual(Logic.chooseCoercion("text", "<p>a</p><p>b</p>", office), { coercionType: "text", data: "a\n\nb" });
    assert.equal(Logic.chooseCoercion("HTML", "<p>a</p>").coercionType, "html");
  });
});

describe("insertion with office-addin-mock", () => {
  test("inserts HTML into an HTML body", async () => {
    const office = outlookMock({ bodyType: "html" });
    const result = await Logic.insertIntoBody(office.context.mailbox.item, "<p><strong>Bonjour</strong></p>", office);
    assert.equal(result.coercionType, "html");
    assert.deepEqual(office.context.mailbox.item.body.inserted, [{ data: "<p><strong>Bonjour</strong></p>", coercionType: "html" }]);
  });

  test("inserts converted text into a plain-text body", async () => {
    const office = outlookMock({ bodyType: "text" });
    await Logic.insertIntoBody(office.context.mailbox.item, "<p>Bonjour</p><ul><li>un</li></ul>", office);
    assert.deepEqual(office.context.mailbox.item.body.inserted, [{ data: "Bonjour\n\n- un", coercionType: "text" }]);
  });

  test("a failed getTypeAsync rejects with a message for the user and inserts nothing", async () => {
    const office = outlookMock({ failGetType: true });
    await assert.rejects(Logic.insertIntoBody(office.context.mailbox.item, "<p>x</p>", office),
      { message: "Could not read the message format: Body unavailable" });
    assert.equal(office.context.mailbox.item.body.inserted, undefined);
  });

  test("a failed setSelectedDataAsync rejects with the host's message", async () => {
    const office = outlookMock({ failSet: true });
    await assert.rejects(Logic.insertIntoBody(office.context.mailbox.item, "<p>x</p>", office),
      (error) => error.message === "Could not insert the text: The item is read-only" && error.code === 5000);
  });

  test("failures are described in the pane's language, with the host's detail", async () => {
    const office = outlookMock({ failSet: true });
    const error = await Logic.insertIntoBody(office.context.mailbox.item, "<p>x</p>", office).catch((e) => e);
    assert.equal(error.step, "insert");
    assert.equal(Logic.describeFailure(error, "fr"), "Impossible d'insérer le texte : The item is read-only");
    assert.equal(Logic.describeFailure(error, "en"), "Could not insert the text: The item is read-only");
    assert.equal(Logic.describeFailure(new Error("plain"), "fr"), "plain");
    for (const language of ["fr", "en"]) {
      assert.deepEqual(Object.keys(Logic.uiText(language).failures).sort(), Object.keys(Logic.uiText("en").failures).sort());
    }
  });

  test("no item (read mode, or outside Outlook) rejects instead of throwing", async () => {
    await assert.rejects(Logic.insertIntoBody(null, "<p>x</p>"), /No message is being written/);
  });
});

describe("roaming settings with office-addin-mock", () => {
  test("saves the cleaned placeholder values and the language", async () => {
    const office = outlookMock();
    const saved = await Logic.saveSettings(office.context.roamingSettings, { company: " Contoso ", hashtag: "" }, "en", office);
    assert.deepEqual(saved, { company: "Contoso" });
    const stored = office.context.roamingSettings.saved;
    assert.deepEqual(stored[Logic.SETTINGS_KEY], { company: "Contoso" });
    assert.equal(stored[Logic.LANGUAGE_KEY], "en");
  });

  test("reads back what was saved, ignoring unknown names and languages", () => {
    const office = outlookMock({ roaming: { [Logic.SETTINGS_KEY]: { company: "Contoso", rogue: "x" }, [Logic.LANGUAGE_KEY]: "de" } });
    assert.deepEqual(Logic.readSettings(office.context.roamingSettings, ["company"]), { values: { company: "Contoso" }, language: null });
    assert.deepEqual(Logic.readSettings(null), { values: {}, language: null });
  });

  test("a failed saveAsync rejects with a message for the user", async () => {
    const office = outlookMock({ failSave: true });
    await assert.rejects(Logic.saveSettings(office.context.roamingSettings, { company: "C" }, null, office),
      { message: "Could not save the settings: Mailbox quota exceeded" });
  });
});

describe("catalog loading", () => {
  function memoryStorage(initial = {}, { quota = Infinity } = {}) {
    const data = { ...initial };
    return {
      getItem: (k) => (k in data ? data[k] : null),
      setItem: (k, v) => {
        if (String(v).length > quota) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        data[k] = String(v);
      },
      removeItem: (k) => { delete data[k]; },
      data
    };
  }
  const text = JSON.stringify(RAW_CATALOG);

  test("fetches, normalises and caches the catalog", async () => {
    const storage = memoryStorage();
    const loaded = await Logic.loadCatalog({ url: "x", storage, fetch: async () => ({ ok: true, status: 200, text: async () => text }) });
    assert.equal(loaded.source, "network");
    assert.equal(loaded.cached, true);
    assert.equal(loaded.catalog.snippets.length, RAW_CATALOG.snippets.length);
    assert.equal(storage.data[Logic.CACHE_KEY], text);
  });

  test("falls back to the cache and says why: offline, server error, broken catalog", async () => {
    const storage = memoryStorage({ [Logic.CACHE_KEY]: text });
    const offline = await Logic.loadCatalog({ url: "x", storage, fetch: async () => { throw new TypeError("Failed to fetch"); } });
    assert.deepEqual([offline.source, offline.problem], ["cache", "offline"]);
    const serverError = await Logic.loadCatalog({ url: "x", storage, fetch: async () => ({ ok: false, status: 503 }) });
    assert.deepEqual([serverError.source, serverError.problem, serverError.reason], ["cache", "unavailable", "HTTP 503"]);
    const garbage = await Logic.loadCatalog({ url: "x", storage, fetch: async () => ({ ok: true, text: async () => "<html>" }) });
    assert.deepEqual([garbage.source, garbage.problem], ["cache", "broken"]);
    const noList = await Logic.loadCatalog({ url: "x", storage, fetch: async () => ({ ok: true, text: async () => "{}" }) });
    assert.equal(noList.problem, "broken");
    assert.equal(storage.data[Logic.CACHE_KEY], text, "a broken catalog never replaces the good copy");
  });

  test("fails clearly with neither network nor cache, naming a broken catalog as such", async () => {
    await assert.rejects(Logic.loadCatalog({ url: "x", storage: memoryStorage(), fetch: async () => { throw new Error("offline"); } }),
      (error) => error.step === "noCatalog" && /no offline copy exists: offline$/.test(error.message));
    await assert.rejects(Logic.loadCatalog({ url: "x", storage: memoryStorage(), fetch: async () => ({ ok: true, text: async () => "{" }) }),
      (error) => error.step === "brokenCatalog" && error.problem === "broken");
  });

  test("a catalog too large to keep removes the stale copy instead of leaving it", async () => {
    const storage = memoryStorage({ [Logic.CACHE_KEY]: "{\"snippets\":[]}" }, { quota: 100 });
    const loaded = await Logic.loadCatalog({ url: "x", storage, fetch: async () => ({ ok: true, text: async () => text }) });
    assert.equal(loaded.source, "network");
    assert.equal(loaded.cached, false);
    assert.equal(storage.getItem(Logic.CACHE_KEY), null);
  });

  test("the catalog URL is resolved next to the pane and must stay on its origin", () => {
    assert.equal(Logic.resolveCatalogUrl("../catalog/guidelines.json", "https://addins.contoso.com/social/src/taskpane.html"),
      "https://addins.contoso.com/social/catalog/guidelines.json");
    assert.equal(Logic.resolveCatalogUrl(null, "https://a.example/src/taskpane.html?x=1"), "https://a.example/catalog/guidelines.json");
    assert.throws(() => Logic.resolveCatalogUrl("https://evil.example/c.json", "https://a.example/src/taskpane.html"), /own origin/);
  });

  test("normalizeCatalog drops malformed snippets instead of failing, and keeps placeholder values", () => {
    const catalog = Logic.normalizeCatalog({
      placeholders: [{ name: "company", label: { fr: "Entreprise" }, value: "Contoso" }, { name: "hashtag", value: 3 }],
      snippets: [{ id: "a", title: { fr: "A" }, body: { fr: "<p>a</p>" } }, { id: "a", title: {}, body: {} }, null, { title: {} }]
    });
    assert.deepEqual(catalog.snippets.map((s) => s.id), ["a"]);
    assert.deepEqual(catalog.placeholders.map((p) => [p.name, p.value]), [["company", "Contoso"], ["hashtag", ""]]);
    assert.throws(() => Logic.normalizeCatalog({}), /no snippet list/);
  });
});

describe("organisation values and the person's own", () => {
  const catalog = Logic.normalizeCatalog({
    placeholders: [{ name: "company", value: "Contoso" }, { name: "hashtag", value: "#ContosoLife" }, { name: "trainingUrl" }],
    snippets: []
  });

  test("the person's value wins; an empty one keeps the organisation's", () => {
    assert.deepEqual(Logic.effectiveValues(catalog, { hashtag: "#MyTeam", company: "  " }),
      { company: "Contoso", hashtag: "#MyTeam" });
    assert.deepEqual(Logic.effectiveValues(catalog, {}), { company: "Contoso", hashtag: "#ContosoLife" });
  });

  test("a tip is never inserted with a placeholder left", async () => {
    const office = outlookMock({ bodyType: "html" });
    assert.equal(Logic.hasUnfilledPlaceholder("<p>{{ company }}</p>"), true);
    assert.equal(Logic.hasUnfilledPlaceholder("<p>{ company }</p>"), false);
    await assert.rejects(Logic.insertIntoBody(office.context.mailbox.item, "<p>Chez {{company}}</p>", office),
      (error) => error.step === "unfilled");
    assert.equal(office.context.mailbox.item.body.inserted, undefined);
  });

  test("outside Outlook, values are kept in the browser's storage", async () => {
    const data = {};
    const storage = { getItem: (k) => data[k] || null, setItem: (k, v) => { data[k] = v; } };
    await Logic.saveSettings(Logic.localSettingsStore(storage), { company: "Fabrikam" }, "en");
    assert.deepEqual(Logic.readSettings(Logic.localSettingsStore(storage), ["company"]), { values: { company: "Fabrikam" }, language: "en" });
  });
});

describe("incremental search", () => {
  const index = Logic.buildSearchIndex(CATALOG, "fr");

  test("gives the same matches as a full search, as a query grows, shrinks or changes category", () => {
    const search = Logic.createSearch(index);
    const steps = [["r", ""], ["re", ""], ["res", ""], ["rese", ""], ["reseau", ""], ["reseau x", ""], ["reseau", ""],
      ["reseau", "what-to-publish"], ["reseaux", "what-to-publish"], ["", ""], ["tele", ""], ["telephone", ""]];
    for (const [query, category] of steps) {
      const positions = search(query, category);
      assert.deepEqual(positions.map((p) => index[p].snippet.id), Logic.searchSnippets(index, query, category).map((s) => s.id), `${query} in ${category}`);
    }
  });
});

describe("theme", () => {
  test("Office's theme first, then the system's preference", () => {
    assert.equal(Logic.chooseTheme({ bodyBackgroundColor: "#1F1F1F" }, false), "dark");
    assert.equal(Logic.chooseTheme({ bodyBackgroundColor: "#FFFFFF" }, true), "light");
    assert.equal(Logic.chooseTheme({ bodyBackgroundColor: "" }, true), "dark");
    assert.equal(Logic.chooseTheme(null, false), "light");
  });
});

describe("sanitiser configuration", () => {
  const RULES = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "src", "snippet-html.json"), "utf8"));

  test("comes from the shared rule: its elements, attributes and link schemes", () => {
    const config = Logic.purifyConfig(RULES);
    assert.deepEqual(config.ALLOWED_TAGS.sort(), Object.keys(RULES.elements).sort());
    assert.deepEqual(config.ALLOWED_ATTR, ["href"]);
    for (const forbidden of ["script", "style", "iframe", "svg"]) {
      assert.ok(config.FORBID_TAGS.includes(forbidden), forbidden);
      assert.ok(config.ADD_FORBID_CONTENTS.includes(forbidden), forbidden);
    }
    assert.ok(config.ALLOWED_URI_REGEXP.test("https://x"));
    assert.ok(config.ALLOWED_URI_REGEXP.test("mailto:a@b"));
    assert.ok(!config.ALLOWED_URI_REGEXP.test("javascript:alert(1)"));
    assert.ok(!config.ALLOWED_URI_REGEXP.test("http://x"));
    assert.ok(!config.ALLOWED_URI_REGEXP.test("data:text/html,x"));
    config.ALLOWED_TAGS.push("img");
    assert.ok(!Logic.purifyConfig(RULES).ALLOWED_TAGS.includes("img"), "each call gets a fresh copy");
  });

  test("without the rule, nothing is allowed but text", () => {
    const config = Logic.purifyConfig(null);
    assert.deepEqual(config.ALLOWED_TAGS, []);
    assert.ok(!config.ALLOWED_URI_REGEXP.test("https://x"));
  });
});
