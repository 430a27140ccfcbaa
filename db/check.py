"""`kontrollera`: everything that can be wrong with a goal file, in Swedish.

Opens the file read-only and changes nothing. Used by the command line and
after a merge, and by tests as the definition of a healthy file.
"""

import sqlite3
from pathlib import Path

from .connection import check_header, connect, is_busy
from .errors import GoalFileError, describe_sqlite_error
from .scales import ACTIVITY, DEFAULT_SCALES, FULFILMENT, PROGNOSIS, TREND
from .schema import SCHEMA_VERSION

# (description, query returning offending rows' first column)
STRUCTURE_CHECKS = [
    ("styrmått utan giltig framgångsfaktor", "SELECT id FROM measures WHERE factor_id NOT IN (SELECT id FROM factors)"),
    ("framgångsfaktorer utan giltigt strategiskt mål", "SELECT id FROM factors WHERE goal_id NOT IN (SELECT id FROM goals)"),
    ("strategiska mål utan giltigt perspektiv",
     "SELECT id FROM goals WHERE perspective_id NOT IN (SELECT id FROM perspectives)"),
    ("styrmått med okänd nämnd", "SELECT id FROM measures WHERE board_code NOT IN (SELECT code FROM boards)"),
    ("styrmått med okänd enhet",
     "SELECT id FROM measures WHERE unit_id IS NOT NULL AND unit_id NOT IN (SELECT id FROM units)"),
    ("utfall för styrmått som inte finns", "SELECT measure_id FROM entries WHERE measure_id NOT IN (SELECT id FROM measures)"),
    ("utfall för perioder som inte finns", "SELECT measure_id FROM entries WHERE period_code NOT IN (SELECT code FROM periods)"),
    ("utfall med okänd status", "SELECT measure_id FROM entries WHERE status NOT IN ('ej_paborjad', 'utkast', 'klar')"),
    ("utfall med okänd måluppfyllelse",
     f"""SELECT e.measure_id FROM entries e JOIN measures m ON m.id = e.measure_id
         WHERE e.fulfilment IS NOT NULL AND e.fulfilment NOT IN (
           SELECT code FROM scale_values
           WHERE scale = CASE m.kind WHEN 'aktivitet' THEN '{ACTIVITY}' ELSE '{FULFILMENT}' END)"""),
    ("utfall med okänd utveckling",
     f"SELECT measure_id FROM entries WHERE trend IS NOT NULL AND trend NOT IN "
     f"(SELECT code FROM scale_values WHERE scale = '{TREND}')"),
    ("prognoser med okänt värde",
     f"SELECT goal_id FROM goal_assessments WHERE prognosis IS NOT NULL AND prognosis NOT IN "
     f"(SELECT code FROM scale_values WHERE scale = '{PROGNOSIS}')"),
]  # fmt: skip


def check_file(path) -> list[str]:
    """The problems found, each one Swedish sentence; an empty list means all is well."""
    path = Path(path)
    try:
        check_header(path)
    except GoalFileError as e:
        return [str(e)]
    try:
        conn = connect(path, readonly=True)
    except GoalFileError as e:
        return [str(e)]
    try:
        return _check(conn)
    except sqlite3.DatabaseError as e:
        return [describe_sqlite_error(e, path) if is_busy(e) else f"Filen är skadad och kan inte läsas ({e})."]
    finally:
        conn.close()


def _check(conn: sqlite3.Connection) -> list[str]:
    problems = []
    integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        return ["SQLite:s integritetskontroll misslyckades: " + "; ".join(integrity[:5])]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        return [f"Filen har schemaversion {version}; den här versionen av Styrkort känner bara till {SCHEMA_VERSION}."]
    if version < 1:
        return ["Filen saknar Styrkorts tabeller."]
    if version < SCHEMA_VERSION:
        problems.append(f"Filen har den äldre schemaversionen {version} och uppgraderas när den öppnas.")
    foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    if foreign:
        tables = sorted({row[0] for row in foreign})
        problems.append(f"{len(foreign)} rader pekar på saknade rader (tabeller: {', '.join(tables)}).")
    for description, query in STRUCTURE_CHECKS:
        count = len(conn.execute(query).fetchall())
        if count:
            problems.append(f"{count} {description}.")
    current = conn.execute("SELECT count(*) FROM periods WHERE is_current = 1").fetchone()[0]
    if current != 1:
        problems.append(f"Filen ska ha exakt en aktuell period, men har {current}.")
    meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    if meta.get("kind") == "unit":
        unit = meta.get("unit_id")
        if not unit or not conn.execute("SELECT 1 FROM units WHERE id = ?", [unit]).fetchone():
            problems.append("Enhetsfilen anger ingen giltig enhet.")
    missing_scales = set(DEFAULT_SCALES) - {r[0] for r in conn.execute("SELECT DISTINCT scale FROM scale_values")}
    if missing_scales:
        problems.append(f"Bedömningsskalor saknas: {', '.join(sorted(missing_scales))}.")
    return problems
