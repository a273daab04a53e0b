"""Per-round table of the suite's log: each trial's score in order, grouped by backend, threads
and operation, with the ratio store / raw of each round (python3 rounds.py suite.log)."""
import re
import sys
from collections import defaultdict

trials = []  # (backend, threads, method, score)
threads = None
for line in open(sys.argv[1] if len(sys.argv) > 1 else "suite.log"):
    m = re.match(r"# Threads: (\d+)", line)
    if m:
        threads = int(m.group(1))
    m = re.match(r"ConcurrencyBenchmark\.(\w+)\s+(\w+)\s+\d+\s+thrpt\s+\d+\s+([\d.]+)", line)
    if m:
        trials.append((m.group(2), threads, m.group(1), float(m.group(3))))

runs = defaultdict(list)
for backend, t, method, score in trials:
    runs[(backend, t, method)].append(score)

print("| backend | threads | side | round 1 | round 2 | round 3 |")
print("|---|---:|---|---:|---:|---:|")
for (backend, t, method), scores in runs.items():
    print(f"| {backend} | {t} | {method} | " + " | ".join(f"{s:,.0f}" for s in scores) + " |")
print()
print("| backend | threads | ratio | per round |")
print("|---|---:|---|---|")
for (backend, t, method), scores in runs.items():
    raw = {"save": ["rawSave", "rawSaveFull"], "latest": ["rawLatest"]}.get(method)
    for r in raw or []:
        other = runs.get((backend, t, r))
        if other:
            ratios = [a / b for a, b in zip(scores, other)]
            print(f"| {backend} | {t} | {method} ÷ {r} | " + ", ".join(f"{x:.2f}" for x in ratios) + " |")
