"""Benchmark: merge 20 returned unit files, each with all its measures filled, into the example.

    .venv/bin/python tests/bench/merge_20.py

The built-in example has 12 units; this spreads its 107 measures over 20 so
that there are twenty files to merge. Prints the time of the export and of
the merge (which includes checking every file and the backup).
"""

import copy
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from db.goalfile import GoalFile  # noqa: E402
from db.merge import merge_files  # noqa: E402
from db.template import create_from_template, load_template  # noqa: E402
from db.unitfile import export_all  # noqa: E402
from desktop.paths import EXAMPLE_TEMPLATE, resource_path  # noqa: E402

UNITS = 20


def twenty_unit_template() -> dict:
    template = copy.deepcopy(load_template(resource_path(EXAMPLE_TEMPLATE)))
    template["units"] += [{"code": f"E{i}", "name": f"Enhet {i}"} for i in range(len(template["units"]) + 1, UNITS + 1)]
    codes = [u["code"] for u in template["units"]]
    measures = [m for p in template["perspectives"] for g in p["goals"] for f in g["factors"] for m in f["measures"]]
    for i, measure in enumerate(measures):
        measure["unit"] = codes[i % UNITS]
    return template


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        central_path = folder / "central.sqlite"
        create_from_template(central_path, twenty_unit_template(), user="controller").close()
        with GoalFile.open(central_path, user="controller") as central:
            started = time.perf_counter()
            files = export_all(central, folder / "ut")
            export_seconds = time.perf_counter() - started
        for path in files:
            with GoalFile.open(path, user="handläggare") as unit_file, unit_file.db.atomic():
                period = unit_file.export_period
                for p in unit_file.tree():
                    for m in (m for g in p.goals for f in g.factors for m in f.measures):
                        if unit_file.can_edit_measure(m, period):
                            unit_file.write_entry(m, period, {
                                "outcome_total": "1 234", "outcome_women": "600", "outcome_men": "634",
                                "commentary": "Analys för perioden. " * 40, "status": "utkast",
                                "trend": "battre",
                            }, origin="bench")  # fmt: skip
        with GoalFile.open(central_path, user="controller") as central:
            started = time.perf_counter()
            run = merge_files(central, files)
            merge_seconds = time.perf_counter() - started
            started = time.perf_counter()
            merge_files(central, files)
            again_seconds = time.perf_counter() - started
        applied = sum(len(f.applied) for f in run.files)
        print(f"export av {len(files)} enhetsfiler: {export_seconds:.2f} s")
        print(f"sammanfogning av {len(files)} enhetsfiler ({applied} värden): {merge_seconds:.2f} s")
        print(f"samma filer en gång till (redan sammanfogade): {again_seconds:.2f} s")


if __name__ == "__main__":
    main()
