"""Pictures with alternative text (python-docx has no API for the description)."""

from __future__ import annotations

import io

from docx.shared import Mm

from .charts import Chart
from .text_cleaning import clean


def add_chart(document, chart: Chart, width_mm: float = 160):
    run = document.add_paragraph().add_run()
    shape = run.add_picture(io.BytesIO(chart.png), width=Mm(width_mm))
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", clean(chart.alt_text))
    doc_pr.set("title", clean(chart.alt_text.split(".")[0]))
    return shape
