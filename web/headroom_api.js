// window.Headroom: the page's JavaScript API and the browser glue, linked into headroom.js as
// --pre-js so the page shell needs no inline script. Speaks the same JSON contract as the CLI.
//   await Headroom.ready;                       // resolves once the app has started
//   Headroom.estimate(scenario) -> object       // scenario: object or JSON text; the Estimate,
//                                               // or {error, field} for bad input (no throw)
//   Headroom.getScenario() -> object            // the scenario on screen
//   Headroom.setScenario(scenario)              // shows it (throws Error on bad input)
//   Headroom.getHash() -> string                // the URL hash for the view (without '#')
//   Headroom.hashToScenario(hash) -> object     // the codec alone: what a hash describes
//   Headroom.notices() -> [string]              // what was wrong with the link, then other messages
//   Headroom.setUnit('GB' | 'GiB'); Headroom.setTheme('dark' | 'light');  // both remembered
//   Headroom.copyLink(); Headroom.frames() -> frames drawn so far
//   Headroom.idle() -> true when no frame is due (what the last input changed is drawn)
//   Headroom.openPanels(['tables', 'spec'] | 'all')  // opens those panels, closes the rest
//   Headroom.itemRect('copy-link') -> {x, y, width, height, focused} | null  // a named control,
//                                               // CSS px; focused: keyboard navigation is on it
//   Headroom.importFile(file) -> Promise<{imported, info}>  // a File/Blob: .gguf, .safetensors,
//                                               // config.json, *index.json; rejects with Error
//   Headroom.importFiles([file, ...]) -> Promise // the parts of one split GGUF, read together
//   Headroom.importText(name, text) -> Promise  // pasted config.json text
//   Headroom.zipHash(hash) -> Promise<string>   // s= deflated to z= (the address bar's form)
//   Headroom.imported() -> [model]              // the imported models (kept in localStorage)
// Drop files anywhere on the page (a split GGUF's parts are grouped by name), or paste
// config.json text, for the same import. GGUF and
// safetensors files are read in growing File.slice prefixes (1 MiB first, up to 64 MiB of
// header), never whole.
// The glue only moves strings: the hash codec is C++ (ui/url_state.cpp). It keeps the URL hash
// in step with the scenario (history.replaceState, no history entries, at most every 0.4 s while
// it changes, the last change always), applies the hash on
// load and on hashchange, remembers the unit and theme in localStorage, and registers the
// service worker (web/sw.js) when served over http(s).
// Closure (ADVANCED, web/CMakeLists.txt) renames every property it sees written with a dot:
// names that cross into JSON, the C++ side or the page's callers are quoted, so they stay.
Module['canvas'] = document.getElementById('canvas');
(function () {
  var UNIT_KEY = 'headroom.unit', THEME_KEY = 'headroom.theme', IMPORTED_KEY = 'headroom.imported';
  var FIRST_SLICE = 1 << 20, MAX_SLICE = 64 << 20;
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
  function save(key, value) {  // -> whether the browser kept it
    try { window.localStorage.setItem(key, value); return true; } catch (e) { return false; }
  }

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

  // One call into the C++ import funnel with each file's first bytes ([{name, bytes, size}],
  // bytes a Uint8Array): the prefixes travel one after the other in one buffer.
  function importBytes(parts) {
    var length = 0;
    parts.forEach(function (p) { length += p.bytes.length; });
    var ptr = length ? _malloc(length) : 0;
    try {
      var at = 0;
      var list = parts.map(function (p) {
        HEAPU8.set(p.bytes, ptr + at);
        at += p.bytes.length;
        return { 'name': String(p.name), 'length': p.bytes.length, 'size': p.size };
      });
      return JSON.parse(call('headroom_import', 'string', ['string', 'number', 'number'],
        [JSON.stringify(list), ptr, length]));
    } finally {
      if (ptr) _free(ptr);
    }
  }
  function readSlice(file, end) {
    var blob = file.slice(0, end);
    if (blob.arrayBuffer) return blob.arrayBuffer().then(function (b) { return new Uint8Array(b); });
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () { resolve(new Uint8Array(reader.result)); };
      reader.onerror = function () { reject(reader.error || new Error('the file could not be read')); };
      reader.readAsArrayBuffer(blob);
    });
  }
  // Settles an import: keeps the list, clears the progress line; errors go to the notice banner.
  function finishImport(name, answer) {
    status('');
    if (answer['error']) {
      call('headroom_add_notice', null, ['string'], [answer['error']]);
      throw new Error(answer['error']);
    }
    if (answer['list'] && !save(IMPORTED_KEY, JSON.stringify(answer['list']))) {
      // Private modes and full storage refuse it: say so rather than lose the model at reload.
      call('headroom_add_notice', null, ['string'], ['"' + name + '" is imported for this visit only: the browser ' +
        'would not store it (storage full or blocked). Copy link keeps it: the link carries the model.']);
    }
    if (!answer['imported']) {
      var info = answer['info'] || {};
      var what = info['format'] + ' "' + name + '": ' + (info['tensors'] || 0) + ' tensors' +
        (info['weights_bytes'] ? ', ' + (info['weights_bytes'] / 1e9).toFixed(2) + ' GB of weights' : '') +
        '. It names no architecture: import its config.json for the model.';
      call('headroom_add_notice', null, ['string'], [what]);
    }
    return answer;
  }
  // A file, or the parts of one split GGUF (read together): the first slice of each, then
  // larger slices of whichever file the header still runs past.
  function importFiles(files) {
    return ready.then(function () {
      var parts = files.map(function (file) {
        var name = file && file.name ? String(file.name) : 'model.gguf';
        var isJson = /\.json$/i.test(name);
        return { file: file, name: name, size: file.size, isJson: isJson,
          want: isJson ? file.size : Math.min(file.size, FIRST_SLICE), bytes: null };
      });
      var name = parts[0].name + (parts.length > 1 ? ' and ' + (parts.length - 1) + ' more part(s)' : '');
      var tooBig = parts.filter(function (p) { return p.isJson && p.size > MAX_SLICE; })[0];
      if (tooBig) {
        return finishImport(name, { 'error': 'Cannot import "' + tooBig.name + '": a JSON file of over 64 MiB is not a config' });
      }
      function read(p) {
        status('Reading ' + p.name + ' (' + Math.round(p.want / 1024) + ' KiB of ' + Math.round(p.size / 1024) + ' KiB)');
        // A file that cannot be read (moved, deleted, a folder) ends the import with a notice,
        // not a progress line left on screen.
        return readSlice(p.file, p.want).then(function (bytes) { p.bytes = bytes; }, function (error) {
          return finishImport(name, { 'error': 'Cannot import "' + p.name + '": the browser could not read it (' +
            (error && error.message ? error.message : String(error)) + ')' });
        });
      }
      function step() {
        var answer = importBytes(parts);
        if (answer['need'] === undefined) return finishImport(name, answer);
        var p = parts[answer['file']] || parts[0];
        var next = Math.min(p.size, Math.max(answer['need'], p.want * 2));
        if (answer['need'] > MAX_SLICE || next <= p.want) {
          return finishImport(name, { 'error': 'Cannot import "' + p.name + '": its header is larger than ' +
            (MAX_SLICE >> 20) + ' MiB (it asks for ' + answer['need'] + ' bytes)' });
        }
        p.want = Math.min(next, MAX_SLICE);
        return read(p).then(step);
      }
      return parts.reduce(function (chain, p) { return chain.then(function () { return read(p); }); },
        Promise.resolve()).then(step);
    });
  }
  function importFile(file) { return importFiles([file]); }
  // Dropped files -> import groups: the parts of each split GGUF ("x-00001-of-00003.gguf")
  // together, every other file alone.
  function importGroups(files) {
    var groups = [], byPrefix = {};
    files.forEach(function (file) {
      var m = /^(.*)-(\d{5})-of-(\d{5})\.gguf$/i.exec(String(file.name || ''));
      if (!m) { groups.push([file]); return; }
      var key = m[1] + '/' + m[3];
      if (!byPrefix[key]) groups.push(byPrefix[key] = []);
      byPrefix[key].push(file);
    });
    return groups;
  }
  function importText(name, text) {
    return ready.then(function () {
      var bytes = new TextEncoder().encode(String(text));
      return finishImport(name, importBytes([{ name: name || 'config.json', bytes: bytes, size: bytes.length }]));
    });
  }

  var api = {
    'ready': ready,
    'importFile': importFile,
    'importFiles': function (files) { return importFiles(Array.prototype.slice.call(files)); },
    'importText': importText,
    'imported': function () { return JSON.parse(call('headroom_imported', 'string', [], [])); },
    'estimate': function (scenario) {
      return JSON.parse(call('headroom_estimate', 'string', ['string'], [asText(scenario)]));
    },
    'getScenario': function () {
      return JSON.parse(call('headroom_get_scenario', 'string', [], []));
    },
    'setScenario': function (scenario) {
      var error = call('headroom_set_scenario', 'string', ['string'], [asText(scenario)]);
      if (error) throw new Error(error);
    },
    'getHash': function () { return call('headroom_get_hash', 'string', [], []); },
    'hashToScenario': function (hash) {
      return JSON.parse(call('headroom_hash_to_scenario', 'string', ['string'], [String(hash)]));
    },
    'notices': function () { return lines(call('headroom_notices', 'string', [], [])); },
    'dismissNotices': function () { call('headroom_dismiss_notices', null, [], []); },
    'setUnit': function (unit) {
      save(UNIT_KEY, unit === 'GiB' ? 'GiB' : 'GB');
      call('headroom_set_unit', null, ['number'], [unit === 'GiB' ? 1 : 0]);
    },
    'setTheme': function (theme) {
      var t = theme === 'light' ? 'light' : 'dark';
      save(THEME_KEY, t);
      applyTheme(t);
    },
    'copyLink': function () { return zipHash(api['getHash']()).then(function (h) { return copyText(pageUrl(h)); }); },
    'zipHash': zipHash,
    'frames': function () { return call('headroom_frames', 'number', [], []); },
    'idle': function () { return call('headroom_idle', 'number', [], []) === 1; },
    // Where a named control (ui/item_rects.h: 'copy-link', 'model-picker', ...) was drawn last,
    // in CSS pixels of the page, or null: for tests that click or tap it.
    'itemRect': function (name) {
      var r = JSON.parse(call('headroom_item_rect', 'string', ['string'], [String(name)]));
      if (!r) return null;
      var box = canvas.getBoundingClientRect(), k = box.width / canvas.width;
      return { 'x': box.left + r['x'] * k, 'y': box.top + r['y'] * k, 'width': r['w'] * k, 'height': r['h'] * k,
        'focused': r['focused'] };
    },
    'openPanels': function (ids) {
      call('headroom_open_panels', null, ['string'], [Array.isArray(ids) ? ids.join(',') : String(ids)]);
    },
  };

  // Compact links: the packed scenario (s=, base64url JSON: an imported model travels whole)
  // is deflated into z= where the browser has CompressionStream; z= is inflated back to s=
  // before the C++ codec reads it. A damaged z= becomes a damaged s= (one notice, defaults).
  var canZip = typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
  function fromBase64url(text) {
    var b = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
    var out = new Uint8Array(b.length);
    for (var i = 0; i < b.length; ++i) out[i] = b.charCodeAt(i);
    return out;
  }
  function toBase64url(bytes) {
    var b = '';
    for (var i = 0; i < bytes.length; i += 0x8000) b += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(b).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function through(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer()
      .then(function (b) { return new Uint8Array(b); });
  }
  var PACKED = /(^|&)s=([^&]*)/, ZIPPED = /(^|&)z=([^&]*)/;
  function zipHash(hash) {  // -> Promise of the hash with s= deflated (or as it was)
    var m = PACKED.exec(hash);
    if (!canZip || !m) return Promise.resolve(hash);
    return through(fromBase64url(m[2]), new CompressionStream('deflate-raw')).then(function (z) {
      var zipped = toBase64url(z);
      return zipped.length < m[2].length ? hash.replace(m[0], m[1] + 'z=' + zipped) : hash;
    }, function () { return hash; });
  }
  function unzipHash(hash, then) {  // calls then(hash with z= inflated to s=): at once without z=
    var text = hash.replace(/^#/, '');
    var m = ZIPPED.exec(text);
    if (!m || !canZip) { then(hash); return; }
    var inflated;
    try {
      inflated = through(fromBase64url(m[2]), new DecompressionStream('deflate-raw'));
    } catch (e) {
      inflated = Promise.reject(e);
    }
    inflated.then(function (json) { then(text.replace(m[0], m[1] + 's=' + toBase64url(json))); },
      function () { then(text.replace(m[0], m[1] + 's=!')); });
  }
  // A dragged slider changes the hash every frame, and browsers ignore (Chromium, past 200 calls
  // in 10 s) or refuse (WebKit, past 100) history.replaceState called that often: the address
  // bar kept an older scenario than the one on screen. So the address is written at once after a
  // quiet spell, then at most every HASH_WRITE_MS, the last hash always: 25 calls in 10 s at most.
  var HASH_WRITE_MS = 400;
  var pendingHash = null, hashTimer = 0, lastHashWrite = -Infinity;
  function writeHash(hash) {
    pendingHash = hash;
    var wait = lastHashWrite + HASH_WRITE_MS - performance.now();
    if (wait <= 0) flushHash();
    else if (!hashTimer) hashTimer = setTimeout(flushHash, wait);
  }
  function flushHash() {
    clearTimeout(hashTimer);
    hashTimer = 0;
    var hash = pendingHash;
    pendingHash = null;
    if (hash === null || location.hash.replace(/^#/, '') === hash) return;
    lastHashWrite = performance.now();
    try { history.replaceState(history.state, '', pageUrl(hash)); } catch (e) { /* sandboxed */ }
  }
  // Leaving the page (tab closed, hidden, put in the back-forward cache) writes what is pending.
  window.addEventListener('pagehide', flushHash);
  document.addEventListener('visibilitychange', function () { if (document.hidden) flushHash(); });

  // C++ -> page: the hash changed, a button asked for the clipboard or a new tab, the user
  // picked a unit or theme.
  var hashWrites = 0;
  Module['onHeadroomHash'] = function (hash) {
    var write = ++hashWrites;
    if (!canZip || !PACKED.test(hash)) { writeHash(hash); return; }
    zipHash(hash).then(function (zipped) { if (write === hashWrites) writeHash(zipped); });
  };
  // A refused clipboard (no permission, an insecure page, a sandboxed frame) is said on the page:
  // the button otherwise looks as if it did nothing.
  function copyRefused(what, error) {
    call('headroom_add_notice', null, ['string'], ['Could not copy the ' + what + ': the browser refused the ' +
      'clipboard (' + error.message + ').' + (what === 'link' ? ' The address bar holds the same link.' : '')]);
  }
  Module['onHeadroomCopyLink'] = function (hash) {
    zipHash(hash).then(function (zipped) { return copyText(pageUrl(zipped)); })
      .then(function () { call('headroom_link_copied', null, [], []); },
        function (error) { copyRefused('link', error); });
  };
  Module['onHeadroomCopyText'] = function (text) {
    copyText(text).then(function () { call('headroom_text_copied', null, [], []); },
      function (error) { copyRefused('text', error); });
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
    var kept = load(IMPORTED_KEY);
    if (kept) call('headroom_set_imported', 'number', ['string'], [kept]);
    window.addEventListener('hashchange', function () {
      pendingHash = null;  // the address the user typed wins over a write still waiting
      unzipHash(location.hash, function (hash) { call('headroom_apply_hash', 'string', ['string'], [hash]); });
    });
    if (darkQuery && darkQuery.addEventListener) {
      darkQuery.addEventListener('change', function () {
        var stored = load(THEME_KEY);
        if (stored !== 'light' && stored !== 'dark') applyTheme(systemTheme());
      });
    }
    unzipHash(initialHash, function (hash) {
      call('headroom_apply_hash', 'string', ['string'], [hash]);  // u= beats the saved unit
      resolveReady(api);
    });
  };
  Module['onHeadroomFailed'] = function (why) {
    status('Headroom cannot start: ' + why, true);
    rejectReady(new Error(why));
  };
  Module['onAbort'] = function (why) { Module['onHeadroomFailed'](String(why)); };
  window['Headroom'] = api;

  // Drop a model file anywhere on the page; paste config.json text (outside a text field).
  function reportFailure(error) { console.warn('Headroom: import: ' + error.message); }
  document.addEventListener('dragover', function (e) {
    if (e.dataTransfer && Array.prototype.indexOf.call(e.dataTransfer.types || [], 'Files') >= 0) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  });
  document.addEventListener('drop', function (e) {
    var files = e.dataTransfer && e.dataTransfer.files;
    if (!files || !files.length) return;
    e.preventDefault();
    var chain = Promise.resolve();
    importGroups(Array.prototype.slice.call(files)).forEach(function (group) {
      chain = chain.then(function () { return importFiles(group); }).catch(reportFailure);
    });
  });
  window.addEventListener('paste', function (e) {
    var target = e.target;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
    var text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
    if (!/^\s*\{/.test(text) || !/"(model_type|hidden_size|text_config)"/.test(text)) return;  // not a config.json
    e.preventDefault();
    var label = 'pasted config.json';
    try {
      var config = JSON.parse(text);
      var named = config['_name_or_path'] || config['model_type'];
      if (typeof named === 'string' && named) label = named.split('/').pop() + ' config.json';
    } catch (error) { /* the import says what is wrong */ }
    importText(label, text).catch(reportFailure);
  });
  // The browser's own context menu over a canvas only offers "save image".
  Module['canvas'].addEventListener('contextmenu', function (e) { e.preventDefault(); });

  // Touch. Emscripten 3.1.6's GLFW takes touchstart/touchend as mouse buttons but never moves
  // its cursor for them (library_browser.js reads touch positions only for SDL), so a tap
  // would click wherever the mouse last was. These listeners, added before GLFW's, turn one
  // finger into the mouse events GLFW understands, at the finger: a tap is a click; a finger
  // that moves sideways drags (the context slider); one that moves up or down scrolls what is
  // under it, as wheel events. A second finger is ignored.
  var canvas = Module['canvas'];
  var finger = null;  // {id, x, y, mode: 'tap' | 'drag' | 'scroll', rest}
  var SLOP = 8;       // CSS px a finger may wander and still tap
  var WHEEL_PER_PX = 100 / 75;  // on_scroll (web/main.cpp): 100 px = 1 notch = 5 x 15 px lines
  function mouse(type, t) {
    canvas.dispatchEvent(new MouseEvent(type, { clientX: t.clientX, clientY: t.clientY, screenX: t.screenX,
      screenY: t.screenY, button: 0, buttons: type === 'mouseup' ? 0 : 1, bubbles: true, cancelable: true }));
  }
  function ours(e) {
    for (var i = 0; finger && i < e.changedTouches.length; ++i) {
      if (e.changedTouches[i].identifier === finger.id) return e.changedTouches[i];
    }
    return null;
  }
  canvas.addEventListener('touchstart', function (e) {
    e.preventDefault();
    e.stopImmediatePropagation();
    if (finger) return;
    var t = e.changedTouches[0];
    finger = { id: t.identifier, x: t.clientX, y: t.clientY, mode: 'tap', rest: 0 };
    mouse('mousemove', t);  // hover first: ImGui reads the position the frame it sees the press
  }, { capture: true, passive: false });
  canvas.addEventListener('touchmove', function (e) {
    e.preventDefault();
    e.stopImmediatePropagation();
    var t = ours(e);
    if (!t) return;
    var dx = t.clientX - finger.x, dy = t.clientY - finger.y;
    if (finger.mode === 'tap' && Math.abs(dx) + Math.abs(dy) > SLOP) {
      finger.mode = Math.abs(dx) > Math.abs(dy) ? 'drag' : 'scroll';
      if (finger.mode === 'drag') mouse('mousedown', { clientX: finger.x, clientY: finger.y });
    }
    if (finger.mode === 'drag') {
      mouse('mousemove', t);
    } else if (finger.mode === 'scroll') {
      finger.rest += (finger.y - t.clientY) * WHEEL_PER_PX;
      finger.y = t.clientY;
      if (Math.abs(finger.rest) >= 10) {  // smaller deltas would read as lines (web/main.cpp)
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: finger.rest, deltaMode: 0, clientX: finger.x,
          clientY: finger.y, bubbles: true, cancelable: true }));
        finger.rest = 0;
      }
    }
  }, { capture: true, passive: false });
  function release(e) {
    e.preventDefault();
    e.stopImmediatePropagation();
    var t = ours(e);
    if (!t) return;
    if (finger.mode === 'tap') mouse('mousedown', t);
    if (finger.mode !== 'scroll') mouse('mouseup', t);
    finger = null;
  }
  canvas.addEventListener('touchend', release, { capture: true, passive: false });
  canvas.addEventListener('touchcancel', release, { capture: true, passive: false });

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
