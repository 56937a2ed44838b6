#!/usr/bin/env node
/*
 * `npm test`: every test file under test/ (unit, manifest, browser) in one `node --test` run, so the
 * output ends with the test runner's own summary (# pass N / # fail N).
 * Files are listed here rather than with a shell glob because Node 20's --test takes no glob patterns
 * and a directory argument is not limited to test files. TMPDIR is kept inside the add-in folder
 * (git-ignored) for Chromium's profile and Playwright's temporary files.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");

const ADDIN_ROOT = path.resolve(__dirname, "..");
const SUITES = ["unit", "manifest", "browser"];

const files = SUITES.flatMap((suite) => {
  const folder = path.join(ADDIN_ROOT, "test", suite);
  return fs.existsSync(folder)
    ? fs.readdirSync(folder).filter((name) => name.endsWith(".test.js")).sort().map((name) => path.join("test", suite, name))
    : [];
});

const tmp = path.join(ADDIN_ROOT, ".tmp");
fs.mkdirSync(tmp, { recursive: true });

const result = spawnSync(process.execPath, [
  "--test", "--test-reporter=tap", "--test-concurrency=1", ...process.argv.slice(2), ...files
], {
  cwd: ADDIN_ROOT,
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, TMPDIR: tmp }
});
process.exitCode = result.status === null ? 1 : result.status;
