"""`kontrollera`: everything that can be wrong with a goal file, in Swedish, with a severity.

Opens the file read-only and changes nothing. Used by the command line and
by tests as the definition of a healthy file: a file that passes can be
opened, read and printed by every command.
"""

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .connection import check_header, connect
from .errors import GoalFileError, as_goal_file_error
from .schema import SCHEMA_VERSION
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
    ("prognoser med okänt värde",
     """SELECT node_id FROM assessments WHERE prognosis IS NOT NULL AND prognosis NOT IN
        (SELECT v.code FROM scale_values v JOIN scales s ON s.code = v.scale WHERE s.purpose = 'prognosis')"""),
]  # fmt: skip


def check_file(path) -> list[Problem]:
    """The problems found; an empty list means all is well."""
    path = Path(path)
    try:
        check_header(path)
        conn = connect(path, readonly=True)
    except GoalFileError as e:
        return [Problem(Severity.ERROR, str(e))]
    try:
        return _check(conn)
    except sqlite3.Error as e:  # a file locked by another program is not called damaged
        failure = as_goal_file_error(e, path)
        return [Problem(Severity.ERROR, str(failure) if failure else "Filen är skadad och kan inte läsas.")]
    finally:
        conn.close()


def exit_code(problems: list[Problem]) -> int:
    """0: all is well; 1: only notices; 2: the file cannot be used as it is."""
    return max((p.severity.value for p in problems), default=0)


def _check(conn: sqlite3.Connection) -> list[Problem]:
    def error(text: str) -> list[Problem]:
        return [Problem(Severity.ERROR, text)]

    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        return error("SQLite:s integritetskontroll hittar skador i filen: " + "; ".join(integrity[:5])[:400])
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
    return problems
