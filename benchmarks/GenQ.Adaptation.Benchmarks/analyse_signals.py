#!/usr/bin/python3
"""Tables of docs/benchmarks/adaptation.md, "Where the synthetic gain comes from": reads the per-query reciprocal ranks
Program.cs wrote to {out}/signals/, each candidate's judged nDCG@10 from {out}/{c}-{m}-eval.json (`genq evaluate`) and
its fusion from its manifest. Needs Debian's python3-numpy. Usage: analyse_signals.py <out>"""
import json, sys
import numpy as np

out_root = sys.argv[1]
collections = ["time", "medline", "cisi", "cranfield", "cacm"]
methods = ["mix", "copies", "hn", "gpl"]
# Judged nDCG@10 of the base model (all-MiniLM-L6-v2) at the fusions the candidates chose: part 2's tables of
# docs/benchmarks/adaptation.md (`genq evaluate --modes hybrid --fusion <f>`). RRF is what a corpus serves before a run.
base_judged = {("time", "rrf:60"): .7298, ("time", "weighted:0.6"): .7630, ("medline", "rrf:60"): .7966,
               ("cisi", "rrf:60"): .4442, ("cisi", "weighted:0.5"): .4518, ("cisi", "weighted:0.6"): .4490,
               ("cranfield", "rrf:60"): .4161, ("cranfield", "weighted:0.5"): .4143, ("cacm", "rrf:60"): .5476}
base_dense = {"time": .6559, "medline": .7877, "cisi": .4180, "cranfield": .3812, "cacm": .4103}

rows = {}
for c in collections:
    for line in open(f"{out_root}/signals/{c}.jsonl"):
        r = json.loads(line)
        rows[(c, r["model"], r["set"])] = r

rng = np.random.default_rng(0)


def bootstrap(a, b, resamples=10000):
    """Mean paired difference and its two-sided 95 % percentile interval."""
    d = np.asarray(a) - np.asarray(b)
    means = d[rng.integers(0, len(d), (resamples, len(d)))].mean(1)
    return d.mean(), np.percentile(means, 2.5), np.percentile(means, 97.5)


def compare(c, m, sets, cand_key, base_key):
    a, b = [], []
    for s in sets:
        cr, br = rows.get((c, m, s)), rows.get((c, "base", s))
        if cr is None or cr["n"] == 0:
            continue
        assert cr["passages"] == br["passages"]
        a += cr[cand_key]
        b += br[base_key]
    return (*bootstrap(a, b), len(a))


results = []
for m in methods:
    for c in collections:
        report = json.load(open(f"{out_root}/{c}-{m}-eval.json"))
        judged = {s["mode"]: s["metrics"]["ndcgAt10"] for s in report["systems"] if s["system"] == "adapted"}
        fusion = json.load(open(f"{out_root}/{c}-{m}/v0001/manifest.json"))["hybrid"]
        fusion = f"rrf:{fusion['rrfK']}" if fusion["method"] == "rrf" else f"weighted:{fusion['alpha']:g}"
        both = ["gate", f"unused-{m}"]
        served = 100 * (judged["hybrid"] - base_judged[(c, "rrf:60")])
        fusion_effect = 100 * (base_judged[(c, fusion)] - base_judged[(c, "rrf:60")])
        results.append(dict(
            m=m, c=c, fusion=fusion,
            gate=compare(c, m, ["gate"], fusion, "rrf:60"),
            gate_dense=compare(c, m, ["gate"], "dense", "dense"),
            hybrid=compare(c, m, both, fusion, "rrf:60"),
            model=compare(c, m, both, fusion, fusion),
            dense=compare(c, m, both, "dense", "dense"),
            served=served, fusion_effect=fusion_effect, model_effect=served - fusion_effect,
            judged_dense=100 * (judged["dense"] - base_dense[c])))

ci = lambda s: f"{s[0]:+.4f} ({s[1]:+.4f}..{s[2]:+.4f})"
print("| method | collection | fusion | queries: gate / gate + unused | Δ hybrid MRR@10 vs base RRF | model effect at the candidate's fusion | Δ dense MRR@10 | judged Δ served | judged fusion effect | judged model effect |")
print("|---|---|---|---|---|---|---|---:|---:|---:|")
for r in results:
    print(f"| {r['m']} | {r['c']} | {r['fusion']} | {r['gate'][3]} / {r['hybrid'][3]} | {ci(r['hybrid'])} | {ci(r['model'])} | {ci(r['dense'])} "
          f"| {r['served']:+.1f} | {r['fusion_effect']:+.1f} | {r['model_effect']:+.1f} |")


def spearman(x, y):
    rank = lambda v: np.argsort(np.argsort(v))
    return np.corrcoef(rank(x), rank(y))[0, 1]


print()
print("| synthetic signal (gate + unused queries) | judged change | Spearman ρ over the 20 candidates |")
print("|---|---|---:|")
for name, syn, judged in [("Δ hybrid, candidate's fusion vs base RRF (what the gate measures)", "hybrid", "served"),
                          ("model effect at the candidate's fusion", "model", "model_effect"),
                          ("Δ dense", "dense", "judged_dense")]:
    print(f"| {name} | {judged.replace('_', ' ')} | {spearman([r[syn][0] for r in results], [r[judged] for r in results]):+.2f} |")

print()
print("| rule (dense may lose at most 0.02 where a hybrid rule) | promote: better / within / worse | keep: better / within / worse |")
print("|---|---|---|")
rules = [(f"gate queries, interval above +{x:.2f}", lambda r, x=x: r["gate"][1] > x and r["gate_dense"][0] >= -0.02) for x in (0, 0.01, 0.02)]
rules += [(f"gate + unused queries, interval above +{x:.2f}", lambda r, x=x: r["hybrid"][1] > x and r["dense"][0] >= -0.02) for x in (0, 0.01, 0.02)]
rules += [("model effect interval above 0 (gate + unused)", lambda r: r["model"][1] > 0)]
rules += [("dense interval above 0 (gate + unused)", lambda r: r["dense"][1] > 0)]
for name, rule in rules:
    t = {(p, k): 0 for p in (True, False) for k in ("better", "within", "worse")}
    for r in results:
        t[(rule(r), "better" if r["served"] >= 0.5 else "worse" if r["served"] <= -0.5 else "within")] += 1
    fmt = lambda p: f"{t[(p, 'better')]} / {t[(p, 'within')]} / {t[(p, 'worse')]}"
    print(f"| {name} | {fmt(True)} | {fmt(False)} |")
