"""Long work in a child process: results, progress and errors come back; a crash is a sentence."""

import os

import pytest

from db.errors import GoalFileError
from desktop.background import run_in_process


def counting(limit: int, *, progress) -> int:
    for i in range(limit):
        progress(i + 1, limit, "")
    return os.getpid()


def refusing(*, progress) -> None:
    raise GoalFileError("Filen är skadad.")


def crashing(*, progress) -> None:
    os._exit(9)  # as a kill or a crash would: no answer at all


def buggy(*, progress) -> None:
    raise KeyError("intern")


def test_result_and_progress_come_back_from_another_process():
    seen = []
    child = run_in_process(counting, 3, progress=lambda done, total, _what: seen.append((done, total)))
    assert child != os.getpid()
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_a_refusal_arrives_as_the_same_swedish_sentence():
    with pytest.raises(GoalFileError, match="^Filen är skadad.$"):
        run_in_process(refusing)


def test_a_dead_child_is_reported_not_waited_for():
    with pytest.raises(GoalFileError, match="avbröts oväntat"):
        run_in_process(crashing)


def test_a_bug_in_the_child_keeps_its_traceback():
    with pytest.raises(RuntimeError, match="KeyError: 'intern'"):
        run_in_process(buggy)


def writing_while_locked(path, *, progress) -> None:
    import sqlite3

    conn = sqlite3.connect(path, timeout=0.1)
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()


def reading_a_missing_file(path, *, progress) -> None:
    open(path, "rb").close()


def failing_on_a_damaged_file(path, *, progress) -> None:
    raise ValueError("what a damaged value makes some code raise")


def test_an_sqlite_failure_in_the_child_arrives_as_one_sentence(tmp_path):
    import sqlite3

    path = tmp_path / "låst.sqlite"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")  # another program is saving
    try:
        with pytest.raises(GoalFileError) as refused:
            run_in_process(writing_while_locked, path)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (
        str(refused.value) == f"{path} är låst av ett annat program just nu; inget ändrades. Försök igen om en stund."
    )


def test_an_os_failure_in_the_child_arrives_as_one_sentence(tmp_path):
    with pytest.raises(GoalFileError, match=f"^Filen eller mappen {tmp_path / 'borta'} finns inte.$"):
        run_in_process(reading_a_missing_file, tmp_path / "borta")


def test_a_failure_on_a_damaged_goal_file_is_called_damaged_not_a_bug(example_path):
    import sqlite3

    conn = sqlite3.connect(example_path)
    conn.execute("CREATE TRIGGER t AFTER UPDATE ON entries BEGIN SELECT 1; END")  # changed outside Styrkort
    conn.close()
    with pytest.raises(GoalFileError, match="är skadad eller ändrad utanför Styrkort"):
        run_in_process(failing_on_a_damaged_file, example_path)
