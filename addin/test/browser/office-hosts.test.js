"use strict";
/*
 * Microsoft's real office.js (the pinned @microsoft/office-js) in simulated Outlook hosts: every script it
 * loads must load, and the pane's Content-Security-Policy must refuse none of them. In Outlook on the web the
 * framing page answers office.js as Outlook does (outlook-web-host.js), so Office.onReady resolves and the pane
 * inserts through office.js's own API; classic Outlook for Windows's native bridge (window.external) is played
 * by outlook-windows-host.js, with the same result. Outlook for Mac talks to native code through WebKit: nobody
 * answers there, which is also the "Outlook does not answer" case: the pane must stay usable.
 */
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { openBrowser, HOSTS, WAIT_MS, ADDIN_ROOT } = require("./harness");

const CATALOG = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));
/* The policy the pane shipped with before office.js's MicrosoftAjax dependency was allowed. */
const OLD_CSP = "default-src 'none'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

let browser;

before(async () => {
  browser = await openBrowser();
});

after(async () => {
  if (browser) {
    await browser.close();
  }
});

/** Waits until office.js has loaded MicrosoftAjax (or given up on it): the step the old CSP broke. */
async function officeScriptsSettled(page) {
  await page.waitForFunction(() => window.__microsoftAjaxLoaded === true ||
    document.body.getAttribute("data-office") === "waiting", null, { timeout: WAIT_MS });
}

for (const host of ["web", "win32", "mac"]) {
  test(`${host}: office.js loads its ${HOSTS[host].hostFile}, the Office strings and MicrosoftAjax, and the CSP refuses nothing`, async () => {
    const before = browser.officeRequests.length;
    const { page, pane, unexpected } = await browser.openPane({ host, waitReady: false });
    await officeScriptsSettled(pane);
    const requested = browser.officeRequests.slice(before);
    assert.ok(requested.includes("office.js"), requested.join(", "));
    assert.ok(requested.includes(HOSTS[host].hostFile), `office.js picked the ${host} host file: ${requested.join(", ")}`);
    assert.ok(requested.some((name) => /^[a-z]{2}-[a-z]{2}\/office_strings\.js$/.test(name)), requested.join(", "));
    assert.ok(requested.includes("MicrosoftAjax.js"), requested.join(", "));
    assert.equal(await pane.evaluate(() => window.__microsoftAjaxLoaded === true && OfficeExt.MicrosoftAjaxFactory.prototype.isMsAjaxLoaded()), true);
    assert.deepEqual(await unexpected(), []);
    await page.close();
  });
}

const VALUES = { company: "Contoso", hashtag: "#ContosoLife", communicationsContact: "communication@contoso.com" };

test("Outlook on the web: Office.onReady resolves through office.js, and a tip is inserted and settings saved through it", async () => {
  const { page, pane, unexpected } = await browser.openPane({
    host: "web",
    outlook: { locale: "en-US", bodyType: "html", roaming: { "socialtoolkit.placeholders": VALUES } }
  });
  assert.equal(await pane.getAttribute("body", "data-office"), "ready");
  assert.equal(await pane.evaluate(() => Office.context.mailbox.item.itemType), "message");
  assert.equal(await pane.getAttribute("html", "lang"), "en", "the display language comes from Outlook");
  await pane.click("#snippet-share-team-success");
  await pane.click("#insert");
  await page.waitForFunction(() => window.__outlookHost.inserted.length > 0, null, { timeout: WAIT_MS });
  const [insertion] = await page.evaluate(() => window.__outlookHost.inserted);
  assert.match(insertion.data, /^<p>A project delivered/);
  assert.match(insertion.data, /#ContosoLife/, "the value came from the mailbox's roaming settings");
  assert.equal(String(insertion.coercionType).toLowerCase(), "html");
  await pane.waitForFunction(() => /inserted/.test(document.querySelector("#status").textContent), null, { timeout: WAIT_MS });
  await pane.click("button[data-language=fr]");
  await page.waitForFunction(() => window.__outlookHost.savedSettings.length > 0, null, { timeout: WAIT_MS });
  const saved = await page.evaluate(() => window.__outlookHost.savedSettings.at(-1));
  assert.equal(JSON.parse(saved["socialtoolkit.language"]), "fr");
  const requests = await page.evaluate(() => window.__outlookHost.requests.map((r) => r.action + (r.dispatch ? ` ${r.dispatch}` : "")));
  for (const expected of ["ContextActivationManager_getAppContextAsync", "GetInitialData 1", "ExecuteMethod 14", "ExecuteMethod 13", "ExecuteMethod 404"]) {
    assert.ok(requests.includes(expected), `${expected} in ${requests.join(", ")}`);
  }
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("Outlook on the web: when the person switches Outlook to its dark theme, the pane follows", async () => {
  const { page, pane, unexpected } = await browser.openPane({ host: "web", colorScheme: "light" });
  assert.equal(await pane.getAttribute("html", "data-theme"), "light");
  await page.waitForFunction(() => Boolean(window.__outlookHost.events.officeThemeChanged), null, { timeout: WAIT_MS });
  /* Outlook sends the theme's colours as integers in a JSON text; office.js turns them into #rrggbb. */
  const dark = { bodyBackgroundColor: 0x1f1f1f, bodyForegroundColor: 0xffffff, controlBackgroundColor: 0x292929, controlForegroundColor: 0xf0f0f0 };
  await page.evaluate((theme) => window.__outlookHost.raise("officeThemeChanged", [JSON.stringify(theme)]), dark);
  await pane.waitForFunction(() => document.documentElement.getAttribute("data-theme") === "dark", null, { timeout: WAIT_MS });
  assert.equal(await pane.$eval("body", (b) => getComputedStyle(b).backgroundColor), "rgb(31, 31, 31)");
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("classic Outlook for Windows: Office.onReady resolves through office.js, the pane takes Office's theme, inserts and saves through it", async () => {
  const { page, unexpected } = await browser.openPane({
    host: "win32",
    colorScheme: "light",
    outlook: { locale: "en-US", bodyType: "html", roaming: { "socialtoolkit.placeholders": VALUES }, officeTheme: { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" } }
  });
  assert.equal(await page.getAttribute("body", "data-office"), "ready");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark", "Office's dark theme, read through office.js, wins over the system's light one");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.click("#snippet-share-team-success");
  await page.click("#insert");
  await page.waitForFunction(() => window.__outlookHost.inserted.length > 0, null, { timeout: WAIT_MS });
  const [insertion] = await page.evaluate(() => window.__outlookHost.inserted);
  assert.equal(insertion.coercionType, "html");
  assert.match(insertion.data, /#ContosoLife/);
  await page.click("#settings-toggle");
  await page.fill("#setting-company", "Fabrikam");
  await page.click("#settings-form button[type=submit]");
  await page.waitForFunction(() => window.__outlookHost.savedSettings.length > 0, null, { timeout: WAIT_MS });
  const saved = await page.evaluate(() => window.__outlookHost.savedSettings.at(-1));
  assert.equal(JSON.parse(saved["socialtoolkit.placeholders"]).company, "Fabrikam");
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("Outlook on the web: into a plain-text body, office.js receives text", async () => {
  const { page, pane, unexpected } = await browser.openPane({ host: "web", outlook: { bodyType: "text", roaming: { "socialtoolkit.placeholders": VALUES } } });
  await pane.click("#snippet-what-stays-internal");
  await pane.click("#insert");
  await page.waitForFunction(() => window.__outlookHost.inserted.length > 0, null, { timeout: WAIT_MS });
  const [insertion] = await page.evaluate(() => window.__outlookHost.inserted);
  assert.equal(String(insertion.coercionType).toLowerCase(), "text");
  assert.doesNotMatch(insertion.data, /[<>]/);
  assert.deepEqual(await unexpected(), []);
  await page.close();
});

test("Outlook on the web with a store entitlement token: not even the token parse is reported", async () => {
  const token = encodeURIComponent('<r><t aid="WA000000001" cid="1A2B3C4D" oid="00000000-0000-0000-0000-000000000001"/></r>');
  const { page, problems, unexpected } = await browser.openPane({ host: "web", outlook: { eToken: token } });
  assert.deepEqual(await unexpected(), []);
  assert.deepEqual(problems.violations, []);
  await page.close();
});

test("with the old CSP, office.js in Outlook on the web cannot load MicrosoftAjax and the check says so", async () => {
  const { page, pane, unexpected } = await browser.openPane({
    host: "web",
    waitReady: false,
    html: (original) => original.replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]+/, `$1${OLD_CSP}`)
  });
  await pane.waitForFunction(() => document.body.getAttribute("data-office") === "waiting", null, { timeout: WAIT_MS });
  const problems = await unexpected();
  assert.ok(problems.some((p) => /^CSP script-src-elem refused https:\/\/ajax\.aspnetcdn\.com\/ajax\/3\.5\/MicrosoftAjax\.js/.test(p)), problems.join("\n"));
  assert.ok(problems.some((p) => /Not able to load MicrosoftAjax\.js/.test(p)), problems.join("\n"));
  await page.close();
});

test("a host that never answers (Outlook for Mac's native bridge, which no browser has): the pane says so in the user's language, lists the tips and offers Retry", async () => {
  const { page, unexpected } = await browser.openPane({ host: "mac", waitReady: false });
  await page.waitForFunction(() => document.body.getAttribute("data-office") === "waiting" &&
    document.body.getAttribute("data-ready") === "true", null, { timeout: WAIT_MS });
  assert.equal(await page.isVisible("#office-notice"), true);
  assert.match(await page.textContent("#office-notice"), /Outlook ne répond pas encore/);
  assert.equal(await page.textContent("#retry"), "Réessayer");
  assert.equal(await page.locator("#results [role=option]:not([hidden])").count(), CATALOG.snippets.length);
  await page.click("#snippet-post-from-your-phone");
  assert.match(await page.textContent("#preview-title"), /téléphone/);
  assert.equal(await page.isVisible("#copy"), true);
  await page.click("#insert");
  await page.waitForFunction(() => document.querySelector("#alert").textContent.length > 0
    || !document.querySelector("#missing-form").hidden, null, { timeout: WAIT_MS });
  await page.click("button[data-language=en]");
  assert.match(await page.textContent("#office-notice"), /Outlook is not responding yet/);
  const reloaded = page.waitForEvent("load", { timeout: WAIT_MS });
  await page.click("#retry");
  await reloaded;
  assert.deepEqual(await unexpected(), []);
  await page.close();
});
