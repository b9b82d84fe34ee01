// e2e.mjs PRESSCUT REPO OUTDIR - the page in a real headless Chromium.
//
// Debian's /usr/bin/chromium driven by playwright-core (pinned in
// package.json): paste the founding article, delete a paragraph (and undo,
// and delete with the keyboard), change the text size, switch on who said
// what and find Bortnikov's claim in the panel, download the PDF and check
// with pdftotext that the deleted paragraph is gone, send the email to a
// real SMTP server on 127.0.0.1 and find it there.  Screenshots go to
// OUTDIR (test artifacts).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const [presscut, repo, outdir] = process.argv.slice(2);
const require = createRequire(import.meta.url);
let chromium;
try {
  ({ chromium } = require('playwright-core'));
} catch (e) {
  console.error('FAIL playwright-core is not installed (scripts/install-npm.sh)');
  process.exit(1);
}
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.log('ok   ' + name); }
  else { failed++; console.log('FAIL ' + name + (detail !== undefined ? ' ' + JSON.stringify(detail).slice(0, 300) : '')); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// every time limit times $PC_TEST_TIMEOUT_SCALE (tests/README.md)
const SCALE = Number(process.env.PC_TEST_TIMEOUT_SCALE || 1) || 1;
const scaled = (ms) => Math.ceil(ms * SCALE);
// polls pred() every 50 ms until it is true or scaled(ms) have passed
async function waitUntil(pred, ms) {
  const end = Date.now() + scaled(ms);
  for (;;) {
    const v = pred();
    if (v || Date.now() >= end) return v;
    await sleep(50);
  }
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-e2e-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true })); // nothing left behind
fs.mkdirSync(outdir, { recursive: true });
const kids = [];

async function start() {
  const spool = path.join(tmp, 'spool');
  const pf = path.join(tmp, 'smtp.port');
  kids.push(spawn('/usr/bin/python3', [path.join(repo, 'tests/mail/smtpd.py'), '--spool', spool, '--portfile', pf],
                  { stdio: 'ignore' }));
  if (!await waitUntil(() => fs.existsSync(pf) && fs.statSync(pf).size > 0, 20000)) throw new Error('smtpd did not start');
  const smtpPort = fs.readFileSync(pf, 'utf8').trim();
  const srv = spawn(presscut, ['serve', '--listen', '127.0.0.1:0', '--smtp', 'smtp://127.0.0.1:' + smtpPort,
                               '--from', 'presscut <noreply@example.org>', '--outbox', path.join(tmp, 'outbox')],
                    { stdio: ['ignore', 'pipe', 'inherit'] });
  kids.push(srv);
  const port = await new Promise((resolve, reject) => {
    srv.stdout.once('data', (d) => resolve(String(d).trim()));
    srv.once('exit', () => reject(new Error('serve exited')));
  });
  return { port, spool };
}

async function main() {
  const { port, spool } = await start();
  const base = 'http://127.0.0.1:' + port + '/';
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'], timeout: scaled(30000) });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(scaled(30000));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(base);
  check('the page loads', (await page.title()).includes('presscut'));

  // paste the founding article
  const seed = fs.readFileSync(path.join(repo, 'examples/crocus-article.txt'), 'utf8');
  await page.click('#paste-box summary');
  await page.fill('#paste', seed);
  await page.click('#use-paste');
  await page.waitForSelector('#article h1.title');
  check('the clean article appears', (await page.textContent('#article h1.title')).startsWith('Terrorist Attack'));
  const nblocks = await page.locator('#article .block').count();
  check('nine blocks', nblocks === 9, nblocks);
  check('the leaked widget is gone', !(await page.textContent('#article')).includes('Print Friendly'));

  // delete a paragraph, undo, delete again
  const target = '#article .block[data-id="b4"]';
  const gone = (await page.textContent(target)).slice(0, 40);
  await page.hover(target);
  await page.click(target);
  check('a click deletes the paragraph', (await page.locator(target).count()) === 0);
  await page.click('#undo');
  check('undo brings it back', (await page.locator(target).count()) === 1);
  await page.click(target);
  check('deleted again', (await page.locator(target).count()) === 0);
  // the keyboard alone: focus a block and press Delete, then undo
  await page.focus('#article .block[data-id="b9"]');
  await page.keyboard.press('Delete');
  check('Delete key removes the focused block', (await page.locator('#article .block[data-id="b9"]').count()) === 0);
  await page.click('#undo');

  // text size and images
  await page.click('.ts[data-size="5"]');
  check('text size 5', (await page.getAttribute('#article', 'class')).includes('ts-5'));
  await page.click('.ts[data-size="3"]');
  await page.selectOption('#images', 'small');
  check('image size small', (await page.getAttribute('#article', 'class')).includes('img-small'));
  await page.selectOption('#images', 'full');

  // who said what
  await page.check('#wsw');
  await page.waitForSelector('#panel:not([hidden]) #claims table');
  const claims = await page.textContent('#claims');
  check("the panel lists Bortnikov's claim", claims.includes('Alexander Bortnikov') && claims.includes('accuse'), claims.slice(0, 200));
  const speakers = await page.textContent('#speakers');
  check('speakers with roles', speakers.includes('Alastair Crooke') && speakers.includes('Conflicts Forum'));
  const marks = await page.locator('#article mark.q').count();
  check('quotes highlighted', marks >= 8, marks);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outdir, 'page.png'), fullPage: false });
  await page.click('#speakers li button');

  // the PDF, with the same choices
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#pdf')]);
  const pdf = path.join(tmp, 'page.pdf');
  await dl.saveAs(pdf);
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  check('the PDF has the article', text.includes('Crocus'));
  check('the deleted paragraph is not in the PDF', !text.replace(/\s+/g, ' ').includes(gone.replace(/\s+/g, ' ').slice(0, 30)), gone);
  check('the PDF has the who-said-what appendix', text.includes('Who said what'));

  // email
  await page.click('#email-open');
  await page.fill('#to', 'friend@example.com');
  await page.fill('#note', 'Sent from the page.');
  await page.click('#send');
  await page.waitForFunction(() => /Sent to|Not sent/.test(document.getElementById('status').textContent), null, { timeout: scaled(60000) });
  check('the page says sent', (await page.textContent('#status')).startsWith('Sent to'), await page.textContent('#status'));
  const arrived = () => (fs.existsSync(spool) ? fs.readdirSync(spool).filter((f) => f.endsWith('.eml')) : []);
  await waitUntil(() => arrived().length > 0, 10000);
  const msgs = arrived();
  check('the message arrived at the SMTP server', msgs.length === 1, msgs);
  if (msgs.length) {
    const raw = fs.readFileSync(path.join(spool, msgs[0]), 'utf8');
    check('it holds the sender\'s note and a PDF', raw.includes('Sent from the page.') && raw.includes('application/pdf'));
  }

  // a phone-sized screen
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(outdir, 'page-phone.png') });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
  check('no sideways scrolling on a phone', overflow);
  // labels for screen readers
  const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
  check('every control has a label', unlabelled.length === 0, unlabelled);
  check('no script errors on the page', errors.length === 0, errors);
  await browser.close();
}

main().catch((e) => { failed++; console.log('FAIL ' + e.stack); })
  .finally(() => {
    for (const k of kids) { try { k.kill('SIGTERM'); } catch (e) { /* gone */ } }
    console.log(passed + ' passed, ' + failed + ' failed');
    process.exit(failed ? 1 : 0);
  });
