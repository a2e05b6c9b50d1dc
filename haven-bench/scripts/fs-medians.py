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
    runs = {r["benchmark"].rsplit(".", 1)[1]: r for r in json.load(open(path))}
    print("| case | java.nio median | HavenFS median | ratio (nio time / HavenFS time) | target | met? |")
    print("|---|---|---|---|---|---|")
    for case, nio, haven, target in PAIRS:
        if nio not in runs or haven not in runs:
            continue
        n = statistics.median(x for fork in runs[nio]["primaryMetric"]["rawData"] for x in fork)
        h = statistics.median(x for fork in runs[haven]["primaryMetric"]["rawData"] for x in fork)
        unit = runs[nio]["primaryMetric"]["scoreUnit"]
        ratio = n / h
        print(f"| {case} | {n:.1f} {unit} | {h:.1f} {unit} | {ratio:.2f}× | ≥ {target}× | {'yes' if ratio >= target else 'NO'} |")
    for name in ("lookupNio", "lookupHaven"):
        if name in runs:
            m = runs[name]["primaryMetric"]
            p = m["scorePercentiles"]
            print(f"| lookup in 100,000 entries, {name} | p50 {p['50.0']:.2f}, p99 {p['99.0']:.2f} {m['scoreUnit']} "
                  f"| (mean {m['score']:.2f}) | | HavenFS p50 < 50 us/op | |")


if __name__ == "__main__":
    main(sys.argv[1])
