#!/usr/bin/env python3
"""Buckets each gold event of an 'events' gold file by why the coder missed it.

Usage:
  diagnose_events.py GOLD.jsonl PRED.jsonl [--input INPUT.jsonl] [--score PATH/score.py]
                     [--bucket NAME] [--quiet]

It imports the shared scorer (default ../shared/eval/score.py, beside the repository) so that a
"match" here means exactly what it means there. Each gold event lands in the first bucket that
describes it:

  matched           a claimed prediction core-matches it
  flagged           only a prediction flagged negated/future/hypothetical would have matched
  no-prediction     the document has no prediction at all (claimed or flagged)
  wrong-type        predictions exist but none has an accepted PLOVER type (and CAMEO code)
  actor-wrong       a prediction has the right type but none has an accepted actor
  recipient-wrong   right type and actor, but the recipient (or parties) disagree
  taken             a matching prediction exists but another gold event of the document took it

Every claimed prediction that matched no gold event is listed as 'extra', with its type, CAMEO
code, actors and recipients. With --input, the sentence is printed under each record.
"""
import argparse
import collections
import importlib.util
import json
import os
import sys


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("truce_shared_score", path)
    if spec is None or spec.loader is None:
        sys.exit(f"{path}: cannot load the scorer")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(score, prediction):
    actors = "+".join(sorted(score.codes(prediction.get("actor")))) or "-"
    recipients = "+".join(sorted(score.codes(prediction.get("recipient")))) or "-"
    flags = [k for k, v in (prediction.get("flags") or {}).items() if v]
    flag_text = f" [{','.join(flags)}]" if flags else ""
    return f"{prediction.get('event')}/{prediction.get('cameo')} {actors}->{recipients}{flag_text}"


def gold_wants(gold):
    parts = [",".join(gold.get("event") or [])]
    if gold.get("cameo"):
        parts.append("cameo=" + ",".join(gold["cameo"]))
    parts.append("actor=" + ",".join(gold.get("actor") or ["*"]))
    if gold.get("recipient"):
        parts.append("recipient=" + ",".join(gold["recipient"]))
    if gold.get("parties"):
        parts.append("parties=" + ",".join(gold["parties"]))
    return " ".join(parts)


def type_matches(score, gold, prediction):
    """The type and CAMEO part of the scorer's core match, without the actors."""
    stripped = {k: v for k, v in gold.items() if k not in ("actor", "recipient", "parties")}
    return score.core_match(stripped, prediction)


def actor_matches(score, gold, prediction):
    stripped = {k: v for k, v in gold.items() if k not in ("recipient", "parties")}
    return score.core_match(stripped, prediction)


def bucket_documents(score, gold_rows, prediction_rows):
    """Returns (bucket per gold id, extra predictions per document)."""
    gold_by_doc = collections.defaultdict(list)
    claimed_by_doc = collections.defaultdict(list)
    flagged_by_doc = collections.defaultdict(list)
    for gold in gold_rows:
        gold_by_doc[str(gold["doc"])].append(gold)
    for prediction in prediction_rows:
        target = flagged_by_doc if score.not_a_claim(prediction) else claimed_by_doc
        target[score.doc_of(prediction)].append(prediction)
    claimed_by_doc = score.pair_docs(gold_by_doc, claimed_by_doc)
    flagged_by_doc = score.pair_docs(gold_by_doc, flagged_by_doc)
    buckets, extras = {}, collections.defaultdict(list)
    for doc in set(gold_by_doc) | set(claimed_by_doc):
        golds = gold_by_doc.get(doc, [])
        claimed = claimed_by_doc.get(doc, [])
        flagged = flagged_by_doc.get(doc, [])
        used = set()
        # The same greedy order as the scorer: required gold events first.
        order = sorted(range(len(golds)), key=lambda i: bool(golds[i].get("optional")))
        matched = set()
        for gold_index in order:
            for prediction_index, prediction in enumerate(claimed):
                if prediction_index not in used and score.core_match(golds[gold_index], prediction):
                    used.add(prediction_index)
                    matched.add(gold_index)
                    break
        for gold_index, gold in enumerate(golds):
            key = (doc, gold.get("id"), gold_index)
            if gold_index in matched:
                buckets[key] = "matched"
            elif any(score.core_match(gold, p) for p in claimed):
                buckets[key] = "taken"
            elif any(score.core_match(gold, p) for p in flagged):
                buckets[key] = "flagged"
            elif not claimed and not flagged:
                buckets[key] = "no-prediction"
            elif not any(type_matches(score, gold, p) for p in claimed):
                buckets[key] = "wrong-type"
            elif not any(actor_matches(score, gold, p) for p in claimed):
                buckets[key] = "actor-wrong"
            else:
                buckets[key] = "recipient-wrong"
        for prediction_index, prediction in enumerate(claimed):
            if prediction_index not in used:
                extras[doc].append(prediction)
    return buckets, extras, claimed_by_doc, flagged_by_doc, gold_by_doc


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_scorer = os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "eval", "score.py"))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold")
    parser.add_argument("predictions")
    parser.add_argument("--input", help="the coder's input JSON Lines, to print each sentence")
    parser.add_argument("--score", default=default_scorer, help="path of the shared score.py")
    parser.add_argument("--bucket", action="append", help="print only these buckets (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="print only the summary")
    arguments = parser.parse_args()

    score = load_scorer(arguments.score)
    gold_rows = score.read_jsonl(arguments.gold)
    prediction_rows = score.read_jsonl(arguments.predictions)
    texts = {}
    if arguments.input:
        for row in score.read_jsonl(arguments.input):
            texts[str(row.get("id", row.get("doc", "")))] = row.get("text", "")

    buckets, extras, claimed_by_doc, flagged_by_doc, gold_by_doc = bucket_documents(
        score, gold_rows, prediction_rows)

    if not arguments.quiet:
        for (doc, gold_id, gold_index), bucket in sorted(buckets.items(), key=lambda kv: (kv[1], kv[0])):
            if arguments.bucket and bucket not in arguments.bucket:
                continue
            gold = gold_by_doc[doc][gold_index]
            print(f"[{bucket}] {gold_id}: want {gold_wants(gold)}")
            for prediction in claimed_by_doc.get(doc, []) + flagged_by_doc.get(doc, []):
                print(f"    got {describe(score, prediction)}")
            if doc in texts:
                print(f"    | {texts[doc]}")
        if not arguments.bucket or "extra" in arguments.bucket:
            for doc in sorted(extras):
                for prediction in extras[doc]:
                    print(f"[extra] {doc}: {describe(score, prediction)}")

    counts = collections.Counter(buckets.values())
    print("gold events by bucket:")
    for bucket, count in counts.most_common():
        print(f"  {bucket:16s} {count}")
    extra_total = sum(len(v) for v in extras.values())
    print(f"extra predictions: {extra_total} in {len(extras)} documents")
    wrong_types = collections.Counter()
    for (doc, _gold_id, gold_index), bucket in buckets.items():
        if bucket == "wrong-type":
            gold = gold_by_doc[doc][gold_index]
            given = sorted({str(p.get("event")) for p in claimed_by_doc.get(doc, [])})
            wrong_types[(",".join(gold.get("event") or []), "+".join(given))] += 1
    if wrong_types:
        print("wrong-type (gold <- given):")
        for (want, given), count in wrong_types.most_common():
            print(f"  {want:10s} <- {given}: {count}")
    core = score.score_events(gold_rows, prediction_rows)["core"]
    precision, recall, f1 = score.prf(*core)
    print(f"core P={precision:.3f} R={recall:.3f} F1={f1:.3f} (tp {core[0]} fp {core[1]} fn {core[2]})")


if __name__ == "__main__":
    main()
