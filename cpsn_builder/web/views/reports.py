"""Savings for cabinet members and finance officers, and the documents to download."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_login import current_user

from ...documents.cabinet_report import build_cabinet_report
from ...documents.context import Inputs, issue_date
from ...documents.ocds import build_ocds
from ...documents.pricing_schedule import build_demand_csv, build_pricing_schedule
from ...documents.rendering import RenderingUnavailable, soffice, to_pdf
from ...documents.sor import sor_document
from ...requirements import apply_set
from .. import charts
from .. import download_sizes as sizes
from ..figures_basis import FiguresBasis, figure_estimate
from ..figures_cache import governance
from ..permissions import allow
from ..requirements_store import current_set
from ..store import catalogue

bp = Blueprint("reports", __name__, url_prefix="/reports")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {
    # kind: (builder of (inputs, basis), content type, file suffix, roles)
    "statement-of-requirements": (lambda i, b: sor_document(i)[0], DOCX, "docx", ("lead",)),
    "cabinet-report": (
        lambda i, b: build_cabinet_report(i, governance=_governance(b)),
        DOCX,
        "docx",
        ("lead", "cabinet"),
    ),
    "pricing-schedule": (lambda i, b: build_pricing_schedule(i), XLSX, "xlsx", ("lead",)),
    "demand": (lambda i, b: build_demand_csv(i), "text/csv", "csv", ("lead",)),
    "ocds": (lambda i, b: build_ocds(i), "application/json", "json", ("lead",)),
}


def _governance(basis: FiguresBasis):
    """The governance report of the same answers as _inputs' estimate, kept per data version."""
    return governance(submitted_only=not basis.include_drafts)


def _inputs() -> tuple[Inputs, FiguresBasis]:
    """What every figure page and download counts: the lead's choice of answers (web/figures_basis.py).

    The estimate is the per-worker one of this data version (figures_cache.py), as the dashboard's:
    for 400 partners computing it and reading the answers was two thirds of every Savings page.
    The requirement set changes only what bidders are asked, never the estimate (requirements/layering.py).
    """
    cat = catalogue()
    cat = apply_set(cat, current_set(cat))  # the clauses and section texts as the lead tailored them
    responses, est, basis = figure_estimate()
    return Inputs(cat, responses, est, issue_date(cat, responses), basis=basis.summary), basis


@bp.route("/")
@allow("lead", "cabinet")
def savings():
    inputs, basis = _inputs()
    kinds = [k for k, (_, _, _, roles) in DOWNLOADS.items() if current_user.role in roles]
    links = _links(inputs, basis, kinds, sizes.state(basis.choice, inputs.catalogue.digest), soffice() is not None)
    return render_template(
        "reports/savings.html",
        est=inputs.estimate,
        catalogue=inputs.catalogue,
        links=links,
        basis=basis,
        charts=charts.for_estimate(inputs.estimate),
    )


PDF_KINDS = ("statement-of-requirements", "cabinet-report", "pricing-schedule")
NAMES = {
    "statement-of-requirements": "Statement of requirements",
    "cabinet-report": "Cabinet savings report for the partnership",
    "pricing-schedule": "Bidders' pricing schedule",
    "demand": "Demand by partner, lot and service line",
    "ocds": "Open contracting data (OCDS)",
}
CHEAP = ("demand", "ocds")  # text built in milliseconds, even for 400 partners: sized on the page itself


def _links(inputs: Inputs, basis: FiguresBasis, kinds: list[str], now: tuple, pdf: bool) -> list[dict]:
    """Each download with its file type and size; a size not known yet is learnt by building the
    cheap documents now, or by the first download of the others."""
    links = []
    for kind in kinds:
        build, _, suffix, _ = DOWNLOADS[kind]
        size = sizes.known((kind, None, suffix), now)
        if size is None and kind in CHEAP:
            size = len(build(inputs, basis))
            sizes.remember((kind, None, suffix), now, size)
        link = {"text": NAMES[kind], "href": url_for("reports.download", kind=kind), "type": sizes.describe(suffix, size)}
        if pdf and kind in PDF_KINDS:
            link["pdf"] = {
                "href": url_for("reports.download", kind=kind, format="pdf"),
                "type": sizes.describe("pdf", sizes.known((kind, None, "pdf"), now)),
            }
        links.append(link)
    for p in inputs.estimate.partners:
        link = {
            "text": f"Cabinet report: what this means for {p.name}",
            "href": url_for("reports.partner_report", partner_id=p.partner_id),
            "type": sizes.describe("docx", sizes.known(("cabinet-report", p.partner_id, "docx"), now)),
        }
        if pdf:
            link["pdf"] = {
                "href": url_for("reports.partner_report", partner_id=p.partner_id, format="pdf"),
                "type": sizes.describe("pdf", sizes.known(("cabinet-report", p.partner_id, "pdf"), now)),
            }
        links.append(link)
    return links


def _send(data: bytes, mimetype: str, name: str, suffix: str, size_key: tuple[str, str | None], now: tuple) -> Response:
    """The file, or its PDF rendering when the URL asks for ?format=pdf; its size is remembered for the links."""
    if request.args.get("format") == "pdf":
        try:
            data, mimetype, suffix = to_pdf(data, f".{suffix}"), "application/pdf", "pdf"
        except RenderingUnavailable as exc:
            return Response(render_template("errors/pdf_unavailable.html", reason=str(exc)), status=503)
    sizes.remember((*size_key, suffix), now, len(data))
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}.{suffix}"})


@bp.route("/download/<kind>")
@allow("lead", "cabinet")
def download(kind):
    if kind not in DOWNLOADS or current_user.role not in DOWNLOADS[kind][3]:
        abort(404)
    build, mimetype, suffix, _ = DOWNLOADS[kind]
    if request.args.get("format") == "pdf" and kind not in PDF_KINDS:
        abort(404)
    inputs, basis = _inputs()
    now = sizes.state(basis.choice, inputs.catalogue.digest)
    return _send(build(inputs, basis), mimetype, f"cpsn-{kind}-{inputs.issued:%Y-%m-%d}", suffix, (kind, None), now)


@bp.route("/download/cabinet-report/<partner_id>")
@allow("lead", "cabinet")
def partner_report(partner_id):
    inputs, basis = _inputs()
    now = sizes.state(basis.choice, inputs.catalogue.digest)
    if inputs.estimate.partner(partner_id) is None:
        abort(404)
    try:
        data = build_cabinet_report(inputs, partner_id, _governance(basis))
    except ValueError:
        abort(404)  # no council facts for this partner in the catalogue
    return _send(data, DOCX, f"cpsn-cabinet-report-{partner_id}-{inputs.issued:%Y-%m-%d}", "docx", ("cabinet-report", partner_id), now)
