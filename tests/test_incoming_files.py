"""The file boundary on the way in: special files, crash journals, hostile sizes and lengths."""

import os
import shutil
import socket
import sqlite3
import sys
import tempfile
import uuid
from pathlib import Path

import pytest
from boundary_support import assert_one_swedish_sentence, run_main
from merge_support import make_central, measures_of, snapshot

from db.check import check_file
from db.errors import GoalFileError
from db.goalfile import GoalFile
from db.incoming import MAX_TEXT, read_incoming
from db.merge import merge_files
from db.unitfile import export_unit_file

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="special files of a POSIX system")


@pytest.fixture
def central(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite"), user="controller") as gf:
        yield gf


def returned_file(central, tmp_path, code="A", value="5") -> Path:
    path = export_unit_file(central, central.find_unit(code), tmp_path / f"enhet-{code}.sqlite")
    with GoalFile.open(path, user="handläggare") as unit_file:
        unit_file.update_entry(measures_of(unit_file, code)[0].id, "P2", {"outcome_total": value})
    return path


def refusal(central, path) -> str:
    before = snapshot(central.path)
    run_ = merge_files(central, [path])
    assert run_.backup is None and snapshot(central.path) == before
    return run_.files[0].refused


# --- special files -----------------------------------------------------------------------


def make_fifo(path: Path) -> str:
    os.mkfifo(path)
    return "namngiven pipe"


def make_socket(path: Path) -> str:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays
    return "socket"


def link_to(device: str):
    def make(path: Path) -> str:
        path.symlink_to(device)
        return "specialfil"

    make.__name__ = f"link_to_{Path(device).name}"
    return make


def make_folder(path: Path) -> str:
    path.mkdir()
    return "mapp"


SPECIAL = [make_fifo, make_socket, link_to("/dev/zero"), link_to("/dev/urandom"), make_folder]


@pytest.fixture
def short_dir():
    """A folder with a short path: a socket's path may not be longer than about 100 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="sk-"))
    yield folder
    shutil.rmtree(folder)


@posix_only
@pytest.mark.parametrize("make", SPECIAL, ids=[m.__name__ for m in SPECIAL])
def test_a_special_file_is_refused_by_sammanfoga_and_kontrollera_without_hanging(make, central, short_dir):
    special = short_dir / "enhet-A.sqlite"
    reason = make(special)
    central.close()
    before = snapshot(central.path)
    merged = run_main("sammanfoga", "--fil", central.path, special)
    assert_one_swedish_sentence(merged, "enhet-A.sqlite vägras: ", reason)
    checked = run_main("kontrollera", special)
    assert_one_swedish_sentence(checked, reason)
    opened = run_main("status", "--fil", special)
    assert_one_swedish_sentence(opened, reason)
    assert snapshot(central.path) == before


@posix_only
def test_a_fifo_swapped_in_after_the_check_does_not_block_the_reader(tmp_path, monkeypatch):
    from db import regular_file

    fifo = tmp_path / "rör"
    os.mkfifo(fifo)
    regular = tmp_path / "vanlig"
    regular.write_bytes(b"x")
    real_stat = os.stat
    monkeypatch.setattr(regular_file.os, "stat", lambda path, **kw: real_stat(regular if path == fifo else path))
    with pytest.raises(GoalFileError, match="namngiven pipe"):
        regular_file.open_regular(fifo)  # stat says regular; the open file says FIFO, and did not block


# --- a crash left a write unfinished -------------------------------------------------------


def test_a_file_whose_journal_holds_an_unfinished_write_is_refused(central, tmp_path):
    path = returned_file(central, tmp_path)
    own = measures_of(central, "A")[0].id
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA cache_size = 10")  # a small cache spills the uncommitted pages into the file
    writer.execute("BEGIN")
    writer.execute("UPDATE entries SET outcome_total = '777' WHERE measure_id = ? AND period_code = 'P2'", [own])
    writer.execute(
        "INSERT INTO change_log (at, by, subject, node_id, field, new_value, origin) VALUES ('', '', '', '', '', ?, '')",
        ["x" * 2_000_000],
    )
    copy = tmp_path / "kopia" / path.name  # what a crash at this moment leaves behind
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-journal", f"{copy}-journal")
    writer.execute("ROLLBACK")
    writer.close()
    assert Path(f"{copy}-journal").stat().st_size > 0
    message = refusal(central, copy)
    assert "enhet-A.sqlite-journal" in message and "avbröts" in message
    assert "Öppna filen i Styrkort på handläggarens dator" in message and "skicka den igen" in message
    assert central.entry(own, "P2").outcome_total == ""


def test_a_file_with_changes_left_in_its_wal_is_refused(central, tmp_path):
    path = returned_file(central, tmp_path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE entries SET outcome_total = '8' WHERE outcome_total = '5'")
    copy = tmp_path / "kopia" / path.name
    copy.parent.mkdir()
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    writer.close()
    message = refusal(central, copy)
    assert "enhet-A.sqlite-wal" in message and "Öppna filen i Styrkort på handläggarens dator" in message


def test_an_empty_or_zeroed_journal_is_no_unfinished_write(central, tmp_path):
    path = returned_file(central, tmp_path)
    Path(f"{path}-journal").write_bytes(b"")
    assert read_incoming(path, central).entries
    Path(f"{path}-journal").write_bytes(bytes(512))  # journal_mode=PERSIST after a commit
    assert read_incoming(path, central).entries


# --- sizes and row counts --------------------------------------------------------------------


def test_padding_beyond_what_a_unit_file_can_be_is_refused_before_reading(central, tmp_path):
    path = returned_file(central, tmp_path)
    with open(path, "r+b") as f:
        f.truncate(300 * 1024 * 1024)  # sparse: costs no disk, but reading it would cost 300 MB
    assert "orimligt stor" in refusal(central, path)


def test_a_file_stuffed_with_rows_is_refused_by_counting_them(central, tmp_path):
    path = returned_file(central, tmp_path)
    conn = sqlite3.connect(path)
    conn.executemany(
        "INSERT INTO entries (measure_id, period_code, outcome_total) VALUES (?, 'P2', 'skräp')",
        ((str(uuid.uuid4()),) for _ in range(50_000)),
    )
    conn.commit()
    conn.close()
    message = refusal(central, path)
    assert "fler rader i tabellen entries" in message and "central.sqlite" in message


def test_the_size_limit_leaves_room_for_a_real_returned_file(central, tmp_path):
    path = returned_file(central, tmp_path)
    with GoalFile.open(path, user="handläggare") as unit_file:
        for measure in measures_of(unit_file, "A"):
            unit_file.update_entry(measure.id, "P2", {"commentary": "Lång analys. " * 15_000})
    assert len(read_incoming(path, central).entries) == 2


# --- length limits apply to what the unit sent -----------------------------------------------


def test_a_long_central_commentary_does_not_make_other_units_files_refused(central, tmp_path):
    long_text = "Centralens långa analys. " * 10_400  # 260,000 characters
    assert len(long_text) > MAX_TEXT
    central.update_entry(measures_of(central, "B")[0].id, "P2", {"commentary": long_text})
    central.update_entry(measures_of(central, "A")[0].id, "P2", {"commentary": long_text})
    path = returned_file(central, tmp_path)
    run_ = merge_files(central, [path])
    assert run_.files[0].refused is None and len(run_.files[0].applied) == 1
    assert central.entry(measures_of(central, "A")[0].id, "P2").outcome_total == "5"


def test_a_unit_that_sends_an_overlong_text_is_refused_naming_the_measure(central, tmp_path):
    path = returned_file(central, tmp_path)
    with GoalFile.open(path, user="handläggare") as unit_file:
        unit_file.update_entry(measures_of(unit_file, "A")[0].id, "P2", {"commentary": "x" * (MAX_TEXT + 1)})
    assert "”Styrmått A0”: kommentar är orimligt lång." in refusal(central, path)


def test_a_refused_base_names_the_measure_and_period_in_words(central, tmp_path):
    measure = measures_of(central, "A")[0]
    central.conn.execute("INSERT INTO entries (measure_id, period_code, fulfilment) VALUES (?, 'P2', 'gammal')",
                         [measure.id])  # fmt: skip
    path = returned_file(central, tmp_path)
    message = refusal(central, path)
    assert "exportunderlaget för ”Styrmått A0” i perioden 2022 delår: okänt värde 'gammal'" in message
    assert "('" not in message


def test_kontrollera_and_open_refuse_a_folder_in_swedish(tmp_path):
    assert [p.text for p in check_file(tmp_path)] == [f"{tmp_path} kan inte öppnas: det är en mapp, inte en fil."]
    with pytest.raises(GoalFileError, match="det är en mapp"):
        GoalFile.open(tmp_path)
