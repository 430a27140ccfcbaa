"""Reading a returned unit file as untrusted input.

The file must be a regular file with no unfinished write beside it (a
crash journal or a WAL). It is copied once, hashing as it goes and never
past the size a unit file of this central file can have, into a private
temporary file, so that its content hash and what is merged are the very
same bytes and a file on a network drive cannot change underneath. The copy
is opened read-only and immutable and checked step by step: SQLite's header
and `quick_check`, our application_id and schema version, the exact schema
of a fresh file (no triggers, views or extra objects), the row count of
every table against what the export can hold (before any row is read into
Python), the meta, the seal the central file recorded at export over
everything the unit may not change, and every value the unit sent. Only then
are its entries handed to the merge as plain dicts.

Never execute anything the file brings along, never write to it, and never
let a refusal escape as anything but an `IncomingFileError` naming the file.
"""

import hashlib
import os
import sqlite3
import tempfile
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import GoalFileError, describe_os_error
from .goalfile import GoalFile
from .model import OrgModel
from .regular_file import SpecialFileError, open_regular
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .unitfile import SEAL_VERSION, export_record, seal
from .vocabulary import (
    ENTRY_FIELD_NAMES,
    ENTRY_FIELDS,
    FIELDS,
    TEXT_FIELD_NAMES,
    Status,
    default_entry_values,
    sql_default,
)

MAX_TEXT = 200_000  # far beyond any real commentary a unit types; stops a hostile file filling memory
# A unit file is a copy of the central file without its bookkeeping, plus the export base
# (at most the size of the entries): well under twice the central file. Four times leaves
# room for a central file that has since been vacuumed; the allowance is for what the
# officer types (every field up to MAX_TEXT for dozens of measures, and the change log of
# every save), far beyond any real file.
SIZE_FACTOR = 4
TYPED_TEXT_ALLOWANCE = 64 * 1024 * 1024
COPY_CHUNK = 1024 * 1024
Key = tuple[str, str]  # (measure_id, period_code)
STATUS_CODES = frozenset(s.value for s in Status)


class IncomingFileError(GoalFileError):
    """A returned file we refuse as a whole; the message names the file and the reason."""


@dataclass
class IncomingFile:
    path: Path
    content_sha: str
    export_id: str
    export_sequence: int  # orders the exports: a later export's file has the greater number
    exported_at: str
    unit_id: str
    export_period: str
    base: dict[Key, dict]  # the unit's own entries of the export period at export, as fields
    entries: dict[Key, dict]  # the same entries as returned, as fields

    @property
    def name(self) -> str:
        return self.path.name

    def changed_fields(self, key: Key) -> dict:
        """{field: (base, incoming)} for the fields the unit changed."""
        base, now = self.base[key], self.entries[key]
        return {f: (base[f], now[f]) for f in ENTRY_FIELD_NAMES if base[f] != now[f]}


def read_incoming(path, central: GoalFile) -> IncomingFile:
    """The returned unit file at `path`, checked against `central`; raises IncomingFileError."""
    path = Path(path)

    def refuse(reason: str):
        return IncomingFileError(f"{path.name} vägras: {reason}")

    _refuse_unfinished_write(path, refuse)
    with tempfile.TemporaryDirectory(prefix="styrkort-") as folder:
        copy = Path(folder) / "inkommen.sqlite"
        sha = _copy_bounded(path, copy, size_limit(central), central.path.name, refuse)
        conn = sqlite3.connect(copy.as_uri() + "?mode=ro&immutable=1", uri=True, check_same_thread=False)
        try:
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA query_only = ON")
            return _check(conn, path, sha, central)
        except sqlite3.DatabaseError:
            raise refuse("filen är skadad och kan inte läsas.") from None
        finally:
            conn.close()


def size_limit(central: GoalFile) -> int:
    """The largest a unit file exported from `central` can honestly be, in bytes."""
    return SIZE_FACTOR * os.path.getsize(central.path) + TYPED_TEXT_ALLOWANCE


def row_limits(central: GoalFile) -> dict[str, int]:
    """The most rows each table of a unit file exported from `central` can hold.

    An entry and its export base exist at most once per measure and period. The
    structure tables are a copy of central's: the seal decides whether they are
    as exported, and this bound (generous, for a central file that has since
    lost rows) only keeps the work of computing the seal small. The change log
    is never read from a unit file; the size limit bounds it."""
    tables = [name for kind, name, *_ in fresh_schema() if kind == "table" and name != "change_log"]
    counted = central.conn.execute("SELECT " + ", ".join(f"(SELECT count(*) FROM {t})" for t in tables)).fetchone()
    counts = dict(zip(tables, counted, strict=True))
    cells = counts["measures"] * counts["periods"]
    return {t: cells if t in ("entries", "export_base") else 2 * n + 1000 for t, n in counts.items()}


def _refuse_unfinished_write(path: Path, refuse) -> None:
    """A crash journal or WAL beside the file holds a write that the file alone does not show."""
    journal, wal = path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")
    if _holds_data(journal, header=True):
        raise refuse(
            f"bredvid den ligger {journal.name}, så ett sparande i filen avbröts innan det blev klart. "
            "Öppna filen i Styrkort på handläggarens dator, så att det avbrutna sparandet rullas tillbaka, "
            "stäng den och skicka den igen."
        )
    if _holds_data(wal, header=False):
        raise refuse(
            f"bredvid den ligger {wal.name} med ändringar som ännu inte står i själva filen. "
            "Öppna filen i Styrkort på handläggarens dator, så att ändringarna förs in i filen, "
            "stäng den och skicka den igen."
        )


def _holds_data(path: Path, *, header: bool) -> bool:
    """Whether the side file exists with content; with `header`, also a journal header that is not
    zeroed (a journal kept after a commit in PERSIST mode is zeroed, and harmless)."""
    try:
        with open_regular(path) as f:
            start = f.read(8)
    except FileNotFoundError:
        return False
    except (SpecialFileError, OSError):
        return True  # something odd sits there: not a state to read the file in
    return bool(start) and (not header or any(start))


def _copy_bounded(path: Path, copy: Path, limit: int, central_name: str, refuse) -> str:
    """Copy the file to `copy`, refusing it as soon as it is too large or not ours; its SHA-256."""
    too_large = f"filen är orimligt stor för en enhetsfil från {central_name} (högst {limit // 2**20} MB)."

    def read(size: int) -> bytes:
        try:
            return source.read(size)
        except OSError as e:
            raise refuse(describe_os_error(e, path.name)) from None

    try:
        source = open_regular(path)
    except SpecialFileError as e:
        raise refuse(f"{e}.") from None
    except FileNotFoundError:
        raise refuse("filen finns inte.") from None
    except OSError as e:
        raise refuse(describe_os_error(e, path.name)) from None
    digest = hashlib.sha256()
    with source:
        if os.fstat(source.fileno()).st_size > limit:
            raise refuse(too_large)
        header = read(100)
        if not header:
            raise refuse("filen är tom.")
        if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
            raise refuse("filen är ingen Styrkort-fil (den är avkortad eller av annat slag).")
        if int.from_bytes(header[68:72], "big") != APPLICATION_ID:
            raise refuse("filen är en SQLite-databas från ett annat program, ingen Styrkort-fil.")
        try:
            with open(copy, "xb") as target:
                size, chunk = 0, header
                while chunk:
                    size += len(chunk)
                    if size > limit:  # the file grew while being read
                        raise refuse(too_large)
                    digest.update(chunk)
                    target.write(chunk)
                    chunk = read(COPY_CHUNK)
        except OSError as e:
            raise refuse(f"den kunde inte kopieras för kontroll: {describe_os_error(e, copy.parent)}") from None
    page_size = int.from_bytes(header[16:18], "big")
    if size < int.from_bytes(header[28:32], "big") * (65536 if page_size == 1 else page_size):
        raise refuse("filen är avkortad (den har inte kommit fram hel).")
    return digest.hexdigest()


def _check(conn: sqlite3.Connection, path: Path, sha: str, central: GoalFile) -> IncomingFile:
    def refuse(reason: str):
        return IncomingFileError(f"{path.name} vägras: {reason}")

    if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
        raise refuse("SQLite:s kontroll hittar skador i filen.")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise refuse(f"filen är gjord med en nyare version av Styrkort (schema {version}); uppdatera Styrkort.")
    if version != SCHEMA_VERSION:
        raise refuse(
            f"filen är exporterad med en äldre version av Styrkort (schema {version}) och kan inte sammanfogas. "
            "Exportera en ny enhetsfil åt enheten från centralfilen."
        )
    if tuple(schema_of(conn)) != fresh_schema():
        raise refuse("filens databasschema är ändrat (extra eller ändrade tabeller, index, vyer eller triggrar).")
    limits = row_limits(central)
    # Counting stops one row past the limit: a file stuffed with millions of rows is refused at once.
    counted = conn.execute(
        "SELECT " + ", ".join(f"(SELECT count(*) FROM (SELECT 1 FROM {t} LIMIT {n + 1}))" for t, n in limits.items())
    ).fetchone()
    for (table, limit), count in zip(limits.items(), counted, strict=True):
        if count > limit:
            raise refuse(
                f"filen har fler rader i tabellen {table} än en export från {central.path.name} kan innehålla "
                f"(högst {limit}); den har fyllts på utanför Styrkort."
            )

    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("kind") != "unit":
        raise refuse("filen är en centralfil, inte en enhetsfil. Sammanfoga bara enhetsfiler som exporterats.")
    if meta.get("file_id") != central.file_id:
        raise refuse(f"enhetsfilen är exporterad från en annan centralfil än {central.path.name}.")
    if not _is_uuid(meta.get("export_id")):
        raise refuse("uppgifterna om exporten saknas eller är felaktiga.")
    # What the export was for is central's record alone; what the file says of itself must agree.
    export = export_record(central, meta["export_id"])
    if export is None:
        raise refuse("exporten som filen kommer från är okänd för centralfilen.")
    if (meta.get("unit_id"), meta.get("export_period")) != (export.unit_id, export.period_code):
        raise refuse("filen uppger en annan enhet eller period än den exporterades för.")
    unit = next((u for u in central.units() if u.id == export.unit_id), None)
    if unit is None:
        raise refuse("enheten som filen gäller finns inte i centralfilen.")
    if not export.seal.startswith(f"{SEAL_VERSION}:"):
        raise refuse(
            "filen är exporterad med en äldre version av Styrkort och kan inte kontrolleras. "
            "Exportera en ny enhetsfil åt enheten från centralfilen."
        )
    if export.seal != seal(conn, export.id, export.unit_id, export.period_code):
        raise refuse(
            "strukturen är ändrad (namn, mål, nämnder, enheter, perioder eller exportunderlag). "
            "En enhetsfil får bara ändra utfall för enhetens egna mätta objekt."
        )
    model = central.model()
    items = model.item_level.plural.lower()
    unknown = conn.execute(
        "SELECT count(*) FROM entries e WHERE NOT EXISTS "
        "(SELECT 1 FROM export_base b WHERE b.measure_id = e.measure_id AND b.period_code = e.period_code)"
    ).fetchone()[0]
    if unknown:
        raise refuse(f"filen har utfall för {unknown} {items} eller perioder som inte fanns vid exporten.")

    # Who owns a measure and how it is assessed, as the export period's plan year has it.
    where = {"period": export.period_code, "unit": unit.id}
    measure_of = (
        "LEFT JOIN measure_years m ON m.measure_id = b.measure_id "
        "AND m.year = (SELECT year FROM periods WHERE code = :period)"
    )
    # What is not the unit's to change must come back exactly as exported. Compared in SQL, row by
    # row and type by type (nothing else about those rows is read, so a long text central wrote
    # elsewhere never stands in the way); only an offender reaches Python, to be named.
    changed = conn.execute(
        f"SELECT m.unit_id IS NOT :unit, m.name, b.period_code FROM export_base b {_RETURNED} {measure_of} "
        f"WHERE (m.unit_id IS NOT :unit OR b.period_code IS NOT :period) AND ({_DIFFERS}) LIMIT 1",
        where,
    ).fetchone()
    if changed:
        other_unit, name, period_code = changed
        name = name if isinstance(name, str) else f"(okänt bland {items})"
        if other_unit:
            raise refuse(f"filen ändrar ”{name}”, som tillhör en annan enhet.")
        raise refuse(f"filen ändrar ”{name}” i en annan period ({period_code}) än den exporterades.")

    period_names = dict(conn.execute("SELECT code, name FROM periods").fetchall())
    incoming = IncomingFile(
        path, sha, export.id, export.sequence, export.exported_at, unit.id, export.period_code,
        {}, {},
    )  # fmt: skip
    width = len(ENTRY_FIELD_NAMES)
    default = tuple(default_entry_values().values())
    # The unit's own entries of the export period: base and returned side by side, each value checked.
    rows = conn.execute(
        f"SELECT b.measure_id, b.period_code, m.kind, m.name, {_columns('b')}, e.measure_id IS NOT NULL, "
        f"{_columns('e')} FROM measure_years m "
        "JOIN export_base b ON b.measure_id = m.measure_id AND b.period_code = :period "
        f"{_RETURNED} WHERE m.year = (SELECT year FROM periods WHERE code = :period) AND m.unit_id = :unit",
        where,
    )
    for measure_id, period_code, kind, name, *values in rows:
        base_row, returned = tuple(values[:width]), tuple(values[width + 1 :]) if values[width] else default
        where_base = f"exportunderlaget för ”{name}” i perioden {period_names.get(period_code, period_code)}"
        key = (measure_id, period_code)
        incoming.base[key] = _fields(base_row, kind, model, lambda why, w=where_base: refuse(f"{w}: {why}"))
        incoming.entries[key] = _fields(
            returned, kind, model, lambda why, n=name: refuse(f"”{n}”: {why}"), base=incoming.base[key]
        )
    return incoming


def _columns(table: str) -> str:
    return ", ".join(f"{table}.{f}" for f in ENTRY_FIELD_NAMES)


# The returned entry beside its export base; with no entry, what the unit returned is the defaults.
# Compared as row values, value by value with IS (types told apart; the verified schema gives every
# column the binary collation).
_RETURNED = "LEFT JOIN entries e ON e.measure_id = b.measure_id AND e.period_code = b.period_code"
_DIFFERS = (
    f"CASE WHEN e.measure_id IS NULL THEN ({_columns('b')}) IS NOT ({', '.join(map(sql_default, ENTRY_FIELDS))}) "
    f"ELSE ({_columns('b')}) IS NOT ({_columns('e')}) END"
)


def _fields(row, kind: str, model: OrgModel, refuse, base: dict | None = None) -> dict:
    """An entry row as a dict, each value checked for type and scale; a text that differs from
    `base` (what the unit sent) also for length."""
    fields = dict(zip(ENTRY_FIELD_NAMES, row, strict=True))
    for f in TEXT_FIELD_NAMES:
        if not isinstance(fields[f], str):
            raise refuse(f"{FIELDS[f].label.lower()} är inte text.")
        if base is not None and fields[f] != base[f] and len(fields[f]) > MAX_TEXT:
            raise refuse(f"{FIELDS[f].label.lower()} är orimligt lång.")
    for f in ("fulfilment", "trend"):
        scale = model.assessed_scale(f, kind)
        if fields[f] is not None and (scale is None or fields[f] not in scale.codes()):
            raise refuse(f"okänt värde {str(fields[f])[:40]!r} för {FIELDS[f].label.lower()}.")
    if fields["status"] not in STATUS_CODES:
        raise refuse(f"okänd status {str(fields['status'])[:40]!r}.")
    return fields


def schema_of(conn: sqlite3.Connection) -> list[tuple]:
    """The objects of a database as sqlite_master lists them, in a fixed order."""
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(), key=repr)


@cache
def fresh_schema() -> tuple:
    """sqlite_master of a file built by our schema steps: the only schema we accept."""
    from .connection import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, 0)
        return tuple(schema_of(conn))
    finally:
        conn.close()


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
