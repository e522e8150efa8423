#!/usr/bin/env python3
"""Check the near-copy links of a truce store against the exact shingle similarity.

For every link in `duplicate_links`, compute the exact Jaccard similarity of the two articles'
three-word shingle sets (words as runs of letters and digits, lower-cased, as truce-dedupe
reads them, up to Unicode details) and compare it with the similarity truce estimated.

    python3 scripts/eval/near_copy_jaccard.py truce.db [--threshold 0.5]

Prints the number of links, the mean and largest estimation error, and how many linked pairs
are in truth below the threshold by more than a margin.
"""
import argparse
import re
import sqlite3
import sys

WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--margin", type=float, default=0.05)
    args = parser.parse_args()
    try:
        connection = sqlite3.connect(f"file:{args.store}?mode=ro", uri=True)
        rows = connection.execute(
            """SELECT link.similarity, copy.text, first.text
               FROM duplicate_links AS link
               JOIN articles AS copy ON copy.article_pk = link.article_pk
               JOIN articles AS first ON first.article_pk = link.first_copy_pk
               WHERE link.kind = 'near'"""
        ).fetchall()
    except sqlite3.Error as error:
        sys.exit(f"{args.store}: {error}")
    if not rows:
        print("no near-copy links")
        return
    errors = []
    below = 0
    for estimated, copy_text, first_text in rows:
        copy_shingles, first_shingles = shingles(copy_text), shingles(first_text)
        union = copy_shingles | first_shingles
        exact = len(copy_shingles & first_shingles) / len(union) if union else 1.0
        errors.append(estimated - exact)
        below += exact < args.threshold - args.margin
    print(
        f"{len(rows)} near-copy links; estimate minus exact: mean {sum(errors) / len(errors):+.3f}, "
        f"largest {max(errors, key=abs):+.3f}; {below} linked pairs are below "
        f"{args.threshold - args.margin:.2f} in truth"
    )


if __name__ == "__main__":
    main()
