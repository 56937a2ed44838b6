"use strict";
/*
 * Microsoft's real office.js (the pinned @microsoft/office-js) in simulated Outlook hosts: every script it
 * loads must load, and the pane's Content-Security-Policy must refuse none of them. A host that never
 * answers (a browser cannot be Outlook's side of the conversation) must still leave a usable pane.
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
    assert.deepEqual(unexpected(), []);
    await page.close();
  });
}

test("with the old CSP, office.js in Outlook on the web cannot load MicrosoftAjax and the check says so", async () => {
  const { page, pane, unexpected } = await browser.openPane({
    host: "web",
    waitReady: false,
    html: (original) => original.replace(/(<meta http-equiv="Content-Security-Policy" content=")[^"]+/, `$1${OLD_CSP}`)
  });
  await pane.waitForFunction(() => document.body.getAttribute("data-office") === "waiting", null, { timeout: WAIT_MS });
  const problems = unexpected();
  assert.ok(problems.some((p) => /^CSP script-src-elem refused https:\/\/ajax\.aspnetcdn\.com\/ajax\/3\.5\/MicrosoftAjax\.js/.test(p)), problems.join("\n"));
  assert.ok(problems.some((p) => /Not able to load MicrosoftAjax\.js/.test(p)), problems.join("\n"));
  await page.close();
});

test("a host that never answers: the pane says so in the user's language, lists the tips and offers Retry", async () => {
  const { page, unexpected } = await browser.openPane({ host: "win32", waitReady: false });
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
  assert.deepEqual(unexpected(), []);
  await page.close();
});
