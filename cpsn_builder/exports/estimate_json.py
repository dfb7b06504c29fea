"""The estimate as JSON: money as decimal strings (exact), dates as ISO 8601.

The shape is the dataclasses in engine/models.py and engine/scenarios.py, described by the JSON
Schema in docs/estimate.schema.json (regenerate with `cpsn-builder estimate --schema`).
"""

from __future__ import annotations

import json
from functools import lru_cache

from pydantic import TypeAdapter

from .estimate_report import EstimateReport

FORMAT = "cpsn-builder/estimate"
VERSION = 1


@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter:
    return TypeAdapter(EstimateReport)


def to_json_data(report: EstimateReport) -> dict:
    return {"format": FORMAT, "version": VERSION, **_adapter().dump_python(report, mode="json")}


def to_json(report: EstimateReport) -> str:
    return json.dumps(to_json_data(report), indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict:
    schema = _adapter().json_schema(mode="serialization")
    schema["properties"] = {"format": {"const": FORMAT}, "version": {"const": VERSION}, **schema["properties"]}
    schema["required"] = ["format", "version", *schema.get("required", [])]
    schema["title"] = "CPSN Builder estimate"
    return schema
