"""How figures read in documents: now in cpsn_builder/formatting.py, one module for every output.

Kept as a re-export so that the document builders' imports (and other branches' new ones) keep
working; new code imports from cpsn_builder.formatting.
"""

from __future__ import annotations

from ..formatting import MINUS, figure, long_date, percent, pounds, unit_price, whole_pounds
from ..formatting import number as quantity

__all__ = ["MINUS", "figure", "long_date", "percent", "pounds", "quantity", "unit_price", "whole_pounds"]
