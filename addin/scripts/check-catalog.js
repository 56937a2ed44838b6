#!/usr/bin/env node
/*
 * Validates a guideline catalog: the JSON Schema (shape, lengths, ids) plus the rules a schema cannot
 * express (unique ids, known categories, declared placeholders, allowed HTML). Usage:
 *   node scripts/check-catalog.js [catalog.json]
 */
"use strict";
const fs = require("fs");
const path = require("path");
const Ajv2020 = require("ajv/dist/2020");

const ADDIN_ROOT = path.resolve(__dirname, "..");
const DEFAULT_CATALOG = path.join(ADDIN_ROOT, "catalog", "guidelines.json");
const SCHEMA_PATH = path.join(ADDIN_ROOT, "catalog", "guidelines.schema.json");
const ALLOWED_TAGS = new Set(["p", "br", "strong", "em", "ul", "ol", "li", "a"]);
const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9]*)\s*\}\}/g;

function compileSchema() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, "utf8")));
}

function htmlProblems(html, where) {
  const problems = [];
  const tagPattern = /<\s*(\/?)\s*([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g;
  let match;
  while ((match = tagPattern.exec(html)) !== null) {
    const tag = match[2].toLowerCase();
    if (!ALLOWED_TAGS.has(tag)) {
      problems.push(`${where}: tag <${tag}> is not allowed`);
      continue;
    }
    if (match[1]) {
      continue;
    }
    const attributes = [...match[3].matchAll(/([a-zA-Z-:]+)\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]+)/g)];
    for (const attribute of attributes) {
      const name = attribute[1].toLowerCase();
      const value = attribute[3] ?? attribute[4] ?? attribute[2];
      if (tag !== "a" || (name !== "href" && name !== "title")) {
        problems.push(`${where}: attribute ${name} on <${tag}> is not allowed`);
      } else if (name === "href" && !/^(https:|mailto:)/i.test(value)) {
        problems.push(`${where}: link ${value} must start with https: or mailto:`);
      }
    }
  }
  return problems;
}

/** Returns a list of human-readable problems; empty means the catalog is valid. */
function checkCatalog(catalog, validate = compileSchema()) {
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
      problems.push(...htmlProblems(body, `snippet ${snippet.id} (${language})`));
      for (const [, name] of body.matchAll(PLACEHOLDER)) {
        if (!declared.has(name)) problems.push(`snippet ${snippet.id} (${language}): placeholder {{${name}}} is not declared`);
      }
    }
  }
  return problems;
}

module.exports = { checkCatalog, compileSchema, DEFAULT_CATALOG, SCHEMA_PATH };

if (require.main === module) {
  const file = path.resolve(process.argv[2] || DEFAULT_CATALOG);
  const problems = checkCatalog(JSON.parse(fs.readFileSync(file, "utf8")));
  for (const problem of problems) console.error(problem);
  console.log(problems.length ? `${file}: ${problems.length} problem(s)` : `${file}: valid`);
  process.exitCode = problems.length ? 1 : 0;
}
