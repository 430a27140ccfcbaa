"""A central file another program holds locked, or that may not be written: every command that
writes it says so in one Swedish sentence, exits 2 and changes nothing (no backup left behind
either); every command that only reads it works, unless the lock keeps readers out too."""

import sqlite3
import subprocess

import pytest
from boundary_support import TIMEOUT, assert_one_swedish_sentence, main_command, run_main, unprivileged_prefix
from merge_support import make_central, measures_of

from db.csv_table import export_table
from db.goalfile import GoalFile
from db.periods import lock_period
from db.unitfile import export_unit_file


@pytest.fixture
def files(tmp_path):
    """A central file in its own folder, a returned unit file and an edited table, elsewhere."""
    folder = tmp_path / "central"
    folder.mkdir()
    central_path = make_central(folder / "central.sqlite")
    with GoalFile.open(central_path) as central:
        unit_path = export_unit_file(central, central.find_unit("A"), tmp_path / "enhet-A.sqlite")
        table = tmp_path / "tabell.csv"
        export_table(central, table)
        lock_period(central, "P1", "Antagen")  # for lås-upp
    with GoalFile.open(unit_path) as unit_file:
        unit_file.update_entry(measures_of(unit_file, "A")[0].id, "P2", {"outcome_total": "5"})
    text = table.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    cells = text[1].split(";")
    cells[text[0].split(";").index("utfall_totalt")] = "42"
    table.write_text(text[0] + ";".join(cells) + "".join(text[2:]), encoding="utf-8-sig")
    return {"central": central_path, "unit": unit_path, "table": table, "out": tmp_path / "ut"}


WRITING = {
    "sammanfoga": lambda f: ["sammanfoga", "--fil", f["central"], f["unit"]],
    "importera": lambda f: ["importera", "--fil", f["central"], f["table"]],
    "exportera": lambda f: ["exportera", "--fil", f["central"], "--enhet", "B", "--ut", f["out"] / "enhet-B.sqlite"],
    "period ny": lambda f: ["period", "ny", "--fil", f["central"]],
    "period lås": lambda f: ["period", "lås", "--fil", f["central"], "--orsak", "Antagen av regionstyrelsen"],
    "period lås-upp": lambda f: ["period", "lås-upp", "--fil", f["central"], "--period", "P1", "--orsak", "Rättelse"],
    "period aktuell": lambda f: ["period", "aktuell", "--fil", f["central"], "--period", "P1"],
}
READING = {
    "tabell": lambda f: ["tabell", "--fil", f["central"], "--ut", f["out"] / "tabell.csv"],
    "rapport": lambda f: ["rapport", "--fil", f["central"], "--ut", f["out"] / "rapport.pdf"],
    "rapport docx": lambda f: ["rapport", "--fil", f["central"], "--format", "docx", "--ut", f["out"] / "rapport.docx"],
    "mall": lambda f: ["mall", "--fil", f["central"], "--år", "2022", "--ut", f["out"] / "mall.json"],
    "status": lambda f: ["status", "--fil", f["central"]],
    "kontrollera": lambda f: ["kontrollera", f["central"]],
}
OUTPUTS = ["mall.json", "rapport.docx", "rapport.pdf", "tabell.csv"]


def folder_state(files) -> dict:
    folder = files["central"].parent
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} | {"ut": sorted(files["out"].iterdir())}


def run_all_at_once(commands: dict, files) -> dict[str, subprocess.CompletedProcess]:
    """Every command in its own process at the same time: each waits out SQLite's busy timeout once."""
    running = {
        name: subprocess.Popen(main_command(*make(files)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for name, make in commands.items()
    }
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=TIMEOUT)
        results[name] = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    return results


def holding(files, how: str):
    conn = sqlite3.connect(files["central"], isolation_level=None)
    conn.execute(f"BEGIN {how}")
    return conn


def test_a_held_write_lock_stops_every_writing_command_in_one_sentence(files):
    files["out"].mkdir()
    before = folder_state(files)
    lock = holding(files, "IMMEDIATE")  # another program in the middle of saving
    try:
        results = run_all_at_once(WRITING, files)
        readers = run_all_at_once(READING, files)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    for name, result in results.items():
        error = assert_one_swedish_sentence(result, "låst")
        assert "skadad" not in error, name
    assert all(r.returncode == 0 for r in readers.values()), readers  # a reader is not kept waiting
    assert {k: v for k, v in folder_state(files).items() if k != "ut"} == {k: v for k, v in before.items() if k != "ut"}
    assert folder_state(files)["ut"] == [files["out"] / name for name in OUTPUTS]


def test_a_file_locked_for_reading_is_called_locked_not_damaged(files):
    files["out"].mkdir()
    lock = holding(files, "EXCLUSIVE")
    try:
        results = run_all_at_once(READING | WRITING, files)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    for name, result in results.items():
        error = assert_one_swedish_sentence(result, "låst")
        assert "skadad" not in error, name
    assert list(files["out"].iterdir()) == []


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_central_file_or_folder_is_one_sentence_and_nothing_changes(files, what):
    prefix = unprivileged_prefix()
    files["out"].mkdir()
    target = files["central"] if what == "file" else files["central"].parent
    mode = target.stat().st_mode
    before = folder_state(files)
    target.chmod(0o444 if what == "file" else 0o555)
    try:
        results = {name: run_main(*make(files), prefix=prefix) for name, make in WRITING.items()}
        readers = {name: run_main(*READING[name](files), prefix=prefix) for name in ("tabell", "rapport", "mall")}
    finally:
        target.chmod(mode)
    for name, result in results.items():
        error = assert_one_swedish_sentence(result, files["central"].name)
        assert "skadad" not in error, name
    for result in readers.values():  # reading a file one may not write is fine
        assert result.returncode == 0, result.stderr
    assert {k: v for k, v in folder_state(files).items() if k != "ut"} == {k: v for k, v in before.items() if k != "ut"}
