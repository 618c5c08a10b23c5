# The pairing a data volunteer would write by hand, for bench/care.sh:
# households that need care (elderly_alone, disabled, pregnant or infant
# true) to carers of carers-plain.csv (vid,community,building,cap), first
# come first served: a carer of the same building with room, else any
# carer of the community with room.  No grid, no skills, no walking.
# Usage: gawk -f care-greedy.awk carers-plain.csv households.csv
BEGIN { FS = ","; OFS = "," }
FNR == 1 { next }
NR == FNR {
	cap[$1] = $4
	k = $2 SUBSEP $3
	nb[k]++; byb[k, nb[k]] = $1
	nc[$2]++; byc[$2, nc[$2]] = $1
	next
}
$9 == "true" || $11 == "true" || $12 == "true" || $13 == "true" {
	n++; hh[n] = $1; hc[n] = $2; hb[n] = $3
}
END {
	print "hh", "vid", "tier"
	for (i = 1; i <= n; i++) {
		k = hc[i] SUBSEP hb[i]
		got[i] = ""
		for (j = 1; j <= nb[k]; j++)
			if (cap[byb[k, j]] > 0) {
				got[i] = byb[k, j]; cap[got[i]]--; tier[i] = "building"
				break
			}
	}
	for (i = 1; i <= n; i++) {
		if (got[i] != "")
			continue
		c = hc[i]
		while (at[c] < nc[c] && cap[byc[c, at[c] + 1]] <= 0)
			at[c]++
		if (at[c] < nc[c]) {
			got[i] = byc[c, at[c] + 1]; cap[got[i]]--; tier[i] = "other"
		} else
			tier[i] = "none"
	}
	for (i = 1; i <= n; i++)
		print hh[i], got[i], tier[i]
}
