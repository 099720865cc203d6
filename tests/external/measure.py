#!/usr/bin/env python3
"""Measure factlint on real text nobody on the project wrote (../shared/external).

usage: python3 tests/external/measure.py [--bin target/release/factlint] [--sample N]

ECB+ (982 news articles, 43 topics, two events per topic): findings per 100
articles by rule, findings whose passages come from two different topics or
from the two different events of one topic (false by construction for every
kind of conflict about an event), and a random sample of findings to read.
ContraDoc (news documents): share of contradictory documents caught (a
finding's passage overlaps the evidence sentence) and of consistent
documents with any finding (false alarms). WikiContradict: pairs caught (one
finding with passages in both passages of the pair).

Built-in pack only, run from an empty folder, as a user with no pack would.
"""
import argparse, collections, json, os, random, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXT = os.path.join(ROOT, "..", "shared", "external")


def run(binary, folder, cwd):
    out = subprocess.run([binary, "check", folder, "--format", "json", "--no-config"],
                         capture_output=True, text=True, cwd=cwd).stdout
    return json.loads(out)["findings"]


def ecb(binary, work, sample):
    docs = [json.loads(l) for l in open(os.path.join(EXT, "ecbplus_docs.jsonl"))]
    folder = os.path.join(work, "ecb")
    meta = {}
    for d in docs:
        path = os.path.join(folder, str(d["topic"]), f"{d['id']}.txt")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as fh:
            if d.get("date"):
                fh.write(f" date {d['date']}\n")
            fh.write(d["text"])
        meta[os.path.realpath(path)] = (str(d["topic"]), str(d.get("subtopic")))
    findings = run(binary, folder, work)
    by_rule = collections.Counter(f["rule"] for f in findings)
    cross_topic = cross_event = 0
    cross = collections.Counter()
    for f in findings:
        keys = {meta.get(os.path.realpath(os.path.join(work, c["file"])), ("?", "?")) for c in f["claims"]}
        topics = {k[0] for k in keys}
        if len(topics) > 1:
            cross_topic += 1
            cross[f["rule"]] += 1
        elif len(keys) > 1:
            cross_event += 1
            cross[f["rule"] + " (two events)"] += 1
    n = len(docs)
    print(f"ECB+: {n} articles, {len(findings)} findings, {100 * len(findings) / n:.1f} per 100 articles")
    for r, c in sorted(by_rule.items()):
        print(f"  {r:<24} {c:>5}  {100 * c / n:5.1f} per 100")
    print(f"  across two topics: {cross_topic}; across the two events of one topic: {cross_event}  {dict(cross)}")
    rnd = random.Random(7)
    for f in rnd.sample(findings, min(sample, len(findings))):
        print(f"  - [{f['rule']}] {f['message'][:110]}")
        for c in f["claims"][:3]:
            t = meta.get(os.path.realpath(os.path.join(work, c["file"])), ("?", "?"))
            print(f"      {t[0]}/{t[1]} {os.path.basename(c['file'])}:{c['line']}  {c['text'][:100]!r}")


def contradoc(binary, work):
    docs = [d for d in json.load(open(os.path.join(EXT, "contradoc_flat.json"))) if d.get("doc_type") == "news"]
    folder = os.path.join(work, "contradoc")
    os.makedirs(folder, exist_ok=True)
    info = {}
    for d in docs:
        path = os.path.join(folder, f"{d['id']}.txt")
        with open(path, "w") as fh:
            fh.write(" date 2024-01-15\n")
            fh.write(d["text"])
        info[os.path.realpath(path)] = d
    findings = run(binary, folder, work)
    flagged = collections.defaultdict(list)
    for f in findings:
        for c in f["claims"]:
            flagged[os.path.realpath(os.path.join(work, c["file"]))].append((f, c))
    caught = alarms = contra = consistent = 0
    alarm_rules = collections.Counter()
    for path, d in info.items():
        pos = d.get("label") in (1, "1", True, "contradictory", "positive", "pos")
        hits = flagged.get(path, [])
        if pos:
            contra += 1
            ev = (d.get("evidence") or "").strip()
            text = open(path, "rb").read()
            at = text.find(ev.encode()) if ev else -1
            if at >= 0 and any(c["start"] < at + len(ev.encode()) and at < c["end"] for _, c in hits):
                caught += 1
        else:
            consistent += 1
            alarms += bool(hits)
            for r in {f["rule"] for f, _ in hits}:
                alarm_rules[r] += 1
    print(f"ContraDoc news: {contra} contradictory, caught {caught} ({100 * caught / max(contra, 1):.1f}%); "
          f"{consistent} consistent, {alarms} with a finding ({100 * alarms / max(consistent, 1):.1f}%)"
          f"  consistent documents with a finding, by rule: {dict(sorted(alarm_rules.items()))}")


def wiki(binary, work):
    pairs = [json.loads(l) for l in open(os.path.join(EXT, "wikicontradict_pairs.jsonl"))]
    caught = 0
    for i, p in enumerate(pairs):
        folder = os.path.join(work, "wiki", str(i))
        os.makedirs(folder, exist_ok=True)
        texts = [p.get("context1") or "", p.get("context2") or ""]
        for j, t in enumerate(texts):
            with open(os.path.join(folder, f"{j}.txt"), "w") as fh:
                fh.write(" date 2024-01-15\n" + t)
        for f in run(binary, folder, work):
            files = {os.path.basename(c["file"]) for c in f["claims"]}
            if files == {"0.txt", "1.txt"}:
                caught += 1
                break
    print(f"WikiContradict: {caught} of {len(pairs)} pairs caught")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "factlint"))
    ap.add_argument("--sample", type=int, default=20)
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as work:
        ecb(binary, work, a.sample)
        contradoc(binary, work)
        wiki(binary, work)


if __name__ == "__main__":
    sys.exit(main())
