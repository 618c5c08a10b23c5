#!/usr/bin/env python3
"""csv_roundtrip.py: the python3 peer of sq-cat in the benchmark.

Reads CSV on stdin with the standard csv module and writes it back to
stdout (UTF-8, LF, minimal quoting): a faithful CSV -> CSV copy, the
same job sq-cat does on a UTF-8 file.
"""
import csv
import io
import sys


def main():
    src = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig",
                           newline="")
    dst = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8",
                           newline="")
    csv.writer(dst, lineterminator="\n").writerows(csv.reader(src))
    dst.flush()


if __name__ == "__main__":
    try:
        main()
    except BrokenPipeError:
        sys.exit(0)
