#!/usr/bin/env python3
"""Writes the difference-in-differences fixture (issue 17, item 1).

    python3 test/analytics/reference/did-fixture.py

Data only: six treated and four comparison authorities, three waves, two
constructs (one with missing scores), unequal weights, an authority missing
from one wave. The expected values are computed by R's survey package from
these files (did.R), not by this script.
"""
import csv, os, random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "fixtures")
rng = random.Random(17)

treated = ["t-arad", "t-dimona", "t-ofakim", "t-rahat", "t-sakhnin", "t-yeruham"]
comparison = ["c-kuseife", "c-mitzpe", "c-netivot", "c-tamra"]
waves = [("w2022-baseline", "2022-05-01"), ("w2023-followup", "2023-11-01"), ("w2025-followup", "2025-11-01")]

rows = []
for a in treated + comparison:
    is_t = a.startswith("t-")
    level = rng.uniform(2.6, 3.6)
    for k, (wave, date) in enumerate(waves):
        if a == "c-tamra" and k == 1:
            continue  # not surveyed in 2023: a cluster present in only some pairs
        n = rng.randint(14, 26)
        for i in range(n):
            effect = (0.25 * k if is_t else 0.08 * k)
            soc = min(5, max(1, round((level + effect + rng.gauss(0, 0.8)) * 4) / 4))
            safe = min(4, max(1, round((level * 0.8 + 0.15 * k * is_t + rng.gauss(0, 0.7)) * 3) / 3))
            if rng.random() < 0.12:
                safe = None
            weight = round(rng.uniform(0.4, 2.2), 4)
            rows.append({
                "response_id": f"{a}-{wave}-{i:02d}",
                "authority": a,
                "wave": wave,
                "submitted_at": f"{date}T09:{i:02d}:00.000Z",
                "weight": weight,
                "score_sense_of_community": f"{soc:.4f}",
                "score_safety": "" if safe is None else f"{safe:.4f}",
            })

with open(os.path.join(OUT, "did-responses.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
with open(os.path.join(OUT, "did-comparison.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["authority", "group"])
    for a in treated:
        w.writerow([a, "treated"])
    for a in comparison:
        w.writerow([a, "comparison"])
print(f"{len(rows)} rows written to {OUT}")
