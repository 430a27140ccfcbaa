"""Unit files out: one copy of the central file per unit and period, recorded and sealed for the merge.

A unit file is made by SQLite's backup API, never by copying bytes, so it is
a consistent snapshot even while the central file is open. In the copy, the
meta says which unit, period and export it is (for the officer's window:
deadline, whom to return it to) and `export_base` holds every entry as it was
at export (the merge's common ancestor). The central file records each export
in `exports`: unit, period, the seal (a hash over everything the unit may not
change, together with the export's id, unit and period) and the file as
written. The merge trusts only that record: whatever a returned file says
about itself is checked against it, and the export id a file carries is the
capability to speak for that export. Never write anything else to the
central file; never overwrite a file that is not the untouched export
Styrkort last wrote there unless the caller says so.
"""

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .connection import FILE_SUFFIX, connect, transaction
from .errors import GoalFileError, as_goal_file_error
from .goalfile import GoalFile, new_id, now_utc
from .model import Period, Unit
from .progress import Progress, quiet
from .vocabulary import ENTRY_FIELDS, sql_default

# The central file's own bookkeeping, meaningless (and private) in a unit file.
CENTRAL_ONLY_TABLES = ("merged_changes", "conflicts", "merges", "change_log", "exports", "retirements")
# What a unit may change: its entries. The meta says which unit file it is; the change log
# is central's. Every other table is sealed: the unit must leave it as it got it.
UNSEALED_TABLES = ("entries", "meta", "change_log")
SEAL_CHUNK = 1000  # rows hashed at a time: the text of a chunk is small, the calls few
# Part of every seal: raise it whenever what `seal` hashes, or how, changes, so that a file
# exported before is told apart from a changed one.
SEAL_VERSION = 2


@dataclass(frozen=True)
class Export:
    """The central file's record of one exported unit file."""

    id: str
    sequence: int
    unit_id: str
    period_code: str
    seal: str
    file_path: str
    file_sha: str
    exported_at: str
    exported_by: str
    deadline: str
    return_to: str


def export_record(central: GoalFile, export_id: str) -> Export | None:
    row = central.row("SELECT * FROM exports WHERE id = ?", [export_id])
    return Export(**dict(row)) if row else None


def export_unit_file(central: GoalFile, unit: Unit, target, *, period: str | None = None, deadline: str = "",
                     return_to: str = "", replace: bool = False, user: str | None = None) -> Path:  # fmt: skip
    """Write the unit file for `unit` and a period (default: the current one) to `target`.

    A file already at `target` is replaced only when it is the untouched export Styrkort
    last wrote there, or when `replace` says the user agreed (see `overwrite_risk`)."""
    refusal = central.central_refusal()
    if refusal:
        raise GoalFileError(f"Enhetsfiler exporteras från centralfilen öppnad för skrivning. {refusal}")
    chosen = central.period(period)
    if chosen.locked:
        raise GoalFileError(f"Perioden {chosen.name} är låst; enhetsfiler exporteras för en öppen period.")
    target = Path(target)
    if target.resolve() == central.path.resolve():
        raise GoalFileError("Enhetsfilen kan inte skrivas över centralfilen; välj ett annat filnamn.")
    risk = overwrite_risk(central, target)
    if risk and not replace:
        raise GoalFileError(risk)
    partial = target.with_name(target.name + ".skapas")
    written = False
    blamed = target  # the file a failure is about, for its message
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))  # a plain "no access" here
        conn = connect(partial)
        try:
            central.conn.backup(conn)
            export = _make_unit_copy(conn, central, unit, chosen, user or central.user, deadline, return_to)
        finally:
            conn.close()
        file_sha = hashlib.sha256(partial.read_bytes()).hexdigest()
        blamed = central.path
        with central.transaction():
            sequence = central.conn.execute("SELECT coalesce(max(sequence), 0) + 1 FROM exports").fetchone()[0]
            central.conn.execute(
                "INSERT INTO exports (id, sequence, unit_id, period_code, seal, file_path, file_sha, exported_at, "
                "exported_by, deadline, return_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [export["id"], sequence, unit.id, chosen.code, export["seal"], str(target.resolve()), file_sha,
                 export["at"], export["by"], deadline, return_to],
            )  # fmt: skip
            blamed = target
            os.replace(partial, target)  # inside the transaction: a file that cannot be moved into place is no export
            written, blamed = True, central.path  # what remains is the commit
    except BaseException as e:
        partial.unlink(missing_ok=True)
        if written:  # the record did not reach the disk: a file central does not know must not stay
            target.unlink(missing_ok=True)
        failure = as_goal_file_error(e, blamed) if isinstance(e, OSError | sqlite3.Error) else None
        if failure is None:
            raise
        raise failure from None
    return target


def overwrite_risk(central: GoalFile, target) -> str | None:
    """Why writing a unit file to `target` would destroy something, or None when it would not:
    nothing is there, or exactly the file Styrkort last exported there, untouched."""
    target = Path(target)
    if not target.exists():
        return None
    if not target.is_file():
        return f"{target} finns redan och är ingen fil; välj ett annat filnamn eller en annan mapp."
    row = central.conn.execute(
        "SELECT file_sha FROM exports WHERE file_path = ? ORDER BY sequence DESC LIMIT 1", [str(target.resolve())]
    ).fetchone()
    try:
        unchanged = row is not None and hashlib.sha256(target.read_bytes()).hexdigest() == row[0]
    except OSError as e:
        raise _failure(e, target) from None
    if unchanged:
        return None
    return (
        f"{target.name} finns redan i mappen och är inte den fil Styrkort senast exporterade dit "
        "(den kan vara en ifylld fil som kommit tillbaka). Den skrivs inte över utan att du godkänner det."
    )


def export_all(central: GoalFile, directory, units: list[Unit] | None = None, progress: Progress = quiet, *,
               period: str | None = None, deadline: str = "", return_to: str = "",
               replace: bool = False) -> list[Path]:  # fmt: skip
    """One unit file per unit (all units, or the chosen ones) for a period in `directory`.
    Names that collide and files that must not be overwritten are refused before anything is written."""
    directory = Path(directory)
    units = central.units() if units is None else units
    names: dict[str, Unit] = {}
    for unit in units:
        name = unit_file_name(unit).casefold()
        if name in names:  # also a clash on a file system that ignores case
            other = names[name]
            raise GoalFileError(
                f"Enheterna {other.code} ({other.name}) och {unit.code} ({unit.name}) får samma filnamn "
                f"{unit_file_name(unit)}; ge den ena en annan kod, eller exportera dem var för sig till olika "
                "filnamn. Inget exporterades."
            )
        names[name] = unit
    risks = [risk for unit in units if (risk := overwrite_risk(central, directory / unit_file_name(unit)))]
    if risks and not replace:
        raise GoalFileError(risks[0] if len(risks) == 1 else f"{len(risks)} filer i mappen skulle skrivas över: "
                            + " ".join(risks[:3]))  # fmt: skip
    created = not directory.exists()
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise _failure(e, directory) from None
    written = []
    try:
        for i, unit in enumerate(units):
            progress(i, len(units), f"Exporterar {unit.name}")
            written.append(export_unit_file(central, unit, directory / unit_file_name(unit), period=period,
                                            deadline=deadline, return_to=return_to, replace=True))  # fmt: skip
    except GoalFileError as e:
        if not written:
            if created:  # the folder made for the files goes with them
                with contextlib.suppress(OSError):
                    directory.rmdir()
            raise
        # Each file written so far is a whole export, recorded: it stays, and the message says so.
        listed = ", ".join(p.name for p in written)
        raise GoalFileError(f"{e} Före felet exporterades {len(written)} av {len(units)} enhetsfiler, och de "
                            f"gäller: {listed}.") from None  # fmt: skip
    progress(len(units), len(units), "Klart")
    return written


def _failure(error: OSError, path: Path) -> GoalFileError:
    return as_goal_file_error(error, path) or GoalFileError(f"{path} kunde inte läsas eller skrivas.")


def unit_file_name(unit: Unit) -> str:
    """A file name from the unit code that every file system accepts: 'enhet-NSV.styrkort'."""
    ascii_code = unicodedata.normalize("NFKD", unit.code).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_code).strip("-") or unit.id[:8]
    return f"enhet-{safe}{FILE_SUFFIX}"


def _make_unit_copy(conn: sqlite3.Connection, central: GoalFile, unit: Unit, period: Period, user: str,
                    deadline: str, return_to: str) -> dict:  # fmt: skip
    """Turn the copy into the unit's file; returns its export id, seal, time and exporter."""
    export_id, at = new_id(), now_utc()
    with transaction(conn):
        for table in CENTRAL_ONLY_TABLES + ("export_base",):
            conn.execute(f"DELETE FROM {table}")
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
            "kind": "unit", "unit_id": unit.id, "export_id": export_id, "exported_at": at, "exported_by": user,
            "export_period": period.code, "file_id": central.file_id, "deadline": deadline, "return_to": return_to,
        }  # fmt: skip
        conn.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", meta.items())
        sealed = seal(conn, export_id, unit.id, period.code)
    return {"id": export_id, "seal": sealed, "at": at, "by": user}


def sealed_tables(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """Every sealed table with the columns that give its rows a canonical order, in name order
    (one query for all of them): its primary key, which SQLite reads straight from the key's
    index with no sort, or all its columns for a table without one."""
    columns: dict[str, list[tuple[int, int, str]]] = {}
    for table, key_position, position, column in conn.execute(
        "SELECT m.name, p.pk, p.cid, p.name FROM sqlite_master m, pragma_table_info(m.name) p WHERE m.type = 'table'"
    ):
        if table not in UNSEALED_TABLES and not table.startswith("sqlite_"):
            columns.setdefault(table, []).append((key_position, position, column))
    ordered = {table: sorted(found) for table, found in columns.items()}  # key columns by key position, the rest by cid
    return [
        (table, ", ".join([c for key, _, c in ordered[table] if key] or [c for _, _, c in ordered[table]]))
        for table in sorted(ordered)
    ]


def seal(conn: sqlite3.Connection, export_id: str, unit_id: str, period_code: str) -> str:
    """A hash over every sealed table's rows in a canonical order, and over what the export is for.

    Each table's rows are read in primary-key order and hashed a chunk at a time as
    `ascii()` of the rows: for the values SQLite returns (str, int, float, bytes, None) an
    unambiguous text that tells every type apart, escapes every character that is not ASCII
    the same way in every Python version, and is made in C (a `json.dumps` per row cost
    most of a merge's checking)."""
    digest = hashlib.sha256(json.dumps(["export", export_id, unit_id, period_code]).encode())
    for table, key in sealed_tables(conn):
        digest.update(f"\n{table}\n".encode())
        cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {key}")
        while rows := cursor.fetchmany(SEAL_CHUNK):
            digest.update(ascii(rows).encode())
    return f"{SEAL_VERSION}:{digest.hexdigest()}"
