// Run one JavaScript peer over every page of a manifest, in this one process.
//
// Usage:
//   node bench/peers/js_peer.mjs --tool readability|defuddle --manifest PAGES.tsv --out DIR
//
// PAGES.tsv has one line per page: ID <TAB> HTML_PATH <TAB> URL.  For each page
// this writes DIR/ID.txt, the extracted body as plain text (paragraphs split by
// a blank line), then prints one JSON summary line on stdout:
//   {"tool": ..., "version": ..., "pages": N, "errors": E, "loop_seconds": S}
//
// loop_seconds is the sum over pages of the time from the HTML string to the
// peer's extracted article: jsdom parse + Readability.parse() or Defuddle().
// Reading the file, turning the article into text and writing ID.txt are not
// timed (the peers do not produce plain text themselves; see htmlToText).
// A page whose extraction throws gets an empty ID.txt and counts as an error.
//
// Both peers get the page's URL (from the ground truth's "url") as the
// document URL, as they would in a browser.  Scripts and sub-resources are
// never run or fetched (jsdom defaults), and defuddle's network fallbacks are
// off (useAsync: false).

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";

const require = createRequire(import.meta.url);

// Installed version of a package in bench/node_modules (read directly: some
// packages, defuddle among them, do not export their package.json).
function pkgVersion(name) {
  const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  try { return JSON.parse(readFileSync(url, "utf8")).version; } catch { return "?"; }
}

function usage(msg) {
  process.stderr.write(`js_peer: ${msg}\n` +
    "usage: node js_peer.mjs --tool readability|defuddle --manifest PAGES.tsv --out DIR\n");
  process.exit(2);
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    const val = argv[i + 1];
    if (!["--tool", "--manifest", "--out"].includes(key) || val === undefined)
      usage(`bad argument ${key}`);
    args[key.slice(2)] = val;
  }
  for (const k of ["tool", "manifest", "out"]) if (!args[k]) usage(`missing --${k}`);
  return args;
}

// ---- HTML to text ---------------------------------------------------------
// The same rules as htmlToText in readability_lxml.py, so that all peers are
// scored on text made the same way: block elements become paragraph breaks,
// <br> a line break, table cells a space; whitespace inside text collapses.

const BLOCK = new Set(("address article aside blockquote body caption center dd details " +
  "dialog div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header " +
  "hgroup hr html li main nav ol p pre section summary table tbody tfoot thead tr ul")
  .split(" "));
const SKIP = new Set(["script", "style", "noscript", "template", "svg", "math"]);
const ELEMENT_NODE = 1, TEXT_NODE = 3;

function htmlToText(root) {
  const out = [];
  // Iterative walk (pages can nest deeper than the JS stack allows).
  // Stack entries are nodes to enter, or strings to emit on leaving a block.
  const stack = [root];
  while (stack.length) {
    const item = stack.pop();
    if (typeof item === "string") { out.push(item); continue; }
    if (item.nodeType === TEXT_NODE) { out.push(item.data.replace(/\s+/g, " ")); continue; }
    let tag = "";
    if (item.nodeType === ELEMENT_NODE) {
      tag = item.localName;
      if (SKIP.has(tag)) continue;
      if (tag === "br") { out.push("\n"); continue; }
      if (BLOCK.has(tag)) { out.push("\n\n"); stack.push("\n\n"); }
      else if (tag === "td" || tag === "th") { out.push(" "); stack.push(" "); }
    } else if (item.nodeType !== 9 && item.nodeType !== 11) {
      continue; // comments, processing instructions, doctypes
    }
    const kids = item.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out.join("")
    .replace(/[ \t\r\f\v]+/g, " ")
    .replace(/ ?\n ?/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

// ---- peers ----------------------------------------------------------------
// Each returns { extract(html, url) -> native article, toText(article) -> string }.

function quietConsole() {
  // jsdom reports CSS it cannot parse and the like; keep the bench output clean.
  return new VirtualConsole();
}

async function loadPeer(tool) {
  if (tool === "readability") {
    const { Readability } = require("@mozilla/readability");
    return {
      version: pkgVersion("@mozilla/readability"),
      extract(html, url) {
        const dom = new JSDOM(html, { url, virtualConsole: quietConsole() });
        // serializer el => el: keep the article as a DOM element instead of
        // serialising it to an HTML string we would only parse again.
        const article = new Readability(dom.window.document, { serializer: (el) => el }).parse();
        return { dom, article };
      },
      toText({ dom, article }) {
        const text = article && article.content ? htmlToText(article.content) : "";
        dom.window.close();
        return text;
      },
    };
  }
  if (tool === "defuddle") {
    const { Defuddle } = await import("defuddle/node");
    return {
      version: pkgVersion("defuddle"),
      async extract(html, url) {
        const dom = new JSDOM(html, { url, virtualConsole: quietConsole() });
        const result = await Defuddle(dom.window.document, url, { useAsync: false });
        return { dom, result };
      },
      toText({ dom, result }) {
        dom.window.close();
        return result && result.content ? htmlToText(JSDOM.fragment(result.content)) : "";
      },
    };
  }
  usage(`unknown tool ${tool}`);
}

// ---- main -----------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const peer = await loadPeer(args.tool);
  const pages = readFileSync(args.manifest, "utf8").split("\n").filter(Boolean)
    .map((line) => { const [id, path, url] = line.split("\t"); return { id, path, url }; });
  mkdirSync(args.out, { recursive: true });
  const jsdomVersion = pkgVersion("jsdom");

  let loopNs = 0n;
  let errors = 0;
  for (const page of pages) {
    const html = readFileSync(page.path, "utf8");
    const url = page.url || "https://example.invalid/";
    let text = "";
    try {
      const t0 = process.hrtime.bigint();
      const native = await peer.extract(html, url);
      loopNs += process.hrtime.bigint() - t0;
      text = peer.toText(native);
    } catch (err) {
      errors++;
      process.stderr.write(`js_peer ${args.tool}: ${page.id}: ${String(err && err.message || err).slice(0, 200)}\n`);
    }
    writeFileSync(join(args.out, page.id + ".txt"), text ? text + "\n" : "");
    // Let the event loop turn between pages, as a server would between
    // requests, so jsdom's deferred clean-up of closed windows can run.
    await new Promise((resolve) => setImmediate(resolve));
  }
  process.stdout.write(JSON.stringify({
    tool: args.tool,
    version: `${peer.version} (jsdom ${jsdomVersion}, node ${process.versions.node})`,
    pages: pages.length,
    errors,
    loop_seconds: Number(loopNs) / 1e9,
  }) + "\n");
}

main().catch((err) => {
  process.stderr.write(`js_peer: ${err && err.stack || err}\n`);
  process.exit(1);
});
