"""Templates of format 1, read as format 2: Region Norrbotten's model, spelled out.

Format 1 had no model of its own: four levels named as Norrbotten names them,
two kinds, four scales whose labels and colours a template could override.
`upgrade` writes that model into the template and reshapes its tree, so that
the rest of the app knows only format 2. The same model is what schema step 3
writes into a migrated file (tests/test_template_v1.py keeps the two equal).
Never change this model: a format-1 template means it for ever.
"""

import copy
import re

NORRBOTTEN_LEVELS = [
    {"singular": "Perspektiv", "plural": "Perspektiv", "description": True,
     "definite": "perspektivet", "definite_plural": "perspektiven"},
    {"singular": "Strategiskt mål", "plural": "Strategiska mål", "boards": True, "assessment": True,
     "definite": "det strategiska målet", "definite_plural": "de strategiska målen"},
    {"singular": "Framgångsfaktor", "plural": "Framgångsfaktorer", "boards": True, "article": "en",
     "definite": "framgångsfaktorn", "definite_plural": "framgångsfaktorerna"},
    {"singular": "Styrmått", "plural": "Styrmått", "definite": "styrmåttet", "definite_plural": "styrmåtten"},
]  # fmt: skip
NORRBOTTEN_KINDS = [
    {"code": "styrmatt", "singular": "Styrmått", "plural": "Styrmått", "scale": "fulfilment"},
    {"code": "aktivitet", "singular": "Aktivitet", "plural": "Aktiviteter", "scale": "activity", "trend": False,
     "name_prefix": "Aktivitet:", "article": "en"},
]  # fmt: skip


def _value(code, label, colour, symbol, meaning=None) -> dict:
    value = {"code": code, "label": label, "colour": colour, "symbol": symbol}
    return value | ({"meaning": meaning} if meaning else {})


NORRBOTTEN_SCALES: list[dict] = [
    {"code": "fulfilment", "name": "Måluppfyllelse, styrmått", "purpose": "fulfilment", "values": [
        _value("uppfyllt", "Uppfyllt", "#2e7d32", "circle", "met"),
        _value("delvis", "Delvis uppfyllt", "#f2b705", "triangle", "partly"),
        _value("ej", "Ej uppfyllt", "#c62828", "square", "not_met"),
        _value("ej_matt", "Ej mätt denna period", "#9e9e9e", "dash", "not_measured"),
    ]},
    {"code": "activity", "name": "Måluppfyllelse, aktivitet", "purpose": "fulfilment", "values": [
        _value("genomford", "Genomförd", "#2e7d32", "check", "met"),
        _value("pagar", "Pågår", "#1e88e5", "half_circle"),
        _value("ej_paborjad", "Ej påbörjad", "#9e9e9e", "ring"),
        _value("forsenad", "Försenad", "#ef6c00", "diamond"),
        _value("installd", "Inställd", "#c62828", "cross"),
    ]},
    {"code": "trend", "name": "Utveckling", "purpose": "trend", "values": [
        _value("battre", "Bättre", "#2e7d32", "arrow_up", "better"),
        _value("oforandrad", "Oförändrad", "#f2b705", "arrow_right", "unchanged"),
        _value("samre", "Sämre", "#c62828", "arrow_down", "worse"),
        _value("saknas", "Jämförelse saknas", "#9e9e9e", "dash", "no_comparison"),
    ]},
    {"code": "prognosis", "name": "Prognos, strategiskt mål", "purpose": "prognosis", "values": [
        _value("uppfyllt", "Uppfylls vid årets slut", "#2e7d32", "circle", "met"),
        _value("delvis", "Uppfylls delvis vid årets slut", "#f2b705", "triangle", "partly"),
        _value("ej", "Uppfylls inte vid årets slut", "#c62828", "square", "not_met"),
    ]},
]  # fmt: skip


REQUIRED = ("format", "format_version", "organisation", "boards", "units", "periods", "report", "perspectives")
_NODE_PLACE = re.compile(r"^nodes\[(\d+)\](?:\.children\[(\d+)\])?(?:\.children\[(\d+)\])?")
_SCALE_PLACE = re.compile(r"^scales\[(\d+)\]\.values\[(\d+)\]")


def upgrade(template: dict) -> dict:
    """A format-1 template as format 2. The caller has checked that it is a dict of format 1;
    anything malformed inside is carried over for format 2's validation to name its place."""
    from .errors import TemplateError

    for key in REQUIRED:
        if key not in template:
            raise TemplateError(f"mallen: fältet {key!r} saknas.")
    t = copy.deepcopy(template)
    upgraded = {
        "format": t.get("format"),
        "format_version": 2,
        "organisation": t.get("organisation"),
        "levels": copy.deepcopy(NORRBOTTEN_LEVELS),
        "kinds": copy.deepcopy(NORRBOTTEN_KINDS),
        "scales": _scales(t.get("scales")),
        "boards": t.get("boards"),
        "units": t.get("units"),
    }
    upgraded.update(_periods(t.get("periods")))
    upgraded["report"] = t.get("report")
    upgraded["nodes"] = [_perspective(p) for p in _list(t.get("perspectives"))]
    unknown = set(t) - {"format", "format_version", "organisation", "scales", "boards", "units", "periods",
                        "report", "perspectives"}  # fmt: skip
    upgraded.update({key: t[key] for key in unknown})  # refused by format 2, named as they were
    return upgraded


def place_as_written(message: str) -> str:
    """A format-2 place in a fault message as the format-1 author wrote it:
    nodes[0].children[1].children[2] → perspectives[0].goals[1].factors[2]."""

    def nodes(match: re.Match) -> str:
        parts = [f"{name}[{index}]" for name, index in zip(("perspectives", "goals", "factors"), match.groups(),
                                                                 strict=True) if index is not None]  # fmt: skip
        return ".".join(parts)

    def scales(match: re.Match) -> str:
        return f"scales.{NORRBOTTEN_SCALES[int(match[1])]['code']}[{match[2]}]"

    return _SCALE_PLACE.sub(scales, _NODE_PLACE.sub(nodes, message))


def _scales(overrides) -> list:
    """Format 1 replaced a default scale's values whole, keyed by the scale's code."""
    from .errors import TemplateError

    scales = copy.deepcopy(NORRBOTTEN_SCALES)
    if overrides is None:
        return scales
    if not isinstance(overrides, dict):
        raise TemplateError("mallen.scales: ska vara ett objekt ({…}).")
    known = [s["code"] for s in scales]
    for code in overrides:
        if code not in known:
            raise TemplateError(f"scales.{code}: {code!r} är inte tillåtet (tillåtet: {', '.join(sorted(known))}).")
    meanings = {(s["code"], v["code"]): v.get("meaning") for s in scales for v in s["values"]}
    for scale in scales:
        if scale["code"] in overrides:
            values = overrides[scale["code"]]
            if isinstance(values, list):
                values = [
                    v | ({"meaning": meanings[scale["code"], v["code"]]}
                         if isinstance(v, dict) and meanings.get((scale["code"], v.get("code"))) else {})
                    for v in values
                ]  # fmt: skip
            scale["values"] = values
    return scales


def _periods(periods) -> dict:
    """Format 1 named each period; format 2 names period kinds. Kinds are recovered the way
    schema step 3 recovers them: "2022-delar", "2022 delår", "per augusti" is the kind "delar"."""
    if not isinstance(periods, list) or not all(isinstance(p, dict) for p in periods):
        return {"period_kinds": [], "periods": periods}
    kinds: dict[str, dict] = {}
    converted = []
    for p in periods:
        year, code, name, label = p.get("year"), str(p.get("code", "")), str(p.get("name", "")), p.get("label")
        kind = kinds.get(label)
        if kind is None:
            prefix = f"{year}"
            kind_code = (
                code[len(prefix) + 1 :] if code.startswith(prefix + "-") and len(code) > len(prefix) + 1 else code
            )
            kind_name = (
                name[len(prefix) + 1 :] if name.startswith(prefix + " ") and len(name) > len(prefix) + 1 else name
            )
            if any(k["code"] == kind_code for k in kinds.values()):
                kind_code = code
            kind = {"code": kind_code, "name": kind_name, "label": label}
            kinds[label] = kind
        converted.append({"year": year, "kind": kind["code"], "code": p.get("code"), "name": p.get("name")}
                         | ({"current": p["current"]} if "current" in p else {})
                         | {k: v for k, v in p.items() if k not in ("year", "code", "name", "label", "current")})  # fmt: skip
    return {"period_kinds": list(kinds.values()), "periods": converted}


def _perspective(p) -> dict:
    if not isinstance(p, dict):
        return p
    node = {k: v for k, v in p.items() if k != "goals"}
    node["children"] = [_goal(g) for g in _list(p.get("goals"))]
    return node


def _goal(g) -> dict:
    if not isinstance(g, dict):
        return g
    node = {k: v for k, v in g.items() if k != "factors"}
    node["children"] = [_factor(f) for f in _list(g.get("factors"))]
    return node


def _factor(f) -> dict:
    if not isinstance(f, dict):
        return f
    node = dict(f)
    if isinstance(f.get("sections"), dict):
        # Format 1 did not say which measures a section covers: all of its factor's.
        ids = [m.get("id") for m in _list(f.get("measures")) if isinstance(m, dict)]
        node["sections"] = {
            period: [s | {"measures": ids} if isinstance(s, dict) else s for s in _list(sections)]
            for period, sections in f["sections"].items()
        }
    return node


def _list(value) -> list:
    return value if isinstance(value, list) else []
