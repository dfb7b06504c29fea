"""Charts for the web pages as inline SVG, drawn on the server.

The pages' CSP allows no inline style or script, so every colour and size is an SVG presentation
attribute. Each chart is laid out first as plain shapes (tested for their geometry), then written
as SVG. The figures themselves are in a table beside every chart; the chart's title and
description say them too, for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup, escape

from ..formatting import whole_money

WIDTH = 400  # the viewBox width; the chart scales to its container
SAVING, INCREASE, ENVELOPE, OVERRUN, INK, GRID = "#00703c", "#d4351c", "#1d70b8", "#d4351c", "#0b0c0c", "#b1b4b6"
ROW, BAR, LABEL = 44, 18, 16  # a row: its label line, then its bar
PAD = 4
MOST_BARS = 30  # more partners than this and the chart is too tall to read: the table beside it has them all


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str
    hatched: bool = False  # a cost increase or an overrun, told apart without colour too


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"
    size: int = 13
    bold: bool = False


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    dashed: bool = False


@dataclass
class Layout:
    width: float
    height: float
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def pounds(value: Decimal) -> str:
    return whole_money(int(value.quantize(Decimal(1))))


def _scale(values: list[Decimal], left: float, right: float) -> tuple[float, callable]:
    """Where zero falls between left and right, and a function from a value to its x."""
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    span = (high - low) or Decimal(1)
    per = Decimal(str(right - left)) / span

    def x(value: Decimal) -> float:
        return left + float((value - low) * per)

    return x(Decimal(0)), x


def saving_bars(items: list[tuple[str, Decimal]]) -> Layout:
    """One bar per item from a zero line: savings to the right in green, increases to the left,
    red and hatched. Each bar's label line says its figure."""
    values = [v for _, v in items]
    zero, x = _scale(values, PAD, WIDTH - PAD)
    layout = Layout(WIDTH, ROW * len(items) + PAD * 2)
    for index, (label, value) in enumerate(items):
        top = PAD + index * ROW
        negative = value < 0
        layout.texts.append(Text(PAD, top + LABEL - 3, f"{label}: {pounds(value)}" + (" (cost increase)" if negative else "")))
        start, end = sorted((zero, x(value)))
        layout.rects.append(Rect(start, top + LABEL + 2, end - start, BAR, INCREASE if negative else SAVING, hatched=negative))
        # the zero line beside each bar only, so it never runs through a label
        layout.lines.append(Line(zero, top + LABEL, zero, top + LABEL + BAR + 4))
    return layout


def envelope_bars(cases: list[tuple[str, Decimal]], envelope: Decimal) -> Layout:
    """Each case's contract value against the envelope, drawn as a dashed line. The part of a bar
    beyond the envelope is an overrun: red, hatched and named in its label."""
    top_value = max([envelope, *[v for _, v in cases]])
    _, x = _scale([top_value], PAD, WIDTH - PAD)
    layout = Layout(WIDTH, LABEL + 6 + ROW * len(cases) + PAD * 2)
    limit = x(envelope)
    layout.texts.append(Text(min(limit, WIDTH - PAD), PAD + LABEL - 3, f"Envelope {pounds(envelope)}", anchor="end", size=12))
    for index, (label, value) in enumerate(cases):
        top = PAD + LABEL + 6 + index * ROW
        over = value - envelope
        words = f"{label}: {pounds(value)}" + (f", overrun {pounds(over)}" if over > 0 else f", {pounds(-over)} headroom")
        layout.texts.append(Text(PAD, top + LABEL - 3, words, bold=over > 0))
        end = x(value)
        layout.rects.append(Rect(PAD, top + LABEL + 2, min(end, limit) - PAD, BAR, ENVELOPE))
        if over > 0:
            layout.rects.append(Rect(limit, top + LABEL + 2, end - limit, BAR, OVERRUN, hatched=True))
        # the envelope and zero lines beside each bar only, so they never run through a label
        layout.lines.append(Line(limit, top + LABEL, limit, top + LABEL + BAR + 4, stroke=INK, dashed=True))
        layout.lines.append(Line(PAD, top + LABEL, PAD, top + LABEL + BAR + 4))
    return layout


def year_columns(items: list[tuple[str, Decimal]], height: float = 220) -> Layout:
    """A column per financial year from a zero line: savings up in green, years that cost more than
    today's spend down below zero, red and hatched. Labels of the years sit under the chart."""
    values = [v for _, v in items]
    chart_top, chart_bottom = PAD + LABEL, height - LABEL - PAD * 2
    low, high = min([Decimal(0), *values]), max([Decimal(0), *values])
    span = (high - low) or Decimal(1)

    def y(value: Decimal) -> float:
        return chart_bottom - float((value - low) / span) * (chart_bottom - chart_top)

    layout = Layout(WIDTH, height)
    zero = y(Decimal(0))
    step = (WIDTH - PAD * 2) / max(1, len(items))
    for index, (label, value) in enumerate(items):
        left = PAD + index * step + step * 0.15
        start, end = sorted((zero, y(value)))
        negative = value < 0
        layout.rects.append(Rect(left, start, step * 0.7, end - start, INCREASE if negative else SAVING, hatched=negative))
        layout.texts.append(Text(left + step * 0.35, height - PAD, label, anchor="middle", size=11))
    layout.lines.append(Line(PAD, zero, WIDTH - PAD, zero))
    layout.texts.append(Text(PAD, PAD + LABEL - 3, f"Highest {pounds(high)}" + (f", lowest {pounds(low)}" if low < 0 else ""), size=12))
    return layout


def svg(layout: Layout, title: str, description: str, chart_id: str) -> Markup:
    """The layout as an accessible SVG element: presentation attributes only, no style."""
    hatch = f"{chart_id}-hatch"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cpsn-svg-chart" id="{escape(chart_id)}" viewBox="0 0 {layout.width:g} {layout.height:g}"'
        f' role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" focusable="false">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title><desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{escape(hatch)}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#d4351c"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
    ]
    for r in layout.rects:
        fill = f"url(#{hatch})" if r.hatched else r.fill
        parts.append(
            f'<rect x="{r.x:.1f}" y="{r.y:.1f}" width="{max(r.width, 0):.1f}" height="{max(r.height, 0):.1f}" fill="{escape(fill)}"/>'
        )
    for ln in layout.lines:
        dash = ' stroke-dasharray="4 3"' if ln.dashed else ""
        parts.append(
            f'<line x1="{ln.x1:.1f}" y1="{ln.y1:.1f}" x2="{ln.x2:.1f}" y2="{ln.y2:.1f}" stroke="{ln.stroke}" stroke-width="1.5"{dash}/>'
        )
    for t in layout.texts:
        weight = ' font-weight="bold"' if t.bold else ""
        parts.append(
            f'<text x="{t.x:.1f}" y="{t.y:.1f}" text-anchor="{t.anchor}" font-size="{t.size}" fill="{INK}"'
            f' font-family="GDS Transport, arial, sans-serif"{weight}>{escape(t.text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def describe(items: list[tuple[str, Decimal]], negative_word: str = "cost increase") -> str:
    return "; ".join(f"{label}: {pounds(value)}" + (f" ({negative_word})" if value < 0 else "") for label, value in items) + "."


def for_estimate(est) -> dict[str, Markup]:
    """The figure pages' three charts, each to sit beside the table of the same figures."""
    cases = [(f"{c.case.capitalize()} case", c.totals.contract_value) for c in est.sensitivity]
    partners = [(p.name, p.annual_saving) for p in est.partners]
    years = [(y.year, y.saving) for y in est.years]
    envelope = est.envelope.envelope
    return {
        "envelope": svg(
            envelope_bars(cases, envelope),
            "Contract value by case against the envelope",
            f"Envelope {pounds(envelope)}. "
            + "; ".join(f"{label}: {pounds(v)}" + (f", overrun {pounds(v - envelope)}" if v > envelope else "") for label, v in cases)
            + ".",
            "chart-envelope",
        ),
        "partners": svg(saving_bars(partners), "Annual saving by partner", describe(partners), "chart-partner-savings")
        if len(partners) <= MOST_BARS
        else None,
        "years": svg(
            year_columns(years),
            "The partnership's saving by financial year",
            describe(years, "cost above today's spend"),
            "chart-year-savings",
        ),
    }
