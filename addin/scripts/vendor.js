#!/usr/bin/env node
/*
 * Copies DOMPurify's browser build from node_modules into src/vendor/, so the pane stays plain static
 * files with no bundler. Run after upgrading dompurify: node scripts/vendor.js
 * The minified file starts with DOMPurify's licence header, which must stay in the copy.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const source = require.resolve("dompurify/dist/purify.min.js");
const target = path.join(__dirname, "..", "src", "vendor", "purify.min.js");
const content = fs.readFileSync(source, "utf8");
if (!/^\/\*! @license DOMPurify/.test(content)) {
  throw new Error(`${source} does not start with DOMPurify's licence header; refusing to copy it.`);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, content);
const version = /DOMPurify (\S+)/.exec(content)[1];
console.log(`DOMPurify ${version} -> ${path.relative(process.cwd(), target)}`);
