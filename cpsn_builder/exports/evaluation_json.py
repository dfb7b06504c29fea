"""The evaluation as JSON: money and scores as decimal strings (exact), described by the JSON
Schema in docs/evaluation.schema.json (regenerate with `cpsn-builder evaluate --schema`)."""

from __future__ import annotations

import json
from functools import lru_cache

from pydantic import TypeAdapter

from ..tenders.models import Evaluation
from .evaluation_report import EvaluationReport, build_evaluation_report

FORMAT = "cpsn-builder/evaluation"
VERSION = 1


@lru_cache(maxsize=1)
def _adapter() -> TypeAdapter:
    return TypeAdapter(EvaluationReport)


def to_json(evaluation: Evaluation) -> str:
    data = {"format": FORMAT, "version": VERSION, **_adapter().dump_python(build_evaluation_report(evaluation), mode="json")}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def json_schema() -> dict:
    schema = _adapter().json_schema(mode="serialization")
    schema["properties"] = {"format": {"const": FORMAT}, "version": {"const": VERSION}, **schema["properties"]}
    schema["required"] = ["format", "version", *schema.get("required", [])]
    schema["title"] = "CPSN Builder tender evaluation"
    return schema
