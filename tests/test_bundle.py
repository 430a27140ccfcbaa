"""The bundle as an office user gets it: built once per session with packaging/bygg.py, then run
from its own folder with no virtual environment, no PYTHONPATH and no source tree in reach.

Slow (the build takes half a minute or more on 2 cores). The README's test command installs
PyInstaller (`.[test,paket]`), so CI runs it; without PyInstaller it is skipped.
"""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.identity import version
from desktop.paths import EXAMPLE_FILE

pytest.importorskip("PyInstaller", reason="the bundle needs the paket extra: pip install -e '.[test,paket]'")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle is built and checked on Linux here"),
]

ROOT = Path(__file__).resolve().parent.parent
# Exactly what packaging/hooks/hook-PySide6.QtGui.py keeps on Linux, and the Qt libraries they need.
LINUX_PLUGINS = {
    "platforms/libqxcb.so", "platforms/libqoffscreen.so", "platformthemes/libqxdgdesktopportal.so",
    "platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "platforminputcontexts/libibusplatforminputcontextplugin.so",
    "imageformats/libqsvg.so", "iconengines/libqsvgicon.so",
}  # fmt: skip
QT_LIBRARIES = {"libQt6Core", "libQt6Gui", "libQt6Widgets", "libQt6Svg", "libQt6DBus", "libQt6XcbQpa"}


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    """The bundled program, built from this checkout into a temporary folder."""
    folder = tmp_path_factory.mktemp("paket")
    build = [sys.executable, str(ROOT / "packaging" / "bygg.py"),
             "--ut", str(folder / "dist"), "--arbetsmapp", str(folder / "bygge")]  # fmt: skip
    result = subprocess.run(build, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    program = folder / "dist" / "styrkort" / "styrkort"
    assert program.is_file() and os.access(program, os.X_OK)
    return program


def user_env(home: Path, **extra: str) -> dict[str, str]:
    """An office user's session: a home, a locale and the system's PATH, nothing of Python's."""
    env = {"HOME": str(home), "PATH": os.defpath, "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", **extra}
    assert not any(part.startswith((sys.prefix, str(ROOT))) for part in env["PATH"].split(os.pathsep))
    return env


@pytest.fixture
def user(tmp_path):
    """A working folder outside the source tree, and an environment whose data stays in the test's folder."""
    folder = tmp_path / "arbete"
    folder.mkdir()
    return folder, user_env(tmp_path / "hem", STYRKORT_DATA=str(tmp_path / "data"))


def run(program: Path, *args, cwd: Path, env: dict, timeout: int = 180) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *map(str, args)], capture_output=True, text=True, cwd=cwd, env=env, timeout=timeout
    )


def test_the_bundle_holds_the_app_its_resources_and_only_the_qt_it_needs(bundle):
    internal = bundle.parent / "_internal"
    resources = {p.relative_to(ROOT / "resurser") for p in (ROOT / "resurser").rglob("*") if p.is_file()}
    bundled = {p.relative_to(internal / "resurser") for p in (internal / "resurser").rglob("*") if p.is_file()}
    assert resources == bundled and Path("styrkort.svg") in bundled
    # The version comes from the package metadata the bundle carries (.dist-info or .egg-info), as no
    # pyproject.toml is inside; the PDF's creator and `självtest` below show that it is read.
    assert list(internal.glob("styrkort*-info")) and not list(bundle.parent.rglob("pyproject.toml"))

    qt = internal / "PySide6" / "Qt"
    assert [p.name for p in (qt / "translations").iterdir()] == ["qtbase_sv.qm"]
    assert {str(p.relative_to(qt / "plugins")) for p in (qt / "plugins").rglob("*.so")} == LINUX_PLUGINS
    assert {p.name.split(".")[0] for p in internal.rglob("libQt6*.so*")} == QT_LIBRARIES
    assert not list(internal.rglob("libgtk-3.so*")) and not list(internal.glob("PySide6/QtNetwork*"))

    share = bundle.parent / "share"
    assert (share / "applications" / "styrkort.desktop").is_file()
    assert (share / "mime" / "packages" / "styrkort.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / "styrkort.png").is_file()
    assert os.access(bundle.parent / "installera.sh", os.X_OK)


def test_new_check_report_export_and_merge_from_the_bundle(bundle, user):
    folder, env = user
    made = run(bundle, "ny", "--ut", "Norrbotten", cwd=folder, env=env)
    assert made.returncode == 0, made.stderr
    central = folder / "Norrbotten.styrkort"
    assert central.is_file() and "107 styrmått" in made.stdout

    checked = run(bundle, "kontrollera", central, cwd=folder, env=env)
    assert checked.returncode == 0 and "allt i ordning" in checked.stdout, checked.stderr

    report = run(bundle, "rapport", "--fil", central, "--ut", "rapport.pdf", cwd=folder, env=env)
    assert report.returncode == 0, report.stderr
    pages = int(re.search(r"\((\d+) sidor\)", report.stdout).group(1))
    pdf = PdfReader(folder / "rapport.pdf")
    assert len(pdf.pages) == pages > 10
    assert pdf.metadata["/Creator"] == f"Styrkort {version()}"
    assert "Region Norrbotten" in pdf.pages[0].extract_text()

    unit_file = folder / "enhet-EKO.styrkort"
    exported = run(bundle, "exportera", "--fil", central, "--enhet", "EKO", "--ut", unit_file, cwd=folder, env=env)
    assert exported.returncode == 0 and unit_file.is_file(), exported.stderr
    # The officer fills in one outcome, through the bundle's own table import.
    assert run(bundle, "tabell", "--fil", unit_file, "--ut", "eko.csv", cwd=folder, env=env).returncode == 0
    measure_id = fill_first_outcome(folder / "eko.csv", "EKO", "4 711")
    imported = run(bundle, "importera", "--fil", unit_file, "eko.csv", cwd=folder, env=env)
    assert imported.returncode == 0, imported.stderr

    merged = run(bundle, "sammanfoga", "--fil", central, unit_file, cwd=folder, env=env)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "enhet-EKO.styrkort (Ekonomiavdelningen): 1 värde infört" in merged.stdout
    assert run(bundle, "tabell", "--fil", central, "--ut", "central.csv", cwd=folder, env=env).returncode == 0
    assert outcomes(folder / "central.csv")[measure_id] == "4 711"


def fill_first_outcome(table: Path, unit: str, value: str) -> str:
    with open(table, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header = rows[0]
    row = next(r for r in rows[1:] if r[header.index("enhet")] == unit)
    row[header.index("utfall_totalt")] = value
    with open(table, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    return row[header.index("id")]


def outcomes(table: Path) -> dict[str, str]:
    with open(table, encoding="utf-8-sig", newline="") as f:
        return {row["id"]: row["utfall_totalt"] for row in csv.DictReader(f, delimiter=";")}


def test_the_window_reaches_its_first_paint_in_swedish(bundle, user, tmp_path):
    folder, env = user
    result = run(bundle, "--avsluta-efter-ritning", cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    assert "ritat" in result.stdout.splitlines()
    assert (tmp_path / "data" / EXAMPLE_FILE).is_file()
    log = (tmp_path / "data" / "styrkort.log").read_text(encoding="utf-8")
    assert "översättning" not in log and "Traceback" not in log  # qtbase_sv.qm was found and loaded


def test_spawned_processes_work_in_the_frozen_program(bundle, user):
    """The window runs the report and the merge in spawned processes (desktop/background.py); in a
    bundle each child is the bundle's program again, which only multiprocessing.freeze_support() in
    main.py turns into a worker. `självtest` runs both through the window's own functions."""
    folder, env = user
    result = run(bundle, "självtest", cwd=folder, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    resources = bundle.parent / "_internal" / "resurser"
    assert lines[0] == f"Styrkort {version()} (paketerat program), resurser i {resources}"
    assert re.fullmatch(r"Sammanfogning i bakgrundsprocess: enhet-\w+\.styrkort \(.+\): 0 värden införda, .*", lines[2])
    assert re.fullmatch(r"Rapport i bakgrundsprocess: \d{2} sidor\.", lines[3])
    assert lines[-1] == "Självtestet gick igenom."


def test_user_files_go_to_documents_and_settings_to_the_platform_never_beside_the_program(bundle, tmp_path):
    home = tmp_path / "hem"
    (home / ".config").mkdir(parents=True)
    (home / ".config" / "user-dirs.dirs").write_text('XDG_DOCUMENTS_DIR="$HOME/Dokument"\n', encoding="utf-8")
    program_folder = sorted(p.relative_to(bundle.parent) for p in bundle.parent.rglob("*"))

    result = run(bundle, "--avsluta-efter-ritning", cwd=tmp_path, env=user_env(home))  # no STYRKORT_DATA
    assert result.returncode == 0 and "ritat" in result.stdout, result.stderr
    assert (home / "Dokument" / "Styrkort" / EXAMPLE_FILE).is_file()
    assert (home / ".local" / "state" / "Styrkort" / "Styrkort" / "styrkort.log").is_file()
    assert (home / ".config" / "Styrkort" / "Styrkort.conf").is_file()
    assert sorted(p.relative_to(bundle.parent) for p in bundle.parent.rglob("*")) == program_folder
