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
