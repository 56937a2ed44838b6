"use strict";
const { test } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const path = require("path");
const { checkCatalog } = require("../../scripts/check-catalog");

const ADDIN_ROOT = path.resolve(__dirname, "..", "..");
const CATALOG = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));
const read = (relative) => fs.readFileSync(path.join(ADDIN_ROOT, relative), "utf8");

test("the default catalog is valid against its schema and the cross-reference rules", () => {
  assert.deepEqual(checkCatalog(CATALOG), []);
});

test("the default catalog has the agreed shape and enough content", () => {
  assert.equal(CATALOG.$schema, "./guidelines.schema.json");
  assert.equal(CATALOG.schemaVersion, 2);
  assert.match(CATALOG.catalogVersion, /^\d{4}\.\d{1,2}\.\d+$/);
  assert.equal(CATALOG.defaultLanguage, "fr");
  assert.deepEqual(CATALOG.languages, ["fr", "en"]);
  assert.ok(CATALOG.categories.length >= 6);
  for (const language of ["fr", "en"]) {
    const complete = CATALOG.snippets.filter((s) => s.title[language] && s.body[language]);
    assert.ok(complete.length >= 30, `${complete.length} ${language} snippets`);
  }
  const used = new Set(CATALOG.snippets.map((s) => s.category));
  assert.deepEqual([...used].sort(), CATALOG.categories.map((c) => c.id).sort(), "every category has snippets");
  const placeholders = CATALOG.placeholders.map((p) => p.name);
  for (const name of ["company", "hashtag", "communicationsContact", "socialPolicyUrl"]) {
    assert.ok(placeholders.includes(name), name);
  }
  for (const snippet of CATALOG.snippets) {
    assert.match(snippet.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(snippet.body.fr.length <= 2000 && snippet.body.en.length <= 2000);
  }
});

test("the pane has no inline script or style, the normal office.js tag, and no unsafe CSP source", () => {
  /* Which sources the CSP allows is proved in the browser, with the real office.js (test/browser/office-hosts.test.js). */
  const html = read("src/taskpane.html");
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp, "CSP meta tag");
  const directives = Object.fromEntries(csp[1].split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  assert.deepEqual(directives["default-src"], ["'none'"]);
  assert.ok(!csp[1].includes("unsafe-"), "no unsafe-inline or unsafe-eval");
  assert.ok(Object.values(directives).flat().every((source) => source === "'self'" || source === "'none'" || source === "data:" || /^https:\/\/[a-z0-9.-]+$/.test(source)),
    "only exact https origins, never a scheme or a wildcard");
  assert.ok(html.includes('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>'));
  for (const script of html.match(/<script\b[^>]*>/g)) {
    assert.match(script, /\ssrc="/, `inline script: ${script}`);
  }
  assert.doesNotMatch(html.replace(/<!--[\s\S]*?-->/g, ""), /<style\b|\sstyle=|\son[a-z]+=/i);
  const wiring = read("src/taskpane.js");
  assert.ok(!/\.style\./.test(wiring), "no inline styles from script (style-src 'self')");
  assert.deepEqual(wiring.match(/innerHTML\s*=.*$/gm), ["innerHTML = prepared.html;"], "only sanitised HTML reaches innerHTML");
});

test("the vendored DOMPurify is the installed one, licence header included", () => {
  const vendored = read("src/vendor/purify.min.js");
  assert.match(vendored, /^\/\*! @license DOMPurify /);
  assert.equal(vendored, fs.readFileSync(require.resolve("dompurify/dist/purify.min.js"), "utf8"),
    "run npm run vendor after upgrading dompurify");
});

test("the icons are real PNG files of the sizes the manifests use", () => {
  const sizes = { "icon-16.png": 16, "icon-32.png": 32, "icon-64.png": 64, "icon-80.png": 80, "icon-128.png": 128, "color-192.png": 192, "outline-32.png": 32 };
  for (const [name, size] of Object.entries(sizes)) {
    const data = fs.readFileSync(path.join(ADDIN_ROOT, "src", "assets", name));
    assert.equal(data.subarray(1, 4).toString("ascii"), "PNG", name);
    assert.equal(data.readUInt32BE(16), size, `${name} width`);
    assert.equal(data.readUInt32BE(20), size, `${name} height`);
  }
});

test("the catalog checker applies the shared HTML rule to every case of the shared list", () => {
  const { htmlProblems } = require("../../scripts/check-catalog");
  const { cases } = JSON.parse(read("test/fixtures/snippet-html-cases.json"));
  assert.ok(cases.filter((c) => !c.allowed).length >= 28, "at least 28 hostile bodies");
  for (const { html, allowed } of cases) {
    const problems = htmlProblems(html, "body");
    assert.equal(problems.length === 0, allowed, `${html}: ${problems.join("; ")}`);
  }
});

test("a catalog whose bodies break the HTML rule fails the checker, naming the snippet", () => {
  const broken = JSON.parse(JSON.stringify(CATALOG));
  broken.snippets[0].body.en = "<p>Hi <b>there</b></p><img src=\"https://tracker.example/p.gif\">";
  const problems = checkCatalog(broken);
  assert.deepEqual(problems, [`snippet ${broken.snippets[0].id} (en): tag <img> is not allowed`]);
});

/** Applies one case of test/fixtures/catalog-cases.json to a copy of the shipped catalog. */
function applyCase(catalog, edits) {
  const copy = JSON.parse(JSON.stringify(catalog));
  const at = (path) => path.reduce((node, key) => node[key], copy);
  for (const [path, value] of edits) {
    const parent = at(path.slice(0, -1));
    const key = path.at(-1);
    if (value === null) delete parent[key];
    else parent[key] = typeof value === "string" && value.startsWith("@") ? at(value.slice(1).split(".").map((k) => (/^\d+$/.test(k) ? Number(k) : k))) : value;
  }
  return copy;
}

test("the checker gives every shared catalog case the verdict Test-SocialGuidelineCatalog gives it", () => {
  const { cases } = JSON.parse(read("test/fixtures/catalog-cases.json"));
  assert.ok(cases.some((c) => c.valid) && cases.some((c) => !c.valid));
  for (const { name, set, valid } of cases) {
    const problems = checkCatalog(applyCase(CATALOG, set));
    assert.equal(problems.length === 0, valid, `${name}: ${problems.join("; ")}`);
  }
});
