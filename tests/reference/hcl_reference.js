// HashiCorp's HCL parser (hashicorp/hcl, compiled to WebAssembly in @cdktf/hcl2json) as a
// reference for tests/test_hcl_differential.py.
//
//   node hcl_reference.js main.tf other.tf       files named on the command line, or
//   node hcl_reference.js < items.json           a JSON array of {"name", "text"} on stdin
//
// Prints a JSON array with, per input, {"name", "ok": true, "value"} or
// {"name", "ok": false, "line", "column", "message"}: the value is hcl2json's rendering
// (literals as JSON, anything else as "${...}"); line, column and message are those of
// HCL's first error.
"use strict";
const fs = require("fs");
const { parse } = require("@cdktf/hcl2json");

const FILENAME = "input.tf";
// hcl2json joins every diagnostic into one message; the first one is HCL's first error.
const POSITION = /input\.tf:(\d+),(\d+)-[^:]*: ([^;\]]*)/;

async function check(item) {
  try {
    return { name: item.name, ok: true, value: await parse(FILENAME, item.text) };
  } catch (error) {
    const found = POSITION.exec(String(error.message));
    if (found === null) {
      return { name: item.name, ok: false, line: 0, column: 0, message: String(error.message) };
    }
    const [, line, column, message] = found;
    return { name: item.name, ok: false, line: Number(line), column: Number(column), message };
  }
}

async function inputs() {
  const paths = process.argv.slice(2);
  if (paths.length > 0) {
    return paths.map((path) => ({ name: path, text: fs.readFileSync(path, "utf8") }));
  }
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

async function main() {
  const results = [];
  for (const item of await inputs()) results.push(await check(item));
  // The Go runtime inside the WebAssembly module keeps the event loop alive, so exit
  // explicitly, once the (asynchronous, when piped) write has finished.
  process.stdout.write(JSON.stringify(results) + "\n", () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(String(error.stack || error) + "\n");
  process.exit(2);
});
