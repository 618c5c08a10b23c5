#!/bin/sh
# The wording of what people read (share/AREA/LANG/words.conf): every
# language gives every key the English file gives, and every {place} the
# English value has, so nothing a person reads falls back to English or
# loses a number.  Usage: sh tests/words.t.sh [BUILD_DIR]
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0 fail=0
# key<TAB>sorted places, one line a key
places() {
	grep -v '^[[:space:]]*#' "$1" | grep '=' | while IFS= read -r line; do
		k=$(printf '%s\n' "$line" | sed 's/[[:space:]]*=.*//')
		v=$(printf '%s\n' "$line" | sed 's/^[^=]*=//')
		p=$(printf '%s\n' "$v" | grep -o '{[a-z_]*}' | sort -u | tr -d '\n')
		printf '%s\t%s\n' "$k" "$p"
	done | sort -u
}
for en in "$top"/share/*/en/words.conf; do
	area=$(basename "$(dirname "$(dirname "$en")")")
	for other in "$top"/share/$area/*/words.conf; do
		lang=$(basename "$(dirname "$other")")
		[ "$lang" = en ] && continue
		missing=$(places "$en" | cut -f1 | sort >"${TMPDIR:-/tmp}/w.$$.1"
		    places "$other" | cut -f1 | sort >"${TMPDIR:-/tmp}/w.$$.2"
		    comm -23 "${TMPDIR:-/tmp}/w.$$.1" "${TMPDIR:-/tmp}/w.$$.2")
		if [ -n "$missing" ]; then
			echo "FAIL words $area/$lang: no" $missing; fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
		# the same places for each key both give
		bad=$(places "$en" >"${TMPDIR:-/tmp}/w.$$.1"
		    places "$other" >"${TMPDIR:-/tmp}/w.$$.2"
		    join -t "$(printf '\t')" "${TMPDIR:-/tmp}/w.$$.1" "${TMPDIR:-/tmp}/w.$$.2" |
		    awk -F '\t' '$2 != $3 { print $1 }')
		if [ -n "$bad" ]; then
			echo "FAIL words $area/$lang: other {places} in" $bad; fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
		rm -f "${TMPDIR:-/tmp}/w.$$.1" "${TMPDIR:-/tmp}/w.$$.2"
	done
done
echo "words: $pass passed, $fail failed"
[ $fail = 0 ]
