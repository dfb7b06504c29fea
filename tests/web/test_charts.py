"""The server-drawn charts: bars start at zero, cost increases go below it, overruns start at the envelope."""

from __future__ import annotations

import re
from decimal import Decimal

import html5lib

from cpsn_builder.web import charts


def test_savings_go_right_of_zero_and_increases_left_in_proportion():
    layout = charts.saving_bars([("A", Decimal("300")), ("B", Decimal("-100")), ("C", Decimal("150"))])
    zero = layout.lines[0].x1
    assert len(layout.lines) == 3 and {line.x1 for line in layout.lines} == {zero}  # a zero mark beside each bar
    a, b, c = layout.rects
    assert a.x == zero and b.x + b.width == zero and c.x == zero  # every bar grows from the zero line
    assert b.hatched and b.fill == charts.INCREASE and not a.hatched
    assert abs(a.width - 2 * c.width) < 0.01 and abs(a.width - 3 * b.width) < 0.01
    assert abs((a.x + a.width) - (charts.WIDTH - charts.PAD)) < 0.01 and abs(b.x - charts.PAD) < 0.01  # the extremes fill the width
    assert layout.texts[1].text == "B: -£100 (cost increase)"


def test_with_no_increases_zero_is_the_left_edge():
    layout = charts.saving_bars([("A", Decimal("10")), ("B", Decimal("0"))])
    assert layout.lines[0].x1 == charts.PAD and layout.rects[1].width == 0


def test_a_case_over_the_envelope_is_an_overrun_from_the_envelope_line():
    envelope = Decimal("40000000")
    layout = charts.envelope_bars([("Low case", Decimal("30000000")), ("High case", Decimal("50000000"))], envelope)
    envelope_line = next(line for line in layout.lines if line.dashed)
    low, high_within, high_over = layout.rects
    assert not low.hatched and low.x + low.width < envelope_line.x1
    assert abs(high_within.x + high_within.width - envelope_line.x1) < 0.01  # the blue part ends at the envelope
    assert high_over.hatched and abs(high_over.x - envelope_line.x1) < 0.01  # the overrun starts there
    assert abs(high_over.x + high_over.width - (charts.WIDTH - charts.PAD)) < 0.01
    # 10m over a 50m axis: a fifth of the drawing width
    assert abs(high_over.width / (charts.WIDTH - 2 * charts.PAD) - 0.2) < 0.001
    words = [t.text for t in layout.texts]
    assert "High case: £50,000,000, overrun £10,000,000" in words and "Low case: £30,000,000, £10,000,000 headroom" in words


def test_years_below_zero_hang_from_the_zero_line():
    layout = charts.year_columns([("2012/13", Decimal("-50")), ("2013/14", Decimal("100"))], height=200)
    [axis] = layout.lines
    first, second = layout.rects
    assert first.y == axis.y1 and first.hatched  # down from zero
    assert abs(second.y + second.height - axis.y1) < 0.01 and not second.hatched  # up to zero
    assert abs(second.height - 2 * first.height) < 0.01


def test_the_svg_uses_presentation_attributes_only_and_is_labelled():
    layout = charts.saving_bars([("Fenland <&> Co", Decimal("-5"))])
    markup = str(charts.svg(layout, "Annual saving", "Fenland: -£5", "chart-x"))
    assert "style=" not in markup and "<script" not in markup
    assert "Fenland &lt;&amp;&gt; Co" in markup
    assert re.search(r'role="img" aria-labelledby="chart-x-title chart-x-desc"', markup)
    assert 'fill="url(#chart-x-hatch)"' in markup
    html5lib.HTMLParser(strict=True).parse(f"<!DOCTYPE html><title>t</title>{markup}")
