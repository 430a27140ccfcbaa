"""The benchmark's inputs, built from nothing in a temporary folder.

The built-in example (×1) and generated files at ×10 and ×100 (see
`generate.scaled_template`), each also in a variant with its measures spread
over N units, exported as N unit files in which every unit has filled in all
its measures, ready to be merged. Never touches the user's own files.
"""

import copy
import shutil
from pathlib import Path

from generate import scaled_template

from db.goalfile import GoalFile
from db.model import all_measures
from db.new_file import create_from_template
from db.template import load_template
from db.unitfile import export_all
from desktop.paths import EXAMPLE_TEMPLATE, resource_path

FILLED = {
    "outcome_total": "1 234", "outcome_women": "600", "outcome_men": "634",
    "commentary": "Analys för perioden. " * 40, "status": "utkast",
}  # fmt: skip


def example_template() -> dict:
    return load_template(resource_path(EXAMPLE_TEMPLATE))


def template_at(scale: int) -> dict:
    """×1 is the built-in example itself; ×10 and ×100 are generated on its model, boards, units and periods."""
    return example_template() if scale == 1 else scaled_template(scale, example_template())


def goal_file(folder: Path, scale: int, *, units: int | None = None) -> Path:
    """A central goal file at `scale`; with `units`, its measures spread evenly over that many units."""
    template = template_at(scale)
    if units:
        template = spread_over_units(template, units)
    path = folder / (f"central-x{scale}-{units}-enheter.styrkort" if units else f"x{scale}.styrkort")
    create_from_template(path, template, user="controller").close()
    return path


def spread_over_units(template: dict, count: int) -> dict:
    """The template with `count` units (adding E13, E14, … as needed), measures dealt out in turn."""
    template = copy.deepcopy(template)
    template["units"] = template["units"][:count]
    start = len(template["units"]) + 1
    template["units"] += [{"code": f"E{i}", "name": f"Enhet {i}"} for i in range(start, count + 1)]
    codes = [u["code"] for u in template["units"]]
    for i, measure in enumerate(template_measures(template["nodes"])):
        measure["unit"] = codes[i % count]
    return template


def template_measures(nodes: list[dict]) -> list[dict]:
    """Every measure of a format-2 template's nodes, in tree order."""
    return [m for n in nodes for m in n.get("measures", []) + template_measures(n.get("children", []))]


def returned_unit_files(central_path: Path, folder: Path) -> list[Path]:
    """Export one unit file per unit and fill in every measure the unit may edit, as a unit would."""
    with GoalFile.open(central_path, user="controller") as central:
        files = export_all(central, folder)
    for path in files:
        with GoalFile.open(path, user="handläggare") as unit_file, unit_file.transaction():
            period = unit_file.period(unit_file.export_period)
            trend = unit_file.model().trend_scale.values[0].code
            for m in all_measures(unit_file.tree(period.code)):
                if unit_file.entry_refusal(m.unit_id, period) is None:
                    filled = FILLED | ({"trend": trend} if unit_file.model().kind(m.kind).has_trend else {})
                    unit_file.write_entry(m, period.code, filled, origin="bench")
    return files


def fresh_copy(path: Path, name: str) -> Path:
    """A copy of a central file to merge into (a merged file would see the next merge as done already)."""
    target = path.with_name(name)
    target.unlink(missing_ok=True)
    shutil.copyfile(path, target)
    return target
