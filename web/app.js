// presscut serve: the page.  Everything shown comes from the server's JSON
// (the document model) and is put on the page as DOM text nodes: nothing
// from the cleaned-up page is ever parsed as HTML here.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  input: null,      // {url} or {html, base_url} or {text}: what doc came from
  doc: null,        // /api/extract
  quotes: null,     // /api/quotes
  deleted: [],      // block ids, in the order removed (undo pops)
  textSize: 3,
  images: 'full',
  font: 'serif',
  pageSize: 'a4',
  cut: false,
  wsw: false,
  attach: 'pdf',
  current: null,    // the block the × button is on
  loading: 0,       // number of the latest load (older answers are dropped)
};
const PALETTE = ['#fde68a', '#bfdbfe', '#bbf7d0', '#fecaca', '#ddd6fe',
                 '#fed7aa', '#a5f3fc', '#f5d0fe', '#d9f99d', '#e5e7eb'];
// What /api/mail can attach ("attach"); a new format is one more line.
const ATTACHMENTS = [
  { value: 'pdf', label: 'PDF' },
  { value: 'epub', label: 'EPUB (e-readers, Kindle)' },
  { value: 'html', label: 'HTML' },
  { value: 'none', label: 'None' },
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July',
                'August', 'September', 'October', 'November', 'December'];
// the bookmarklet sends at most this much HTML (the form is URL-encoded,
// up to three bytes a character, and the server takes 10 MiB by default)
const BOOKMARKLET_MAX_HTML = 1500000;
const meta = (name) => {
  const m = document.querySelector('meta[name="' + name + '"]');
  return m ? m.content : '';
};
const token = meta('pc-token');

function status(msg, error) {
  const s = $('status');
  s.textContent = msg || '';
  s.classList.toggle('error', !!error);
}

// Paths are relative to the page ('api/extract', 'img?u='), so that the
// page works at / and under a base path (presscut serve --base-path
// /presscut/, behind a reverse proxy).
async function api(path, body, asBlob) {
  const headers = { 'Content-Type': 'application/json' };
  if (path === 'api/mail') headers['X-Presscut-Token'] = token;
  const r = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!r.ok) {
    let msg = r.status + ' ' + r.statusText;
    try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
    throw new Error(msg);
  }
  return asBlob ? r.blob() : r.json();
}

function request(extra) {
  return Object.assign({}, state.input, {
    cut: state.cut,
    delete: state.deleted.join(','),
  }, extra || {});
}

// the article as the page has it, for archive-save.js (serve --db)
window.presscutArticle = () => (state.input ? request() : null);

// the layout choices, as /api/pdf and /api/mail take them
function layout() {
  return {
    text_size: state.textSize,
    images: state.images,
    font: state.font,
    page_size: state.pageSize,
    who_said_what: state.wsw,
  };
}

/*** words for humans *******************************************************/

// "2024-03-22T10:00:00Z" -> "22 March 2024", "--04-02" -> "2 April"
function humanDate(iso) {
  if (typeof iso !== 'string') return '';
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (m) return Number(m[3]) + ' ' + MONTHS[Number(m[2]) - 1] + ' ' + m[1];
  m = /^--(\d{2})-(\d{2})$/.exec(iso);
  if (m) return Number(m[2]) + ' ' + MONTHS[Number(m[1]) - 1];
  m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) return MONTHS[Number(m[2]) - 1] + ' ' + m[1];
  return iso;
}

function listJoin(items) {
  if (items.length < 2) return items.join('');
  return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
}

const STRAY = /^(?:for|to|in|by|as|from|of|with|according to|said|says)\s+/i;
// A role as a reader wants it: not the name again, no stray first word
// ("For Russian expert" -> "Russian expert").
function cleanRole(role, name) {
  if (typeof role !== 'string') return '';
  let r = role.trim();
  while (STRAY.test(r)) r = r.replace(STRAY, '');
  if (!r || (name && r.toLowerCase() === name.toLowerCase())) return '';
  return r;
}

// The role shown once for a speaker: the one most of their quotes give.
function speakerRole(name, quotes) {
  const n = new Map();
  quotes.forEach((q) => {
    const r = cleanRole(q.role, name);
    if (r) n.set(r, (n.get(r) || 0) + 1);
  });
  let best = '', most = 0;
  n.forEach((c, r) => { if (c > most) { best = r; most = c; } });
  return best;
}

// What was said, with quotation marks only around quoted words: a direct
// quote in marks (its own inner marks made single, never doubled), a
// mixed one as the article has it (its quoted words already in marks), a
// paraphrase without any.
function quoteText(q) {
  const t = (q.text || '').trim();
  if (q.kind !== 'direct') return t;
  const inner = t.replace(/^[“"«„]+|[”"»“]+$/g, '');
  return '“' + inner.replace(/[“«„]/g, '‘').replace(/[”»]/g, '’') + '”';
}

const KIND = { direct: 'said', mixed: 'partly quoted', indirect: 'reported' };

function isPlural(name) {
  const ents = (state.quotes && state.quotes.entities) || [];
  const e = ents.find((x) => x.name === name);
  if (e && e.type !== 'group') return false;
  const last = name.trim().split(/\s+/).pop() || '';
  if (/^[a-z]+s$/.test(last) && !/ss$/.test(last)) return true; // "Western states"
  return /^[A-Z][a-z]+(?:ans|ians|ers)$/.test(last);             // "Russians"
}

function capital(s) { return s ? s[0].toUpperCase() + s.slice(1) : s; }

// A claim as a sentence: "Western states hold ISIS-K responsible", a
// self-claim "X claims responsibility", a denial "X says Y was not
// responsible".
function claimSentence(c) {
  const who = c.claimant || 'Someone';
  const acc = (c.accused || []).filter((a) => a);
  const pl = isPlural(who);
  const self = acc.length === 0 || acc.includes(who);
  const ev = c.event ? (/^[a-z]/.test(c.event) ? ' for the ' : ' for ') + c.event : '';
  const v = (one, many) => (pl ? many : one);
  let s;
  if (c.polarity === 'deny') {
    s = self ? who + ' ' + v('denies', 'deny') + ' responsibility' + ev
      : who + ' ' + v('says', 'say') + ' ' + listJoin(acc) + ' ' +
        (acc.length > 1 || isPlural(acc[0]) ? 'were' : 'was') + ' not responsible' + ev;
  } else {
    s = self ? who + ' ' + v('claims', 'claim') + ' responsibility' + ev
      : who + ' ' + v('holds', 'hold') + ' ' + listJoin(acc) + ' responsible' + ev;
  }
  return capital(s) + '.';
}

function byline(b) {
  return b ? 'By ' + b.replace(/^\s*by\s+/i, '') : ''; // AP bylines carry their own "By"
}

/*** loading ****************************************************************/

// Loads input; the page changes only when it worked: on failure the old
// article stays, with its own input behind PDF and Email.
async function load(input) {
  const n = ++state.loading;
  status('Cleaning up…');
  try {
    const doc = await api('api/extract', input);
    const quotes = state.wsw ? await api('api/quotes', input) : null;
    if (n !== state.loading) return; // a newer load is on its way
    Object.assign(state, { input, doc, quotes, deleted: [], current: null });
    $('tools').hidden = false;
    $('hint').hidden = false;
    $('email-open').hidden = meta('pc-mail') !== '1';
    $('paste-box').open = false;
    $('subject').placeholder = doc.title || "the article's title";
    render();
    status('Ready: ' + (doc.title || 'untitled') + ' (' + doc.word_count + ' words).');
    showArticle();
  } catch (e) {
    if (n !== state.loading) return;
    const still = state.doc ? ' Still showing: ' + (state.doc.title || 'untitled') + '.' : '';
    status('Could not clean up this article: ' + e.message.replace(/\.$/, '') + '.' + still, true);
  }
}

// Focus on the article without scrolling its title under the toolbar.
function showArticle() {
  const art = $('article');
  art.focus({ preventScroll: true });
  const top = art.getBoundingClientRect().top;
  if (top < toolsHeight() || top > window.innerHeight) art.scrollIntoView({ block: 'start' });
}

function toolsHeight() {
  const t = $('tools');
  return t.hidden || getComputedStyle(t).position !== 'sticky' ? 0 : t.offsetHeight;
}

async function loadQuotes() {
  if (state.quotes || !state.input) return;
  status('Finding who said what…');
  state.quotes = await api('api/quotes', state.input);
}

function safeHref(h) {
  return typeof h === 'string' && /^https?:\/\//i.test(h) ? h : null;
}

/*** the article ************************************************************/

// Text with links and, when on, quote highlights: both as code point
// ranges of the block's text.
function fillText(el, text, links, marks) {
  const cps = Array.from(text || '');
  const cuts = new Set([0, cps.length]);
  const ranges = [];
  (links || []).forEach((l) => {
    if (safeHref(l.href)) ranges.push({ s: l.start, e: l.end, link: l.href });
  });
  (marks || []).forEach((m) => ranges.push({ s: m.start, e: m.end, mark: m }));
  const clamp = (x) => Math.max(0, Math.min(cps.length, x));
  ranges.forEach((r) => { cuts.add(clamp(r.s)); cuts.add(clamp(r.e)); });
  const points = Array.from(cuts).sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    let node = document.createTextNode(cps.slice(a, b).join(''));
    const link = ranges.find((r) => r.link && r.s <= a && b <= r.e);
    const mark = ranges.filter((r) => r.mark && r.s <= a && b <= r.e).pop();
    if (link) {
      const an = document.createElement('a');
      an.href = link.link;
      an.rel = 'noopener noreferrer nofollow';
      an.target = '_blank';
      an.appendChild(node);
      node = an;
    }
    if (mark) {
      const mk = document.createElement('mark');
      mk.className = 'q';
      mk.dataset.q = mark.mark.q.id;
      mk.style.background = mark.mark.color;
      mk.title = (mark.mark.q.speaker || 'unknown speaker') + (mark.mark.q.cue ? ', ' + mark.mark.q.cue : '');
      mk.appendChild(node);
      node = mk;
    }
    el.appendChild(node);
  }
}

function speakerColors() {
  const colors = new Map();
  if (!state.quotes) return colors;
  state.quotes.quotes.forEach((q) => {
    const k = q.speaker || '(unknown)';
    if (!colors.has(k)) colors.set(k, PALETTE[colors.size % PALETTE.length]);
  });
  return colors;
}

function tableEl(b) {
  const el = document.createElement('table');
  const rows = Array.isArray(b.rows) ? b.rows : (b.text || '').split('\n').map((r) => r.split('\t'));
  rows.forEach((row, i) => {
    const tr = document.createElement('tr');
    row.forEach((cell) => {
      // the first row is the header when there are rows under it
      const c = document.createElement(i === 0 && rows.length > 1 ? 'th' : 'td');
      if (c.tagName === 'TH') c.scope = 'col';
      c.textContent = cell;
      tr.appendChild(c);
    });
    (i === 0 && rows.length > 1 ? el.createTHead() : (el.tBodies[0] || el.createTBody())).appendChild(tr);
  });
  return el;
}

function figureEl(b) {
  const el = document.createElement('figure');
  const src = safeHref(b.src);
  if (src) {
    const img = document.createElement('img');
    img.src = 'img?u=' + encodeURIComponent(src); // through the server
    img.alt = b.alt || '';
    img.loading = 'lazy';
    el.appendChild(img);
  }
  if (b.caption) {
    const fc = document.createElement('figcaption');
    fc.textContent = b.caption;
    el.appendChild(fc);
  }
  return el;
}

function blockEl(b, marks) {
  let el;
  switch (b.type) {
    case 'heading':
      el = document.createElement('h' + Math.min(6, Math.max(2, (b.level || 2))));
      fillText(el, b.text, b.links, marks);
      return el;
    case 'list':
      el = document.createElement(b.ordered ? 'ol' : 'ul');
      (b.items || []).forEach((it) => {
        const li = document.createElement('li');
        fillText(li, typeof it === 'string' ? it : it.text || '', it.links, null);
        el.appendChild(li);
      });
      return el;
    case 'figure': return figureEl(b);
    case 'rule': return document.createElement('hr');
    case 'preformatted':
    case 'pre':
      el = document.createElement('pre');
      el.textContent = b.text;
      return el;
    case 'table': return tableEl(b);
    case 'blockquote':
      el = document.createElement('blockquote');
      fillText(el, b.text, b.links, marks);
      return el;
    default:
      el = document.createElement('p');
      fillText(el, b.text, b.links, marks);
      return el;
  }
}

function marksByBlock(colors) {
  const by = new Map();
  if (!(state.wsw && state.quotes)) return by;
  state.quotes.quotes.forEach((q) => {
    if (q.parent !== null && q.parent !== undefined) return; // outer quotes only
    const list = by.get(q.block) || [];
    list.push({ start: q.start, end: q.end, q, color: colors.get(q.speaker || '(unknown)') });
    by.set(q.block, list);
  });
  return by;
}

function render() {
  const art = $('article');
  const del = $('del');
  del.hidden = true;
  document.body.appendChild(del); // out of the article while it is rebuilt
  art.textContent = '';
  art.className = 'article ts-' + state.textSize + ' img-' + state.images + ' font-' + state.font;
  $('main').className = 'main paper-' + state.pageSize;
  const d = state.doc;
  if (!d) return;
  art.lang = d.lang || 'en'; // hyphenation follows the article's language
  const colors = speakerColors();
  const marks = marksByBlock(colors);
  const h = document.createElement('h1');
  h.className = 'title';
  // a headline's quotes ("block": "title") are marked in the title
  if (d.title) fillText(h, d.title, null, marks.get('title'));
  else h.textContent = 'Untitled';
  art.appendChild(h);
  const line = [byline(d.byline), humanDate(d.date), d.site].filter(Boolean);
  if (line.length) {
    const m = document.createElement('p');
    m.className = 'meta';
    m.textContent = line.join(' · ');
    art.appendChild(m);
  }
  const deleted = new Set(state.deleted);
  d.blocks.forEach((b) => {
    if (deleted.has(b.id) || (state.cut && b.optional)) return;
    const el = blockEl(b, marks.get(b.id));
    el.classList.add('block');
    el.dataset.id = b.id;
    el.tabIndex = 0; // Tab reaches it, Delete removes it; its text is its name
    art.appendChild(el);
  });
  const src = [d.site, d.url].filter(Boolean);
  if (src.length) {
    const p = document.createElement('p');
    p.className = 'source-line';
    p.textContent = 'Source: ' + src.join(' — ');
    art.appendChild(p);
  }
  $('undo').disabled = state.deleted.length === 0;
  renderPanel(colors);
  renderAppendix();
}

/*** deleting: the × button and the Delete key ******************************/

function blockName(el) {
  const t = (el.textContent || (el.querySelector('img') || {}).alt || '').trim().replace(/\s+/g, ' ');
  return t.length > 50 ? t.slice(0, 50).replace(/\s+\S*$/, '') + '…' : t || 'this image';
}

// Puts the × on block el (under the pointer, or focused), right after it
// in the DOM so that Tab goes from the block to its ×.
function setCurrent(el) {
  if (!el || !el.isConnected) return;
  const del = $('del');
  if (state.current !== el) {
    if (state.current) state.current.classList.remove('current');
    state.current = el;
    el.classList.add('current');
    if (el.nextSibling !== del) el.after(del);
  }
  const art = $('article');
  del.setAttribute('aria-label', 'Remove: ' + blockName(el));
  del.title = 'Remove this ' + (el.tagName === 'FIGURE' ? 'image' : 'block') + ' (Delete)';
  del.style.top = Math.max(0, el.offsetTop - 4) + 'px';
  del.style.left = Math.min(art.clientWidth - 30, el.offsetLeft + el.offsetWidth + 6) + 'px';
  del.hidden = false;
}

function removeBlock(el, focusNext) {
  const id = el && el.dataset.id;
  if (!id || state.deleted.includes(id)) return;
  let next = el.nextElementSibling;
  while (next && !next.classList.contains('block')) next = next.nextElementSibling;
  const nextId = next ? next.dataset.id : null;
  state.deleted.push(id);
  state.current = null;
  render();
  status('Removed. Undo brings it back.');
  const again = nextId && document.querySelector('#article .block[data-id="' + CSS.escape(nextId) + '"]');
  if (focusNext && again) again.focus({ preventScroll: true });
}

/*** who said what: the panel, and the appendix for print ******************/

function bySpeaker() {
  const by = new Map();
  state.quotes.quotes.forEach((q) => {
    const k = q.speaker || '(unknown)';
    if (!by.has(k)) by.set(k, []);
    by.get(k).push(q);
  });
  return by;
}

function jumpTo(qid) {
  const m = document.querySelector('mark.q[data-q="' + CSS.escape(qid) + '"]');
  const b = m && m.closest('.block');
  if (!m) return;
  m.scrollIntoView({ behavior: 'smooth', block: 'center' });
  if (b) b.focus({ preventScroll: true });
}

function quoteButton(q) {
  const b = document.createElement('button');
  b.type = 'button';
  const k = document.createElement('span');
  k.className = 'kind';
  k.textContent = (KIND[q.kind] || 'said') + (q.date ? ', ' + humanDate(q.date) : '') + ': ';
  b.append(k, document.createTextNode(quoteText(q)));
  b.addEventListener('click', () => jumpTo(q.parent || q.id));
  return b;
}

function renderPanel(colors) {
  const panel = $('panel');
  panel.hidden = !(state.wsw && state.quotes);
  if (panel.hidden) return;
  const sp = $('speakers');
  sp.textContent = '';
  const by = bySpeaker();
  if (!by.size) sp.textContent = 'No quotations found.';
  by.forEach((quotes, name) => {
    const div = document.createElement('div');
    div.className = 'speaker';
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = colors.get(name);
    const n = document.createElement('span');
    n.className = 'name';
    n.textContent = name;
    div.append(sw, n);
    const role = speakerRole(name, quotes);
    if (role) {
      const r = document.createElement('span');
      r.className = 'role';
      r.textContent = ', ' + role;
      div.appendChild(r);
    }
    const ul = document.createElement('ul');
    quotes.forEach((q) => {
      const li = document.createElement('li');
      li.appendChild(quoteButton(q));
      ul.appendChild(li);
    });
    div.appendChild(ul);
    sp.appendChild(div);
  });
  const cl = $('claims');
  cl.textContent = '';
  const claims = state.quotes.claims || [];
  if (!claims.length) { cl.textContent = 'None found.'; return; }
  const ul = document.createElement('ul');
  claims.forEach((c) => {
    const li = document.createElement('li');
    li.className = 'claim';
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = claimSentence(c);
    b.title = c.evidence || '';
    if (c.quote) b.addEventListener('click', () => jumpTo(c.quote));
    li.appendChild(b);
    ul.appendChild(li);
  });
  ul.className = 'speaker';
  cl.appendChild(ul);
}

function table(head, rows) {
  const t = document.createElement('table');
  const tr = t.createTHead().insertRow();
  head.forEach((h) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    tr.appendChild(th);
  });
  const body = t.createTBody();
  rows.forEach((r) => {
    const row = body.insertRow();
    r.forEach((v) => { row.insertCell().textContent = v || ''; });
  });
  return t;
}

// The who-said-what appendix for print, as the server's PDF sets it:
// a table of speaker, role, what they said, cue and date, then the
// claims (claimant -> accused).
function renderAppendix() {
  const ap = $('appendix');
  ap.textContent = '';
  const on = !!(state.wsw && state.quotes);
  ap.classList.toggle('on', on);
  if (!on) return;
  const h = document.createElement('h2');
  h.id = 'appendix-title';
  h.textContent = 'Who said what';
  ap.appendChild(h);
  const rows = [];
  bySpeaker().forEach((quotes, name) => {
    const role = speakerRole(name, quotes);
    quotes.forEach((q, i) => rows.push([i ? '' : name, i ? '' : role, quoteText(q),
                                        q.cue || '', humanDate(q.date)]));
  });
  ap.appendChild(table(['Speaker', 'Role', 'What they said', 'Cue', 'Date'], rows));
  const claims = state.quotes.claims || [];
  if (!claims.length) return;
  const h3 = document.createElement('h3');
  h3.textContent = 'Responsibility claims';
  ap.appendChild(h3);
  ap.appendChild(table(['Claimant', 'Accused', 'Claim'], claims.map((c) =>
    [c.claimant, (c.accused || []).join(', '), claimSentence(c)])));
}

/*** email ******************************************************************/

function buildAttachments() {
  const fs = $('attach');
  ATTACHMENTS.forEach((a) => {
    const id = 'attach-' + a.value;
    const i = document.createElement('input');
    Object.assign(i, { type: 'radio', name: 'attach', id, value: a.value, checked: a.value === state.attach });
    i.addEventListener('change', () => { if (i.checked) state.attach = a.value; });
    const l = document.createElement('label');
    l.htmlFor = id;
    l.textContent = a.label;
    fs.append(i, l);
  });
}

async function sendMail(e) {
  e.preventDefault();
  if (!state.input) return;
  status('Sending…');
  $('send').disabled = true;
  try {
    const extra = { to: $('to').value, message: $('note').value, attach: state.attach };
    const subject = $('subject').value.trim();
    if (subject) extra.subject = subject;
    const r = await api('api/mail', request(Object.assign(layout(), extra)));
    status('Sent to ' + r.to + '.');
  } catch (err) {
    status('Not sent: ' + err.message, true);
  } finally {
    $('send').disabled = false;
  }
}

// the PDF or the EPUB of the article as cleaned up, downloaded (kind:
// 'pdf' or 'epub', the route /api/KIND and the file's extension)
async function download(kind) {
  if (!state.input) return;
  const name = kind.toUpperCase();
  status('Making the ' + name + '…');
  try {
    const blob = await api('api/' + kind, request(layout()), true);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = (state.doc.title || 'article').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) + '.' + kind;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
    status(name + ' ready: ' + a.download);
  } catch (e) {
    status('The ' + name + ' failed: ' + e.message, true);
  }
}

/*** the bookmarklet ********************************************************/

// The code of a bookmark that posts the page it is pressed on to this
// presscut's /send in a new tab: its address, and with html its HTML
// without scripts, styles and frames (a page behind a login, which the
// server cannot fetch).  A top-level form: no script of ours runs there.
function bookmarklet(html) {
  const action = new URL('send', location.href).href;
  const add = 'function a(n,v){var i=document.createElement("input");i.type="hidden";i.name=n;i.value=v;f.appendChild(i);}';
  const page = 'var d=document.documentElement.cloneNode(true);' +
    'd.querySelectorAll("script,style,noscript,svg,iframe,template,link,canvas,object,embed").forEach(function(e){e.remove();});' +
    'var h=d.outerHTML;if(h.length<=' + BOOKMARKLET_MAX_HTML + ')a("html",h);' +
    'else alert("This page is too large to send; presscut fetches its address instead.");';
  const code = '(function(){var f=document.createElement("form");f.method="post";' +
    'f.action=' + JSON.stringify(action) + ';f.target="_blank";f.acceptCharset="utf-8";' +
    add + 'a("url",location.href);' + (html ? page : '') +
    'document.body.appendChild(f);f.submit();f.remove();})()';
  return 'javascript:' + encodeURIComponent(code);
}

function setupBookmarklets() {
  [['bm-url', false], ['bm-html', true]].forEach(([id, html]) => {
    const a = $(id);
    a.href = bookmarklet(html);
    a.addEventListener('click', (e) => {
      e.preventDefault();
      status('Drag "' + a.textContent + '" to your bookmarks bar; then press it on an article\'s page.');
    });
  });
}

// An article the bookmarklet sent (POST /send): load it as a paste, and
// give the tab the page's own address (a reload does not post again).
function incoming() {
  let inc = null;
  try { inc = JSON.parse(meta('pc-incoming') || 'null'); } catch (e) { inc = null; }
  if (!inc || typeof inc.url !== 'string') return;
  history.replaceState(null, '', './');
  $('url').value = inc.url;
  load(typeof inc.html === 'string' ? { html: inc.html, base_url: inc.url } : { url: inc.url });
}

/*** wiring *****************************************************************/

function fileInput(name, t) {
  return /\.html?$/i.test(name) || /<html|<body|<p[\s>]/i.test(t) ? { html: t } : { text: t };
}

function wireSource() {
  $('source').addEventListener('submit', (e) => {
    e.preventDefault();
    const u = $('url').value.trim();
    if (u) load({ url: u });
  });
  $('use-paste').addEventListener('click', () => {
    const t = $('paste').value;
    if (!t.trim()) { status('Paste an article first.', true); return; }
    load(/<\/?[a-z][\s\S]*>/i.test(t) ? { html: t } : { text: t });
  });
  $('file').addEventListener('change', async () => {
    const f = $('file').files[0];
    if (!f) return;
    const t = await f.text();
    $('paste').value = t;
    load(fileInput(f.name, t));
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (f) load(fileInput(f.name, await f.text()));
  });
}

function wireArticle() {
  const art = $('article');
  // pointing at a block, focusing it or tapping it puts the × on it;
  // clicks, drags, double-clicks and Enter remove nothing
  art.addEventListener('pointerover', (e) => setCurrent(e.target.closest('.block')));
  art.addEventListener('focusin', (e) => setCurrent(e.target.closest('.block')));
  art.addEventListener('keydown', (e) => {
    const b = e.target.closest('.block');
    if (b && e.target === b && (e.key === 'Delete' || e.key === 'Backspace')) {
      e.preventDefault();
      removeBlock(b, true);
    }
  });
  $('del').addEventListener('click', (e) => {
    if (e.detail > 1) return; // the second click of a double-click
    // by keyboard, focus goes on to the next block (and its ×); by
    // pointer, the × waits for the pointer to move onto a block
    removeBlock(state.current, e.detail === 0);
  });
  window.addEventListener('resize', () => {
    document.documentElement.style.setProperty('--tools-h', toolsHeight() + 'px');
    if (state.current) setCurrent(state.current);
  });
  $('undo').addEventListener('click', () => {
    state.deleted.pop();
    render();
    status('Brought back.');
  });
}

function wireTools() {
  document.querySelectorAll('.ts').forEach((b) => b.addEventListener('click', () => {
    state.textSize = Number(b.dataset.size);
    document.querySelectorAll('.ts').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
    render();
  }));
  $('images').addEventListener('change', () => { state.images = $('images').value; render(); });
  $('font').addEventListener('change', () => { state.font = $('font').value; render(); });
  $('page-size').addEventListener('change', () => { state.pageSize = $('page-size').value; render(); });
  $('cuts').addEventListener('change', () => { state.cut = $('cuts').checked; render(); });
  $('wsw').addEventListener('change', async () => {
    state.wsw = $('wsw').checked;
    try {
      if (state.wsw) await loadQuotes();
      render();
      status(state.wsw ? 'Quotes are highlighted in their speaker\'s colour.' : '');
    } catch (e) {
      status('Who said what failed: ' + e.message, true);
    }
  });
  $('print').addEventListener('click', () => window.print());
  $('pdf').addEventListener('click', () => download('pdf'));
  $('epub').addEventListener('click', () => download('epub'));
  $('email-open').addEventListener('click', () => {
    const f = $('email');
    f.hidden = !f.hidden;
    $('email-open').setAttribute('aria-expanded', String(!f.hidden));
    if (!f.hidden) $('to').focus();
  });
  $('email').addEventListener('submit', sendMail);
  $('email').addEventListener('keydown', (e) => { // Escape closes it, back to its button
    if (e.key !== 'Escape') return;
    $('email').hidden = true;
    $('email-open').setAttribute('aria-expanded', 'false');
    $('email-open').focus();
  });
  // the toolbar's height, for what must not slide under it (scrolling to
  // the article, the panel's sticky top)
  new ResizeObserver(() => {
    document.documentElement.style.setProperty('--tools-h', toolsHeight() + 'px');
  }).observe($('tools'));
}

document.addEventListener('DOMContentLoaded', () => {
  buildAttachments();
  wireSource();
  wireArticle();
  wireTools();
  setupBookmarklets();
  incoming();
});
