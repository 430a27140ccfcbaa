"""A plan year's structure as a template (format 2): what `mall` writes and `ny --mall` reads back.

The organisation's model, its boards, units and period kinds, the periods of
the year and the year's structure with every id, so that a region can hand
its structure to another or start a new file from it, and a file made from
the template writes the same template again. Never exports values: no
entries, assessments or commentary leave the file this way. Reads only.
"""

from .errors import GoalFileError
from .goalfile import GoalFile
from .model import Measure, Node
from .template import FORMAT, FORMAT_VERSION, REPORT_KEYS
from .vocabulary import Comparison, Direction


def template_of_year(goal_file: GoalFile, year: int) -> dict:
    """The template of `year`'s structure; GoalFileError when the file has no such plan year."""
    if year not in goal_file.plan_years():
        years = ", ".join(str(y) for y in goal_file.plan_years())
        raise GoalFileError(f"Planåret {year} finns inte i filen. Planår: {years}.")
    model = goal_file.model()
    units = {u.id: u.code for u in goal_file.units()}
    periods = [p for p in goal_file.periods() if p.year == year]
    current = next((p for p in periods if p.is_current), periods[0] if periods else None)
    kinds = {k.code: k for k in goal_file.period_kinds()}
    template = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "organisation": goal_file.organisation,
        "levels": [_level(level) for level in model.levels],
        "kinds": [_kind(kind) for kind in model.kinds],
        "scales": [
            {
                "code": s.code,
                "name": s.name,
                "purpose": s.purpose.value,
                "values": [
                    {"code": v.code, "label": v.label, "colour": v.colour, "symbol": v.symbol}
                    | ({"meaning": v.meaning} if v.meaning else {})
                    for v in s.values
                ],
            }
            for s in model.scales
        ],  # fmt: skip
        "boards": [{"code": b.code, "name": b.name} for b in goal_file.boards()],
        "units": [{"code": u.code, "name": u.name} for u in goal_file.units()],
        "period_kinds": [{"code": k.code, "name": k.name, "label": k.label} for k in kinds.values()],
        "periods": [
            {"year": p.year, "kind": p.kind}
            | ({"code": p.code} if p.code != f"{p.year}-{p.kind}" else {})
            | ({"name": p.name} if p.name != f"{p.year} {kinds[p.kind].name}" else {})
            | ({"current": True} if p is current else {})
            for p in periods
        ],
        "report": _report(goal_file, current.code) if current else {},
        "nodes": [_node(node, units) for node in goal_file.structure(year)],
    }
    if not periods:  # a plan year without periods yet: its template starts with the first kind
        first = next(iter(kinds.values()), None)
        if first is None:
            raise GoalFileError("Filen har inga periodslag att skapa en period av.")
        template["periods"] = [{"year": year, "kind": first.code, "current": True}]
    return template


def _level(level) -> dict:
    found = {"singular": level.singular, "plural": level.plural, "description": level.has_description,
             "boards": level.has_boards, "assessment": level.has_assessment, "article": level.article,
             "definite": level.definite, "definite_plural": level.definite_plural}  # fmt: skip
    defaults = {"description": False, "boards": False, "assessment": False, "article": "ett", "definite": "",
                "definite_plural": ""}  # fmt: skip
    return {k: v for k, v in found.items() if defaults.get(k, object()) != v}


def _kind(kind) -> dict:
    found = {"code": kind.code, "singular": kind.singular, "plural": kind.plural, "scale": kind.scale,
             "target": kind.has_target, "outcome": kind.has_outcome, "trend": kind.has_trend,
             "name_prefix": kind.name_prefix, "article": kind.article}  # fmt: skip
    defaults = {"target": True, "outcome": True, "trend": True, "name_prefix": "", "article": "ett"}
    return {k: v for k, v in found.items() if defaults.get(k, object()) != v}


def _report(goal_file: GoalFile, period_code: str) -> dict:
    settings = goal_file.report_settings(period_code)
    return {key: getattr(settings, key) for key in REPORT_KEYS}


def _node(node: Node, units: dict[str, str]) -> dict:
    found: dict = {"id": node.id, "name": node.name}
    if node.description:
        found["description"] = node.description
    if node.boards:
        found["boards"] = list(node.boards)
    if node.children:
        found["children"] = [_node(child, units) for child in node.children]
    if node.measures:
        found["measures"] = [_measure(m, units) for m in node.measures]
    return found


def _measure(m: Measure, units: dict[str, str]) -> dict[str, object]:
    found: dict[str, object] = {"id": m.id, "name": m.name, "kind": m.kind, "board": m.board}
    if m.unit_id in units:
        found["unit"] = units[m.unit_id]
    optional: dict[str, tuple[object, object]] = {"target": (m.target, ""), "gender_split": (m.gender_split, False),
                "direction": (m.direction, Direction.NONE), "comparison": (m.comparison, Comparison.PREVIOUS_PERIOD),
                "footnote": (m.footnote, "")}  # fmt: skip
    found.update({key: value for key, (value, default) in optional.items() if value != default})
    return found
