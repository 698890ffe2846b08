// window.Headroom: the page's JavaScript API, linked into headroom.js as --pre-js so the page
// shell needs no inline script. Speaks the same JSON contract as the CLI.
//   await Headroom.ready;                       // resolves once the app has started
//   Headroom.estimate(scenario) -> object       // scenario: object or JSON text; the Estimate,
//                                               // or {error, field} for bad input (no throw)
//   Headroom.getScenario() -> object            // the scenario on screen
//   Headroom.setScenario(scenario)              // shows it (throws Error on bad input)
//   Headroom.setUnit('GB' | 'GiB'); Headroom.frames() -> frames drawn so far
Module['canvas'] = document.getElementById('canvas');
(function () {
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
    setUnit: function (unit) {
      call('headroom_set_unit', null, ['number'], [unit === 'GiB' ? 1 : 0]);
    },
    frames: function () { return call('headroom_frames', 'number', [], []); },
  };
  Module['onHeadroomReady'] = function () { status(''); resolveReady(api); };
  Module['onHeadroomFailed'] = function (why) {
    status('Headroom cannot start: ' + why, true);
    rejectReady(new Error(why));
  };
  Module['onAbort'] = function (why) { Module['onHeadroomFailed'](String(why)); };
  window['Headroom'] = api;
  // The browser's own context menu over a canvas only offers "save image".
  Module['canvas'].addEventListener('contextmenu', function (e) { e.preventDefault(); });
})();
