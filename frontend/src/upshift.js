// The panel's own small script: CSRF for htmx, dates in the viewer's local time, a console that follows output.
(function () {
  'use strict';

  // Every htmx request carries the CSRF token that Spring Security put in the page's meta tags.
  document.addEventListener('htmx:configRequest', function (evt) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      evt.detail.headers[header.content] = token.content;
    }
  });

  // <time datetime="...Z"> elements are rendered in UTC by the server; show local time, keep UTC on hover.
  function localizeTimes(root) {
    (root || document).querySelectorAll('time[datetime]:not([data-localized])').forEach(function (el) {
      var d = new Date(el.getAttribute('datetime'));
      if (isNaN(d)) { return; }
      el.title = d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
      el.textContent = d.toLocaleString();
      el.setAttribute('data-localized', '');
    });
  }

  // A console scrolls with new output unless the reader scrolled up to read something.
  function followConsoles(root) {
    (root || document).querySelectorAll('.console[data-follow]').forEach(function (el) {
      if (el.dataset.pinned !== 'false') { el.scrollTop = el.scrollHeight; }
      if (!el.dataset.bound) {
        el.dataset.bound = '1';
        el.addEventListener('scroll', function () {
          el.dataset.pinned = (el.scrollTop + el.clientHeight >= el.scrollHeight - 8) ? 'true' : 'false';
        });
      }
    });
  }

  function enhance(root) { localizeTimes(root); followConsoles(root); }
  document.addEventListener('DOMContentLoaded', function () { enhance(document); });
  document.addEventListener('htmx:afterSettle', function (evt) { enhance(evt.target); });
  document.addEventListener('htmx:sseMessage', function (evt) { enhance(evt.target); });
}());

// The SSE stream's state, shown on pages that have a [data-stream-status] badge: a lost connection is said out loud
// (the extension reconnects by itself, with back-off).
(function () {
  'use strict';
  function setStatus(text, cls) {
    document.querySelectorAll('[data-stream-status]').forEach(function (el) {
      el.textContent = text;
      el.className = 'badge ' + cls;
    });
  }
  document.addEventListener('htmx:sseOpen', function () { setStatus('live', 'ok'); });
  document.addEventListener('htmx:sseError', function () { setStatus('connection lost — reconnecting…', 'bad'); });
  document.addEventListener('htmx:sseClose', function () { setStatus('disconnected', 'bad'); });
}());

// Forms that need a second thought carry data-confirm (no inline handlers: the CSP allows scripts from 'self' only).
document.addEventListener('submit', function (evt) {
  'use strict';
  var form = evt.target;
  if (form.dataset && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    evt.preventDefault();
  }
}, true);

// A console that is itself the SSE swap target (output lines appended beforeend) follows new lines as well, unless
// the reader scrolled up (followConsoles above only looks inside the swapped element).
document.addEventListener('htmx:sseMessage', function (evt) {
  'use strict';
  var el = evt.target;
  if (el && el.matches && el.matches('.console[data-follow]') && el.dataset.pinned !== 'false') {
    el.scrollTop = el.scrollHeight;
  }
});
