"""`cpsn-builder sor | cabinet-report | pricing-schedule | demand-csv | ocds`: the lead's deliverables."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import click

from ..documents.context import Inputs, issue_date
from ..documents.rendering import RenderingUnavailable, soffice, to_pdf
from ..engine import estimate
from .common import catalogue_option, open_inputs, reports_problems

# Each command imports its own document builder when it runs: the cabinet report's charts need
# matplotlib, the schedule openpyxl, the Word documents python-docx, and no command needs them all.

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
EARLIEST, LATEST = date(2000, 1, 1), date(2099, 12, 31)


def _version(ctx, param, value: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z.\-]{0,19}", value):
        raise click.BadParameter(f"{value!r} is not a version: use up to 20 letters, digits, '.' and '-', e.g. 0.1 or 1.0")
    return value


def _author(ctx, param, value: str) -> str:
    value = value.strip()
    if not value or len(value) > 120 or _CONTROL.search(value):
        raise click.BadParameter("give the author's name or post in 1 to 120 characters, without control characters")
    return value


def _date(ctx, param, value):
    if value is None:
        return None
    day = value.date()
    if not EARLIEST <= day <= LATEST:
        raise click.BadParameter(f"{day} is outside the years a document can carry ({EARLIEST.year} to {LATEST.year})")
    return day


def document_options(command):
    """The options every document command shares."""
    options = [
        click.option(
            "--responses",
            "responses_paths",
            type=click.Path(path_type=Path),
            multiple=True,
            required=True,
            help="A response file, or a folder of them (repeatable).",
        ),
        click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The file to write."),
        click.option("--version", "doc_version", default="0.1", show_default=True, callback=_version, help="Document version."),
        click.option("--status", type=click.Choice(["Draft", "Final"]), default="Draft", show_default=True),
        click.option("--author", default="CPSN procurement lead", show_default=True, callback=_author),
        click.option(
            "--date",
            "issued",
            type=click.DateTime(["%Y-%m-%d"]),
            default=None,
            callback=_date,
            help="Date of issue (default: the latest submission in the responses, else the catalogue's issue_date).",
        ),
        catalogue_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


pdf_option = click.option("--pdf", is_flag=True, help="Also write a PDF beside the file, rendered by LibreOffice.")


def document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued, requirements_path=None) -> Inputs:
    catalogue, responses = open_inputs(catalogue_path, responses_paths)
    if requirements_path is not None:
        from ..requirements import apply_set, load_set

        catalogue = apply_set(catalogue, load_set(requirements_path, catalogue))
    return Inputs(
        catalogue, responses, estimate(catalogue, responses), issue_date(catalogue, responses, issued), doc_version, status, author
    )


def write_file(out: Path, data: bytes | str) -> None:
    try:
        out.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    click.echo(f"Wrote {out}", err=True)


def write_with_pdf(out: Path, data: bytes, pdf: bool) -> None:
    if pdf and soffice() is None:
        # Say so before writing anything, so nobody sends bidders the Word file thinking a PDF is beside it.
        raise click.ClickException(
            "--pdf needs LibreOffice, which is not installed: apt-get install libreoffice-writer-nogui "
            "libreoffice-calc-nogui (nothing was written)"
        )
    rendered = None
    if pdf:
        try:
            rendered = to_pdf(data, out.suffix or ".docx")
        except RenderingUnavailable as exc:
            raise click.ClickException(f"{exc} (nothing was written)") from None
    write_file(out, data)
    if rendered is not None:
        write_file(out.with_suffix(".pdf"), rendered)


@click.command("sor")
@document_options
@pdf_option
@click.option(
    "--requirements",
    "requirements_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A requirement set (cpsn-builder requirements export) whose clauses replace the catalogue's.",
)
@reports_problems
def sor_command(responses_paths, out, doc_version, status, author, issued, catalogue_path, pdf, requirements_path):
    """The statement of requirements (.docx) for the lots partners chose."""
    from ..documents.sor import sor_document

    inputs = document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued, requirements_path)
    data, paginated = sor_document(inputs)
    if not paginated:
        click.echo(
            "LibreOffice is not installed, so the contents have no page numbers yet: Word fills them in when "
            "it opens the document (install libreoffice-writer-nogui to have them filled in here).",
            err=True,
        )
    write_with_pdf(out, data, pdf)


@click.command("cabinet-report")
@document_options
@pdf_option
@click.option("--partner", default=None, help="A partner's own report (what the CPSN means for it).")
@click.option(
    "--governance",
    "governance_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Governance record (votes, participation) to include, e.g. demo/governance.yml.",
)
@click.option("--withdrawal", is_flag=True, help="With --partner: add the withdrawal impact statement.")
@click.option(
    "--notice-given",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    callback=_date,
    help="With --withdrawal: when notice is given (default: the partner's notice date).",
)
@reports_problems
def cabinet_report_command(
    responses_paths, out, doc_version, status, author, issued, catalogue_path, pdf, partner, governance_path, withdrawal, notice_given
):
    """The cabinet savings report (.docx), for the partnership or one partner."""
    from ..documents.cabinet_report import build_cabinet_report
    from ..governance.finances import network_withdrawal_impact
    from ..governance.loader import load_governance
    from ..governance.report import governance_report

    inputs = document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued)
    governance = None
    if governance_path:
        records = load_governance(governance_path, inputs.catalogue)
        governance = governance_report(inputs.catalogue, inputs.responses, records, inputs.issued_at, inputs.estimate)
    impact = None
    if withdrawal:
        if not partner:
            raise click.UsageError("--withdrawal needs --partner")
        known = inputs.catalogue.partner(partner)
        given = notice_given or (known.notice_given if known else None)
        if given is None:
            raise click.UsageError(f"{partner} has given no notice: give --notice-given YYYY-MM-DD")
        impact = or_click_error(network_withdrawal_impact, inputs.catalogue, inputs.responses, partner, given)
    write_with_pdf(out, or_click_error(build_cabinet_report, inputs, partner, governance, impact), pdf)


@click.command("pricing-schedule")
@document_options
@pdf_option
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the demand CSV (per partner, lot and service line) here.",
)
@reports_problems
def pricing_schedule_command(responses_paths, out, doc_version, status, author, issued, catalogue_path, pdf, csv_path):
    """The bidders' pricing schedule (.xlsx)."""
    from ..documents.pricing_schedule import build_demand_csv, build_pricing_schedule

    inputs = document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued)
    write_with_pdf(out, build_pricing_schedule(inputs), pdf)
    if csv_path:
        write_file(csv_path, build_demand_csv(inputs))


@click.command("demand-csv")
@document_options
@reports_problems
def demand_csv_command(responses_paths, out, doc_version, status, author, issued, catalogue_path):
    """Demand per partner, lot and service line (.csv)."""
    from ..documents.pricing_schedule import build_demand_csv

    write_file(out, build_demand_csv(document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued)))


@click.command("ocds")
@document_options
@click.option("--ocid-prefix", default="ocds-cpsn00", show_default=True, help="The publisher's registered OCID prefix.")
@reports_problems
def ocds_command(responses_paths, out, doc_version, status, author, issued, catalogue_path, ocid_prefix):
    """An OCDS release package (JSON) for the tender."""
    from ..documents.ocds import build_ocds

    write_file(out, build_ocds(document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued), ocid_prefix))


def or_click_error(function, *args):
    try:
        return function(*args)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


DOCUMENT_COMMANDS = [sor_command, cabinet_report_command, pricing_schedule_command, demand_csv_command, ocds_command]
