"use strict";
/*
 * The pane as an employee uses it, in Chromium, with Microsoft's real office.js: opened outside Outlook,
 * office.js resolves Office.onReady itself and mailbox-stand-in.js adds what only Outlook has (the message
 * being written, roaming settings, display language, theme). Every test also fails on any refused script
 * or Content-Security-Policy violation (office.js's telemetry frame, refused on purpose, excepted).
 */
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { openBrowser, runAxe, ADDIN_ROOT, WAIT_MS } = require("./harness");

const CATALOG = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));
// The README's pictures are refreshed only on request (SCREENSHOT_TO_DOCS=1), so a test run leaves the tree clean.
const SCREENSHOT_FOLDER = process.env.SCREENSHOT_TO_DOCS === "1"
  ? path.resolve(ADDIN_ROOT, "..", "docs", "images")
  : path.join(ADDIN_ROOT, ".tmp");
const VALUES = {
  company: "Contoso",
  hashtag: "#ContosoLife",
  communicationsContact: "communication@contoso.com",
  socialPolicyUrl: "https://intranet.contoso.com/charte",
  trainingUrl: "https://learning.contoso.com/reseaux"
};
const ROAMING = { "socialtoolkit.placeholders": VALUES };

let browser;

before(async () => {
  browser = await openBrowser();
});

after(async () => {
  if (browser) {
    await browser.close();
  }
});

/** A copy of the shipped catalog with organisation values set on some placeholders. */
function catalogWithValues(values) {
  return {
    ...CATALOG,
    schemaVersion: 2,
    placeholders: CATALOG.placeholders.map((p) => (values[p.name] ? { ...p, value: values[p.name] } : p))
  };
}

async function visibleTitles(page) {
  return page.$$eval("#results [role=option]:not([hidden]) .result-title", (nodes) => nodes.map((n) => n.textContent));
}

/** Types a query and waits for the debounced filter to show it. */
async function search(page, query) {
  await page.fill("#search", query);
  await page.waitForSelector(`#results[data-query="${query.replace(/"/g, '\\"')}"]`, { state: "attached", timeout: WAIT_MS });
  return visibleTitles(page);
}

async function selectSnippet(page, id) {
  await page.click(`#snippet-${id}`);
  await page.waitForFunction((expected) =>
    document.querySelector("#results").getAttribute("aria-activedescendant") === `snippet-${expected}`, id, { timeout: WAIT_MS });
}

async function waitForInsertions(page, count) {
  await page.waitForFunction((n) => window.__mailbox.inserted.length >= n, count, { timeout: WAIT_MS });
  return page.evaluate(() => window.__mailbox.inserted);
}

test("the pane follows Office's display language and switches with the FR/EN buttons", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { displayLanguage: "en-GB" } });
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent("#app-title"), "Social media tips");
  await page.click("button[data-language=fr]");
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal(await page.textContent("#app-title"), "Conseils réseaux sociaux");
  assert.equal(await page.getAttribute("button[data-language=fr]", "aria-pressed"), "true");
  await page.waitForFunction(() => window.__mailbox.savedSettings.length > 0, null, { timeout: WAIT_MS });
  const saved = await page.evaluate(() => window.__mailbox.savedSettings);
  assert.equal(saved.at(-1)["socialtoolkit.language"], "fr");
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("search in French finds the same tips with and without accents", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { displayLanguage: "fr-FR" } });
  const all = await visibleTitles(page);
  assert.equal(all.length, CATALOG.snippets.length);
  const withAccents = await search(page, "réseau");
  const withoutAccents = await search(page, "reseau");
  assert.ok(withAccents.length > 0, "réseau finds something");
  assert.deepEqual(withoutAccents, withAccents);
  assert.ok(withoutAccents.includes("Les moments où l'on vous lit"));
  const phone = await search(page, "TELEPHONE");
  assert.ok(phone.includes("Publier depuis votre téléphone"));
  await page.selectOption("#category", "confidentiality");
  const filtered = await search(page, "photo");
  assert.deepEqual(filtered, ["Écrans, badges et arrière-plans"]);
  await search(page, "zzzz introuvable");
  assert.equal(await page.isVisible("#no-results"), true);
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("inserting into an HTML body sends sanitised HTML with the placeholders filled", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { bodyType: "html", roaming: ROAMING } });
  await selectSnippet(page, "share-team-success");
  await page.click("#insert");
  const [insertion] = await waitForInsertions(page, 1);
  assert.equal(insertion.coercionType, "html");
  assert.match(insertion.data, /^<p>Un projet livré/);
  assert.match(insertion.data, /#ContosoLife/);
  assert.doesNotMatch(insertion.data, /\{\{/);
  await page.waitForFunction(() => /inséré/.test(document.querySelector("#status").textContent), null, { timeout: WAIT_MS });
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("inserting into a plain-text body sends converted text", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { bodyType: "text", roaming: ROAMING } });
  await selectSnippet(page, "what-stays-internal");
  await page.click("#insert");
  const [insertion] = await waitForInsertions(page, 1);
  assert.equal(insertion.coercionType, "text");
  assert.doesNotMatch(insertion.data, /[<>]/);
  assert.match(insertion.data, /^Ne publiez jamais :\n\n- des chiffres financiers/);
  assert.match(insertion.data, /demandez à communication@contoso\.com\.$/);
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("a failed insertion is shown in the pane as an alert", async () => {
  const { page } = await browser.openPane({ mailbox: { failSetSelectedData: true, roaming: ROAMING } });
  await page.click("#insert");
  await page.waitForFunction(() => document.querySelector("#alert").textContent.length > 0, null, { timeout: WAIT_MS });
  const alert = await page.textContent("[role=alert]");
  assert.equal(alert, "Erreur : Impossible d'insérer le texte : The message is read-only.");
  assert.equal(await page.isEnabled("#insert"), true);
  await page.close();
});

test("the organisation's values fill the tips; a person's own value overrides one", async () => {
  const catalog = catalogWithValues(VALUES);
  const { page, unexpected } = await browser.openPane({
    catalog,
    mailbox: { bodyType: "html", roaming: { "socialtoolkit.placeholders": { hashtag: "#MyTeam" } } }
  });
  await selectSnippet(page, "share-team-success");
  assert.equal(await page.isVisible("#missing-form"), false, "nothing to ask: every value is set");
  await page.click("#insert");
  const [insertion] = await waitForInsertions(page, 1);
  assert.match(insertion.data, /#MyTeam/);
  await selectSnippet(page, "show-your-daily-work");
  await page.click("#insert");
  const inserted = await waitForInsertions(page, 2);
  assert.match(inserted[1].data, /chez Contoso/);
  await page.click("#settings-toggle");
  assert.equal(await page.getAttribute("#setting-company", "placeholder"), "Contoso");
  assert.match(await page.textContent("#settings-fields"), /Valeur de l'organisation : Contoso/);
  assert.equal(await page.inputValue("#setting-hashtag"), "#MyTeam");
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("a tip with a value nobody set asks for it inline before inserting, never inserts {{...}}", async () => {
  const catalog = catalogWithValues({ hashtag: "#ContosoLife" });
  const { page, unexpected } = await browser.openPane({ catalog, mailbox: { bodyType: "html", displayLanguage: "en-US" } });
  await selectSnippet(page, "most-credible-voice");
  assert.equal(await page.isVisible("#missing-form"), true);
  assert.match(await page.textContent("#missing-form"), /Company name/);
  assert.equal(await page.textContent("#insert"), "Save and insert");
  await page.click("#insert");
  assert.equal(await page.evaluate(() => document.activeElement.id), "missing-company");
  assert.equal(await page.evaluate(() => window.__mailbox.inserted.length), 0, "nothing inserted while a value is missing");
  await page.fill("#missing-company", "Fabrikam");
  await page.press("#missing-company", "Enter");
  const [insertion] = await waitForInsertions(page, 1);
  assert.match(insertion.data, /Fabrikam/);
  assert.doesNotMatch(insertion.data, /\{\{/);
  const saved = await page.evaluate(() => window.__mailbox.savedSettings.at(-1));
  assert.equal(saved["socialtoolkit.placeholders"].company, "Fabrikam");
  assert.equal(await page.isVisible("#missing-form"), false);
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("settings: saving stores the values, closes the panel and returns focus; Escape closes it too", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { displayLanguage: "en-US" } });
  await selectSnippet(page, "most-credible-voice");
  await page.click("#settings-toggle");
  await page.fill("#setting-company", "Fabrikam");
  await page.click("#settings-form button[type=submit]");
  await page.waitForFunction(() => window.__mailbox.savedSettings.length > 0, null, { timeout: WAIT_MS });
  await page.waitForSelector("#settings-panel", { state: "hidden", timeout: WAIT_MS });
  assert.equal(await page.evaluate(() => document.activeElement.id), "settings-toggle");
  assert.equal(await page.getAttribute("#settings-toggle", "aria-expanded"), "false");
  const saved = await page.evaluate(() => window.__mailbox.savedSettings.at(-1));
  assert.equal(saved["socialtoolkit.placeholders"].company, "Fabrikam");
  assert.match(await page.textContent("#preview-body"), /what Fabrikam is really like/);
  assert.equal(await page.isVisible("#missing-form"), false);

  await page.click("#settings-toggle");
  assert.equal(await page.isVisible("#settings-panel"), true);
  await page.keyboard.press("Escape");
  assert.equal(await page.isVisible("#settings-panel"), false);
  assert.equal(await page.evaluate(() => document.activeElement.id), "settings-toggle");
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("a hostile catalog inserts nothing dangerous and runs nothing", async () => {
  const hostileBody = [
    "<p>Bonjour<script>window.__pwned = 'script'</script></p>",
    "<img src=x onerror=\"window.__pwned = 'onerror'\">",
    "<a href=\"javascript:window.__pwned = 'link'\">clic</a>",
    "<img src=\"https://evil.example/pixel.png\">",
    "<style>body { display: none }</style>",
    "<iframe src=\"https://evil.example/frame\"></iframe>",
    "<form action=\"https://evil.example/steal\"><input name=q></form>",
    "<svg><image href=\"https://evil.example/svg.png\" /></svg>",
    "<p onclick=\"window.__pwned = 'click'\" style=\"background:url(https://evil.example/bg.png)\">Texte</p>",
    "<a href=\"https://example.org/ok\">lien sûr</a>"
  ].join("");
  const hostile = {
    ...CATALOG,
    snippets: [{
      id: "hostile",
      category: CATALOG.categories[0].id,
      tags: ["hostile"],
      title: { fr: "<img src=x onerror=\"window.__pwned = 'title'\">Piège", en: "Trap" },
      body: { fr: hostileBody, en: hostileBody }
    }]
  };
  const before = browser.outsideRequests.length;
  const { page, problems, settled } = await browser.openPane({ catalog: hostile, mailbox: { bodyType: "html" } });
  await selectSnippet(page, "hostile");
  await page.click("#preview-body p");
  await page.click("#insert");
  const [insertion] = await waitForInsertions(page, 1);

  for (const pattern of [/<script/i, /onerror/i, /onclick/i, /javascript:/i, /evil\.example/, /<style/i,
    /<iframe/i, /<form/i, /<img/i, /<svg/i, /style=/i]) {
    assert.doesNotMatch(insertion.data, pattern);
  }
  assert.match(insertion.data, /<a href="https:\/\/example\.org\/ok">lien sûr<\/a>/);
  const preview = await page.evaluate(() => {
    const body = document.querySelector("#preview-body");
    return {
      dangerous: body.querySelectorAll("script, img, iframe, style, form, svg, input").length,
      handlers: [...body.querySelectorAll("*")].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
      title: document.querySelector("#preview-title").textContent
    };
  });
  assert.equal(preview.dangerous, 0);
  assert.equal(preview.handlers, 0);
  assert.match(preview.title, /^<img src=x/, "the title is shown as text, never parsed");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const leaked = browser.outsideRequests.slice(before).filter((url) => url.includes("evil.example"));
  assert.deepEqual(leaked, []);
  assert.deepEqual(problems.pageErrors, []);
  /*
   * Chromium reports inline handlers and styles (script-src-attr, style-src-attr, style-src-elem) when
   * DOMPurify parses the dirty HTML in its inert document, where nothing runs or loads. A violation of
   * any other directive (img-src, frame-src, script-src-elem, connect-src...) would mean the live page
   * tried to load or run something that the sanitiser should have removed before the CSP had to.
   */
  const parseTimeOnly = new Set(["script-src-attr", "style-src-attr", "style-src-elem"]);
  await settled();
  const live = problems.violations.filter((v) => !parseTimeOnly.has(v.directive) &&
    !/o15apptofilemappingtable/.test(v.sourceFile || ""));
  assert.deepEqual(live, []);
  await page.close();
});

test("the pane's sanitiser (DOMPurify with the shared rule) agrees with every case of the shared list", async () => {
  const { cases } = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "test", "fixtures", "snippet-html-cases.json"), "utf8"));
  const { page } = await browser.openPane();
  const verdicts = await page.evaluate(async (list) => {
    const rules = await (await fetch("snippet-html.json")).json();
    return list.map(({ html }) => {
      const template = document.createElement("template");
      template.innerHTML = html;
      return window.DOMPurify.sanitize(html, window.SocialGuidelines.purifyConfig(rules)) === template.innerHTML;
    });
  }, cases);
  assert.deepEqual(cases.filter((c, i) => verdicts[i] !== c.allowed).map((c) => c.html), []);
  await page.close();
});

test("axe-core finds no accessibility violation, light and dark, with the tip form and settings open", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await browser.openPane({ colorScheme, mailbox: { roaming: ROAMING } });
    await selectSnippet(page, "post-from-your-phone");
    let result = await runAxe(page);
    assert.deepEqual(result.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
    await page.click("#settings-toggle");
    await page.click("button[data-language=en]");
    result = await runAxe(page);
    assert.deepEqual(result.violations.map((v) => `${colorScheme} ${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
    await page.close();
  }
  const { page } = await browser.openPane({ mailbox: {} });
  await selectSnippet(page, "most-credible-voice");
  assert.equal(await page.isVisible("#missing-form"), true);
  const result = await runAxe(page);
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
  await page.close();
});

test("keyboard only: Tab to the search box, type, Enter goes to the list (inserting nothing), Enter there inserts", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { bodyType: "html", roaming: ROAMING } });
  const focusPath = [];
  for (let i = 0; i < 10 && focusPath.at(-1) !== "search"; i++) {
    await page.keyboard.press("Tab");
    focusPath.push(await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute("data-language")));
  }
  assert.deepEqual(focusPath, ["fr", "en", "settings-toggle", "search"]);
  await page.keyboard.type("critique");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement.id), "results");
  assert.equal(await page.evaluate(() => window.__mailbox.inserted.length), 0, "Enter in the search box inserts nothing");
  const ring = await page.$eval("#results", (list) => getComputedStyle(list).outlineStyle);
  assert.equal(ring, "solid", "the focused list shows a focus ring");
  const titles = await visibleTitles(page);
  assert.ok(titles.length >= 2, "several tips mention criticism");
  await page.keyboard.press("ArrowDown");
  const active = await page.getAttribute("#results", "aria-activedescendant");
  assert.equal(await page.textContent(`#${active} .result-title`), titles[1]);
  await page.keyboard.press("Enter");
  const [insertion] = await waitForInsertions(page, 1);
  const expected = CATALOG.snippets.find((s) => s.title.fr === titles[1]);
  assert.ok(insertion.data.startsWith(expected.body.fr.slice(0, 20)));
  await page.keyboard.press("Tab");
  if (await page.evaluate(() => document.activeElement.id) === "preview-body") {
    await page.keyboard.press("Tab");
  }
  assert.equal(await page.evaluate(() => document.activeElement.id), "copy");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "insert");
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("the catalog's problems are told apart: offline, server error, broken file; the saved copy stays usable", async () => {
  const online = await browser.openPane();
  assert.equal((await visibleTitles(online.page)).length, CATALOG.snippets.length);
  await online.page.close();

  const cases = [
    ["offline", /Hors ligne : copie enregistrée/],
    [503, /indisponible \(HTTP 503\) : copie enregistrée/],
    ["{ \"snippets\": [ broken", /catalogue publié est invalide .* copie enregistrée/]
  ];
  for (const [catalog, status] of cases) {
    const { page } = await browser.openPane({ catalog });
    assert.equal(await page.getAttribute("body", "data-ready"), "true");
    assert.equal((await visibleTitles(page)).length, CATALOG.snippets.length, `${catalog}: the saved copy is listed`);
    assert.match(await page.textContent("#status"), status);
    await page.close();
  }

  const { page } = await browser.openPane({ catalog: "{ \"snippets\": [ broken" });
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("body[data-ready]", { timeout: WAIT_MS });
  assert.equal(await page.getAttribute("body", "data-ready"), "error");
  assert.match(await page.textContent("[role=alert]"), /catalogue publié est invalide, et aucune copie hors ligne/);
  await page.close();
});

test("a catalog too large to keep offline removes the older saved copy", async () => {
  const online = await browser.openPane();
  assert.ok(await online.page.evaluate(() => localStorage.getItem("socialtoolkit.catalog.v1") !== null));
  await online.page.close();

  /* Chromium's localStorage holds about 5 MB per origin (UTF-16): this catalog cannot be kept. */
  const huge = { ...CATALOG, snippets: [...CATALOG.snippets] };
  const filler = "x".repeat(1990);
  for (let i = 0; i < 3000; i++) {
    huge.snippets.push({ id: `filler-${i}`, category: CATALOG.categories[0].id, tags: [], title: { fr: `Remplissage ${i}`, en: `Filler ${i}` }, body: { fr: filler, en: filler } });
  }
  const { page } = await browser.openPane({ catalog: huge });
  assert.match(await page.textContent("#status"), new RegExp(`^${huge.snippets.length} conseils .*trop volumineux pour être gardé hors ligne`));
  assert.equal(await page.evaluate(() => localStorage.getItem("socialtoolkit.catalog.v1")), null, "no stale copy left behind");
  await page.close();

  const offline = await browser.openPane({ catalog: "offline" });
  assert.equal(await offline.page.getAttribute("body", "data-ready"), "error");
  await offline.page.close();
  const restore = await browser.openPane();
  await restore.page.close();
});

test("themes: Office's dark theme, the system's dark preference, and forced colours keep every state visible", async () => {
  const fromOffice = await browser.openPane({ mailbox: { officeTheme: { bodyBackgroundColor: "#262626", bodyForegroundColor: "#ffffff" } } });
  assert.equal(await fromOffice.page.getAttribute("html", "data-theme"), "dark");
  assert.equal(await fromOffice.page.$eval("body", (b) => getComputedStyle(b).backgroundColor), "rgb(31, 31, 31)");
  await fromOffice.page.close();

  const officeLight = await browser.openPane({ colorScheme: "dark", mailbox: { officeTheme: { bodyBackgroundColor: "#FFFFFF" } } });
  assert.equal(await officeLight.page.getAttribute("html", "data-theme"), "light", "Office's own theme wins over the system's");
  await officeLight.page.close();

  const fromSystem = await browser.openPane({ colorScheme: "dark" });
  assert.equal(await fromSystem.page.getAttribute("html", "data-theme"), "dark");
  await fromSystem.page.close();

  const { page } = await browser.openPane({ forcedColors: "active", mailbox: { roaming: ROAMING } });
  await selectSnippet(page, "post-from-your-phone");
  const look = (selector) => page.$eval(selector, (e) => {
    const style = getComputedStyle(e);
    return `${style.backgroundColor} ${style.color}`;
  });
  assert.notEqual(await look("button[data-language=fr]"), await look("button[data-language=en]"), "active language");
  assert.notEqual(await look("#snippet-post-from-your-phone"), await look("#snippet-share-team-success"), "selected tip");
  await page.focus("#search");
  const focusOutline = await page.$eval("#search", (e) => `${getComputedStyle(e).outlineStyle} ${getComputedStyle(e).outlineWidth}`);
  assert.match(focusOutline, /^solid [1-9]/, "focus ring");
  await page.close();
});

test("320 px wide: nothing cut off, nothing scrolls sideways", async () => {
  const { page, unexpected } = await browser.openPane({ mailbox: { displayLanguage: "fr-FR" } });
  await page.setViewportSize({ width: 320, height: 640 });
  await selectSnippet(page, "speak-in-your-own-name");
  await page.click("#settings-toggle");
  const overflow = await page.evaluate(() => {
    const cut = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) cut.push("page scrolls sideways");
    for (const element of document.querySelectorAll("label, button, h1, h2, h3, p, .result-title, .result-category, select, input")) {
      if (element.offsetParent === null || element.classList.contains("visually-hidden")) continue;
      const box = element.getBoundingClientRect();
      if (box.right > document.documentElement.clientWidth + 0.5) cut.push(`${element.id || element.className || element.tagName} overflows`);
      if (element.scrollWidth > element.clientWidth + 1 && getComputedStyle(element).overflowX !== "visible") cut.push(`${element.id || element.className || element.tagName} is truncated`);
    }
    return cut;
  });
  assert.deepEqual(overflow, []);
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("help links land on the reader's language: the pane's link and the support page's anchors", async () => {
  const { page } = await browser.openPane({ mailbox: { displayLanguage: "en-US" } });
  assert.equal(await page.getAttribute("#help-link", "href"), "support.html#help-en");
  await page.click("button[data-language=fr]");
  assert.equal(await page.getAttribute("#help-link", "href"), "support.html#help-fr");
  await page.goto(`${browser.paneUrl.replace("taskpane.html", "support.html")}#privacy-en`);
  for (const [anchor, language] of [["privacy-en", "en"], ["terms-en", "en"], ["help-en", "en"], ["privacy-fr", "fr"], ["terms-fr", "fr"], ["help-fr", "fr"]]) {
    const lang = await page.$eval(`#${anchor}`, (e) => e.closest("[lang]").getAttribute("lang"));
    assert.equal(lang, language, anchor);
  }
  for (const topic of ["privacy", "terms", "help"]) {
    const languages = await page.$eval(`#${topic}`, (e) => [e.closest("[lang]").getAttribute("lang"), ...[...e.querySelectorAll("[lang]")].map((x) => x.getAttribute("lang"))]);
    assert.deepEqual([...new Set(languages)].sort(), ["en", "fr"], `#${topic} holds both languages`);
  }
  await page.close();
});

test("1,000 snippets load and filter; the list shows the first 200 and says how many match", async () => {
  const big = { ...CATALOG, snippets: [] };
  for (let i = 0; i < 1000; i++) {
    const source = CATALOG.snippets[i % CATALOG.snippets.length];
    big.snippets.push({ ...source, id: `${source.id}-${i}`, title: { fr: `${source.title.fr} n°${i}`, en: `${source.title.en} #${i}` } });
  }
  const { page } = await browser.openPane({ catalog: big });
  assert.equal((await visibleTitles(page)).length, 200, "a long list is cut");
  assert.match(await page.textContent("#status"), /^1000 conseils · les 200 premiers affichés : précisez la recherche/);
  const filtered = await search(page, "reseau");
  assert.ok(filtered.length > 0 && filtered.length <= 200);
  const narrower = await search(page, "reseaux");
  assert.ok(narrower.every((title) => filtered.includes(title)), "a longer query narrows the previous matches");
  const wider = await search(page, "re");
  assert.ok(wider.length >= filtered.length, "a shorter query searches the whole catalog again");
  await page.close();
});

test("screenshots of the pane, light and dark", async () => {
  fs.mkdirSync(SCREENSHOT_FOLDER, { recursive: true });
  for (const [colorScheme, name] of [["light", "outlook-pane.png"], ["dark", "outlook-pane-dark.png"]]) {
    const { page } = await browser.openPane({ colorScheme, mailbox: { displayLanguage: "fr-FR", roaming: ROAMING } });
    await selectSnippet(page, "post-from-your-phone");
    await page.focus("#results");
    await page.evaluate(() => document.activeElement.blur());
    const file = path.join(SCREENSHOT_FOLDER, name);
    await page.screenshot({ path: file });
    assert.ok(fs.statSync(file).size > 10000);
    await page.close();
  }
});
