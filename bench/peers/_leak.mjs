import { readFileSync } from "node:fs";
import { JSDOM, VirtualConsole } from "jsdom";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { Readability } = require("@mozilla/readability");
const mode = process.argv[2];
const pages = readFileSync("out/pages.tsv","utf8").split("\n").filter(Boolean).map(l=>l.split("\t"));
for (const [id, path, url] of pages) {
  const html = readFileSync(path, "utf8");
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  new Readability(dom.window.document).parse();
  dom.window.close();
  if (mode === "yield") await new Promise((r) => setImmediate(r));
}
console.log(mode, "heapUsed MiB", (process.memoryUsage().heapUsed/1048576).toFixed(0));
