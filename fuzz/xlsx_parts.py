# fuzz_xlsx's seeds: a workbook's parts in the harness's order, joined by
# 0xFF, after a mode byte (0 plain, 2 --fill-merged, 8 --sheet 2).
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml",
         "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels"]
parts = [z.read(n) if n in z.namelist() else b"" for n in names]
for mode in (0, 2, 8):
    with open("%s-%d" % (sys.argv[2], mode), "wb") as f:
        f.write(bytes([mode]) + b"\xff".join(parts))
