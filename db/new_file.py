"""A new central goal file from a structure template.

The template is validated whole first (`db.template`); then everything is
written in one transaction into a file made for the purpose, and on any
failure the file is removed, so a half-made goal file never exists. The
structure of the template belongs to every plan year its periods name.
"""

from pathlib import Path

from .connection import create_database, transaction
from .errors import as_goal_file_error
from .goalfile import GoalFile, new_id, now_utc
from .template import normalise, period_code
from .vocabulary import ENTRY_FIELDS, Comparison, Direction, Status

ORIGIN_TEMPLATE = "mall"


def create_from_template(path, template: dict, *, user: str | None = None) -> GoalFile:
    """A new central goal file holding the template. Nothing is left behind on failure."""
    template = normalise(template)
    path = Path(path)
    import sqlite_utils  # bulk inserts read best with it; only creation needs it

    conn = create_database(path)
    try:
        with transaction(conn):
            _write(sqlite_utils.Database(conn, execute_plugins=False), template)
    except BaseException as e:
        conn.close()
        path.unlink(missing_ok=True)
        failure = as_goal_file_error(e, path) if isinstance(e, Exception) else None
        if failure is None or failure is e:
            raise
        raise failure from None
    return GoalFile(path, conn, readonly=False, user=user)


def _write(db, t: dict) -> None:
    at = now_utc()
    for table in ("levels", "kinds", "scale_values", "scales"):  # the schema's defaults give way to the template's
        db.execute(f"DELETE FROM {table}")
    db["meta"].insert_all(
        [{"key": "file_id", "value": new_id()}, {"key": "organisation", "value": t["organisation"]},
         {"key": "kind", "value": "central"}, {"key": "created_at", "value": at}]
    )  # fmt: skip
    _write_model(db, t)
    db["boards"].insert_all({"code": b["code"], "name": b["name"], "position": i} for i, b in enumerate(t["boards"]))
    unit_ids = {u["code"]: new_id() for u in t["units"]}
    db["units"].insert_all({"id": unit_ids[u["code"]], "code": u["code"], "name": u["name"]} for u in t["units"])
    kinds = {k["code"]: k for k in t["period_kinds"]}
    db["period_kinds"].insert_all(
        {"code": k["code"], "name": k["name"], "label": k["label"], "position": i}
        for i, k in enumerate(t["period_kinds"])
    )
    years = sorted({p["year"] for p in t["periods"]})
    db["plan_years"].insert_all({"year": y} for y in years)
    periods = [
        {"code": period_code(p), "year": p["year"], "kind": p["kind"],
         "name": p.get("name") or f"{p['year']} {kinds[p['kind']]['name']}", "label": kinds[p["kind"]]["label"],
         "position": i, "is_current": int(p.get("current", False))}
        for i, p in enumerate(t["periods"])
    ]  # fmt: skip
    db["periods"].insert_all(periods)
    db["report_settings"].insert_all(
        {"period_code": p["code"], "key": k, "value": v} for p in periods for k, v in t["report"].items()
    )
    rows = _Rows(years, unit_ids, at)
    for position, node in enumerate(t["nodes"]):
        rows.node(node, None, 0, position, len(t["levels"]) - 2)
    for table, table_rows in rows.tables.items():
        if table_rows:
            db[table].insert_all(table_rows, batch_size=500)


def _write_model(db, t: dict) -> None:
    db["levels"].insert_all(
        {"depth": i, "singular": lv["singular"], "plural": lv["plural"],
         "has_description": int(lv.get("description", False)), "has_boards": int(lv.get("boards", False)),
         "has_assessment": int(lv.get("assessment", False)), "article": lv.get("article", "ett"),
         "definite": lv.get("definite", ""), "definite_plural": lv.get("definite_plural", "")}
        for i, lv in enumerate(t["levels"])
    )  # fmt: skip
    db["scales"].insert_all(
        {"code": s["code"], "name": s["name"], "purpose": s["purpose"], "position": i}
        for i, s in enumerate(t["scales"])
    )
    db["scale_values"].insert_all(
        {"scale": s["code"], "code": v["code"], "label": v["label"], "colour": v["colour"], "symbol": v["symbol"],
         "position": i, "meaning": v.get("meaning")}
        for s in t["scales"] for i, v in enumerate(s["values"])
    )  # fmt: skip
    db["kinds"].insert_all(
        {"code": k["code"], "singular": k["singular"], "plural": k["plural"], "scale": k["scale"],
         "has_target": int(k.get("target", True)), "has_outcome": int(k.get("outcome", True)),
         "has_trend": int(k.get("trend", True)), "name_prefix": k.get("name_prefix", ""), "position": i,
         "article": k.get("article", "ett")}
        for i, k in enumerate(t["kinds"])
    )  # fmt: skip


class _Rows:
    """The template's tree as table rows, the structure repeated for each plan year."""

    def __init__(self, years: list[int], unit_ids: dict[str, str], at: str):
        self.years, self.unit_ids, self.at = years, unit_ids, at
        self.tables: dict[str, list] = {name: [] for name in (
            "nodes", "node_years", "node_boards", "assessments", "measures", "measure_years", "entries",
            "sections", "section_measures")}  # fmt: skip

    def node(self, node: dict, parent_id: str | None, depth: int, position: int, measure_depth: int) -> None:
        t = self.tables
        t["nodes"].append({"id": node["id"], "depth": depth})
        for year in self.years:
            t["node_years"].append({"node_id": node["id"], "year": year, "parent_id": parent_id,
                                    "name": node["name"], "description": node.get("description", ""),
                                    "position": position})  # fmt: skip
            t["node_boards"] += [
                {"node_id": node["id"], "year": year, "board_code": b} for b in dict.fromkeys(node.get("boards", []))
            ]
        t["assessments"] += [
            {"node_id": node["id"], "period_code": period, "prognosis": a["prognosis"], "text": a["text"],
             "changed_by": ORIGIN_TEMPLATE, "changed_at": self.at}
            for period, a in node.get("assessments", {}).items()
        ]  # fmt: skip
        if depth < measure_depth:
            for i, child in enumerate(node.get("children", [])):
                self.node(child, node["id"], depth + 1, i, measure_depth)
            return
        for period, sections in node.get("sections", {}).items():
            for i, s in enumerate(sections):
                section_id = new_id()
                t["sections"].append({"id": section_id, "node_id": node["id"], "period_code": period, "position": i,
                                      "heading": s["heading"], "text": s.get("text", ""),
                                      "commentary_of": s.get("commentary_of")})  # fmt: skip
                covers = [s["commentary_of"]] if "commentary_of" in s else []
                t["section_measures"] += [
                    {"section_id": section_id, "measure_id": m} for m in dict.fromkeys(covers + s.get("measures", []))
                ]
        for i, m in enumerate(node.get("measures", [])):
            self.measure(m, node["id"], i)

    def measure(self, m: dict, node_id: str, position: int) -> None:
        t = self.tables
        t["measures"].append({"id": m["id"]})
        for year in self.years:
            t["measure_years"].append(
                {"measure_id": m["id"], "year": year, "node_id": node_id, "name": m["name"], "kind": m["kind"],
                 "board_code": m["board"], "unit_id": self.unit_ids.get(m.get("unit", "")), "target": m.get("target", ""),
                 "gender_split": int(m.get("gender_split", False)),
                 "direction": m.get("direction", Direction.NONE), "comparison": m.get("comparison",
                                                                                       Comparison.PREVIOUS_PERIOD),
                 "footnote": m.get("footnote", ""), "position": position}
            )  # fmt: skip
        for period, e in m.get("entries", {}).items():
            values = {f.name: e.get(f.name, f.default) for f in ENTRY_FIELDS}
            values["status"] = values["status"] or Status.NOT_STARTED
            t["entries"].append({"measure_id": m["id"], "period_code": period, **values,
                                 "changed_by": ORIGIN_TEMPLATE, "changed_at": self.at})  # fmt: skip
