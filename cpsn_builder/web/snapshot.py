"""Backup and restore: the whole database as one JSON snapshot, and back.

Generic over the tables the models declare, so a new table is backed up without new code.
Values keep their exact types: money as decimal strings, times in ISO 8601.
"""

from __future__ import annotations

import base64
import json
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa

from .extensions import db
from .models import utcnow
from .snapshot_checks import snapshot_problems

FORMAT = "cpsn-builder/snapshot"
VERSION = 1


class SnapshotError(Exception):
    pass


# The data version is not data: a restore moves it on (so no worker keeps figures of the old data).
NOT_SNAPSHOTTED = {"data_version"}


def _tables() -> list[sa.Table]:
    return [t for t in db.metadata.sorted_tables if t.name not in NOT_SNAPSHOTTED]  # parents before children


def encode_value(value):
    """A column's value as JSON holds it (Decimal and dates as text)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):  # a returned bid's workbook, kept byte for byte
        return base64.b64encode(value).decode("ascii")
    return value


def _decode(column: sa.Column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, sa.Date):
        return date.fromisoformat(value)
    if isinstance(kind, sa.LargeBinary):
        return base64.b64decode(value)
    if isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float):
        return Decimal(value)
    return value


def export_snapshot() -> dict:
    tables = {}
    for table in _tables():
        primary = list(table.primary_key.columns)
        rows = db.session.execute(sa.select(table).order_by(*primary)).mappings()
        tables[table.name] = [{key: encode_value(value) for key, value in row.items()} for row in rows]
    revision = db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    return {"format": FORMAT, "version": VERSION, "schema_revision": revision, "exported_at": utcnow().isoformat(), "tables": tables}


def row_counts() -> dict[str, int]:
    return {t.name: db.session.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in _tables()}


def import_snapshot(data: dict, replace: bool = False) -> dict[str, int]:
    """Restore a snapshot; refuses a database that holds data unless `replace` says to wipe it first."""
    if not isinstance(data, dict):
        raise SnapshotError(snapshot_problems(data, [])[0])
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise SnapshotError("this is not a CPSN Builder snapshot (format cpsn-builder/snapshot, version 1)")
    revision = db.session.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    if data.get("schema_revision") != revision:
        raise SnapshotError(
            f"the snapshot was taken at schema {data.get('schema_revision')}, the database is at {revision}: "
            "migrate both to the same revision first"
        )
    problems = snapshot_problems(data, _tables())
    if problems:
        raise SnapshotError("the snapshot is malformed; nothing was restored:\n" + "\n".join(f"  {p}" for p in problems))
    occupied = {name: n for name, n in row_counts().items() if n}
    if occupied and not replace:
        raise SnapshotError(
            f"the database is not empty ({', '.join(f'{k}: {v}' for k, v in occupied.items())}): "
            "restore into an empty database, or pass --replace to delete what is there"
        )
    known = {t.name for t in _tables()}
    unknown = set(data["tables"]) - known
    if unknown:
        raise SnapshotError(f"the snapshot has tables this version does not know: {', '.join(sorted(unknown))}")
    try:
        for table in reversed(_tables()):
            db.session.execute(table.delete())
        counts = {}
        for table in _tables():
            rows = data["tables"].get(table.name, [])
            columns = {c.name: c for c in table.columns}
            if rows:
                db.session.execute(table.insert(), [{k: _decode(columns[k], v) for k, v in row.items() if k in columns} for row in rows])
            counts[table.name] = len(rows)
        _reset_sequences()
        from .data_version import bump

        bump()
        db.session.commit()
    except Exception:
        db.session.rollback()  # all or nothing
        raise
    return counts


def _reset_sequences() -> None:
    """PostgreSQL's id sequences must continue after the restored ids."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) == 1 and isinstance(pk[0].type, sa.Integer):
            db.session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                    f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"
                )
            )


def dumps(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
