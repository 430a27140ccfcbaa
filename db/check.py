"""`kontrollera`: everything that can be wrong with a goal file, in Swedish, with a severity.

The definition of a healthy file: one that passes can be opened, read,
tabled and printed by every command. So the check runs on a private copy
(made by SQLite's backup API, so a file another program holds is read
consistently, and opened for writing, since SQLite skips CHECK constraints
in `integrity_check` on a read-only connection) and does what the commands
do: `integrity_check`, the exact schema Styrkort makes, every value of the
type its column declares and every text decodable, every reference
resolved, the model and each plan year's structure valid as a template
would have to be, and then the same reads `status`, `tabell` and `rapport`
make, for every period. Never changes the file.
"""

import sqlite3
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .collection import collection_status
from .connection import check_header, connect
from .errors import GoalFileError, TemplateError, as_goal_file_error
from .goalfile import GoalFile
from .incoming import fresh_schema, schema_of
from .outputs import is_styrkort_file
from .schema import SCHEMA_VERSION
from .structure import retirements
from .template import validate_template
from .template_export import template_of_year
from .vocabulary import Status


class Severity(Enum):
    NOTICE = 1  # the file is fine, but something will happen to it (an upgrade on opening)
    ERROR = 2  # the file cannot be used as it is


@dataclass(frozen=True)
class Problem:
    severity: Severity
    text: str


_STATUSES = ", ".join(f"'{s.value}'" for s in Status)

# (description, query returning offending rows' first column); {items} is the file's own word.
STRUCTURE_CHECKS = [
    ("noder utan giltig nivå", "SELECT id FROM nodes WHERE depth NOT IN (SELECT depth FROM levels)"),
    ("noder vars överordnade nod saknas eller ligger på fel nivå",
     """SELECT y.node_id FROM node_years y JOIN nodes n ON n.id = y.node_id
        LEFT JOIN nodes parent ON parent.id = y.parent_id
        WHERE (n.depth = 0 AND y.parent_id IS NOT NULL)
           OR (n.depth > 0 AND (parent.id IS NULL OR parent.depth != n.depth - 1
               OR NOT EXISTS (SELECT 1 FROM node_years p WHERE p.node_id = y.parent_id AND p.year = y.year)))"""),
    ("{items} utan giltig plats i strukturen",
     """SELECT m.measure_id FROM measure_years m LEFT JOIN nodes n ON n.id = m.node_id
        WHERE n.id IS NULL OR n.depth != (SELECT max(depth) - 1 FROM levels)
           OR NOT EXISTS (SELECT 1 FROM node_years y WHERE y.node_id = m.node_id AND y.year = m.year)"""),
    ("{items} med okänd nämnd", "SELECT measure_id FROM measure_years WHERE board_code NOT IN (SELECT code FROM boards)"),
    ("{items} med okänd enhet",
     "SELECT measure_id FROM measure_years WHERE unit_id IS NOT NULL AND unit_id NOT IN (SELECT id FROM units)"),
    ("{items} av okänt slag", "SELECT measure_id FROM measure_years WHERE kind NOT IN (SELECT code FROM kinds)"),
    ("slag som bedöms på en skala som saknas", "SELECT code FROM kinds WHERE scale NOT IN (SELECT code FROM scales)"),
    ("perioder i planår som saknas", "SELECT code FROM periods WHERE year NOT IN (SELECT year FROM plan_years)"),
    ("perioder av okänt slag", "SELECT code FROM periods WHERE kind NOT IN (SELECT code FROM period_kinds)"),
    ("utfall för {items} som inte finns",
     "SELECT measure_id FROM entries WHERE measure_id NOT IN (SELECT id FROM measures)"),
    ("utfall för perioder som inte finns",
     "SELECT measure_id FROM entries WHERE period_code NOT IN (SELECT code FROM periods)"),
    ("utfall med okänd status", f"SELECT measure_id FROM entries WHERE status NOT IN ({_STATUSES})"),
    ("utfall med okänd måluppfyllelse",
     """SELECT e.measure_id FROM entries e JOIN periods p ON p.code = e.period_code
        JOIN measure_years m ON m.measure_id = e.measure_id AND m.year = p.year JOIN kinds k ON k.code = m.kind
        WHERE e.fulfilment IS NOT NULL
          AND e.fulfilment NOT IN (SELECT code FROM scale_values WHERE scale = k.scale)"""),
    ("utfall med okänd utveckling",
     """SELECT measure_id FROM entries WHERE trend IS NOT NULL AND trend NOT IN
        (SELECT v.code FROM scale_values v JOIN scales s ON s.code = v.scale WHERE s.purpose = 'trend')"""),
    ("rapportinställningar med ett publiceringsdatum som inte är ett datum",
     """SELECT period_code FROM report_settings WHERE key = 'publication_date' AND value != ''
        AND coalesce(date(value), '') != value"""),
    ("prognoser med okänt värde",
     """SELECT node_id FROM assessments WHERE prognosis IS NOT NULL AND prognosis NOT IN
        (SELECT v.code FROM scale_values v JOIN scales s ON s.code = v.scale WHERE s.purpose = 'prognosis')"""),
]  # fmt: skip


def check_file(path) -> list[Problem]:
    """The problems found; an empty list means all is well."""
    path = Path(path)
    try:
        check_header(path)
        source = connect(path, readonly=True)
    except GoalFileError as e:
        return [Problem(Severity.ERROR, str(e))]
    try:
        with tempfile.TemporaryDirectory(prefix="styrkort-kontroll-") as folder:
            copy = sqlite3.connect(Path(folder) / "kopia.sqlite", isolation_level=None)
            try:
                # A read transaction first: it waits out another program's lock for the busy timeout
                # and then fails, where the backup alone would retry for ever.
                source.execute("BEGIN")
                source.execute("SELECT count(*) FROM sqlite_master").fetchone()
                source.backup(copy)
                copy.execute("PRAGMA query_only = ON")
                return _check(copy, path)
            finally:
                copy.close()
    except GoalFileError as e:  # a read of the commands' found what it cannot use
        return [Problem(Severity.ERROR, str(e))]
    except (sqlite3.Error, UnicodeError, OSError) as e:  # a file locked by another program is not called damaged
        failure = as_goal_file_error(e, path)
        return [Problem(Severity.ERROR, str(failure) if failure else f"{path} är skadad och kan inte läsas.")]
    finally:
        source.close()


def damage(path) -> str | None:
    """One sentence saying that the Styrkort file at `path` is damaged, or None when it is not (or is
    no Styrkort file at all): for a failure whose error alone does not say what happened."""
    if not is_styrkort_file(path):
        return None
    found = [p.text for p in check_file(path) if p.severity is Severity.ERROR]
    if not found:
        return None
    if found[0].startswith(str(path)):  # already a sentence about the file (locked, damaged text)
        return found[0]
    return (
        f"{path} är skadad eller ändrad utanför Styrkort och kan inte användas; kör kontrollera på den för att "
        "se vad som är fel, och återställ den från en säkerhetskopia."
    )


def exit_code(problems: list[Problem]) -> int:
    """0: all is well; 1: only notices; 2: the file cannot be used as it is."""
    return max((p.severity.value for p in problems), default=0)


def _check(conn: sqlite3.Connection, path: Path) -> list[Problem]:
    def error(text: str) -> list[Problem]:
        return [Problem(Severity.ERROR, text)]

    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check(100)")]
    if integrity != ["ok"]:
        found = f"{len(integrity)} skador" if len(integrity) < 100 else "minst 100 skador"
        return error(f"SQLite:s integritetskontroll hittar {found} i filen; återställ den från en säkerhetskopia.")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        return error(
            f"Filen har schemaversion {version}; den här versionen av Styrkort känner bara till {SCHEMA_VERSION}."
        )
    if version < 1:
        return error("Filen saknar Styrkorts tabeller.")
    if version < SCHEMA_VERSION:
        # An older file's tables are checked by its migration, with a backup first, when it is opened.
        return [
            Problem(Severity.NOTICE, f"Filen har den äldre schemaversionen {version} och uppgraderas när den öppnas.")
        ]
    if tuple(_schema_of(conn)) != fresh_schema():
        return error(
            "Filens databasschema är ändrat: den har tabeller, kolumner, index, vyer eller triggrar som Styrkort "
            "inte har gjort, eller saknar några. Återställ den från en säkerhetskopia."
        )
    mistyped = _mistyped(conn)
    if mistyped:
        return error(mistyped)
    problems = []
    foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        tables = sorted({row[0] for row in foreign})
        problems += error(f"{len(foreign)} rader pekar på saknade rader (tabeller: {', '.join(tables)}).")
    last = conn.execute("SELECT plural FROM levels ORDER BY depth DESC LIMIT 1").fetchone()
    items = last[0].lower() if last else "mätta objekt"
    for description, query in STRUCTURE_CHECKS:
        count = len(conn.execute(query).fetchall())
        if count:
            problems += error(f"{count} {description.format(items=items)}.")
    levels = conn.execute("SELECT count(*) FROM levels").fetchone()[0]
    if levels < 2:
        problems += error("Filens struktur behöver minst två nivåer (en gruppering och de mätta objekten).")
    current = conn.execute("SELECT count(*) FROM periods WHERE is_current = 1").fetchone()[0]
    if current != 1:
        problems += error(f"Filen ska ha exakt en aktuell period, men har {current}.")
    if not conn.execute("SELECT 1 FROM scales WHERE purpose = 'trend'").fetchone():
        problems += error("Skalan för utveckling saknas.")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("kind") == "unit":
        unit = meta.get("unit_id")
        if not unit or not conn.execute("SELECT 1 FROM units WHERE id = ?", [unit]).fetchone():
            problems += error("Enhetsfilen anger ingen giltig enhet.")
    return problems or _read_as_the_commands_do(conn, path)


def _schema_of(conn: sqlite3.Connection) -> list[tuple]:
    """The file's own objects (not SQLite's statistics tables, which its optimiser may add)."""
    return [row for row in schema_of(conn) if not row[1].startswith("sqlite_stat")]


def _mistyped(conn: sqlite3.Connection) -> str | None:
    """What holds a value of another type than its column declares, or None. Every text is read
    once on the way, as a command would: one that is not UTF-8 raises (`errors.sqlite_cause`)."""
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for _cid, column, declared, not_null, _default, _pk in conn.execute(f"PRAGMA table_info({table})"):
            allowed = {"TEXT": "'text'", "INTEGER": "'integer'"}.get(declared.upper())
            if allowed is None:
                continue
            allowed += "" if not_null else ", 'null'"
            count = conn.execute(f"SELECT count(*) FROM {table} WHERE typeof({column}) NOT IN ({allowed})")
            if (n := count.fetchone()[0]) > 0:
                return f"Tabellen {table} har {n} värden av fel typ i kolumnen {column}: filen är skadad."
        for _row in conn.execute(f"SELECT * FROM {table}"):
            pass
    return None


def _read_as_the_commands_do(conn: sqlite3.Connection, path: Path) -> list[Problem]:
    """The reads of `status`, `tabell`, `rapport` and `mall`, and of the window's retirements, for
    every period and plan year."""
    goal_file = GoalFile(path, conn, readonly=True, user="kontroll")
    for year in goal_file.plan_years():
        retirements(goal_file, year)
        try:
            validate_template(template_of_year(goal_file, year))
        except TemplateError as e:
            return [Problem(Severity.ERROR, f"Filens struktur för planåret {year} är inte giltig: {e}")]
    for period in goal_file.periods():
        goal_file.tree(period.code)
        goal_file.report_settings(period.code)
        goal_file.open_conflicts(period.code)
        collection_status(goal_file, period.code)
    return []
