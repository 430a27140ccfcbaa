"""Opening files: errors keep the previous file, the lock makes a second window read-only, state is remembered."""

import re
import socket
import sqlite3

from db.goalfile import GoalFile
from desktop.lockfile import FileLock
from desktop.ui.app import open_first_file


def test_foreign_file_shows_error_and_keeps_previous_file(window, messages, tmp_path, example_path):
    foreign = tmp_path / "annan.sqlite"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    assert not window.open_file(foreign)
    assert "ingen Styrkort-fil" in messages.texts[-1]
    assert window.document.path == example_path
    assert len(window.model.measures()) == 107
    text = tmp_path / "anteckning.txt"
    text.write_text("hej", encoding="utf-8")
    assert not window.open_file(text)
    assert not window.open_file(tmp_path / "finns-inte.sqlite")
    assert "finns inte" in messages.texts[-1]
    assert window.document.path == example_path
    assert not (tmp_path / "annan.sqlite.lock").exists()  # a refused file leaves no lock behind


def test_newer_version_is_refused_with_a_sentence(window, messages, tmp_path, example_path):
    newer = tmp_path / "nyare.sqlite"
    newer.write_bytes(example_path.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    conn.close()
    assert not window.open_file(newer)
    assert "nyare version" in messages.texts[-1]


def test_second_window_on_the_same_file_is_read_only(make_window, messages, example_path):
    first = make_window(example_path)
    assert not first.document.readonly
    second = make_window(example_path)  # the stub answers "Öppna skrivskyddad"
    # The whole text: a literal backslash-n shown to the user (an old bug) fails here.
    assert re.fullmatch(
        rf"{re.escape(example_path.name)} är redan öppnad av testare på datorn {re.escape(socket.gethostname())}"
        r" \(sedan \d{4}-\d\d-\d\d \d\d:\d\d\)\.\n\n"
        r"Du kan öppna filen skrivskyddad för att läsa, men inte ändra den\.",
        messages.texts[-1],
    )
    assert second.document.readonly
    assert second.windowTitle().endswith("(skrivskyddad)")
    measure = second.model.measures()[0]
    second.select_node(measure.id)
    editor = second.editors.currentWidget()
    assert editor.total.isReadOnly() and not editor.status.isEnabled()
    assert "skrivskyddat" in editor.banner.text()


def test_declining_read_only_opens_nothing(make_window, messages, example_path):
    make_window(example_path)
    messages.answer_yes = False
    second = make_window()
    assert not second.open_file(example_path)
    assert second.document is None and not second.tree.isEnabled()


def test_closing_releases_the_lock(make_window, example_path):
    window = make_window(example_path)
    lock_path = example_path.with_name(example_path.name + ".lock")
    assert lock_path.exists()
    window.close()
    assert not lock_path.exists()


def test_stale_lock_from_a_crash_is_taken_over(make_window, messages, example_path):
    crashed = FileLock(example_path, user="krasch")
    crashed.acquire()
    crashed.path.write_text(crashed.path.read_text().replace(f'"pid": {crashed.me.pid}', '"pid": 999999999'))
    window = make_window(example_path)
    assert not window.document.readonly and messages.texts == []


def test_window_remembers_size_and_last_file(make_window, example_path):
    window = make_window(example_path)
    window.resize(701, 555)  # the offscreen screen is 800 x 600
    window.close()
    again = make_window()
    open_first_file(again, [])
    assert again.document.path == example_path
    assert again.size().width() == 701


def test_bad_file_on_the_command_line_falls_back_to_the_example(make_window, messages, tmp_path):
    window = make_window()
    open_first_file(window, [str(tmp_path / "saknas.sqlite")])
    assert "finns inte" in messages.texts[-1]
    assert window.document is not None and window.document.path.name.startswith("exempel")


def test_reload_reads_an_external_change(window, example_path):
    measure = window.model.measures()[2]
    window.select_node(measure.id)
    with GoalFile.open(example_path, user="sammanfogning") as other:
        other.update_entry(measure.id, "2022-delar", {"outcome_total": "13"})
    window.reload()
    assert window.model.index_of(measure.id, 3).data() == "13"
    assert window.editors.currentWidget().total.text() == "13"


def test_opening_the_open_file_again_reloads_it(window, example_path, messages):
    assert window.open_file(example_path)
    assert messages.texts == [] and not window.document.readonly
