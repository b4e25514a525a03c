#!/usr/bin/env python3
"""Checks the labelled evaluation set: shape, kinds, and every labelled text present verbatim.

Usage: python3 eval/validate.py [files or folders...]   (default: eval/calls, eval/holdout and eval/unseen)
Exits 1 and lists every problem when something is wrong.
"""
import json
import re
import unicodedata
import pathlib
import sys

PII_KINDS = {
    "name", "address", "date_of_birth", "email", "phone", "card", "card_expiry", "card_cvv",
    "ssn", "national_id", "iban", "bank_account", "passport", "drivers_licence", "pin",
    "security_answer",
}
NEAR_MISS_KINDS = {
    "amount", "reference", "product", "plan", "date", "quantity", "percentage", "company",
    "place", "other",
}
LANGUAGES = {"en", "es", "fr", "de", "pt", "it", "nl"}
MEDIA = {"voice", "chat", "email", "message"}
SPEAKERS = {"agent", "customer", "ivr"}
FIELDS = {
    "id", "language", "country", "media", "agentName", "utterances", "pii", "nearMisses", "notes",
    "reference", "perturbations",
}
SENTIMENTS = {"positive", "neutral", "negative", "mixed"}
OWNERS = {"agent", "customer"}
ERROR_KINDS = {"amount", "date", "entity", "commitment", "negation", "speaker"}


def words(text):
    folded = unicodedata.normalize("NFD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"\w+", folded)


def check_action_items(items, where, say):
    if not isinstance(items, list):
        say(f"{where}: must be a list")
        return
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            say(f"{where}[{i}]: must be an object")
            continue
        if not isinstance(item.get("text"), str) or not item["text"].strip():
            say(f"{where}[{i}].text: required")
        if item.get("owner") not in OWNERS:
            say(f"{where}[{i}].owner: must be one of {sorted(OWNERS)}")
        due = item.get("due")
        if due is not None and (not isinstance(due, str) or not due.strip()):
            say(f"{where}[{i}].due: a non-empty phrase, or absent")
        extra = set(item) - {"text", "owner", "due"}
        if extra:
            say(f"{where}[{i}]: unknown fields {sorted(extra)}")


def check_reference(call, say):
    """The reference summary (issue 10) and its one-error perturbations; both optional."""
    ref = call.get("reference")
    if ref is None:
        if call.get("perturbations"):
            say("perturbations: need a reference")
        return
    if not isinstance(ref, dict):
        say("reference: must be an object")
        return
    extra = set(ref) - {"summary", "actionItems", "sentiment"}
    if extra:
        say(f"reference: unknown fields {sorted(extra)}")
    summary = ref.get("summary")
    if not isinstance(summary, str) or len(summary.split()) < 8:
        say("reference.summary: required, at least a full sentence")
        summary = ""
    check_action_items(ref.get("actionItems"), "reference.actionItems", say)
    if ref.get("sentiment") not in SENTIMENTS:
        say(f"reference.sentiment: must be one of {sorted(SENTIMENTS)}")
    pii_texts = [p.get("text") for p in call.get("pii", []) if isinstance(p, dict) and p.get("text")]
    ref_items = ref.get("actionItems") if isinstance(ref.get("actionItems"), list) else []
    ref_texts = [summary] + [a.get("text", "") for a in ref_items if isinstance(a, dict)]
    for pii in pii_texts:
        if any(pii in t for t in ref_texts):
            say(f"reference: holds the PII item {pii!r} (refer to 'the customer', 'the agent')")
    # A word of a PII item found nowhere else in the call identifies someone on its own.
    rest = " ".join(u.get("text", "") for u in call.get("utterances", []) if isinstance(u, dict))
    for pii in sorted(pii_texts, key=len, reverse=True):
        rest = rest.replace(pii, " ")
    rest_words = set(words(rest))
    ref_words = set(w for t in ref_texts for w in words(t))
    for pii in pii_texts:
        for word in words(pii):
            if len(word) >= 4 and word.isalpha() and word in ref_words and word not in rest_words:
                say(f"reference: holds {word!r} of the PII item {pii!r}")
    perturbations = call.get("perturbations", [])
    if not isinstance(perturbations, list):
        say("perturbations: must be a list")
        return
    for i, pert in enumerate(perturbations):
        where = f"perturbations[{i}]"
        if not isinstance(pert, dict):
            say(f"{where}: must be an object")
            continue
        extra = set(pert) - {"kind", "summary", "actionItems", "error"}
        if extra:
            say(f"{where}: unknown fields {sorted(extra)}")
        if pert.get("kind") not in ERROR_KINDS:
            say(f"{where}.kind: must be one of {sorted(ERROR_KINDS)}")
        if not isinstance(pert.get("summary"), str) or not pert["summary"].strip():
            say(f"{where}.summary: required (the whole summary, with the one error)")
        if not isinstance(pert.get("error"), str) or not pert["error"].strip():
            say(f"{where}.error: required (what is wrong, in a few words)")
        if "actionItems" in pert:
            check_action_items(pert["actionItems"], f"{where}.actionItems", say)
        same_items = pert.get("actionItems", ref_items) == ref_items
        if pert.get("summary") == summary and same_items:
            say(f"{where}: identical to the reference")


def check(path: pathlib.Path, seen_ids: dict) -> list[str]:
    problems = []
    say = lambda msg: problems.append(f"{path}: {msg}")
    try:
        call = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"{path}: not valid JSON ({e})"]
    if not isinstance(call, dict):
        return [f"{path}: must be a JSON object"]
    for key in call:
        if key not in FIELDS:
            say(f"unknown field {key!r}")
    cid = call.get("id")
    if not isinstance(cid, str) or not cid:
        say("id: required string")
    elif cid in seen_ids:
        say(f"id {cid!r} also used by {seen_ids[cid]}")
    else:
        seen_ids[cid] = path
    lang = call.get("language")
    if not isinstance(lang, str) or lang.split("-")[0] not in LANGUAGES:
        say(f"language: {lang!r} is not a tag of {sorted(LANGUAGES)}")
    elif path.parent.name != lang.split("-")[0]:
        say(f"language {lang} but the file is in {path.parent.name}/")
    country = call.get("country")
    if not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        say("country: must be an ISO 3166 alpha-2 code such as US")
    if call.get("media") not in MEDIA:
        say(f"media: must be one of {sorted(MEDIA)}")
    utterances = call.get("utterances")
    if not isinstance(utterances, list) or len(utterances) < 2:
        say("utterances: at least two required")
        utterances = []
    texts = []
    for i, u in enumerate(utterances):
        if not isinstance(u, dict) or u.get("speaker") not in SPEAKERS or not isinstance(u.get("text"), str) or not u["text"].strip():
            say(f"utterances[{i}]: needs speaker (agent, customer, ivr) and non-empty text")
            continue
        texts.append(u["text"])
    for field, kinds in (("pii", PII_KINDS), ("nearMisses", NEAR_MISS_KINDS)):
        items = call.get(field)
        if not isinstance(items, list):
            say(f"{field}: required list")
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                say(f"{field}[{i}]: must be an object")
                continue
            if item.get("kind") not in kinds:
                say(f"{field}[{i}].kind: {item.get('kind')!r} is not one of {sorted(kinds)}")
            text = item.get("text")
            if not isinstance(text, str) or not text.strip():
                say(f"{field}[{i}].text: required")
            elif not any(text in t for t in texts):
                say(f"{field}[{i}].text: {text!r} is not in any utterance (it must appear verbatim)")
            extra = set(item) - {"kind", "text", "role"}
            if extra:
                say(f"{field}[{i}]: unknown fields {sorted(extra)}")
    pii_texts = [p.get("text") for p in call.get("pii", []) if isinstance(p, dict)]
    for i, nm in enumerate(call.get("nearMisses", []) or []):
        if isinstance(nm, dict) and any(nm.get("text") and nm.get("text") in (p or "") for p in pii_texts):
            say(f"nearMisses[{i}].text: {nm.get('text')!r} is inside a PII item")
    check_reference(call, say)
    return problems


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent
    targets = [pathlib.Path(a) for a in sys.argv[1:]] or [root / "calls", root / "holdout", root / "unseen"]
    files = []
    for t in targets:
        if t.is_dir():
            files.extend(sorted(t.rglob("*.json")))
        elif t.exists():
            files.append(t)
    seen: dict = {}
    problems = [p for f in files for p in check(f, seen)]
    for p in problems:
        print(p)
    print(f"{len(files)} calls checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
