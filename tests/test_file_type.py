"""The .styrkort file type: new files get it, and a file by any other name still opens."""

import csv
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from db.connection import FILE_SUFFIX
from db.goalfile import GoalFile
from db.schema import SCHEMA_VERSION
from desktop.paths import EXAMPLE_FILE

ROOT = Path(__file__).resolve().parent.parent
# Made by Styrkort 0.1.0 before the extension existed: `ny` from a small template (tests/merge_support.py),
# with one outcome written, then VACUUM. Never regenerate it: it stands for the files users already have.
OLD_FILE = ROOT / "tests" / "data" / "malfil-0.1.0.sqlite"
OLD_VALUE = "Skrivet av Styrkort 0.1.0"


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_new_without_extension_writes_a_styrkort_file(tmp_path):
    made = run("ny", "--ut", tmp_path / "Norrbotten 2023")
    assert made.returncode == 0, made.stderr
    target = tmp_path / "Norrbotten 2023.styrkort"
    assert target.is_file() and str(target) in made.stdout
    assert not (tmp_path / "Norrbotten 2023").exists()
    with sqlite3.connect(target) as conn:  # still a plain SQLite file
        assert conn.execute("SELECT count(*) FROM measures").fetchone() == (107,)
    conn.close()
    assert run("kontrollera", target).returncode == 0


def test_new_with_an_extension_keeps_the_name_given(tmp_path):
    assert run("ny", "--ut", tmp_path / "central.sqlite").returncode == 0
    assert (tmp_path / "central.sqlite").is_file() and not list(tmp_path.glob("*.styrkort"))


def test_a_sqlite_file_from_version_0_1_still_opens_and_migrates(tmp_path):
    old = tmp_path / OLD_FILE.name
    shutil.copyfile(OLD_FILE, old)
    with sqlite3.connect(old) as conn:
        version_before = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    with GoalFile.open(old, user="controller") as goal_file:
        assert goal_file.find_unit("A").name == "Enhet A"
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    backups = [p for p in tmp_path.iterdir() if p.name != old.name]
    assert len(backups) == (1 if version_before < SCHEMA_VERSION else 0)  # a backup before any migration

    checked = run("kontrollera", old)
    assert checked.returncode == 0, checked.stderr
    table = tmp_path / "tabell.csv"
    assert run("tabell", "--fil", old, "--ut", table).returncode == 0
    with open(table, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    assert [row["utfall_totalt"] for row in rows if row["utfall_totalt"]] == [OLD_VALUE]


def test_the_window_opens_a_sqlite_file(make_window, tmp_path):
    old = tmp_path / "gammal.sqlite"
    shutil.copyfile(OLD_FILE, old)
    window = make_window(old)
    assert window.document.path == old


def test_unit_files_and_the_example_get_the_extension(goal_file, tmp_path):
    from db.unitfile import export_all

    written = export_all(goal_file, tmp_path / "ut", goal_file.units()[:2])
    assert [p.suffix for p in written] == [FILE_SUFFIX, FILE_SUFFIX]
    assert EXAMPLE_FILE == "exempel-norrbotten-2022.styrkort"


def test_new_from_template_in_the_window_appends_the_extension(make_window, messages, monkeypatch, tmp_path):
    from desktop.ui import messages as message_module
    from desktop.ui.new_file_dialog import NewFileDialog
    from desktop.ui.texts import GOAL_FILES

    asked = {}

    def choose_save_file(parent, title, folder, pattern):
        asked.update(folder=folder, pattern=pattern)
        return str(tmp_path / "Ny plan")

    monkeypatch.setattr(message_module, "choose_save_file", choose_save_file)

    def create(dialog):
        assert dialog.target.text() == str(tmp_path / "data" / "Region Norrbotten.styrkort")  # in Documents/Styrkort
        dialog._choose_target()
        dialog._create()
        return dialog.result()

    monkeypatch.setattr(NewFileDialog, "exec", create)
    window = make_window()
    window.new_from_template()
    assert window.document.path == tmp_path / "Ny plan.styrkort"
    assert asked["pattern"] == GOAL_FILES and GOAL_FILES.startswith("Styrkort-filer (*.styrkort ")
