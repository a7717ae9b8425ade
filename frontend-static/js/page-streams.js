// A page the reader has left keeps its event streams open while the browser holds it in the
// back/forward cache, and each stream holds one of the six connections a browser opens to one
// host: a few pages later, the next click waits until the server drops one of them (up to a
// minute). So the streams close when the page is hidden, and a page shown again from that cache
// reloads, since what it shows is stale by then.
(function () {
    window.addEventListener('pagehide', () => {
        document.querySelectorAll('[sse-connect]').forEach(element => {
            // htmx-ext-sse (2.2.x) has no public close: it keeps its EventSource in htmx's internal
            // data and closes it only on cleanup, which would empty the page. An upgrade that moves
            // it fails LivePagesBrowserTest.aPageLeftForAnotherClosesItsStream.
            const data = element['htmx-internal-data'];
            if (data && data.sseEventSource) {
                data.sseEventSource.close();
            }
        });
        document.querySelectorAll('.log-panel').forEach(panel => {
            if (panel.logSource) {
                panel.logSource.close();
            }
        });
    });
    window.addEventListener('pageshow', event => {
        if (event.persisted) {
            location.reload();
        }
    });
})();
