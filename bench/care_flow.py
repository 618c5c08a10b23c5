"""The pairing in Python with networkx, for bench/care.sh: per community, a
min-cost maximum flow on the whole household x carer graph, cost 0 for a
carer of the same building, 1 otherwise (only the first two levels of
sq-care's order: no grid, no skills, no walking).  Prints hh,vid,tier.
Usage: python3 care_flow.py carers-plain.csv households.csv"""
import csv
import sys
from collections import defaultdict

import networkx as nx


def main():
    carers = defaultdict(list)
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            carers[row["community"]].append((row["vid"], row["building"], int(row["cap"])))
    homes = defaultdict(list)
    with open(sys.argv[2], newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if "true" in (row["elderly_alone"], row["disabled"], row["pregnant"], row["infant"]):
                homes[row["community"]].append((row["hh"], row["building"]))
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["hh", "vid", "tier"])
    for comm, hs in homes.items():
        g = nx.DiGraph()
        for h, _ in hs:
            g.add_edge("s", ("h", h), capacity=1, weight=0)
        for v, vb, cap in carers.get(comm, []):
            g.add_edge(("v", v), "t", capacity=cap, weight=0)
            for h, hb in hs:
                g.add_edge(("h", h), ("v", v), capacity=1, weight=0 if hb == vb else 1)
        got = {}
        if "t" in g:
            flow = nx.max_flow_min_cost(g, "s", "t")
            for h, hb in hs:
                for (_, v), f in flow[("h", h)].items():
                    if f:
                        got[h] = v
        vb_of = {v: vb for v, vb, _ in carers.get(comm, [])}
        for h, hb in hs:
            v = got.get(h, "")
            out.writerow([h, v, "" if not v else "building" if vb_of[v] == hb else "other"])


main()
