// Continuous sync's live status: one "sync" event a second over SSE (EventSource reconnects by
// itself). Shows lag, the WAL the slot keeps against the source volume, and a draining backlog
// with its expected time, so nobody stops the app in the middle of one.
(function () {
  'use strict';

  function size(bytes) {
    if (bytes == null) return '—';
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let v = bytes, u = 0;
    while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
    return (u === 0 ? v : v.toFixed(1)) + ' ' + units[u];
  }

  function show(el, text, cls) {
    el.hidden = !text;
    el.textContent = text || '';
    if (cls) el.className = el.className.replace(/alert-(warning|danger|info)/g, '') + ' ' + cls;
  }

  function render(box, s) {
    box.querySelector('.sync-state').textContent = s.state;
    box.querySelector('.sync-mode').textContent = s.mode === 'PANEL' ? 'panel-applied' : s.mode === 'NATIVE' ? 'native subscription' : '';
    const live = s.state === 'STREAMING' || s.state === 'COPYING';
    box.querySelector('.sync-lag').textContent = live
      ? size(s.lagBytes) + (s.lagSeconds != null ? ' · ' + s.lagSeconds.toFixed(1) + ' s' : '') : '—';
    box.querySelector('.sync-retained').textContent = s.state === 'NONE' || s.state === 'CLEANED' || s.state === 'FAILED' ? '—'
      : size(s.retainedBytes) + (s.volumeBytes ? ' of a ' + size(s.volumeBytes) + ' volume' : '');
    box.querySelector('.sync-applied').textContent = s.transactionsApplied
      ? s.transactionsApplied + ' transactions, ' + s.changesApplied + ' changes' : (s.appliedLsn || '—');
    const b = s.backlog;
    let backlog = '';
    if (b) {
      const eta = b.etaSeconds != null ? 'about ' + Math.ceil(b.etaSeconds) + ' s left at ' + size(b.applyBytesPerSecond) + '/s' : 'pace not known yet';
      backlog = 'A backlog of ' + size(b.bytes) + ' is draining (' + eta + ')'
        + (b.transactionBytes ? '; one large transaction of ' + size(b.transactionBytes) + ', ' + size(b.transactionBytesLeft) + ' still to apply' : '')
        + '. Do not stop the app until it has drained: the wait would become downtime.';
    }
    show(box.querySelector('.sync-backlog'), backlog);
    show(box.querySelector('.sync-retention'), s.retention !== 'ok' ? s.retentionMessage : '', s.retention === 'danger' ? 'alert-danger' : 'alert-warning');
    show(box.querySelector('.sync-problem'), s.problem);
  }

  document.querySelectorAll('[data-sync-events]').forEach((box) => {
    const source = new EventSource(box.dataset.syncEvents);
    source.addEventListener('sync', (e) => render(box, JSON.parse(e.data)));
  });
})();
