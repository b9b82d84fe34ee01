// harness.mjs - what the browser tests (e2e.mjs, archive.mjs) share:
// playwright-core loaded, `check` and its counts, the time limits scaled
// by $PC_TEST_TIMEOUT_SCALE (tests/README.md), polling, a temporary folder
// removed at exit, children started for their port and stopped at the
// end, Debian's Chromium launched, and the one way a run ends.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// the pinned npm packages (scripts/install-npm.sh): a name gives the
// module, a package's .js file its text; a FAIL line and exit 1 when one
// is missing
export function loadPackages(names) {
  try {
    return names.map((n) => (n.endsWith('.js') ? fs.readFileSync(require.resolve(n), 'utf8') : require(n)));
  } catch (e) {
    const pkgs = names.map((n) => n.split('/')[0]);
    console.error('FAIL ' + pkgs.join(' or ') + ' is not installed (scripts/install-npm.sh)');
    process.exit(1);
  }
}

const counts = { passed: 0, failed: 0 };
export function check(name, cond, detail) {
  if (cond) { counts.passed++; console.log('ok   ' + name); }
  else { counts.failed++; console.log('FAIL ' + name + (detail !== undefined ? ' ' + JSON.stringify(detail).slice(0, 400) : '')); }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// every time limit times $PC_TEST_TIMEOUT_SCALE (tests/README.md)
const SCALE = Number(process.env.PC_TEST_TIMEOUT_SCALE || 1) || 1;
export const scaled = (ms) => Math.ceil(ms * SCALE);
// polls pred() every 50 ms until it is true or scaled(ms) have passed
export async function waitUntil(pred, ms) {
  const end = Date.now() + scaled(ms);
  for (;;) {
    const v = await pred();
    if (v || Date.now() >= end) return v;
    await sleep(50);
  }
}

// a new temporary folder, removed at exit: nothing left behind
export function tempDir(prefix) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  return tmp;
}

// the children started, stopped when the run ends
export const kids = [];

// a child whose first line on stdout matching re gives its port
export function spawnPort(cmd, args, re) {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  kids.push(p);
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = re.exec(out);
      if (m) resolve(m[1]);
    });
    p.once('exit', () => reject(new Error(cmd + ' exited')));
  });
}

// `presscut serve` on a free port of 127.0.0.1 (its first line says the
// port) with args; the port
export function servePort(presscut, args) {
  return spawnPort(presscut, ['serve', '--listen', '127.0.0.1:0', ...args], /^(\S+)\n/);
}

// Debian's /usr/bin/chromium, headless
export function launch(chromium) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], timeout: scaled(30000) });
}

// a browser context with opts whose waits end after scaled(30000) ms
export async function newContext(browser, opts) {
  const context = await browser.newContext(opts);
  context.setDefaultTimeout(scaled(30000));
  return context;
}

// runs main: an exception is a failure; then the children are stopped,
// the counts said and the exit code is 1 on any failure
export function run(main) {
  main().catch((e) => { counts.failed++; console.log('FAIL ' + e.stack); })
    .finally(() => {
      for (const k of kids) { try { k.kill('SIGTERM'); } catch (e) { /* gone */ } }
      console.log(counts.passed + ' passed, ' + counts.failed + ' failed');
      process.exit(counts.failed ? 1 : 0);
    });
}
