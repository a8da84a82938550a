// The page's window.vagt in browser mode, served as /vagt-bridge.js. Plain ES5-ish JS so it
// runs before the app bundle. It holds no secret: the session is an HttpOnly, SameSite=Strict
// cookie (set when the launch page's one-time code was exchanged), sent by the browser with
// every same-origin call and with the event stream. In Electron the preload defines
// window.vagt first and this is a no-op.
export const BRIDGE_SCRIPT = `(function () {
  'use strict';
  if (window.vagt) return;
  function failure(message) {
    return { ok: false, error: { code: 'INTERNAL', message: message } };
  }
  function invoke(method, input) {
    return fetch('/api/' + encodeURIComponent(method), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(input === undefined ? {} : input),
      cache: 'no-store',
      credentials: 'same-origin'
    }).then(function (r) {
      return r.json().catch(function () { return failure('HTTP ' + r.status); });
    }, function () { return failure('Vagtkonsol svarer ikke'); });
  }
  var listeners = [];
  var source = null;
  function connect() {
    source = new EventSource('/events');
    source.onmessage = function (msg) {
      var ev;
      try { ev = JSON.parse(msg.data); } catch (e) { return; }
      listeners.slice().forEach(function (l) { try { l(ev); } catch (e) {} });
    };
  }
  function onEvent(listener) {
    listeners.push(listener);
    if (!source) connect();
    return function () {
      listeners = listeners.filter(function (l) { return l !== listener; });
      if (listeners.length === 0 && source) { source.close(); source = null; }
    };
  }
  Object.defineProperty(window, 'vagt', {
    value: Object.freeze({ mode: 'browser', invoke: invoke, onEvent: onEvent }),
    enumerable: true
  });
})();
`;

/** What Electron serves at the same path: the preload already provides window.vagt. */
