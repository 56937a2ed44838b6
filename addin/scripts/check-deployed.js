#!/usr/bin/env node
/*
 * Tries an exported add-in folder (Export-SocialOutlookAddin) the way an employee would, before it is
 * uploaded: the pane is opened at the address its XML manifest gives, in Chromium, with Microsoft's real
 * office.js (see test/browser/harness.js for how requests are answered and hosts simulated), and
 *  - in a simulated Outlook on the web (test/browser/outlook-web-host.js answers office.js as Outlook does)
 *    and classic Outlook for Windows (outlook-windows-host.js), Office.onReady resolves and nothing is refused by
 *    the pane's Content-Security-Policy;
 *  - a tip whose placeholders all have organisation values is inserted, through office.js, with every value
 *    filled in;
 *  - a tip using a placeholder without a value asks for it and inserts nothing until it is given.
 * Usage: node scripts/check-deployed.js path/to/exported-folder
 * Prints one line per check and exits non-zero when one fails.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { DOMParser } = require("@xmldom/xmldom");
const { openBrowser, WAIT_MS } = require("../test/browser/harness");

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

/** The pane's address from the XML manifest, and the base address that maps onto the folder. */
function paneAddress(folder) {
  const xml = new DOMParser().parseFromString(fs.readFileSync(path.join(folder, "manifest.xml"), "utf8"), "application/xml");
  const location = Array.from(xml.getElementsByTagName("SourceLocation"))[0];
  const address = new URL(location.getAttribute("DefaultValue"));
  const segments = address.pathname.split("/").filter(Boolean);
  for (let k = segments.length; k > 0; k--) {
    const relative = segments.slice(segments.length - k).join("/");
    if (fs.existsSync(path.join(folder, ...relative.split("/")))) {
      return { address: address.href, baseUrl: address.href.slice(0, address.href.length - relative.length) };
    }
  }
  throw new Error(`${address.href} names no file of ${folder}`);
}

function pickTips(catalog, language) {
  const valued = new Set(catalog.placeholders.filter((p) => typeof p.value === "string" && p.value.trim()).map((p) => p.name));
  const uses = (snippet) => [...new Set([...(snippet.body[language] || "").matchAll(PLACEHOLDER)].map((m) => m[1]))];
  return {
    complete: catalog.snippets.find((s) => uses(s).length > 0 && uses(s).every((n) => valued.has(n))),
    incomplete: catalog.snippets.find((s) => uses(s).some((n) => !valued.has(n))),
    values: Object.fromEntries(catalog.placeholders.filter((p) => valued.has(p.name)).map((p) => [p.name, p.value])),
    uses
  };
}

async function checkDeployed(folder) {
  const results = [];
  const check = (ok, message) => results.push({ ok, message });
  const { address, baseUrl } = paneAddress(folder);
  const catalog = JSON.parse(fs.readFileSync(path.join(folder, "catalog", "guidelines.json"), "utf8"));
  const tips = pickTips(catalog, catalog.defaultLanguage);
  const browser = await openBrowser({ root: folder, baseUrl });
  try {
    const { page, pane, unexpected } = await browser.openPane({ host: "web", address, outlook: { bodyType: "html", locale: catalog.defaultLanguage } });
    const ready = await pane.getAttribute("body", "data-office");
    check(ready === "ready", `Outlook on the web: Office.onReady resolved for the pane at ${address}`);
    if (tips.complete) {
      await pane.click(`#snippet-${tips.complete.id}`);
      await pane.click("#insert");
      await page.waitForFunction(() => window.__outlookHost.inserted.length > 0, null, { timeout: WAIT_MS });
      const inserted = await page.evaluate(() => window.__outlookHost.inserted[0].data);
      const filled = tips.uses(tips.complete).every((name) => inserted.includes(tips.values[name].replace(/&/g, "&amp;")));
      check(filled && !/\{\{/.test(inserted), `"${tips.complete.id}" is inserted with ${tips.uses(tips.complete).map((n) => `${n} = ${tips.values[n]}`).join(", ")}`);
    } else {
      check(false, "no tip has all its placeholders set: give values with -PlaceholderValue");
    }
    if (tips.incomplete) {
      await pane.click(`#snippet-${tips.incomplete.id}`);
      const before = await page.evaluate(() => window.__outlookHost.inserted.length);
      await pane.click("#insert");
      await pane.waitForSelector("#missing-form:not([hidden])", { timeout: WAIT_MS });
      const asked = await pane.$$eval("#missing-fields input", (inputs) => inputs.map((i) => i.name));
      const after = await page.evaluate(() => window.__outlookHost.inserted.length);
      check(asked.length > 0 && after === before, `"${tips.incomplete.id}" asks for ${asked.join(", ")} before inserting`);
    } else {
      check(true, "every placeholder has an organisation value: no tip needs to ask");
    }
    const paneProblems = await unexpected();
    check(paneProblems.length === 0, `office.js loads everything it needs with no CSP refusal or script error${paneProblems.map((p) => "\n    " + p).join("")}`);
    await page.close();

    const windows = await browser.openPane({ host: "win32", address, outlook: { locale: catalog.defaultLanguage } });
    const windowsReady = await windows.page.getAttribute("body", "data-office");
    const windowsProblems = await windows.unexpected();
    check(windowsReady === "ready" && windowsProblems.length === 0,
      `classic Outlook for Windows: Office.onReady resolved with no CSP refusal${windowsProblems.map((p) => "\n    " + p).join("")}`);
    await windows.page.close();
  } finally {
    await browser.close();
  }
  return results;
}

module.exports = { checkDeployed };

if (require.main === module) {
  const folder = process.argv[2];
  if (!folder) {
    console.error("usage: node scripts/check-deployed.js path/to/exported-folder");
    process.exitCode = 2;
  } else {
    checkDeployed(path.resolve(folder)).then((results) => {
      for (const { ok, message } of results) console.log(`${ok ? "ok" : "FAILED"}: ${message}`);
      process.exitCode = results.every((r) => r.ok) ? 0 : 1;
    }, (error) => {
      console.error(error.stack || error.message);
      process.exitCode = 1;
    });
  }
}
