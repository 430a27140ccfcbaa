"""Reading a returned unit file as untrusted input.

The file is read once into memory (so that its content hash and what is
merged are the very same bytes, and a file on a network drive cannot change
underneath), then checked step by step on its own read-only connection:
SQLite's header and `quick_check`, our application_id and schema version,
the exact schema of a fresh file (no triggers, views or extra objects), the
meta, the seal the central file recorded at export over everything the unit
may not change, and every value in Python. Only then are its entries handed to the merge as plain dicts.

Never execute anything the file brings along, never write to it, and never
let a refusal escape as anything but an `IncomingFileError` naming the file.
"""

import hashlib
import sqlite3
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import GoalFileError
from .goalfile import GoalFile
from .model import OrgModel
from .schema import APPLICATION_ID, SCHEMA_VERSION
from .unitfile import export_record, seal
from .vocabulary import ENTRY_FIELD_NAMES, TEXT_FIELD_NAMES, Status, default_entry_values

MAX_TEXT = 200_000  # far beyond any real commentary; stops a hostile file filling memory
MAX_FILE_SIZE = 512 * 1024 * 1024
Key = tuple[str, str]  # (measure_id, period_code)


class IncomingFileError(GoalFileError):
    """A returned file we refuse as a whole; the message names the file and the reason."""


@dataclass
class IncomingFile:
    path: Path
    content_sha: str
    export_id: str
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
    data = _read_bytes(path)
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    try:
        try:
            conn.deserialize(data)
            conn.execute("PRAGMA trusted_schema = OFF")
            conn.execute("PRAGMA query_only = ON")
            return _check(conn, path, hashlib.sha256(data).hexdigest(), central)
        except sqlite3.DatabaseError as e:
            raise IncomingFileError(f"{path.name} vägras: filen är skadad och kan inte läsas ({e}).") from None
    finally:
        conn.close()


def _read_bytes(path: Path) -> bytes:
    def refuse(reason: str):
        return IncomingFileError(f"{path.name} vägras: {reason}")

    try:
        if path.stat().st_size > MAX_FILE_SIZE:
            raise refuse("filen är orimligt stor för en enhetsfil.")
        data = path.read_bytes()
    except IsADirectoryError:
        raise refuse("det är en mapp, inte en fil.") from None
    except FileNotFoundError:
        raise refuse("filen finns inte.") from None
    except OSError as e:
        raise refuse(f"filen kan inte läsas ({e.strerror or e}).") from None
    if not data:
        raise refuse("filen är tom.")
    if not data.startswith(b"SQLite format 3\x00") or len(data) < 100:
        raise refuse("filen är ingen Styrkort-fil (den är avkortad eller av annat slag).")
    if int.from_bytes(data[68:72], "big") != APPLICATION_ID:
        raise refuse("filen är en SQLite-databas från ett annat program, ingen Styrkort-fil.")
    page_size = int.from_bytes(data[16:18], "big")
    if len(data) < int.from_bytes(data[28:32], "big") * (65536 if page_size == 1 else page_size):
        raise refuse("filen är avkortad (den har inte kommit fram hel).")
    return data


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
    if tuple(_schema_of(conn)) != fresh_schema():
        raise refuse("filens databasschema är ändrat (extra eller ändrade tabeller, index, vyer eller triggrar).")

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
    if export.seal != seal(conn, export.id, export.unit_id, export.period_code):
        raise refuse(
            "strukturen är ändrad (namn, mål, nämnder, enheter, perioder eller exportunderlag). "
            "En enhetsfil får bara ändra utfall för enhetens egna mätta objekt."
        )
    # Who owns a measure and how it is assessed, as the export period's plan year has it.
    measures = {
        r[0]: (r[1], r[2])
        for r in conn.execute(
            "SELECT measure_id, unit_id, kind FROM measure_years WHERE year = (SELECT year FROM periods WHERE code = ?)",
            [export.period_code],
        )
    }
    base = {(r[0], r[1]): r[2:] for r in conn.execute(f"SELECT measure_id, period_code, {_columns()} FROM export_base")}
    entries = {(r[0], r[1]): r[2:] for r in conn.execute(f"SELECT measure_id, period_code, {_columns()} FROM entries")}
    unknown = set(entries) - set(base)
    if unknown:
        items = central.model().item_level.plural.lower()
        raise refuse(f"filen har utfall för {len(unknown)} {items} eller perioder som inte fanns vid exporten.")

    model = central.model()
    names = dict(conn.execute("SELECT measure_id, name FROM measure_years ORDER BY year").fetchall())
    incoming = IncomingFile(
        path, sha, export.id, export.exported_at, unit.id, export.period_code,
        {}, {},
    )  # fmt: skip
    for key, row in base.items():
        owner, kind = measures.get(key[0], (None, ""))
        incoming.base[key] = _fields(row, kind, model, lambda why, k=key: refuse(f"exportunderlaget för {k}: {why}"))
        returned = entries.get(key)
        incoming.entries[key] = (
            _fields(returned, kind, model, lambda why, k=key: refuse(f"”{names.get(k[0], k[0])}”: {why}"))
            if returned is not None
            else default_entry_values()
        )
        own = owner == unit.id and key[1] == incoming.export_period
        if not own:
            if incoming.changed_fields(key):
                if owner != unit.id:
                    raise refuse(f"filen ändrar ”{names.get(key[0], key[0])}”, som tillhör en annan enhet.")
                raise refuse(
                    f"filen ändrar ”{names.get(key[0], key[0])}” i en annan period ({key[1]}) än den exporterade."
                )
            # Checked and unchanged: keep only what the merge reads, so fifty files of a large
            # organisation fit in memory together.
            del incoming.base[key], incoming.entries[key]
    return incoming


def _columns() -> str:
    return ", ".join(ENTRY_FIELD_NAMES)


def _fields(row, kind: str, model: OrgModel, refuse) -> dict:
    """An entry row as a dict, each value checked for type, size and scale."""
    fields = dict(zip(ENTRY_FIELD_NAMES, row, strict=True))
    for f in TEXT_FIELD_NAMES:
        if not isinstance(fields[f], str):
            raise refuse(f"fältet {f} är inte text.")
        if len(fields[f]) > MAX_TEXT:
            raise refuse(f"fältet {f} är orimligt långt.")
    for f in ("fulfilment", "trend"):
        scale = model.assessed_scale(f, kind)
        if fields[f] is not None and (scale is None or fields[f] not in scale.codes()):
            raise refuse(f"okänt värde {str(fields[f])[:40]!r} i fältet {f}.")
    if fields["status"] not in {s.value for s in Status}:
        raise refuse(f"okänd status {str(fields['status'])[:40]!r}.")
    return fields


def _schema_of(conn: sqlite3.Connection) -> list[tuple]:
    return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall(), key=repr)


@cache
def fresh_schema() -> tuple:
    """sqlite_master of a file built by our schema steps: the only schema we accept."""
    from .connection import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn, 0)
        return tuple(_schema_of(conn))
    finally:
        conn.close()


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(value)
    except (ValueError, TypeError, AttributeError):
        return False
    return True
