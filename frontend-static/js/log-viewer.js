// Live run logs over Server-Sent Events. Every element with class "log-panel" gets a viewer:
// lines arrive in batches, "lines" events whose data is an array of lines with their sequence
// numbers and whose id is the last one; EventSource reconnects by itself and sends
// Last-Event-ID, so the server replays exactly what was missed. Rendering is
// batched per animation frame so a fast log never freezes the page.
(function () {
  'use strict';

  const CHUNK = 2000;          // lines rendered per frame
  const MAX_DOM_LINES = 20000; // older lines stay in the download
  // pg_dump, pg_restore and pgcopydb write their progress on stderr: stderr alone is not an error.
  // Only lines that say so are highlighted.
  const ERROR = /\b(ERROR|FATAL|PANIC|error:|fatal:|failed|could not|No such file|Permission denied|refused|panic:)/i;
  const clock = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

  function viewer(panel) {
    if (panel.dataset.viewing) return;
    panel.dataset.viewing = 'true';
    const lines = panel.querySelector('.log-lines');
    const follow = panel.querySelector('.log-follow');
    const pauseButton = panel.querySelector('.log-pause');
    const count = panel.querySelector('.log-count');
    const state = panel.querySelector('.log-state');
    const trimmed = panel.querySelector('.log-trimmed');
    const queue = [];
    let lastSeq = 0;
    let shown = 0;
    let paused = false;
    let scheduled = false;

    const source = new EventSource(panel.dataset.events);
    panel.logSource = source;
    panel.dispatchEvent(new CustomEvent('log-source', { bubbles: true })); // run-progress.js listens on it
    const stamps = panel.querySelector('.log-stamps');
    if (stamps) stamps.addEventListener('change', () => panel.classList.toggle('log-show-stamps', stamps.checked));
    // One "lines" event per batch the server sends: a JSON array of lines, each with its seq (q).
    source.addEventListener('lines', (e) => {
      for (const line of JSON.parse(e.data)) {
        if (line.q <= lastSeq) continue; // never show a line twice
        lastSeq = line.q;
        queue.push([line.q, line]);
      }
      schedule();
    });
    source.addEventListener('status', (e) => { lastSeq = Math.max(lastSeq, Number(e.lastEventId)); status(JSON.parse(e.data)); });
    source.addEventListener('hint', (e) => { lastSeq = Math.max(lastSeq, Number(e.lastEventId)); hint(JSON.parse(e.data)); });
    let ended = false;
    source.addEventListener('end', (e) => {
      source.close();
      status(JSON.parse(e.data));
      setState('ended');
      ended = true;
      schedule();
    });
    source.onopen = () => { if (!ended) setState('live'); };
    source.onerror = () => { if (!ended) setState('reconnecting'); };

    function setState(s) {
      state.textContent = s === 'reconnecting' ? 'reconnecting…' : s;
      state.className = 'log-state badge log-state-' + s;
    }

    pauseButton.addEventListener('click', () => {
      paused = !paused;
      pauseButton.textContent = paused ? 'Resume' : 'Pause';
      pauseButton.classList.toggle('active', paused);
      schedule();
    });

    function schedule() {
      if (!scheduled && !paused) {
        scheduled = true;
        requestAnimationFrame(render);
      }
    }

    function render() {
      scheduled = false;
      if (paused) return;
      const fragment = document.createDocumentFragment();
      for (const [seq, line] of queue.splice(0, CHUNK)) {
        const div = document.createElement('div');
        div.className = 'line line-' + line.s + (line.s !== 'sys' && ERROR.test(line.x) ? ' line-error' : '');
        div.id = 'line-' + seq;
        div.dataset.seq = seq;
        // The time is drawn by CSS (::before) from data-ts: not part of the line's text or of a copy.
        if (line.t) div.dataset.ts = clock.format(new Date(line.t));
        div.textContent = line.x;
        fragment.appendChild(div);
        shown++;
      }
      lines.appendChild(fragment);
      while (lines.childElementCount > MAX_DOM_LINES) {
        lines.removeChild(lines.firstElementChild);
        trimmed.classList.remove('d-none');
      }
      count.textContent = shown + (shown === 1 ? ' line' : ' lines');
      if (follow.checked) lines.scrollTop = lines.scrollHeight;
      if (queue.length) {
        schedule();
      } else if (ended) {
        // Only once every line is on the page: whoever waits for the end sees the whole log.
        panel.dataset.ended = 'true';
      }
    }
  }

  function status(s) {
    const badge = document.getElementById('run-status');
    if (badge) {
      badge.textContent = s.status.toLowerCase().replace('_', ' ');
      badge.className = 'badge run-badge run-' + s.status.toLowerCase();
    }
    const cancel = document.getElementById('run-cancel');
    if (cancel && !['QUEUED', 'RUNNING'].includes(s.status)) cancel.remove();
    const exit = document.getElementById('run-exit');
    if (exit) exit.textContent = s.exitCode == null ? '–' : s.exitCode;
    const message = document.getElementById('run-message');
    if (message && s.message) message.textContent = s.message;
    const elapsed = document.getElementById('run-elapsed');
    if (elapsed) {
      if (s.startedAt) elapsed.dataset.started = s.startedAt;
      if (s.endedAt) elapsed.dataset.ended = s.endedAt;
    }
  }

  function hint(h) {
    const box = document.getElementById('run-hints');
    if (!box || box.querySelector('[data-hint="' + h.hint + '"]')) return;
    const div = document.createElement('div');
    div.className = 'alert alert-warning hint';
    div.dataset.hint = h.hint;
    const strong = document.createElement('strong');
    strong.textContent = 'Known problem';
    const at = document.createElement('a');
    at.href = '#line-' + h.line;
    at.textContent = h.line;
    div.append(strong, ' (first seen at event ', at, '): ', h.cause, document.createElement('br'));
    const fix = document.createElement('strong');
    fix.textContent = 'Fix: ';
    div.append(fix, h.fix);
    box.appendChild(div);
  }

  function tick() {
    const el = document.getElementById('run-elapsed');
    if (!el || !el.dataset.started) return;
    const end = el.dataset.ended ? Number(el.dataset.ended) : Date.now();
    const s = Math.max(0, Math.floor((end - Number(el.dataset.started)) / 1000));
    el.textContent = s >= 3600 ? `${Math.floor(s / 3600)}h ${String(Math.floor(s % 3600 / 60)).padStart(2, '0')}m ${String(s % 60).padStart(2, '0')}s`
      : s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
  }

  function start(root) {
    root.querySelectorAll('.log-panel').forEach(viewer);
  }
  start(document);
  // Panels that htmx swaps in (a step card's live tail) get a viewer; those it removes close theirs.
  document.addEventListener('htmx:load', (e) => start(e.target));
  document.addEventListener('htmx:beforeCleanupElement', (e) => {
    if (e.target.logSource) e.target.logSource.close();
  });
  setInterval(tick, 1000);
})();
