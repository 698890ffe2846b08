// Browser test of the controls as people use them, with real input events: the keyboard
// (Tab to the model picker, open it, type to filter, Enter), touch (taps on a phone-sized page,
// a swipe that scrolls), clicks on the Copy buttons read back from the clipboard, the custom
// device form, and screenshots with a picker open and filtered and with the form open.
// Controls are found with Headroom.itemRect(name) (ui/item_rects.h): the page is one canvas.
//   node tests/browser/controls.mjs --dist build/web/dist [--artifacts build/test-artifacts] [--chromium PATH]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { decodePng } from './png.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { LAUNCH_OPTIONS, check, checkNotBlank, collectPageErrors, parseArgs, runSteps, servePage, settledHash }
  from './harness.mjs';

const args = parseArgs(process.argv.slice(2), 'node tests/browser/controls.mjs --dist DIR [--artifacts DIR] [--chromium PATH]');
const dist = path.resolve(args.need('dist'));
const artifacts = path.resolve(args.get('artifacts') ?? 'build/test-artifacts');
const executablePath = args.get('chromium') ?? '/usr/bin/chromium';
mkdirSync(artifacts, { recursive: true });

const START = '/#m=llama-3.1-8b&q=Q4_K_M&c=8192&kv=f16&hw=rtx-4090';
const SERVING = '/#m=llama-3.1-8b&q=BF16&c=8192&kv=f16&e=vllm&hw=h100-sxm-80gb';
const { server, origin } = await servePage(startServer, dist);
const browser = await chromium.launch({ executablePath, ...LAUNCH_OPTIONS });
const steps = [checkKeyboard, checkTouch, checkCopyButtons, checkCustomDevice, checkServingWorkload, checkScreenshots];
await runSteps(steps, { browser, server, label: 'controls' });

// --- checks --------------------------------------------------------------------------------

async function checkKeyboard() {
  const page = await openPage({ viewport: { width: 1280, height: 800 } }, START);
  // ImGui 1.86's Tab visits text fields only; the arrow keys reach every control, the first
  // press the top one of the inputs.
  let presses = 0;
  while (presses < 12 && !(await rect(page, 'model-picker')).focused) {
    await key(page, 'ArrowDown');
    await settle(page);
    presses++;
  }
  check((await rect(page, 'model-picker')).focused, 'the arrow keys reach the model picker', `${presses} presses`);
  await key(page, 'Enter');  // opens it, the search box focused
  await settle(page);
  await page.keyboard.type('qwen 7b', { delay: 30 });
  await settle(page);
  check((await scenario(page)).model === 'llama-3.1-8b', 'typing filters, picks nothing yet');
  await key(page, 'Enter');
  await settle(page);
  check((await scenario(page)).model === 'qwen2.5-7b', 'Enter picks the first match', (await scenario(page)).model);
  check((await settledHash(page)).startsWith('#m=qwen2.5-7b&'), 'the link follows the pick');

  // Arrow keys and Space too: Down from the model picker to the next control, Up back, Space opens.
  await key(page, 'ArrowDown');
  await settle(page);
  check(!(await rect(page, 'model-picker')).focused, 'Down moves focus off the picker');
  await key(page, 'ArrowUp');
  await settle(page);
  check((await rect(page, 'model-picker')).focused, 'Up comes back to it');
  await key(page, 'Space');
  await settle(page);
  await page.keyboard.type('gemma 27');
  await key(page, 'Enter');
  await settle(page);
  check((await scenario(page)).model === 'gemma-2-27b', 'Space opens it; "gemma 27" + Enter picks Gemma 2 27B',
    (await scenario(page)).model);
  // Escape closes the picker without a change.
  await key(page, 'Space');
  await settle(page);
  await page.keyboard.type('llama');
  await key(page, 'Escape');
  await settle(page);
  check((await scenario(page)).model === 'gemma-2-27b', 'Escape closes it, nothing picked');
  // Taps quicker than a frame (key down and up before the page draws again) still count.
  await page.keyboard.press('Space');
  await settle(page);
  await page.keyboard.type('qwen 7b');
  await settle(page);
  await page.keyboard.press('Enter');
  await settle(page);
  check((await scenario(page)).model === 'qwen2.5-7b', 'quick taps of Space and Enter are not lost',
    (await scenario(page)).model);
  reportProblems(page, 'keyboard');
  await page.context().close();
}

async function checkTouch() {
  const page = await openPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, hasTouch: true,
    isMobile: true }, START + '&u=gb');
  await tap(page, 'unit-gib');
  check(await page.evaluate(() => window.Headroom.getHash().endsWith('&u=gib')), 'a tap on GiB switches the unit',
    await page.evaluate(() => window.Headroom.getHash()));

  // A swipe up scrolls the page under the finger (a phone has no wheel) to the hardware picker.
  const before = await rect(page, 'hardware-picker');
  await swipe(page, 180, 650, 180, 250);
  let after = await rect(page, 'hardware-picker');
  check(before.y - after.y > 200, 'a swipe up scrolls the page', `picker y ${before.y.toFixed(0)} -> ${after.y.toFixed(0)}`);
  // The scenario card grows as controls are added: swipe on (at most twice more) until it shows.
  for (let i = 0; i < 2 && after.y + after.height >= 740; ++i) {
    await swipe(page, 180, 650, 180, 350);
    after = await rect(page, 'hardware-picker');
  }
  check(after.y > 0 && after.y + after.height < 740, 'the hardware picker is in view after swiping',
    `picker y ${after.y.toFixed(0)}, height ${after.height.toFixed(0)}`);
  check(JSON.stringify((await scenario(page)).hardware) === '[{"id":"rtx-4090","count":1}]', 'a swipe changes nothing');

  // A tap opens the hardware picker, a tap on "Custom device..." changes the scenario.
  await tap(page, 'hardware-picker');
  await tap(page, 'custom-device-entry');
  const hw = (await scenario(page)).hardware[0];
  check(hw && hw.name === 'NVIDIA GeForce RTX 4090 (custom)', 'taps open the custom-device form', JSON.stringify(hw));
  await tap(page, 'custom-done');
  reportProblems(page, 'touch');
  await page.context().close();
}

async function checkCopyButtons() {
  const page = await openPage({ viewport: { width: 1280, height: 800 } }, START);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.evaluate(() => window.Headroom.setScenario({ model: 'qwen2.5-7b', quant: 'Q6_K', context: 16384,
    kv_cache_type: 'q8_0', hardware: [{ id: 'rtx-3090', count: 2 }] }));
  await settle(page);
  await click(page, 'copy-link');
  const link = await clipboard(page);
  check(link.startsWith(origin + '/#'), 'clicking Copy link puts a link on the clipboard', link);
  const fromLink = await page.evaluate((h) => window.Headroom.hashToScenario(h), link.split('#')[1] ?? '');
  const shown = await scenario(page);
  check(JSON.stringify(fromLink) === JSON.stringify(shown), "the link's hash decodes to the scenario on screen",
    `${JSON.stringify(fromLink)} vs ${JSON.stringify(shown)}`);

  // The Run panel's llama.cpp command: scrolled into view with the wheel, clicked.
  await page.evaluate(() => window.Headroom.openPanels(['run']));
  await settle(page);
  const inView = await scrollIntoView(page, 'copy-llama.cpp', 800);
  check(inView, 'the Run panel Copy button scrolls into view');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await click(page, 'copy-llama.cpp');
  const command = await clipboard(page);
  const expected = await page.evaluate(() => window.Headroom.estimate(window.Headroom.getScenario()).commands['llama.cpp']);
  check(command.length > 0 && command === expected, "Copy puts the llama.cpp command on the clipboard, as Headroom.estimate's",
    `${JSON.stringify(command)} vs ${JSON.stringify(expected)}`);

  // A browser that refuses the clipboard: the page says so instead of doing nothing.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    document.execCommand = () => false;
  });
  await click(page, 'copy-llama.cpp');
  await page.waitForFunction(() => window.Headroom.notices().length > 0, null, { timeout: 5000 }).catch(() => {});
  const refused = await page.evaluate(() => window.Headroom.notices());
  check(refused.some((n) => /^Could not copy the text: the browser refused the clipboard/.test(n)),
    'a refused clipboard shows a notice', refused.join(' | '));
  reportProblems(page, 'copy buttons');
  await page.context().close();
}

async function checkCustomDevice() {
  const page = await openPage({ viewport: { width: 1280, height: 800 } }, START + '&u=gib');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await click(page, 'hardware-picker');
  await page.keyboard.type('no such card');
  await settle(page);
  await click(page, 'custom-device-entry');  // offered even when the search finds nothing
  await retype(page, 'custom-name', 'Lab card');
  await retype(page, 'custom-memory', '0');
  const refused = await scenario(page);
  check(refused.hardware[0].memory_bytes === 24 * 2 ** 30, 'zero memory is refused; the last good device stays',
    JSON.stringify(refused.hardware[0]));
  await retype(page, 'custom-memory', '48');
  await retype(page, 'custom-bandwidth', '960');
  const hw = (await scenario(page)).hardware[0];
  check(hw.name === 'Lab card' && hw.memory_bytes === 48 * 2 ** 30 && hw.bandwidth_bytes_per_s === 960e9,
    'the form makes the inline device', JSON.stringify(hw));
  const estimate = await page.evaluate(() => window.Headroom.estimate(window.Headroom.getScenario()));
  check(estimate.fits === true, 'the page estimates on the custom device', JSON.stringify(estimate).slice(0, 120));
  await click(page, 'copy-link');
  const link = await clipboard(page);
  const other = await openPage({ viewport: { width: 1280, height: 800 } }, link.replace(origin, ''));
  check(JSON.stringify(await scenario(other)) === JSON.stringify(await scenario(page)),
    'the copied link reproduces the custom device', link.slice(0, 80));
  reportProblems(page, 'custom device');
  reportProblems(other, 'custom device link');
  await page.context().close();
  await other.context().close();
}

// The vLLM serving workload typed into its boxes: the estimate's serving figures follow, the
// link carries the workload, refused text keeps the last good one.
async function checkServingWorkload() {
  const page = await openPage({ viewport: { width: 1280, height: 800 } }, SERVING);
  const serving = () => page.evaluate(() => window.Headroom.estimate(window.Headroom.getScenario()).serving);
  const before = await serving();
  check(before && before.requests > 0 && before.output_tokens_per_s > 0, 'vLLM on an H100 has a serving estimate',
    JSON.stringify(before).slice(0, 120));
  await scrollIntoView(page, 'serving-requests', 800);
  // Typed over the selected value, as people do: every keystroke that checks out applies.
  await typeOver(page, 'serving-requests', '320');
  await typeOver(page, 'serving-output', '512');
  const typed = (await scenario(page)).serving;
  check(typed && typed.requests === 320 && typed.output_tokens === 512, 'the boxes set the workload',
    JSON.stringify(typed));
  const after = await serving();
  check(after.requests === 320 && after.output_tokens === 512 && after.total_output_tokens !== before.total_output_tokens &&
    after.output_tokens_per_s !== before.output_tokens_per_s, 'the serving estimate follows the workload',
    `${before.requests} x ${before.output_tokens}: ${before.output_tokens_per_s.toFixed(0)} tok/s -> ` +
    `${after.requests} x ${after.output_tokens}: ${after.output_tokens_per_s.toFixed(0)} tok/s`);
  const carried = await page.evaluate(() => window.Headroom.hashToScenario(window.Headroom.getHash()).serving);
  check(carried && carried.requests === 320 && carried.output_tokens === 512, 'the hash carries the workload',
    JSON.stringify(carried));

  // Refused text (not a number, past the context) keeps the last good workload; fixed, it applies.
  await typeOver(page, 'serving-requests', 'lots');
  check((await scenario(page)).serving.requests === 320, 'text that is not a number keeps the last good requests',
    JSON.stringify((await scenario(page)).serving));
  await typeOver(page, 'serving-requests', '640', true);
  check((await scenario(page)).serving.requests === 640, 'a good value after a refused one applies',
    JSON.stringify((await scenario(page)).serving));
  // Ctrl+A with a frame between Ctrl and A, and both keys up before the next frame (a slow
  // machine): that frame must still see Ctrl and A together, or the typing lands beside the
  // old value. Synthetic DOM events, so nothing else can fall between them.
  await click(page, 'serving-requests');
  await page.evaluate(async () => {
    const send = (type, keyCode) => window.dispatchEvent(new KeyboardEvent(type, { keyCode, bubbles: true }));
    const frames = window.Headroom.frames();
    send('keydown', 17);
    while (window.Headroom.frames() <= frames) await new Promise((resolve) => requestAnimationFrame(resolve));
    send('keydown', 65);
    send('keyup', 65);
    send('keyup', 17);
  });
  await settle(page);
  await page.keyboard.type('480');
  await settle(page);
  check((await scenario(page)).serving.requests === 480, 'Ctrl+A counts when a frame fell between Ctrl and A',
    JSON.stringify((await scenario(page)).serving));
  await typeOver(page, 'serving-requests', '640', true);
  // A key at a time, each drawn: 9, 90 and 900 fit a context of 8192 and apply; 9000 does not fit.
  await click(page, 'serving-output');
  for (const c of '9000') {
    await page.keyboard.type(c);
    await settle(page);
  }
  check((await scenario(page)).serving.output_tokens === 900, 'output tokens past the context keep the last good value',
    JSON.stringify((await scenario(page)).serving));
  await typeOver(page, 'serving-output', '256', true);
  await scrollIntoView(page, 'serving-lengths-fixed', 800);
  await click(page, 'serving-lengths-fixed');
  const fixed = (await scenario(page)).serving;
  check(fixed.output_tokens === 256 && fixed.lengths === 'fixed', 'the output-length spread toggles',
    JSON.stringify(fixed));

  // The address bar's link (z= where the browser deflates) opens the same workload.
  const other = await openPage({ viewport: { width: 1280, height: 800 } }, '/' + (await settledHash(page)));
  check(JSON.stringify((await scenario(other)).serving) === JSON.stringify(fixed), 'the page link reopens the workload',
    JSON.stringify((await scenario(other)).serving));
  reportProblems(page, 'serving workload');
  reportProblems(other, 'serving workload link');
  await page.context().close();
  await other.context().close();
}

async function checkScreenshots() {
  for (const [width, height] of [[360, 740], [1280, 800], [2560, 1440]]) {
    const page = await openPage({ viewport: { width, height }, deviceScaleFactor: 2 }, START);
    await click(page, 'model-picker');
    await page.keyboard.type('qwen');
    await settle(page);
    checkNotBlank(await screenshot(page, `picker-filtered-${width}x${height}@2x.png`),
      `${width}x${height}@2x model picker filtered`);
    await key(page, 'Escape');
    await settle(page);
    await scrollIntoView(page, 'hardware-picker', height);
    await click(page, 'hardware-picker');
    await click(page, 'custom-device-entry');
    await retype(page, 'custom-memory', '-3');  // a refused value shows its message
    await scrollIntoView(page, 'custom-done', height);
    checkNotBlank(await screenshot(page, `custom-device-${width}x${height}@2x.png`),
      `${width}x${height}@2x custom-device form`);
    reportProblems(page, `screenshots ${width}x${height}`);
    await page.context().close();

    const vllm = await openPage({ viewport: { width, height }, deviceScaleFactor: 2 }, SERVING);
    await scrollIntoView(vllm, 'serving-requests', height);
    await typeOver(vllm, 'serving-requests', '0');  // a refused value shows the core's message
    await scrollIntoView(vllm, 'serving-error', height);
    checkNotBlank(await screenshot(vllm, `serving-workload-${width}x${height}@2x.png`),
      `${width}x${height}@2x serving workload`);
    reportProblems(vllm, `serving screenshots ${width}x${height}`);
    await vllm.context().close();
  }
}

// --- helpers -------------------------------------------------------------------------------

async function openPage(options, where) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(origin + '/') && !/^(data|blob|about):/.test(r.url())) foreign.push(r.url());
  });
  const pageErrors = collectPageErrors(page);
  page.headroomProblems = () => ({ foreign, pageErrors });
  await page.goto(origin + where);
  const started = await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 })
    .catch((error) => String(error));
  check(started === true, `page started at ${options.viewport.width}x${options.viewport.height}`, started === true ? '' : started);
  await settle(page);
  return page;
}

function reportProblems(page, what) {
  const { foreign, pageErrors } = page.headroomProblems();
  check(foreign.length === 0, `${what}: zero requests to other origins`, foreign.join(', '));
  check(pageErrors.length === 0, `${what}: no page errors`, pageErrors.join(' | '));
}

// A key held for a few frames, as fingers do (ImGui 1.86 reads key state once a frame).
async function key(page, name) {
  await page.keyboard.press(name, { delay: 60 });
  await settle(page);
}

// Waits until the page stops drawing (it draws nothing while idle): what an input changed is
// on screen and in Headroom.itemRect. Slow machines draw slowly; this waits as long as it takes
// (Headroom.idle: no frame due, so a slow frame is not mistaken for a settled page).
async function settle(page) {
  await page.waitForTimeout(50);
  await page.waitForFunction(() => window.Headroom.idle(), null, { timeout: 20000, polling: 50 });
}
function scenario(page) { return page.evaluate(() => window.Headroom.getScenario()); }

// Where a control is; one that was just asked for (a popup, the form) may take a few slow
// frames to appear.
async function rect(page, name) {
  for (let i = 0; i < 50; i++) {
    const r = await page.evaluate((n) => window.Headroom.itemRect(n), name);
    if (r) return r;
    await page.waitForTimeout(100);
  }
  throw new Error(`no control named ${name} was drawn`);
}

async function centre(page, name) {
  await settle(page);
  const r = await rect(page, name);
  return [r.x + r.width / 2, r.y + r.height / 2];
}

async function click(page, name) {
  const [x, y] = await centre(page, name);
  await page.mouse.click(x, y);
  await settle(page);
}

async function tap(page, name) {
  const [x, y] = await centre(page, name);
  await page.touchscreen.tap(x, y);
  await settle(page);
}

// A one-finger swipe through CDP (Playwright's touchscreen only taps).
async function swipe(page, x0, y0, x1, y1, steps = 12) {
  const cdp = await page.context().newCDPSession(page);
  const point = (x, y) => [{ x, y, id: 1, radiusX: 1, radiusY: 1, force: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(x0, y0) });
  for (let i = 1; i <= steps; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove',
      touchPoints: point(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await settle(page);
}

// Clicks a text field (which selects its whole text) and types over it.
async function retype(page, name, text) {
  await click(page, name);
  await key(page, 'Backspace');
  await page.keyboard.type(text);
  await settle(page);
}

// Clicks a text field and types over its text: the click selects it all, or Ctrl+A when the
// field is still the active one (`again`; a click there only moves the cursor).
async function typeOver(page, name, text, again = false) {
  await click(page, name);
  if (again) await key(page, 'Control+A');
  await page.keyboard.type(text);
  await settle(page);
}

// Wheels the page under the mouse until the control is inside the viewport.
async function scrollIntoView(page, name, viewportHeight) {
  for (let i = 0; i < 30; i++) {
    const r = await rect(page, name);
    if (r.y >= 0 && r.y + r.height <= viewportHeight) return true;
    await page.mouse.move(r.x + r.width / 2, Math.min(Math.max(r.y, 60), viewportHeight - 60));
    await page.mouse.wheel(0, r.y > 0 ? 200 : -200);
    await settle(page);
  }
  return false;
}

async function clipboard(page) {
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.length > 0), null,
    { timeout: 5000, polling: 100 }).catch(() => {});
  return page.evaluate(() => navigator.clipboard.readText());
}

async function screenshot(page, name) {
  await page.waitForTimeout(300);
  const file = path.join(artifacts, name);
  const image = decodePng(await page.screenshot({ path: file }));
  console.log(`     screenshot: ${file}`);
  return image;
}
