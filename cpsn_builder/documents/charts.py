"""Charts as PNG for Word documents, drawn with matplotlib (Agg, no display, no timestamps)."""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from decimal import Decimal

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)


@dataclass(frozen=True)
class Chart:
    png: bytes
    alt_text: str


def bar_chart(title: str, labels: list[str], values: list[Decimal], value_label: str) -> Chart:
    """Horizontal bars of money figures; the alternative text states every figure."""
    figure, axes = plt.subplots(figsize=(7.0, 0.45 * max(3, len(labels)) + 1.2), dpi=150)
    try:
        positions = list(range(len(labels)))[::-1]
        floats = [float(v) for v in values]  # floats only to draw; the figures shown are the Decimals
        colours = ["#00703c" if v >= 0 else "#d4351c" for v in floats]
        axes.barh(positions, floats, color=colours)
        axes.set_yticks(positions, labels=labels)
        axes.set_xlabel(value_label)
        axes.set_title("\n".join(textwrap.wrap(title, 60)))
        axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(5))
        axes.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(_short_pounds))
        axes.axvline(0, color="#0b0c0c", linewidth=0.8)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", metadata={"Software": None})
    finally:
        plt.close(figure)
    figures = "; ".join(f"{label}: £{value:,.2f}" for label, value in zip(labels, values))
    return Chart(buffer.getvalue(), f"{title}. {figures}.")


def _short_pounds(value: float, _position) -> str:
    """Axis labels short enough not to collide: £1.5m, £250k, £900."""
    size = abs(value)
    if size >= 1_000_000:
        return f"£{value / 1_000_000:,.1f}m"
    if size >= 1_000:
        return f"£{value / 1_000:,.0f}k"
    return f"£{value:,.0f}"
