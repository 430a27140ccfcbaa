"""Unit files out: one copy of the central file per unit, sealed for the merge.

A unit file is made by SQLite's backup API, never by copying bytes, so it is
a consistent snapshot even while the central file is open (also read-only). In the
copy the meta says which unit and export it is, `export_base` holds every
entry as it was at export (the merge's common ancestor). The seal — a hash
over everything except the entries, the change log and the meta — is kept in
the central file's meta under `export:<export_id>`, never in the unit file,
so that whoever edits a unit file cannot recompute it: the merge compares it
to tell whether anything outside the unit's entries was touched. That record
is the only thing this module writes to the central file.
"""

import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from pathlib import Path

from .connection import connect, transaction
from .errors import GoalFileError, as_goal_file_error
from .goalfile import GoalFile, new_id, now_utc
from .model import Period, Unit
from .progress import Progress, quiet
from .vocabulary import ENTRY_FIELDS, sql_default

EXPORT_KEY = "export:"  # central meta key prefix: export id → the seal of that unit file
# The central file's own bookkeeping, meaningless (and private) in a unit file.
CENTRAL_ONLY_TABLES = ("conflicts", "merges", "change_log")

# What a unit may change: its entries. The meta says which unit file it is; the change log
# is central's. Every other table is sealed: the unit must leave it as it got it.
UNSEALED_TABLES = ("entries", "meta", "change_log")


def export_unit_file(central: GoalFile, unit: Unit, target, *, period: str | None = None,
                     user: str | None = None) -> Path:  # fmt: skip
    """Write the unit file for `unit` and a period (default: the current one) to `target`,
    replacing it atomically."""
    if central.is_unit_file:
        raise GoalFileError(f"{central.path.name} är en enhetsfil; enhetsfiler exporteras från centralfilen.")
    target = Path(target)
    if central.readonly:
        raise GoalFileError("Centralfilen är öppnad skrivskyddat; enhetsfiler exporteras från en skrivbar centralfil.")
    if central.period(period).locked:
        raise GoalFileError(
            f"Perioden {central.period(period).name} är låst; enhetsfiler exporteras för en öppen period."
        )
    if target.resolve() == central.path.resolve():
        raise GoalFileError("Enhetsfilen kan inte skrivas över centralfilen; välj ett annat filnamn.")
    partial = target.with_name(target.name + ".skapas")
    try:
        partial.unlink(missing_ok=True)
        conn = connect(partial)
        try:
            central.conn.backup(conn)
            export_id, sealed = _make_unit_copy(conn, central, unit, central.period(period), user or central.user)
        finally:
            conn.close()
        with central.transaction():
            central.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?)", [EXPORT_KEY + export_id, sealed])
        os.replace(partial, target)
    except BaseException as e:
        partial.unlink(missing_ok=True)
        failure = as_goal_file_error(e, target) if isinstance(e, OSError | sqlite3.Error) else None
        if failure is None:
            raise
        raise failure from None
    return target


def export_all(central: GoalFile, directory, units: list[Unit] | None = None, progress: Progress = quiet, *,
               period: str | None = None) -> list[Path]:  # fmt: skip
    """One unit file per unit (all units, or the chosen ones) for a period in `directory`."""
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise as_goal_file_error(e, directory) from None
    units = central.units() if units is None else units
    written = []
    for i, unit in enumerate(units):
        progress(i, len(units), f"Exporterar {unit.name}")
        written.append(export_unit_file(central, unit, directory / unit_file_name(unit), period=period))
    progress(len(units), len(units), "Klart")
    return written


def unit_file_name(unit: Unit) -> str:
    """A file name from the unit code that every file system accepts: 'enhet-NSV.sqlite'."""
    ascii_code = unicodedata.normalize("NFKD", unit.code).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_code).strip("-") or unit.id[:8]
    return f"enhet-{safe}.sqlite"


def _make_unit_copy(conn: sqlite3.Connection, central: GoalFile, unit: Unit, period: Period,
                    user: str) -> tuple[str, str]:  # fmt: skip
    """Turn the copy into the unit's file; returns its export id and seal."""
    with transaction(conn):
        for table in CENTRAL_ONLY_TABLES + ("export_base",):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM meta WHERE key LIKE ?", [EXPORT_KEY + "%"])
        columns = ", ".join(f.name for f in ENTRY_FIELDS)
        values = ", ".join(f"coalesce(e.{f.name}, {sql_default(f)})" for f in ENTRY_FIELDS)
        # Every measure × period, so that an entry the unit creates has a base too.
        conn.execute(
            f"""INSERT INTO export_base (measure_id, period_code, {columns}, revision)
                SELECT m.id, p.code, {values}, coalesce(e.revision, 0)
                FROM measures m CROSS JOIN periods p
                LEFT JOIN entries e ON e.measure_id = m.id AND e.period_code = p.code"""
        )
        meta = {
            "kind": "unit",
            "unit_id": unit.id,
            "export_id": new_id(),
            "exported_at": now_utc(),
            "exported_by": user,
            "export_period": period.code,
            "file_id": central.file_id,
        }
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        sealed = seal(conn)
    return meta["export_id"], sealed


def sealed_tables(conn: sqlite3.Connection) -> list[str]:
    return [
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        if name not in UNSEALED_TABLES and not name.startswith("sqlite_")
    ]


def seal(conn: sqlite3.Connection) -> str:
    """A hash over every sealed table's rows, in a canonical order."""
    digest = hashlib.sha256()
    for table in sealed_tables(conn):
        width = len(conn.execute(f"PRAGMA table_info({table})").fetchall())
        order = ", ".join(str(i) for i in range(1, width + 1))
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(json.dumps([table, *row], ensure_ascii=False, default=repr).encode())
            digest.update(b"\n")
    return digest.hexdigest()
