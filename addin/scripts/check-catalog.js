#!/usr/bin/env node
/*
 * Validates a guideline catalog: the JSON Schema (shape, lengths, ids) plus the rules a schema cannot
 * express (unique ids, known categories, declared placeholders, allowed HTML). The HTML rule is the pane's
 * own: src/snippet-html.json applied by the same DOMPurify configuration, in a jsdom document, so a body
 * this checker accepts is shown and inserted unchanged. Usage:
 *   node scripts/check-catalog.js [catalog.json]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");
const Logic = require("../src/guidelines-logic.js");

const ADDIN_ROOT = path.resolve(__dirname, "..");
const DEFAULT_CATALOG = path.join(ADDIN_ROOT, "catalog", "guidelines.json");
const SCHEMA_PATH = path.join(ADDIN_ROOT, "catalog", "guidelines.schema.json");
const RULES_PATH = path.join(ADDIN_ROOT, "src", "snippet-html.json");
const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

function compileSchema() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")));
}

let dom = null;

/** DOMPurify over a jsdom window, created once: the pane's sanitiser outside a browser. */
function sanitizer() {
  if (!dom) {
    const { JSDOM } = require("jsdom");
    const window = new JSDOM("").window;
    dom = { window, purify: require("dompurify")(window) };
  }
  return dom;
}

function loadRules() {
  return JSON.parse(fs.readFileSync(RULES_PATH, "utf8"));
}

/**
 * What the pane's sanitiser would change in `html`, one message per element, attribute or comment; empty
 * when the body is shown exactly as written. The body is also parsed as a template, where elements that a
 * document would move to its head (style, link, meta, base) stay in place, so none is dropped unnoticed.
 */
function htmlProblems(html, where, rules = loadRules()) {
  const { window, purify } = sanitizer();
  const source = String(html);
  const sanitized = purify.sanitize(source, Logic.purifyConfig(rules));
  const template = window.document.createElement("template");
  template.innerHTML = source;
  const problems = [];
  const walk = (root) => {
    const walker = window.document.createTreeWalker(root, 0x1 | 0x80);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === 8) {
        problems.push(`${where}: comments are not allowed`);
        continue;
      }
      const name = node.localName;
      if (!Object.prototype.hasOwnProperty.call(rules.elements, name)) {
        problems.push(`${where}: tag <${name}> is not allowed`);
      }
      if (name === "template") walk(node.content);
    }
  };
  walk(template.content);
  for (const removed of purify.removed) {
    if (!removed.attribute) continue;
    const name = removed.attribute.name.toLowerCase();
    const owner = removed.from ? removed.from.nodeName.toLowerCase() : "?";
    const allowedHere = (rules.elements[owner] || []).includes(name);
    problems.push(allowedHere && (rules.urlAttributes || []).includes(name)
      ? `${where}: link ${removed.attribute.value} must start with ${rules.urlSchemes.map((s) => s + ":").join(" or ")}`
      : `${where}: attribute ${name} on <${owner}> is not allowed`);
  }
  if (problems.length === 0 && sanitized !== template.innerHTML) {
    problems.push(`${where}: the sanitiser changes this HTML`);
  }
  return [...new Set(problems)];
}

/** Returns a list of human-readable problems; empty means the catalog is valid. */
function checkCatalog(catalog, validate = compileSchema(), rules = loadRules()) {
  const problems = [];
  if (!validate(catalog)) {
    for (const error of validate.errors) {
      problems.push(`schema: ${error.instancePath || "/"} ${error.message}`);
    }
  }
  if (!catalog || !Array.isArray(catalog.snippets)) {
    return problems;
  }
  const categoryIds = new Set();
  for (const category of catalog.categories || []) {
    if (categoryIds.has(category.id)) problems.push(`category ${category.id}: duplicate id`);
    categoryIds.add(category.id);
  }
  const declared = new Set((catalog.placeholders || []).map((p) => p.name));
  const snippetIds = new Set();
  for (const snippet of catalog.snippets) {
    if (snippetIds.has(snippet.id)) problems.push(`snippet ${snippet.id}: duplicate id`);
    snippetIds.add(snippet.id);
    if (!categoryIds.has(snippet.category)) problems.push(`snippet ${snippet.id}: unknown category ${snippet.category}`);
    for (const language of catalog.languages || []) {
      if (!snippet.title?.[language]) problems.push(`snippet ${snippet.id}: no ${language} title`);
      const body = snippet.body?.[language];
      if (!body) {
        problems.push(`snippet ${snippet.id}: no ${language} body`);
        continue;
      }
      problems.push(...htmlProblems(body, `snippet ${snippet.id} (${language})`, rules));
      for (const [, name] of body.matchAll(PLACEHOLDER)) {
        if (!declared.has(name)) problems.push(`snippet ${snippet.id} (${language}): placeholder {{${name}}} is not declared`);
      }
    }
  }
  return problems;
}

module.exports = { checkCatalog, compileSchema, htmlProblems, loadRules, DEFAULT_CATALOG, SCHEMA_PATH, RULES_PATH };

if (require.main === module) {
  const file = path.resolve(process.argv[2] || DEFAULT_CATALOG);
  const problems = checkCatalog(JSON.parse(fs.readFileSync(file, "utf8")));
  for (const problem of problems) console.error(problem);
  console.log(problems.length ? `${file}: ${problems.length} problem(s)` : `${file}: valid`);
  process.exitCode = problems.length ? 1 : 0;
}
