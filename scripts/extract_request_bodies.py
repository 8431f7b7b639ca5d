"""Extract the batch endpoints' request-body schemas from OpenAI's OpenAPI document.

    python scripts/extract_request_bodies.py [OPENAPI_JSON] [-o schemas/request-bodies.schema.json]

The pinned document is `third_party/openai-openapi/openapi.json`; updating to a newer API
description is: replace it (and its README's version and commit), run this script, review the
diff of the schema file. tests/test_extract_request_bodies.py fails when the shipped file is
not what this script makes from the pinned document.

What the script changes, each because the document means it and JSON Schema 2020-12 says it
otherwise:
- `#/components/schemas/X` references become `#/$defs/X`, and only the schemas the eight
  request bodies reach are kept;
- `nullable: true` (OpenAPI 3.0's word, still in the document) lets the value be null;
- `$recursiveRef: "#"` (Draft 2019-09) becomes a `$ref` to the schema holding its
  `$recursiveAnchor`;
- text for people (descriptions, titles, examples, defaults) is dropped: it asserts nothing;
- each endpoint's body is its schema with `unevaluatedProperties: false`: the API refuses a
  parameter it does not know ("Unrecognized request argument"), at the top level of a body.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tfgen.support.atomic import write_atomic

ROOT = Path(__file__).resolve().parent.parent
PINNED = ROOT / "third_party" / "openai-openapi"
OUTPUT = ROOT / "schemas" / "request-bodies.schema.json"
PREFIX = "#/components/schemas/"

# The batch endpoints and the operation whose JSON body each takes.
ENDPOINTS = {
    "/v1/responses": "/responses",
    "/v1/chat/completions": "/chat/completions",
    "/v1/embeddings": "/embeddings",
    "/v1/completions": "/completions",
    "/v1/moderations": "/moderations",
    "/v1/images/generations": "/images/generations",
    "/v1/images/edits": "/images/edits",
    "/v1/videos": "/videos",
}
_PROSE = frozenset(
    {"description", "title", "example", "examples", "default", "deprecated", "$comment"}
    | {"x-oaiMeta", "x-oaiTypeLabel", "x-oaiExpandable", "x-stainless-const"}
)
# Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
_ONE = {"items", "not", "additionalProperties", "unevaluatedProperties", "propertyNames"}
_ONE |= {"contains", "if", "then", "else", "unevaluatedItems"}
_MANY = {"allOf", "anyOf", "oneOf", "prefixItems"}
_NAMED = {"properties", "patternProperties", "dependentSchemas", "$defs"}


def body_schemas(document: dict[str, Any], source: dict[str, str]) -> dict[str, Any]:
    components = document["components"]["schemas"]
    endpoints = {url: _body_name(document, path) for url, path in ENDPOINTS.items()}
    names = _reached(components, sorted(set(endpoints.values())))
    defs = {name: _schema(components[name], name, components) for name in names}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/tfgen/tfgen/schemas/request-bodies.schema.json",
        "title": "Request bodies of the OpenAI batch endpoints",
        "description": (
            "Extracted by scripts/extract_request_bodies.py from OpenAI's OpenAPI document; "
            "do not edit. x-tfgen-endpoints gives each endpoint's body schema."
        ),
        "x-tfgen-source": source,
        "x-tfgen-endpoints": {
            url: {"$ref": f"#/$defs/{name}", "unevaluatedProperties": False}
            for url, name in endpoints.items()
        },
        "$defs": defs,
    }


def _body_name(document: dict[str, Any], path: str) -> str:
    content = document["paths"][path]["post"]["requestBody"]["content"]
    ref = content["application/json"]["schema"]["$ref"]
    assert ref.startswith(PREFIX), ref
    return str(ref[len(PREFIX) :])


def _reached(components: dict[str, Any], roots: list[str]) -> list[str]:
    seen: set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_references(components[name]))
    return sorted(seen)


def _references(value: object) -> list[str]:
    if isinstance(value, dict):
        found = [str(value["$ref"])[len(PREFIX) :]] if "$ref" in value else []
        return found + [name for item in value.values() for name in _references(item)]
    if isinstance(value, list):
        return [name for item in value for name in _references(item)]
    return []


def _schema(schema: object, name: str, components: dict[str, Any]) -> object:
    """One schema rewritten as the module docstring says; name is the component holding it."""
    if not isinstance(schema, dict):
        return schema  # true / false
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _PROSE or key in ("nullable", "$recursiveAnchor"):
            continue
        if key == "$ref":
            out[key] = "#/$defs/" + value[len(PREFIX) :]
        elif key == "$recursiveRef":
            assert value == "#" and components[name].get("$recursiveAnchor"), name
            out["$ref"] = f"#/$defs/{name}"
        elif key in _ONE:
            out[key] = _schema(value, name, components)
        elif key in _MANY:
            out[key] = [_schema(item, name, components) for item in value]
        elif key in _NAMED:
            out[key] = {k: _schema(v, name, components) for k, v in value.items()}
        else:
            out[key] = value
    return _nullable(out) if schema.get("nullable") is True else out


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list) and "null" not in kind:
        schema["type"] = [*kind, "null"]
    elif kind is None:
        return {"anyOf": [schema, {"type": "null"}]}
    if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
        schema["enum"] = [*schema["enum"], None]
    return schema


def source_of(folder: Path, document: dict[str, Any]) -> dict[str, str]:
    """What the schema came from, as the pinned copy's README states it, and its licence."""
    readme = (folder / "README.md").read_text("utf-8")
    commit = readme.split("at commit ", 1)[1].split()[0]
    return {
        "document": f"{document['info']['title']} {document['info']['version']}",
        "repository": "https://github.com/openai/openai-openapi",
        "commit": commit,
        "licence": (folder / "LICENSE").read_text("utf-8"),
    }


def render(folder: Path) -> str:
    document = json.loads((folder / "openapi.json").read_text("utf-8"))
    schema = body_schemas(document, source_of(folder, document))
    return json.dumps(schema, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=PINNED)
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render(args.folder)
    write_atomic(str(args.output), text)
    print(f"wrote {args.output} ({len(text.encode()):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
