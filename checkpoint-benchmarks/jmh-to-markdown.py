#!/usr/bin/env python3
"""Turns a JMH JSON result file into a markdown table, with ratios against the raw driver.

A benchmark method named `raw<Something>` in the same class is the baseline of the method named
`<something>` (for example `rawSave` for `save`); the ratio column divides the store's score by
the baseline's (throughput: higher is better, so >= 1 means as fast as raw).
"""
import json
import sys


def main(path):
    with open(path) as f:
        results = json.load(f)
    rows = []
    scores = {}
    for r in results:
        cls, _, method = r["benchmark"].rpartition(".")
        params = ",".join(f"{k}={v}" for k, v in sorted(r.get("params", {}).items()))
        metric = r["primaryMetric"]
        scores[(cls, method, params, r["mode"])] = metric["score"]
        rows.append((cls, method, params, r["mode"], r["threads"], metric))
    print("| benchmark | params | mode | threads | score | error | unit | ratio to raw |")
    print("|---|---|---|---|---|---|---|---|")
    for cls, method, params, mode, threads, metric in rows:
        ratio = ""
        if not method.startswith("raw"):
            base = scores.get((cls, "raw" + method[0].upper() + method[1:], params, mode))
            if base:
                value = metric["score"] / base
                if mode in ("avgt", "sample", "ss"):
                    value = base / metric["score"]
                ratio = f"{value:.2f}"
        print(f"| {cls.rpartition('.')[2]}.{method} | {params} | {mode} | {threads} | "
              f"{metric['score']:.3f} | {metric.get('scoreError', 0):.3f} | {metric['scoreUnit']} | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
