// Browser test of the page as people use it: share links (the URL hash), mangled links, the
// embed card, offline reload through the service worker, the single-file build from file://,
// themes and remembered preferences, idle power, a lost WebGL context, and screenshots at phone,
// laptop and 4K sizes.
//   node tests/browser/webapp.mjs --dist build/web/dist --single build/web/dist-single/headroom.html \
//        [--artifacts build/test-artifacts] [--chromium /usr/bin/chromium]
// Prints every check; exits 1 on any failure. Screenshots go to the artifacts folder.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { decodePng } from './png.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { LAUNCH_OPTIONS, check, checkNotBlank, collectPageErrors, parseArgs, runSteps, servePage, settledHash }
  from './harness.mjs';

const args = parseArgs(process.argv.slice(2), 'node tests/browser/webapp.mjs --dist DIR --single FILE [--artifacts DIR] [--chromium PATH]');
const dist = path.resolve(args.need('dist'));
const single = path.resolve(args.need('single'));
const artifacts = path.resolve(args.get('artifacts') ?? 'build/test-artifacts');
const executablePath = args.get('chromium') ?? '/usr/bin/chromium';
mkdirSync(artifacts, { recursive: true });

const WEIGHTS_BLUE = [91, 141, 239];
const WARNING = { dark: [242, 182, 72], light: [168, 104, 0] };  // ui/theme.cpp

const { server, origin } = await servePage(startServer, dist);
const browser = await chromium.launch({ executablePath, ...LAUNCH_OPTIONS });
const steps = [checkHashRoundTrip, checkMangledHash, checkEmbed, checkScreenshots, checkPanels, checkThemeAndPrefs,
  checkIdle, checkContextLoss, checkOffline, checkSingleFile];
await runSteps(steps, { browser, server, label: 'web app' });

// --- checks --------------------------------------------------------------------------------

async function checkHashRoundTrip() {
  const hash = 'm=qwen2.5-7b&q=Q6_K&c=16384&kv=q8_0&hw=rtx-3090x2&u=gib';
  const page = await openPage({ width: 1280, height: 800 }, 1, `/#${hash}`);
  const got = await page.evaluate(() => window.Headroom.getScenario());
  const expected = { model: 'qwen2.5-7b', quant: 'Q6_K', context: 16384, kv_cache_type: 'q8_0',
    hardware: [{ id: 'rtx-3090', count: 2 }] };
  check(Object.entries(expected).every(([k, v]) => JSON.stringify(got[k]) === JSON.stringify(v)),
    'a hash on load becomes the scenario', JSON.stringify(got));
  check(await page.evaluate(() => window.Headroom.notices().length) === 0, 'a good hash shows no notice');
  check(await page.evaluate(() => location.hash) === `#${hash}`, 'a canonical hash stays as it was',
    await page.evaluate(() => location.hash));

  const historyBefore = await page.evaluate(() => history.length);
  await page.evaluate(() => {
    for (const context of [4096, 8192, 32768]) {
      window.Headroom.setScenario({ model: 'llama-3.1-70b', quant: 'Q4_K_M', context,
        hardware: [{ id: 'h100-sxm-80gb', count: 2 }] });
    }
  });
  const written = await settledHash(page);
  check(written === '#m=llama-3.1-70b&q=Q4_K_M&c=32768&kv=f16&hw=h100-sxm-80gb' + 'x2&u=gib',
    'setScenario rewrites location.hash', written);
  check(await page.evaluate(() => history.length) === historyBefore,
    'hash updates replace the history entry (no history spam)');
  check(await page.evaluate(() => location.hash === '#' + window.Headroom.getHash()),
    'Headroom.getHash() is the hash in the address bar');
  const codec = await page.evaluate((h) => window.Headroom.hashToScenario(h), written);
  check(JSON.stringify(codec) === JSON.stringify(await page.evaluate(() => window.Headroom.getScenario())),
    'the codec alone (hashToScenario) gives the scenario on screen');

  // A dragged slider changes the scenario every frame. Browsers ignore history.replaceState past
  // a rate (Chromium: after 200 calls in 10 s), which left the address bar on an older scenario
  // than the one on screen: the page writes a few times a second, and always the last one.
  const burst = await page.evaluate(async () => {
    const replace = history.replaceState;
    let calls = 0;
    history.replaceState = function (...a) { calls++; return replace.apply(this, a); };
    window.__replaceCalls = () => { history.replaceState = replace; return calls; };
    const start = performance.now();
    for (let i = 0; i < 300; i++) {
      window.Headroom.setScenario({ model: 'llama-3.1-8b', quant: 'Q8_0', context: 2048 + i,
        hardware: [{ id: 'rtx-4090' }] });
      if (i % 30 === 29) await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return { calls, ms: performance.now() - start, want: '#' + window.Headroom.getHash() };
  });
  burst.hash = await settledHash(page);
  burst.calls = await page.evaluate(() => window.__replaceCalls());
  check(burst.hash === burst.want, 'after 300 quick changes the address bar holds the last scenario',
    `${burst.hash} vs ${burst.want}`);
  check(burst.calls <= 2 + Math.ceil(burst.ms / 250), 'quick changes write the address a few times a second',
    `${burst.calls} replaceState calls for changes over ${burst.ms.toFixed(0)} ms`);
  // A change still waiting for its turn is written when the page is left (pagehide).
  const flushed = await page.evaluate(() => {
    for (const context of [3000, 3001]) {
      window.Headroom.setScenario({ model: 'llama-3.1-8b', quant: 'Q8_0', context, hardware: [{ id: 'rtx-4090' }] });
    }
    const waiting = location.hash.includes('&c=3001&');
    window.dispatchEvent(new Event('pagehide'));
    return { waiting, written: location.hash.includes('&c=3001&') };
  });
  check(!flushed.waiting && flushed.written, 'leaving the page writes the last change at once', JSON.stringify(flushed));

  // Editing the address (hashchange) shows the new scenario.
  await page.evaluate(() => { location.hash = '#m=llama-3.1-8b&q=Q8_0&c=4096&kv=f16&hw=rtx-4090'; });
  await page.waitForFunction(() => window.Headroom.getScenario().quant === 'Q8_0', null, { timeout: 5000 })
    .catch(() => {});
  const edited = await page.evaluate(() => window.Headroom.getScenario());
  check(edited.quant === 'Q8_0' && edited.context === 4096 && edited.hardware[0].id === 'rtx-4090',
    'a hashchange applies the new hash', JSON.stringify(edited));

  // A copied link reproduces the view in a fresh page.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate(() => window.Headroom.setScenario({ model: 'llama-3.1-8b', quant: 'Q5_K_M',
    context: 65536, sequences: 2, hardware: [{ id: 'rtx-4090' }, { id: 'ryzen-9-7950x-ddr5-5600-64gb' }] }));
  const copied = await page.evaluate(() => window.Headroom.copyLink()
    .then(() => navigator.clipboard.readText()).catch((error) => `failed: ${error.message}`));
  await settledHash(page);
  check(copied === await page.evaluate(() => location.href), 'Copy link puts the page URL on the clipboard', copied);
  const before = await page.evaluate(() => window.Headroom.getScenario());
  const other = await openPage({ width: 1280, height: 800 }, 1, copied.replace(origin, ''));
  const after = await other.evaluate(() => window.Headroom.getScenario());
  check(JSON.stringify(after) === JSON.stringify(before), 'the copied link reproduces the scenario exactly',
    `${JSON.stringify(before)} vs ${JSON.stringify(after)}`);
  reportProblems(page, 'hash round trip');
  reportProblems(other, 'copied link');
  await page.context().close();
  await other.context().close();
}

async function checkMangledHash() {
  const bad = '/#m=no-such-model&c=abc&q=Q8_0&hw=rtx-4090x2&s=eyJtb2RlbCI6&zz';
  const page = await openPage({ width: 1280, height: 800 }, 1, bad);
  const notices = await page.evaluate(() => window.Headroom.notices());
  check(notices.length === 4, 'a mangled hash lists each bad part', notices.join(' | '));
  const got = await page.evaluate(() => window.Headroom.getScenario());
  check(got.model === 'llama-3.1-8b' && got.context === 8192, 'bad parts take the defaults', JSON.stringify(got));
  check(got.quant === 'Q8_0' && got.hardware[0].id === 'rtx-4090' && got.hardware[0].count === 2,
    'good parts of a mangled hash still apply', JSON.stringify(got));
  const shot = await screenshot(page, 'mangled-hash-1280x800.png');
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  const warned = countColour(shot, WARNING[theme] ?? WARNING.dark, 12);
  check(warned > 300, 'the message is drawn on the page', `${warned} warning-coloured pixels (${theme} theme)`);
  await page.evaluate(() => window.Headroom.dismissNotices());
  check((await page.evaluate(() => window.Headroom.notices())).length === 0, 'the message can be dismissed');
  reportProblems(page, 'mangled hash');
  await page.context().close();

  for (const garbage of ['/#%%%&&&===', '/#s=' + 'A'.repeat(5000), '/#' + encodeURIComponent('<script>'),
    '/#c=1e999&n=-1&hw=,,,&embed=2']) {
    const p = await openPage({ width: 640, height: 480 }, 1, garbage);
    const ok = await p.evaluate(() => Array.isArray(window.Headroom.notices()) && !!window.Headroom.getScenario());
    check(ok && (await p.evaluate(() => window.Headroom.notices().length)) > 0,
      `garbage hash ${garbage.slice(0, 40)} shows a message, no crash`);
    reportProblems(p, `garbage hash ${garbage.slice(0, 20)}`);
    await p.context().close();
  }
}

async function checkEmbed() {
  const page = await openPage({ width: 480, height: 280 }, 2,
    '/#embed=1&m=llama-3.1-8b&q=Q4_K_M&c=8192&kv=f16&hw=rtx-4090');
  const shot = await screenshot(page, 'embed-480x280@2x.png');
  checkNotBlank(shot, 'embed card');
  check(countColour(shot, WEIGHTS_BLUE, 12) > 500, 'embed card: the memory bar is drawn');
  check(await page.evaluate(() => location.hash.startsWith('#embed=1&')), 'embed mode keeps embed=1 in the hash');
  // The same card inside an iframe of a documentation page.
  const host = await page.context().newPage();
  trackRequests(host);
  await host.setContent(`<body style="margin:0;background:#fff"><iframe src="${origin}/#embed=1&m=llama-3.1-70b&q=Q4_K_M&c=32768&hw=rtx-4090x2"
    width="480" height="280" style="border:0" title="Headroom"></iframe></body>`);
  const frame = host.frames().find((f) => f.url().startsWith(origin));
  const started = frame && await frame.evaluate(() => window.Headroom.ready.then(() => true)).catch(() => false);
  check(started === true, 'the embed card starts inside an iframe');
  await host.setViewportSize({ width: 480, height: 280 });
  await host.waitForTimeout(600);
  checkNotBlank(decodePng(await host.screenshot({ path: path.join(artifacts, 'embed-iframe-480x280@2x.png') })),
    'embed card in an iframe');
  reportProblems(page, 'embed');
  reportProblems(host, 'embed iframe host', true);
  await page.context().close();
}

async function checkScreenshots() {
  for (const [width, height] of [[360, 740], [1280, 800], [2560, 1440]]) {
    const page = await openPage({ width, height }, 2,
      '/#m=llama-3.1-70b&q=Q4_K_M&c=32768&kv=q8_0&hw=rtx-4090x2');
    const shot = await screenshot(page, `headroom-${width}x${height}@2x.png`);
    checkNotBlank(shot, `${width}x${height}@2x`);
    check(countColour(shot, WEIGHTS_BLUE, 12) > 500, `${width}x${height}@2x: the memory bar is drawn`);
    const size = await page.evaluate(() => [document.getElementById('canvas').width, window.devicePixelRatio]);
    check(size[0] === width * 2 && size[1] === 2, `${width}x${height}@2x: sharp canvas`, JSON.stringify(size));
    reportProblems(page, `${width}x${height}`);
    await page.context().close();
  }
}

async function checkPanels() {
  // Every panel open, scrolled into view with the mouse wheel as a person would.
  const KV_PURPLE = [176, 124, 240];
  for (const [width, height, theme, wheels] of [[1280, 800, 'dark', 7], [360, 740, 'light', 18]]) {
    const page = await openPage({ width, height }, 2, '/#m=llama-3.1-70b&q=Q4_K_M&c=32768&kv=q8_0&hw=rtx-4090x2',
      { colorScheme: theme });
    await page.evaluate(() => window.Headroom.openPanels('all'));
    await page.mouse.move(width * 0.7, height * 0.6);
    const before = await page.evaluate(() => window.Headroom.frames());
    for (let i = 0; i < wheels; i++) {
      await page.mouse.wheel(0, 300);  // three notches down each
      await page.waitForTimeout(150);
    }
    const shot = await screenshot(page, `panels-${width}x${height}@2x-${theme}.png`);
    check(await page.evaluate(() => window.Headroom.frames()) > before, `${width}x${height}: the wheel redraws`);
    checkNotBlank(shot, `panels open, scrolled, ${width}x${height} ${theme}`);
    check(countColour(shot, KV_PURPLE, 30) > 200, `${width}x${height}: a KV cache area is drawn below the verdict`);
    const idleFrom = await page.evaluate(() => window.Headroom.frames());
    await page.waitForTimeout(1500);
    check(await page.evaluate(() => window.Headroom.frames()) - idleFrom <= 1,
      `${width}x${height}: open panels draw nothing while idle`);
    reportProblems(page, `panels ${width}x${height}`);
    await page.context().close();
  }
}

async function checkThemeAndPrefs() {
  // The system's light preference is followed until the user picks.
  const light = await openPage({ width: 1280, height: 800 }, 1, '/', { colorScheme: 'light' });
  check(await light.evaluate(() => document.documentElement.dataset.theme) === 'light',
    'prefers-color-scheme: light gives the light theme');
  const shot = await screenshot(light, 'headroom-light-1280x800.png');
  checkNotBlank(shot, 'light theme');
  const [r, g, b] = [shot.data[0], shot.data[1], shot.data[2]];
  check(r > 220 && g > 220 && b > 220, 'the light theme draws a light page', `top-left pixel ${r},${g},${b}`);
  reportProblems(light, 'light theme');
  await light.context().close();

  const page = await openPage({ width: 1280, height: 800 }, 1, '/', { colorScheme: 'light' });
  await page.evaluate(() => { window.Headroom.setTheme('dark'); window.Headroom.setUnit('GiB'); });
  await page.reload();
  await page.evaluate(() => window.Headroom.ready);
  check(await page.evaluate(() => document.documentElement.dataset.theme) === 'dark',
    'a picked theme is remembered over the system preference');
  const reloaded = decodePng(await page.screenshot({ path: path.join(artifacts, 'headroom-dark-1280x800.png') }));
  check(reloaded.data[0] < 40, 'the remembered dark theme is drawn', `top-left red ${reloaded.data[0]}`);
  check(await page.evaluate(() => window.Headroom.getHash().endsWith('&u=gib')), 'the GiB choice is remembered');
  await page.goto(origin + '/#m=llama-3.1-8b&u=gb');
  await page.evaluate(() => window.Headroom.ready);
  check(await page.evaluate(() => window.Headroom.getHash().endsWith('&u=gb')), 'u= in a link beats the saved unit');
  reportProblems(page, 'preferences');
  await page.context().close();
}

async function checkIdle() {
  const page = await openPage({ width: 1280, height: 800 }, 1, '/#m=llama-3.1-8b&hw=rtx-4090');
  await page.waitForTimeout(1000);  // let the start-up frames and the service worker settle
  const start = await page.evaluate(() => window.Headroom.frames());
  await page.waitForTimeout(3000);
  const end = await page.evaluate(() => window.Headroom.frames());
  check(end - start <= 1, 'an idle page draws ~no frames in 3 s', `${end - start} frames`);
  reportProblems(page, 'idle');
  await page.context().close();
}

// A GPU reset or a mobile browser reclaiming a background tab's GPU memory loses the WebGL
// context: the page asks for it back and draws again once it returns (it stayed blank before).
async function checkContextLoss() {
  const page = await openPage({ width: 1280, height: 800 }, 1, '/#m=llama-3.1-8b&hw=rtx-4090');
  const lost = await page.evaluate(async () => {
    const ext = document.getElementById('canvas').getContext('webgl2').getExtension('WEBGL_lose_context');
    ext.loseContext();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const idleWhileLost = window.Headroom.idle();
    ext.restoreContext();
    const frames = window.Headroom.frames();
    for (let i = 0; i < 100 && window.Headroom.frames() < frames + 2; ++i) await new Promise((r) => setTimeout(r, 20));
    window.Headroom.setScenario({ model: 'llama-3.1-8b', quant: 'Q8_0', context: 4096, hardware: [{ id: 'rtx-4090' }] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { idleWhileLost, restored: !document.getElementById('canvas').getContext('webgl2').isContextLost(),
             framesAfter: window.Headroom.frames() - frames };
  });
  check(lost.idleWhileLost && lost.restored && lost.framesAfter >= 2, 'a lost WebGL context comes back and the page redraws',
    JSON.stringify(lost));
  const shot = decodePng(await page.screenshot({ path: path.join(artifacts, 'context-restored-1280x800.png') }));
  checkNotBlank(shot, 'after a lost and restored WebGL context');
  check(countColour(shot, WEIGHTS_BLUE, 12) > 500, 'the memory bar is drawn again');
  reportProblems(page, 'context loss');
  await page.context().close();
}

async function checkOffline() {
  const bodies = [];  // each file body the server sent (a 304 sends none)
  const own = await startServer(dist, 0, { onResponse: (r) => { if (r.status === 200) bodies.push(r.path); } });
  const ownOrigin = own.url.replace(/\/$/, '');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const foreign = trackRequests(page, ownOrigin);
  await page.goto(ownOrigin + '/#m=qwen2.5-7b&q=Q8_0&c=8192&hw=rtx-3090');
  await page.evaluate(() => window.Headroom.ready);
  const controlled = await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null,
    { timeout: 15000 }).then(() => true, () => false);
  check(controlled, 'the service worker installs and controls the page');
  const caches = await page.evaluate(() => caches.keys());
  check(caches.length === 1 && /^headroom-[0-9a-f]{16}$/.test(caches[0]), 'one cache, named by the build hash',
    caches.join(', '));
  // The precache revalidates what the visit has just fetched (304s): a first visit downloads
  // the page once, not twice. index.html is the exception: the visit fetched it as '/', and the
  // worker's 'index.html' is another URL with no cache entry yet (1 KiB).
  const twice = bodies.filter((p, i) => bodies.indexOf(p) !== i && p !== '/index.html');
  check(twice.length === 0, 'a first visit downloads each file once (the precache revalidates)', twice.join(', '));
  own.server.closeAllConnections?.();
  await new Promise((resolve) => own.server.close(resolve));
  const refused = await fetch(ownOrigin + '/').then(() => false, () => true);
  check(refused, 'the server is stopped');
  await page.reload();
  const started = await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 })
    .catch((error) => String(error));
  check(started === true, 'the page reloads offline from the cache', started === true ? '' : started);
  const got = await page.evaluate(() => window.Headroom.getScenario()).catch(() => ({}));
  check(got.model === 'qwen2.5-7b' && got.quant === 'Q8_0', 'offline, the hash still gives the scenario');
  checkNotBlank(await screenshot(page, 'offline-reload-1280x800.png', false), 'offline reload');
  check(foreign.length === 0, 'offline test: no request left the origin', foreign.join(', '));
  await context.close();
}

async function checkSingleFile() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  const others = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!/^(file|data|blob):/.test(r.url())) others.push(r.url()); });
  await page.goto(pathToFileURL(single).href + '#m=llama-3.1-8b&q=Q8_0&c=8192&hw=rtx-4090');
  const started = await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 })
    .catch((error) => String(error));
  check(started === true, 'the single-file page starts from file://', started === true ? '' : started);
  const estimate = await page.evaluate(() => window.Headroom.estimate({ model: 'llama-3.1-8b', quant: 'Q8_0',
    context: 8192, hardware: [{ id: 'rtx-4090' }] })).catch(() => ({}));
  check(estimate.total_bytes > 0 && estimate.fits === true, 'the single-file page estimates');
  checkNotBlank(await screenshot(page, 'single-file-1280x800.png', false), 'single-file page');
  check(others.length === 0, 'the single-file page requests nothing', others.join(', '));
  check(errors.length === 0, 'the single-file page has no errors', errors.join(' | '));
  await context.close();
}

// --- helpers -------------------------------------------------------------------------------

function trackRequests(page, allowed = origin) {
  const foreign = [];
  page.on('request', (request) => {
    const u = request.url();
    if (!u.startsWith(allowed + '/') && !/^(data|blob|about):/.test(u)) foreign.push(u);
  });
  return foreign;
}

async function openPage(viewport, deviceScaleFactor, where, options = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor, ...options });
  const page = await context.newPage();
  const foreign = trackRequests(page);
  const pageErrors = collectPageErrors(page);
  page.headroomProblems = () => ({ foreign, pageErrors });
  await page.goto(origin + where);
  const started = await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 })
    .catch((error) => String(error));
  check(started === true, `page started at ${viewport.width}x${viewport.height}@${deviceScaleFactor}x ${where.slice(0, 60)}`,
    started === true ? '' : started);
  return page;
}

function reportProblems(page, what, foreignOnly = false) {
  if (!page.headroomProblems) return;
  const { foreign, pageErrors } = page.headroomProblems();
  check(foreign.length === 0, `${what}: zero requests to other origins`, foreign.join(', '));
  if (!foreignOnly) check(pageErrors.length === 0, `${what}: no page errors`, pageErrors.join(' | '));
}

async function screenshot(page, name, settle = true) {
  if (settle) await page.waitForTimeout(400);
  const file = path.join(artifacts, name);
  const image = decodePng(await page.screenshot({ path: file }));
  console.log(`     screenshot: ${file}`);
  return image;
}

function countColour({ width, height, channels, data }, [r0, g0, b0], tolerance) {
  let n = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    if (Math.abs(data[o] - r0) + Math.abs(data[o + 1] - g0) + Math.abs(data[o + 2] - b0) < tolerance) n++;
  }
  return n;
}
