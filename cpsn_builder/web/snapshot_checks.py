"""The shape of a snapshot, checked before anything is written: every problem as `path: message`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

import sqlalchemy as sa

MAX_PROBLEMS = 50  # enough to act on; a wholly wrong file would otherwise print thousands


def no_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    """json.loads hook: a key twice in one object is a problem, not 'the last one wins'."""
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"the key '{key}' appears twice in one object: keep one")
        seen[key] = value
    return seen


def snapshot_problems(data, tables: list[sa.Table]) -> list[str]:
    if not isinstance(data, dict):
        return [f"(top): expected an object with format, version, schema_revision and tables, found {_kind(data)}"]
    problems = []
    if not isinstance(data.get("tables"), dict):
        found = "nothing" if "tables" not in data else _kind(data["tables"])
        return [f"tables: expected an object of table name to list of rows, found {found}"]
    known = {t.name: t for t in tables}
    for name, rows in data["tables"].items():
        table = known.get(name)
        if table is None:
            problems.append(f"tables.{name}: this version has no such table (it has {', '.join(sorted(known))})")
            continue
        if not isinstance(rows, list):
            problems.append(f"tables.{name}: expected a list of rows, found {_kind(rows)}")
            continue
        problems += _rows_problems(table, rows)
        if len(problems) > MAX_PROBLEMS:
            break
    return problems[:MAX_PROBLEMS]


def _rows_problems(table: sa.Table, rows: list) -> list[str]:
    problems = []
    columns = {c.name: c for c in table.columns}
    unique_sets = [tuple(c.name for c in table.primary_key.columns)]
    unique_sets += [
        tuple(c.name for c in constraint.columns) for constraint in table.constraints if isinstance(constraint, sa.UniqueConstraint)
    ]
    unique_sets += [(c.name,) for c in table.columns if c.unique]
    seen: dict[tuple, dict] = {key: {} for key in unique_sets}
    for i, row in enumerate(rows):
        where = f"tables.{table.name}[{i}]"
        if not isinstance(row, dict):
            problems.append(f"{where}: expected a row object of column: value, found {_kind(row)}")
            continue
        for key in row:
            if key not in columns:
                problems.append(f"{where}.{key}: {table.name} has no such column")
        for name, column in columns.items():
            why = _value_problem(column, row.get(name), name in row)
            if why:
                problems.append(f"{where}.{name}: {why}")
        for key, first in seen.items():
            values = tuple(row.get(k) for k in key)
            if all(v is not None for v in values):
                if values in first:
                    problems.append(f"{where}: duplicate {', '.join(key)} {', '.join(map(repr, values))} (also row {first[values]})")
                first.setdefault(values, i)
    return problems


def _value_problem(column: sa.Column, value, present: bool) -> str | None:
    if value is None:
        if column.nullable or column.primary_key or column.default is not None or column.server_default is not None:
            return None if present or not column.primary_key else "missing: every row needs its id"
        return "missing: this column needs a value" if not present else "null: this column needs a value"
    kind = column.type
    if isinstance(kind, sa.Boolean):
        return None if isinstance(value, bool) else f"{value!r} is not true or false"
    if isinstance(kind, sa.Integer):
        return None if isinstance(value, int) and not isinstance(value, bool) else f"{value!r} is not a whole number"
    if isinstance(kind, sa.DateTime):
        return _parses(value, datetime.fromisoformat, "a date and time (ISO 8601, e.g. 2011-01-07T12:00:00)")
    if isinstance(kind, sa.Date):
        return _parses(value, date.fromisoformat, "a date (YYYY-MM-DD)")
    if isinstance(kind, sa.Numeric):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            return f'{value!r} is not a decimal number written as text (e.g. "1234.50")'
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            return f'{value!r} is not a decimal number (e.g. "1234.50")'
        return None if number.is_finite() else f"{value!r} is not a finite number"
    if isinstance(kind, sa.String):
        if not isinstance(value, str):
            return f"expected text, found {_kind(value)}"
        if kind.length and len(value) > kind.length:
            return f"{len(value)} characters, more than the {kind.length} this column holds"
        if "\x00" in value:
            return "contains the NUL character, which the database cannot store"
    return None


def _parses(value, parse, what: str) -> str | None:
    if not isinstance(value, str):
        return f"{value!r} is not {what}"
    try:
        parse(value)
    except ValueError:
        return f"{value!r} is not {what}"
    return None


def _kind(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false", int: "a number", float: "a number", type(None): "null"}.get(
        type(value), type(value).__name__
    )
