"""JSON Schemas of every exported record, generated from the records themselves, and docs/schema.md."""

from __future__ import annotations

import json
from typing import Any

from .model import EXPORTED_RECORDS


def json_schemas() -> dict[str, dict[str, Any]]:
    return {name: record.model_json_schema(mode="serialization") for name, record in EXPORTED_RECORDS.items()}


def schema_markdown() -> str:
    """docs/schema.md: every exported record's fields, then its JSON Schema. Regenerate with `sitroom schema --markdown`."""
    out = [
        "# Schema of sitroom's exported records",
        "",
        "Generated from `src/sitroom/model.py` by `sitroom schema --markdown > docs/schema.md`; a test fails when",
        "this file and the records disagree. `sitroom schema` prints the JSON Schemas alone.",
        "",
    ]
    for name, schema in json_schemas().items():
        out += [f"## {name}", "", schema.get("description", "").strip(), "", "| field | type | description |", "|---|---|---|"]
        for field, spec in schema.get("properties", {}).items():
            out.append(f"| `{field}` | {_type_of(spec)} | {spec.get('description', '').replace('|', '/')} |")
        out += ["", "<details><summary>JSON Schema</summary>", "", "```json", json.dumps(schema, indent=2), "```", "", "</details>", ""]
    return "\n".join(out)


def _type_of(spec: dict[str, Any]) -> str:
    if "anyOf" in spec:
        return " or ".join(_type_of(option) for option in spec["anyOf"])
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[-1]
    if spec.get("type") == "array":
        return f"list of {_type_of(spec.get('items', {}))}"
    if "enum" in spec:
        return " / ".join(f"`{v}`" for v in spec["enum"])
    if spec.get("format") == "date":
        return "date (YYYY-MM-DD)"
    return str(spec.get("type", "any"))
