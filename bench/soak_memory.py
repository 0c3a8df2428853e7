"""Flat or growing? Least-squares slopes of ingest memory over the second half of a soak (after warm-up).

Usage: python3 bench/soak_memory.py bench/out/soak-rss.txt  (the sampler's table: t_s ingest_rss_kb heap_after_gc_kb
gen2_loh_kb gc_committed_kb ...); prints one JSON object.
"""
import json
import sys


def slope(points):
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    den = sum((p[0] - mx) ** 2 for p in points) or 1
    return sum((p[0] - mx) * (p[1] - my) for p in points) / den


def mib(kb):
    return round(kb / 1024, 1)


def main(path):
    rows = [line.split() for line in open(path).read().splitlines()[1:] if len(line.split()) >= 3]
    rows = [tuple(int(x) for x in r[:5]) for r in rows if all(x.isdigit() for x in r[:5])]
    half = [r for r in rows if r[0] >= rows[-1][0] / 2]

    def summary(column):
        return {"min": mib(min(r[column] for r in half)), "max": mib(max(r[column] for r in half)),
                "slope_mib_per_min": round(slope([(r[0], r[column]) for r in half]) * 60 / 1024, 2)}

    print(json.dumps({
        "samples": len(rows), "second_half_samples": len(half),
        "rss_mib": summary(1), "heap_after_gc_mib": summary(2), "gen2_loh_mib": summary(3), "gc_committed_mib": summary(4),
    }))


if __name__ == "__main__":
    main(sys.argv[1])
