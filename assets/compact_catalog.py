#!/usr/bin/env python3
"""Writes a catalog file as the page embeds it: the same JSON without whitespace and without the
"notes" fields, which the loader skips (they explain an entry to its maintainers; every fact
keeps its "source"). The files in assets/ stay the single source of truth: the native CLI and
the tests load them as written, and the page's loader validates this copy the same way.

    compact_catalog.py IN.json OUT.json
"""
import json
import sys


def reject_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f'duplicate key "{key}"')
        seen[key] = value
    return seen


def without_notes(value):
    if isinstance(value, dict):
        return {k: without_notes(v) for k, v in value.items() if k != 'notes'}
    if isinstance(value, list):
        return [without_notes(v) for v in value]
    return value


def main():
    src, dst = sys.argv[1], sys.argv[2]
    try:
        with open(src, encoding='utf-8') as f:
            doc = json.load(f, object_pairs_hook=reject_duplicates)
    except ValueError as e:
        sys.exit(f'{src}: {e}')
    # Floats print as Python's shortest round-trip form, so they parse to the same doubles.
    text = json.dumps(without_notes(doc), ensure_ascii=False, separators=(',', ':'), allow_nan=False)
    with open(dst, 'w', encoding='utf-8') as f:
        f.write(text)


if __name__ == '__main__':
    main()
