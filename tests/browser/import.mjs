// Browser test of importing models into the page: a GGUF header (a file that ends right after
// its tensor infos) imported through Headroom.importFile and through a drop gives weights equal
// to the sum of its tensors, computed here independently; a header larger than the first slice
// is read in growing File.slice prefixes, never whole; pasted config.json text imports; a bad
// file gives one notice; a reload keeps the imported models (localStorage) and the share hash
// reproduces the view in a fresh browser.
//   node tests/browser/import.mjs --dist build/web/dist [--artifacts build/test-artifacts] [--chromium PATH]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { LAUNCH_OPTIONS, check, collectPageErrors, finish, parseArgs, servePage, settledHash } from './harness.mjs';

const args = parseArgs(process.argv.slice(2), 'node tests/browser/import.mjs --dist DIR [--artifacts DIR] [--chromium PATH]');
const dist = path.resolve(args.need('dist'));
const artifacts = path.resolve(args.get('artifacts') ?? 'build/test-artifacts');
const executablePath = args.get('chromium') ?? '/usr/bin/chromium';
mkdirSync(artifacts, { recursive: true });

// --- a GGUF v3 writer (ggml docs/gguf.md), independent of the C++ one -------------------------
// ggml types and their block layout: [id, elements per block, bytes per block].
const TYPES = { F32: [0, 1, 4], F16: [1, 1, 2], Q8_0: [8, 32, 34], Q4_K: [12, 256, 144], Q6_K: [14, 256, 210] };
// split: {no, count} writes part `no` of a split file as llama.cpp's gguf-split does: the split.*
// keys in every part, the model's metadata only in part 0, the tensors dealt round-robin.
function ggufHeader({ blocks = 2, embd = 256, ff = 512, heads = 4, kvHeads = 2, vocab = 32, tokenBytes = 0, padTo = 0, split = null }) {
  const parts = [];
  const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); parts.push(b); };
  const u64 = (v) => { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); parts.push(b); };
  const str = (s) => { const b = Buffer.from(s, 'utf8'); u64(b.length); parts.push(b); };
  const kvs = [];
  const kv = (key, write) => kvs.push([key, write]);
  kv('general.architecture', () => { u32(8); str('llama'); });
  kv('general.name', () => { u32(8); str('Browser Tiny'); });
  kv('llama.block_count', () => { u32(4); u32(blocks); });
  kv('llama.context_length', () => { u32(4); u32(8192); });
  kv('llama.embedding_length', () => { u32(4); u32(embd); });
  kv('llama.feed_forward_length', () => { u32(4); u32(ff); });
  kv('llama.attention.head_count', () => { u32(4); u32(heads); });
  kv('llama.attention.head_count_kv', () => { u32(4); u32(kvHeads); });
  const tokens = Math.max(vocab, tokenBytes ? Math.ceil(tokenBytes / 16) : 0);
  kv('tokenizer.ggml.tokens', () => { u32(9); u32(8); u64(tokens); for (let i = 0; i < tokens; ++i) str(`tok${String(i).padStart(5, '0')}`); });
  const tensors = [];
  let sum = 0;
  const tensor = (name, dims, type) => {
    const [id, per, bytes] = TYPES[type];
    const n = dims.reduce((a, b) => a * b, 1);
    tensors.push([name, dims, id, n / per * bytes]);
    sum += n / per * bytes;
  };
  tensor('token_embd.weight', [embd, vocab], 'Q8_0');
  for (let il = 0; il < blocks; ++il) {
    const b = `blk.${il}.`;
    tensor(b + 'attn_norm.weight', [embd], 'F32');
    tensor(b + 'attn_q.weight', [embd, embd], 'Q4_K');
    tensor(b + 'attn_k.weight', [embd, embd / heads * kvHeads], 'Q4_K');
    tensor(b + 'attn_v.weight', [embd, embd / heads * kvHeads], 'Q6_K');
    tensor(b + 'attn_output.weight', [embd, embd], 'Q4_K');
    tensor(b + 'ffn_norm.weight', [embd], 'F32');
    tensor(b + 'ffn_gate.weight', [embd, ff], 'Q4_K');
    tensor(b + 'ffn_up.weight', [embd, ff], 'Q4_K');
    tensor(b + 'ffn_down.weight', [ff, embd], 'Q6_K');
  }
  tensor('output_norm.weight', [embd], 'F32');
  tensor('output.weight', [embd, vocab], 'F16');
  let mine = tensors, myKvs = kvs;
  if (split) {
    mine = tensors.filter((_, i) => i % split.count === split.no);
    const keys = [['split.no', () => { u32(2); parts.push(Buffer.from([split.no, 0])); }],
      ['split.count', () => { u32(2); parts.push(Buffer.from([split.count, 0])); }],
      ['split.tensors.count', () => { u32(5); u32(tensors.length); }]];
    myKvs = split.no === 0 ? kvs.concat(keys) : keys;
  }
  u32(0x46554747); u32(3); u64(mine.length); u64(myKvs.length);
  for (const [key, write] of myKvs) { str(key); write(); }
  let offset = 0;
  for (const [name, dims, id, bytes] of mine) {
    str(name); u32(dims.length); for (const d of dims) u64(d); u32(id); u64(offset);
    offset += Math.ceil(bytes / 32) * 32;
  }
  let file = Buffer.concat(parts);
  if (padTo > file.length) file = Buffer.concat([file, Buffer.alloc(padTo - file.length)]);
  return { bytes: file, sum };
}

const CONFIG = {
  architectures: ['Qwen3ForCausalLM'], model_type: 'qwen3', hidden_size: 1024, num_hidden_layers: 4,
  num_attention_heads: 16, num_key_value_heads: 8, head_dim: 128, intermediate_size: 3072, vocab_size: 151936,
  max_position_embeddings: 40960, tie_word_embeddings: true, _name_or_path: 'test/Paste-Qwen3',
};

const { server, origin } = await servePage(startServer, dist);
const browser = await chromium.launch({ executablePath, ...LAUNCH_OPTIONS });
try {
  await run();
} catch (error) {
  check(false, 'the import test ran to the end', error.stack ?? String(error));
} finally {
  await browser.close();
  server.close();
}
finish('import');

async function open(context, where = '/') {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  page.headroomErrors = errors;
  await page.goto(origin + where);
  await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 });
  return page;
}

// Hands the page a File made from `bytes`, and counts the slices it reads.
// `name` and `bytes` may be arrays: several files in one drop or one importFiles call.
async function importInPage(page, name, bytes, how = 'api') {
  const names = [].concat(name), datas = [].concat(bytes).map((b) => b.toString('base64'));
  return page.evaluate(async ({ names, datas, how }) => {
    const files = names.map((n, i) => new File([Uint8Array.from(atob(datas[i]), (c) => c.charCodeAt(0))], n));
    const file = files[0];
    const ends = [];
    const slice = Blob.prototype.slice;
    Blob.prototype.slice = function (start, end) { ends.push(end); return slice.apply(this, arguments); };
    try {
      if (how === 'drop') {
        const dt = new DataTransfer();
        for (const f of files) dt.items.add(f);
        const before = window.Headroom.imported().length;
        document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
        for (let i = 0; i < 100 && window.Headroom.imported().length === before; ++i) await new Promise((r) => setTimeout(r, 50));
        return { ok: window.Headroom.imported().length > before, ends, size: file.size };
      }
      const answer = files.length > 1 ? await window.Headroom.importFiles(files) : await window.Headroom.importFile(file);
      return { ok: true, answer, ends, size: file.size };
    } catch (error) {
      return { ok: false, error: String(error.message), ends, size: file.size };
    } finally {
      Blob.prototype.slice = slice;
    }
  }, { names, datas, how });
}

async function weightsOnScreen(page) {
  return page.evaluate(() => window.Headroom.estimate(window.Headroom.getScenario()).weights_bytes);
}

async function run() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  const page = await open(context);

  // 1. A header-only GGUF through the API: weights = the sum of its tensors, for any format.
  const small = ggufHeader({});
  const got = await importInPage(page, 'browser-tiny.gguf', small.bytes);
  check(got.ok, 'Headroom.importFile takes a header-only GGUF', got.error ?? '');
  const scenario = await page.evaluate(() => window.Headroom.getScenario());
  check(scenario.model && scenario.model.name === 'browser-tiny.gguf' && scenario.model.file_weights,
    'the imported model is selected, named by its file, with its tensors\' bytes', JSON.stringify(scenario.model).slice(0, 120));
  check(await weightsOnScreen(page) === small.sum, 'the page\'s weights bytes equal the sum of the GGUF\'s tensors',
    `${await weightsOnScreen(page)} vs ${small.sum}`);
  await page.evaluate(() => { const s = window.Headroom.getScenario(); s.quant = 'Q8_0'; window.Headroom.setScenario(s); });
  check(await weightsOnScreen(page) === small.sum, 'another weight format leaves a GGUF\'s own bytes unchanged');

  // 2. A header over the first 1 MiB slice, with 6 MiB of tensor data behind it: read in growing
  //    prefixes, never the whole file.
  const big = ggufHeader({ blocks: 3, tokenBytes: 2.5 * (1 << 20), padTo: 10 << 20 });
  const bigGot = await importInPage(page, 'big-vocab.gguf', big.bytes);
  check(bigGot.ok, 'a GGUF whose header passes 1 MiB imports', bigGot.error ?? '');
  check(bigGot.ends.length >= 2 && bigGot.ends[0] === 1 << 20 && bigGot.ends.every((e) => e < bigGot.size),
    'it is read in growing File.slice prefixes, never whole', JSON.stringify(bigGot.ends));
  check(await weightsOnScreen(page) === big.sum, 'its weights equal the sum of its tensors', `${await weightsOnScreen(page)} vs ${big.sum}`);

  // 3. A drop anywhere on the page.
  const dropped = ggufHeader({ blocks: 4 });
  const drop = await importInPage(page, 'dropped.gguf', dropped.bytes, 'drop');
  check(drop.ok, 'dropping a GGUF on the page imports it');
  check(await weightsOnScreen(page) === dropped.sum, 'the dropped GGUF\'s weights equal the sum of its tensors');

  // 3b. A split GGUF: its parts dropped together combine (weights = every part's tensors); one
  //     part alone is refused with what to do, never sized from its own tensors.
  const whole = ggufHeader({ blocks: 3 });
  const splitParts = [0, 1, 2].map((no) => ggufHeader({ blocks: 3, split: { no, count: 3 } }).bytes);
  const splitNames = [1, 2, 3].map((i) => `tiny-split-0000${i}-of-00003.gguf`);
  const lone = await importInPage(page, splitNames[0], splitParts[0]);
  check(!lone.ok && /one part of a GGUF split into 3 files/.test(lone.error), 'one part of a split GGUF alone is refused with what to do', lone.error);
  await page.evaluate(() => window.Headroom.dismissNotices());
  const splitDrop = await importInPage(page, [splitNames[2], splitNames[0], splitNames[1]], [splitParts[2], splitParts[0], splitParts[1]], 'drop');
  check(splitDrop.ok, 'dropping the three parts of a split GGUF together imports one model');
  const splitModel = await page.evaluate(() => window.Headroom.getScenario().model);
  check(splitModel.name === splitNames[0], 'named after its first part', splitModel.name);
  check(await weightsOnScreen(page) === whole.sum, 'its weights equal the sum of every part\'s tensors', `${await weightsOnScreen(page)} vs ${whole.sum}`);
  check((await page.evaluate(() => window.Headroom.notices())).length === 0, 'with no notice');

  // 4. Pasted config.json text (a paste event) and Headroom.importText.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(CONFIG, null, 2));
  await page.waitForFunction(() => window.Headroom.getScenario().model.hf_config?.model_type === 'qwen3', null, { timeout: 5000 }).catch(() => {});
  const pasted = await page.evaluate(() => window.Headroom.getScenario().model);
  check(pasted.hf_config && pasted.hf_config.hidden_size === 1024, 'pasting config.json text imports it', JSON.stringify(pasted).slice(0, 100));
  const viaText = await page.evaluate((text) => window.Headroom.importText('my-config.json', text).then((a) => a.imported), JSON.stringify(CONFIG));
  check(viaText === 'my-config.json', 'Headroom.importText imports config.json text', String(viaText));

  // 5. A bad file: a rejected promise, one notice, the view unchanged.
  const before = await page.evaluate(() => JSON.stringify(window.Headroom.getScenario()));
  const bad = await importInPage(page, 'broken.gguf', Buffer.from('GGUF\x03\x00\x00\x00 not a header at all'));
  check(!bad.ok && /broken\.gguf/.test(bad.error), 'a broken GGUF is refused with a message naming it', bad.error);
  check((await page.evaluate(() => window.Headroom.notices())).some((n) => /broken\.gguf/.test(n)), 'and the message is on the page');
  check(await page.evaluate(() => JSON.stringify(window.Headroom.getScenario())) === before, 'and the view is unchanged');
  await page.evaluate(() => window.Headroom.dismissNotices());
  // A file the browser cannot read (moved or deleted since it was picked): a message, no stuck progress line.
  const unreadable = await page.evaluate(async () => {
    const file = new File([new Uint8Array(64)], 'gone.gguf');
    file.slice = () => ({ arrayBuffer: () => Promise.reject(new DOMException('the file is gone', 'NotFoundError')) });
    try {
      await window.Headroom.importFile(file);
      return { error: 'imported' };
    } catch (error) {
      return { error: error.message, notices: window.Headroom.notices(), progressHidden: document.getElementById('status').hidden };
    }
  });
  check(/"gone\.gguf": the browser could not read it \(the file is gone\)/.test(unreadable.error) &&
        unreadable.notices.length === 1 && unreadable.progressHidden,
    'an unreadable file is refused with a notice, and no progress line stays', JSON.stringify(unreadable));
  await page.evaluate(() => window.Headroom.dismissNotices());

  // Back to the small GGUF for the screenshot and the share link.
  await importInPage(page, 'browser-tiny.gguf', small.bytes);
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(artifacts, 'imported-gguf-1280x800.png') });
  await page.evaluate(() => window.Headroom.openPanels([]));
  console.log(`     screenshot: ${path.join(artifacts, 'imported-gguf-1280x800.png')}`);

  // 6. A reload keeps the imported models; the hash reproduces the view in a fresh browser.
  const names = await page.evaluate(() => window.Headroom.imported().map((m) => m.name));
  const hash = await page.evaluate(() => window.Headroom.getHash());
  const shown = await page.evaluate(() => JSON.stringify(window.Headroom.getScenario()));
  await page.reload();
  await page.evaluate(() => window.Headroom.ready.then(() => true), null, { timeout: 30000 });
  const kept = await page.evaluate(() => window.Headroom.imported().map((m) => m.name));
  check(JSON.stringify(kept) === JSON.stringify(names), 'a reload keeps the imported models (localStorage)', kept.join(', '));
  check(await page.evaluate(() => JSON.stringify(window.Headroom.getScenario())) === shown, 'and shows the same view');
  check(page.headroomErrors.length === 0, 'no page errors', page.headroomErrors.join(' | '));

  const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const other = await open(fresh, `/#${hash}`);
  check(await other.evaluate(() => JSON.stringify(window.Headroom.getScenario())) === shown,
    'the share link reproduces the imported model in a fresh browser', hash.slice(0, 60));
  check(await weightsOnScreen(other) === small.sum, 'with the GGUF\'s exact weights');
  check((await other.evaluate(() => window.Headroom.notices())).length === 0, 'and no notice');
  check(JSON.stringify(await other.evaluate(() => window.Headroom.imported().map((m) => m.name))) === '["browser-tiny.gguf"]',
    'the linked model joins the receiver\'s Imported group');
  const mangled = await open(fresh, `/#${hash.slice(0, Math.floor(hash.length / 2))}`);
  check((await mangled.evaluate(() => window.Headroom.notices())).length === 1, 'a cut-short link shows one notice and the defaults');

  // The address bar holds the compact form: s= deflated to z= (CompressionStream).
  const address = (await settledHash(page)).replace(/^#/, '');
  check(address.startsWith('z=') && address.length < hash.length, 'the address bar carries the deflated form (z=)',
    `${address.length} vs ${hash.length} characters`);
  const zipped = await open(fresh, `/#${address}`);
  check(await zipped.evaluate(() => JSON.stringify(window.Headroom.getScenario())) === shown,
    'the deflated link reproduces the view in a fresh browser');
  check((await zipped.evaluate(() => window.Headroom.notices())).length === 0, 'with no notice');
  const zipCut = await open(fresh, `/#${address.slice(0, Math.floor(address.length / 2))}`);
  const zipNotices = await zipCut.evaluate(() => window.Headroom.notices());
  check(zipNotices.length === 1 && await zipCut.evaluate(() => window.Headroom.getScenario().model === 'llama-3.1-8b'),
    'a cut-short deflated link shows one notice and the defaults', zipNotices.join(' | '));
  await fresh.close();

  // 7. A browser that will not store the list (private mode, full storage) gets told, at import.
  const refusing = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await refusing.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (key === 'headroom.imported') throw new DOMException('quota', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const noStore = await open(refusing);
  const stored = await importInPage(noStore, 'browser-tiny.gguf', small.bytes);
  const notices = await noStore.evaluate(() => window.Headroom.notices());
  check(stored.ok && notices.some((n) => /for this visit only/.test(n) && /browser-tiny\.gguf/.test(n)),
    'storage that refuses the imported list gets a notice, and the model is still imported', notices.join(' | '));
  await refusing.close();
  await context.close();
}
