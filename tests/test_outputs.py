"""The file boundary on the way out: reports, tables and unit files never replace a Styrkort
file, are written whole or not at all, and get the permissions the umask gives."""

import errno
import os
import sqlite3
import stat

import pytest
from boundary_support import assert_one_swedish_sentence, run_main, run_main_on_small_disk, unprivileged_prefix
from merge_support import make_central, measures_of, small_template

from db.errors import GoalFileError
from db.goalfile import GoalFile
from db.unitfile import export_all, export_unit_file
from desktop.cli import run


@pytest.fixture
def central_path(tmp_path):
    return make_central(tmp_path / "central.sqlite")


def filled_unit_file(central_path, tmp_path):
    with GoalFile.open(central_path) as central:
        path = export_unit_file(central, central.find_unit("A"), tmp_path / "enhet-A.sqlite")
    with GoalFile.open(path) as unit_file:
        unit_file.update_entry(measures_of(unit_file, "A")[0].id, "P2", {"outcome_total": "5"})
    return path


def export_records(central_path) -> int:
    conn = sqlite3.connect(central_path)
    try:
        return conn.execute("SELECT count(*) FROM exports").fetchone()[0]
    finally:
        conn.close()


def one_error_line(capsys) -> str:
    error = capsys.readouterr().err.strip()
    assert len(error.splitlines()) == 1 and "Traceback" not in error
    return error


# --- never onto a Styrkort file ------------------------------------------------------------


@pytest.mark.parametrize("command", ["rapport", "tabell"])
def test_an_output_onto_the_goal_file_itself_is_refused(command, central_path, capsys):
    before = central_path.read_bytes()
    assert run([command, "--fil", str(central_path), "--ut", str(central_path)]) == 2
    assert "är målfilen som" in one_error_line(capsys)
    assert central_path.read_bytes() == before


@pytest.mark.parametrize("command", ["rapport", "tabell"])
def test_an_output_onto_a_returned_unit_file_is_refused(command, central_path, tmp_path, capsys):
    returned = filled_unit_file(central_path, tmp_path)
    before = returned.read_bytes()
    assert run([command, "--fil", str(central_path), "--ut", str(returned)]) == 2
    assert "är en Styrkort-fil (en mål- eller enhetsfil) och skrivs inte över" in one_error_line(capsys)
    assert returned.read_bytes() == before


def test_an_export_never_replaces_a_filled_in_unit_file_but_renews_an_unfilled_one(central_path, tmp_path, capsys):
    returned = filled_unit_file(central_path, tmp_path)
    before = returned.read_bytes()
    assert run(["exportera", "--fil", str(central_path), "--enhet", "A", "--ut", str(returned)]) == 2
    assert "skrivs inte över" in one_error_line(capsys)
    assert returned.read_bytes() == before
    sent = tmp_path / "enhet-B.sqlite"
    assert run(["exportera", "--fil", str(central_path), "--enhet", "B", "--ut", str(sent)]) == 0
    assert run(["exportera", "--fil", str(central_path), "--enhet", "B", "--ut", str(sent)]) == 0  # sent again
    assert export_records(central_path) == 3


@pytest.mark.parametrize(("first", "second"), [("Hå", "Ha"), ("H/R", "H-R"), ("HR", "hr")])
def test_units_whose_files_would_share_a_name_are_refused_before_any_file_is_written(first, second, tmp_path):
    path = make_central(tmp_path / "central.sqlite", small_template(units=("A", first, second)))
    folder = tmp_path / "ut"
    with GoalFile.open(path) as central, pytest.raises(GoalFileError) as refused:
        export_all(central, folder)
    message = str(refused.value)
    assert message.startswith("Enheterna ") and "får samma filnamn" in message
    assert f"{first} (Enhet {first})" in message and f"{second} (Enhet {second})" in message
    assert not folder.exists() and export_records(path) == 0


# --- whole or not at all -------------------------------------------------------------------


def test_a_failed_export_records_no_export(central_path, tmp_path, monkeypatch):
    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("db.unitfile.os.replace", disk_full)
    target = tmp_path / "enhet-A.sqlite"
    with (
        GoalFile.open(central_path) as central,
        pytest.raises(GoalFileError, match="Disken där .* ligger är full") as refused,
    ):
        export_unit_file(central, central.find_unit("A"), target)
    assert str(target) in str(refused.value)
    assert export_records(central_path) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["central.sqlite"]


def test_a_table_that_cannot_be_written_whole_leaves_the_old_one_and_names_the_path(
    central_path, tmp_path, monkeypatch
):
    target = tmp_path / "tabell.csv"
    target.write_text("den gamla tabellen", encoding="utf-8")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")  # as a write on a full disk does: no file name

    monkeypatch.setattr("db.outputs.os.fsync", disk_full)
    assert run(["tabell", "--fil", str(central_path), "--ut", str(target)]) == 2
    assert target.read_text(encoding="utf-8") == "den gamla tabellen"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["central.sqlite", "tabell.csv"]


def test_a_disk_full_message_names_the_file(central_path, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("db.outputs.os.fsync", lambda fd: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    target = tmp_path / "rapport.pdf"
    assert run(["rapport", "--fil", str(central_path), "--ut", str(target)]) == 2
    assert (
        one_error_line(capsys)
        == f"styrkort: Disken där {target} ligger är full; inget ändrades. Frigör utrymme och försök igen."
    )


@pytest.mark.parametrize(
    ("command", "name"),
    [(["rapport"], "rapport.pdf"), (["tabell"], "tabell.csv"), (["exportera", "--enhet", "HR"], "enhet-HR.sqlite")],
    ids=["rapport", "tabell", "exportera"],
)
def test_a_real_full_disk_leaves_no_output_no_scraps_and_no_record(command, name, example_path, tmp_path):
    folder = tmp_path / "liten-disk"
    folder.mkdir()
    before = example_path.read_bytes()
    result, left = run_main_on_small_disk(folder, "16k", *command, "--fil", example_path, "--ut", folder / name)
    assert_one_swedish_sentence(result, "full", name)
    assert left == []
    assert example_path.read_bytes() == before


# --- permissions ---------------------------------------------------------------------------


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.mark.parametrize(("command", "name"), [("rapport", "rapport.pdf"), ("tabell", "tabell.csv")])
def test_outputs_get_the_mode_the_umask_gives(command, name, central_path, tmp_path, umask_022):
    target = tmp_path / name
    assert run([command, "--fil", str(central_path), "--ut", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.parametrize(
    "command",
    [["rapport", "--ut", "{folder}/rapport.pdf"], ["tabell", "--ut", "{folder}/tabell.csv"],
     ["exportera", "--enhet", "A", "--ut", "{folder}/enhet-A.sqlite"], ["exportera", "--alla", "--katalog", "{folder}"]],
    ids=["rapport", "tabell", "exportera", "exportera-alla"],
)  # fmt: skip
def test_a_read_only_folder_is_one_sentence_and_nothing_changes(command, central_path, tmp_path):
    prefix = unprivileged_prefix()
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    folder.chmod(0o555)
    before = central_path.read_bytes()
    try:
        args = [command[0], "--fil", central_path, *(a.format(folder=folder) for a in command[1:])]
        result = run_main(*args, prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert_one_swedish_sentence(result, "behörighet")
    assert list(folder.iterdir()) == []
    assert central_path.read_bytes() == before
