#!/bin/sh
# sq-report beyond the goldens:
#  privacy  the whole daily pipeline (shequ-daily) over generated
#           communities with planted canaries (names, phones, ID numbers in
#           the roster, check-ins and volunteers; a one-household building
#           with a fever): no name, phone or ID number of the inputs appears
#           in any bulletin output, and no count per building below the
#           threshold is printed;
#  escaping a notice, a building name and a request category carrying
#           <script>, "><img onerror=...> and {{...}} come out inert in HTML
#           and Markdown and intact in the text post;
#  browser  the HTML opened in headless Chromium: no console errors, every
#           chart in the DOM; the demo bulletin and a generated one at
#           390 px (a phone) and 1000 px wide: every text of every chart
#           shown is 12 CSS px or more and inside its chart; PNG
#           screenshots (desktop and phone) under BUILD/test-output/report/
#           (SKIP when chromium is not installed).
# Usage: sh tests/report.t.sh BUILD_DIR.  Last line: "report: N passed, N failed".
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build}
case $build in /*) ;; *) build=$top/$build ;; esac
export SHEQU_DATADIR=$top/share LC_ALL=C TZ=UTC
PATH=$build/bin:$build/tools:$PATH
export PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sqreport.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
shots=$build/test-output/report
mkdir -p "$shots"
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL report $1"; }

# ---- privacy ------------------------------------------------------------
for seed in 3 11; do
	day=$tmp/day$seed out=$tmp/out$seed
	gen-community -n 400 -s $seed -o "$day" >/dev/null 2>&1 ||
		{ bad "seed $seed: gen-community failed"; continue; }
	# canaries: a roster row in a building of its own, with a fever today
	printf '9001,阳光小区,99号楼1单元101室,金丝雀甲,13912340001,2,否,否,否,否,否,雀网格,身份证110101199003071234\n' >>"$day/roster.csv"
	printf '9002,阳光小区,3号楼1单元9901室,金丝雀乙,13912340002,1,是,是,否,否,否,雀网格,ID 310101198501015678\n' >>"$day/roster.csv"
	printf '2022-04-10 08:00:00,阳光小区,99号楼1单元101室,金丝雀甲,38.6,是\n' >>"$day/checkins-2022-04-10.csv"
	printf 'V999,金丝雀丙,13912340003,5,护士,全天,24,是,志愿者\n' >>"$day/volunteers.csv"
	printf '99,building,400,400\n' >>"$day/sites.csv"
	printf 'name = 阳光小区\ncommittee = 阳光社区居委会\nhotline = 021-5410 0000\n' >"$day/community.conf"
	printf 'notice: 明天全员核酸。\nq: 什么时候解封？\na: 以通知为准。\n' >"$day/notices.txt"
	printf 'item,qty,unit,threshold,days_left,alert\n口罩,900,个,300,5,false\n抗原,20,盒,100,1,true\n' >"$day/levels.csv"
	printf 'category,count\n配药,7\n买菜,5\n' >"$day/topics.csv"
	sh "$top/share/shequ-daily" "$day" "$out" >/dev/null 2>"$tmp/log"
	rc=$?
	if [ $rc -le 1 ] && [ -f "$out/bulletin-2022-04-10.html" ] &&
	    [ -f "$out/bulletin.txt" ] && [ -f "$out/bulletin.json" ] &&
	    [ -f "$out/bulletin.md" ]; then ok; else
		bad "seed $seed: shequ-daily exit $rc, bulletin missing"; sed 5q "$tmp/log"; continue; fi
	# every name, grid worker, phone and ID number of the inputs
	{
		sq-cat -q -o json "$day/roster.csv" "$day/volunteers.csv" 2>/dev/null |
		    jq -r '.["户主姓名"], .["姓名"], .["联系电话"], .["电话"], .["网格员"] // empty' 2>/dev/null
		sq-cat -q -o json "$day"/checkins-*.csv 2>/dev/null | jq -r '.["姓名"] // empty'
		echo 金丝雀甲; echo 金丝雀乙; echo 金丝雀丙
		echo 13912340001; echo 13912340002; echo 13912340003
		echo 139-1234-0001; echo 110101199003071234; echo 310101198501015678
	} | sed 's/^ *//; s/ *$//' | grep -v '^$' | grep -v '^null$' | sort -u >"$tmp/secrets"
	nsec=$(wc -l <"$tmp/secrets")
	if [ "$nsec" -gt 300 ]; then ok; else bad "seed $seed: only $nsec secrets extracted"; fi
	# phones also without separators, as digits
	sed 's/[^0-9]//g' "$tmp/secrets" | grep -E '^[0-9]{7,}$' | sort -u >"$tmp/digits"
	leaks=$(cat "$out"/bulletin* | grep -F -o -f "$tmp/secrets" | sort -u | head -5)
	dleaks=$(cat "$out"/bulletin* | tr -cd '0-9\n' | grep -F -o -f "$tmp/digits" | sort -u | head -5)
	if [ -z "$leaks$dleaks" ]; then ok; else
		bad "seed $seed: personal data in the bulletin: $leaks $dleaks"; fi
	# no building count below 3: JSON, HTML list and tooltips, Markdown table
	small=$(jq -r '.buildings[] | select((.follow_up | type) == "number" and .follow_up < 3) | .building' "$out/bulletin.json")
	b99=$(jq -r '.buildings[] | select(.building == "99") | .follow_up' "$out/bulletin.json")
	if [ -z "$small" ] && [ "$b99" = "<3" ]; then ok; else
		bad "seed $seed: building counts below 3 printed: '$small' (building 99: '$b99')"; fi
	hsmall=$(grep -o '· [0-9]*</span></li>\|: [0-9]*户</title>' "$out/bulletin.html" |
	    grep -E '(· |: )[0-2](</span>|户)' | head -3)
	msmall=$(grep -E '^\| [^|]*号楼 \| [^|]* \| [0-2] \|$' "$out/bulletin.md" | head -3)
	nlt=$(grep -c '&lt;3' "$out/bulletin.html")
	if [ -z "$hsmall$msmall" ] && [ "$nlt" -gt 0 ]; then ok; else
		bad "seed $seed: small counts in HTML or Markdown: $hsmall $msmall"; fi
	# the text post fits a group message
	n=$(LC_ALL=C.UTF-8 wc -m <"$out/bulletin.txt")
	if [ "$n" -le 1000 ]; then ok; else bad "seed $seed: text post has $n characters"; fi
	cp "$out/bulletin.html" "$tmp/full.html"
done

# ---- escaping -------------------------------------------------------------
esc=$tmp/esc
mkdir -p "$esc"
P1='<script>alert(1)</script>'
P2='"><img src=x onerror=alert(2)>'
P3='{{w.title}}{{#checkin}}x{{/checkin}}'
cat >"$esc/summary.json" <<EOF
{"date": "2022-04-10", "total": {"households": 10, "reported": 9,
 "fever": 4, "symptoms": 0, "bad_reading": 0, "unreported": 1},
 "buildings": [{"building": "$P1", "households": 10, "reported": 9,
   "fever": 4, "symptoms": 0, "bad_reading": 0, "unreported": 1}]}
EOF
sed -i 's|"<script>alert(1)</script>"|"<script>alert(1)<\\/script>"|' "$esc/summary.json"
printf 'notice: %s %s %s\n' "$P1" "$P2" "$P3" >"$esc/notices.txt"
printf 'q: %s\na: %s\n' "$P2" "$P3" >>"$esc/notices.txt"
printf 'category,count\n"%s",5\n"%s",4\n%s,3\n' "$P1" "$(printf '%s' "$P2" | sed 's/"/""/g')" "$P3" >"$esc/topics.csv"
printf 'site,x,y\n%s,0,0\ngate,0,-20\n' "$P1" >"$esc/sites.csv"
printf 'name = %s\nhotline = %s\n' "$P3" "$P2" >"$esc/community.conf"
for f in text markdown html json; do
	sq-report -f $f "$esc" >"$esc/out.$f" 2>"$esc/err.$f" ||
		{ bad "escaping: sq-report -f $f failed"; cat "$esc/err.$f"; }
done
# text: the payloads intact
for p in "$P1" "$P2" "$P3"; do
	if grep -F -q -- "$p" "$esc/out.text"; then ok; else bad "escaping: text lost '$p'"; fi
done
# html: no live tag or attribute from input, the text escaped, no template run
live=$(grep -o -i '<script[^>]*>\|<img[^>]*>' "$esc/out.html" | head -3)
if [ -z "$live" ]; then ok; else bad "escaping: live markup in HTML: $live"; fi
if grep -F -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$esc/out.html" &&
    grep -F -q '&quot;&gt;&lt;img src=x onerror=alert(2)&gt;' "$esc/out.html" &&
    grep -F -q '{{w.title}}{{#checkin}}x{{/checkin}}' "$esc/out.html"; then ok; else
	bad "escaping: HTML does not show the payloads as text"; fi
live=$(grep -o -i -E '(^|[^\\])<(script|img)' "$esc/out.markdown" | head -1)
if [ -z "$live" ] && grep -F -q '\<script\>' "$esc/out.markdown"; then ok; else
	bad "escaping: Markdown: '$live'"; fi
if jq -e --arg p "$P1" '.buildings[0].building == $p' "$esc/out.json" >/dev/null; then ok; else
	bad "escaping: JSON does not carry the building name as it is"; fi

# ---- browser ---------------------------------------------------------------
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v $c >/dev/null 2>&1 && { chrome=$c; break; }
done
if [ -z "$chrome" ]; then
	echo "SKIP report-browser: chromium not installed"
elif [ ! -f "$tmp/full.html" ]; then
	bad "browser: no bulletin to open"
else
	prof=$(mktemp -d "$tmp/chrome.XXXXXX")
	flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
	    --disable-background-networking --disable-component-update
	    --disable-sync --user-data-dir=$prof --hide-scrollbars"
	cp "$tmp/full.html" "$shots/bulletin.html"
	cp "$esc/out.html" "$shots/escaping.html"
	for page in bulletin escaping; do
		timeout 60 $chrome $flags --enable-logging=stderr --v=0 \
		    --dump-dom "file://$shots/$page.html" >"$tmp/dom.$page" 2>"$tmp/log.$page"
		errs=$(grep -E 'CONSOLE|Uncaught' "$tmp/log.$page" | head -3)
		if [ -z "$errs" ] && [ -s "$tmp/dom.$page" ]; then ok; else
			bad "browser: $page: console errors or no DOM: $errs"; fi
	done
	# every chart of the page is in the DOM (the delivery chart only
	# when rounds are ticked off: no chart of nothing done)
	missing=
	for id in chart-coverage chart-followup chart-posts chart-stock \
	    chart-requests $(grep -o '<svg[^>]*id="chart-[a-z0-9-]*"' \
	    "$shots/bulletin.html" | sed 's/.*id="//; s/"$//'); do
		grep -q "<svg[^>]*id=\"$id\"" "$tmp/dom.bulletin" || missing="$missing $id"
	done
	if [ -z "$missing" ]; then ok; else bad "browser: charts missing:$missing"; fi
	# chart texts at phone width (390 px) and on a desktop (1000 px):
	# every text of every chart shown is 12 CSS px or more (its font
	# size times the chart's scale, its drawn width over its view box),
	# and inside its chart.  Headless Chromium's window is 500 px at
	# least, so the page is framed at the width measured; the measuring
	# script is the test's, the bulletin has none.
	cat >"$shots/measure.js" <<'EOF'
function sqMeasure(doc, win) {
	var out = [], shown = 0, least = 1e9;
	var svgs = doc.querySelectorAll('svg.chart');
	for (var i = 0; i < svgs.length; i++) {
		var s = svgs[i], r = s.getBoundingClientRect();
		if (r.width === 0 || r.height === 0)
			continue;	/* the other layout, not shown */
		shown++;
		var vb = s.viewBox.baseVal, k = r.width / vb.width;
		var ts = s.querySelectorAll('text');
		for (var j = 0; j < ts.length; j++) {
			var t = ts[j];
			if (t.textContent === '')
				continue;
			var px = parseFloat(win.getComputedStyle(t).fontSize) * k;
			var b = t.getBBox();
			least = Math.min(least, px);
			if (px < 12)
				out.push('SMALL ' + s.id + ' ' + px.toFixed(1) +
				    'px "' + t.textContent + '"');
			if (b.x < -0.5 || b.x + b.width > vb.width + 0.5)
				out.push('CUT ' + s.id + ' "' + t.textContent + '"');
		}
	}
	return 'width ' + win.innerWidth + ' charts ' + shown + ' least ' +
	    least.toFixed(1) + '\n' + out.join('\n');
}
EOF
	# the demo bulletin (the sample community, as `make demo`), and the
	# generated one
	sh "$top/share/shequ-daily" -s "$tmp/demo.state" \
	    "$top/share/examples/sample" "$tmp/demo" >/dev/null 2>"$tmp/demo.log"
	cp "$tmp/demo/bulletin.html" "$shots/demo.html" 2>/dev/null ||
	    bad "browser: no demo bulletin (shequ-daily: $(tail -1 "$tmp/demo.log"))"
	for page in demo bulletin; do
		[ -f "$shots/$page.html" ] || continue
		nc=$(grep -c '<svg[^>]*class="chart wide"' "$shots/$page.html")
		for width in 390 1000; do
			cat >"$shots/$page-$width.html" <<EOF
<!DOCTYPE html><html><head><meta charset="utf-8"><script src="measure.js"></script></head>
<body style="margin:0"><iframe id="f" src="$page.html" style="border:0;width:${width}px;height:4000px"></iframe>
<script>
window.addEventListener('load', function () {
	var f = document.getElementById('f'), r = document.createElement('pre');
	r.id = 'sq-result';
	try { r.textContent = sqMeasure(f.contentDocument, f.contentWindow); }
	catch (e) { r.textContent = 'ERROR ' + e; }
	document.body.appendChild(r);
});
</script></body></html>
EOF
			timeout 60 $chrome $flags --allow-file-access-from-files \
			    --window-size=1000,4000 --dump-dom \
			    "file://$shots/$page-$width.html" 2>/dev/null |
			    sed -n '/<pre id="sq-result">/,/<\/pre>/p' |
			    sed 's/<[^>]*>//g' >"$tmp/m.$page.$width"
			head1=$(sed -n 1p "$tmp/m.$page.$width")
			probs=$(grep -E '^(SMALL|CUT|ERROR)' "$tmp/m.$page.$width" | head -5)
			if [ "$head1" = "${head1#width $width charts $nc }" ] ||
			    [ -n "$probs" ]; then
				bad "browser: $page at $width px: want $nc charts, every text 12 px or more, none cut; got: $head1 $probs"
			else ok; fi
		done
	done
	rm -f "$shots/phone.png"
	timeout 60 $chrome $flags --allow-file-access-from-files \
	    --screenshot="$shots/phone.png" --window-size=500,4000 \
	    "file://$shots/demo-390.html" >/dev/null 2>&1
	if [ -s "$shots/phone.png" ]; then ok; else
		bad "browser: no phone-width screenshot at $shots/phone.png"; fi
	# the escaping page: nothing from input became an element
	if ! grep -q -i '<script\|<img' "$tmp/dom.escaping"; then ok; else
		bad "browser: input became markup in the escaping page"; fi
	rm -f "$shots/bulletin.png"
	timeout 60 $chrome $flags --screenshot="$shots/bulletin.png" \
	    --window-size=1000,2600 "file://$shots/bulletin.html" >/dev/null 2>&1
	if [ -s "$shots/bulletin.png" ] &&
	    [ "$(head -c 8 "$shots/bulletin.png" | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ]; then ok; else
		bad "browser: no PNG screenshot at $shots/bulletin.png"; fi
fi
echo "report: $pass passed, $fail failed"
[ $fail = 0 ]
