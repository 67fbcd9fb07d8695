#!/usr/bin/env python3
"""Writes test/analytics/fixtures/panel-members.csv: panel members who answered an
earlier wave (age band, sex and score as they answered it), whether they answered
the later wave too (retained) and their later score. Deterministic (seeded).
Age band 7 of sex 2 has no retained member, so the cells of sex 2 collapse."""
import csv, os, random

rng = random.Random(17)
here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "..", "fixtures", "panel-members.csv")
rows = []
for i in range(90):
    age = 1 + rng.randrange(7)
    sex = 1 + rng.randrange(2)
    before = round(rng.uniform(1, 5) * 4) / 4
    # Older members stay more often; age 7 of sex 2 never does.
    stay = 0.35 + 0.08 * age
    retained = (rng.random() < stay) and not (age == 7 and sex == 2)
    after = ""
    if retained:
        after = f"{min(5, max(1, before + rng.choice([-0.5, -0.25, 0, 0.25, 0.5, 0.75]) + 0.05 * age)):.2f}"
    # One retained member without a later score on the construct (item non-response).
    if retained and i == 11:
        after = "NA"
    rows.append({"panel_id": f"m{i:02d}", "age_band": str(age) if i != 5 else "_", "sex": str(sex),
                 "retained": "1" if retained else "0", "before": f"{before:.2f}", "after": after})
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
