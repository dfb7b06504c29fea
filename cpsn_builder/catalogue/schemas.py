"""JSON Schemas of the data files, generated from the pydantic models so they never drift."""

from __future__ import annotations

from ..responses.models import ResponseRecord
from .document_models import CabinetTexts, References, SorTexts
from .models import Lot, PartnerList, Programme


def _schema(model, title: str) -> dict:
    schema = model.model_json_schema(by_alias=True)
    schema["title"] = title
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


SCHEMAS = {
    "programme": lambda: _schema(Programme, "CPSN catalogue: programme.yml"),
    "partners": lambda: _schema(PartnerList, "CPSN catalogue: partners.yml"),
    "lot": lambda: _schema(Lot, "CPSN catalogue: lots/<lot>.yml"),
    "response": lambda: _schema(ResponseRecord, "CPSN partner response"),
    "references": lambda: _schema(References, "CPSN catalogue: documents/references.yml"),
    "sor": lambda: _schema(SorTexts, "CPSN catalogue: documents/sor.yml"),
    "cabinet": lambda: _schema(CabinetTexts, "CPSN catalogue: documents/cabinet.yml"),
    "requirements": lambda: _schema(_requirement_set(), "CPSN requirement set"),
}


def _requirement_set():
    from ..requirements.models import RequirementSet  # the requirements layer sits above the catalogue

    return RequirementSet
