// presscut serve: "Save to archive" on the main page, and a link to the
// archive view, both only when the server has an archive (serve --db).
// The save sends what the page cleaned up (its URL, HTML or text, with the
// blocks deleted and the cut setting) to POST api/archive/save, which
// extracts, attributes and indexes it as `presscut index` does.
'use strict';
(function () {
  // The article as the page has it: app.js may offer it as
  // window.presscutArticle(); else its `state` (input, deleted, cut).
  function article() {
    if (typeof window.presscutArticle === 'function') return window.presscutArticle();
    /* global state */
    if (typeof state !== 'undefined' && state && state.input)
      return Object.assign({}, state.input, {
        cut: !!state.cut, delete: (state.deleted || []).join(','),
      });
    return null;
  }

  function say(box, msg, error) {
    box.textContent = msg;
    box.classList.toggle('error', !!error);
  }

  async function save(button, box) {
    const body = article();
    if (!body) { say(box, 'Clean up an article first.', true); return; }
    button.disabled = true;
    say(box, 'Saving to the archive…');
    try {
      const r = await fetch('api/archive/save', {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      });
      let j = null;
      try { j = await r.json(); } catch (e) { /* not JSON */ }
      if (!r.ok) throw new Error((j && j.error) || r.status + ' ' + r.statusText);
      say(box, j.added ? 'Saved to the archive: ' + j.quotes + ' quote' + (j.quotes === 1 ? '' : 's') +
                         ', ' + j.claims + ' claim' + (j.claims === 1 ? '' : 's') + '.'
                       : 'The archive has this article already.');
    } catch (e) {
      say(box, 'Not saved: ' + e.message, true);
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    let r;
    try { r = await fetch('api/archive/status'); } catch (e) { return; }
    if (!r.ok) return; // no --db: no archive on this server
    const link = document.createElement('a');
    link.href = 'archive';
    link.id = 'archive-link';
    link.className = 'archive-link';
    link.textContent = 'Archive: who said what, across articles';
    const top = document.querySelector('header') || document.body;
    top.append(link);
    const button = document.createElement('button');
    button.type = 'button';
    button.id = 'archive-save';
    button.textContent = 'Save to archive';
    const box = document.createElement('span');
    box.id = 'archive-save-status';
    box.className = 'archive-save-status';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    const place = document.querySelector('#tools .actions') || document.getElementById('tools') || top;
    place.append(button, box);
    button.addEventListener('click', () => save(button, box));
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
