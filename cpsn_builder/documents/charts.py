"""Charts as PNG for Word documents, drawn with matplotlib (Agg, no display, no timestamps)."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
import matplotlib.patches  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt_text: str


SAVING, COST = "#00703c", "#d4351c"  # green for a saving, red (and hatched, for print) for a cost increase
# Bars half an inch apart, drawn 160 mm wide on A4: 15 bars and the axis make a picture 194 mm
# tall, the most that fits a portrait page under its caption. A taller picture is cut off at the
# page's foot (40 partners printed 22 bars and no axis) and took seconds to draw.
MOST_BARS = 15


def largest(labels: list[str], values: list[Decimal], most: int = MOST_BARS) -> tuple[list[str], list[Decimal]]:
    """All the bars, in the order given, when they fit; else the `most` largest savings and cost
    increases, ranked from the largest saving down to the largest increase (ties in the order given)."""
    if len(labels) <= most:
        return labels, values
    kept = sorted(range(len(values)), key=lambda i: abs(values[i]), reverse=True)[:most]
    kept.sort(key=lambda i: -values[i])
    return [labels[i] for i in kept], [values[i] for i in kept]


def bar_chart(title: str, labels: list[str], values: list[Decimal], value_label: str) -> Chart:
    """Horizontal bars of savings; a negative saving is a cost increase, drawn left of zero in red.

    The title goes in the document's caption, not the picture, so it is never clipped; the
    alternative text states every figure, with increases called increases.
    """
    if len(labels) > MOST_BARS:
        raise ValueError(f"{len(labels)} bars do not fit on a page: choose at most {MOST_BARS} (see largest)")
    figure, axes = plt.subplots(figsize=(7.0, 0.5 * max(3, len(labels)) + 1.0), dpi=150)
    try:
        positions = list(range(len(labels)))[::-1]
        floats = [float(v) for v in values]  # floats only to draw; the figures shown are the Decimals
        for position, value in zip(positions, floats):
            saving = value >= 0
            axes.barh(position, value, color=SAVING if saving else COST, hatch=None if saving else "//", edgecolor="white")
        axes.set_yticks(positions, labels=["\n".join(textwrap.wrap(label, 30)) for label in labels])
        axes.set_xlabel(value_label)
        axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5))
        axes.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_short_pounds))
        axes.axvline(0, color="#0b0c0c", linewidth=0.8)
        if any(v < 0 for v in floats):
            handles = [
                matplotlib.patches.Patch(color=SAVING, label="Saving"),
                matplotlib.patches.Patch(facecolor=COST, hatch="//", edgecolor="white", label="Cost increase"),
            ]
            axes.legend(handles=handles, loc="best", frameon=False)
        low, high = min(0.0, *floats), max(0.0, *floats)
        margin = (high - low) * 0.05 or 1.0
        axes.set_xlim(low - (margin if low < 0 else 0), high + margin)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    finally:
        plt.close(figure)
    figures = "; ".join(f"{label}: {_described(value)}" for label, value in zip(labels, values))
    return Chart(buffer.getvalue(), f"{title}. {figures}.")


def _described(value: Decimal) -> str:
    return f"saving £{value:,.0f} a year" if value >= 0 else f"cost increase £{-value:,.0f} a year"


def _short_pounds(value: float, _position) -> str:
    """Axis labels short enough not to collide, with a real minus sign: £1.5m, £250k, −£60k."""
    sign = "\u2212" if value < 0 else ""
    size = abs(value)
    if size >= 1_000_000:
        return f"{sign}£{size / 1_000_000:,.1f}m"
    if size >= 1_000:
        return f"{sign}£{size / 1_000:,.0f}k"
    return f"{sign}£{size:,.0f}"
