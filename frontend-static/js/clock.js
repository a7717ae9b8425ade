// Running clocks: every element with data-clock-since (epoch ms) shows the time elapsed since then,
// up to data-clock-until when that is set. Used for the downtime banner.
(function () {
  'use strict';
  function format(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    const pad = (n) => String(n).padStart(2, '0');
    return s >= 3600 ? `${Math.floor(s / 3600)}h ${pad(Math.floor(s % 3600 / 60))}m ${pad(s % 60)}s`
      : s >= 60 ? `${Math.floor(s / 60)}m ${pad(s % 60)}s` : `${s}s`;
  }
  function tick() {
    document.querySelectorAll('[data-clock-since]').forEach((el) => {
      const until = el.dataset.clockUntil ? Number(el.dataset.clockUntil) : Date.now();
      el.textContent = format(until - Number(el.dataset.clockSince));
    });
  }
  tick();
  setInterval(tick, 1000);
})();
