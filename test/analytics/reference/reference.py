#!/usr/bin/env python3
"""Independent reference values for the analytics tests (issue 9).

Standard library only (no scipy): the t distribution comes from the regularised
incomplete beta function by Lentz's continued fraction (Numerical Recipes 6.4),
and t quantiles by bisection on that CDF. Nothing here imports or mirrors the
TypeScript engine; raking of the 2x2 case is solved in closed form (IPF keeps
the sample's odds ratio), not by iterating.

    python3 test/analytics/reference/reference.py            # prints the values
    python3 test/analytics/reference/reference.py --fixtures # rewrites fixtures

The printed values are pasted into the *.test.ts files; the fixtures (CSV and
expected JSON of `npm run analyze`) are written to test/analytics/fixtures/.
"""
import csv, io, json, math, random, sys, os

# ---------- t distribution ----------
def betacf(a, b, x):
    tiny, eps = 1e-300, 1e-16
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 10000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d; d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c; c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d; d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c; c = c if abs(c) > tiny else tiny
        de = d * c; h *= de
        if abs(de - 1) < eps: return h
    raise RuntimeError("betacf did not converge")

def betai(a, b, x):
    if x <= 0: return 0.0
    if x >= 1: return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1) / (a + b + 2): return math.exp(lbt) * betacf(a, b, x) / a
    return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b

def pt(t, df):
    tail = 0.5 * betai(df / 2, 0.5, df / (df + t * t))
    return tail if t < 0 else 1 - tail

def p_two_sided(t, df):
    return betai(df / 2, 0.5, df / (df + t * t))

def qt(p, df):
    lo, hi = -1e3, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if pt(mid, df) < p: lo = mid
        else: hi = mid
    return (lo + hi) / 2

# ---------- estimators, written from the textbook definitions ----------
def mean(xs): return sum(xs) / len(xs)

def unweighted(xs):
    n, m = len(xs), mean(xs)
    sd = math.sqrt(sum((x - m) ** 2 for x in xs) / (n - 1))
    se = sd / math.sqrt(n); h = qt(0.975, n - 1) * se
    return dict(n=n, mean=m, sd=sd, se=se, ci_low=m - h, ci_high=m + h)

def weighted(xs, ws):
    # svymean / svyvar of svydesign(ids=~1, weights=~w): influence functions
    # z_i = w_i (y_i - ybar) / sum(w); with-replacement variance n/(n-1) sum (z_i - zbar)^2
    n, W = len(xs), sum(ws)
    m = sum(w * x for x, w in zip(xs, ws)) / W
    z = [w * (x - m) / W for x, w in zip(xs, ws)]
    zbar = mean(z)
    se = math.sqrt(n / (n - 1) * sum((zi - zbar) ** 2 for zi in z))
    var = sum(w * (x - m) ** 2 * n / (n - 1) for x, w in zip(xs, ws)) / W
    h = qt(0.975, n - 1) * se
    return dict(n=n, mean=m, sd=math.sqrt(var), se=se, ci_low=m - h, ci_high=m + h)

def welch(a, b):
    diff = b["mean"] - a["mean"]
    v1, v2 = a["se"] ** 2, b["se"] ** 2
    se = math.sqrt(v1 + v2)
    df = (v1 + v2) ** 2 / (v1 ** 2 / (a["n"] - 1) + v2 ** 2 / (b["n"] - 1))
    t = diff / se
    sp = math.sqrt(((a["n"] - 1) * a["sd"] ** 2 + (b["n"] - 1) * b["sd"] ** 2) / (a["n"] + b["n"] - 2))
    return dict(diff=diff, se=se, df=df, t=t, p=p_two_sided(t, df), d=diff / sp)

def paired(x, y):
    d = [b - a for a, b in zip(x, y)]
    u = unweighted(d); t = u["mean"] / u["se"]
    return dict(diff=u["mean"], se=u["se"], df=u["n"] - 1, t=t, p=p_two_sided(t, u["n"] - 1), d=u["mean"] / u["sd"])

def wilson(p, n, z=1.959963984540054):
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    h = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return c - h, c + h

def rake_2x2(counts, row_share, col_share):
    """IPF on a 2x2 table converges to the table with the given margins and the
    sample's odds ratio (Mosteller 1968); solve that quadratic for cell 11."""
    (a, b), (c, d) = counts
    N = a + b + c + d
    r1, c1 = row_share * N, col_share * N
    OR = a * d / (b * c)
    # x(N - r1 - c1 + x) = OR (r1 - x)(c1 - x)
    A = 1 - OR; B = (N - r1 - c1) + OR * (r1 + c1); C = -OR * r1 * c1
    x = (-B + math.sqrt(B * B - 4 * A * C)) / (2 * A) if A != 0 else -C / B
    cells = [[x, r1 - x], [c1 - x, N - r1 - c1 + x]]
    return [[cells[i][j] / counts[i][j] for j in range(2)] for i in range(2)]  # weight per respondent

def rake_ipf(rows, margins, tol=1e-12, it=1000):
    w = [1.0] * len(rows)
    for _ in range(it):
        for var, shares in margins.items():
            W = sum(w); tot = {}
            for r, wi in zip(rows, w): tot[r[var]] = tot.get(r[var], 0) + wi
            w = [wi * shares[r[var]] * W / tot[r[var]] for r, wi in zip(rows, w)]
        W = sum(w); dev = 0
        for var, shares in margins.items():
            tot = {}
            for r, wi in zip(rows, w): tot[r[var]] = tot.get(r[var], 0) + wi
            dev = max(dev, max(abs(tot[k] / W - s) for k, s in shares.items()))
        if dev < tol: break
    W = sum(w); return [wi * len(w) / W for wi in w]

def holm(ps):
    m = len(ps); order = sorted(range(m), key=lambda i: ps[i]); out = [0] * m; run = 0
    for k, i in enumerate(order):
        run = max(run, min(1, (m - k) * ps[i])); out[i] = run
    return out

# ---------- fixtures for the CLI test ----------
WAVES = [("w-baseline", "2024-03-"), ("a-followup", "2025-03-")]  # names sort opposite to time
PLAN = {  # authority -> wave -> (n, respondents without a cohesion score)
    "alpha": {"w-baseline": (14, 0), "a-followup": (12, 2)},  # follow-up cohesion n = 10 exactly
    "beta": {"w-baseline": (12, 3), "a-followup": (9, 0)},    # cohesion 9 and follow-up 9: suppressed
}
MARGINS = {
    "alpha": {"sex": {"f": 0.52, "m": 0.48}, "age_band": {"18-39": 0.40, "40-64": 0.38, "65+": 0.22}},
    "beta": {"sex": {"f": 0.5, "m": 0.5}, "age_band": {"18-39": 0.45, "40-64": 0.35, "65+": 0.20}},
}
COLUMNS = ["response_id", "authority", "wave", "channel", "locale", "submitted_at", "weight",
           "sex", "age_band", "neighbourhood", "comment", "ccram_1", "score_trust", "score_cohesion"]

def make_rows():
    rng = random.Random(20240309)
    rows = []
    for authority, waves in PLAN.items():
        for wave, prefix in WAVES:
            n, no_cohesion = waves[wave]
            lift = 0.45 if wave == "a-followup" else 0.0
            for i in range(n):
                trust = min(5, max(1, round(rng.gauss(3.1 + lift, 0.8) * 3) / 3))
                cohesion = min(5, max(1, round(rng.gauss(3.4 + lift / 2, 0.7) * 4) / 4))
                rows.append({
                    "response_id": f"{authority}-{wave}-{i + 1:02d}", "authority": authority, "wave": wave,
                    "channel": ["web", "phone", "paper"][i % 3], "locale": ["he", "ar", "en"][i % 3],
                    "submitted_at": f"{prefix}{i + 1:02d}T10:{i:02d}:00.000Z",
                    "weight": f"{rng.uniform(0.5, 2.0):.4f}",
                    "sex": "f" if i % 2 == 0 else "m", "age_band": ["18-39", "40-64", "65+"][(i // 2) % 3],
                    "neighbourhood": 'נווה שאנן, "צפון"' if i % 4 == 0 else "מרכז",
                    "comment": "line one\nline two" if i == 1 else "",
                    "ccram_1": str(1 + i % 5),
                    "score_trust": f"{trust:.10g}",
                    "score_cohesion": "" if i < no_cohesion else f"{cohesion:.10g}",
                })
    # Deliver out of order: the file's order must not matter.
    rng.shuffle(rows)
    return rows

def analyse(rows, weights_of, min_cell=10):
    results, changes = [], []
    order = sorted({r["wave"] for r in rows}, key=lambda w: min(r["submitted_at"] for r in rows if r["wave"] == w))
    for authority in sorted({r["authority"] for r in rows}):
        cells = {}
        for wave in order:
            group = [r for r in rows if r["authority"] == authority and r["wave"] == wave]
            w = weights_of(authority, group)
            for construct in ["trust", "cohesion"]:
                ys = [(float(r["score_" + construct]), wi) for r, wi in zip(group, w) if r["score_" + construct] != ""]
                cell = dict(authority=authority, wave=wave, construct=construct, n=len(ys))
                if len(ys) < min_cell:
                    cell.update(mean=None, sd=None, se=None, ci_low=None, ci_high=None, suppressed=True)
                else:
                    cell.update(weighted([y for y, _ in ys], [wi for _, wi in ys]), suppressed=False)
                # trust and cohesion are not constructs of the item bank, so analyze has no
                # favourable threshold for them and gives no % favourable (issue 17, item 7).
                cell.update(favourable=None, favourable_low=None, favourable_high=None)
                cells[(wave, construct)] = cell; results.append(cell)
        for a, b in zip(order, order[1:]):
            for construct in ["trust", "cohesion"]:
                x, y = cells[(a, construct)], cells[(b, construct)]
                ch = dict(authority=authority, construct=construct, from_wave=a, to_wave=b)
                ch.update(welch(x, y) if not (x["suppressed"] or y["suppressed"]) else
                          dict(diff=None, se=None, df=None, t=None, p=None, d=None))
                changes.append(ch)
    return dict(results=results, changes=changes)

def write_fixtures(folder):
    rows = make_rows()
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader(); writer.writerows(rows)
    with open(os.path.join(folder, "responses.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())
    with open(os.path.join(folder, "margins.csv"), "w", encoding="utf-8", newline="") as f:
        f.write("authority,variable,value,share\n")
        for authority, variables in MARGINS.items():
            for variable, shares in variables.items():
                for value, share in shares.items():
                    f.write(f"{authority},{variable},{value},{share}\n")
    by_weight = analyse(rows, lambda a, g: [float(r["weight"]) for r in g])
    raked = analyse(rows, lambda a, g: rake_ipf(g, MARGINS[a]))
    for name, value in [("expected-weighted.json", by_weight), ("expected-raked.json", raked)]:
        with open(os.path.join(folder, name), "w") as f:
            json.dump(value, f, indent=1, ensure_ascii=False); f.write("\n")

def show(label, value): print(f"{label}: {json.dumps(value)}")

if __name__ == "__main__":
    if "--fixtures" in sys.argv:
        write_fixtures(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
        sys.exit(0)
    show("qt(0.975, 9)", qt(0.975, 9)); show("pt(-2, 10)", pt(-2, 10))
    show("unweighted 1..10", unweighted(list(range(1, 11))))
    ys = [3.2, 4.1, 2.5, 4.8, 3.9, 3.0, 4.4, 2.2]; ws = [1.0, 2.5, 0.8, 1.7, 1.2, 0.6, 2.2, 1.0]
    show("weighted ys ws", weighted(ys, ws))
    show("weighted ys, all weights 3", weighted(ys, [3.0] * len(ys)))
    show("favourable ys ws (share, se)", weighted([1.0 if y >= 4 else 0.0 for y in ys], ws))
    kish = sum(ws) ** 2 / sum(w * w for w in ws)
    show("kish n ws", kish)
    show("wilson share of ys ws on kish n", wilson(3 / 8 if False else sum(w for y, w in zip(ys, ws) if y >= 4) / sum(ws), kish))
    show("wilson 7 of 20", wilson(7 / 20, 20))
    g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
    g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
    show("welch sleep", welch(unweighted(g1), unweighted(g2)))
    show("paired sleep", paired(g1, g2))
    show("welch 1:10 vs 7:20", welch(unweighted(list(range(1, 11))), unweighted(list(range(7, 21)))))
    show("welch weighted", welch(weighted(ys, ws), weighted([y + 0.6 for y in ys[:6]] + [4.9, 3.3, 4.0], ws[:6] + [1.4, 0.9, 1.1])))
    show("rake 2x2 [[30,20],[10,40]] rows .5 cols .6", rake_2x2([[30, 20], [10, 40]], 0.5, 0.6))
    w = [1.0, 1.0, 2.0, 4.0]
    m = mean(w); cv2 = sum((x - m) ** 2 for x in w) / len(w) / m ** 2
    show("deff [1,1,2,4]", dict(cv2=cv2, deff=1 + cv2, neff=len(w) / (1 + cv2)))
    show("holm", holm([0.01, 0.04, 0.03, 0.005, 0.2]))
