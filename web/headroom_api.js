// window.Headroom: the page's JavaScript API and the browser glue, linked into headroom.js as
// --pre-js so the page shell needs no inline script. Speaks the same JSON contract as the CLI.
//   await Headroom.ready;                       // resolves once the app has started
//   Headroom.estimate(scenario) -> object       // scenario: object or JSON text; the Estimate,
//                                               // or {error, field} for bad input (no throw)
//   Headroom.getScenario() -> object            // the scenario on screen
//   Headroom.setScenario(scenario)              // shows it (throws Error on bad input)
//   Headroom.getHash() -> string                // the URL hash for the view (without '#')
//   Headroom.hashToScenario(hash) -> object     // the codec alone: what a hash describes
//   Headroom.notices() -> [string]              // what was wrong with the link, if anything
//   Headroom.setUnit('GB' | 'GiB'); Headroom.setTheme('dark' | 'light');  // both remembered
//   Headroom.copyLink(); Headroom.frames() -> frames drawn so far
//   Headroom.openPanels(['tables', 'spec'] | 'all')  // opens those panels, closes the rest
// The glue only moves strings: the hash codec is C++ (ui/url_state.cpp). It keeps the URL hash
// in step with the scenario (history.replaceState, no history entries), applies the hash on
// load and on hashchange, remembers the unit and theme in localStorage, and registers the
// service worker (web/sw.js) when served over http(s).
Module['canvas'] = document.getElementById('canvas');
(function () {
  var UNIT_KEY = 'headroom.unit', THEME_KEY = 'headroom.theme';
  var resolveReady, rejectReady;
  var ready = new Promise(function (resolve, reject) { resolveReady = resolve; rejectReady = reject; });
  function status(text, isError) {
    var el = document.getElementById('status');
    if (!el) return;
    if (!text) { el.hidden = true; return; }
    el.hidden = false;
    el.textContent = text;
    el.className = isError ? 'error' : '';
  }
  function asText(value) { return typeof value === 'string' ? value : JSON.stringify(value); }
  function call(name, ret, types, args) { return Module['ccall'](name, ret, types, args); }
  function lines(text) { return text ? text.replace(/\n$/, '').split('\n') : []; }

  // localStorage can throw (privacy modes, file:// in some browsers): preferences are optional.
  function load(key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* optional */ } }

  var darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  function systemTheme() { return darkQuery && !darkQuery.matches ? 'light' : 'dark'; }
  function showTheme(theme) {
    document.documentElement.setAttribute('data-theme', theme);
  }
  function applyTheme(theme) {
    showTheme(theme);
    call('headroom_set_prefs', null, ['number', 'number'], [-1, theme === 'light' ? 1 : 0]);
  }

  function pageUrl(hash) { return location.href.split('#')[0] + (hash ? '#' + hash : ''); }
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyFallback(text); });
    }
    return copyFallback(text);
  }
  function copyFallback(text) {
    return new Promise(function (resolve, reject) {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error('the clipboard is not available'));
    });
  }

  var api = {
    ready: ready,
    estimate: function (scenario) {
      return JSON.parse(call('headroom_estimate', 'string', ['string'], [asText(scenario)]));
    },
    getScenario: function () {
      return JSON.parse(call('headroom_get_scenario', 'string', [], []));
    },
    setScenario: function (scenario) {
      var error = call('headroom_set_scenario', 'string', ['string'], [asText(scenario)]);
      if (error) throw new Error(error);
    },
    getHash: function () { return call('headroom_get_hash', 'string', [], []); },
    hashToScenario: function (hash) {
      return JSON.parse(call('headroom_hash_to_scenario', 'string', ['string'], [String(hash)]));
    },
    notices: function () { return lines(call('headroom_notices', 'string', [], [])); },
    dismissNotices: function () { call('headroom_dismiss_notices', null, [], []); },
    setUnit: function (unit) {
      save(UNIT_KEY, unit === 'GiB' ? 'GiB' : 'GB');
      call('headroom_set_unit', null, ['number'], [unit === 'GiB' ? 1 : 0]);
    },
    setTheme: function (theme) {
      var t = theme === 'light' ? 'light' : 'dark';
      save(THEME_KEY, t);
      applyTheme(t);
    },
    copyLink: function () { return copyText(pageUrl(api.getHash())); },
    frames: function () { return call('headroom_frames', 'number', [], []); },
    openPanels: function (ids) {
      call('headroom_open_panels', null, ['string'], [Array.isArray(ids) ? ids.join(',') : String(ids)]);
    },
  };

  // C++ -> page: the hash changed, a button asked for the clipboard or a new tab, the user
  // picked a unit or theme.
  Module['onHeadroomHash'] = function (hash) {
    if (location.hash.replace(/^#/, '') === hash) return;
    try { history.replaceState(history.state, '', pageUrl(hash)); } catch (e) { /* sandboxed */ }
  };
  Module['onHeadroomCopyLink'] = function (hash) {
    copyText(pageUrl(hash)).then(function () { call('headroom_link_copied', null, [], []); },
      function (error) { console.warn('Headroom: copy link: ' + error.message); });
  };
  Module['onHeadroomCopyText'] = function (text) {
    copyText(text).then(function () { call('headroom_text_copied', null, [], []); },
      function (error) { console.warn('Headroom: copy: ' + error.message); });
  };
  Module['onHeadroomOpen'] = function (hash) { window.open(pageUrl(hash), '_blank', 'noopener'); };
  Module['onHeadroomPrefs'] = function (unit, theme) {
    save(UNIT_KEY, unit);
    save(THEME_KEY, theme);
    showTheme(theme);
  };

  Module['onHeadroomReady'] = function () {
    var initialHash = location.hash;  // before anything can rewrite it
    status('');
    var storedTheme = load(THEME_KEY);
    var theme = storedTheme === 'light' || storedTheme === 'dark' ? storedTheme : systemTheme();
    var unit = load(UNIT_KEY);
    showTheme(theme);
    call('headroom_set_prefs', null, ['number', 'number'],
      [unit === 'GiB' ? 1 : unit === 'GB' ? 0 : -1, theme === 'light' ? 1 : 0]);
    call('headroom_apply_hash', 'string', ['string'], [initialHash]);  // u= beats the saved unit
    window.addEventListener('hashchange', function () {
      call('headroom_apply_hash', 'string', ['string'], [location.hash]);
    });
    if (darkQuery && darkQuery.addEventListener) {
      darkQuery.addEventListener('change', function () {
        var stored = load(THEME_KEY);
        if (stored !== 'light' && stored !== 'dark') applyTheme(systemTheme());
      });
    }
    resolveReady(api);
  };
  Module['onHeadroomFailed'] = function (why) {
    status('Headroom cannot start: ' + why, true);
    rejectReady(new Error(why));
  };
  Module['onAbort'] = function (why) { Module['onHeadroomFailed'](String(why)); };
  window['Headroom'] = api;
  // The browser's own context menu over a canvas only offers "save image".
  Module['canvas'].addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // Offline: the service worker precaches the static files (web/sw.js). Not from file:// (the
  // single-file build) and not where the browser has none.
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol) &&
      !document.documentElement.hasAttribute('data-no-sw')) {
    window.addEventListener('load', function () {
      navigator.serviceWorker.register('sw.js').catch(function (error) {
        console.warn('Headroom: offline cache unavailable: ' + error.message);
      });
    });
  }
})();
