#!/usr/bin/env python3
"""waves_plan.py -- the call plan as a data volunteer would write it in
python3 (csv module): each building to its nearest point, buildings in
roster order, every unit its own slot of ceil(60 x people / (desks x rate))
minutes, one after another; households with a door flag, on the door list
or in a closed building left out.  No balancing between points and no
shared slots: the baseline sq-waves is compared with, in time and in the
makespan of its plan (printed on stderr).

    python3 bench/waves_plan.py DIR > plan.csv   (DIR from tools/gen-waves)
"""
import csv
import math
import sys


def main():
    d = sys.argv[1]
    with open(d + "/points.csv", encoding="utf-8") as f:
        points = [(r["point"], float(r["x"]), float(r["y"]),
                   int(r["desks"]) * int(r["rate"])) for r in csv.DictReader(f)]
    sites = {}
    with open(d + "/sites.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            num = "".join(ch for ch in r["site"] if ch.isdigit())
            if r["kind"] == "building" and num:
                sites[(r["community"], num)] = (float(r["x"]), float(r["y"]))
    with open(d + "/door.csv", encoding="utf-8") as f:
        door = {r["户号"] for r in csv.DictReader(f)}
    with open(d + "/closed.csv", encoding="utf-8") as f:
        closed = {(r["小区"], r["楼号"].replace("号楼", ""))
                  for r in csv.DictReader(f)}
    units = {}
    order = []
    with open(d + "/households.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if (r["hh"] in door or r["disabled"] == "true" or
                    r["bedridden"] == "true" or
                    (r["community"], r["building"]) in closed):
                continue
            m = int(r["members"]) if r["members"] else 1
            if m == 0:
                continue
            k = (r["community"], r["building"], r["unit"])
            if k not in units:
                units[k] = 0
                order.append(k)
            units[k] += m
    clock = [7 * 60] * len(points)
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["building", "unit", "start", "end", "people", "point"])
    for k in order:
        x, y = sites.get((k[0], k[1]), sites.get(("", k[1]), (0.0, 0.0)))
        p = min(range(len(points)),
                key=lambda i: math.hypot(points[i][1] - x, points[i][2] - y))
        length = -(-units[k] * 60 // points[p][3])
        s, e = clock[p], clock[p] + length
        clock[p] = e
        out.writerow([k[1], k[2], "%02d:%02d" % divmod(s, 60),
                      "%02d:%02d" % divmod(e, 60), units[k], points[p][0]])
    print("makespan %d min" % (max(clock) - 7 * 60), file=sys.stderr)


main()
