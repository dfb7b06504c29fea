"""`cpsn-builder sor | cabinet-report | pricing-schedule | demand-csv | ocds`: the lead's deliverables."""
from __future__ import annotations

from pathlib import Path

import click

from ..documents.cabinet_report import build_cabinet_report
from ..documents.context import Inputs, default_issue_date
from ..documents.ocds import build_ocds
from ..documents.pricing_schedule import build_demand_csv, build_pricing_schedule
from ..documents.sor import _outline, build_sor
from ..engine import estimate
from ..governance.finances import network_withdrawal_impact
from ..governance.loader import load_governance
from ..governance.report import governance_report
from .common import catalogue_option, open_inputs, reports_problems


def document_options(command):
    """The options every document command shares."""
    options = [
        click.option("--responses", "responses_paths", type=click.Path(path_type=Path), multiple=True, required=True,
                     help="A response file, or a folder of them (repeatable)."),
        click.option("--out", type=click.Path(path_type=Path, dir_okay=False), required=True, help="The file to write."),
        click.option("--version", "doc_version", default="0.1", show_default=True, help="Document version."),
        click.option("--status", type=click.Choice(["Draft", "Final"]), default="Draft", show_default=True),
        click.option("--author", default="CPSN procurement lead", show_default=True),
        click.option("--date", "issued", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="Date of issue (default: the latest submission, else today)."),
        catalogue_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _inputs(responses_paths, catalogue_path, doc_version, status, author, issued) -> Inputs:
    catalogue, responses = open_inputs(catalogue_path, responses_paths)
    return Inputs(catalogue, responses, estimate(catalogue, responses),
                  issued.date() if issued else default_issue_date(responses), doc_version, status, author)


def _write(out: Path, data: bytes | str) -> None:
    try:
        out.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc.strerror}") from None
    click.echo(f"Wrote {out}", err=True)


@click.command("sor")
@document_options
@reports_problems
def sor_command(responses_paths, out, doc_version, status, author, issued, catalogue_path):
    """The statement of requirements (.docx) for the lots partners chose."""
    inputs = _inputs(responses_paths, catalogue_path, doc_version, status, author, issued)
    with click.progressbar(length=len(_outline(inputs)) + 1, label="Building the statement of requirements", file=click.get_text_stream("stderr")) as bar:
        data = build_sor(inputs, progress=lambda _step: bar.update(1))
    _write(out, data)


@click.command("cabinet-report")
@document_options
@click.option("--partner", default=None, help="A partner's own report (what the CPSN means for it).")
@click.option("--governance", "governance_path", type=click.Path(path_type=Path), default=None,
              help="Governance record (votes, participation) to include, e.g. demo/governance.yml.")
@click.option("--withdrawal", is_flag=True, help="With --partner: add the withdrawal impact statement.")
@click.option("--notice-given", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="With --withdrawal: when notice is given (default: the partner's notice date).")
@reports_problems
def cabinet_report_command(responses_paths, out, doc_version, status, author, issued, catalogue_path,
                           partner, governance_path, withdrawal, notice_given):
    """The cabinet savings report (.docx), for the partnership or one partner."""
    inputs = _inputs(responses_paths, catalogue_path, doc_version, status, author, issued)
    governance = None
    if governance_path:
        records = load_governance(governance_path, inputs.catalogue)
        governance = governance_report(inputs.catalogue, inputs.responses, records, inputs.issued_at, inputs.estimate)
    impact = None
    if withdrawal:
        if not partner:
            raise click.UsageError("--withdrawal needs --partner")
        known = inputs.catalogue.partner(partner)
        given = notice_given.date() if notice_given else (known.notice_given if known else None)
        if given is None:
            raise click.UsageError(f"{partner} has given no notice: give --notice-given YYYY-MM-DD")
        impact = _or_click_error(network_withdrawal_impact, inputs.catalogue, inputs.responses, partner, given)
    _write(out, _or_click_error(build_cabinet_report, inputs, partner, governance, impact))


@click.command("pricing-schedule")
@document_options
@click.option("--csv", "csv_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Also write the demand CSV (per partner, lot and service line) here.")
@reports_problems
def pricing_schedule_command(responses_paths, out, doc_version, status, author, issued, catalogue_path, csv_path):
    """The bidders' pricing schedule (.xlsx)."""
    inputs = _inputs(responses_paths, catalogue_path, doc_version, status, author, issued)
    _write(out, build_pricing_schedule(inputs))
    if csv_path:
        _write(csv_path, build_demand_csv(inputs))


@click.command("demand-csv")
@document_options
@reports_problems
def demand_csv_command(responses_paths, out, doc_version, status, author, issued, catalogue_path):
    """Demand per partner, lot and service line (.csv)."""
    _write(out, build_demand_csv(_inputs(responses_paths, catalogue_path, doc_version, status, author, issued)))


@click.command("ocds")
@document_options
@click.option("--ocid-prefix", default="ocds-cpsn00", show_default=True, help="The publisher's registered OCID prefix.")
@reports_problems
def ocds_command(responses_paths, out, doc_version, status, author, issued, catalogue_path, ocid_prefix):
    """An OCDS release package (JSON) for the tender."""
    _write(out, build_ocds(_inputs(responses_paths, catalogue_path, doc_version, status, author, issued), ocid_prefix))


def _or_click_error(function, *args):
    try:
        return function(*args)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None


DOCUMENT_COMMANDS = [sor_command, cabinet_report_command, pricing_schedule_command, demand_csv_command, ocds_command]
