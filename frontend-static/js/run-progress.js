// The run page's progress bar: long steps (restore, final sync, the continuous sync's initial copy,
// verification) send "progress" events on the run's SSE stream; the server replays only the newest
// to a viewer who joins late. This listens on the log viewer's EventSource (panel.logSource, which
// log-viewer.js announces with a "log-source" event) instead of opening a second stream.
// Load it before log-viewer.js so the listener is there when the viewer starts.
(function () {
  'use strict';

  const number = new Intl.NumberFormat('en-US');
  let last = null;

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return i === 0 ? n + ' B' : v.toFixed(1) + ' ' + units[i];
  }

  function duration(s) {
    if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor(s % 3600 / 60)).padStart(2, '0')}m`;
    return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s` : `${s}s`;
  }

  // "1,234 of 5,051 rows · 0.3 MiB of 1.4 MiB · 1,788 rows/s · about 3s left"
  function text(p) {
    const parts = [`${number.format(p.done)} of ${number.format(p.total)} ${p.unit}`];
    if (p.bytesTotal > 0) parts.push(`${bytes(p.bytesDone)} of ${bytes(p.bytesTotal)}`);
    if (p.rate != null && p.state === 'running') parts.push(`${number.format(p.rate)} ${p.unit}/s`);
    if (p.state === 'running') parts.push(p.etaSeconds != null ? `about ${duration(p.etaSeconds)} left` : 'time left not known yet');
    return parts.join(' · ');
  }

  function draw(box, p) {
    last = p;
    box.hidden = false;
    const meter = box.querySelector('.progress');
    const fill = box.querySelector('.progress-bar');
    const state = p.state === 'running' ? '' : p.state;
    meter.setAttribute('aria-valuenow', String(p.percent));
    meter.setAttribute('aria-valuetext', `${p.percent} %${state ? ', ' + state : ''}: ${text(p)}`);
    meter.setAttribute('aria-label', p.label);
    fill.style.width = p.percent + '%';
    fill.textContent = p.percent + ' %';
    fill.classList.toggle('progress-bar-striped', p.state === 'running');
    fill.classList.toggle('progress-bar-animated', p.state === 'running');
    fill.classList.toggle('bg-success', p.state === 'done');
    fill.classList.toggle('bg-danger', p.state === 'failed');
    box.querySelector('.run-progress-label').textContent = p.label;
    box.querySelector('.run-progress-state').textContent = state;
    box.querySelector('.run-progress-text').textContent = text(p);
  }

  // The run ended: a bar still running shows done if the run succeeded, else failed where it stopped.
  function ended(box, status) {
    if (!last || last.state !== 'running') return;
    if (status.status === 'SUCCEEDED') draw(box, Object.assign({}, last, { state: 'done', percent: 100 }));
    else draw(box, Object.assign({}, last, { state: 'failed' }));
  }

  function attach(panel) {
    const box = document.getElementById('run-progress');
    const source = panel.logSource;
    if (!box || !source || panel.dataset.progress) return;
    panel.dataset.progress = 'true';
    source.addEventListener('progress', (e) => draw(box, JSON.parse(e.data)));
    source.addEventListener('end', (e) => ended(box, JSON.parse(e.data)));
  }

  document.addEventListener('log-source', (e) => attach(e.target));
  document.querySelectorAll('.log-panel').forEach(attach);
})();
