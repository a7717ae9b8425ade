// The phase body is replaced whenever the migration's event stream says something changed. While
// the reader is typing in one of its forms (a sign-off comment, a typed confirmation) that refresh
// waits, so nothing typed is lost; it happens as soon as the reader leaves the form untouched or
// submits it (the submission's answer is a fresh body anyway).
(function () {
    let pending = false;

    function editing() {
        const body = document.getElementById('phase-body');
        if (!body) {
            return false;
        }
        const active = document.activeElement;
        if (active && body.contains(active) && active.matches('input, textarea, select')) {
            return true;
        }
        return Array.from(body.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea'))
            .some(field => field.value !== field.defaultValue);
    }

    // Not an hx-trigger filter: htmx evaluates those with Function(), which the Content-Security-Policy refuses.
    document.addEventListener('htmx:beforeRequest', event => {
        if (event.detail.elt && event.detail.elt.id === 'phase-live' && editing()) {
            pending = true;
            event.preventDefault();
        }
    });

    document.addEventListener('focusout', () => setTimeout(() => {
        const live = document.getElementById('phase-live');
        if (pending && live && !editing()) {
            pending = false;
            htmx.trigger(live, 'sse:changed');
        }
    }, 0));

    document.addEventListener('htmx:afterSwap', event => {
        if (event.detail.target && event.detail.target.id === 'phase-body') {
            pending = false;
        }
    });
})();
