#!/usr/bin/env node
/*
 * Offline check of the add-in manifests (no Microsoft web service is reachable from CI):
 *  - manifest.xml: required elements, Mailbox 1.2, ReadWriteItem, fr-FR default with en-US overrides,
 *    every resid defined, every URL under the https://localhost:3000 base and pointing at a real file;
 *  - manifest.xml converted by office-addin-manifest-converter: the output must exist (the converter
 *    can exit 0 without writing anything) and validate against the bundled JSON schema;
 *  - manifest.json (ours) and its en-us localization file: bundled schemas, same checks on URLs/icons;
 *  - the guideline catalog against its schema.
 * Usage: node scripts/check-manifests.js [manifest.xml] [manifest.json]
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { DOMParser } = require("@xmldom/xmldom");
const Ajv = require("ajv-draft-04");
const addFormats = require("ajv-formats");
const { validateManifest } = require("office-addin-manifest/lib/validate");
const { checkCatalog, DEFAULT_CATALOG } = require("./check-catalog");

const ADDIN_ROOT = path.resolve(__dirname, "..");
const BASE_URL = "https://localhost:3000";
const MANIFEST_DIR = path.join(ADDIN_ROOT, "manifest");
const CONVERTER_CLI = require.resolve("office-addin-manifest-converter/cli.js");
const SCHEMA_DIR = path.join(path.dirname(require.resolve("@microsoft/app-manifest")), "json-schemas", "teams");

const OFFICE_NS = "http://schemas.microsoft.com/office/appforoffice/1.1";
const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
const REQUIRED_XML_ELEMENTS = [
  "Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "Hosts", "Requirements", "FormSettings", "Permissions", "Rule",
  "VersionOverrides"
];

/**
 * An add-in URL must be under the base URL (Export-SocialOutlookAddin rewrites exactly that prefix) and
 * name a file that exists in the add-in folder, so a deployed copy cannot point at a missing file.
 */
function urlProblems(url, where) {
  if (!url.startsWith(BASE_URL + "/")) {
    return [`${where}: ${url} is not under ${BASE_URL}/`];
  }
  const relative = decodeURIComponent(url.slice(BASE_URL.length + 1).split(/[?#]/)[0]);
  const file = path.join(ADDIN_ROOT, relative);
  return fs.existsSync(file) && fs.statSync(file).isFile() ? [] : [`${where}: ${url} names no file (${relative})`];
}

function isPng(file) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return fs.existsSync(file) && fs.readFileSync(file).subarray(0, 8).equals(signature);
}

function pngSize(file) {
  const data = fs.readFileSync(file);
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function checkXmlManifest(xmlPath) {
  const problems = [];
  const parseErrors = [];
  const document = new DOMParser({
    errorHandler: { error: (m) => parseErrors.push(m), fatalError: (m) => parseErrors.push(m) }
  }).parseFromString(fs.readFileSync(xmlPath, "utf8"), "application/xml");
  if (parseErrors.length || !document.documentElement) {
    return parseErrors.map((m) => `manifest.xml: not well-formed: ${m}`);
  }
  const root = document.documentElement;
  if (root.localName !== "OfficeApp" || root.namespaceURI !== OFFICE_NS) {
    problems.push("manifest.xml: the root element must be OfficeApp in the appforoffice/1.1 namespace");
  }
  if (root.getAttributeNS(XSI_NS, "type") !== "MailApp") {
    problems.push("manifest.xml: xsi:type must be MailApp");
  }
  const children = Array.from(root.childNodes).filter((n) => n.nodeType === 1).map((n) => n.localName);
  let position = -1;
  for (const name of REQUIRED_XML_ELEMENTS) {
    const index = children.indexOf(name);
    if (index < 0) {
      problems.push(`manifest.xml: required element <${name}> is missing`);
    } else if (index < position) {
      problems.push(`manifest.xml: <${name}> is out of the order the schema requires`);
    } else {
      position = index;
    }
  }
  const first = (name, parent = root) => Array.from(parent.getElementsByTagName(name))[0];
  const text = (name) => (first(name) ? first(name).textContent.trim() : "");
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text("Id"))) {
    problems.push("manifest.xml: <Id> must be a GUID");
  }
  if (text("DefaultLocale") !== "fr-FR") problems.push("manifest.xml: <DefaultLocale> must be fr-FR");
  if (text("Permissions") !== "ReadWriteItem") problems.push("manifest.xml: <Permissions> must be ReadWriteItem");
  const mailboxSet = Array.from(root.getElementsByTagName("Set")).find((s) => s.getAttribute("Name") === "Mailbox");
  if (!mailboxSet || mailboxSet.getAttribute("MinVersion") !== "1.2") {
    problems.push("manifest.xml: <Requirements> must ask for Mailbox 1.2");
  }
  for (const name of ["DisplayName", "Description"]) {
    const element = first(name);
    const override = element && Array.from(element.getElementsByTagName("Override")).find((o) => o.getAttribute("Locale") === "en-US");
    if (!override) problems.push(`manifest.xml: <${name}> needs an en-US override`);
  }

  const overrides = Array.from(root.getElementsByTagName("VersionOverrides"));
  const types = overrides.map((o) => o.getAttributeNS(XSI_NS, "type"));
  for (const expected of ["VersionOverridesV1_0", "VersionOverridesV1_1"]) {
    if (!types.includes(expected)) problems.push(`manifest.xml: ${expected} is missing`);
  }
  for (const override of overrides) {
    const label = override.getAttributeNS(XSI_NS, "type");
    const resources = Array.from(override.childNodes).find((n) => n.nodeType === 1 && n.localName === "Resources");
    const defined = new Set(resources ? Array.from(resources.getElementsByTagName("*")).map((e) => e.getAttribute("id")).filter(Boolean) : []);
    const surfaces = Array.from(override.getElementsByTagName("ExtensionPoint")).map((e) => e.getAttributeNS(XSI_NS, "type"));
    if (!surfaces.includes("MessageComposeCommandSurface")) {
      problems.push(`manifest.xml ${label}: no MessageComposeCommandSurface button`);
    }
    for (const element of Array.from(override.getElementsByTagName("*"))) {
      const resid = element.getAttribute("resid");
      if (resid && !defined.has(resid)) problems.push(`manifest.xml ${label}: resid ${resid} is not defined`);
    }
    const buttonLabel = resources && Array.from(resources.getElementsByTagName("*"))
      .find((e) => e.getAttribute("id") === "TaskpaneButton.Label");
    if (!buttonLabel || buttonLabel.getAttribute("DefaultValue") !== "Conseils réseaux" ||
      !Array.from(buttonLabel.getElementsByTagName("*")).some((o) => o.getAttribute("Locale") === "en-US" && o.getAttribute("Value") === "Social tips")) {
      problems.push(`manifest.xml ${label}: the button must read "Conseils réseaux" with an en-US "Social tips" override`);
    }
  }

  for (const element of Array.from(root.getElementsByTagName("*"))) {
    for (const attribute of ["DefaultValue", "Value"]) {
      const value = element.getAttribute(attribute) || "";
      if (/^https?:/i.test(value)) problems.push(...urlProblems(value, `manifest.xml <${element.localName}>`));
    }
    const content = element.childNodes.length === 1 && element.firstChild.nodeType === 3 ? element.textContent.trim() : "";
    if (/^https?:/i.test(content) && element.localName !== "AppDomain") {
      problems.push(...urlProblems(content, `manifest.xml <${element.localName}>`));
    }
  }
  return problems;
}

function schemaFor(url, fileName) {
  const version = /\/(v[0-9.]+|vDevPreview)\//.exec(url || "");
  const file = version ? path.join(SCHEMA_DIR, version[1], fileName) : null;
  if (!file || !fs.existsSync(file)) {
    throw new Error(`no bundled schema for ${url}`);
  }
  return JSON.parse(fs.readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
}

/** Schema validation through office-addin-manifest, which reads the bundled schemas (no network). */
async function validateJsonManifest(jsonPath, label) {
  try {
    const validation = await validateManifest(jsonPath);
    if (validation.isValid) return [];
    const errors = (validation.report && validation.report.errors) || [];
    return errors.length ? errors.map((e) => `${label}: ${e.content}`) : [`${label}: invalid`];
  } catch (error) {
    return [`${label}: ${error.message.split("\n").filter(Boolean).join(" ")}`];
  }
}

function checkLocalizationFiles(manifest, manifestPath, label) {
  const problems = [];
  for (const language of (manifest.localizationInfo && manifest.localizationInfo.additionalLanguages) || []) {
    const file = path.join(path.dirname(manifestPath), language.file);
    if (!fs.existsSync(file)) {
      problems.push(`${label}: localization file ${language.file} is missing`);
      continue;
    }
    const strings = JSON.parse(fs.readFileSync(file, "utf8"));
    /* Microsoft's schema has patterns that are only valid without the u flag. */
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schemaFor(strings.$schema, "MicrosoftTeams.Localization.schema.json"));
    if (!validate(strings)) {
      problems.push(...validate.errors.map((e) => `${language.file}: ${e.instancePath} ${e.message}`));
    }
  }
  return problems;
}

function checkOwnJsonManifest(jsonPath) {
  const problems = [];
  const manifest = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
  const label = "manifest.json";
  const walk = (value, where) => {
    if (typeof value === "string" && /^https?:\/\//i.test(value) && !where.endsWith("$schema") && !where.includes("validDomains")) {
      problems.push(...urlProblems(value, `${label} ${where}`));
    } else if (value && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, `${where}/${key}`);
    }
  };
  walk(manifest, "");
  const icons = manifest.icons || {};
  const expectedIcons = { color: 192, outline: 32 };
  for (const [kind, size] of Object.entries(expectedIcons)) {
    const file = icons[kind] ? path.join(ADDIN_ROOT, "src", icons[kind]) : null;
    if (!file || !isPng(file)) {
      problems.push(`${label}: icons.${kind} must name a PNG under src/ (${icons[kind]})`);
    } else if (pngSize(file).width !== size || pngSize(file).height !== size) {
      problems.push(`${label}: icons.${kind} must be ${size}x${size}`);
    }
  }
  const contexts = (manifest.extensions || []).flatMap((e) => (e.ribbons || []).flatMap((r) => r.contexts || []));
  if (!contexts.includes("mailCompose")) problems.push(`${label}: no ribbon button in mailCompose`);
  problems.push(...checkLocalizationFiles(manifest, jsonPath, label));
  return problems;
}

/** Runs the converter CLI the way a person would, and insists it really wrote a manifest. */
function convertXml(xmlPath, outputDir) {
  const result = spawnSync(process.execPath, [CONVERTER_CLI, "convert", xmlPath, "-o", outputDir], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60000
  });
  const converted = path.join(outputDir, "manifest.json");
  const output = `${result.stdout || ""}${result.stderr || ""}`.trim().split("\n").slice(-3).join(" ");
  if (!fs.existsSync(converted)) {
    return { problems: [`converted manifest: the converter (exit ${result.status}) wrote no manifest.json${output ? ": " + output : ""}`] };
  }
  return { problems: [], converted };
}

function checkIdentity(xmlPath, jsonPath) {
  const xml = fs.readFileSync(xmlPath, "utf8");
  const json = JSON.parse(fs.readFileSync(jsonPath, "utf8"));
  const id = (/<Id>\s*([^<\s]+)\s*<\/Id>/.exec(xml) || [])[1];
  const version = (/<Version>\s*([^<\s]+)\s*<\/Version>/.exec(xml) || [])[1] || "";
  const problems = [];
  if (id && json.id !== id) problems.push(`manifest.json: id ${json.id} differs from manifest.xml ${id}`);
  if (version && !version.startsWith(json.version + ".")) {
    problems.push(`manifest.json: version ${json.version} differs from manifest.xml ${version}`);
  }
  return problems;
}

async function checkManifests({
  xmlPath = path.join(MANIFEST_DIR, "manifest.xml"),
  jsonPath = path.join(MANIFEST_DIR, "manifest.json"),
  catalogPath = DEFAULT_CATALOG
} = {}) {
  const problems = [];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-check-"));
  try {
    problems.push(...checkXmlManifest(xmlPath));
    const conversion = convertXml(xmlPath, path.join(workDir, "converted"));
    problems.push(...conversion.problems);
    if (conversion.converted) {
      problems.push(...await validateJsonManifest(conversion.converted, "converted manifest.json"));
    }
    problems.push(...await validateJsonManifest(jsonPath, "manifest.json"));
    problems.push(...checkOwnJsonManifest(jsonPath));
    problems.push(...checkIdentity(xmlPath, jsonPath));
    problems.push(...checkCatalog(JSON.parse(fs.readFileSync(catalogPath, "utf8"))).map((p) => `guidelines.json: ${p}`));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return problems;
}

module.exports = { checkManifests, checkXmlManifest, convertXml, BASE_URL };

if (require.main === module) {
  const [xmlPath, jsonPath] = process.argv.slice(2).map((p) => path.resolve(p));
  checkManifests({ xmlPath, jsonPath }).then((problems) => {
    for (const problem of problems) console.error(problem);
    console.log(problems.length ? `${problems.length} problem(s)` : "manifests and catalog are valid");
    process.exitCode = problems.length ? 1 : 0;
  });
}
