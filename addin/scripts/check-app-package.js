#!/usr/bin/env node
/*
 * Checks a unified-manifest app package (the zip Export-SocialOutlookAddin writes for the Microsoft 365
 * admin center) offline: manifest.json against the schema of its manifestVersion bundled in
 * @microsoft/app-manifest (through office-addin-manifest's validator), each localisation file against the
 * bundled localisation schema, and the icons at the paths the manifest names, as PNG files of the right size.
 * Usage: node scripts/check-app-package.js path/to/outlook-app-package.zip
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const { validateManifest } = require("office-addin-manifest/lib/validate");

const SCHEMA_DIR = path.join(path.dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams");
const ICON_SIZES = { color: 192, outline: 32 };

/** The entries of a zip file (stored or deflated), read from its central directory. */
function readZip(file) {
  const data = fs.readFileSync(file);
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) throw new Error(`${file}: damaged central directory`);
    const method = data.readUInt16LE(offset + 10);
    const compressedSize = data.readUInt32LE(offset + 20);
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const local = data.readUInt32LE(offset + 42);
    const name = data.toString("utf8", offset + 46, offset + 46 + nameLength);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + compressedSize);
    entries.set(name, method === 0 ? raw : zlib.inflateRawSync(raw));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function schema(url, fileName) {
  const version = /\/(v[0-9.]+|vDevPreview)\//.exec(url || "");
  const file = version ? path.join(SCHEMA_DIR, version[1], fileName) : null;
  if (!file || !fs.existsSync(file)) throw new Error(`no bundled schema for ${url}`);
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
}

async function checkAppPackage(zipPath) {
  const problems = [];
  const entries = readZip(zipPath);
  const manifestBytes = entries.get("manifest.json");
  if (!manifestBytes) return ["manifest.json is not at the root of the package"];
  const manifest = JSON.parse(manifestBytes.toString("utf8"));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "app-package-"));
  try {
    const copy = path.join(work, "manifest.json");
    fs.writeFileSync(copy, manifestBytes);
    for (const [name, bytes] of entries) {
      fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
      fs.writeFileSync(path.join(work, name), bytes);
    }
    const validation = await validateManifest(copy);
    if (!validation.isValid) {
      const errors = (validation.report && validation.report.errors) || [];
      problems.push(...(errors.length ? errors.map((e) => `manifest.json: ${e.content}`) : ["manifest.json: invalid"]));
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  for (const language of (manifest.localizationInfo && manifest.localizationInfo.additionalLanguages) || []) {
    const bytes = entries.get(language.file);
    if (!bytes) {
      problems.push(`${language.file} (localisation for ${language.languageTag}) is not in the package`);
      continue;
    }
    const strings = JSON.parse(bytes.toString("utf8"));
    const validate = ajv.compile(schema(strings.$schema, "MicrosoftTeams.Localization.schema.json"));
    if (!validate(strings)) problems.push(...validate.errors.map((e) => `${language.file}: ${e.instancePath} ${e.message}`));
  }
  for (const [kind, size] of Object.entries(ICON_SIZES)) {
    const named = manifest.icons && manifest.icons[kind];
    const bytes = named ? entries.get(named) : null;
    if (!bytes) {
      problems.push(`icons.${kind} (${named}) is not in the package at that path`);
    } else if (bytes.subarray(1, 4).toString("ascii") !== "PNG" || bytes.readUInt32BE(16) !== size || bytes.readUInt32BE(20) !== size) {
      problems.push(`icons.${kind} (${named}) must be a ${size}x${size} PNG`);
    }
  }
  return problems;
}

module.exports = { checkAppPackage, readZip };

if (require.main === module) {
  const zip = process.argv[2];
  if (!zip) {
    console.error("usage: node scripts/check-app-package.js path/to/outlook-app-package.zip");
    process.exitCode = 2;
  } else {
    checkAppPackage(path.resolve(zip)).then((problems) => {
      for (const problem of problems) console.error(problem);
      console.log(problems.length ? `${zip}: ${problems.length} problem(s)` : `${zip}: valid app package`);
      process.exitCode = problems.length ? 1 : 0;
    }, (error) => {
      console.error(error.message);
      process.exitCode = 1;
    });
  }
}
