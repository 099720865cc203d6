#!/usr/bin/env python3
"""Measure factlint on real text nobody on the project wrote (../shared/external).

usage: python3 tests/external/measure.py [--bin target/release/factlint] [--sample N]

ECB+ (982 news articles, 43 topics, two events per topic): findings per 100
articles by rule, findings whose passages come from two different topics or
from the two different events of one topic (false by construction for every
kind of conflict about an event), and a random sample of findings to read.
ContraDoc (news documents, each checked alone): share of contradictory
documents caught (a finding's passage overlaps the evidence sentence), also
for those whose evidence is about a number, a date or a negation, and of
consistent documents with any finding (false alarms). WikiContradict: pairs caught (one
finding with passages in both passages of the pair).

Unrelated documents checked together under one date (the worst case for
subject identity: every relative day falls on the same days): the 154
consistent ContraDoc news documents (different stories) and the 256
WikiContradict passages (128 topics). A finding whose passages come from two
stories (two pairs) is a false alarm unless the stories share a party.

Built-in pack only, run from an empty folder, as a user with no pack would.
"""
import argparse, collections, json, os, random, re, subprocess, sys, tempfile

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


# What a contradiction is about, read from the words of its evidence
# sentence (the flattened copy carries no type): a number, a date or a
# negation. The bar is the share caught of these.
NUMBER = re.compile(r"\b(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|thirty|forty|fifty|hundred|thousand|million|billion|dozen|half|percent)\b|%", re.I)
DATE = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december|"
                  r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
                  r"last (week|month|year)|(19|20)\d\d)\b", re.I)
NEGATION = re.compile(r"\b(not|never|no|none|nobody|nothing|neither|nor|without)\b|n't\b", re.I)


def kinds_of(evidence):
    return [k for k, r in (("number", NUMBER), ("date", DATE), ("negation", NEGATION)) if r.search(evidence)]


def contradoc(binary, work, show):
    """Each document is checked alone: a ContraDoc contradiction is inside
    one document, and the copy holds several edits of one source article,
    which checked together contradict each other across documents."""
    docs = [d for d in json.load(open(os.path.join(EXT, "contradoc_flat.json"))) if d.get("doc_type") == "news"]
    caught = alarms = contra = contra_in = consistent = 0
    typed = collections.Counter()
    typed_caught = collections.Counter()
    alarm_rules = collections.Counter()
    caught_rules = collections.Counter()
    for d in docs:
        folder = os.path.join(work, "contradoc", d["id"])
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, "doc.txt")
        with open(path, "w") as fh:
            fh.write(" date 2024-01-15\n")
            fh.write(d["text"])
        hits = [(f, c) for f in run(binary, path, work) for c in f["claims"]]
        if d.get("label") in (1, "1", True, "contradictory", "positive", "pos"):
            contra += 1
            ev = (d.get("evidence") or "").strip()
            kinds = kinds_of(ev)
            text = open(path, "rb").read()
            at = text.find(ev.encode()) if ev else -1
            if at < 0:
                continue  # the copy cut the text before its evidence
            contra_in += 1
            hit = any(c["start"] < at + len(ev.encode()) and at < c["end"] for _, c in hits)
            caught += hit
            typed["any"] += bool(kinds)
            typed_caught["any"] += hit and bool(kinds)
            for k in kinds:
                typed[k] += 1
                typed_caught[k] += hit
            if hit:
                for r in {f["rule"] for f, _ in hits}:
                    caught_rules[r] += 1
            if hit and show:
                print(f"  caught {d['id']}: {ev[:100]!r}")
        else:
            consistent += 1
            alarms += bool(hits)
            for r in {f["rule"] for f, _ in hits}:
                alarm_rules[r] += 1
            if hits and show:
                f, c = hits[0]
                print(f"  alarm {d['id']} [{f['rule']}] {f['message'][:100]}")
    pct = lambda a, b: f"{100 * a / max(b, 1):.1f}%"
    print(f"ContraDoc news (each document alone): {contra} contradictory, {contra_in} with their evidence "
          f"in the text (the copy is cut at 2,000 characters), caught {caught} ({pct(caught, contra_in)}), "
          f"by rule {dict(sorted(caught_rules.items()))}; "
          f"{consistent} consistent, {alarms} with a finding ({pct(alarms, consistent)})"
          f"  by rule: {dict(sorted(alarm_rules.items()))}")
    print(f"  about numbers, dates or negation (by the evidence's words): {typed['any']}, caught {typed_caught['any']} "
          f"({pct(typed_caught['any'], typed['any'])}); "
          + ", ".join(f"{k} {typed_caught[k]} of {typed[k]}" for k in ("number", "date", "negation")))


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


def together(binary, work):
    """Unrelated documents in one corpus, all dated 2024-01-15."""
    consistent = [d for d in json.load(open(os.path.join(EXT, "contradoc_flat.json")))
                  if d.get("doc_type") == "news" and d.get("label") not in (1, "1", True, "contradictory", "positive", "pos")]
    folder = os.path.join(work, "together-contradoc")
    os.makedirs(folder, exist_ok=True)
    for d in consistent:
        with open(os.path.join(folder, f"{d['id']}.txt"), "w") as fh:
            fh.write(" date 2024-01-15\n" + d["text"])
    found = run(binary, folder, work)
    stories = lambda f: {os.path.basename(c["file"]).rsplit("_", 1)[0] for c in f["claims"]}
    across = sum(len(stories(f)) > 1 for f in found)
    print(f"Together, one date: {len(consistent)} consistent ContraDoc news documents, {len(found)} findings, "
          f"{across} across two stories")
    folder = os.path.join(work, "together-wiki")
    os.makedirs(folder, exist_ok=True)
    for i, line in enumerate(open(os.path.join(EXT, "wikicontradict_pairs.jsonl"))):
        p = json.loads(line)
        for j, k in enumerate(("context1", "context2")):
            with open(os.path.join(folder, f"{i:03d}_{j}.txt"), "w") as fh:
                fh.write(" date 2024-01-15\n" + (p.get(k) or ""))
    found = run(binary, folder, work)
    across = [f for f in found if len({os.path.basename(c["file"])[:3] for c in f["claims"]}) > 1]
    print(f"Together, one date: 256 WikiContradict passages, {len(found)} findings, {len(across)} across two pairs"
          + "".join(f"\n  - [{f['rule']}] {f['message'][:110]}" for f in across))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "factlint"))
    ap.add_argument("--sample", type=int, default=20)
    ap.add_argument("--show", action="store_true", help="list ContraDoc catches and false alarms")
    a = ap.parse_args()
    binary = os.path.abspath(a.bin)
    with tempfile.TemporaryDirectory() as work:
        ecb(binary, work, a.sample)
        contradoc(binary, work, a.show)
        wiki(binary, work)
        together(binary, work)


if __name__ == "__main__":
    sys.exit(main())
