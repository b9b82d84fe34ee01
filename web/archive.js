// presscut serve --db: the archive view.  Quotes, speakers, the claims
// about an event and the accusation network, from GET api/archive/...
// (docs/api-archive.md).  Everything from the archive is put on the page as
// DOM text nodes; the network is SVG drawn here (no library, no network).
'use strict';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const PAGE = 20;
const views = ['search', 'speakers', 'speaker', 'timeline', 'network'];
let searchOffset = 0;

// Paths are relative to the page, so that it works under --base-path.
async function get(route, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {}))
    if (v !== undefined && v !== null && String(v) !== '') q.set(k, v);
  const r = await fetch('api/archive/' + route + (q.toString() ? '?' + q : ''));
  let body = null;
  try { body = await r.json(); } catch (e) { /* not JSON */ }
  if (!r.ok) throw new Error((body && body.error) || r.status + ' ' + r.statusText);
  return body;
}

function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (v !== undefined && v !== null) e.setAttribute(k, v);
  }
  for (const k of kids) if (k !== null && k !== undefined) e.append(k);
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  return e;
}

// Only http(s) links from the archive's data.
function safeHref(u) {
  try {
    const p = new URL(u);
    return p.protocol === 'http:' || p.protocol === 'https:' ? p.href : null;
  } catch (e) { return null; }
}

function status(id, msg, error) {
  const s = $(id);
  s.textContent = msg || '';
  s.classList.toggle('error', !!error);
}

function viewHref(view, params) {
  const q = new URLSearchParams(params).toString();
  return '#' + view + (q ? '?' + q : '');
}

function speakerLink(name) {
  if (!name) return document.createTextNode('(unknown speaker)');
  return el('a', { href: viewHref('speaker', { name }), class: 'who', text: name });
}

function articleLink(c) {
  const href = safeHref(c.url);
  const title = c.title || c.url || '(untitled)';
  return href ? el('a', { href, rel: 'noopener noreferrer', target: '_blank', text: title })
              : el('span', { text: title });
}

// A link to the quote in its article (a text fragment of its first words,
// which a browser scrolls to and marks).
function quoteLink(url, text) {
  const href = safeHref(url);
  if (!href || !text) return null;
  const words = text.split(/\s+/).slice(0, 8).join(' ');
  return el('a', { href: href.split('#')[0] + '#:~:text=' + encodeURIComponent(words),
                   rel: 'noopener noreferrer', target: '_blank', class: 'to-quote',
                   text: 'the quote in the article' });
}

function quoteItem(q) {
  const meta = el('p', { class: 'meta' },
    el('span', { class: 'date', text: q.date || '(no date)' }), ' · ',
    speakerLink(q.speaker),
    q.role ? el('span', { class: 'role', text: ' (' + q.role + ')' }) : null,
    ' · ', el('span', { class: 'kind', text: q.kind || '' }),
    q.similarity ? el('span', { class: 'similarity', text: ' · similarity ' + q.similarity }) : null);
  // its near duplicates: a search near its first words (the API takes
  // 1,000 bytes; 300 UTF-16 units are fewer)
  const near = el('a', { href: viewHref('search', { near: (q.text || '').slice(0, 300) }),
                         class: 'near', text: 'near duplicates' });
  return el('li', { class: 'quote' }, meta,
    el('blockquote', { text: q.text || '' }),
    el('p', { class: 'source' }, '— ', articleLink(q),
       q.site ? el('span', { class: 'site', text: ' (' + q.site + ')' }) : null,
       ' ', quoteLink(q.url, q.text), ' · ', near));
}

function claimItem(c) {
  const verb = { accuse: 'accuses', deny: 'denies', responsibility: 'claims responsibility:' };
  return el('li', { class: 'claim ' + (c.polarity || '') },
    el('p', { class: 'meta' }, el('span', { class: 'date', text: c.date || '(no date)' }),
       c.event ? el('span', { class: 'event', text: ' · ' + c.event }) : null,
       c.cameo ? el('span', { class: 'code', text: ' · CAMEO ' + c.cameo }) : null),
    el('p', { class: 'who-whom' }, speakerLink(c.claimant), ' ',
       el('strong', { class: 'polarity', text: verb[c.polarity] || c.polarity || '' }), ' ',
       ...(c.accused || '').split('; ').flatMap((n, i) => (i ? [', ', speakerLink(n)] : [speakerLink(n)]))),
    el('blockquote', { text: c.evidence || '' }),
    el('p', { class: 'source' }, '— ', articleLink(c), ' ', quoteLink(c.url, c.quote || c.evidence)));
}

function fill(list, items, make, none) {
  list.replaceChildren(...items.map(make));
  if (!items.length) list.append(el('li', { class: 'none', text: none }));
}

function formParams(form) {
  const p = {};
  for (const [k, v] of new FormData(form)) if (String(v).trim()) p[k] = String(v).trim();
  return p;
}

function setForm(form, params) {
  for (const e of form.elements) if (e.name) e.value = params[e.name] || '';
}

/*** views ***/

async function showSearch(params) {
  setForm($('search-form'), params);
  searchOffset = Number(params.offset) || 0;
  const list = $('search-results');
  status('search-status', 'Searching…');
  try {
    const r = await get('search', Object.assign({}, params, { limit: PAGE, offset: searchOffset }));
    fill(list, r.quotes, quoteItem, 'No quote matches.');
    const matched = r.quotes.length && r.quotes[0].matched_name
      ? ' The speaker\'s name as the archive has it: ' + r.quotes[0].matched_name + '.' : '';
    status('search-status', r.quotes.length
      ? 'Quotes ' + (searchOffset + 1) + ' to ' + (searchOffset + r.quotes.length) + (r.more ? ', more older ones.' : '.') + matched
      : 'No quote matches.');
    $('search-prev').disabled = searchOffset === 0;
    $('search-next').disabled = !r.more;
  } catch (e) {
    list.replaceChildren();
    status('search-status', 'Cannot search: ' + e.message, true);
  }
}

async function showSpeakers(params) {
  setForm($('speakers-form'), params);
  status('speakers-status', 'Looking…');
  try {
    const r = await get('speakers', { name: params.name, limit: 100 });
    fill($('speakers-list'), r.speakers, (s) => el('li', {},
      speakerLink(s.name), el('span', { class: 'count',
        text: ' — ' + s.quotes + ' quote' + (s.quotes === 1 ? '' : 's') + ' in ' +
              s.articles + ' article' + (s.articles === 1 ? '' : 's') +
              (s.first ? ', ' + s.first + ' to ' + s.last : '') })), 'No speaker of that name.');
    status('speakers-status', r.speakers.length + ' speaker' + (r.speakers.length === 1 ? '' : 's') + '.');
  } catch (e) {
    status('speakers-status', 'Cannot list the speakers: ' + e.message, true);
  }
}

// Quotes by month as SVG bars, with the numbers in a table-like caption.
function drawMonths(months) {
  const box = $('speaker-months');
  box.replaceChildren();
  if (!months.length) { $('months-caption').textContent = 'No dated quote.'; return; }
  const w = Math.max(320, months.length * 44), h = 150, max = Math.max(...months.map((m) => m.quotes));
  const top = 16; // room for the numbers over the bars
  const s = svg('svg', { viewBox: `0 ${-top} ${w} ${h + 30 + top}`, width: w, height: h + 30 + top, role: 'img',
                         'aria-labelledby': 'months-title months-caption', class: 'bars' });
  months.forEach((m, i) => {
    const bh = Math.max(2, (m.quotes / max) * h);
    const bar = svg('rect', { x: i * 44 + 8, y: h - bh, width: 28, height: bh, class: 'bar' });
    bar.append(svg('title'));
    bar.firstChild.textContent = m.month + ': ' + m.quotes;
    const n = svg('text', { x: i * 44 + 22, y: h - bh - 4, 'text-anchor': 'middle', class: 'num' });
    n.textContent = m.quotes;
    const t = svg('text', { x: i * 44 + 22, y: h + 16, 'text-anchor': 'middle', class: 'month' });
    t.textContent = m.month;
    s.append(bar, n, t);
  });
  box.append(s);
  $('months-caption').textContent = months.map((m) => m.month + ': ' + m.quotes).join('; ');
}

async function showSpeaker(params) {
  status('speaker-status', 'Loading…');
  $('speaker-name').textContent = params.name || 'Speaker';
  try {
    const r = await get('speaker', { name: params.name, limit: 100 });
    const s = r.speaker;
    $('speaker-name').textContent = s.name;
    const facts = [['Type', s.type], ['Identifier', s.external_id],
                   ['Quotes', s.quotes + ' in ' + s.articles + ' article' + (s.articles === 1 ? '' : 's')],
                   ['Dates', s.first ? s.first + ' to ' + s.last : null],
                   ['Roles', s.roles], ['Also named', s.aliases]];
    $('speaker-facts').replaceChildren(...facts.filter((f) => f[1])
      .flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: String(v) })]));
    drawMonths(r.months);
    fill($('claims-made'), r.claims_made, claimItem, 'None.');
    fill($('claims-received'), r.claims_received, claimItem, 'None.');
    fill($('speaker-quotes'), r.quotes, quoteItem, 'No quote.');
    status('speaker-status', '');
  } catch (e) {
    status('speaker-status', 'Cannot show this speaker: ' + e.message, true);
  }
}

async function showTimeline(params) {
  setForm($('timeline-form'), params);
  const list = $('timeline-list');
  if (!params.event) { list.replaceChildren(); status('timeline-status', 'Name an event.'); return; }
  status('timeline-status', 'Loading…');
  try {
    const r = await get('timeline', params);
    fill(list, r.claims, claimItem, 'No claim about this event.');
    status('timeline-status', r.claims.length + ' claim' + (r.claims.length === 1 ? '' : 's') +
           ' about “' + r.event + '”, oldest first.');
  } catch (e) {
    list.replaceChildren();
    status('timeline-status', 'Cannot show the timeline: ' + e.message, true);
  }
}

/*** the network ***/

// A small force layout (Fruchterman and Reingold, with a pull to the
// middle that keeps apart groups in the drawing): nodes repel, edges pull;
// a fixed number of cooling steps from a circle, so the same data is drawn
// the same way every time.
function layoutNodes(nodes, edges, w, h) {
  const n = nodes.length, steps = 400;
  nodes.forEach((d, i) => {
    d.x = w / 2 + (w / 3) * Math.cos((2 * Math.PI * i) / n);
    d.y = h / 2 + (h / 3) * Math.sin((2 * Math.PI * i) / n);
  });
  const k = 0.5 * Math.sqrt((w * h) / Math.max(n, 1)); // the ideal distance
  for (let step = 0; step < steps; step++) {
    const t = (w / 20) * (1 - step / steps) + 0.5; // the longest move
    for (const a of nodes) { a.dx = w / 2 - a.x; a.dy = (h / 2 - a.y) * (w / h); }
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const a = nodes[i], b = nodes[j];
        const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(Math.hypot(dx, dy), 1), f = (k * k) / d / d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    for (const e of edges) {
      const a = nodes[e.source], b = nodes[e.target];
      const dx = b.x - a.x, dy = b.y - a.y, f = Math.max(Math.hypot(dx, dy), 1) / k;
      a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
    }
    for (const a of nodes) {
      const d = Math.max(Math.hypot(a.dx, a.dy), 0.01), m = Math.min(d, t);
      a.x = Math.min(w - 60, Math.max(60, a.x + (a.dx / d) * m));
      a.y = Math.min(h - 40, Math.max(40, a.y + (a.dy / d) * m));
    }
  }
}

function drawNetwork(g) {
  const box = $('network-svg');
  box.replaceChildren();
  const w = 900, h = 560;
  const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, role: 'group', 'aria-label': 'Accusation network: ' +
                         g.nodes.length + ' names, ' + g.edges.length + ' accusations', class: 'graph' });
  const defs = svg('defs');
  for (const p of ['accuse', 'deny', 'responsibility']) {
    const m = svg('marker', { id: 'arrow-' + p, viewBox: '0 0 10 10', refX: 10, refY: 5,
                              markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    m.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'head ' + p }));
    defs.append(m);
  }
  s.append(defs);
  layoutNodes(g.nodes, g.edges, w, h);
  const max = Math.max(1, ...g.nodes.map((d) => d.mentions));
  const radius = (d) => 6 + 22 * Math.sqrt(d.mentions / max);
  for (const e of g.edges) {
    const a = g.nodes[e.source], b = g.nodes[e.target];
    const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
    const ra = radius(a), rb = radius(b) + 2;
    const look = { class: 'edge ' + (e.polarity || ''), 'stroke-width': 1 + Math.log2(1 + e.count),
                   'marker-end': 'url(#arrow-' + (e.polarity || 'accuse') + ')' };
    // a name about itself (a group claiming an attack): a loop over it
    const line = a === b
      ? svg('path', Object.assign({ d: `M${a.x - ra * 0.7},${a.y - ra * 0.7} a${ra * 0.8},${ra * 0.8} 0 1 1 ` +
                                       `${ra * 1.4},0`, fill: 'none' }, look))
      : svg('line', Object.assign({ x1: a.x + (dx / d) * ra, y1: a.y + (dy / d) * ra,
                                    x2: b.x - (dx / d) * rb, y2: b.y - (dy / d) * rb }, look));
    line.append(svg('title'));
    line.firstChild.textContent = `${a.name} ${e.polarity} ${b.name}: ${e.count} claim${e.count === 1 ? '' : 's'}, ` +
      `${e.first || '?'} to ${e.last || '?'}`;
    s.append(line);
  }
  for (const d of g.nodes) {
    const r = radius(d);
    const node = svg('g', { class: 'node ' + (d.type || ''), tabindex: 0, role: 'link',
                            'aria-label': `${d.name} (${d.type}), in ${d.mentions} claim${d.mentions === 1 ? '' : 's'}` });
    node.dataset.name = d.name;
    node.append(svg('circle', { cx: d.x, cy: d.y, r }));
    const t = svg('text', { x: d.x, y: d.y + r + 13, 'text-anchor': 'middle' });
    t.textContent = d.name;
    node.append(t);
    const open = () => { location.hash = viewHref('speaker', { name: d.name }); };
    node.addEventListener('click', open);
    node.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); open(); }
    });
    s.append(node);
  }
  box.append(s);
  $('network-table').tBodies[0].replaceChildren(...g.edges.map((e) => el('tr', {},
    el('td', {}, speakerLink(g.nodes[e.source].name)), el('td', { text: e.polarity }),
    el('td', {}, speakerLink(g.nodes[e.target].name)), el('td', { text: String(e.count) }),
    el('td', { text: e.first || '' }), el('td', { text: e.last || '' }))));
}

async function showNetwork(params) {
  setForm($('network-form'), params);
  status('network-status', 'Drawing…');
  try {
    const g = await get('network', params);
    drawNetwork(g);
    status('network-status', g.nodes.length + ' names, ' + g.edges.length + ' accusation' +
           (g.edges.length === 1 ? '' : 's') + (g.truncated ? ' (the most frequent ones only).' : '.'));
  } catch (e) {
    $('network-svg').replaceChildren();
    status('network-status', 'Cannot draw the network: ' + e.message, true);
  }
}

/*** routing: #view?params ***/

function route() {
  const h = location.hash.slice(1);
  const [name, query] = h.split(/\?(.*)/s);
  const view = views.includes(name) ? name : 'search';
  const params = Object.fromEntries(new URLSearchParams(query || ''));
  for (const v of views) $(v).hidden = v !== view;
  for (const v of ['search', 'speakers', 'timeline', 'network']) {
    const tab = $('tab-' + v);
    if ((view === 'speaker' ? 'speakers' : view) === v) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  const show = { search: showSearch, speakers: showSpeakers, speaker: showSpeaker,
                 timeline: showTimeline, network: showNetwork }[view];
  show(params);
}

function onSubmit(form, view) {
  $(form).addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = viewHref(view, formParams(ev.target));
  });
}

onSubmit('search-form', 'search');
onSubmit('speakers-form', 'speakers');
onSubmit('timeline-form', 'timeline');
onSubmit('network-form', 'network');
$('search-prev').addEventListener('click', () => {
  const p = formParams($('search-form'));
  p.offset = Math.max(0, searchOffset - PAGE);
  location.hash = viewHref('search', p);
});
$('search-next').addEventListener('click', () => {
  const p = formParams($('search-form'));
  p.offset = searchOffset + PAGE;
  location.hash = viewHref('search', p);
});
window.addEventListener('hashchange', route);
route();
