#!/usr/bin/env python3
"""Regenerates <language>.txt: the 8,000 most frequent words of each served language.

Source: wordfreq 3.1.1 (https://github.com/rspeer/wordfreq), its "small" word lists
(wordfreq/data/small_<language>.msgpack.gz, a cBpack: a header, then lists of words by
frequency bucket, most frequent first). Data licence: CC BY-SA 4.0 (see PROVENANCE.md).

Usage: pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && unzip the wheel to /tmp/wf/x,
then: python3 crates/text/data/common-words/generate.py /tmp/wf/x/wordfreq/data
Needs msgpack (pip install msgpack==1.1.0).
"""
import gzip
import pathlib
import sys

import msgpack

LANGUAGES = ["en", "es", "fr", "de", "it", "pt", "nl"]
TOP = 8000


def main() -> None:
    data = pathlib.Path(sys.argv[1])
    out_dir = pathlib.Path(__file__).resolve().parent
    for lang in LANGUAGES:
        with gzip.open(data / f"small_{lang}.msgpack.gz", "rb") as f:
            pack = msgpack.load(f, raw=False)
        words = []
        for bucket in pack[1:]:
            for word in bucket:
                if word.isalpha() and len(words) < TOP:
                    words.append(word)
        (out_dir / f"{lang}.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        print(lang, len(words))


if __name__ == "__main__":
    main()
