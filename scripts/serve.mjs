// A small static file server for the built page: 127.0.0.1 only, correct MIME types for
// .wasm, no caching surprises. Used by `scripts/serve.sh` and importable by browser tests.
// It serves as a static host does: gzip to clients that accept it (what the page's size
// figures assume) and validators (ETag, Last-Modified) with 304 answers, so a revalidation, such
// as the service worker's precache right after a first visit, costs headers, not the files again.
//   node scripts/serve.mjs DIR [--port N]     (port 0 picks a free one)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.ico': 'image/x-icon',
  '.data': 'application/octet-stream',
};

// Compressible types: everything but the PNGs, which are compressed already.
const GZIP = new Set(['.html', '.js', '.mjs', '.wasm', '.json', '.webmanifest', '.css', '.svg', '.ttf', '.data']);

// A file's body, gzip body and ETag, computed once per version of the file (size and mtime).
const versions = new Map();
function version(file, stat, body) {
  const key = `${file}:${stat.size}:${stat.mtimeMs}`;
  let v = versions.get(file);
  if (!v || v.key !== key) {
    const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22);
    v = { key, etag: `"${hash}"`, gzip: null };
    versions.set(file, v);
  }
  if (v.gzip === null && GZIP.has(path.extname(file))) v.gzip = zlib.gzipSync(body, { level: 9 });
  return v;
}

function acceptsGzip(req) {
  return /(^|,)\s*gzip\s*(;\s*q=(?!0(\.0*)?\s*(,|$))[\d.]+)?\s*(,|$)/i.test(req.headers['accept-encoding'] || '');
}

// onResponse({path, status, bytes, gzip}), when given, hears of every file answer: the page
// benchmark and the offline test count what a visit really downloads.
export function startServer(root, port = 0, { onResponse } = {}) {
  const base = path.resolve(root);
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, rel);
    if (!file.startsWith(base + path.sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    fs.stat(file, (statErr, stat) => fs.readFile(file, (err, body) => {
      if (statErr || err || !stat.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const v = version(file, stat, body);
      const gzip = v.gzip !== null && acceptsGzip(req);
      const etag = gzip ? v.etag.replace(/"$/, '-gz"') : v.etag;
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
                        'Cache-Control': 'no-cache', 'ETag': etag,
                        'Last-Modified': new Date(Math.floor(stat.mtimeMs / 1000) * 1000).toUTCString() };
      if (v.gzip !== null) headers['Vary'] = 'Accept-Encoding';
      const match = req.headers['if-none-match'];
      if (match !== undefined ? match.split(',').some((t) => t.trim() === etag || t.trim() === '*')
          : Date.parse(req.headers['if-modified-since'] || '') >= Math.floor(stat.mtimeMs / 1000) * 1000) {
        res.writeHead(304, headers).end();
        onResponse?.({ path: rel, status: 304, bytes: 0, gzip: false });
        return;
      }
      if (gzip) headers['Content-Encoding'] = 'gzip';
      res.writeHead(200, headers);
      const sent = req.method === 'HEAD' ? undefined : gzip ? v.gzip : body;
      res.end(sent);
      onResponse?.({ path: rel, status: 200, bytes: sent ? sent.length : 0, gzip });
    }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dir = args[0];
  const portFlag = args.indexOf('--port');
  const port = portFlag >= 0 ? Number(args[portFlag + 1]) : 8080;
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`serve: no index.html in "${dir}": build the page first (scripts/serve.sh does)`);
    process.exit(2);
  }
  startServer(dir, port).then(({ url }) => console.log(`Headroom is served at ${url}  (Ctrl+C stops it)`),
                              (err) => { console.error(`serve: ${err.message}`); process.exit(1); });
}
