"""Property-based fuzzing (hypothesis): whatever a user types or uploads, never a 500, never half-saved."""

from __future__ import annotations

import io

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpsn_builder.catalogue import load_catalogue
from cpsn_builder.responses import load_responses
from cpsn_builder.source.problems import ProblemsFound
from cpsn_builder.web import sites_csv
from cpsn_builder.web.extensions import db
from cpsn_builder.web.models import PartnerResponse
from web_helpers import make_app, sign_in

CATALOGUE = load_catalogue()
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
nasty_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300) | st.sampled_from(
    ["", "-1", "1e309", "NaN", "inf", "１２", "0x10", "1,000,000,000,000", "=cmd|' /C calc'!A0", "<script>x</script>", "\x00", "9" * 400]
)


@FUZZ
@given(st.binary(max_size=2000) | nasty_text.map(lambda t: t.encode("utf-8")))
def test_csv_parser_never_crashes(data):
    sites, errors = sites_csv.parse(data, CATALOGUE, ["wan", "cctv"])
    for site in sites:
        assert site["postcode"] and site["service_line_id"] in {
            "eth_10m",
            "eth_100m",
            "eth_1g",
            "broadband_site",
            "core_10g",
            "resilience",
            "camera_circuit",
            "control_room_link",
        }


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | nasty_text,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(nasty_text, children, max_size=4),
    max_leaves=20,
)
response_like = st.fixed_dictionaries(
    {"partner": st.sampled_from(["fenland", "nobody", ""]), "project": st.sampled_from(["cpsn", "x"])},
    optional={
        "lots": st.lists(st.sampled_from(["cctv", "wan", "zzz"]), max_size=3),
        "answers": st.dictionaries(
            st.sampled_from(["cctv", "wan"]),
            st.dictionaries(st.sampled_from(["cameras", "control_rooms", "transmission", "sites_10m"]), yaml_values, max_size=4),
        ),
        "sites": st.lists(st.dictionaries(st.sampled_from(["name", "postcode", "service_line"]), yaml_values), max_size=3),
        "max_contribution": yaml_values,
        "declined": yaml_values,
    },
)


@FUZZ
@given(response_like | st.dictionaries(nasty_text, yaml_values, max_size=5))
def test_response_import_gives_problems_never_a_traceback(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "r.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        load_responses([path], CATALOGUE)
    except ProblemsFound as exc:
        assert all(str(p).startswith(str(p.file)) and p.message for p in exc.problems)


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    app, drop = make_app("sqlite", tmp_path_factory.mktemp("fuzzapp"), WTF_CSRF_ENABLED=False)
    yield app
    drop()


FORMS = {
    "/partners/fenland/organisation": ["contact_name", "contact_email", "contact_phone"],
    "/partners/fenland/lots": ["participation", "lots"],
    "/partners/fenland/lots/cctv": ["cameras", "control_rooms", "transmission", "current_spend"],
    "/partners/fenland/lots/wan": ["broadband_sites", "sites_10m", "needs_resilience", "resilient_sites", "access_notes", "current_spend"],
    "/partners/fenland/sites": ["name", "postcode", "service_line", "notes", "save"],
    "/partners/fenland/contribution": ["max_contribution"],
}


def snapshot(app):
    with app.app_context():
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="fenland")).scalar_one()
        return (
            record.version,
            record.lots,
            record.answers,
            record.current_spend,
            record.max_contribution,
            record.contact_name,
            [(s.name, s.postcode) for s in record.sites],
        )


@FUZZ
@given(st.sampled_from(sorted(FORMS)), st.data())
def test_every_form_rejects_bad_input_cleanly_and_saves_all_or_nothing(fuzz_app, path, data):
    with fuzz_app.app_context():  # reopen, so the fuzzer can keep saving
        record = db.session.execute(db.select(PartnerResponse).filter_by(partner_id="fenland")).scalar_one()
        record.status = "draft"
        db.session.commit()
    client = fuzz_app.test_client()
    sign_in(client, "officer@fenland.example")
    before = snapshot(fuzz_app)
    fields = {name: data.draw(nasty_text, label=name) for name in FORMS[path]}
    fields["version"] = str(before[0])
    response = client.post(path, data=fields)
    # 404: an earlier example may have un-chosen the lot whose page this one posts to
    assert response.status_code in (200, 302, 400, 404), response.status_code
    after = snapshot(fuzz_app)
    if response.status_code != 302:
        assert after == before  # a refused page saved nothing
    else:
        assert after[0] >= before[0]


def test_upload_of_random_files_saves_all_or_nothing(fuzz_app):
    client = fuzz_app.test_client()
    sign_in(client, "officer@fenland.example")
    before = snapshot(fuzz_app)
    for payload in (
        b"\xff\xfe garbage",
        b"name,postcode,service_line\n" + b"x," * 5000,
        b"name,postcode,service_line\nA,PE15 8NQ,camera_circuit\nB,??,camera_circuit\n",
    ):
        response = client.post(
            "/partners/fenland/sites/upload",
            data={"version": str(before[0]), "file": (io.BytesIO(payload), "s.csv")},
            content_type="multipart/form-data",
        )
        assert response.status_code == 400
        assert snapshot(fuzz_app) == before
