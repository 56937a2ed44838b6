/*
 * Browser test harness: Debian's Chromium driven by playwright-core, the add-in folder served on
 * 127.0.0.1, office.js replaced by fake-office.js, and every other outside request aborted (and
 * remembered, so tests can prove a hostile snippet made no request).
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

const ADDIN_ROOT = path.resolve(__dirname, "..", "..");
if (!process.env.TMPDIR || !process.env.TMPDIR.startsWith(ADDIN_ROOT)) {
  process.env.TMPDIR = path.join(ADDIN_ROOT, ".tmp");
}
fs.mkdirSync(process.env.TMPDIR, { recursive: true });

const { chromium } = require("playwright-core");
const { startServer } = require("../../scripts/static-server");

const OFFICE_JS_URL = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"
];
const VIEWPORT = { width: 420, height: 720 };

async function openBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const server = await startServer(ADDIN_ROOT);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: "fr-FR"
  });
  const fakeOffice = fs.readFileSync(path.join(__dirname, "fake-office.js"), "utf8");
  const outsideRequests = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin + "/")) {
      return route.continue();
    }
    if (url === OFFICE_JS_URL) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: fakeOffice });
    }
    outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });

  const paneUrl = `${server.origin}/src/taskpane.html`;

  /** A new page with the fake Office configured; optionally a replacement catalog (object or "fail"). */
  async function openPane({ office = {}, catalog, waitReady = true } = {}) {
    const page = await context.newPage();
    const consoleMessages = [];
    page.on("console", (message) => consoleMessages.push(message.text()));
    page.on("pageerror", (error) => consoleMessages.push(`pageerror: ${error.message}`));
    await page.addInitScript((config) => {
      window.__fakeOfficeConfig = config;
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__cspViolations.push(event.effectiveDirective || event.violatedDirective);
      });
    }, office);
    if (catalog === "fail") {
      await page.route("**/catalog/guidelines.json", (route) => route.abort("internetdisconnected"));
    } else if (catalog) {
      const body = typeof catalog === "string" ? catalog : JSON.stringify(catalog);
      await page.route("**/catalog/guidelines.json", (route) =>
        route.fulfill({ status: 200, contentType: "application/json", body }));
    }
    await page.goto(paneUrl);
    if (waitReady) {
      await page.waitForSelector("body[data-ready]");
    }
    return { page, consoleMessages };
  }

  async function close() {
    await context.close();
    await server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }

  return { context, openPane, close, outsideRequests, paneUrl, origin: server.origin };
}

/** Runs axe-core in the page. evaluate() is not subject to the page's CSP, unlike an injected <script>. */
async function runAxe(page) {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }
  }));
}

module.exports = { openBrowser, runAxe, ADDIN_ROOT, VIEWPORT };
