// Browser test of the web build: the page in headless Chromium (Playwright) must give the same
// Estimate JSON as the native CLI, round-trip scenarios through its JS API, draw only when
// something changed, stay sharp on HiDPI, follow resizes and make no request to other origins.
//   node tests/browser/parity.mjs --dist build/web/dist --cli build/native/cli/headroom \
//        [--artifacts build/test-artifacts] [--chromium /usr/bin/chromium]
// Prints every check; exits 1 on any failure. Screenshots go to the artifacts folder.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { decodePng } from './png.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { LAUNCH_OPTIONS, check, collectPageErrors, finish, parseArgs, servePage } from './harness.mjs';

const args = parseArgs(process.argv.slice(2), 'node tests/browser/parity.mjs --dist DIR --cli PATH [--artifacts DIR] [--chromium PATH]');
const dist = path.resolve(args.need('dist'));
const cli = path.resolve(args.need('cli'));
const artifacts = path.resolve(args.get('artifacts') ?? 'build/test-artifacts');
const executablePath = args.get('chromium') ?? '/usr/bin/chromium';
mkdirSync(artifacts, { recursive: true });

// Scenarios compared against the CLI: a GPU, two data-center GPUs with a quantized KV cache,
// a CPU, a model that does not fit, and no hardware at all.
const SCENARIOS = [
  { model: 'llama-3.1-8b', quant: 'Q8_0', context: 8192, hardware: [{ id: 'rtx-4090' }] },
  { model: 'llama-3.1-8b', quant: 'Q4_K_M', kv_cache_type: 'q8_0', context: 32768,
    hardware: [{ id: 'h100-sxm-80gb', count: 2 }] },
  { model: 'llama-3.1-8b', quant: 'F16', context: 4096, hardware: [{ id: 'ryzen-9-7950x-ddr5-5600-64gb' }] },
  { model: 'llama-3.1-70b', quant: 'Q4_K_M', context: 131072, sequences: 2, hardware: [{ id: 'rtx-3090', count: 2 }] },
  { model: 'qwen2.5-7b', quant: 'Q5_K_M', kv_cache_type: 'q4_0', context: 16384, hardware: [] },
];


const { server, origin } = await servePage(startServer, dist);
const browser = await chromium.launch({ executablePath, ...LAUNCH_OPTIONS });
try {
  const page = await openPage(browser, { width: 1280, height: 800 }, 1);
  await checkParity(page);
  await checkRoundTrip(page);
  await checkRedrawOnlyOnChange(page);
  await checkScreenshot(page, 'headroom-1280x800.png');
  await checkResize(page);
  await page.context().close();

  const hidpi = await openPage(browser, { width: 1280, height: 800 }, 2);
  await checkBackingStore(hidpi, 2, 'HiDPI (devicePixelRatio 2)');
  await checkScreenshot(hidpi, 'headroom-1280x800@2x.png');
  await hidpi.context().close();
} catch (error) {
  check(false, 'the test ran to the end', error.stack ?? String(error));
} finally {
  await browser.close();
  server.close();
}
finish('browser');

// --- checks --------------------------------------------------------------------------------

async function openPage(browserInstance, viewport, deviceScaleFactor) {
  const context = await browserInstance.newContext({ viewport, deviceScaleFactor });
  const page = await context.newPage();
  const foreign = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin + '/') && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  const pageErrors = collectPageErrors(page);
  page.headroomProblems = () => ({ foreign, pageErrors });
  await page.goto(origin + '/');
  const started = await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 })
    .catch((error) => String(error));
  check(started === true, `page started at ${viewport.width}x${viewport.height}@${deviceScaleFactor}x`,
    started === true ? '' : started);
  return page;
}

function nativeEstimate(scenario) {
  const out = execFileSync(cli, ['estimate'], { input: JSON.stringify(scenario), encoding: 'utf8' });
  return JSON.parse(out);
}

async function checkParity(page) {
  for (const scenario of SCENARIOS) {
    const label = `${scenario.model} ${scenario.quant} ctx ${scenario.context} on ${
      scenario.hardware.map((h) => `${h.count ?? 1}x ${h.id}`).join(' + ') || 'no hardware'}`;
    const native = nativeEstimate(scenario);
    // Both an object and JSON text are accepted.
    const fromObject = await page.evaluate((s) => window.Headroom.estimate(s), scenario);
    const fromText = await page.evaluate((s) => window.Headroom.estimate(s), JSON.stringify(scenario));
    const diffs = deepDiff(fromObject, native, '$');
    check(diffs.length === 0 && !('error' in native), `browser estimate equals CLI: ${label}`,
      diffs.slice(0, 5).join('; ') || (native.error ? `CLI error: ${native.error}` : `total ${native.total_bytes} B`));
    check(deepDiff(fromText, fromObject, '$').length === 0, `estimate accepts JSON text: ${label}`);
  }
  const bad = await page.evaluate(() => window.Headroom.estimate({ model: 'no-such-model' }));
  check(typeof bad.error === 'string' && bad.error.length > 0, 'a bad scenario gives {error}, not an exception',
    JSON.stringify(bad));
  const garbage = await page.evaluate(() => window.Headroom.estimate('{not json'));
  check(typeof garbage.error === 'string', 'text that is not JSON gives {error}', JSON.stringify(garbage));
}

async function checkRoundTrip(page) {
  const wanted = { model: 'qwen2.5-7b', quant: 'Q6_K', kv_cache_type: 'q8_0', context: 16384,
    hardware: [{ id: 'rtx-3090', count: 2 }] };
  await page.evaluate((s) => window.Headroom.setScenario(s), wanted);
  const got = await page.evaluate(() => window.Headroom.getScenario());
  const fieldsKept = Object.entries(wanted).every(([key, value]) => deepDiff(got[key], value, key).length === 0);
  check(fieldsKept, 'setScenario then getScenario keeps every field', JSON.stringify(got));
  await page.evaluate((s) => window.Headroom.setScenario(s), got);
  const again = await page.evaluate(() => window.Headroom.getScenario());
  check(deepDiff(again, got, '$').length === 0, 'getScenario output is a fixed point of setScenario');
  check(deepDiff(await page.evaluate((s) => window.Headroom.estimate(s), got), nativeEstimate(got), '$').length === 0,
    'the round-tripped scenario estimates the same in the browser and the CLI');
  const rejected = await page.evaluate(() => {
    try { window.Headroom.setScenario({ model: 'llama-3.1-8b', colour: 'red' }); return null; }
    catch (error) { return String(error.message); }
  });
  check(typeof rejected === 'string' && rejected.length > 0, 'setScenario rejects an unknown key with a message',
    rejected ?? 'no error');
  const after = await page.evaluate(() => window.Headroom.getScenario());
  check(deepDiff(after, got, '$').length === 0, 'a rejected setScenario leaves the scenario unchanged');
}

async function checkRedrawOnlyOnChange(page) {
  // Idle starts once the frames that earlier calls asked for have been drawn: wait until the
  // page says no frame is due and the count holds still for 300 ms (a loaded machine draws them
  // late; one software-rendered frame can take longer than 300 ms), then count for a second.
  let settled = await page.evaluate(() => window.Headroom.frames());
  for (let i = 0; i < 20; ++i) {
    await page.waitForTimeout(300);
    const now = await page.evaluate(() => window.Headroom.frames());
    const idle = await page.evaluate(() => window.Headroom.idle());
    if (now === settled && idle) break;
    settled = now;
  }
  const idleStart = await page.evaluate(() => window.Headroom.frames());
  await page.waitForTimeout(1000);
  const idleEnd = await page.evaluate(() => window.Headroom.frames());
  check(idleEnd === idleStart, 'an idle page draws no frames', `${idleEnd - idleStart} frames in 1 s`);
  await page.evaluate(() => window.Headroom.setScenario({ model: 'llama-3.1-8b', quant: 'Q4_K_M', context: 8192,
    hardware: [{ id: 'rtx-4090' }] }));
  await page.waitForTimeout(400);
  const afterSet = await page.evaluate(() => window.Headroom.frames());
  check(afterSet > idleEnd, 'setScenario redraws', `${afterSet - idleEnd} frames`);
  await page.mouse.move(300, 300);
  await page.mouse.move(320, 310);
  await page.waitForTimeout(300);
  const afterMouse = await page.evaluate(() => window.Headroom.frames());
  check(afterMouse > afterSet, 'mouse movement redraws', `${afterMouse - afterSet} frames`);
}

async function checkBackingStore(page, dpr, what) {
  const size = await page.evaluate(() => {
    const canvas = document.getElementById('canvas');
    return { width: canvas.width, height: canvas.height, cssWidth: canvas.clientWidth,
      cssHeight: canvas.clientHeight, dpr: window.devicePixelRatio, innerWidth: window.innerWidth,
      innerHeight: window.innerHeight };
  });
  const detail = JSON.stringify(size);
  check(size.dpr === dpr, `${what}: devicePixelRatio is ${dpr}`, detail);
  check(size.cssWidth === size.innerWidth && size.cssHeight === size.innerHeight,
    `${what}: the canvas fills the window`, detail);
  check(Math.abs(size.width - size.cssWidth * dpr) <= 1 && Math.abs(size.height - size.cssHeight * dpr) <= 1,
    `${what}: canvas backing store = CSS size x devicePixelRatio`, detail);
}

async function checkResize(page) {
  await page.setViewportSize({ width: 720, height: 900 });
  await page.waitForTimeout(500);
  await checkBackingStore(page, 1, 'after resizing to 720x900');
  await checkScreenshot(page, 'headroom-720x900.png');
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function checkScreenshot(page, name) {
  await page.waitForTimeout(300);
  const file = path.join(artifacts, name);
  const png = await page.screenshot({ path: file });
  const image = decodePng(png);
  const { width, height, channels, data } = image;
  const colours = new Set();
  let notBackground = 0;
  let weightsBlue = 0;
  const bg = [data[0], data[1], data[2]];  // the top-left pixel is page background
  for (let i = 0; i < width * height; i++) {
    const r = data[i * channels], g = data[i * channels + 1], b = data[i * channels + 2];
    colours.add((r << 16) | (g << 8) | b);
    if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 24) notBackground++;
    if (Math.abs(r - 91) + Math.abs(g - 141) + Math.abs(b - 239) < 12) weightsBlue++;
  }
  const share = notBackground / (width * height);
  check(colours.size > 200, `${name}: the canvas is not blank`, `${colours.size} distinct colours`);
  check(share > 0.05, `${name}: content covers the page`, `${(share * 100).toFixed(1)}% non-background pixels`);
  check(weightsBlue > 500, `${name}: the memory bar is drawn`, `${weightsBlue} weights-coloured pixels`);
  const { foreign, pageErrors } = page.headroomProblems();
  check(foreign.length === 0, `${name}: no request left the origin`, foreign.join(', '));
  check(pageErrors.length === 0, `${name}: no page errors`, pageErrors.join(' | '));
  console.log(`     screenshot: ${file}`);
}

// --- helpers -------------------------------------------------------------------------------

// Differences between two JSON values; numbers agree when equal or within 1e-9 relative.
function deepDiff(a, b, where) {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return [];
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= 1e-9 * scale ? [] : [`${where}: ${a} != ${b}`];
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return [`${where}: array vs non-array`];
    if (a.length !== b.length) return [`${where}: length ${a.length} != ${b.length}`];
    return a.flatMap((item, i) => deepDiff(item, b[i], `${where}[${i}]`));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) =>
      !(key in a) ? [`${where}.${key}: missing in the browser`]
        : !(key in b) ? [`${where}.${key}: missing in the CLI`]
          : deepDiff(a[key], b[key], `${where}.${key}`));
  }
  return a === b ? [] : [`${where}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`];
}
