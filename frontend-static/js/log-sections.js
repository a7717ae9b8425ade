// Folds a run log GitHub Actions style: each "$ command" line the panel prints before it starts a
// command heads a section that lasts until the next one, and the button on that line hides or shows
// the lines below it. log-viewer.js only appends lines to .log-lines (and trims the oldest); this
// script watches for them with a MutationObserver and keeps the DOM flat, no wrapper elements, so the
// viewer's trimming, following, counting and #line-N anchors work exactly as without it.
(function () {
  'use strict';

  const COMMAND = /^\$ /;

  function watch(lines) {
    if (lines.dataset.sections) return;
    lines.dataset.sections = 'true';
    let head = null; // the command line whose section new lines belong to
    let heads = 0;

    function added(node) {
      if (!(node instanceof HTMLElement) || !node.classList.contains('line')) return;
      if (node.classList.contains('line-sys') && COMMAND.test(node.textContent)) {
        head = makeHead(node, ++heads);
      } else if (head) {
        node.dataset.section = head.dataset.sectionHead;
        if (head.classList.contains('log-folded')) {
          node.classList.add('log-fold-hidden');
          countFolded(head);
        }
      }
    }

    // A command line trimmed off the top while folded must not leave its lines hidden for good.
    function removed(node) {
      if (!(node instanceof HTMLElement) || !node.dataset.sectionHead) return;
      sectionOf(lines, node).forEach((line) => line.classList.remove('log-fold-hidden'));
      if (node === head) head = null;
    }

    new MutationObserver((records) => records.forEach((r) => {
      r.removedNodes.forEach(removed);
      r.addedNodes.forEach(added);
    })).observe(lines, { childList: true });
    lines.querySelectorAll(':scope > .line').forEach(added);
  }

  function makeHead(line, number) {
    line.dataset.sectionHead = number;
    line.classList.add('log-section-head');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'log-fold';
    // No text of its own (the arrow is CSS): the line's text, its copy and the download stay the same.
    button.setAttribute('aria-label', 'Output of this command');
    button.setAttribute('aria-expanded', 'true');
    button.addEventListener('click', () => fold(line, button.getAttribute('aria-expanded') === 'true'));
    line.prepend(button);
    return line;
  }

  function fold(head, folded) {
    head.classList.toggle('log-folded', folded);
    head.querySelector('.log-fold').setAttribute('aria-expanded', String(!folded));
    sectionOf(head.parentElement, head).forEach((line) => line.classList.toggle('log-fold-hidden', folded));
    countFolded(head);
  }

  function countFolded(head) {
    const n = head.classList.contains('log-folded') ? sectionOf(head.parentElement, head).length : 0;
    if (n) head.dataset.foldedLines = n === 1 ? '1 line' : n + ' lines';
    else delete head.dataset.foldedLines;
  }

  function sectionOf(lines, head) {
    return lines.querySelectorAll(':scope > .line[data-section="' + head.dataset.sectionHead + '"]');
  }

  function start(root) {
    root.querySelectorAll('.log-panel .log-lines').forEach(watch);
  }
  start(document);
  document.addEventListener('htmx:load', (e) => start(e.target));
})();
