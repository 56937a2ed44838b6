#!/usr/bin/env node
/*
 * Browser benchmark of the pane's search: a catalog of N snippets (default 5,000, built from the shipped
 * one), a query typed one key at a time in Chromium with the real office.js, and for each keystroke the
 * time the pane spends filtering (search plus list update, the "socialtoolkit:filter" measure) and the time
 * until the next frame is painted. Prints figures; it asserts nothing (timings belong here, not in tests).
 * Usage: node scripts/bench-search.js [snippets] [query]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { openBrowser, ADDIN_ROOT, WAIT_MS } = require("../test/browser/harness");

const COUNT = Number(process.argv[2] || 5000);
const QUERY = process.argv[3] || "reseaux sociaux";

function bigCatalog(count) {
  const catalog = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));
  const snippets = [];
  for (let i = 0; i < count; i++) {
    const source = catalog.snippets[i % catalog.snippets.length];
    snippets.push({ ...source, id: `${source.id}-${i}`, title: { fr: `${source.title.fr} n°${i}`, en: `${source.title.en} #${i}` } });
  }
  return { ...catalog, snippets };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted.at(-1).toFixed(1)} ms`;
}

(async () => {
  const browser = await openBrowser();
  try {
    const started = Date.now();
    const { page } = await browser.openPane({ catalog: bigCatalog(COUNT) });
    const ready = Date.now() - started;
    await page.evaluate(() => {
      window.__frames = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          /* A task queued from the next animation frame runs once that frame (style, layout, paint) is done. */
          requestAnimationFrame(() => setTimeout(() => window.__frames.push({ filter: entry.duration, painted: performance.now() - entry.startTime }), 0));
        }
      }).observe({ entryTypes: ["measure"] });
    });
    await page.focus("#search");
    const rows = [];
    for (let i = 0; i < QUERY.length; i++) {
      const typed = QUERY.slice(0, i + 1);
      await page.keyboard.type(QUERY[i]);
      await page.waitForSelector(`#results[data-query="${typed}"]`, { state: "attached", timeout: WAIT_MS });
      await page.waitForFunction((n) => window.__frames.length >= n, i + 1, { timeout: WAIT_MS });
      const frame = await page.evaluate((n) => window.__frames[n], i);
      const shown = await page.$$eval("#results [role=option]:not([hidden])", (items) => items.length);
      rows.push({ typed, shown, ...frame });
    }
    console.log(`Search benchmark: ${COUNT} snippets, pane ready in ${ready} ms (Chromium, real office.js, outside Outlook)`);
    console.log("query                 shown   filter ms   to next paint ms");
    for (const row of rows) {
      console.log(`${JSON.stringify(row.typed).padEnd(20)} ${String(row.shown).padStart(6)} ${row.filter.toFixed(1).padStart(10)} ${row.painted.toFixed(1).padStart(16)}`);
    }
    console.log(`per keystroke, filter: ${summary(rows.map((r) => r.filter))}`);
    console.log(`per keystroke, to next paint: ${summary(rows.map((r) => r.painted))}`);
    console.log(`(typing pauses ${require("../src/guidelines-logic.js").SEARCH_DEBOUNCE_MS} ms before each filter: a burst of keys costs one filter)`);
  } finally {
    await browser.close();
  }
})().catch((error) => {
  console.error(error.stack || error.message);
  process.exitCode = 1;
});
