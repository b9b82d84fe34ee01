// compromise_peer.mjs: the npm `compromise` library as presscut's peer for
// attribution ("who said what"); see bench/quotes/README.md.
//
//   node compromise_peer.mjs predict OUT_DIR FILE...
//       For each FILE (plain text, as presscut reads it) write OUT_DIR/ID.json,
//       ID = the file name less ".txt", in score_quotes.py's prediction form:
//       {"quotes": [{"quote", "speaker"}], "claims": []}.
//   node compromise_peer.mjs time REPEAT DIR
//       Read every *.txt in DIR into memory, then analyse them all REPEAT
//       times in this process; print one JSON line with the wall time of each
//       pass and the best, and the process's CPU time (user + system, all its
//       threads, V8's helpers included) over each pass.  Module load and file
//       reading are not timed.
//
// What one analysis is (the same work in both modes):
//   doc = nlp(text); quotes = doc.quotations(); people = doc.people();
//   each quotation's speaker = the person mention nearest to it (in terms)
//   in the same sentence, outside the quotation; failing that, the last
//   person mention of the previous sentence; failing that, null.  The
//   result is serialised with JSON.stringify, as presscut prints JSON.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nlp from 'compromise';

const MARKS = '"\'\u201C\u201D\u2018\u2019\u201E\u201A\u00AB\u00BB\u2039\u203A\u300C\u300D';
const EDGE_QUOTE = new RegExp(`^[\\s${MARKS}]+|[\\s${MARKS},.;:!?]+$`, 'gu');
// Person mentions come with their punctuation ("Mayer,", "Bob Iger.").
const EDGE_NAME = /^[^\p{L}\p{N}]+|(?:['\u2019]s)?[^\p{L}\p{N}]*$/gu;

function cleanQuote(s) {
  // Remove the marks around the quotation (and a closing comma or stop
  // outside the marks); inner text is kept as compromise gives it.
  return s.replace(EDGE_QUOTE, '');
}

function cleanName(s) {
  return s.replace(EDGE_NAME, '');
}

export function analyse(text) {
  const doc = nlp(text);
  const qv = doc.quotations();
  const pv = doc.people();
  const qptr = qv.fullPointer;          // [sentence, startTerm, endTerm, ...]
  const qjs = qv.json();
  const pptr = pv.fullPointer;
  const pjs = pv.json();
  const bySentence = new Map();         // sentence -> [{start, end, name}]
  for (let i = 0; i < pptr.length; i++) {
    const name = cleanName(pjs[i].text);
    if (!name) continue;
    const [n, s, e] = pptr[i];
    if (!bySentence.has(n)) bySentence.set(n, []);
    bySentence.get(n).push({ start: s, end: e, name });
  }
  const quotes = [];
  for (let i = 0; i < qptr.length; i++) {
    const quote = cleanQuote(qjs[i].text);
    if (!quote) continue;
    const [n, s, e] = qptr[i];
    let speaker = null;
    let best = Infinity;
    for (const p of bySentence.get(n) || []) {
      let d;
      if (p.start >= e) d = p.start - e;
      else if (p.end <= s) d = s - p.end;
      else continue;                    // inside the quotation
      if (d < best) { best = d; speaker = p.name; }
    }
    if (speaker === null && n > 0) {
      const prev = bySentence.get(n - 1);
      if (prev && prev.length) speaker = prev[prev.length - 1].name;
    }
    quotes.push({ quote, speaker });
  }
  return { quotes, claims: [] };
}

function idOf(file) {
  return path.basename(file).replace(/\.txt$/, '');
}

function main(argv) {
  const [mode, ...rest] = argv;
  if (mode === 'predict') {
    const [outDir, ...files] = rest;
    if (!outDir || !files.length) return usage();
    fs.mkdirSync(outDir, { recursive: true });
    for (const f of files) {
      const res = analyse(fs.readFileSync(f, 'utf8'));
      fs.writeFileSync(path.join(outDir, idOf(f) + '.json'), JSON.stringify(res) + '\n');
    }
    return 0;
  }
  if (mode === 'time') {
    const [rep, dir] = rest;
    const repeat = Number(rep);
    if (!dir || !(repeat >= 1)) return usage();
    const texts = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
      .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
    const runs = [], cpu = [];
    let nquotes = 0, bytes = 0;
    for (let r = 0; r < repeat; r++) {
      nquotes = 0; bytes = 0;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const t of texts) {
        const res = analyse(t);
        nquotes += res.quotes.length;
        bytes += JSON.stringify(res).length;
      }
      runs.push((performance.now() - t0) / 1000);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1e6);
    }
    const best = Math.min(...runs);
    const bestCpu = Math.min(...cpu);
    process.stdout.write(JSON.stringify({
      tool: 'compromise', version: nlp.version, articles: texts.length,
      runs_s: runs, best_s: best, articles_per_s: texts.length / best,
      cpu_s: cpu, best_cpu_s: bestCpu, articles_per_cpu_s: texts.length / bestCpu,
      quotes: nquotes, json_chars: bytes,
    }) + '\n');
    return 0;
  }
  return usage();
}

function usage() {
  process.stderr.write('usage: compromise_peer.mjs predict OUT_DIR FILE... | time REPEAT DIR\n');
  return 2;
}

process.exitCode = main(process.argv.slice(2));
