// archive.mjs PRESSCUT REPO OUTDIR - the archive view of `serve --db` in a
// real headless Chromium (Debian's, driven by playwright-core).
//
// An archive made with `presscut index` (the founding article and three
// hand-made articles with claims): search the quotes, open a speaker (the
// bars of quotes by month, claims made), the timeline of claims about the
// attack (oldest first, links to the articles), the accusation network
// drawn as SVG (nodes sized by mentions, opened from the keyboard), then
// on the main page clean an article, delete a paragraph and "Save to
// archive": the archive then has its quote and not the deleted one.
// Without --db the main page shows no archive link or button.  No script
// error and no CSP violation on any page.  Screenshots go to OUTDIR
// (archive-*.png; docs/img/ holds the README's copies).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, launch, loadPackages, newContext, run, scaled, servePort, tempDir } from './harness.mjs';

const [presscut, repo, outdir] = process.argv.slice(2);
const [{ chromium }] = loadPackages(['playwright-core']);
const tmp = tempDir('pc-e2e-archive-');
fs.mkdirSync(outdir, { recursive: true });

const PAGE = (a) => `<!doctype html><html><head><title>${a.title}</title>
<link rel="canonical" href="${a.url}">
<meta property="article:published_time" content="${a.date}T10:00:00Z">
</head><body><article><h1>${a.title}</h1>
${a.body}
</article></body></html>
`;
const ARTICLES = [
  { title: 'Kremlin blames Kyiv for concert hall attack', url: 'https://news.example/world/h1', date: '2024-03-23',
    body: `<p>Russian President Vladimir Putin said on Saturday that the gunmen had tried to flee towards Ukraine after the attack on the concert hall near Moscow.</p>
<p>"All four direct perpetrators of the terrorist attack have been found and detained," Putin said in a televised address to the nation.</p>
<p>The Kremlin accused Ukraine of organising the attack, an accusation Kyiv denied.</p>` },
  { title: 'Moscow attack: the investigation widens', url: 'https://other.example/news/h2', date: '2024-04-28',
    body: `<p>"We will get to those who masterminded this crime," President Putin told officials at a meeting in the Kremlin on Wednesday.</p>
<p>Islamic State claimed responsibility for the attack in a statement on its Telegram channel.</p>` },
  { title: 'Putin vows revenge', url: 'https://third.example/h3', date: '2024-05-05',
    body: `<p>"Those who ordered this atrocity will be punished," Russian President Vladimir Putin said in Moscow on Friday.</p>
<p>Russia accused the United States of backing the attack, which Washington denied.</p>` },
];
const SAVED = PAGE({ title: "Kyiv rejects the Kremlin's claims", url: 'https://saved.example/k1', date: '2024-06-02',
  body: `<p>"Ukraine had nothing to do with the concert hall attack," Ukrainian President Volodymyr Zelensky said on Sunday.</p>
<p>"This paragraph goes before the article is saved," Zelensky added in a later interview.</p>
<p>The Kremlin again accused Ukraine of organising the attack.</p>` });

function makeArchive() {
  const fx = path.join(tmp, 'fx');
  fs.mkdirSync(fx);
  ARTICLES.forEach((a, i) => fs.writeFileSync(path.join(fx, `h${i + 1}.html`), PAGE(a)));
  const db = path.join(tmp, 'archive.db');
  execFileSync(presscut, ['index', '--quiet', '--db', db, '--date', '2024-04-10',
                          path.join(repo, 'examples/crocus-article.txt'), fx], { timeout: scaled(120000) });
  return db;
}

async function serve(args) {
  return 'http://127.0.0.1:' + await servePort(presscut, ['--access-log', 'off', ...args]) + '/';
}

async function newPage(context, errors) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return page;
}

async function searchAndSpeaker(page, base) {
  await page.goto(base + 'archive');
  check('the archive page loads', (await page.title()).includes('presscut archive'));
  await page.fill('#s-q', 'attack');
  await page.press('#s-q', 'Enter');
  // the view lists the newest quotes when it opens: wait (polled) for the
  // search's answer to replace them, then check it
  await page.waitForFunction(() => {
    const items = [...document.querySelectorAll('#search-results li.quote blockquote')];
    return items.length > 0 && items.every((b) => /attack/i.test(b.textContent));
  }).catch(() => {});
  const texts = await page.locator('#search-results li.quote blockquote').allTextContents();
  check('search: quotes with the word', texts.length >= 2 && texts.every((t) => /attack/i.test(t)), texts);
  check('search: the address keeps the query', (await page.evaluate(() => location.hash)).startsWith('#search?q=attack'));
  await page.screenshot({ path: path.join(outdir, 'archive-search.png') });

  // a quote's near duplicates: the quote itself among them (1.00)
  const first = texts[0];
  await page.locator('#search-results li.quote a.near').first().click();
  await page.waitForFunction(() => /near=/.test(location.hash) &&
    [...document.querySelectorAll('#search-results li.quote .similarity')].length > 0).catch(() => {});
  const sims = await page.locator('#search-results li.quote .similarity').allTextContents();
  const nearTexts = await page.locator('#search-results li.quote blockquote').allTextContents();
  // (a quote of over 300 characters is looked for by its first 300)
  check('near duplicates: the quote among them, each with its similarity',
        sims.length === nearTexts.length && nearTexts.some((t, i) => t === first &&
          (first.length > 300 || /1\.00/.test(sims[i]))), { first, sims, nearTexts });
  check('near duplicates: the form shows the text', (await page.inputValue('#s-near')).length > 0);
  await page.fill('#s-near', '');

  await page.fill('#s-q', '');
  await page.fill('#s-speaker', 'Putin');
  await page.click('#search-form button[type=submit]');
  // the near-duplicate list is still on screen: wait (polled) for the
  // speaker search's answer to replace it, then check it
  await page.waitForFunction(() => {
    const who = [...document.querySelectorAll('#search-results li.quote a.who')];
    return who.length > 0 && who.every((w) => /Putin/.test(w.textContent));
  }).catch(() => {});
  const who = await page.locator('#search-results li.quote a.who').allTextContents();
  check('search by speaker: only Putin', who.length >= 3 && who.every((w) => /Putin/.test(w)), who);
  await page.locator('#search-results li.quote a.who').first().click();
  await page.waitForSelector('#speaker:not([hidden]) #speaker-months svg rect.bar');
  check('speaker page: the name', /Putin/.test(await page.textContent('#speaker-name')));
  const bars = await page.locator('#speaker-months rect.bar').count();
  check('speaker page: quotes over time, a bar a month', bars >= 2, bars);
  const roles = await page.textContent('#speaker-facts');
  check('speaker page: roles', /President/.test(roles), roles);
  const made = await page.locator('#claims-made li.claim').count();
  check('speaker page: the claims made', made >= 1, made);
  check('speaker page: quotes listed', (await page.locator('#speaker-quotes li.quote').count()) >= 3);
  await page.screenshot({ path: path.join(outdir, 'archive-speaker.png'), fullPage: true });
}

async function timelineAndNetwork(page) {
  await page.click('#tab-timeline');
  await page.fill('#t-event', 'attack');
  await page.press('#t-event', 'Enter');
  await page.waitForSelector('#timeline-list li.claim');
  const dates = (await page.locator('#timeline-list li.claim .date').allTextContents()).filter((d) => /^\d{4}/.test(d));
  check('timeline: claims oldest first', dates.length >= 3 && dates.join() === [...dates].sort().join(), dates);
  const hrefs = await page.locator('#timeline-list li.claim .source a').evaluateAll((as) => as.map((a) => a.href));
  check('timeline: links to the articles and their quotes',
        hrefs.some((h) => h.startsWith('https://news.example/world/h1')) && hrefs.some((h) => h.includes('#:~:text=')), hrefs);
  const who = await page.textContent('#timeline-list');
  check('timeline: who accused whom', /Kremlin|Russia/.test(who) && /Ukraine/.test(who) && /accuses/.test(who));
  await page.screenshot({ path: path.join(outdir, 'archive-timeline.png'), fullPage: true });

  await page.click('#tab-network');
  await page.click('#network-form button[type=submit]');
  await page.waitForSelector('#network-svg svg.graph g.node');
  const api = await page.evaluate(async () => (await fetch('api/archive/network')).json());
  const nodes = await page.locator('#network-svg g.node').count();
  const edges = await page.locator('#network-svg .edge').count();
  check('network: a circle a name, a line an accusation', nodes === api.nodes.length && edges === api.edges.length && edges >= 4,
        { nodes, edges, api: [api.nodes.length, api.edges.length] });
  const radii = await page.locator('#network-svg g.node circle').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('r'))));
  const byName = {};
  api.nodes.forEach((n, i) => { byName[n.name] = { m: n.mentions, r: radii[i] }; });
  const big = api.nodes.reduce((a, b) => (b.mentions > a.mentions ? b : a));
  const small = api.nodes.reduce((a, b) => (b.mentions < a.mentions ? b : a));
  check('network: nodes sized by mentions', big.mentions > small.mentions && byName[big.name].r > byName[small.name].r,
        { big, small });
  const inside = await page.evaluate(() => {
    const s = document.querySelector('#network-svg svg').viewBox.baseVal;
    return [...document.querySelectorAll('#network-svg circle')].every((c) =>
      c.cx.baseVal.value >= 0 && c.cx.baseVal.value <= s.width && c.cy.baseVal.value >= 0 && c.cy.baseVal.value <= s.height);
  });
  check('network: every node inside the drawing', inside);
  check('network: the table says the same', (await page.locator('#network-table tbody tr').count()) === api.edges.length);
  await page.screenshot({ path: path.join(outdir, 'archive-network.png'), fullPage: true });
  // the keyboard: a node takes the focus and Enter opens its speaker page
  await page.focus('#network-svg g.node');
  const name = await page.evaluate(() => document.activeElement.dataset.name);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => location.hash.startsWith('#speaker?'));
  check('network: Enter on a node opens it', decodeURIComponent(await page.evaluate(() => location.hash)).includes(name), name);
  const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll('input, select, textarea'))
    .filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
  check('archive view: every control has a label', unlabelled.length === 0, unlabelled);
  // a phone-sized screen: no sideways scrolling in any view
  await page.setViewportSize({ width: 390, height: 844 });
  const wide = [];
  for (const view of ['#search?q=attack', '#speaker?name=Putin', '#timeline?event=attack', '#network']) {
    await page.evaluate((h) => { location.hash = h; }, view);
    await page.waitForFunction(() => !/…/.test([...document.querySelectorAll('.status')].map((e) => e.textContent).join('')));
    if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)) wide.push(view);
  }
  check('a phone-sized screen: no sideways scrolling', wide.length === 0, wide);
  await page.screenshot({ path: path.join(outdir, 'archive-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });
  // a focus ring on the keyboard's focus
  await page.click('#tab-search');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  check('archive view: a visible focus ring', ring && ring !== 'none', ring);
}

async function saveFromMainPage(page, base) {
  await page.goto(base);
  await page.waitForSelector('#archive-link');
  check('main page: a link to the archive', (await page.getAttribute('#archive-link', 'href')) === 'archive');
  await page.click('#paste-box summary');
  await page.fill('#paste', SAVED);
  await page.click('#use-paste');
  await page.waitForSelector('#article h1.title');
  const target = page.locator('#article .block', { hasText: 'goes before the article is saved' });
  check('main page: the paragraph to delete', (await target.count()) === 1);
  await target.focus(); // the page removes a block by its × or the Delete key
  await page.keyboard.press('Delete');
  check('main page: deleted', (await page.locator('#article .block', { hasText: 'goes before' }).count()) === 0);
  await page.click('#archive-save');
  await page.waitForFunction(() => /Saved|Not saved|already/.test(document.getElementById('archive-save-status').textContent),
                             null, { timeout: scaled(60000) });
  const said = await page.textContent('#archive-save-status');
  check('main page: "Save to archive" saves', /^Saved to the archive/.test(said), said);
  await page.screenshot({ path: path.join(outdir, 'archive-save.png') });
  const found = await page.evaluate(async () => (await fetch('api/archive/search?q=%22nothing+to+do%22')).json());
  check('the saved article is in the archive', found.quotes.some((q) => q.url === 'https://saved.example/k1'), found);
  const gone = await page.evaluate(async () => (await fetch('api/archive/search?q=goes+before+saved')).json());
  check('the deleted paragraph is not', gone.quotes.length === 0, gone);
  await page.click('#archive-save');
  await page.waitForFunction(() => /already|Not saved/.test(document.getElementById('archive-save-status').textContent));
  check('saved twice: the archive has it already',
        /has this article already/.test(await page.textContent('#archive-save-status')));
}

async function main() {
  const db = makeArchive();
  const base = await serve(['--db', db]);
  const plain = await serve([]);
  const browser = await launch(chromium);
  const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
  const errors = [];
  const page = await newPage(context, errors);
  await searchAndSpeaker(page, base);
  await timelineAndNetwork(page);
  await saveFromMainPage(page, base);
  check('no script error, no CSP violation (with --db)', errors.length === 0, errors);

  const errors2 = [];
  const p2 = await newPage(context, errors2);
  const asked = [];
  p2.on('request', (r) => asked.push(r.url()));
  await p2.goto(plain);
  await p2.waitForFunction(() => document.readyState === 'complete');
  check('without --db: the page asks nothing of the archive', !asked.some((u) => u.includes('api/archive')), asked);
  check('without --db: no archive link or button',
        (await p2.locator('#archive-link').count()) === 0 && (await p2.locator('#archive-save').count()) === 0);
  check('without --db: no script error', errors2.length === 0, errors2);
  const noView = await p2.evaluate(async () => (await fetch('archive')).status);
  check('without --db: no archive view', noView === 404, noView);
  await browser.close();
}

run(main);
