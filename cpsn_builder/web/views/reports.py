"""Savings for cabinet members and finance officers, and the documents to download."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_login import current_user

from ...documents.cabinet_report import build_cabinet_report
from ...documents.context import Inputs, issue_date
from ...documents.ocds import build_ocds
from ...documents.pricing_schedule import build_demand_csv, build_pricing_schedule
from ...documents.rendering import RenderingUnavailable, soffice, to_pdf
from ...documents.sor import sor_document
from ...engine import estimate
from ...requirements import apply_set
from ..governance_store import report
from ..permissions import allow
from ..requirements_store import current_set
from ..store import catalogue, response_set

bp = Blueprint("reports", __name__, url_prefix="/reports")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOWNLOADS = {
    # kind: (builder, content type, file suffix, roles)
    "statement-of-requirements": (lambda i: sor_document(i)[0], DOCX, "docx", ("lead",)),
    "cabinet-report": (lambda i: build_cabinet_report(i, governance=report(i.estimate, responses=i.responses)), DOCX, "docx", ("lead", "cabinet")),
    "pricing-schedule": (lambda i: build_pricing_schedule(i), XLSX, "xlsx", ("lead",)),
    "demand": (lambda i: build_demand_csv(i), "text/csv", "csv", ("lead",)),
    "ocds": (lambda i: build_ocds(i), "application/json", "json", ("lead",)),
}


def _inputs() -> Inputs:
    cat = catalogue()
    cat = apply_set(cat, current_set(cat))  # the clauses and section texts as the lead tailored them
    responses = response_set()
    return Inputs(cat, responses, estimate(cat, responses), issue_date(cat, responses))


@bp.route("/")
@allow("lead", "cabinet")
def savings():
    inputs = _inputs()
    kinds = [k for k, (_, _, _, roles) in DOWNLOADS.items() if current_user.role in roles]
    return render_template("reports/savings.html", est=inputs.estimate, catalogue=inputs.catalogue, kinds=kinds,
                           pdf=soffice() is not None, pdf_kinds=PDF_KINDS)


PDF_KINDS = ("statement-of-requirements", "cabinet-report", "pricing-schedule")


def _send(data: bytes, mimetype: str, name: str, suffix: str) -> Response:
    """The file, or its PDF rendering when the URL asks for ?format=pdf."""
    if request.args.get("format") == "pdf":
        try:
            data, mimetype, suffix = to_pdf(data, f".{suffix}"), "application/pdf", "pdf"
        except RenderingUnavailable as exc:
            return Response(render_template("errors/pdf_unavailable.html", reason=str(exc)), status=503)
    return Response(data, mimetype=mimetype, headers={"Content-Disposition": f"attachment; filename={name}.{suffix}"})


@bp.route("/download/<kind>")
@allow("lead", "cabinet")
def download(kind):
    if kind not in DOWNLOADS or current_user.role not in DOWNLOADS[kind][3]:
        abort(404)
    build, mimetype, suffix, _ = DOWNLOADS[kind]
    if request.args.get("format") == "pdf" and kind not in PDF_KINDS:
        abort(404)
    inputs = _inputs()
    return _send(build(inputs), mimetype, f"cpsn-{kind}-{inputs.issued:%Y-%m-%d}", suffix)


@bp.route("/download/cabinet-report/<partner_id>")
@allow("lead", "cabinet")
def partner_report(partner_id):
    inputs = _inputs()
    if inputs.estimate.partner(partner_id) is None:
        abort(404)
    try:
        data = build_cabinet_report(inputs, partner_id, report(inputs.estimate, responses=inputs.responses))
    except ValueError:
        abort(404)  # no council facts for this partner in the catalogue
    return _send(data, DOCX, f"cpsn-cabinet-report-{partner_id}-{inputs.issued:%Y-%m-%d}", "docx")
