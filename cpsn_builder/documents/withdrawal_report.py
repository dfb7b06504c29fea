"""A withdrawal impact report (.docx) laid out like the Cannock Chase cabinet report (seed 003).

Purpose; recommendation; summary; then the schedule: financial implications (the year's
payments through the partnership, what stops and what continues), legal (the notice period),
risk and equality implications.
"""
from __future__ import annotations

from datetime import date, datetime

from ..governance.finances import WithdrawalImpact
from .docx_base import PORTRAIT_TWIPS, DocumentInfo, heading, new_document, paragraph, save_reproducibly
from .docx_tables import Column, add_table
from .money_text import long_date, pounds


def build_withdrawal_report(impact: WithdrawalImpact, issued: date, author: str = "Head of Policy") -> bytes:
    title = f"Membership of the {impact.partnership}"
    document = new_document(DocumentInfo(title=title, subject=f"{impact.name}: withdrawal impact", author=author,
                                         version="1.0", status="Final", issued=datetime(issued.year, issued.month, issued.day)))
    paragraph(document, impact.name.upper())
    paragraph(document, "CABINET", "Title")
    paragraph(document, long_date(issued))
    heading(document, title.upper(), 1)
    expiry = f"expiring on {long_date(impact.notice_expires)}" if impact.notice_expires else "to expire in accordance with the notice period"

    heading(document, "1. Purpose of Report", 2)
    paragraph(document, f"To inform members of the position within the {impact.partnership} and seek approval to terminate the Council's participation therein.")
    heading(document, "2. Recommendation", 2)
    paragraph(document, f"That in accordance with the Partnership Agreement, the Council serves written notice to terminate the Agreement, {expiry}.")
    heading(document, "3. Summary", 2)
    paragraph(document, (f"The Council's payments to the partnership in {impact.year} were {pounds(impact.total)} (ex VAT). Withdrawing saves "
                         f"{pounds(impact.annual_saving)} a year; {len(impact.continues)} contracts taken through the partnership continue."))

    heading(document, "Section 3: Financial Implications", 2)
    paragraph(document, f"The payments to the {impact.partnership} for {impact.year} were made up of the following:")
    rows = [(item.title, pounds(item.amount), "Stops" if not item.continues_after_withdrawal else "Continues") for item in impact.items]
    rows.append(("Total (Exc VAT)", pounds(impact.total), ""))
    add_table(document, [Column("", 5000), Column("£", 2400, True), Column("On withdrawal", PORTRAIT_TWIPS - 7400)], rows, bold_last_row=True)
    stopping = ", ".join(item.title for item in impact.stops) or "none"
    paragraph(document, (f"By withdrawing from the Partnership the only saving that would be made from the above table is "
                         f"{stopping}: {pounds(impact.annual_saving)}. The other elements are contracts the Council holds through the "
                         "Partnership and would continue, with no effect on existing contracts or those entered into within the notice period."))
    heading(document, "Section 4: Legal Implications", 2)
    paragraph(document, ("The terms of the agreement require written notice by any party wishing to terminate it"
                         + (f"; notice given on {long_date(impact.notice_given)} expires on {long_date(impact.notice_expires)}." if impact.notice_given else ".")))
    heading(document, "Section 9: Risk Management Implications", 2)
    paragraph(document, "The contracts that continue will need a decision on their replacement when they reach the end of their useful life.")
    heading(document, "Section 10: Equality and Diversity Implications", 2)
    paragraph(document, "The recommendation is considered to have neutral implications with regard to the Public Sector Equality Duty in the Equality Act 2010.")
    return save_reproducibly(document)
