#!/bin/sh
# Workbooks in (lib/bookread.c, lib/xlsxread.c, lib/xlsread.c) as other
# programs write them, and damaged ones.
#  1. A roster made by openpyxl (shared strings, styles of its own) and one
#     made by xlwt as a legacy .xls: numeric phones, dates, merged 楼号, a
#     title row, a second sheet; each reads to the clean CSV of the same
#     data, and --sheet picks the second.
#  2. Damaged workbooks, made with Python's zipfile: broken XML, a shared
#     string that is not there, a DTD with entities ("billion laughs"), a
#     sheet part that is missing, an XML token larger than --max-field, a
#     cell larger than --max-field: each a message and exit 2 (the file) or
#     a rejected row (the row), never a crash and never a silent loss.
#  3. Standard input: a workbook piped in reads as the file does.
#  4. sq-cat -o xlsx read back by openpyxl: phones, IDs and rooms are text
#     cells, counts and temperatures numbers, the header bold, frozen and
#     filtered, a fever row red; and read back by sq-cat, the same CSV.
# Needs python3 with openpyxl (and xlwt for the .xls): SKIP without them.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
PATH=$build/bin:$build/tools:$PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqbook.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
check() {	# name, ok|why
	if [ "$2" = ok ]; then pass=$((pass + 1)); else
		fail=$((fail + 1)); echo "FAIL workbook $1: $2"; fi
}
same() {	# name, expected file, actual file
	if cmp -s "$2" "$3"; then check "$1" ok; else
		check "$1" "differs"; diff -u "$2" "$3" | head -20; fi
}

# Debian's python3 has the packages install-deps.sh installs; a python3
# earlier on PATH (pyenv) may not
py=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import openpyxl' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "SKIP workbook: no python3 with openpyxl (apt-get install python3-openpyxl)"
	echo "workbook: 0 passed, 0 failed"
	exit 0
fi

cat >"$tmp/clean.csv" <<'EOF'
楼号,单元,室,户主,联系电话,人口,登记日期,体温,备注
12号楼,2,502,张三,13800138000,3,2022-04-01,36.5,独居老人
,2,0601,李四,13900139000,2,2022-04-02,37.4,
,3,101,王五,13700137000,1,2022-04-03 08:30,36.8,
13号楼,1,201,赵六,15800158000,4,,,慢性病
EOF
cat >"$tmp/clean-2.csv" <<'EOF'
楼号,户数
12号楼,3
13号楼,1
EOF

# ---- 1. made by openpyxl -----------------------------------------------
"$py" - "$tmp/openpyxl.xlsx" <<'EOF' || check openpyxl-make "python failed"
import sys, datetime
from openpyxl import Workbook
wb = Workbook()
ws = wb.active
ws.title = "花名册"
ws.append(["2022年4月 花名册（第3网格）"])
ws.merge_cells("A1:I1")
ws.append(["楼号", "单元", "室", "户主", "联系电话", "人口", "登记日期", "体温", "备注"])
ws.append(["12号楼", 2, "502", "张三", 13800138000, 3, datetime.date(2022, 4, 1), 36.5, "独居老人"])
ws.append([None, 2, "0601", "李四", 13900139000, 2, datetime.date(2022, 4, 2), 37.4])
ws.append([None, 3, "101", "王五", 13700137000, 1, datetime.datetime(2022, 4, 3, 8, 30), 36.8])
ws.append(["13号楼", 1, "201", "赵六", 15800158000, 4, None, None, "慢性病"])
ws.merge_cells("A3:A5")
ws["G3"].number_format = "yyyy-mm-dd"
ws["G4"].number_format = 'yyyy"年"m"月"d"日"'
ws["G5"].number_format = "yyyy-mm-dd h:mm"
ws.row_dimensions[4].hidden = True
ws.column_dimensions["H"].hidden = True
s2 = wb.create_sheet("统计")
s2.append(["楼号", "户数"])
s2.append(["12号楼", 3])
s2.append(["13号楼", 1])
wb.save(sys.argv[1])
EOF
sq-cat "$tmp/openpyxl.xlsx" >"$tmp/got.csv" 2>"$tmp/err"
same openpyxl-sheet1 "$tmp/clean.csv" "$tmp/got.csv"
grep -q 'openpyxl.xlsx:花名册!2: took this line as the header' "$tmp/err" &&
    check openpyxl-title-message ok || check openpyxl-title-message "$(cat "$tmp/err")"
sq-cat --sheet 2 "$tmp/openpyxl.xlsx" >"$tmp/got.csv" 2>"$tmp/err"
same openpyxl-sheet2 "$tmp/clean-2.csv" "$tmp/got.csv"
sq-cat -U "$tmp/openpyxl.xlsx" 2>/dev/null | sed -n 3,4p | cut -d, -f1 >"$tmp/got"
printf '12号楼\n12号楼\n' >"$tmp/want"
same openpyxl-fill-merged "$tmp/want" "$tmp/got"

# ---- 1. made by xlwt, as .xls --------------------------------------------
if "$py" -c 'import xlwt' 2>/dev/null; then
	"$py" - "$tmp/xlwt.xls" <<'EOF' || check xlwt-make "python failed"
import sys, datetime, xlwt
wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("花名册")
d = xlwt.easyxf(num_format_str="yyyy-mm-dd")
dt = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm")
ws.write_merge(0, 0, 0, 8, "2022年4月 花名册（第3网格）")
for c, h in enumerate(["楼号", "单元", "室", "户主", "联系电话", "人口", "登记日期", "体温", "备注"]):
    ws.write(1, c, h)
rows = [["12号楼", 2, "502", "张三", 13800138000, 3, datetime.date(2022, 4, 1), 36.5, "独居老人"],
        [None, 2, "0601", "李四", 13900139000, 2, datetime.date(2022, 4, 2), 37.4, None],
        [None, 3, "101", "王五", 13700137000, 1, datetime.datetime(2022, 4, 3, 8, 30), 36.8, None],
        ["13号楼", 1, "201", "赵六", 15800158000, 4, None, None, "慢性病"]]
for r, row in enumerate(rows):
    for c, v in enumerate(row):
        if v is None:
            continue
        if isinstance(v, datetime.datetime):
            ws.write(r + 2, c, v, dt)
        elif isinstance(v, datetime.date):
            ws.write(r + 2, c, v, d)
        else:
            ws.write(r + 2, c, v)
ws.merge(2, 4, 0, 0)
s2 = wb.add_sheet("统计")
for r, row in enumerate([["楼号", "户数"], ["12号楼", 3], ["13号楼", 1]]):
    for c, v in enumerate(row):
        s2.write(r, c, v)
wb.save(sys.argv[1])
EOF
	sq-cat "$tmp/xlwt.xls" >"$tmp/got.csv" 2>"$tmp/err"
	same xls-sheet1 "$tmp/clean.csv" "$tmp/got.csv"
	sq-cat -W 统计 "$tmp/xlwt.xls" >"$tmp/got.csv" 2>"$tmp/err"
	same xls-sheet2 "$tmp/clean-2.csv" "$tmp/got.csv"
	sq-cat -L "$tmp/xlwt.xls" >"$tmp/got" 2>&1
	printf '1\t花名册\n2\t统计\n' >"$tmp/want"
	same xls-list "$tmp/want" "$tmp/got"
else
	echo "SKIP workbook xls: no xlwt (apt-get install python3-xlwt)"
fi

# ---- 3. standard input ----------------------------------------------------
sq-cat "$tmp/openpyxl.xlsx" >"$tmp/want" 2>/dev/null
cat "$tmp/openpyxl.xlsx" | sq-cat >"$tmp/got" 2>/dev/null
same stdin-pipe "$tmp/want" "$tmp/got"
sq-cat - <"$tmp/openpyxl.xlsx" >"$tmp/got" 2>/dev/null
same stdin-file "$tmp/want" "$tmp/got"

# ---- 4. written with -o xlsx, read back by openpyxl ----------------------
cat >"$tmp/flags.csv" <<'EOF'
hh,building,room,grid,phone,status,reason,missed_days,temperature,id_number,note
B0012-U02-R0502,12号楼,0502,王芳,13800138000,fever,体温38.1℃,0,38.1,310101199001011234,=1+1
B0012-U02-R0601,12号楼,601,王芳,13900139000,unreported,连续2天未报,2,,11010519491231002X,"a,b"
B0003-U01-R0101,3号楼,101,李强,+86 137 0013 7000,ok,,0,36.5,,0123
EOF
sq-cat -o xlsx -O "$tmp/flags.xlsx" "$tmp/flags.csv" 2>"$tmp/err"
check write-rc "$([ $? = 0 ] && echo ok || cat "$tmp/err")"
"$py" - "$tmp/flags.xlsx" >"$tmp/got" <<'EOF' || check openpyxl-read "python failed"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
print("sheet", ws.title, "frozen", ws.freeze_panes, "filter", ws.auto_filter.ref)
print("bold", [c.font.b for c in ws[1]][:3])
for row in ws.iter_rows(min_row=2):
    print([c.value if c.value is not None else "" for c in row])
    # (an empty cell is of type n to openpyxl)
    print(" types", "".join(c.data_type for c in row), "fill", row[0].fill.fgColor.rgb)
print("widths", ws.column_dimensions["A"].width > ws.column_dimensions["C"].width)
EOF
cat >"$tmp/want" <<'EOF'
sheet flags frozen A2 filter A1:K4
bold [True, True, True]
['B0012-U02-R0502', '12号楼', '0502', '王芳', '13800138000', 'fever', '体温38.1℃', 0, 38.1, '310101199001011234', '=1+1']
 types sssssssnnss fill FFFFC7CE
['B0012-U02-R0601', '12号楼', '601', '王芳', '13900139000', 'unreported', '连续2天未报', 2, '', '11010519491231002X', 'a,b']
 types sssssssnnss fill 00000000
['B0003-U01-R0101', '3号楼', '101', '李强', '+86 137 0013 7000', 'ok', '', 0, 36.5, '', '0123']
 types ssssssnnnns fill 00000000
widths True
EOF
same openpyxl-readback "$tmp/want" "$tmp/got"
sq-cat "$tmp/flags.xlsx" >"$tmp/got" 2>"$tmp/err"
same xlsx-roundtrip "$tmp/flags.csv" "$tmp/got"

# ---- 2. damaged workbooks ---------------------------------------------------
# bad.py NAME KIND: a small workbook with one thing wrong
cat >"$tmp/bad.py" <<'EOF'
import sys, zipfile
out, kind = sys.argv[1], sys.argv[2]
ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="xml" ContentType="application/xml"/></Types>')
rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>')
wbrels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
          '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
          '</Relationships>')
wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
      '<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>')
sst = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
       '<si><t>name</t></si><si><t>phone</t></si><si><t>张三</t></si><si><r><t>李</t></r><r><t>四</t></r></si></sst>')
def sheet(rows, tail=""):
    return ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            + rows + '</sheetData>' + tail + '</worksheet>')
good = ('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>13800138000</v></c></row>')
parts = {"[Content_Types].xml": ct, "_rels/.rels": rels, "xl/_rels/workbook.xml.rels": wbrels,
         "xl/workbook.xml": wb, "xl/sharedStrings.xml": sst, "xl/worksheets/sheet1.xml": sheet(good)}
third = '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3"><v>13900139000</v></c></row>'
if kind == "good":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + third)
elif kind == "xml":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="A3"><v>1</c></row>')
elif kind == "sstref":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="A3" t="s"><v>99</v></c></row>' +
        third.replace('r="3"', 'r="4"').replace('A3', 'A4').replace('B3', 'B4'))
elif kind == "dupcell":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="A3"><v>1</v></c></row>')
elif kind == "badref":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="ZZZZ3"><v>1</v></c></row>')
elif kind == "laughs":
    parts["xl/sharedStrings.xml"] = ('<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(8))
        + ']><sst><si><t>&i;</t></si></sst>')
elif kind == "nosheet":
    del parts["xl/worksheets/sheet1.xml"]
elif kind == "token":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="A3" x="' + "y" * 300000 + '"/></row>')
elif kind == "bigcell":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="A3" t="inlineStr"><is><t>'
        + "z" * 3000 + '</t></is></c></row>' + third.replace('r="3"', 'r="4"').replace('A3', 'A4').replace('B3', 'B4'))
elif kind == "cycle":
    # the sheet's relationship points back at the workbook part
    parts["xl/_rels/workbook.xml.rels"] = wbrels.replace("worksheets/sheet1.xml", "workbook.xml")
elif kind == "escapes":
    parts["xl/worksheets/sheet1.xml"] = sheet(good + '<row r="3"><c r="A3" t="inlineStr"><is><t>a_x000D__x000A_b_x005F_x0041_</t></is></c>'
        '<c r="B3" t="b"><v>1</v></c></row>')
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for k, v in parts.items():
        z.writestr(k, v)
EOF
bad() {	# kind, want rc, want message (grep -E; -: none), [sq-cat options]
	k=$1 rc=$2 msg=$3
	shift 3
	"$py" "$tmp/bad.py" "$tmp/$k.xlsx" "$k" || { check "bad-$k" "python failed"; return; }
	sq-cat "$@" "$tmp/$k.xlsx" >"$tmp/$k.out" 2>"$tmp/$k.err"
	got=$?
	if [ "$got" != "$rc" ]; then
		check "bad-$k" "exit $got, expected $rc: $(head -3 "$tmp/$k.err")"
	elif [ "$msg" = - ] && [ -s "$tmp/$k.err" ]; then
		check "bad-$k" "message: $(head -3 "$tmp/$k.err")"
	elif [ "$msg" != - ] && ! grep -qE "$msg" "$tmp/$k.err"; then
		check "bad-$k" "message: $(head -3 "$tmp/$k.err")"
	else
		check "bad-$k" ok
	fi
}
bad good 0 -
printf 'name,phone\n张三,13800138000\n李四,13900139000\n' >"$tmp/want"
same good-rows "$tmp/want" "$tmp/good.out"
bad xml 2 'sheet1.xml:1: broken XML'
bad sstref 1 '表!3: cell A3 refers to shared string .99.; the workbook has 4'
grep -q '李四' "$tmp/sstref.out" && check sstref-row-after ok || check sstref-row-after "row 4 lost"
bad dupcell 1 '表!3: cell A3 appears twice'
bad badref 1 "表!3: cell reference 'ZZZZ3' is not a cell"
bad laughs 2 'has a DTD'
bad nosheet 2 'part xl/worksheets/sheet1.xml is missing'
bad token 2 'an XML token larger than --max-field' -M 100000
bad bigcell 1 '表!3: cell A3 is larger than --max-field' -M 2000
grep -q '李四' "$tmp/bigcell.out" && check bigcell-row-after ok || check bigcell-row-after "row 4 lost"
# (a sheet that is really the workbook part reads as no rows at all: an
# empty input, said and exit 1, not silence)
bad cycle 1 'empty input: no header'
bad escapes 0 -
printf 'name,phone\n张三,13800138000\n"a\r\nb_x0041_",TRUE\n' >"$tmp/want"
same escapes-rows "$tmp/want" "$tmp/escapes.out"

echo "workbook: $pass passed, $fail failed"
[ $fail = 0 ]
