// e2e.mjs PRESSCUT REPO OUTDIR - the page in a real headless Chromium.
//
// Debian's /usr/bin/chromium driven by playwright-core (pinned in
// package.json), against presscut serve and a real SMTP server on
// 127.0.0.1: the empty page shows no tools; paste the founding article;
// the toolbar is compact (its height printed) and covers neither the
// title nor the panel's heading; text can be selected and copied, a
// click, a double-click and Enter remove nothing, the × button and the
// Delete key do; code and tables keep their layout; a failed load leaves
// the old article behind PDF; who said what reads honestly (no marks
// around paraphrase, clean roles, claims as sentences, dates for humans);
// print from the page has the appendix and the article's language; the
// PDF and the email (subject, attachment choice) work; axe-core (pinned,
// injected by this test) finds nothing serious on the empty page, the
// article, the panel and the phone; the bookmarklet sends a page served
// by a local Python http.server (its URL, or its HTML) to presscut.
// Screenshots go to OUTDIR, and with PC_E2E_DOCS_IMG=1 to docs/img/ too.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, kids, launch, loadPackages, newContext, run, scaled, servePort, spawnPort, tempDir, waitUntil }
  from './harness.mjs';

const [presscut, repo, outdir] = process.argv.slice(2);
const [{ chromium }, axeSource] = loadPackages(['playwright-core', 'axe-core/axe.min.js']);
const tmp = tempDir('pc-e2e-');
fs.mkdirSync(outdir, { recursive: true });
const docsImg = process.env.PC_E2E_DOCS_IMG === '1' ? path.join(repo, 'docs/img') : null;

async function start() {
  const spool = path.join(tmp, 'spool');
  const pf = path.join(tmp, 'smtp.port');
  kids.push(spawn('/usr/bin/python3', [path.join(repo, 'tests/mail/smtpd.py'), '--spool', spool, '--portfile', pf],
                  { stdio: 'ignore' }));
  if (!await waitUntil(() => fs.existsSync(pf) && fs.statSync(pf).size > 0, 20000)) throw new Error('smtpd did not start');
  const smtpPort = fs.readFileSync(pf, 'utf8').trim();
  // private fetches allowed: the bookmarklet's page is on 127.0.0.1
  const port = await servePort(presscut, ['--allow-private-fetch',
    '--smtp', 'smtp://127.0.0.1:' + smtpPort, '--from', 'presscut <noreply@example.org>',
    '--outbox', path.join(tmp, 'outbox')]);
  const plain = await servePort(presscut, []);
  const site = path.join(tmp, 'site');
  fs.mkdirSync(site);
  fs.copyFileSync(path.join(repo, 'tests/e2e/fixtures/code-and-table.html'), path.join(site, 'story.html'));
  const sitePort = await spawnPort('/usr/bin/python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1',
    '--directory', site], /port (\d+)/);
  return { port, plain, sitePort, spool };
}

// axe-core run in the page (evaluated through the DevTools protocol, as
// the page's CSP allows no script but its own): serious and critical
// violations only
async function axe(page, name) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  check('axe: no serious or critical violations on ' + name, bad.length === 0, bad);
}

const box = (page, sel) => page.evaluate((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return { top: r.top, bottom: r.bottom, height: r.height };
}, sel);

async function shot(page, name) {
  await page.screenshot({ path: path.join(outdir, name) });
  if (docsImg) fs.copyFileSync(path.join(outdir, name), path.join(docsImg, name));
}

async function paste(page, text) {
  if (!await page.isVisible('#paste')) await page.click('#paste-box summary');
  await page.fill('#paste', text);
  await page.click('#use-paste');
}

async function emptyPage(page) {
  check('the page loads', (await page.title()).includes('presscut'));
  check('no toolbar before an article', !(await page.isVisible('#tools')) && !(await page.isVisible('#pdf')));
  check('no email form before an article', !(await page.isVisible('#email')) && !(await page.isVisible('#send')));
  // Tab through the whole empty page: never onto Print, PDF, Email, Send
  const seen = [];
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    seen.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName));
  }
  check('Tab reaches no output button before an article', !seen.some((x) => ['print', 'pdf', 'email-open', 'send', 'to'].includes(x)), seen);
  await axe(page, 'the empty page');
}

async function article(page) {
  const seed = fs.readFileSync(path.join(repo, 'examples/crocus-article.txt'), 'utf8');
  await paste(page, seed);
  await page.waitForSelector('#article h1.title');
  check('the clean article appears', (await page.textContent('#article h1.title')).startsWith('Terrorist Attack'));
  const nblocks = await page.locator('#article .block').count();
  check('nine blocks', nblocks === 9, nblocks);
  check('the leaked widget is gone', !(await page.textContent('#article')).includes('Print Friendly'));
  check('the article has its language (hyphenation)', await page.getAttribute('#article', 'lang') === 'en');
  const tools = await box(page, '#tools'), title = await box(page, '#article h1.title');
  console.log('toolbar height at 1280 px: ' + tools.height + ' px');
  check('the toolbar is one compact row at 1280 px', tools.height <= 48, tools.height);
  check('Clean up leaves the title below the toolbar', title.top >= tools.bottom, { title, tools });
  check('the Email button shows (SMTP is configured)', await page.isVisible('#email-open'));
  const labels = await page.evaluate(() => Array.from(document.querySelectorAll('#article .block'))
    .filter((b) => b.hasAttribute('aria-label')).length);
  check('blocks are named by their text, not a label', labels === 0, labels);
  await axe(page, 'the article');
}

// selecting, double-clicking, Enter: nothing goes; the × and Delete do
async function deleting(page) {
  const count = () => page.locator('#article .block').count();
  const n0 = await count();
  const b2 = page.locator('#article .block[data-id="b2"]');
  const r = await b2.boundingBox();
  await page.mouse.move(r.x + 40, r.y + 8);
  await page.mouse.down();
  await page.mouse.move(r.x + r.width * 0.6, r.y + r.height / 2, { steps: 8 });
  await page.mouse.up();
  const sel = await page.evaluate(() => window.getSelection().toString());
  const b2text = (await b2.textContent()).replace(/\s+/g, ' ');
  check('a drag selects text and removes nothing', (await count()) === n0 && sel.length > 20 &&
        b2text.includes(sel.replace(/\s+/g, ' ').trim().slice(0, 20)), sel);
  const copied = await page.evaluate(() => {
    let got = null;
    document.addEventListener('copy', (e) => { got = window.getSelection().toString(); }, { once: true });
    document.execCommand('copy');
    return got;
  });
  check('copying the selection works and keeps it', copied === sel && (await count()) === n0, copied);
  await b2.dblclick({ position: { x: 60, y: 10 } });
  check('a double-click selects a word and removes nothing', (await count()) === n0 &&
        (await page.evaluate(() => window.getSelection().toString().trim().length)) > 0);
  await b2.click({ position: { x: 30, y: 10 } });
  check('a click removes nothing', (await count()) === n0);
  await page.focus('#article .block[data-id="b3"]');
  await page.keyboard.press('Enter');
  check('Enter removes nothing', (await count()) === n0);

  const target = '#article .block[data-id="b4"]';
  const gone = (await page.textContent(target)).slice(0, 40);
  await page.hover(target);
  check('the × shows on the block under the pointer', await page.isVisible('#del') &&
        (await page.getAttribute('#del', 'aria-label')).startsWith('Remove: '));
  const hoverRing = await page.$eval(target, (e) => getComputedStyle(e).outlineStyle);
  await page.click('#del');
  check('the × removes the block', (await page.locator(target).count()) === 0 && (await count()) === n0 - 1);
  await page.click('#undo');
  check('undo brings it back', (await page.locator(target).count()) === 1);
  // keyboard: Tab from a block reaches its ×; Delete on a block removes it
  await page.focus('#article .block[data-id="b4"]');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const ring = await page.$eval('#article .block[data-id="b5"]', (e) => {
    const s = getComputedStyle(e);
    return s.outlineStyle + ' ' + s.outlineWidth;
  });
  check('focus is a visible ring, distinct from hover', ring.startsWith('solid') && parseFloat(ring.split(' ')[1]) >= 2 &&
        hoverRing === 'none', { ring, hoverRing });
  await page.keyboard.press('Tab');
  check('Tab goes from a block to its ×', await page.evaluate(() => document.activeElement.id) === 'del');
  await page.keyboard.press('Enter');
  check('Enter on the × removes the block, focus goes on',
        (await page.locator('#article .block[data-id="b5"]').count()) === 0 &&
        await page.evaluate(() => document.activeElement.dataset.id) === 'b6');
  await page.click('#undo');
  await page.focus('#article .block[data-id="b9"]');
  await page.keyboard.press('Delete');
  check('Delete removes the focused block', (await page.locator('#article .block[data-id="b9"]').count()) === 0);
  await page.click('#undo');
  await page.hover(target);
  await page.click('#del');
  return gone; // b4 stays deleted, for the PDF
}

async function layoutChoices(page) {
  await page.click('.ts[data-size="5"]');
  check('text size 5', (await page.getAttribute('#article', 'class')).includes('ts-5'));
  await page.click('.ts[data-size="3"]');
  await page.selectOption('#images', 'small');
  check('image size small', (await page.getAttribute('#article', 'class')).includes('img-small'));
  await page.selectOption('#images', 'full');
  await page.selectOption('#font', 'sans');
  check('font sans', (await page.getAttribute('#article', 'class')).includes('font-sans'));
  await page.selectOption('#font', 'serif');
  const what = await page.$eval('#cuts', (e) => document.getElementById(e.getAttribute('aria-describedby')).textContent);
  check("the editor's cuts box says what ticking it does", /left out/.test(what), what);
}

async function whoSaidWhat(page) {
  await page.check('#wsw');
  await page.waitForSelector('#panel:not([hidden]) #claims li');
  const claims = await page.textContent('#claims');
  check('claims read as sentences', claims.includes('Western states hold ISIS-K responsible') &&
        claims.includes('Alexander Bortnikov holds United States, United Kingdom and Ukraine responsible') &&
        !/accuses|accuse\b/.test(claims), claims.slice(0, 400));
  const speakers = await page.textContent('#speakers');
  check('speakers with roles', speakers.includes('Alastair Crooke') && speakers.includes('Conflicts Forum'));
  check('a role without a stray first word', speakers.includes('Russian expert') && !speakers.includes('For Russian expert'));
  check('a role never repeats the name', !speakers.includes('spokesman for the United States, spokesman') &&
        !speakers.includes('(spokesman for the United States)'));
  const quotes = await page.$$eval('#speakers li button', (bs) => bs.map((b) => b.textContent));
  const find = (s) => quotes.find((q) => q.includes(s)) || '';
  check('a paraphrase is not in quotation marks', !/[“”"]/.test(find('carried out by Islamist terrorists')), find('carried out by Islamist'));
  check('a direct quote is', find('We will get to those').includes('“We will get to those'), find('We will get'));
  check('a mixed quote marks only its quoted words', /^[^“”]*this intervention was[^“”]*“without the approval of his boss”$/.test(find('this intervention').replace(/^[^:]*: /, '')), find('this intervention'));
  check('no doubled quotation marks', !quotes.some((q) => /““|””|"“|”"/.test(q)), quotes.filter((q) => /““|””/.test(q)));
  check('dates for humans', speakers.includes('2 April') && !speakers.includes('--04-02'));
  // the page's own wording of what the founding article lacks (its functions are the page's globals)
  const words = await page.evaluate(() => [
    claimSentence({ claimant: 'ISIS-K', accused: ['ISIS-K'], polarity: 'accuse', event: 'attack' }),
    claimSentence({ claimant: 'Kyiv', accused: ['Ukraine'], polarity: 'deny', event: null }),
    humanDate('2024-03-22T18:00:00Z'), cleanRole('According to spokesman', 'X'), quoteText({ kind: 'direct', text: '“He said “no” twice”' }),
    byline('By Jane Roe')]);
  check('a self-claim, a denial, a full date, a role, nested marks, a byline', JSON.stringify(words) === JSON.stringify([
    'ISIS-K claims responsibility for the attack.', 'Kyiv says Ukraine was not responsible.', '22 March 2024',
    'spokesman', '“He said ‘no’ twice”', 'By Jane Roe']), words);
  const marks = await page.locator('#article mark.q').count();
  check('quotes highlighted', marks >= 8, marks);
  const tools = await box(page, '#tools'), head = await box(page, '#panel-title');
  check('the panel heading is below the toolbar', head.top >= tools.bottom, { head, tools });
  await page.evaluate(() => window.scrollTo(0, 300));
  await waitUntil(() => page.evaluate(() => window.scrollY > 0), 2000);
  const head2 = await box(page, '#panel-title'), tools2 = await box(page, '#tools');
  check('scrolled, the sticky panel heading stays below the toolbar', head2.top >= tools2.bottom, { head2, tools2 });
  await page.evaluate(() => window.scrollTo(0, 0));
  // keyboard focus on a quote button of the panel: a visible ring
  await page.focus('#speakers li button');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const e = document.activeElement, s = getComputedStyle(e);
    return e.closest('#speakers') ? s.outlineStyle + ' ' + s.outlineWidth : 'not in the panel';
  });
  check('the panel quote buttons have a focus ring', ring.startsWith('solid') && parseFloat(ring.split(' ')[1]) >= 2, ring);
  await axe(page, 'the panel open');
}

// print from the page: the appendix and the article's language, as the PDF
async function print(page) {
  await page.emulateMedia({ media: 'print' });
  const st = await page.evaluate(() => ({
    appendix: getComputedStyle(document.getElementById('appendix')).display,
    panel: getComputedStyle(document.getElementById('panel')).display,
    hyphens: getComputedStyle(document.getElementById('article')).hyphens,
  }));
  check('print: the appendix shows, the panel and tools do not', st.appendix === 'block' && st.panel === 'none', st);
  check('print: hyphens auto', st.hyphens === 'auto', st);
  // the PDF of what the browser prints: print media while it is made (with
  // 'screen' set, Chromium draws the screen layout, whose scrolled panel
  // may hide the claims: the check failed now and then that way)
  const out = path.join(tmp, 'printed.pdf');
  await page.pdf({ path: out });
  await page.emulateMedia({ media: 'screen' });
  return execFileSync('pdftotext', [out, '-']).toString().replace(/\s+/g, ' ');
}

async function failedLoad(page) {
  const title = await page.textContent('#article h1.title');
  await page.fill('#url', 'http://127.0.0.1:9/not-there');
  await page.click('#go');
  await page.waitForSelector('#status.error');
  check('a failed load says so and keeps the old article', (await page.textContent('#article h1.title')) === title &&
        (await page.textContent('#status')).includes('Still showing'), await page.textContent('#status'));
}

async function pdfAndPrint(page, gone) {
  let body = '';
  page.on('request', (r) => { if (r.url().endsWith('/api/pdf')) body = r.postData() || ''; });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#pdf')]);
  const pdf = path.join(tmp, 'page.pdf');
  await dl.saveAs(pdf);
  check('after the failed load, PDF asks for the old article', body.includes('Crocus') && !body.includes('not-there'), body.slice(0, 120));
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  const flat = text.replace(/\s+/g, ' ');
  check('the PDF has the article', text.includes('Crocus'));
  check('the deleted paragraph is not in the PDF', !flat.includes(gone.replace(/\s+/g, ' ').slice(0, 30)), gone);
  check('the PDF has the who-said-what appendix', text.includes('Who said what'));
  const [edl] = await Promise.all([page.waitForEvent('download'), page.click('#epub')]);
  const epub = path.join(tmp, 'page.epub');
  await edl.saveAs(epub);
  const head = fs.readFileSync(epub).subarray(0, 58).toString('latin1');
  check('EPUB downloads a book (zip, mimetype first)', edl.suggestedFilename().endsWith('.epub') &&
        head.startsWith('PK') && head.includes('mimetypeapplication/epub+zip'), edl.suggestedFilename());
  const printed = await print(page);
  const names = ['Who said what', 'Alastair Crooke', 'Alexander Bortnikov', 'Gilbert Doctorow'];
  check('print from the page has the same appendix as the PDF', names.every((n) => printed.includes(n) && flat.includes(n)) &&
        printed.includes('Responsibility claims') && printed.includes('Western states'),
        { notPrinted: names.concat(['Responsibility claims', 'Western states']).filter((n) => !printed.includes(n)),
          notInPdf: names.filter((n) => !flat.includes(n)),
          // what pdftotext made of the heading (it failed once without it)
          near: printed.slice(Math.max(0, printed.search(/Responsib|RESPONSIB/) - 40)).slice(0, 160) });
  check('print from the page leaves out the toolbar and the panel', !/Article URL|Clean up/.test(printed), printed.slice(0, 160));
  check('print from the page leaves out the deleted paragraph', !printed.includes(gone.replace(/\s+/g, ' ').slice(0, 30)));
}

async function email(page, spool) {
  await page.click('#email-open');
  await page.fill('#to', 'friend@example.com');
  await page.fill('#subject', 'Who is behind Crocus');
  await page.fill('#note', 'Sent from the page.');
  const kinds = await page.$$eval('#attach input', (is) => is.map((i) => i.value));
  check('attachment choice: PDF, HTML or none', ['pdf', 'html', 'none'].every((k) => kinds.includes(k)), kinds);
  await page.check('#attach-html');
  await page.focus('#note');
  await page.keyboard.press('Escape');
  check('Escape closes the email form, focus back on Email', !(await page.isVisible('#email')) &&
        await page.evaluate(() => document.activeElement.id) === 'email-open');
  await page.click('#email-open');
  check('opened again, it keeps what was typed', (await page.inputValue('#subject')) === 'Who is behind Crocus');
  await page.click('#send');
  await page.waitForFunction(() => /Sent to|Not sent/.test(document.getElementById('status').textContent), null, { timeout: scaled(60000) });
  check('the page says sent', (await page.textContent('#status')).startsWith('Sent to'), await page.textContent('#status'));
  const arrived = () => (fs.existsSync(spool) ? fs.readdirSync(spool).filter((f) => f.endsWith('.eml')) : []);
  await waitUntil(() => arrived().length > 0, 10000);
  const msgs = arrived();
  check('the message arrived at the SMTP server', msgs.length === 1, msgs);
  if (msgs.length) {
    const raw = fs.readFileSync(path.join(spool, msgs[0]), 'utf8');
    check('it has the subject, the note and an HTML attachment', /^Subject: Who is behind Crocus/m.test(raw) &&
          raw.includes('Sent from the page.') && /Content-Type: text\/html[^]*attachment/i.test(raw) &&
          !raw.includes('application/pdf'));
  }
}

async function codeAndTables(page) {
  // dropped as a file while scrolled down: the new title shows, not under the toolbar
  const html = fs.readFileSync(path.join(repo, 'tests/e2e/fixtures/code-and-table.html'), 'utf8');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'story.html', { type: 'text/html' }));
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, html);
  await page.waitForSelector('#article pre');
  const tools = await box(page, '#tools'), title = await box(page, '#article h1.title');
  check('a load while scrolled down shows the title below the toolbar', title.top >= tools.bottom &&
        title.bottom <= await page.evaluate(() => window.innerHeight), { title, tools });
  const pre = await page.$eval('#article pre', (e) => ({ text: e.textContent, ws: getComputedStyle(e).whiteSpace }));
  check('a code block keeps its lines and indentation', pre.text.includes('{\n    return 0;\n}') && pre.ws === 'pre', pre);
  const t = await page.$eval('#article table', (e) => ({
    th: e.querySelectorAll('thead th[scope=col]').length, td: e.querySelectorAll('tbody td').length,
    border: getComputedStyle(e.querySelector('td')).borderTopStyle,
  }));
  check('a table has header cells and a grid', t.th === 3 && t.td === 6 && t.border === 'solid', t);
}

async function noMailServer(browser, plain) {
  const page = await browser.newPage();
  await page.goto('http://127.0.0.1:' + plain + '/');
  await paste(page, 'A short article about nothing in particular. It has two sentences and a few more words to be kept.');
  await page.waitForSelector('#article h1.title');
  check('no Email button when the server has no SMTP', await page.isVisible('#pdf') && !(await page.isVisible('#email-open')));
  await page.close();
}

async function phone(browser, base) {
  const ctx = await newContext(browser, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 1 });
  const page = await ctx.newPage();
  await page.goto(base);
  await paste(page, fs.readFileSync(path.join(repo, 'examples/crocus-article.txt'), 'utf8'));
  await page.waitForSelector('#article h1.title');
  const h = (await box(page, '#tools')).height;
  console.log('toolbar height at 390 px: ' + h + ' px');
  check('the toolbar is compact on a phone and does not stay over the article', h <= 100 &&
        await page.$eval('#tools', (e) => getComputedStyle(e).position) !== 'sticky', h);
  await page.check('#wsw');
  await page.waitForSelector('#panel:not([hidden]) #claims li');
  check('no sideways scrolling on a phone', await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  // a tap on a block: the × shows, no hover tint stays behind
  const b = '#article .block[data-id="b3"]';
  await page.tap(b);
  const bg = await page.$eval(b, (e) => getComputedStyle(e).backgroundColor);
  check('a tap leaves no hover tint, and shows the ×', bg === 'rgba(0, 0, 0, 0)' && await page.isVisible('#del'), bg);
  await page.tap('#del');
  check('tapping the × removes the block', (await page.locator(b).count()) === 0);
  await page.tap('#undo');
  const undo = await page.evaluate(() => ({ hover: matchMedia('(hover: hover)').matches,
    bg: getComputedStyle(document.getElementById('undo')).backgroundColor }));
  check('a tapped button keeps no hover colour', !undo.hover && undo.bg === 'rgb(247, 247, 247)', undo);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'page-phone.png');
  await axe(page, 'the phone width');
  await ctx.close();
}

// the bookmarklet, pressed on a page of a local http.server: its address
// (presscut fetches it), then its HTML as the reader sees it
async function bookmarklet(context, page, sitePort) {
  for (const [id, html] of [['#bm-url', false], ['#bm-html', true]]) {
    const href = await page.getAttribute(id, 'href');
    check('the bookmarklet ' + id + ' is a javascript: link', href.startsWith('javascript:'));
    const site = await context.newPage();
    await site.goto('http://127.0.0.1:' + sitePort + '/story.html');
    // what only the reader's browser has (a page behind a login)
    await site.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Only subscribers who are logged in can read this paragraph about the vote and its counting.';
      document.querySelector('article').appendChild(p);
    });
    let resp = null;
    const seen = (r) => { if (r.url().endsWith('/send')) resp = r; };
    context.on('response', seen);
    const [tab] = await Promise.all([context.waitForEvent('page'),
      site.evaluate((code) => { (0, eval)(code); }, decodeURIComponent(href.slice('javascript:'.length)))]);
    await tab.waitForSelector('#article h1.title');
    const text = await tab.textContent('#article');
    check('the bookmarklet (' + (html ? 'HTML' : 'URL') + ') opens presscut with that article',
          (await tab.textContent('#article h1.title')).includes('Code and numbers') && text.includes('South'), text.slice(0, 100));
    check('… ' + (html ? 'with what the reader sees' : 'fetched by presscut'), text.includes('Only subscribers') === html);
    check('… the tab shows the page\'s own address, its URL field the article\'s', /\/$/.test(tab.url()) &&
          (await tab.inputValue('#url')).endsWith('/story.html'), tab.url());
    context.off('response', seen);
    check('… under the same strict CSP', resp && resp.status() === 200 &&
          /script-src 'self';/.test(resp.headers()['content-security-policy'] || ''));
    await tab.close();
    await site.close();
  }
}

async function main() {
  const { port, plain, sitePort, spool } = await start();
  const base = 'http://127.0.0.1:' + port + '/';
  const browser = await launch(chromium);
  const context = await newContext(browser, { acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/status of (403|502|400)/.test(m.text())) errors.push(m.text()); });
  await page.goto(base);
  await emptyPage(page);
  await article(page);
  const gone = await deleting(page);
  await layoutChoices(page);
  await whoSaidWhat(page);
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.hover('#article .block[data-id="b2"]');
  await shot(page, 'page-desktop.png');
  await failedLoad(page);
  await pdfAndPrint(page, gone);
  await email(page, spool);
  await codeAndTables(page);
  await bookmarklet(context, page, sitePort);
  await noMailServer(browser, plain);
  await phone(browser, base);
  // labels for screen readers
  const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
  check('every control has a label', unlabelled.length === 0, unlabelled);
  check('no script errors on the page', errors.length === 0, errors);
  await browser.close();
}

run(main);
