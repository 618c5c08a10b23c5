#!/usr/bin/env python3
"""check.py FILE... — every row of a labelled requests CSV parses (RFC 4180, UTF-8, no BOM),
has a text, a category from share/requests/categories.txt and urgent true/false; no text repeats
within or across the files given.  Prints per-category counts and the urgent share."""
import csv, sys, os, collections, unicodedata
here = os.path.dirname(os.path.abspath(__file__))
cats_file = os.path.join(here, '..', '..', '..', 'share', 'requests', 'categories.txt')
codes = set()
for line in open(cats_file, encoding='utf-8'):
    line = line.split('#', 1)[0].split()
    if line and line[0] != 'urgent':
        codes.add(line[0])
bad = 0; seen = {}
def norm(t):  # duplicates modulo width and spacing
    return ''.join(unicodedata.normalize('NFKC', t).split()).lower()
for path in sys.argv[1:]:
    raw = open(path, 'rb').read()
    if raw.startswith(b'\xef\xbb\xbf'):
        print(f'{path}: starts with a BOM'); bad += 1
    text = raw.decode('utf-8')
    r = csv.reader(text.splitlines(keepends=True), strict=True)
    header = next(r)
    if header != ['text', 'category', 'urgent']:
        print(f'{path}:1: header is {header}'); bad += 1
    n = collections.Counter(); u = collections.Counter()
    for i, row in enumerate(r, 2):
        if len(row) != 3 or not row[0].strip():
            print(f'{path}:{i}: {len(row)} fields or empty text: {row}'); bad += 1; continue
        t, c, g = row
        if c not in codes:
            print(f'{path}:{i}: category {c!r} not in categories.txt'); bad += 1
        if g not in ('true', 'false'):
            print(f'{path}:{i}: urgent {g!r} is not true/false'); bad += 1
        k = norm(t)
        if k in seen:
            print(f'{path}:{i}: text repeats {seen[k]}: {t}'); bad += 1
        seen[k] = f'{path}:{i}'
        n[c] += 1; u[c] += g == 'true'
    tot = sum(n.values()); ut = sum(u.values())
    print(f'{path}: {tot} rows, {ut} urgent ({100*ut/max(tot,1):.1f}%)')
    for c in sorted(n, key=lambda c: -n[c]):
        print(f'  {c:13} {n[c]:4}  urgent {u[c]:3}')
sys.exit(1 if bad else 0)
