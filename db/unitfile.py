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

from .connection import connect
from .errors import GoalFileError, describe_os_error, describe_sqlite_error
from .goalfile import GoalFile, new_id, now_utc
from .model import Unit
from .outputs import check_output_target
from .schema import ENTRY_FIELDS

EXPORT_KEY = "export:"  # central meta key prefix: export id → the seal of that unit file
# The central file's own bookkeeping, meaningless (and private) in a unit file.
CENTRAL_ONLY_TABLES = ("conflicts", "merges", "change_log")

# Everything but entries, change log and meta: what a unit must leave as it got it.
SEALED_TABLES = (
    "boards", "units", "periods", "perspectives", "goals", "goal_boards", "factors", "factor_boards",
    "measures", "goal_assessments", "factor_sections", "scale_values", "report_settings",
    "export_base", "merges", "conflicts",
)  # fmt: skip


def export_unit_file(central: GoalFile, unit: Unit, target, *, user: str | None = None) -> Path:
    """Write the unit file for `unit` to `target`, replacing at most an earlier export that nobody
    has filled in. The export is recorded in the central file only with the file in place."""
    if central.is_unit_file:
        raise GoalFileError(f"{central.path.name} är en enhetsfil; enhetsfiler exporteras från centralfilen.")
    target = Path(target)
    if central.readonly:
        raise GoalFileError("Centralfilen är öppnad skrivskyddat; enhetsfiler exporteras från en skrivbar centralfil.")
    if target.resolve() == central.path.resolve():
        raise GoalFileError("Enhetsfilen kan inte skrivas över centralfilen; välj ett annat filnamn.")
    check_output_target(target, central.path, "enhetsfilen", may_replace=lambda p: _unfilled_export(central, p))
    partial = target.with_name(target.name + ".skapas")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # a plain "no access" here
        conn = connect(partial)
        try:
            central.conn.backup(conn)
            export_id, sealed = _make_unit_copy(conn, central, unit, user or central.user)
        finally:
            conn.close()
    except BaseException as e:
        partial.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise GoalFileError(describe_os_error(e, target)) from None
        if isinstance(e, sqlite3.Error):
            raise GoalFileError(describe_sqlite_error(e, target)) from None
        raise
    _put_in_place(central, partial, target, EXPORT_KEY + export_id, sealed)
    return target


def _put_in_place(central: GoalFile, partial: Path, target: Path, key: str, sealed: str) -> None:
    """The export record and the file in place together, or neither: a failed export leaves no
    record that a unit file exists."""
    placed = False
    try:
        with central.db.atomic():
            central.db["meta"].insert({"key": key, "value": sealed})
            os.replace(partial, target)
            placed = True
    except BaseException as e:
        (target if placed else partial).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise GoalFileError(describe_os_error(e, target)) from None
        if isinstance(e, sqlite3.Error):
            raise GoalFileError(describe_sqlite_error(e, central.path.name)) from None
        raise


def _unfilled_export(central: GoalFile, path: Path) -> bool:
    """Whether `path` is an earlier export from `central` that comes back as it was sent:
    replacing it loses nothing. A file someone filled in is never replaced by an export."""
    from .incoming import IncomingFileError, read_incoming  # incoming reads this module's seal

    try:
        returned = read_incoming(path, central)
    except IncomingFileError:
        return False
    return not any(returned.changed_fields(key) for key in returned.base)


def export_all(central: GoalFile, directory, units: list[Unit] | None = None, progress=None) -> list[Path]:
    """One unit file per unit (all units, or the chosen ones) in `directory`; every target is
    checked before the first file is written."""
    directory = Path(directory)
    units = central.units() if units is None else units
    targets: dict[str, tuple[Unit, Path]] = {}
    for unit in units:
        name = unit_file_name(unit)
        if name.casefold() in targets:  # also a clash on a file system that ignores case
            other = targets[name.casefold()][0]
            raise GoalFileError(
                f"Enheterna {other.code} ({other.name}) och {unit.code} ({unit.name}) får samma filnamn {name}; "
                "ge den ena en annan kod, eller exportera dem var för sig till olika filnamn. Inget exporterades."
            )
        targets[name.casefold()] = (unit, directory / name)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise GoalFileError(describe_os_error(e, directory)) from None
    for _, target in targets.values():
        check_output_target(target, central.path, "enhetsfilen", may_replace=lambda p: _unfilled_export(central, p))
    written = []
    for i, (unit, target) in enumerate(targets.values()):
        if progress:
            progress(i, len(units), unit.name)
        written.append(export_unit_file(central, unit, target))
    if progress:
        progress(len(units), len(units), "")
    return written


def unit_file_name(unit: Unit) -> str:
    """A file name from the unit code that every file system accepts: 'enhet-NSV.sqlite'."""
    ascii_code = unicodedata.normalize("NFKD", unit.code).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_code).strip("-") or unit.id[:8]
    return f"enhet-{safe}.sqlite"


def _make_unit_copy(conn: sqlite3.Connection, central: GoalFile, unit: Unit, user: str) -> tuple[str, str]:
    """Turn the copy into the unit's file; returns its export id and seal."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in CENTRAL_ONLY_TABLES + ("export_base",):
            conn.execute(f"DELETE FROM {table}")
        conn.execute("DELETE FROM meta WHERE key LIKE ?", [EXPORT_KEY + "%"])
        defaults = {f: "''" for f in ENTRY_FIELDS} | {"fulfilment": "NULL", "trend": "NULL", "status": "'ej_paborjad'"}
        columns = ", ".join(ENTRY_FIELDS)
        values = ", ".join(f"coalesce(e.{f}, {defaults[f]})" for f in ENTRY_FIELDS)
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
            "export_period": central.period().code,
            "file_id": central.file_id,
        }
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        sealed = seal(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return meta["export_id"], sealed


def seal(conn: sqlite3.Connection) -> str:
    """A hash over every sealed table's rows, in a canonical order."""
    digest = hashlib.sha256()
    for table in SEALED_TABLES:
        width = len(conn.execute(f"PRAGMA table_info({table})").fetchall())
        order = ", ".join(str(i) for i in range(1, width + 1))
        for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            digest.update(json.dumps([table, *row], ensure_ascii=False, default=repr).encode())
            digest.update(b"\n")
    return digest.hexdigest()
