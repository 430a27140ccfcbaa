"""Structure templates (`styrkort-mall`, JSON): read one, validate it whole.

The format is documented in `resurser/README.md`. A template is untrusted
text: every problem is reported with the place it occurs
("nodes[2].children[0].measures[1].board: …"; in a format-1 template, its own
"perspectives[2].goals[0]…"), no text that cannot be stored gets through,
and nothing is written until all of it is valid (`db.new_file` writes it).
Format 1 is read through `db.template_v1`. Never trust a size, a depth or a
year a template claims.
"""

import json
import re
import uuid
from datetime import date
from pathlib import Path

from . import template_v1
from .errors import TemplateError, describe_os_error
from .regular_file import SpecialFileError, open_regular
from .vocabulary import (
    ENTRY_FIELDS,
    MEANINGS_BY_PURPOSE,
    SCALE_SIZES,
    SYMBOLS,
    Assessed,
    Comparison,
    Direction,
    ScalePurpose,
    Status,
)

FORMAT = "styrkort-mall"
FORMAT_VERSION = 2
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
MAX_TEMPLATE_BYTES = 64 * 1024 * 1024  # a region's largest structure with years of text is a few MB
YEARS = range(1900, 2201)
LEVEL_COUNTS = range(2, 9)  # a grouping and the measured items, up to seven groupings
ARTICLES = ("en", "ett")  # a noun's gender in Swedish: "en framgångsfaktor", "ett mål"
REPORT_KEYS = ("title", "document_id", "version", "responsible", "created_by", "publication_date", "introduction")


def load_template(path) -> dict:
    """Read and validate a template file; its content as format 2. Raises TemplateError naming the place."""
    path = Path(path)
    try:
        with open_regular(path) as f:  # never a FIFO that blocks or a device that never ends
            data = f.read(MAX_TEMPLATE_BYTES + 1)
    except SpecialFileError as e:
        raise TemplateError(f"{path} kan inte läsas som strukturmall: {e}.") from None
    except OSError as e:
        raise TemplateError(describe_os_error(e, path)) from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"{path} är orimligt stor för en strukturmall.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TemplateError(f"{path} är inte UTF-8-kodad text.") from None
    try:
        template = json.loads(text)
    except json.JSONDecodeError as e:
        raise TemplateError(f"{path} är ingen giltig JSON (rad {e.lineno}, kolumn {e.colno}: {e.msg}).") from None
    except RecursionError:
        raise TemplateError(f"{path} är för djupt nästlad för att vara en strukturmall.") from None
    return normalise(template)


def normalise(template) -> dict:
    """The template as a validated format-2 dict (a format-1 template upgraded first)."""
    if isinstance(template, dict) and template.get("format_version") == 1 and template.get("format") == FORMAT:
        upgraded = template_v1.upgrade(template)
        try:
            validate_template(upgraded)
        except TemplateError as e:
            raise TemplateError(template_v1.place_as_written(str(e))) from None
        return upgraded
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
                raise TemplateError(f"{where}: okänt fält {_shown(key)}.")
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
            raise TemplateError(f"{where}: ska vara {names.get(kind, 'text eller null')}.")
        if isinstance(value, str):
            text(value, where)

    def one_of(self, value, allowed, where: str, *, allow_none: bool = False) -> None:
        if value is None and allow_none:
            return
        if not isinstance(value, str | int) or value not in allowed:
            listed = ", ".join(sorted(str(a) for a in allowed))
            raise TemplateError(f"{where}: {_shown(value)} är inte tillåtet (tillåtet: {listed}).")

    def node_id(self, value: str, where: str) -> None:
        try:
            uuid.UUID(value)
        except (ValueError, AttributeError, TypeError):
            raise TemplateError(f"{where}.id: {_shown(value)} är inget UUID.") from None
        if value in self.ids:
            raise TemplateError(f"{where}.id: {value} förekommer mer än en gång.")
        self.ids.add(value)

    def nonempty(self, value: str, where: str) -> None:
        if not value.strip():
            raise TemplateError(f"{where}: får inte vara tomt.")


def text(value: str, where: str) -> str:
    """A string that can be stored: no lone half of a character (JSON allows '\\ud800')."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise TemplateError(f"{where}: texten innehåller ett ogiltigt tecken (en ensam del av ett tecken).") from None
    return value


def _shown(value) -> str:
    shown = repr(value[:60] + "…" if isinstance(value, str) and len(value) > 60 else value)
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


def validate_template(t) -> None:
    """Raise TemplateError naming the first fault."""
    c = _Checker()
    c.obj(
        t, "mallen",
        {"format": str, "format_version": int, "organisation": str, "levels": list, "kinds": list, "scales": list,
         "boards": list, "units": list, "period_kinds": list, "periods": list, "report": dict, "nodes": list},
    )  # fmt: skip
    if t["format"] != FORMAT:
        raise TemplateError(f"mallen.format: ska vara {FORMAT!r}, inte {_shown(t['format'])}.")
    if t["format_version"] != FORMAT_VERSION:
        raise TemplateError(f"mallen.format_version: version {t['format_version']} stöds inte (bara 1 och 2).")
    c.nonempty(t["organisation"], "mallen.organisation")
    scales = _check_scales(c, t["scales"])
    kinds = _check_kinds(c, t["kinds"], scales)
    levels = _check_levels(c, t["levels"])
    boards = _unique_codes(c, t["boards"], "boards", {"code": str, "name": str})
    units = _unique_codes(c, t["units"], "units", {"code": str, "name": str})
    period_kinds = _unique_codes(c, t["period_kinds"], "period_kinds", {"code": str, "name": str, "label": str})
    periods = _check_periods(c, t["periods"], period_kinds)
    _check_report(c, t["report"])
    context = _Context(c, levels, kinds, scales, boards, units, periods)
    for i, node in enumerate(t["nodes"]):
        context.node(node, f"nodes[{i}]", 0)


def _unique_codes(c: _Checker, items: list, where: str, required: dict, optional: dict | None = None) -> set[str]:
    codes = set()
    for i, item in enumerate(items):
        c.obj(item, f"{where}[{i}]", required, optional)
        c.nonempty(item["code"], f"{where}[{i}].code")
        if item["code"] in codes:
            raise TemplateError(f"{where}[{i}].code: {_shown(item['code'])} förekommer mer än en gång.")
        codes.add(item["code"])
    return codes


def _check_scales(c: _Checker, scales: list) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for i, scale in enumerate(scales):
        w = f"scales[{i}]"
        c.obj(scale, w, {"code": str, "name": str, "purpose": str, "values": list})
        c.nonempty(scale["code"], f"{w}.code")
        if scale["code"] in found:
            raise TemplateError(f"{w}.code: {_shown(scale['code'])} förekommer mer än en gång.")
        c.one_of(scale["purpose"], {p.value for p in ScalePurpose}, f"{w}.purpose")
        if len(scale["values"]) not in SCALE_SIZES:
            raise TemplateError(f"{w}.values: en skala har {SCALE_SIZES.start} till {SCALE_SIZES.stop - 1} värden.")
        meanings = {m.value for m in MEANINGS_BY_PURPOSE[ScalePurpose(scale["purpose"])]}
        codes, used_meanings = set(), set()
        for j, v in enumerate(scale["values"]):
            vw = f"{w}.values[{j}]"
            c.obj(v, vw, {"code": str, "label": str, "colour": str, "symbol": str}, {"meaning": str})
            c.nonempty(v["code"], f"{vw}.code")
            if v["code"] in codes:
                raise TemplateError(f"{vw}.code: {_shown(v['code'])} förekommer mer än en gång i skalan.")
            codes.add(v["code"])
            if not HEX_COLOUR.fullmatch(v["colour"]):
                raise TemplateError(f"{vw}.colour: ska vara en färg som #2e7d32.")
            c.one_of(v["symbol"], SYMBOLS, f"{vw}.symbol")
            if "meaning" in v:
                c.one_of(v["meaning"], meanings, f"{vw}.meaning")
                if v["meaning"] in used_meanings:
                    raise TemplateError(f"{vw}.meaning: {v['meaning']!r} har redan ett annat värde i skalan.")
                used_meanings.add(v["meaning"])
        found[scale["code"]] = scale | {"codes": codes}
    purposes = [s["purpose"] for s in found.values()]
    for purpose in (ScalePurpose.TREND, ScalePurpose.PROGNOSIS):
        if purposes.count(purpose) > 1:
            raise TemplateError(f"scales: högst en skala får ha purpose {purpose.value!r}.")
    if ScalePurpose.TREND not in purposes:
        raise TemplateError("scales: en skala med purpose 'trend' behövs (utvecklingen).")
    return found


def _check_kinds(c: _Checker, kinds: list, scales: dict) -> dict[str, dict]:
    if not kinds:
        raise TemplateError("kinds: minst ett slag av mätt objekt behövs.")
    found = {}
    fulfilment = {code for code, s in scales.items() if s["purpose"] == ScalePurpose.FULFILMENT}
    for i, kind in enumerate(kinds):
        w = f"kinds[{i}]"
        c.obj(kind, w, {"code": str, "singular": str, "plural": str, "scale": str},
              {"target": bool, "outcome": bool, "trend": bool, "name_prefix": str, "article": str})  # fmt: skip
        c.one_of(kind.get("article", "ett"), ARTICLES, f"{w}.article")
        for key in ("code", "singular", "plural"):
            c.nonempty(kind[key], f"{w}.{key}")
        if kind["code"] in found:
            raise TemplateError(f"{w}.code: {_shown(kind['code'])} förekommer mer än en gång.")
        c.one_of(kind["scale"], fulfilment, f"{w}.scale")
        found[kind["code"]] = kind
    return found


def _check_levels(c: _Checker, levels: list) -> list[dict]:
    if len(levels) not in LEVEL_COUNTS:
        raise TemplateError(
            f"levels: strukturen har {LEVEL_COUNTS.start} till {LEVEL_COUNTS.stop - 1} nivåer "
            "(minst en gruppering och de mätta objekten)."
        )
    for i, level in enumerate(levels):
        w = f"levels[{i}]"
        c.obj(level, w, {"singular": str, "plural": str},
              {"description": bool, "boards": bool, "assessment": bool, "article": str, "definite": str,
               "definite_plural": str})  # fmt: skip
        c.one_of(level.get("article", "ett"), ARTICLES, f"{w}.article")
        c.nonempty(level["singular"], f"{w}.singular")
        c.nonempty(level["plural"], f"{w}.plural")
    if sum(bool(level.get("assessment")) for level in levels[:-1]) > 1:
        raise TemplateError("levels: högst en nivå kan ha prognos och bedömning (assessment).")
    if any(level.get(k) for k in ("description", "boards", "assessment") for level in levels[-1:]):
        raise TemplateError(
            "levels: den sista nivån är de mätta objekten; de har nämnd, mål och utfall, inga andra val."
        )
    return levels


def _check_periods(c: _Checker, periods: list, kinds: set[str]) -> dict[str, dict]:
    if not periods:
        raise TemplateError("periods: minst en period behövs.")
    found: dict[str, dict] = {}
    pairs = set()
    for i, p in enumerate(periods):
        w = f"periods[{i}]"
        c.obj(p, w, {"year": int, "kind": str}, {"code": str, "name": str, "current": bool})
        if p["year"] not in YEARS:
            raise TemplateError(f"{w}.year: {p['year']} är inget rimligt år ({YEARS.start}–{YEARS.stop - 1}).")
        c.one_of(p["kind"], kinds, f"{w}.kind")
        code = period_code(p)
        c.nonempty(code, f"{w}.code")
        if code in found or (p["year"], p["kind"]) in pairs:
            raise TemplateError(f"{w}: perioden {_shown(code)} förekommer mer än en gång.")
        pairs.add((p["year"], p["kind"]))
        found[code] = p
    if sum(1 for p in periods if p.get("current")) != 1:
        raise TemplateError('periods: exakt en period ska ha "current": true.')
    return found


def period_code(p: dict) -> str:
    """A template period's code: its own, or "<year>-<kind>"."""
    return p.get("code") or f"{p['year']}-{p['kind']}"


def _check_report(c: _Checker, report: dict) -> None:
    c.obj(report, "report", {}, {k: str for k in REPORT_KEYS})
    if report.get("publication_date"):
        try:
            date.fromisoformat(report["publication_date"])
        except ValueError:
            raise TemplateError("report.publication_date: ska vara ett datum ÅÅÅÅ-MM-DD.") from None


class _Context:
    """What a node is checked against: the model, the codes, the periods."""

    def __init__(self, c, levels, kinds, scales, boards, units, periods):
        self.c, self.levels, self.kinds, self.scales = c, levels, kinds, scales
        self.boards, self.units, self.periods = boards, units, periods
        self.measure_depth = len(levels) - 2
        self.prognosis: set[str] = next(
            (s["codes"] for s in scales.values() if s["purpose"] == ScalePurpose.PROGNOSIS), set()
        )
        self.trend: set[str] = next(s["codes"] for s in scales.values() if s["purpose"] == ScalePurpose.TREND)

    def node(self, node, w: str, depth: int) -> None:
        c, level = self.c, self.levels[depth]
        holds = "measures" if depth == self.measure_depth else "children"
        c.obj(node, w, {"id": str, "name": str},
              {"description": str, "boards": list, "assessments": dict, "sections": dict, holds: list})  # fmt: skip
        c.node_id(node["id"], w)
        c.nonempty(node["name"], f"{w}.name")
        for key, allowed in (("description", "has_description"), ("boards", "has_boards"),
                             ("assessments", "has_assessment")):  # fmt: skip
            if node.get(key) and not level.get(allowed.removeprefix("has_")):
                raise TemplateError(f"{w}.{key}: nivån {level['singular']!r} har inget sådant fält.")
        for k, code in enumerate(node.get("boards", [])):
            c.one_of(code, self.boards, f"{w}.boards[{k}]")
        for period, a in node.get("assessments", {}).items():
            c.one_of(period, self.periods, f"{w}.assessments")
            c.obj(a, f"{w}.assessments.{period}", {"prognosis": (str, type(None)), "text": str})
            c.one_of(a["prognosis"], self.prognosis, f"{w}.assessments.{period}.prognosis", allow_none=True)
        if depth == self.measure_depth:
            for m, measure in enumerate(node.get("measures", [])):
                self.measure(measure, f"{w}.measures[{m}]")
            self.sections(node.get("sections", {}), w, {m["id"] for m in node.get("measures", [])})
        else:
            if "sections" in node:
                raise TemplateError(f"{w}.sections: kommentarsavsnitt hör till nivån som har de mätta objekten.")
            for k, child in enumerate(node.get(holds, [])):
                self.node(child, f"{w}.{holds}[{k}]", depth + 1)

    def sections(self, sections: dict, w: str, measure_ids: set) -> None:
        for period, items in sections.items():
            self.c.one_of(period, self.periods, f"{w}.sections")
            self.c.typed(items, list, f"{w}.sections.{period}")
            placed = set()
            for s, section in enumerate(items):
                sw = f"{w}.sections.{period}[{s}]"
                self.c.obj(section, sw, {"heading": str}, {"text": str, "measures": list, "commentary_of": str})
                if "commentary_of" in section:
                    self.c.one_of(section["commentary_of"], measure_ids, f"{sw}.commentary_of")
                    if section["commentary_of"] in placed:
                        raise TemplateError(f"{sw}.commentary_of: det mätta objektets kommentar har redan en plats.")
                    placed.add(section["commentary_of"])
                elif "text" not in section:
                    raise TemplateError(f"{sw}: fältet 'text' saknas.")
                for k, measure_id in enumerate(section.get("measures", [])):
                    if measure_id not in measure_ids:
                        raise TemplateError(
                            f"{sw}.measures[{k}]: {_shown(measure_id)} är inget av nodens mätta objekt."
                        )

    def measure(self, m, w: str) -> None:
        c = self.c
        c.obj(
            m, w,
            {"id": str, "name": str, "kind": str, "board": str},
            {"unit": str, "target": str, "gender_split": bool, "direction": str, "comparison": str, "footnote": str,
             "entries": dict},
        )  # fmt: skip
        c.node_id(m["id"], w)
        c.nonempty(m["name"], f"{w}.name")
        c.one_of(m["kind"], self.kinds, f"{w}.kind")
        c.one_of(m["board"], self.boards, f"{w}.board")
        if "unit" in m:
            c.one_of(m["unit"], self.units, f"{w}.unit")
        c.one_of(m.get("direction", Direction.NONE), {d.value for d in Direction}, f"{w}.direction")
        c.one_of(m.get("comparison", Comparison.PREVIOUS_PERIOD), {x.value for x in Comparison}, f"{w}.comparison")
        fulfilment = self.scales[self.kinds[m["kind"]]["scale"]]["codes"]
        for period, e in m.get("entries", {}).items():
            ew = f"{w}.entries.{period}"
            c.one_of(period, self.periods, f"{w}.entries")
            text_fields = {f.name: str for f in ENTRY_FIELDS if f.is_text}
            assessed = {f.name: (str, type(None)) for f in ENTRY_FIELDS if f.assessed and f.assessed != Assessed.STATUS}
            c.obj(e, ew, {}, {**text_fields, **assessed, "status": str})
            c.one_of(e.get("fulfilment"), fulfilment, f"{ew}.fulfilment", allow_none=True)
            c.one_of(e.get("trend"), self.trend, f"{ew}.trend", allow_none=True)
            c.one_of(e.get("status", Status.NOT_STARTED), {s.value for s in Status}, f"{ew}.status")
