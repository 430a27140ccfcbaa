"""The direction of dependencies holds for every module: db never imports desktop; db and
desktop/report never import Qt; the command line and the background processes run without Qt.

Each check imports every module of the packages (pkgutil.walk_packages) in a fresh interpreter,
so a lazily registered sub-command or a module nothing imports at start is checked too."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import importlib, json, pkgutil, sys
before = set(sys.modules)
names = []
for package in {packages!r}:
    module = importlib.import_module(package)
    names.append(package)
    if hasattr(module, "__path__"):
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if not info.name.startswith({skip!r}):
                importlib.import_module(info.name)
                names.append(info.name)
loaded = sorted(set(sys.modules) - before)
print(json.dumps({{"names": names, "loaded": loaded}}))
"""


def imported_by(*packages: str, skip: tuple[str, ...] = ("desktop.ui",)) -> tuple[list[str], list[str]]:
    """(the modules walked, every module they loaded) in a fresh interpreter."""
    code = PROBE.format(packages=list(packages), skip=skip)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    return found["names"], found["loaded"]


def test_db_never_imports_desktop_or_qt():
    names, loaded = imported_by("db")
    assert len(names) > 15  # every module of db was walked
    assert not [m for m in loaded if m.split(".")[0] in ("desktop", "PySide6")]


def test_the_report_never_imports_qt():
    names, loaded = imported_by("desktop.report")
    assert "desktop.report.build" in names
    assert not [m for m in loaded if m.startswith(("PySide6", "desktop.ui"))]


def test_the_command_line_and_background_work_run_without_qt():
    names, loaded = imported_by("desktop.cli", "desktop.background", "desktop.lockfile", "desktop.paths",
                                "desktop.symbols")  # fmt: skip
    assert {"desktop.cli.cycle", "desktop.cli.merge", "desktop.cli.report", "desktop.cli.table"} <= set(names)
    assert not [m for m in loaded if m.startswith(("PySide6", "desktop.ui"))]


def test_every_gui_module_imports():
    names, _ = imported_by("desktop.ui", skip=())
    assert "desktop.ui.main_window" in names and "desktop.ui.editors.measure_editor" in names
