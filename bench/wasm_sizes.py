#!/usr/bin/env python3
"""Where the wasm's bytes go (issue 7): code bytes per function, grouped by origin.

    bench/wasm_sizes.py build/web-names/dist/headroom.wasm [--top N]

Needs a module with a name section: link a copy with --profiling-funcs (scripts/wasm_names.sh
does). Groups come from the demangled names (c++filt); each group's bytes are also gzipped on
their own, which shows what each part costs on the wire (the sum is above the whole file's gzip,
since one stream compresses across groups). The data follows by kind, raw and compressed: each
catalog, the fonts, and the rest (string literals, tables, exception tables). A function whose name holds nlohmann counts as nlohmann json, even
when it is a core function that takes a json argument: LTO inlines across that line anyway.
"""
import json
import subprocess
import sys
import zlib


def leb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, pos


def sections(buf):
    assert buf[:4] == b'\0asm', 'not a wasm module'
    pos = 8
    while pos < len(buf):
        sid = buf[pos]
        size, body = leb(buf, pos + 1)
        yield sid, buf[body:body + size]
        pos = body + size


def parse(buf):
    imported_funcs = 0
    bodies, names, data, other = [], {}, [], {}
    for sid, sec in sections(buf):
        if sid == 2:  # imports: functions among them shift the function index space
            n, p = leb(sec, 0)
            for _ in range(n):
                for _ in range(2):
                    ln, p = leb(sec, p)
                    p += ln
                kind = sec[p]
                p += 1
                if kind == 0:
                    _, p = leb(sec, p)
                    imported_funcs += 1
                elif kind == 1:
                    p += 1
                    flags, p = leb(sec, p)
                    _, p = leb(sec, p)
                    if flags & 1:
                        _, p = leb(sec, p)
                elif kind == 2:
                    flags, p = leb(sec, p)
                    _, p = leb(sec, p)
                    if flags & 1:
                        _, p = leb(sec, p)
                elif kind == 3:
                    p += 2
                elif kind == 4:
                    p += 1
                    _, p = leb(sec, p)
        elif sid == 10:
            n, p = leb(sec, 0)
            for _ in range(n):
                size, q = leb(sec, p)
                bodies.append(sec[q:q + size])
                p = q + size
        elif sid == 11:
            n, p = leb(sec, 0)
            for _ in range(n):
                flags, p = leb(sec, p)
                if flags == 2:  # active, with a memory index
                    _, p = leb(sec, p)
                if flags in (0, 2):  # the offset: i32.const N end (N's LEB bytes may hold 0x0B)
                    assert sec[p] == 0x41, f'data segment offset is not an i32.const (0x{sec[p]:02x})'
                    _, p = leb(sec, p + 1)
                    assert sec[p] == 0x0B, 'data segment offset expression longer than i32.const'
                    p += 1
                size, p = leb(sec, p)
                data.append(sec[p:p + size])
                p += size
        elif sid == 0:
            ln, p = leb(sec, 0)
            name = sec[p:p + ln].decode()
            if name == 'name':
                p += ln
                while p < len(sec):
                    sub = sec[p]
                    size, q = leb(sec, p + 1)
                    if sub == 1:
                        n, r = leb(sec, q)
                        for _ in range(n):
                            idx, r = leb(sec, r)
                            ln2, r = leb(sec, r)
                            names[idx] = sec[r:r + ln2].decode('utf-8', 'replace')
                            r += ln2
                    p = q + size
            other['custom:' + name] = other.get('custom:' + name, 0) + len(sec)
        else:
            other[sid] = other.get(sid, 0) + len(sec)
    funcs = [(names.get(imported_funcs + i, f'func{imported_funcs + i}'), b) for i, b in enumerate(bodies)]
    return funcs, data, other


GROUPS = [  # first match wins; tested against the demangled name
    ('nlohmann json', ('nlohmann',)),
    ('ImGui', ('Im', 'stbtt', 'stbrp', 'stb_')),  # ImGui::, ImDrawList, ImFont..., its stb_truetype
    ('ui/ (app, panels)', ('headroom::ui::',)),
    ('web/ (main, js_api)', ('headroom::web::',)),
    ('core/ (estimator)', ('headroom::',)),
    ('libc++ (std::)', ('std::', 'operator new', 'operator delete', '__cxa', '__cxx', 'typeinfo', 'vtable')),
]


def group_of(name):
    for g, prefixes in GROUPS:
        # a namespace anywhere (template arguments, return types) or a plain prefix at the start
        if any((p in name) if p.endswith('::') else name.startswith(p) for p in prefixes):
            return g
    if 'glfw' in name.lower() or name.startswith('emscripten_') or name.startswith('gl'):
        return 'platform (GLFW/GL glue)'
    if name.startswith('func'):
        return 'unnamed'
    return 'libc / compiler-rt / other C'


def data_kinds(segments):
    """Data bytes by what they are: each embedded catalog (a JSON document that starts with
    {"schema":"headroom.), the fonts (TrueType), and the rest (string literals, tables, the C++
    exception tables)."""
    kinds = {}
    decoder = json.JSONDecoder()
    for seg in segments:
        if b'glyf' in seg[:300] and b'cmap' in seg[:300]:  # a TrueType table directory (the linker
            # drops the segment's leading zero bytes, so not the 00 01 00 00 magic)
            kinds.setdefault('fonts (TrueType)', []).append(seg)
            continue
        rest, pos = [], 0
        while (start := seg.find(b'{"schema":"headroom.', pos)) >= 0:
            rest.append(seg[pos:start])
            text = seg[start:].decode('utf-8', 'replace')
            doc, chars = decoder.raw_decode(text)
            end = start + len(text[:chars].encode('utf-8'))
            kinds.setdefault(f'catalog {doc["schema"]}', []).append(seg[start:end])
            pos = end
        rest.append(seg[pos:])
        kinds.setdefault('other (strings, tables, EH)', []).extend(r for r in rest if r)
    return sorted(kinds.items())


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index('--top') + 1]) if '--top' in sys.argv else 0
    buf = open(path, 'rb').read()
    funcs, data, other = parse(buf)
    raw_names = [n for n, _ in funcs]
    demangled = subprocess.run(['c++filt'], input='\n'.join(raw_names), capture_output=True, text=True).stdout.split('\n')
    groups = {}
    for (name, body), dm in zip(funcs, demangled):
        # nlohmann inside std:: templates (std::vector<nlohmann::...>) counts as nlohmann
        g = 'nlohmann json' if 'nlohmann' in dm else group_of(dm)
        groups.setdefault(g, []).append((len(body), dm, body))
    code_total = sum(len(b) for _, b in funcs)
    data_total = sum(len(d) for d in data)
    print(f'{path}: {len(buf)} B raw, {len(zlib.compress(buf, 9))} B zlib-9')
    print(f'code section {code_total} B in {len(funcs)} functions; data {data_total} B in {len(data)} segments; '
          f'other sections {sum(other.values())} B')
    print(f'{"group":32} {"functions":>9} {"code B":>9} {"share":>6} {"gzip B":>8}')
    for g, items in sorted(groups.items(), key=lambda kv: -sum(x[0] for x in kv[1])):
        size = sum(x[0] for x in items)
        gz = len(zlib.compress(b''.join(x[2] for x in items), 9))
        print(f'{g:32} {len(items):9} {size:9} {100 * size / code_total:5.1f}% {gz:8}')
    print(f'{"data":32} {"pieces":>9} {"raw B":>9} {"":6} {"zlib B":>8}')
    for kind, pieces in data_kinds(data):
        blob = b''.join(pieces)
        print(f'{kind:32} {len(pieces):9} {len(blob):9} {"":6} {len(zlib.compress(blob, 9)):8}')
    if top:
        print(f'-- top {top} functions')
        allf = sorted(((s, g, n) for g, items in groups.items() for s, n, _ in items), reverse=True)
        for s, g, n in allf[:top]:
            print(f'{s:7} {g[:12]:12} {n[:150]}')


if __name__ == '__main__':
    main()
