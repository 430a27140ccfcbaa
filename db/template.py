"""Structure templates (`styrkort-mall`, JSON): validate one, build a goal file from it.

The format is documented in `resurser/README.md`. A template is untrusted
text: every problem is reported with the place it occurs ("perspectives[2]
.goals[0].factors[1]: …") and nothing is written until all of it is valid.
"""

import json
import re
import uuid
from datetime import date
from pathlib import Path

from .connection import create_database
from .errors import GoalFileError, TemplateError, describe_os_error
from .goalfile import GoalFile, new_id, now_utc
from .scales import ACTIVITY, DEFAULT_SCALES, FULFILMENT, PROGNOSIS, SYMBOLS, TREND, ScaleValue
from .schema import ENTRY_FIELDS

FORMAT = "styrkort-mall"
FORMAT_VERSION = 1
ORIGIN_TEMPLATE = "mall"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def load_template(path) -> dict:
    """Read and validate a template file; raises TemplateError naming the place."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TemplateError(f"{path} är inte UTF-8-kodad text.") from None
    except OSError as e:
        raise TemplateError(describe_os_error(e, path)) from None
    try:
        template = json.loads(text)
    except json.JSONDecodeError as e:
        raise TemplateError(f"{path} är ingen giltig JSON (rad {e.lineno}, kolumn {e.colno}: {e.msg}).") from None
    validate_template(template)
    return template


class _Checker:
    """Walks a template and records the path to each value for error messages."""

    def __init__(self):
        self.ids: set[str] = set()

    def obj(self, value, where: str, required: dict, optional: dict | None = None) -> dict:
        if not isinstance(value, dict):
            raise TemplateError(f"{where}: ska vara ett objekt ({{…}}).")
        optional = optional or {}
        for key in value:
            if key not in required and key not in optional:
                raise TemplateError(f"{where}: okänt fält {key!r}.")
        for key, kind in required.items():
            if key not in value:
                raise TemplateError(f"{where}: fältet {key!r} saknas.")
            self.typed(value[key], kind, f"{where}.{key}")
        for key, kind in optional.items():
            if key in value:
                self.typed(value[key], kind, f"{where}.{key}")
        return value

    def typed(self, value, kind, where: str) -> None:
        names = {str: "text", bool: "true eller false", int: "ett heltal", list: "en lista", dict: "ett objekt"}
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if kind is str and value is None:
            ok = False
        if not ok:
            raise TemplateError(f"{where}: ska vara {names.get(kind, kind)}.")

    def one_of(self, value, allowed, where: str, *, allow_none: bool = False) -> None:
        if value is None and allow_none:
            return
        if value not in allowed:
            raise TemplateError(f"{where}: {value!r} är inte tillåtet (tillåtet: {', '.join(sorted(allowed))}).")

    def node_id(self, value: str, where: str) -> None:
        try:
            uuid.UUID(value)
        except (ValueError, AttributeError, TypeError):
            raise TemplateError(f"{where}.id: {value!r} är inget UUID.") from None
        if value in self.ids:
            raise TemplateError(f"{where}.id: {value} förekommer mer än en gång.")
        self.ids.add(value)

    def nonempty(self, value: str, where: str) -> None:
        if not value.strip():
            raise TemplateError(f"{where}: får inte vara tomt.")


def validate_template(t) -> None:
    c = _Checker()
    c.obj(
        t, "mallen",
        {"format": str, "format_version": int, "organisation": str, "boards": list, "units": list,
         "periods": list, "report": dict, "perspectives": list},
        {"scales": dict},
    )  # fmt: skip
    if t["format"] != FORMAT:
        raise TemplateError(f"mallen.format: ska vara {FORMAT!r}, inte {t['format']!r}.")
    if t["format_version"] != FORMAT_VERSION:
        raise TemplateError(f"mallen.format_version: version {t['format_version']} stöds inte (bara {FORMAT_VERSION}).")
    c.nonempty(t["organisation"], "mallen.organisation")

    boards = _unique_codes(c, t["boards"], "boards", {"code": str, "name": str})
    units = _unique_codes(c, t["units"], "units", {"code": str, "name": str})
    periods = _unique_codes(
        c, t["periods"], "periods", {"code": str, "name": str, "label": str, "year": int}, {"current": bool}
    )
    if not periods:
        raise TemplateError("periods: minst en period behövs.")
    if sum(1 for p in t["periods"] if p.get("current")) != 1:
        raise TemplateError('periods: exakt en period ska ha "current": true.')

    c.obj(
        t["report"],
        "report",
        {},
        {
            k: str
            for k in (
                "title",
                "document_id",
                "version",
                "responsible",
                "created_by",
                "publication_date",
                "introduction",
            )
        },
    )
    if t["report"].get("publication_date"):
        try:
            date.fromisoformat(t["report"]["publication_date"])
        except ValueError:
            raise TemplateError("report.publication_date: ska vara ett datum ÅÅÅÅ-MM-DD.") from None
    if "scales" in t:
        _check_scales(c, t["scales"])

    for i, p in enumerate(t["perspectives"]):
        w = f"perspectives[{i}]"
        c.obj(p, w, {"id": str, "name": str, "description": str, "goals": list})
        c.node_id(p["id"], w)
        c.nonempty(p["name"], f"{w}.name")
        for j, g in enumerate(p["goals"]):
            _check_goal(c, g, f"{w}.goals[{j}]", boards, units, periods)


def _unique_codes(c: _Checker, items: list, where: str, required: dict, optional: dict | None = None) -> set[str]:
    codes = set()
    for i, item in enumerate(items):
        c.obj(item, f"{where}[{i}]", required, optional)
        c.nonempty(item["code"], f"{where}[{i}].code")
        if item["code"] in codes:
            raise TemplateError(f"{where}[{i}].code: {item['code']!r} förekommer mer än en gång.")
        codes.add(item["code"])
    return codes


def _check_scales(c: _Checker, scales: dict) -> None:
    for name, values in scales.items():
        c.one_of(name, DEFAULT_SCALES, f"scales.{name}")
        c.typed(values, list, f"scales.{name}")
        for i, v in enumerate(values):
            w = f"scales.{name}[{i}]"
            c.obj(v, w, {"code": str, "label": str, "colour": str, "symbol": str})
            c.one_of(v["code"], {s.code for s in DEFAULT_SCALES[name]}, f"{w}.code")
            if not HEX_COLOUR.match(v["colour"]):
                raise TemplateError(f"{w}.colour: ska vara en färg som #2e7d32.")
            c.one_of(v["symbol"], SYMBOLS, f"{w}.symbol")


def _check_boards(c: _Checker, value, where: str, boards: set[str]) -> None:
    for k, code in enumerate(value):
        c.one_of(code, boards, f"{where}[{k}]")


def _check_goal(c: _Checker, g, w: str, boards, units, periods) -> None:
    c.obj(g, w, {"id": str, "name": str, "boards": list, "factors": list}, {"assessments": dict})
    c.node_id(g["id"], w)
    c.nonempty(g["name"], f"{w}.name")
    _check_boards(c, g["boards"], f"{w}.boards", boards)
    for period, a in g.get("assessments", {}).items():
        c.one_of(period, periods, f"{w}.assessments")
        c.obj(a, f"{w}.assessments.{period}", {"prognosis": (str, type(None)), "text": str})
        c.one_of(a["prognosis"], {v.code for v in DEFAULT_SCALES[PROGNOSIS]}, f"{w}.assessments.{period}.prognosis",
                 allow_none=True)  # fmt: skip
    for k, f in enumerate(g["factors"]):
        fw = f"{w}.factors[{k}]"
        c.obj(f, fw, {"id": str, "name": str, "boards": list, "measures": list}, {"sections": dict})
        c.node_id(f["id"], fw)
        c.nonempty(f["name"], f"{fw}.name")
        _check_boards(c, f["boards"], f"{fw}.boards", boards)
        for period, sections in f.get("sections", {}).items():
            c.one_of(period, periods, f"{fw}.sections")
            c.typed(sections, list, f"{fw}.sections.{period}")
            for s, section in enumerate(sections):
                c.obj(section, f"{fw}.sections.{period}[{s}]", {"heading": str, "text": str})
        for m, measure in enumerate(f["measures"]):
            _check_measure(c, measure, f"{fw}.measures[{m}]", boards, units, periods)


def _check_measure(c: _Checker, m, w: str, boards, units, periods) -> None:
    c.obj(
        m, w,
        {"id": str, "name": str, "kind": str, "board": str, "unit": str, "target": str, "gender_split": bool,
         "direction": str, "comparison": str},
        {"footnote": str, "entries": dict},
    )  # fmt: skip
    c.node_id(m["id"], w)
    c.nonempty(m["name"], f"{w}.name")
    c.one_of(m["kind"], {"styrmatt", "aktivitet"}, f"{w}.kind")
    c.one_of(m["board"], boards, f"{w}.board")
    c.one_of(m["unit"], units, f"{w}.unit")
    c.one_of(m["direction"], {"higher", "lower", "none"}, f"{w}.direction")
    c.one_of(m["comparison"], {"previous_period", "same_period_last_year"}, f"{w}.comparison")
    scale = ACTIVITY if m["kind"] == "aktivitet" else FULFILMENT
    for period, e in m.get("entries", {}).items():
        ew = f"{w}.entries.{period}"
        c.one_of(period, periods, f"{w}.entries")
        text_fields = {f: str for f in ENTRY_FIELDS if f not in ("fulfilment", "trend")}
        c.obj(e, ew, {}, {**text_fields, "fulfilment": (str, type(None)), "trend": (str, type(None))})
        c.one_of(e.get("fulfilment"), {v.code for v in DEFAULT_SCALES[scale]}, f"{ew}.fulfilment", allow_none=True)
        c.one_of(e.get("trend"), {v.code for v in DEFAULT_SCALES[TREND]}, f"{ew}.trend", allow_none=True)
        c.one_of(e.get("status", "ej_paborjad"), {"ej_paborjad", "utkast", "klar"}, f"{ew}.status")


def create_from_template(path, template: dict, *, user: str | None = None) -> GoalFile:
    """A new central goal file holding the template. Nothing is left behind on failure."""
    validate_template(template)
    path = Path(path)
    import sqlite_utils  # bulk inserts read best with it; only creation needs it

    conn = create_database(path)
    database = sqlite_utils.Database(conn, execute_plugins=False)
    try:
        with database.atomic():
            _write(database, template)
    except BaseException as e:
        conn.close()
        path.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise GoalFileError(describe_os_error(e, path)) from None
        raise
    return GoalFile(path, conn, readonly=False, user=user)


def _write(db, t: dict) -> None:
    at = now_utc()
    db["meta"].insert_all(
        [{"key": "file_id", "value": new_id()}, {"key": "organisation", "value": t["organisation"]},
         {"key": "kind", "value": "central"}, {"key": "created_at", "value": at}]
    )  # fmt: skip
    db["boards"].insert_all({"code": b["code"], "name": b["name"], "position": i} for i, b in enumerate(t["boards"]))
    unit_ids = {u["code"]: new_id() for u in t["units"]}
    db["units"].insert_all({"id": unit_ids[u["code"]], "code": u["code"], "name": u["name"]} for u in t["units"])
    db["periods"].insert_all(
        {"code": p["code"], "name": p["name"], "label": p["label"], "year": p["year"], "position": i,
         "is_current": int(p.get("current", False))}
        for i, p in enumerate(t["periods"])
    )  # fmt: skip
    db["report_settings"].insert_all({"key": k, "value": v} for k, v in t["report"].items())
    scales = {
        **DEFAULT_SCALES,
        **{name: [ScaleValue(**v) for v in values] for name, values in t.get("scales", {}).items()},
    }
    db["scale_values"].insert_all(
        {"scale": name, "code": v.code, "label": v.label, "colour": v.colour, "symbol": v.symbol, "position": i}
        for name, values in scales.items() for i, v in enumerate(values)
    )  # fmt: skip

    rows: dict[str, list] = {name: [] for name in (
        "perspectives", "goals", "goal_boards", "goal_assessments", "factors", "factor_boards",
        "factor_sections", "measures", "entries")}  # fmt: skip
    for pi, p in enumerate(t["perspectives"]):
        rows["perspectives"].append({"id": p["id"], "name": p["name"], "description": p["description"], "position": pi})
        for gi, g in enumerate(p["goals"]):
            rows["goals"].append({"id": g["id"], "perspective_id": p["id"], "name": g["name"], "position": gi})
            rows["goal_boards"] += [{"goal_id": g["id"], "board_code": b} for b in dict.fromkeys(g["boards"])]
            rows["goal_assessments"] += [
                {"goal_id": g["id"], "period_code": period, "prognosis": a["prognosis"], "text": a["text"],
                 "changed_by": ORIGIN_TEMPLATE, "changed_at": at}
                for period, a in g.get("assessments", {}).items()
            ]  # fmt: skip
            for fi, f in enumerate(g["factors"]):
                rows["factors"].append({"id": f["id"], "goal_id": g["id"], "name": f["name"], "position": fi})
                rows["factor_boards"] += [{"factor_id": f["id"], "board_code": b} for b in dict.fromkeys(f["boards"])]
                rows["factor_sections"] += [
                    {"id": new_id(), "factor_id": f["id"], "period_code": period, "position": si,
                     "heading": s["heading"], "text": s["text"]}
                    for period, sections in f.get("sections", {}).items() for si, s in enumerate(sections)
                ]  # fmt: skip
                for mi, m in enumerate(f["measures"]):
                    rows["measures"].append(
                        {"id": m["id"], "factor_id": f["id"], "name": m["name"], "kind": m["kind"],
                         "board_code": m["board"], "unit_id": unit_ids[m["unit"]], "target": m["target"],
                         "gender_split": int(m["gender_split"]), "direction": m["direction"],
                         "comparison": m["comparison"], "footnote": m.get("footnote", ""), "position": mi}
                    )  # fmt: skip
                    rows["entries"] += [
                        {"measure_id": m["id"], "period_code": period,
                         **{f: e.get(f, "") for f in ENTRY_FIELDS if f not in ("fulfilment", "trend", "status")},
                         "fulfilment": e.get("fulfilment"), "trend": e.get("trend"),
                         "status": e.get("status", "ej_paborjad"), "changed_by": ORIGIN_TEMPLATE, "changed_at": at}
                        for period, e in m.get("entries", {}).items()
                    ]  # fmt: skip
    for table, table_rows in rows.items():
        if table_rows:
            db[table].insert_all(table_rows, batch_size=500)
