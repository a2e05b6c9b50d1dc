#!/usr/bin/env python3
"""Prints the table of docs/benchmarks.md (HavenFS section) from a JMH JSON result (-rf json).

JMH reports the mean of single-shot runs; on a shared machine one slow shot moves the mean, so the
table uses the median of the measured shots (and JMH's own p50/p99 for sampled lookups).
Usage: fs-medians.py result.json
"""
import json
import statistics
import sys

PAIRS = [  # case, java.nio benchmark, HavenFS benchmark, target ratio (nio time / HavenFS time)
    ("1 GiB sequential write + force/sync", "writeNio", "writeHaven", 0.8),
    ("1 GiB sequential read (warm cache)", "readNio", "readHaven", 0.8),
    ("10,000 × create + write 4 KiB + close, one sync", "createNio", "createHaven", 0.5),
]


def main(path):
    runs = {}
    for r in json.load(open(path)):
        device = r.get("params", {}).get("device", "volume")
        # HavenFS on a bare FileBlockDevice (-p device=file) is reported as e.g. writeHaven[file]
        runs[r["benchmark"].rsplit(".", 1)[1] + ("" if device == "volume" else f"[{device}]")] = r
    print("| case | java.nio median | HavenFS median | ratio (nio time / HavenFS time) | target | met? |")
    print("|---|---|---|---|---|---|")
    extra = [(c + " (HavenFS on a FileBlockDevice)", n + "[file]", h + "[file]", t) for c, n, h, t in PAIRS]
    for case, nio, haven, target in PAIRS + extra:
        if nio not in runs or haven not in runs:
            continue
        n = statistics.median(x for fork in runs[nio]["primaryMetric"]["rawData"] for x in fork)
        h = statistics.median(x for fork in runs[haven]["primaryMetric"]["rawData"] for x in fork)
        unit = runs[nio]["primaryMetric"]["scoreUnit"]
        ratio = n / h
        print(f"| {case} | {n:.1f} {unit} | {h:.1f} {unit} | {ratio:.2f}× | ≥ {target}× | {'yes' if ratio >= target else 'NO'} |")
    if "lookupNio" in runs and "lookupHaven" in runs:
        n = runs["lookupNio"]["primaryMetric"]
        h = runs["lookupHaven"]["primaryMetric"]
        for pct, target in (("50.0", 50.0), ("99.0", None)):
            pn = n["scorePercentiles"][pct]
            ph = h["scorePercentiles"][pct]
            met = "" if target is None else ("yes" if ph < target else "NO")
            goal = "" if target is None else f"HavenFS < {target:.0f} us"
            print(f"| lookup in a 100,000-entry directory, p{pct[:2]} | {pn:.2f} {n['scoreUnit']} | "
                  f"{ph:.2f} {h['scoreUnit']} | {pn / ph:.2f}× | {goal} | {met} |")

if __name__ == "__main__":
    main(sys.argv[1])
