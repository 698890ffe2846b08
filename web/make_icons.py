#!/usr/bin/env python3
"""Draws Headroom's PNG icons (the same shapes as web/icon.svg) with the standard library only.

    python3 web/make_icons.py OUT_DIR      writes icon-192.png and icon-512.png
"""
import struct
import sys
import zlib
from pathlib import Path

# (x, y, w, h, rgb) on the 64-unit canvas of icon.svg, drawn in order.
SHAPES = [
    (8, 36, 26, 16, (0x5B, 0x8D, 0xEF)),
    (34, 36, 12, 16, (0xB0, 0x7C, 0xF0)),
    (46, 36, 4, 16, (0xF2, 0xA9, 0x3B)),
    (52, 12, 4, 40, (0xE8, 0xEB, 0xF1)),
]
BACKGROUND = (0x0E, 0x10, 0x15)


def pixels(size):
    scale = size / 64.0
    rows = []
    for py in range(size):
        row = bytearray()
        for px in range(size):
            # Sample at the pixel centre, in icon units. A full-bleed square (maskable-safe).
            x, y = (px + 0.5) / scale, (py + 0.5) / scale
            colour = BACKGROUND
            for sx, sy, sw, sh, rgb in SHAPES:
                if sx <= x < sx + sw and sy <= y < sy + sh:
                    colour = rgb
            row += bytes(colour)
        rows.append(bytes(row))
    return rows


def png(size):
    raw = b"".join(b"\x00" + row for row in pixels(size))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body +
                struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) +
            chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        (out / f"icon-{size}.png").write_bytes(png(size))


if __name__ == "__main__":
    main()
