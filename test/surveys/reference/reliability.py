#!/usr/bin/env python3
"""Independent reference for test/surveys/reliability.test.ts.

Scores the collective-efficacy items of the core instrument for a fixed set of
responses, then computes Cronbach's alpha, corrected item-total correlations and
alpha-if-item-deleted with plain Python (no code shared with the platform).
Rules, as in surveys/README and notes/instruments.md: 1..5 agreement scale,
ce_conflict_1 reversed (6 - x), "dk" and skipped answers missing, a score needs at
least half of the items (rounded up), reliability on complete rows only.

Run: python3 test/surveys/reference/reliability.py  (prints JSON; pasted into the test)
"""
import json
import math

ITEMS = ["ce_cohesion_1", "ce_trust_1", "ce_conflict_1", "ce_intervene_1"]
REVERSED = {"ce_conflict_1"}
RESPONSES = [
    {"ce_cohesion_1": 4, "ce_trust_1": 4, "ce_conflict_1": 2, "ce_intervene_1": 3},
    {"ce_cohesion_1": 5, "ce_trust_1": 4, "ce_conflict_1": 1, "ce_intervene_1": 5},
    {"ce_cohesion_1": 2, "ce_trust_1": 3, "ce_conflict_1": 4, "ce_intervene_1": 2},
    {"ce_cohesion_1": 3, "ce_trust_1": 3, "ce_conflict_1": 3, "ce_intervene_1": 4},
    {"ce_cohesion_1": 1, "ce_trust_1": 2, "ce_conflict_1": 5, "ce_intervene_1": 1},
    {"ce_cohesion_1": 4, "ce_trust_1": 5, "ce_conflict_1": 2, "ce_intervene_1": 4},
    {"ce_cohesion_1": 3, "ce_trust_1": 2, "ce_conflict_1": 2, "ce_intervene_1": 3},
    {"ce_cohesion_1": 5, "ce_trust_1": 5, "ce_conflict_1": 1, "ce_intervene_1": 4},
    {"ce_cohesion_1": 2, "ce_trust_1": 1, "ce_conflict_1": 4, "ce_intervene_1": 3},
    {"ce_cohesion_1": 4, "ce_trust_1": 3, "ce_conflict_1": 3, "ce_intervene_1": 5},
    {"ce_cohesion_1": 4, "ce_trust_1": "dk", "ce_conflict_1": 2},
    {"ce_cohesion_1": 5},
]


def value(answers, item):
    v = answers.get(item)
    if not isinstance(v, int):
        return None
    return 6 - v if item in REVERSED else v


def score(answers):
    vals = [value(answers, i) for i in ITEMS]
    valid = [v for v in vals if v is not None]
    if len(valid) == 0 or len(valid) < math.ceil(len(ITEMS) / 2):
        return None
    return sum(valid) / len(valid)


def var(xs):
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / (len(xs) - 1)


def alpha(rows):
    k = len(rows[0])
    items = [[r[j] for r in rows] for j in range(k)]
    totals = [sum(r) for r in rows]
    return k / (k - 1) * (1 - sum(var(c) for c in items) / var(totals))


def corr(xs, ys):
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy)


scores = [score(a) for a in RESPONSES]
flags = [None if s is None else s >= 4 for s in scores]
rows = []
for a in RESPONSES:
    r = [value(a, i) for i in ITEMS]
    if all(v is not None for v in r):
        rows.append(r)
item_total = []
alpha_if_deleted = []
for j in range(len(ITEMS)):
    rest = [[v for i, v in enumerate(r) if i != j] for r in rows]
    item_total.append(corr([r[j] for r in rows], [sum(x) for x in rest]))
    alpha_if_deleted.append(alpha(rest))
valid_flags = [f for f in flags if f is not None]
print(json.dumps({
    "scores": scores,
    "favourable": flags,
    "percentFavourable": 100 * sum(valid_flags) / len(valid_flags),
    "n": len(rows),
    "alpha": alpha(rows),
    "itemTotal": item_total,
    "alphaIfDeleted": alpha_if_deleted,
}, indent=1))
