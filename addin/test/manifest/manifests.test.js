"use strict";
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { checkManifests, convertXml } = require("../../scripts/check-manifests");
const { checkCatalog } = require("../../scripts/check-catalog");

const ADDIN_ROOT = path.resolve(__dirname, "..", "..");
const XML = path.join(ADDIN_ROOT, "manifest", "manifest.xml");
const JSON_MANIFEST = path.join(ADDIN_ROOT, "manifest", "manifest.json");
const CATALOG = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "catalog", "guidelines.json"), "utf8"));

let workDir;

before(() => {
  fs.mkdirSync(path.join(ADDIN_ROOT, ".tmp"), { recursive: true });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-test-"));
});

after(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** Writes a modified copy of a manifest (and its localization file, for JSON) into the work folder. */
function brokenCopy(source, name, edit) {
  const folder = fs.mkdtempSync(path.join(workDir, "case-"));
  const target = path.join(folder, name);
  const original = fs.readFileSync(source, "utf8");
  const changed = edit(original);
  assert.notEqual(changed, original, "the edit must change the manifest");
  fs.writeFileSync(target, changed);
  const localization = path.join(path.dirname(source), "en-us.json");
  if (fs.existsSync(localization)) {
    fs.copyFileSync(localization, path.join(folder, "en-us.json"));
  }
  return target;
}

test("the shipped manifests and catalog pass the offline check", async () => {
  assert.deepEqual(await checkManifests(), []);
});

test("the converter really writes a manifest.json for our XML manifest", () => {
  const conversion = convertXml(XML, path.join(workDir, "converted"));
  assert.deepEqual(conversion.problems, []);
  const converted = JSON.parse(fs.readFileSync(conversion.converted, "utf8"));
  assert.equal(converted.id, JSON.parse(fs.readFileSync(JSON_MANIFEST, "utf8")).id);
  assert.ok(converted.extensions[0].ribbons.every((r) => r.contexts.includes("mailCompose")));
});

test("an XML manifest without <ProviderName> fails the check", async () => {
  const broken = brokenCopy(XML, "manifest.xml", (xml) => xml.replace(/\s*<ProviderName>[^<]*<\/ProviderName>/, ""));
  const problems = await checkManifests({ xmlPath: broken });
  assert.ok(problems.some((p) => /<ProviderName> is missing/.test(p)), problems.join("\n"));
  assert.ok(problems.some((p) => /converter .* wrote no manifest\.json/.test(p)), "the converter silently writes nothing");
});

test("an XML manifest without <Id> fails the check", async () => {
  const broken = brokenCopy(XML, "manifest.xml", (xml) => xml.replace(/\s*<Id>[^<]*<\/Id>/, ""));
  const problems = await checkManifests({ xmlPath: broken });
  assert.ok(problems.some((p) => /<Id> is missing/.test(p)), problems.join("\n"));
});

test("an XML manifest pointing outside the add-in's base URL fails the check", async () => {
  const broken = brokenCopy(XML, "manifest.xml", (xml) =>
    xml.replace('<IconUrl DefaultValue="https://localhost:3000/src/assets/icon-64.png"/>', '<IconUrl DefaultValue="https://cdn.example.com/icon-64.png"/>'));
  const problems = await checkManifests({ xmlPath: broken });
  assert.ok(problems.some((p) => /cdn\.example\.com.*not under https:\/\/localhost:3000/.test(p)), problems.join("\n"));
});

test("an XML manifest naming a missing file fails the check", async () => {
  const broken = brokenCopy(XML, "manifest.xml", (xml) => xml.replace(/src\/assets\/icon-80\.png/g, "src/assets/icon-81.png"));
  const problems = await checkManifests({ xmlPath: broken });
  assert.ok(problems.some((p) => /icon-81\.png names no file/.test(p)), problems.join("\n"));
});

test("a JSON manifest without its required version fails schema validation", async () => {
  const broken = brokenCopy(JSON_MANIFEST, "manifest.json", (json) => {
    const manifest = JSON.parse(json);
    delete manifest.version;
    return JSON.stringify(manifest, null, 2);
  });
  const problems = await checkManifests({ jsonPath: broken });
  assert.ok(problems.some((p) => /^manifest\.json: .*version/.test(p)), problems.join("\n"));
});

test("a JSON manifest with a too-long localized name fails the localization check", async () => {
  const folder = fs.mkdtempSync(path.join(workDir, "case-"));
  fs.copyFileSync(JSON_MANIFEST, path.join(folder, "manifest.json"));
  const strings = JSON.parse(fs.readFileSync(path.join(ADDIN_ROOT, "manifest", "en-us.json"), "utf8"));
  strings["name.short"] = "A name far longer than the thirty characters allowed";
  fs.writeFileSync(path.join(folder, "en-us.json"), JSON.stringify(strings));
  const problems = await checkManifests({ jsonPath: path.join(folder, "manifest.json") });
  assert.ok(problems.some((p) => /en-us\.json: \/name\.short/.test(p)), problems.join("\n"));
});

test("the catalog check rejects a hostile or inconsistent catalog", () => {
  const hostile = JSON.parse(JSON.stringify(CATALOG));
  hostile.snippets[0].body.fr = "<p onclick=\"alert(1)\">x</p><script>alert(1)</script>";
  hostile.snippets[1].body.en = "<p><a href=\"javascript:alert(1)\">x</a> {{unknownThing}}</p>";
  hostile.snippets[2].id = hostile.snippets[3].id;
  hostile.snippets[4].category = "no-such-category";
  delete hostile.snippets[5].title.en;
  const problems = checkCatalog(hostile);
  for (const expected of [/tag <script>/, /attribute onclick/, /javascript:alert/, /\{\{unknownThing\}\} is not declared/,
    /duplicate id/, /unknown category no-such-category/, /schema: \/snippets\/5\/title must have required property 'en'/]) {
    assert.ok(problems.some((p) => expected.test(p)), `${expected} in:\n${problems.join("\n")}`);
  }
});
