// presscut serve: the page.  Everything shown comes from the server's JSON
// (the document model) and is put on the page as DOM text nodes: nothing
// from the cleaned-up page is ever parsed as HTML here.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  input: null,      // {url} or {html} or {text}
  doc: null,        // /api/extract
  quotes: null,     // /api/quotes
  deleted: [],      // block ids, in the order removed (undo pops)
  textSize: 3,
  images: 'full',
  cut: false,
  wsw: false,
};
const PALETTE = ['#fde68a', '#bfdbfe', '#bbf7d0', '#fecaca', '#ddd6fe',
                 '#fed7aa', '#a5f3fc', '#f5d0fe', '#d9f99d', '#e5e7eb'];
const token = document.querySelector('meta[name="pc-token"]').content;

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

function layout() {
  return {
    text_size: state.textSize,
    images: state.images,
    who_said_what: state.wsw,
  };
}

async function load(input) {
  state.input = input;
  state.deleted = [];
  state.quotes = null;
  status('Cleaning up…');
  try {
    // the whole article comes back; deletions and cuts are applied here
    // for the preview and sent along for the PDF and the email
    state.doc = await api('api/extract', Object.assign({}, input));
    if (state.wsw) await loadQuotes();
    $('tools').hidden = false;
    $('hint').hidden = false;
    $('paste-box').open = false;
    render();
    status('Ready: ' + (state.doc.title || 'untitled') + ' (' +
           state.doc.word_count + ' words).');
    $('article').focus();
  } catch (e) {
    status('Could not clean up this article: ' + e.message, true);
  }
}

async function loadQuotes() {
  if (state.quotes) return;
  status('Finding who said what…');
  state.quotes = await api('api/quotes', Object.assign({}, state.input));
}

function safeHref(h) {
  return typeof h === 'string' && /^https?:\/\//i.test(h) ? h : null;
}

// Text with links and, when on, quote highlights: both as code point
// ranges of the block's text.
function fillText(el, text, links, marks) {
  const cps = Array.from(text);
  const cuts = new Set([0, cps.length]);
  const ranges = [];
  (links || []).forEach((l) => {
    if (safeHref(l.href)) ranges.push({ s: l.start, e: l.end, link: l.href });
  });
  (marks || []).forEach((m) => ranges.push({ s: m.start, e: m.end, mark: m }));
  ranges.forEach((r) => { cuts.add(Math.max(0, Math.min(cps.length, r.s))); cuts.add(Math.max(0, Math.min(cps.length, r.e))); });
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

function blockLabel(b) {
  return { paragraph: 'Paragraph', heading: 'Heading', figure: 'Image',
           list: 'List', blockquote: 'Quotation', table: 'Table',
           pre: 'Preformatted text', rule: 'Rule' }[b.type] || 'Block';
}

function render() {
  const art = $('article');
  art.textContent = '';
  art.className = 'article ts-' + state.textSize + ' img-' + state.images;
  const d = state.doc;
  if (!d) return;
  const h = document.createElement('h1');
  h.className = 'title';
  h.textContent = d.title || 'Untitled';
  art.appendChild(h);
  const meta = [d.byline && 'By ' + d.byline, d.date && d.date.slice(0, 10), d.site].filter(Boolean);
  if (meta.length) {
    const m = document.createElement('p');
    m.className = 'meta';
    m.textContent = meta.join(' · ');
    art.appendChild(m);
  }
  const colors = speakerColors();
  const marksByBlock = new Map();
  if (state.wsw && state.quotes) {
    state.quotes.quotes.forEach((q) => {
      if (q.parent !== null && q.parent !== undefined) return; // outer quotes only
      const list = marksByBlock.get(q.block) || [];
      list.push({ start: q.start, end: q.end, q, color: colors.get(q.speaker || '(unknown)') });
      marksByBlock.set(q.block, list);
    });
  }
  const deleted = new Set(state.deleted);
  d.blocks.forEach((b) => {
    if (deleted.has(b.id) || (state.cut && b.optional)) return;
    let el;
    switch (b.type) {
      case 'heading':
        el = document.createElement('h' + Math.min(6, Math.max(2, (b.level || 2))));
        fillText(el, b.text, b.links, marksByBlock.get(b.id));
        break;
      case 'list': {
        el = document.createElement(b.ordered ? 'ol' : 'ul');
        (b.items || []).forEach((it) => {
          const li = document.createElement('li');
          fillText(li, typeof it === 'string' ? it : it.text || '', it.links, null);
          el.appendChild(li);
        });
        break;
      }
      case 'figure': {
        el = document.createElement('figure');
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
        break;
      }
      case 'rule':
        el = document.createElement('hr');
        break;
      case 'pre':
        el = document.createElement('pre');
        el.textContent = b.text;
        break;
      case 'blockquote':
        el = document.createElement('blockquote');
        fillText(el, b.text, b.links, marksByBlock.get(b.id));
        break;
      case 'table': {
        el = document.createElement('table');
        b.text.split('\n').forEach((row) => {
          const tr = document.createElement('tr');
          row.split('\t').forEach((cell) => {
            const td = document.createElement('td');
            td.textContent = cell;
            tr.appendChild(td);
          });
          el.appendChild(tr);
        });
        break;
      }
      default:
        el = document.createElement('p');
        fillText(el, b.text, b.links, marksByBlock.get(b.id));
    }
    el.classList.add('block');
    el.dataset.id = b.id;
    el.tabIndex = 0;
    el.setAttribute('aria-label', blockLabel(b) + ': click or press Delete to remove');
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
}

function renderPanel(colors) {
  const panel = $('panel');
  panel.hidden = !(state.wsw && state.quotes);
  if (panel.hidden) return;
  const sp = $('speakers');
  sp.textContent = '';
  const bySpeaker = new Map();
  state.quotes.quotes.forEach((q) => {
    const k = q.speaker || '(unknown)';
    if (!bySpeaker.has(k)) bySpeaker.set(k, { role: q.role, quotes: [] });
    bySpeaker.get(k).quotes.push(q);
  });
  if (!bySpeaker.size) sp.textContent = 'No quotations found.';
  bySpeaker.forEach((v, name) => {
    const div = document.createElement('div');
    div.className = 'speaker';
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = colors.get(name);
    const n = document.createElement('span');
    n.className = 'name';
    n.textContent = name;
    div.append(sw, n);
    if (v.role) {
      const r = document.createElement('span');
      r.className = 'role';
      r.textContent = ' (' + v.role + ')';
      div.appendChild(r);
    }
    const ul = document.createElement('ul');
    v.quotes.forEach((q) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = '“' + (q.text.length > 140 ? q.text.slice(0, 140) + '…' : q.text) + '”';
      b.addEventListener('click', () => {
        const m = document.querySelector('mark.q[data-q="' + CSS.escape(q.id) + '"]');
        if (m) { m.scrollIntoView({ behavior: 'smooth', block: 'center' }); m.focus && m.focus(); }
      });
      li.appendChild(b);
      ul.appendChild(li);
    });
    div.appendChild(ul);
    sp.appendChild(div);
  });
  const cl = $('claims');
  cl.textContent = '';
  const claims = state.quotes.claims || [];
  if (!claims.length) { cl.textContent = 'None found.'; return; }
  const t = document.createElement('table');
  const head = document.createElement('tr');
  ['Claimant', 'Accused', 'Accuse / deny', 'Evidence'].forEach((h) => {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = h;
    head.appendChild(th);
  });
  t.appendChild(head);
  claims.forEach((c) => {
    const tr = document.createElement('tr');
    [c.claimant, (c.accused || []).join(', '), c.polarity, c.evidence].forEach((v) => {
      const td = document.createElement('td');
      td.textContent = v || '';
      tr.appendChild(td);
    });
    t.appendChild(tr);
  });
  cl.appendChild(t);
}

function removeBlock(id) {
  if (!id || state.deleted.includes(id)) return;
  state.deleted.push(id);
  render();
  status('Removed. Undo brings it back.');
}

document.addEventListener('DOMContentLoaded', () => {
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
    load(/\.html?$/i.test(f.name) || /<html|<body|<p[\s>]/i.test(t) ? { html: t } : { text: t });
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', async (e) => {
    e.preventDefault();
    const f = e.dataTransfer.files[0];
    if (!f) return;
    const t = await f.text();
    load(/\.html?$/i.test(f.name) ? { html: t } : { text: t });
  });
  $('article').addEventListener('click', (e) => {
    if (e.target.closest('a')) return; // links still open
    const b = e.target.closest('.block');
    if (b) removeBlock(b.dataset.id);
  });
  $('article').addEventListener('keydown', (e) => {
    const b = e.target.closest('.block');
    if (b && (e.key === 'Delete' || e.key === 'Backspace' || e.key === 'Enter')) {
      e.preventDefault();
      const next = b.nextElementSibling;
      removeBlock(b.dataset.id);
      const again = next && document.querySelector('.block[data-id="' + CSS.escape(next.dataset.id || '') + '"]');
      if (again) again.focus();
    }
  });
  $('undo').addEventListener('click', () => {
    state.deleted.pop();
    render();
    status('Brought back.');
  });
  document.querySelectorAll('.ts').forEach((b) => b.addEventListener('click', () => {
    state.textSize = Number(b.dataset.size);
    document.querySelectorAll('.ts').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
    render();
  }));
  $('images').addEventListener('change', () => { state.images = $('images').value; render(); });
  $('cuts').addEventListener('change', () => { state.cut = $('cuts').checked; render(); });
  $('wsw').addEventListener('change', async () => {
    state.wsw = $('wsw').checked;
    try {
      if (state.wsw && state.input) await loadQuotes();
      render();
      status(state.wsw ? 'Quotes are highlighted in their speaker\'s colour.' : '');
    } catch (e) {
      status('Who said what failed: ' + e.message, true);
    }
  });
  $('print').addEventListener('click', () => window.print());
  $('pdf').addEventListener('click', async () => {
    if (!state.input) return;
    status('Making the PDF…');
    try {
      const blob = await api('api/pdf', request(layout()), true);
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = (state.doc.title || 'article').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) + '.pdf';
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 10000);
      status('PDF ready: ' + a.download);
    } catch (e) {
      status('The PDF failed: ' + e.message, true);
    }
  });
  $('email-open').addEventListener('click', () => {
    const f = $('email');
    f.hidden = !f.hidden;
    $('email-open').setAttribute('aria-expanded', String(!f.hidden));
    if (!f.hidden) $('to').focus();
  });
  $('email').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!state.input) return;
    status('Sending…');
    $('send').disabled = true;
    try {
      const r = await api('api/mail', request(Object.assign(layout(), { to: $('to').value, message: $('note').value })));
      status('Sent to ' + r.to + '.');
    } catch (err) {
      status('Not sent: ' + err.message, true);
    } finally {
      $('send').disabled = false;
    }
  });
});
