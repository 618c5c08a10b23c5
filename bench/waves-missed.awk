# waves-missed.awk — the missed list of sq-waves -s, as a data volunteer
# would write it in gawk for the logs of tools/gen-waves: fold full-width
# digits and dashes and the Chinese numerals of a unit, take the numbers of
# the address as building, unit and room (two numbers in a one-unit
# building: building and room), count each household's distinct names on
# the day, and print hh,status for the households missed or partly
# sampled.  It knows only the forms gen-waves writes; sq-waves reads any.
#   gawk -v day=2022-04-10 -f bench/waves-missed.awk households.csv log-*.csv
BEGIN {
	FS = ","
	split("０ １ ２ ３ ４ ５ ６ ７ ８ ９", fw, " ")
	split("一 二 三 四 五 六 七 八 九", cn, " ")
}
FNR == 1 {
	file++
	sub(/^\xef\xbb\xbf/, "")
	delete col
	for (i = 1; i <= NF; i++) col[$i] = i
	next
}
file == 1 {		# households
	m = $col["members"] == "" ? 1 : $col["members"] + 0
	c = $col["community"]
	k = c "|" $col["building"] "|" $col["unit"] "|" $col["room"]
	hh[k] = $col["hh"]; members[k] = m
	units[c "|" $col["building"]][$col["unit"]] = 1
	comms[c] = 1
	next
}
{			# a log
	d = ""
	if ("采样日期" in col) d = $col["采样日期"]
	else if ("采样时间" in col) d = $col["采样时间"]
	else if ("时间" in col) d = $col["时间"]
	split(d, dt, /[ ]/); split(dt[1], ymd, /[-\/]/)
	if (sprintf("%04d-%02d-%02d", ymd[1], ymd[2], ymd[3]) != day) next
	c = "小区" in col ? $col["小区"] : ""
	if (c == "") for (x in comms) c = x
	if ("楼号" in col) {
		b = $col["楼号"]; u = $col["单元"]; r = $col["房号"]
		gsub(/[^0-9]/, "", b); gsub(/[^0-9]/, "", u); gsub(/[^0-9]/, "", r)
		n = 3
	} else {
		a = "地址" in col ? $col["地址"] : $col["住址"]
		for (i = 1; i <= 10; i++) gsub(fw[i], i - 1, a)
		gsub(/－/, "-", a)
		for (i = 1; i <= 9; i++) gsub(cn[i] "单元", i "单元", a)
		gsub(/[^0-9]+/, " ", a)
		n = split(a, num, " ")
		if (n == 3) { b = num[1] + 0; u = num[2] + 0; r = num[3] + 0 }
		else if (n == 2) {
			b = num[1] + 0; r = num[2] + 0; u = ""
			if (length(units[c "|" b]) == 1) for (x in units[c "|" b]) u = x
		}
	}
	k = c "|" b + 0 "|" u "|" r + 0
	if (!(k in hh)) next
	nm = "被采样人" in col ? $col["被采样人"] : $col["姓名"]
	gsub(/ /, "", nm)
	if (!((k, nm) in seen)) { seen[k, nm] = 1; got[k]++ }
}
END {
	for (k in hh) {
		if (members[k] == 0) continue
		if (!(k in got)) print hh[k] ",missed"
		else if (got[k] < members[k]) print hh[k] ",partial"
	}
}
