#!/usr/bin/env node
/*
 * Serves the add-in folder for development: https://localhost:3000/src/taskpane.html is what the
 * manifests point to. Outlook only loads add-ins over https, so pass a certificate:
 *   node scripts/serve.js --cert localhost.crt --key localhost.key
 * Without one it serves plain http, which is enough to look at the pane in a browser.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { startServer } = require("./static-server");

function argument(name) {
  const position = process.argv.indexOf(name);
  return position > 0 ? process.argv[position + 1] : undefined;
}

const cert = argument("--cert");
const key = argument("--key");
const tls = cert && key ? { cert: fs.readFileSync(cert), key: fs.readFileSync(key) } : null;
const port = Number(argument("--port") || 3000);

startServer(path.join(__dirname, ".."), { port, tls }).then(({ origin }) => {
  console.log(`Serving ${path.join(__dirname, "..")} at ${origin}/src/taskpane.html (Ctrl+C to stop)`);
});
