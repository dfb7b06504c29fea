"""A withdrawal report (.docx) laid out like the Cannock Chase cabinet report (seed 003).

Front sheet (council, meeting, date, report of, portfolio, title, key decision); numbered sections
1 to 7 (purpose, recommendation, summary, key issues, conclusions, other options, author); then the
schedule of additional information: an index and its sections 1 to 12, numbered as the index says.
The report is dated the day of the meeting, which comes before notice is served: it seeks approval
to serve it.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from docx.shared import Mm, Pt

from ..engine.term import notice_expiry
from ..governance.finances import WithdrawalImpact
from .docx_base import PORTRAIT_TWIPS, DocumentInfo, heading, new_document, paragraph, save_reproducibly
from .docx_tables import Column, add_table
from .money_text import long_date, pounds

SCHEDULE = (
    "Contribution to Council Priorities",
    "Contribution to Promoting Community Engagement",
    "Financial Implications",
    "Legal Implications",
    "Human Resource Implications",
    "Section 17 (Crime Prevention)",
    "Human Rights Act Implications",
    "Data Protection Act Implications",
    "Risk Management Implications",
    "Equality and Diversity Implications",
    "List of Background Papers",
    "Report History",
)


def build_withdrawal_report(impact: WithdrawalImpact, issued: date | None = None, notice_months: int = 24) -> bytes:
    """The report for the meeting on `issued` (default: the meeting in the finances file)."""
    meeting = impact.meeting
    day = issued or (meeting.date if meeting else None)
    if day is None:
        raise ValueError(
            f"no meeting date for {impact.name}: give the date of the cabinet meeting (--date), or add 'meeting' to the finances file"
        )
    if impact.notice_given and impact.notice_given < day:
        raise ValueError(
            f"notice given on {long_date(impact.notice_given)} is before the meeting on {long_date(day)} that approves it: "
            "give a notice date on or after the meeting"
        )
    given = impact.notice_given or day + timedelta(days=1)
    expires = impact.notice_expires or notice_expiry(given, notice_months)
    title = f"Membership of the {impact.partnership}"
    author = meeting.author.post if meeting else "Report author"
    document = new_document(
        DocumentInfo(
            title=title,
            subject=f"{impact.name}: withdrawal",
            author=author,
            version="1.0",
            status="Final",
            issued=datetime(day.year, day.month, day.day),
        )
    )
    _front_sheet(document, impact, day, title)
    number = _Numbering(document)

    number.section("Purpose of Report")
    number.para(
        f"To inform members of the position within the {impact.partnership} and seek approval to terminate the "
        "Council's participation therein."
    )
    number.section("Recommendation(s)")
    number.para(
        f"That in accordance with the Partnership Agreement, the Council serves written notice to terminate the Agreement; "
        f"notice served on {long_date(given)} would expire on {long_date(expires)}, in accordance with the "
        f"{notice_months // 12} year term."
    )
    number.section("Summary")
    number.para(
        f"The Council's payments to the {impact.partnership} in {impact.year} were {pounds(impact.total)} (ex VAT), "
        "set out in Section 3 of the schedule."
    )
    stopping = ", ".join(item.title for item in impact.stops) or "none"
    number.para(
        f"Withdrawing would save {pounds(impact.annual_saving)} a year ({stopping}); the {len(impact.continues)} contracts "
        "the Council holds through the partnership continue, with no effect on existing contracts or those entered into "
        "within the notice period."
    )
    number.section("Key issues and Implications")
    number.para(
        "The Council has the opportunity to review whether it wishes to remain a partner, having regard to the objectives "
        "of the partnership, the outcomes delivered to date and the likelihood of achieving them in future."
    )
    number.section("Conclusions and Reason(s) for the Recommendation(s)")
    number.para(
        f"The benefits to the Council of remaining a contributing partner are limited; the contribution of "
        f"{pounds(impact.annual_saving)} a year is not considered to present good value for money."
    )
    number.section("Other Options Considered")
    number.para("The Council could continue as a partner to the Agreement and provide the annual financial contributions as agreed.")
    number.section("Report Author Details")
    if meeting:
        for line in (meeting.author.name, meeting.author.post, meeting.author.telephone):
            if line:
                paragraph(document, line)

    _schedule(document, impact, given, expires, notice_months)
    return save_reproducibly(document)


def _front_sheet(document, impact: WithdrawalImpact, day: date, title: str) -> None:
    meeting = impact.meeting
    lines = [impact.name.upper(), (meeting.meeting if meeting else "Cabinet").upper(), long_date(day).upper()]
    if meeting:
        lines += [f"REPORT OF {meeting.report_of.upper()}", f"RESPONSIBLE PORTFOLIO LEADER(S) \u2013 {meeting.portfolio.upper()}"]
    for line in lines:
        run = paragraph(document, line).runs[0]
        run.bold, run.font.size = True, Pt(12)
    heading(document, title.upper(), 1)
    if meeting:
        run = paragraph(document, f"KEY DECISION \u2013 {'YES' if meeting.key_decision else 'NO'}").runs[0]
        run.bold = True


class _Numbering:
    """Sections 1, 2 ... with paragraphs 1.1, 1.2 ..., the number hanging in the margin as in the seed."""

    def __init__(self, document):
        self.document, self.number, self.sub = document, 0, 0

    def section(self, title: str) -> None:
        self.number += 1
        self.sub = 0
        heading(self.document, f"{self.number}. {title}", 2)

    def para(self, text: str) -> None:
        self.sub += 1
        made = paragraph(self.document, f"{self.number}.{self.sub}\t{text}")
        made.paragraph_format.left_indent = Mm(12)
        made.paragraph_format.first_line_indent = Mm(-12)


def _schedule(document, impact: WithdrawalImpact, given: date, expires: date, notice_months: int) -> None:
    # A page break on the heading itself: a break paragraph after a full page leaves a blank one.
    heading(document, "Schedule of Additional Information", 1).paragraph_format.page_break_before = True
    add_table(
        document,
        [Column("Index", PORTRAIT_TWIPS - 2000), Column("", 2000)],
        [(title, f"Section {n}") for n, title in enumerate(SCHEDULE, 1)],
    )
    texts = {
        "Contribution to Council Priorities": "Participation in the partnership does not contribute to the Council's priorities, "
        "so ending it would have no adverse impact.",
        "Contribution to Promoting Community Engagement": "Participation does not provide enhanced opportunities for the Council to "
        "engage with the community; ending it would have no adverse impact.",
        "Legal Implications": f"The terms of the agreement require at least {notice_months // 12} years' written notice by any party "
        f"wishing to terminate it; notice served on {long_date(given)} would expire on {long_date(expires)}.",
        "Human Resource Implications": "There are no identified human resource implications.",
        "Section 17 (Crime Prevention)": "Participation does not provide mechanisms for the reduction of crime and disorder; ending it "
        "has no direct or indirect implications for the Council's Section 17 responsibilities.",
        "Human Rights Act Implications": "There are no Human Rights Act implications as a result of this report.",
        "Data Protection Act Implications": "There are no Data Protection Act implications as a result of this report.",
        "Risk Management Implications": "The contracts that continue will need a decision on their replacement when they reach the "
        "end of their useful life, the subject of a separate report at the time.",
        "Equality and Diversity Implications": "The recommendation is considered to have neutral implications with regard to the "
        "Public Sector Equality Duty in the Equality Act 2010.",
        "List of Background Papers": f"The Partnership Agreement of the {impact.partnership}.",
        "Report History": "None: this is the first report on the subject.",
    }
    for n, title in enumerate(SCHEDULE, 1):
        heading(document, f"Section {n}: {title}", 2)
        if title == "Financial Implications":
            _financial(document, impact)
        else:
            paragraph(document, texts[title])


def _financial(document, impact: WithdrawalImpact) -> None:
    paragraph(document, f"The payments to the {impact.partnership} for {impact.year} were made up of the following:")
    rows = [(item.title, f"{item.amount:,.2f}", "Continues" if item.continues_after_withdrawal else "Stops") for item in impact.items]
    rows.append(("Total (Exc VAT)", f"{impact.total:,.2f}", ""))
    add_table(
        document, [Column("", 5000), Column("£", 2400, True), Column("On withdrawal", PORTRAIT_TWIPS - 7400)], rows, bold_last_row=True
    )
    stopping = ", ".join(item.title for item in impact.stops) or "none"
    paragraph(
        document,
        (
            f"By withdrawing from the Partnership the only saving that would be made from the above table is "
            f"{stopping}: {pounds(impact.annual_saving)}. The other elements are contracts the Council holds through "
            "the Partnership and would continue."
        ),
    )
    paragraph(document, "There are no financial penalties for withdrawing from the agreement.")
