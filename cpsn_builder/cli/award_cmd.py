"""`cpsn-builder award-report`: the award report for cabinet (.docx) and the evaluation workbook (.xlsx).

From the returned bids, the marks and the lead's award decisions: the bids are read and evaluated
as `evaluate` does, the award is checked (every lot decided with a reason, every flag resolved),
and only then is anything written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import reports_problems
from .tenders_cmd import bids_option, scores_option
from .documents_cmd import document_inputs, or_click_error, write_file, write_with_pdf, document_options, pdf_option


@click.command("award-report")
@document_options
@pdf_option
@bids_option(required=True)
@scores_option(required=True)
@click.option(
    "--award",
    "award_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="The award decisions (YAML): a bidder or none per lot with the reason, and how each flag was resolved.",
)
@click.option(
    "--workbook",
    "workbook_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the evaluation workbook (.xlsx): every price, mark and score.",
)
@reports_problems
def award_report_command(
    responses_paths, out, doc_version, status, author, issued, catalogue_path, pdf, bids_path, scores_path, award_path, workbook_path
):
    """The award report (.docx) recommending a bidder per lot, and the evaluation workbook."""
    from ..documents.award_report import build_award_report
    from ..tenders.award import award_problems, recommend
    from ..tenders.award_file import load_award
    from ..tenders.evaluation import evaluate
    from ..tenders.marks_file import load_marks
    from ..tenders.workbook import read_bid_files

    inputs = document_inputs(responses_paths, catalogue_path, doc_version, status, author, issued)
    bids = read_bid_files([bids_path], inputs.catalogue, inputs.responses)
    marks = load_marks(scores_path, inputs.catalogue, bids)
    evaluation = or_click_error(evaluate, inputs.catalogue, inputs.responses, bids, marks)
    award = load_award(award_path)
    problems = award_problems(evaluation, award)
    if problems:
        for problem in problems:
            click.echo(f"{award_path}: {problem}", err=True)
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} with the award; nothing was written.", err=True)
        sys.exit(1)
    recommendation = recommend(evaluation, award, inputs.catalogue, inputs.responses)
    report = build_award_report(recommendation, inputs)
    workbook = None
    if workbook_path is not None:
        from ..documents.evaluation_workbook import build_evaluation_workbook

        workbook = build_evaluation_workbook(evaluation, inputs)
    write_with_pdf(out, report, pdf)
    if workbook is not None:
        write_file(workbook_path, workbook)
