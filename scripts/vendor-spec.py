#!/usr/bin/env python3
"""Vendors the part of Genesys' Platform API v2 spec that Wrapup uses into spec/.

Source: ../shared/genesys-api/openapi-subset.json (a Swagger 2.0 subset rebuilt from the official
Genesys Cloud SDKs; provenance in that folder's README) and transcript-document.schema.json.
Keeps only the operations below and the definitions they reach, strips descriptions and examples.
Run from the repository root: python3 scripts/vendor-spec.py
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "genesys-api"

OPERATIONS = [
    ("post", "/api/v2/analytics/conversations/details/query"),
    ("get", "/api/v2/analytics/conversations/{conversationId}/details"),
    ("get", "/api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}/transcripturl"),
    ("get", "/api/v2/speechandtextanalytics/conversations/{conversationId}/communications/{communicationId}/transcripturls"),
    ("get", "/api/v2/conversations/{conversationId}/summaries"),
    ("get", "/api/v2/conversations/{conversationId}/suggestions"),
    ("get", "/api/v2/conversations/{conversationId}/suggestions/{suggestionId}"),
    ("post", "/api/v2/conversations/{conversationId}/suggestions/{suggestionId}/engagement"),
    ("post", "/api/v2/integrations/actions/{actionId}/execute"),
    ("patch", "/api/v2/conversations/{conversationId}/participants/{participantId}/attributes"),
    ("post", "/api/v2/analytics/conversations/details/jobs"),
    ("get", "/api/v2/analytics/conversations/details/jobs/{jobId}"),
    ("get", "/api/v2/analytics/conversations/details/jobs/{jobId}/results"),
    ("delete", "/api/v2/analytics/conversations/details/jobs/{jobId}"),
    ("post", "/api/v2/analytics/transcripts/aggregates/query"),
]
# Referenced by the shared error responses rather than by an operation.
EXTRA_DEFINITIONS = ["ErrorBody"]
DROP_KEYS = {"description", "example", "x-purecloud-method-name"}


def strip(node, in_properties=False):
    if isinstance(node, dict):
        # Inside "properties" the keys are field names (a field may be called "description").
        return {
            k: strip(v, k == "properties" and not in_properties)
            for k, v in node.items()
            if in_properties or k not in DROP_KEYS
        }
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            found.add(ref.split("/")[-1])
        for v in node.values():
            refs(v, found)
    elif isinstance(node, list):
        for v in node:
            refs(v, found)


def main():
    spec = json.loads((SHARED / "openapi-subset.json").read_text())
    paths = {}
    for method, path in OPERATIONS:
        op = spec["paths"][path][method]
        paths.setdefault(path, {})[method] = op
    wanted = set(EXTRA_DEFINITIONS)
    refs(paths, wanted)
    done = set()
    while wanted - done:
        name = sorted(wanted - done)[0]
        done.add(name)
        refs(spec["definitions"][name], wanted)
    out = {
        "x-wrapup-source": "Vendored by scripts/vendor-spec.py from shared/genesys-api/openapi-subset.json "
        "(Swagger 2.0 subset rebuilt from the official Genesys Cloud SDKs, Aug 2026); descriptions stripped.",
        "swagger": spec["swagger"],
        "info": spec["info"],
        "basePath": spec.get("basePath", "/"),
        "paths": strip(paths),
        "definitions": {k: strip(spec["definitions"][k]) for k in sorted(done)},
    }
    (ROOT / "spec").mkdir(exist_ok=True)
    (ROOT / "spec" / "genesys-openapi.json").write_text(json.dumps(out, indent=1, sort_keys=True) + "\n")
    doc = json.loads((SHARED / "transcript-document.schema.json").read_text())
    doc["x-wrapup-source"] = "Vendored by scripts/vendor-spec.py from shared/genesys-api/transcript-document.schema.json."
    (ROOT / "spec" / "transcript-document.schema.json").write_text(json.dumps(strip(doc), indent=1, sort_keys=True) + "\n")
    regions = json.loads((SHARED / "regions.json").read_text())
    (ROOT / "spec" / "regions.json").write_text(json.dumps(regions, indent=1) + "\n")
    print(f"spec/genesys-openapi.json: {len(paths)} paths, {len(done)} definitions", file=sys.stderr)


if __name__ == "__main__":
    main()
