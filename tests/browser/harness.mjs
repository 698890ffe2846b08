// What every browser test shares: Chromium's flags for this machine (TOOLCHAIN.md: headless,
// no sandbox as root, SwiftShader WebGL2, no background network) and "--name value" arguments.
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--hide-scrollbars'];
// How to launch it: Playwright adds --disable-ipc-flooding-protection, which lifts Chromium's cap
// on history.replaceState (200 calls in 10 s, then ignored). Users have the cap, so the tests do.
export const LAUNCH_OPTIONS = { args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-ipc-flooding-protection'] };

// parseArgs(argv, usageLine) -> { get(name), need(name) }; a bad or missing argument prints the
// usage line and exits 2.
export function parseArgs(list, usageLine) {
  const usage = (problem) => {
    console.error(`${problem}\nusage: ${usageLine}`);
    process.exit(2);
  };
  const values = {};
  for (let i = 0; i < list.length; i += 2) {
    if (!list[i].startsWith('--') || i + 1 >= list.length) usage(`bad argument ${list[i]}`);
    values[list[i].slice(2)] = list[i + 1];
  }
  return {
    get: (name) => values[name],
    need: (name) => values[name] ?? usage(`--${name} is required`),
  };
}

// check(ok, what, detail) prints one "ok"/"FAIL" line per check; finish(label) prints the
// count and exits 1 if any failed.
let failures = 0;
export function check(ok, what, detail = '') {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` (${detail})` : ''}`);
  if (!ok) failures++;
  return ok;
}

export function finish(label) {
  console.log(failures === 0 ? `all ${label} checks passed` : `${failures} ${label} check(s) failed`);
  process.exit(failures === 0 ? 0 : 1);
}

// Runs each step (an async function) in turn; one that throws counts as one failed check and
// the next still runs. Then closes the browser and the server and finishes with `label`.
export async function runSteps(steps, { browser, server, label }) {
  try {
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        check(false, `${step.name} ran to the end`, error.stack ?? String(error));
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  finish(label);
}

// The page served from `dist` on a free loopback port: { server, origin }.
export async function servePage(startServer, dist) {
  const { server, url } = await startServer(dist, 0);
  const origin = url.replace(/\/$/, '');
  console.log(`serving ${dist} at ${origin}`);
  return { server, origin };
}

// Collects what a page reports as wrong: uncaught errors, HTTP errors, console errors.
export function collectPageErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`${response.status()} for ${response.url()}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

// A screenshot (decodePng) with over 100 colours and over 4% of it not the background colour.
export function checkNotBlank({ width, height, channels, data }, what) {
  const colours = new Set();
  let notBackground = 0;
  const bg = [data[0], data[1], data[2]];
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    colours.add((data[o] << 16) | (data[o + 1] << 8) | data[o + 2]);
    if (Math.abs(data[o] - bg[0]) + Math.abs(data[o + 1] - bg[1]) + Math.abs(data[o + 2] - bg[2]) > 24) notBackground++;
  }
  const share = notBackground / (width * height);
  check(colours.size > 100 && share > 0.04, `${what}: not blank`,
    `${width}x${height}, ${colours.size} colours, ${(share * 100).toFixed(1)}% non-background`);
}

// The address bar once the page has written its latest hash (it writes at most a few times a second).
export async function settledHash(page) {
  return page.evaluate(async () => {
    const deadline = performance.now() + 3000;
    while (performance.now() < deadline &&
           location.hash !== '#' + await window.Headroom.zipHash(window.Headroom.getHash())) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return location.hash;
  });
}
