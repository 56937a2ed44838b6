/*
 * Browser test harness: Debian's Chromium driven by playwright-core, with Microsoft's real office.js.
 *
 * Every request is answered here, nothing reaches the network:
 *  - https://addin.contoso.test/social/... (or the      the add-in folder (this one, or an exported copy),
 *    base URL of a deployed copy)                      over https as in production;
 *  - https://appsforoffice.microsoft.com/lib/1/hosted/  the files of the pinned @microsoft/office-js package
 *                                                      (office.js, the host files, the strings it loads);
 *  - https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js  microsoft-ajax-stand-in.js (no package ships it);
 *  - anything else is aborted and remembered (so tests can prove a hostile snippet made no request).
 *
 * Hosts are simulated the way office.js tells them apart: the `_host_Info` query parameter Outlook adds to the
 * pane's address (type$platform$version$locale...), from which office.js picks its host file. Outlook on the web
 * frames the pane in a page at Outlook's own address, which answers office.js's postMessage conversation as
 * Outlook does (outlook-web-host.js): there Office.onReady resolves and the pane works through office.js's own
 * API. Classic Outlook for Windows gives the pane a native bridge (window.external), which outlook-windows-host.js
 * plays, so there too Office.onReady resolves. Outlook for Mac talks to native code through WebKit message
 * handlers: nobody answers there, which is how "Outlook does not answer" is tested. Outside
 * Outlook (no host named) office.js resolves onReady by itself, and mailbox-stand-in.js adds what only Outlook
 * has (the message being written, roaming settings) for the tests of the pane's own behaviour.
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
const { TYPES } = require("../../scripts/static-server");

/* Where the add-in folder is served unless a test names the address of a deployed copy. */
const DEFAULT_BASE_URL = "https://addin.contoso.test/social/";
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const MICROSOFT_AJAX_URL = "https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js";
const OFFICE_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"
];
const VIEWPORT = { width: 420, height: 720 };
/*
 * Outlook on the web opens the pane in a frame of its own page and names itself in the pane's address
 * (#&_xdm_Info=conversation$add-in id$host address), which office.js uses to talk to it by postMessage.
 * This page plays that frame's parent, at Outlook's own address (answered here, like every request; office.js
 * trusts that origin and would otherwise open its "untrusted host" frame); it never answers office.js, as
 * no browser can stand for Outlook itself.
 */
const WEB_HOST_URL = "https://outlook.office.com/mail/compose.html";
/* Conditions are awaited, never slept on; this bound only keeps a broken run from hanging under load. */
const WAIT_MS = 30000;

/**
 * Outlook clients as office.js identifies them (type$platform$file version$locale$...): Outlook on the web
 * and the new Outlook for Windows run the web host file, classic Outlook for Windows the win32 one, Outlook
 * for Mac the mac one. `outside` names no host: office.js resolves onReady with host null.
 */
const HOSTS = {
  web: { hostInfo: "Outlook$Web$16.01$fr-FR$$$$0", hostFile: "outlook-web-16.01.js", framed: true },
  win32: { hostInfo: "Outlook$Win32$16.02$en-US$$$$0", hostFile: "outlook-win32-16.02.js" },
  mac: { hostInfo: "Outlook$Mac$16.00$fr-FR$$$$0", hostFile: "outlook-mac-16.00.js" },
  outside: { hostInfo: null, hostFile: null }
};

/*
 * Outside Outlook, office.js opens a Microsoft telemetry frame (from o15apptofilemappingtable.js), giving it
 * an inline style. The pane's CSP refuses both on purpose (it sends nothing to third parties), and nothing
 * else is tolerated: any other violation fails a test.
 */
/*
 * In Outlook on the web and for Windows, office.js reads the add-in's store entitlement token with DOMParser as XML. An add-in
 * the organisation deploys has none: parsing the empty text yields an inert XML error document whose
 * parsererror element carries an inline style, which the pane's CSP reports (style-src-attr) without anything of
 * the pane being affected. That report, from those files, is accepted in those hosts; a test shows it
 * disappears with a well-formed token.
 */
function isEmptyTokenParse(violation) {
  return violation.directive === "style-src-attr" && violation.blockedURI === "inline" &&
    /\/outlook-(web-16\.01|win32-16\.02)(\.debug)?\.js$/.test(violation.sourceFile || "");
}

/* Once Outlook for Windows has answered, office.js may send its telemetry to Microsoft's collector: refused too. */
function isRefusedCollector(violation) {
  return violation.directive === "connect-src" && /^https:\/\/browser\.pipe\.aria\.microsoft\.com\//.test(violation.blockedURI);
}

function isRefusedTelemetry(violation) {
  return /\/o15apptofilemappingtable(\.debug)?\.js$/.test(violation.sourceFile || "") &&
    (violation.directive === "style-src-attr" ||
      (violation.directive === "frame-src" && /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//.test(violation.blockedURI)));
}

function fileResponse(file) {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    return { status: 404, contentType: "text/plain", body: "Not found" };
  }
  return {
    status: 200,
    contentType: TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
    body: fs.readFileSync(file),
    headers: { "Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff" }
  };
}

/** Maps a URL under `prefix` to a file under `root`, refusing anything that climbs out of it. */
function fileUnder(root, prefix, url) {
  const relative = decodeURIComponent(new URL(url).pathname.slice(new URL(prefix).pathname.length));
  const file = path.resolve(root, relative);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

async function openBrowser({ root = ADDIN_ROOT, viewport = VIEWPORT, baseUrl = DEFAULT_BASE_URL } = {}) {
  const PANE_BASE = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  }
  const siteRoot = path.resolve(root);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport,
    deviceScaleFactor: 1,
    locale: "fr-FR"
  });
  const mailboxStandIn = fs.readFileSync(path.join(__dirname, "mailbox-stand-in.js"), "utf8");
  const microsoftAjax = fs.readFileSync(path.join(__dirname, "microsoft-ajax-stand-in.js"), "utf8");
  const windowsHost = fs.readFileSync(path.join(__dirname, "outlook-windows-host.js"), "utf8");
  const outsideRequests = [];
  const officeRequests = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(PANE_BASE)) {
      const file = fileUnder(siteRoot, PANE_BASE, url);
      return route.fulfill(file ? fileResponse(file) : { status: 403, body: "" });
    }
    if (url.startsWith(OFFICE_CDN)) {
      const name = new URL(url).pathname.slice(new URL(OFFICE_CDN).pathname.length);
      officeRequests.push(name);
      const response = fileResponse(fileUnder(OFFICE_DIST, OFFICE_CDN, url) || "");
      if (name === "office.js" && response.status === 200) {
        /* The host's side: registered right after office.js, so it runs before the pane's own onReady callback. */
        response.body = Buffer.concat([response.body, Buffer.from("\n;" + mailboxStandIn)]);
      }
      return route.fulfill(response);
    }
    if (url.split("?")[0] === WEB_HOST_URL) {
      const pane = new URL(url).searchParams.get("pane") || "";
      const frame = pane.startsWith(PANE_BASE) ? pane.replace(/"/g, "&quot;") : "about:blank";
      return route.fulfill({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Outlook</title><script src="${WEB_HOST_URL.replace(/[^/]+$/, "outlook-web-host.js")}"></script></head><body><iframe id="pane" title="add-in" src="${frame}" width="400" height="680"></iframe></body></html>`
      });
    }
    if (url === WEB_HOST_URL.replace(/[^/]+$/, "outlook-web-host.js")) {
      return route.fulfill({ status: 200, contentType: "text/javascript", body: fs.readFileSync(path.join(__dirname, "outlook-web-host.js")) });
    }
    if (url.split("?")[0] === MICROSOFT_AJAX_URL) {
      officeRequests.push("MicrosoftAjax.js");
      return route.fulfill({ status: 200, contentType: "text/javascript", body: microsoftAjax });
    }
    outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });

  const paneUrl = `${PANE_BASE}src/taskpane.html`;

  /**
   * A new page. `host`: web, win32, mac or outside (see HOSTS). `mailbox`: what the host's side answers
   * outside Outlook (see mailbox-stand-in.js); `outlook`: what Outlook on the web answers (outlook-web-host.js). `catalog`: a replacement catalog (object or text),
   * "offline" (network failure) or an HTTP status number. `html`: a function rewriting taskpane.html.
   */
  async function openPane({ host = "outside", mailbox = {}, outlook = {}, catalog, html, waitReady = true, colorScheme, forcedColors, address: paneAddress = paneUrl } = {}) {
    const page = await context.newPage();
    const problems = { violations: [], pageErrors: [], failedScripts: [], console: [] };
    page.on("console", (message) => {
      problems.console.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.pageErrors.push(error.message));
    page.on("requestfailed", (request) => {
      if (request.resourceType() === "script") problems.failedScripts.push(`${request.url()}: ${request.failure() && request.failure().errorText}`);
    });
    page.on("response", (response) => {
      if (response.request().resourceType() === "script" && response.status() >= 400) {
        problems.failedScripts.push(`${response.url()}: HTTP ${response.status()}`);
      }
    });
    await page.exposeFunction("__reportViolation", (violation) => problems.violations.push(violation));
    await page.addInitScript(({ config, hostConfig }) => {
      window.__mailboxStandInConfig = config;
      window.__outlookHostConfig = hostConfig;
      document.addEventListener("securitypolicyviolation", (event) => {
        window.__reportViolation({
          directive: event.effectiveDirective || event.violatedDirective,
          blockedURI: event.blockedURI,
          sourceFile: event.sourceFile, line: event.lineNumber, column: event.columnNumber, sample: event.sample
        });
      }, true);
    }, { config: mailbox, hostConfig: outlook });
    /* Classic Outlook for Windows gives the pane its native bridge before any script runs. */
    await page.addInitScript({ content: windowsHost });
    if (colorScheme || forcedColors) {
      await page.emulateMedia({ colorScheme: colorScheme || null, forcedColors: forcedColors || null });
    }
    if (catalog !== undefined) {
      await page.route("**/catalog/guidelines.json", (route) => {
        if (catalog === "offline") return route.abort("internetdisconnected");
        if (typeof catalog === "number") return route.fulfill({ status: catalog, contentType: "text/plain", body: "error" });
        const body = typeof catalog === "string" ? catalog : JSON.stringify(catalog);
        return route.fulfill({ status: 200, contentType: "application/json", body });
      });
    }
    if (html) {
      await page.route(paneAddress + "*", async (route) => {
        const original = fs.readFileSync(fileUnder(siteRoot, PANE_BASE, paneAddress), "utf8");
        await route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html(original) });
      });
    }
    const hostInfo = HOSTS[host].hostInfo;
    const address = hostInfo ? `${paneAddress}?_host_Info=${encodeURIComponent(hostInfo)}` : paneAddress;
    let pane = page;
    if (HOSTS[host].framed) {
      const xdmInfo = `#&_xdm_Info=${Date.now()}$0$${new URL(WEB_HOST_URL).origin}`;
      await page.goto(`${WEB_HOST_URL}?pane=${encodeURIComponent(address + xdmInfo)}`);
      const handle = await page.waitForSelector("#pane", { timeout: WAIT_MS });
      pane = await handle.contentFrame();
    } else {
      await page.goto(address);
    }
    if (waitReady) {
      await pane.waitForSelector("body[data-ready]", { timeout: WAIT_MS });
    }
    /** Everything that went wrong on the page so far, telemetry refusal outside Outlook excepted. */
    const outside = host === "outside";
    const answering = host === "web" || host === "win32";
    const accepted = (v) => (outside && isRefusedTelemetry(v)) || (answering && !outlook.eToken && isEmptyTokenParse(v)) ||
      (host === "win32" && isRefusedCollector(v));
    /*
     * Every refusal by the CSP reaches the test twice: as a console error (the browser's log) and as a
     * securitypolicyviolation event (through an exposed function, a round trip of its own). Either may come first,
     * the more so on a busy machine; a refusal is judged on its event (file, directive), so the list is made once
     * every CSP console error has its event, never on which channel was quicker.
     */
    const cspConsoleErrors = () => problems.console.filter((m) => /^error: .*Content Security Policy/.test(m)).length;
    const settled = async () => {
      const waiting = Date.now();
      while (problems.violations.length < cspConsoleErrors() && Date.now() - waiting < WAIT_MS) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const unexpected = async () => {
      await settled();
      return listUnexpected();
    };
    const listUnexpected = () => [
      ...problems.violations.filter((v) => !accepted(v)).map((v) => `CSP ${v.directive} refused ${v.blockedURI} (from ${v.sourceFile || "the page"})`),
      ...problems.console.filter((m) => /^error: .*Content Security Policy/.test(m) &&
        !(outside && /telemetryservice\.firstpartyapps\.oaspapps\.com|^error: Applying inline style/.test(m)) &&
        !(answering && !outlook.eToken && /^error: Applying inline style/.test(m) && problems.violations.some(isEmptyTokenParse)) &&
        !(host === "win32" && /^error: Connecting to 'https:\/\/browser\.pipe\.aria\.microsoft\.com\//.test(m))).map((m) => `console ${m}`),
      ...problems.failedScripts.map((s) => `script not loaded: ${s}`),
      ...problems.pageErrors.map((e) => `page error: ${e}`)
    ];
    return { page, pane, problems, unexpected, settled };
  }

  async function close() {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }

  return { context, openPane, close, outsideRequests, officeRequests, paneUrl, origin: new URL(PANE_BASE).origin };
}

/** Runs axe-core in the page. evaluate() is not subject to the page's CSP, unlike an injected <script>. */
async function runAxe(page) {
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  return page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }
  }));
}

module.exports = { openBrowser, runAxe, ADDIN_ROOT, VIEWPORT, HOSTS, WAIT_MS, MICROSOFT_AJAX_URL, DEFAULT_BASE_URL };
