# ingest.awk — the gawk peer of sq-ingest in the benchmark.
#
# Reads the plain roster that gen-community writes (UTF-8, LF, no quoted
# fields, so FS = ","), and does the work sq-ingest does on it:
#   - the household key from the address: full-width digits and dashes
#     folded, the three numbers taken as building, unit, room, written
#     "B0012-U02-R0502"; with a 小区 column prefixed by "C" and the 8 hex
#     digits of FNV-1a 32 over the community name with white space removed
#     (exact for these names; sq-ingest also folds full-width letters and
#     case, which the generated names never need);
#   - the phone: spaces and dashes removed, +86 dropped, then a mobile
#     1[3-9] + 9 digits, or a landline written AREA-LOCAL;
#   - members digits ("3" or "3人"), yes/no cells to true/false;
#   - duplicate households (same key) merged: the first row is kept;
#   - the households written sorted by key (as sq-ingest does), so the
#     whole table is held in memory like sq-ingest holds it;
#   - rows without three numbers in the address rejected.
# Writes the households CSV to stdout and a summary line to stderr.
# Run it with LC_ALL=C (bytes, not characters): LC_ALL=C gawk -f ingest.awk
#
# It reads only the forms the plain roster uses (号楼/栋/幢/单元/室, dashes,
# full-width); it is not a general address parser like sq-ingest's.

BEGIN {
	FS = ","
	OFS = ","
	for (i = 0; i < 256; i++)
		ord[sprintf("%c", i)] = i
	for (i = 0; i < 10; i++)
		fw[sprintf("\357\274%c", 144 + i)] = i
	yes["是"] = "true"; yes["√"] = "true"; yes["有"] = "true"
	yes["1"] = "true"; yes["Y"] = "true"; yes["y"] = "true"
	yes["否"] = "false"; yes["×"] = "false"; yes["无"] = "false"
	yes["0"] = "false"; yes["N"] = "false"; yes["n"] = "false"
	yes[""] = ""
	read = written = merged = rejected = badphone = 0
}

function fnv1a(s,    h, i, n) {
	h = 2166136261
	n = length(s)
	for (i = 1; i <= n; i++) {
		h = xor(h, ord[substr(s, i, 1)])
		# h * 16777619 mod 2^32 without losing bits in a double:
		# 16777619 = 2^24 + 403
		h = ((h % 256) * 16777216 + h * 403) % 4294967296
	}
	return sprintf("%08x", h)
}

function col(name) {
	return (name in hcol) ? hcol[name] : 0
}

function bool(v) {
	return (v in yes) ? yes[v] : v
}

NR == 1 {
	sub(/^\357\273\277/, "")
	for (i = 1; i <= NF; i++)
		hcol[$i] = i
	cc = col("小区"); ca = col("地址"); cn = col("户主姓名")
	cp = col("联系电话"); cm = col("家庭人数"); ce = col("独居老人")
	cch = col("慢性病"); cd = col("残疾"); cpr = col("孕妇")
	ci = col("婴幼儿"); cg = col("网格员"); cs = col("序号")
	cno = col("备注")
	if (!ca) {
		print "ingest.awk: no 地址 column" > "/dev/stderr"
		exit 2
	}
	print "hh,community,building,unit,room,name,phone,members," \
	    "elderly_alone,chronic,disabled,pregnant,infant,grid,序号,note"
	next
}

{
	read++
	addr = $ca
	if (index(addr, "\357\274")) {
		for (k in fw)
			gsub(k, fw[k], addr)
		gsub(/\357\274\215/, "-", addr)
	}
	n = 0
	while (match(addr, /[0-9]+/)) {
		num[++n] = substr(addr, RSTART, RLENGTH) + 0
		addr = substr(addr, RSTART + RLENGTH)
	}
	if (n != 3 || num[1] == 0 || num[3] == 0) {
		rejected++
		printf "ingest.awk: line %d: no usable address\n", NR \
		    > "/dev/stderr"
		next
	}
	key = sprintf("B%04d-U%02d-R%04d", num[1], num[2], num[3])
	comm = ""
	if (cc) {
		comm = $cc
		if (!(comm in fnv)) {
			c = comm
			gsub(/[ \t]/, "", c)
			fnv[comm] = fnv1a(c)
		}
		key = "C" fnv[comm] "-" key
	}
	if (key in out) {
		merged++
		next
	}

	p = $cp
	gsub(/[ -]/, "", p)
	sub(/^\+86/, "", p)
	if (p ~ /^1[3-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]$/)
		phone = p
	else if (p ~ /^0(10|2[0-9])[2-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]?$/)
		phone = substr(p, 1, 3) "-" substr(p, 4)
	else if (p ~ /^0[3-9][0-9][0-9][2-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]?$/)
		phone = substr(p, 1, 4) "-" substr(p, 5)
	else {
		phone = ""
		if (p != "") {
			badphone++
			printf "ingest.awk: line %d: bad phone\n", NR \
			    > "/dev/stderr"
		}
	}
	m = $cm
	sub(/人$/, "", m)

	out[key] = key OFS comm OFS num[1] OFS num[2] OFS num[3] OFS $cn OFS \
	    phone OFS m OFS bool($ce) OFS bool($cch) OFS bool($cd) OFS \
	    bool($cpr) OFS bool($ci) OFS $cg OFS $cs OFS $cno
	written++
}

END {
	PROCINFO["sorted_in"] = "@ind_str_asc"
	for (k in out)
		print out[k]
	printf "ingest.awk: %d rows read: %d households written, %d merged, " \
	    "%d rejected; %d bad phones\n", read, written, merged, rejected, \
	    badphone > "/dev/stderr"
}
