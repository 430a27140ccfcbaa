"""The file boundary on the way out: reports, tables and unit files never replace a Styrkort
file, are written whole or not at all, and get the permissions the umask gives."""

import errno
import os
import sqlite3
import stat

import pytest
from boundary_support import (
    assert_one_swedish_sentence,
    run_main,
    run_main_on_small_disk,
    sha256,
    unprivileged_prefix,
)
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


ONTO = {"rapport": ["rapport"], "tabell": ["tabell"], "mall": ["mall", "--år", "2022"]}


@pytest.mark.parametrize("command", ONTO.values(), ids=ONTO.keys())
def test_an_output_onto_the_goal_file_itself_is_refused(command, central_path, capsys):
    before = central_path.read_bytes()
    assert run([*command, "--fil", str(central_path), "--ut", str(central_path)]) == 2
    assert "är målfilen som" in one_error_line(capsys)
    assert central_path.read_bytes() == before


@pytest.mark.parametrize("command", ONTO.values(), ids=ONTO.keys())
def test_an_output_onto_a_returned_unit_file_is_refused(command, central_path, tmp_path, capsys):
    returned = filled_unit_file(central_path, tmp_path)
    before = returned.read_bytes()
    assert run([*command, "--fil", str(central_path), "--ut", str(returned)]) == 2
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


def test_an_export_of_all_units_that_stops_says_which_files_were_written_and_stand(central_path, tmp_path,
                                                                                  monkeypatch):  # fmt: skip
    moves = []

    def full_on_the_second(source, target):
        moves.append(target)
        if len(moves) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        os.rename(source, target)

    monkeypatch.setattr("db.unitfile.os.replace", full_on_the_second)
    folder = tmp_path / "ut"
    with GoalFile.open(central_path) as central, pytest.raises(GoalFileError) as refused:
        export_all(central, folder)
    assert str(refused.value).startswith(f"Disken där {folder / 'enhet-B.styrkort'} ligger är full;")
    assert str(refused.value).endswith("Före felet exporterades 1 av 3 enhetsfiler, och de gäller: enhet-A.styrkort.")
    assert sorted(p.name for p in folder.iterdir()) == ["enhet-A.styrkort"] and export_records(central_path) == 1


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


# Every command that writes a file of its own: {folder} is where, {source} the goal file, {unit} a unit in it.
OUTPUT_COMMANDS = {
    "rapport": ["rapport", "--fil", "{source}", "--ut", "{folder}/rapport.pdf"],
    "rapport-docx": ["rapport", "--fil", "{source}", "--format", "docx", "--ut", "{folder}/rapport.docx"],
    "tabell": ["tabell", "--fil", "{source}", "--ut", "{folder}/tabell.csv"],
    "mall": ["mall", "--fil", "{source}", "--år", "2022", "--ut", "{folder}/mall.json"],
    "exportera": ["exportera", "--fil", "{source}", "--enhet", "{unit}", "--ut", "{folder}/enhet.sqlite"],
    "exportera-alla": ["exportera", "--fil", "{source}", "--alla", "--katalog", "{folder}/enhetsfiler"],
    "ny": ["ny", "--ut", "{folder}/ny.styrkort"],
}


def filled_in(command: list[str], *, folder, source, unit: str = "A") -> list[str]:
    return [part.format(folder=folder, source=source, unit=unit) for part in command]


@pytest.mark.parametrize("command", OUTPUT_COMMANDS.values(), ids=OUTPUT_COMMANDS.keys())
def test_a_real_full_disk_leaves_no_output_no_scraps_and_no_record(command, example_path, tmp_path):
    folder = tmp_path / "liten-disk"
    folder.mkdir()
    before = example_path.read_bytes()
    args = filled_in(command, folder=folder, source=example_path, unit="HR")
    result, left = run_main_on_small_disk(folder, 16384, *args)
    assert_one_swedish_sentence(result, "full")
    assert left == {}
    assert example_path.read_bytes() == before


# Every command that writes the goal file itself, with what it needs beside it ({files}).
CENTRAL_COMMANDS = {
    "sammanfoga": ["sammanfoga", "--fil", "{central}", "{files}/enhet-A.sqlite"],
    "importera": ["importera", "--fil", "{central}", "{files}/tabell.csv"],
    "exportera": ["exportera", "--fil", "{central}", "--enhet", "B", "--ut", "{files}/enhet-B.sqlite"],
    "period-ny": ["period", "ny", "--fil", "{central}"],
    "period-lås": ["period", "lås", "--fil", "{central}", "--orsak", "Antagen av regionstyrelsen"],
    "period-lås-upp": ["period", "lås-upp", "--fil", "{central}", "--period", "P1", "--orsak", "Rättelse"],
    "period-aktuell": ["period", "aktuell", "--fil", "{central}", "--period", "P1"],
}


@pytest.fixture
def central_and_inputs(tmp_path):
    """A central file (with a locked period), a filled-in unit file and an edited table."""
    from db.csv_table import export_table
    from db.periods import lock_period

    files = tmp_path / "in"
    files.mkdir()
    central_path = make_central(tmp_path / "central.sqlite")
    with GoalFile.open(central_path) as central:
        unit_path = export_unit_file(central, central.find_unit("A"), files / "enhet-A.sqlite")
        export_table(central, files / "tabell.csv")
        lock_period(central, "P1", "Antagen")
    with GoalFile.open(unit_path) as unit_file:
        unit_file.update_entry(measures_of(unit_file, "A")[0].id, "P2", {"outcome_total": "5"})
    table = files / "tabell.csv"
    lines = table.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    cells = lines[1].split(";")
    cells[lines[0].split(";").index("utfall_totalt")] = "42"
    table.write_text(lines[0] + ";".join(cells) + "".join(lines[2:]), encoding="utf-8-sig")
    return central_path, files


# Each command with no room at all on the disk; the merge also with room for its backup alone.
FULL = [(name, command, "none") for name, command in CENTRAL_COMMANDS.items()]
FULL.append(("sammanfoga-efter-säkerhetskopian", CENTRAL_COMMANDS["sammanfoga"], "for the backup only"))


@pytest.mark.parametrize(("command", "room"), [(c, r) for _, c, r in FULL], ids=[name for name, _, _ in FULL])
def test_a_goal_file_on_a_full_disk_is_left_as_it_was_with_nothing_beside_it(command, room, central_and_inputs,
                                                                             tmp_path):  # fmt: skip
    central_path, files = central_and_inputs
    disk = tmp_path / "liten-disk"
    disk.mkdir()
    size = central_path.stat().st_size
    args = [part.format(central=disk / central_path.name, files=files) for part in command]
    result, left = run_main_on_small_disk(disk, size + (size + 4096 if room != "none" else 0), *args,
                                          inputs=[central_path])  # fmt: skip
    assert_one_swedish_sentence(result, "full", central_path.name)
    assert left == {central_path.name: sha256(central_path)}
    assert sorted(p.name for p in files.iterdir()) == ["enhet-A.sqlite", "tabell.csv"]


# --- permissions ---------------------------------------------------------------------------


@pytest.fixture
def umask_022():
    before = os.umask(0o022)
    yield
    os.umask(before)


@pytest.mark.parametrize("command", OUTPUT_COMMANDS.values(), ids=OUTPUT_COMMANDS.keys())
def test_outputs_get_the_mode_the_umask_gives(command, central_path, tmp_path, umask_022):
    folder = tmp_path / "ut"
    folder.mkdir()
    result = run_main(*filled_in(command, folder=folder, source=central_path))
    assert result.returncode == 0, result.stderr
    written = [p for p in folder.rglob("*") if p.is_file()]
    assert written and {stat.S_IMODE(p.stat().st_mode) for p in written} == {0o644}


@pytest.mark.parametrize("command", OUTPUT_COMMANDS.values(), ids=OUTPUT_COMMANDS.keys())
def test_a_read_only_folder_is_one_sentence_and_nothing_changes(command, central_path, tmp_path):
    prefix = unprivileged_prefix()
    folder = tmp_path / "skrivskyddad"
    folder.mkdir()
    folder.chmod(0o555)
    before = central_path.read_bytes()
    try:
        result = run_main(*filled_in(command, folder=folder, source=central_path), prefix=prefix)
    finally:
        folder.chmod(0o755)
    assert_one_swedish_sentence(result, "behörighet")
    assert list(folder.iterdir()) == []
    assert central_path.read_bytes() == before


REPLACEABLE = {name: OUTPUT_COMMANDS[name] for name in ("rapport", "rapport-docx", "tabell", "mall")}


@pytest.mark.parametrize("command", REPLACEABLE.values(), ids=REPLACEABLE.keys())
def test_a_read_only_output_file_is_not_replaced(command, central_path, tmp_path):
    prefix = unprivileged_prefix()
    folder = tmp_path / "ut"
    folder.mkdir()
    args = filled_in(command, folder=folder, source=central_path)
    target = folder / args[-1].rsplit("/", 1)[-1]
    target.write_text("den förra, skrivskyddad", encoding="utf-8")
    target.chmod(0o444)
    result = run_main(*args, prefix=prefix)
    assert_one_swedish_sentence(result, "skrivskyddad", target.name)
    assert target.read_text(encoding="utf-8") == "den förra, skrivskyddad"
    assert list(folder.iterdir()) == [target]
