#!/bin/sh
# check-layers.sh — the arrows point one way (docs/ARCHITECTURE.md).
#
# Usage: sh tools/check-layers.sh LAYER...   (lowest first, as the Makefile's
# LAYERS).  A file of a layer may include the headers of its own layer and of
# the layers below it.  The engines (solve, rules, render, match) stand side
# by side: rules, render and match may use solve (a solver is mathematics,
# not policy), but not each other.  Programs (cmd/), tools, tests and fuzz
# harnesses use any layer, through headers: nothing includes a .c file.
# Exit 1, with every upward include named FILE:LINE, when one is found.
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
[ $# -gt 0 ] || { echo "usage: sh tools/check-layers.sh LAYER..." >&2; exit 2; }

# rank of each layer (the design, docs/ARCHITECTURE.md); the engines after
# solve share one rank (side by side)
ranks=$(
	for l in "$@"; do
		case $l in
		lib) echo "$l 0" ;;
		values) echo "$l 1" ;;
		solve) echo "$l 2" ;;
		rules|render|match) echo "$l 3" ;;
		prog) echo "$l 4" ;;
		*) echo "check-layers: no rank for layer $l: add it here and in docs/ARCHITECTURE.md" >&2; exit 2 ;;
		esac
	done
) || exit 2

# header → layer, for every header of the library
owners=$(for l in "$@"; do for h in "$l"/*.h; do [ -f "$h" ] && echo "${h#*/} $l"; done; done)

bad=$(
	for l in "$@"; do
		for f in "$l"/*.[ch]; do
			[ -f "$f" ] && grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
			    sed "s|^\([0-9]*\):.*\"\(.*\)\".*|$f \1 $l \2|"
		done
	done |
	awk -v ranks="$ranks" -v owners="$owners" '
	BEGIN {
		n = split(ranks, a, "\n"); for (i = 1; i <= n; i++) { split(a[i], p, " "); rank[p[1]] = p[2] }
		n = split(owners, a, "\n"); for (i = 1; i <= n; i++) { split(a[i], p, " "); owner[p[1]] = p[2] }
	}
	{
		file = $1; line = $2; from = $3; hdr = $4
		if (hdr ~ /\.c$/) { print file ":" line ": includes a source file (" hdr "): call it through its header"; next }
		to = owner[hdr]
		if (to == "" || to == from) next
		if (rank[to] > rank[from] || (rank[to] == rank[from] && to != from))
			print file ":" line ": " from "/ includes " to "/" hdr " (a higher or a sibling layer): move the code down, or pass it in"
	}'
	# above the library: programs, tools, tests and harnesses include headers only
	for f in cmd/*.c cmd/*/*.[ch] tools/*.c tools/*/*.[ch] tests/unit/*.[ch] fuzz/*.[ch]; do
		[ -f "$f" ] && grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]*\.c"' "$f" |
		    sed "s|^\([0-9]*\):.*\"\(.*\)\".*|$f:\1: includes a source file (\2): call it through its header|"
	done
)

# Known debt (issue #18), each to be removed when its harness calls the
# engine through a header; a line here that no longer matches is an error
# too, so the list only shrinks.
debt=''
for d in $debt; do
	if printf '%s\n' "$bad" | grep -q "^$d:"; then
		bad=$(printf '%s\n' "$bad" | grep -v "^$d:")
	else
		bad=$(printf '%s\n%s' "$bad" "tools/check-layers.sh: $d no longer includes a program's source: take it off the debt list")
	fi
done
bad=$(printf '%s\n' "$bad" | sed '/^$/d')

if [ -n "$bad" ]; then
	printf '%s\n' "$bad" | sed 's/^/check-layers: /' >&2
	echo "check-layers: $(printf '%s\n' "$bad" | wc -l) upward include(s); see docs/ARCHITECTURE.md" >&2
	exit 1
fi
echo "check-layers: $(printf '%s\n' "$owners" | wc -l) headers in $# layers, every include points down"
