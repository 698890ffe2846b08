// Prints the one table of scripts/bench.sh: each figure of issue 7 measured, beside its target.
//   node bench/report.mjs --native native.jsonl --wasm wasm.jsonl --page page.json [--floor DIR]
// Inputs: JSON lines from headroom_bench_plain (native and wasm), page_bench.mjs --out, and the
// directory of the size floor's floor.js + floor.wasm (bench/floor_page.cpp).
// A missing input shows as "n/a". Exits 0 always: the benchmarks report, they do not gate.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const argv = process.argv.slice(2);
const opt = (name) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : null; };
// A file may hold several passes (scripts/bench.sh alternates native and wasm runs, so a machine
// that slows down for a minute does not skew one side of the ratio): per case the fastest pass
// counts, and results that differ between passes are kept side by side so they compare unequal.
const readLines = (file) => {
  const byName = {};
  if (!file || !existsSync(file)) return byName;
  for (const line of readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{'))) {
    const r = JSON.parse(line);
    const prev = byName[r.name];
    const result = prev && prev.result !== r.result ? `${prev.result} | ${r.result}` : r.result;
    byName[r.name] = !prev || r.ns_per_call < prev.ns_per_call ? { ...r, result } : { ...prev, result };
  }
  return byName;
};
const native = readLines(opt('native'));
const wasm = readLines(opt('wasm'));
const page = opt('page') && existsSync(opt('page')) ? JSON.parse(readFileSync(opt('page'), 'utf8')) : null;

const ESTIMATE = 'estimate/llama-3.1-8b/rtx-4090';
const WHAT_RUNS = 'what_runs/rtx-4090/8k';
const rows = [];
// ok: true/false against the target; null for a figure reported without one.
const row = (figure, measured, target, ok) =>
  rows.push([figure, measured ?? 'n/a', target, measured == null ? '-' : ok == null ? '' : ok ? 'ok' : 'OVER']);
const us = (ns) => `${(ns / 1000).toFixed(1)} us`;
const ms = (x) => `${x.toFixed(1)} ms`;

if (page) {
  const kib = (gzip, raw) => `${(gzip / 1024).toFixed(1)} KiB (raw ${(raw / 1024).toFixed(1)} KiB)`;
  row('total transfer, gzip', kib(page.total_gzip, page.total_raw), '<= 250 KiB', page.total_gzip <= 250 * 1024);
  for (const f of page.files) row(`  ${f.name}, gzip`, kib(f.gzip, f.raw), '', null);
  // What ImGui, its backends, the fonts and the page's flags weigh with no product on top: the
  // part of the target no estimator or panel can take back.
  const floorDir = opt('floor');
  if (floorDir && existsSync(path.join(floorDir, 'floor.wasm'))) {
    const gz = (name) => gzipSync(readFileSync(path.join(floorDir, name)), { level: 9 }).length;
    const floor = gz('floor.wasm') + gz('floor.js');
    const headroomGzip = page.files.filter((f) => /^headroom\.(wasm|js)$/.test(f.name)).reduce((sum, f) => sum + f.gzip, 0);
    row('  size floor: ImGui + backends + fonts + flags, no product (floor_page.cpp), wasm + js gzip',
      `${(floor / 1024).toFixed(1)} KiB; headroom.wasm + .js add ${((headroomGzip - floor) / 1024).toFixed(1)} KiB to it`,
      '(report)', null);
  }
  if (page.total_brotli != null) {
    row('  the same files, brotli (what most static hosts send)', `${(page.total_brotli / 1024).toFixed(1)} KiB`,
      '(report)', null);
  }
  if (page.first_visit) {
    row('first visit on the wire, service worker included', `${(page.first_visit.bytes / 1024).toFixed(1)} KiB`,
        '<= 250 KiB', page.first_visit.bytes <= 250 * 1024 && page.service_worker);
  }
  row('navigation -> Headroom.ready, median of 5', ms(page.ready_ms_median), '<= 300 ms', page.ready_ms_median <= 300);
  row('navigation -> first frame, median of 5', ms(page.first_frame_ms_median), '<= 300 ms',
    page.first_frame_ms_median <= 300);
  if (page.repeat_ready_ms_median != null) {
    row('  repeat visit -> Headroom.ready (same browser, service worker), median of 3', ms(page.repeat_ready_ms_median),
      '(report)', null);
  }
  if (page.blank_paint_ms_median != null) {
    row('  baseline: a blank page\'s first paint, median of 5', ms(page.blank_paint_ms_median),
      '(report; ~150 ms in the issue)', null);
  }
  row(`frames drawn in ${page.idle_ms / 1000} s idle`, String(page.idle_frames), '0', page.idle_frames === 0);
  row('Headroom.estimate in the page (JSON in/out), steady state', `${page.estimate_us.toFixed(1)} us`, '<= 20 us',
    page.estimate_us <= 20);
  if (page.estimate_first_us != null) {
    row('  its first calls after start-up (V8 still optimizing)', `${page.estimate_first_us.toFixed(1)} us`,
      '(report)', null);
  }
  row(`frame while context changes x${page.context_change.changes}, median/max`,
    `${page.context_change.median_ms.toFixed(1)} / ${page.context_change.max_ms.toFixed(1)} ms`, '(report)', null);
  if (!page.what_runs) row('what runs in the page (JS API)', 'not exposed: timed in Node only', '', null);
} else {
  row('page benchmark', null, '', false);
}
const n = native[ESTIMATE]?.ns_per_call;
const w = wasm[ESTIMATE]?.ns_per_call;
row('one estimate, native', n == null ? null : us(n), '(report)', null);
row('one estimate, wasm in Node', w == null ? null : us(w), '<= 20 us', w <= 20000);
const wr = wasm[WHAT_RUNS]?.ns_per_call;
row('what runs over the catalog, wasm in Node', wr == null ? null : ms(wr / 1e6), '<= 16 ms', wr <= 16e6);
const cold = wasm[`${WHAT_RUNS}/first-use`]?.ns_per_call;
row('what runs, first use (empty weight cache), wasm', cold == null ? null : ms(cold / 1e6), '(report)', null);
if (native[WHAT_RUNS]) {
  row('what runs over the catalog, native', ms(native[WHAT_RUNS].ns_per_call / 1e6), '(report)', null);
}
for (const name of Object.keys(native)) {
  if (!wasm[name]) continue;
  const ratio = wasm[name].ns_per_call / native[name].ns_per_call;
  const same = wasm[name].result === native[name].result;
  const verdict = same ? 'same result' : 'DIFFERENT result (see "result" in build/bench/*.jsonl)';
  row(`wasm/native: ${name}`, `${ratio.toFixed(2)}x, ${verdict}`, '<= 2x, identical', ratio <= 2 && same);
}

const header = ['figure', 'measured', 'target', ''];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((wd) => '-'.repeat(wd + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log('Core timings: each case\'s fastest batch over two alternating native/wasm passes '
  + '(bench/plain_bench.cpp); the medians are in build/bench/*.jsonl as ns_median.');
