"""The JSON Schemas committed for editors and consumers match the models (run `make schemas`)."""

import json

from conftest import REPO
from cpsn_builder.catalogue.schemas import SCHEMAS
from cpsn_builder.exports.estimate_json import json_schema


def test_catalogue_schemas_are_current():
    for name, make in SCHEMAS.items():
        committed = json.loads((REPO / "catalogue" / "schema" / f"{name}.schema.json").read_text())
        assert committed == make(), f"catalogue/schema/{name}.schema.json is out of date: run make schemas"


def test_estimate_schema_is_current():
    committed = json.loads((REPO / "docs" / "estimate.schema.json").read_text())
    assert committed == json_schema(), "docs/estimate.schema.json is out of date: run make schemas"


def test_evaluation_schema_is_current():
    from cpsn_builder.exports.evaluation_json import json_schema as evaluation_schema

    committed = json.loads((REPO / "docs" / "evaluation.schema.json").read_text())
    assert committed == evaluation_schema(), "docs/evaluation.schema.json is out of date: run make schemas"
