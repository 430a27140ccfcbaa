"""Helpers shared by the unit-file, merge and table tests: small files and snapshots."""

import sqlite3
import uuid
from pathlib import Path

from db.model import all_measures
from db.new_file import create_from_template
from db.template_v1 import NORRBOTTEN_KINDS, NORRBOTTEN_LEVELS, NORRBOTTEN_SCALES
from db.vocabulary import ENTRY_FIELD_NAMES


def _id(*parts) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "styrkort-test/" + "/".join(map(str, parts))))


def small_template(units=("A", "B", "C"), per_unit: int = 2) -> dict:
    """A tiny structure: one goal, one factor, `per_unit` measures per unit (the last an activity)."""
    measures = [
        {"id": _id(u, i), "name": f"Styrmått {u}{i}" if i < per_unit - 1 else f"Aktivitet: {u}{i}",
         "kind": "styrmatt" if i < per_unit - 1 else "aktivitet", "board": "RS", "unit": u, "target": "Öka",
         "gender_split": i == 0, "direction": "higher", "comparison": "previous_period"}
        for u in units for i in range(per_unit)
    ]  # fmt: skip
    return {
        "format": "styrkort-mall", "format_version": 2, "organisation": "Testregionen",
        "levels": NORRBOTTEN_LEVELS, "kinds": NORRBOTTEN_KINDS, "scales": NORRBOTTEN_SCALES,
        "boards": [{"code": "RS", "name": "Regionstyrelsen"}],
        "units": [{"code": u, "name": f"Enhet {u}"} for u in units],
        "period_kinds": [{"code": "T1", "name": "T1", "label": "per april"},
                         {"code": "delar", "name": "delår", "label": "per augusti"}],
        "periods": [{"code": "P1", "year": 2022, "kind": "T1"},
                    {"code": "P2", "year": 2022, "kind": "delar", "current": True}],
        "report": {},
        "nodes": [{"id": _id("p"), "name": "Samhälle", "children": [
            {"id": _id("g"), "name": "Ett livskraftigt län", "boards": ["RS"], "children": [
                {"id": _id("f"), "name": "Attraktiva livsmiljöer", "boards": ["RS"], "measures": measures}]}]}],
    }  # fmt: skip


def make_central(path: Path, template: dict | None = None) -> Path:
    create_from_template(path, template or small_template(), user="controller").close()
    return path


def measures_of(goal_file, unit_code: str | None = None) -> list:
    """The file's measures in tree order, only `unit_code`'s when given."""
    unit_id = goal_file.find_unit(unit_code).id if unit_code else None
    return [m for m in all_measures(goal_file.tree()) if unit_id is None or m.unit_id == unit_id]


def snapshot(path) -> dict:
    """What a merge may change, without timestamps: entries, conflicts, merges, change log size."""
    conn = sqlite3.connect(path)
    try:
        return {
            "entries": conn.execute(
                f"SELECT measure_id, period_code, {', '.join(ENTRY_FIELD_NAMES)}, revision FROM entries ORDER BY 1, 2"
            ).fetchall(),
            "conflicts": conn.execute(
                "SELECT measure_id, period_code, field, base_value, central_value, incoming_value, source_file, "
                "resolution FROM conflicts ORDER BY 1, 2, 3, 6"
            ).fetchall(),
            "merges": conn.execute("SELECT export_id, content_sha FROM merges ORDER BY 1, 2").fetchall(),
            "change_log": conn.execute("SELECT count(*) FROM change_log").fetchone()[0],
        }
    finally:
        conn.close()
