"""A merge killed with SIGKILL at any moment leaves central exactly as before or exactly as after."""

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from merge_support import make_central, measures_of, snapshot

from db.check import check_file
from db.goalfile import GoalFile
from db.unitfile import export_unit_file

HELPER = Path(__file__).with_name("merge_kill_helper.py")
UNITS = ("A", "B", "C")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """A central file, three filled unit files, and the central file as it is after a complete merge."""
    folder = tmp_path_factory.mktemp("kill")
    central_path = make_central(folder / "central.sqlite")
    with GoalFile.open(central_path, user="controller") as central:
        files = [export_unit_file(central, central.find_unit(u), folder / f"enhet-{u}.sqlite") for u in UNITS]
        central.update_entry(measures_of(central, "A")[0].id, "P2", {"outcome_total": "central"})
    for unit, path in zip(UNITS, files, strict=True):
        with GoalFile.open(path, user=unit) as unit_file:
            for i, measure in enumerate(measures_of(unit_file, unit)):
                unit_file.update_entry(measure.id, "P2", {"outcome_total": f"{unit}{i}", "commentary": "🎯 " * 50})
    done = folder / "done.sqlite"
    shutil.copyfile(central_path, done)
    assert _merge(done, files).returncode == 0
    return central_path, files, snapshot(central_path), snapshot(done)


def _merge(central, files, *flags, **popen):
    command = [sys.executable, str(HELPER), str(central), *map(str, files), *flags]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, **popen)


def _assert_before_or_after(central, before, after):
    assert check_file(central) == []
    state = snapshot(central)
    assert state in (before, after)
    return state == after


# Progress reports 1–3 check the three files, 4–6 merge them inside the transaction, 7 comes after the commit.
KILL_POINTS = [("--progress", n, n == 7) for n in range(1, 8)] + [("--write", n, False) for n in (1, 3, 5)]


@pytest.mark.parametrize("flag,point,completed", KILL_POINTS)
def test_a_merge_killed_at_a_chosen_point(prepared, tmp_path, flag, point, completed):
    central_path, files, before, after = prepared
    central = tmp_path / "central.sqlite"
    shutil.copyfile(central_path, central)
    result = _merge(central, files, flag, str(point))
    assert result.returncode == -signal.SIGKILL
    assert _assert_before_or_after(central, before, after) == completed


def test_a_merge_killed_from_outside_at_random_moments(prepared, tmp_path):
    central_path, files, before, after = prepared
    for delay in (0.0, 0.002, 0.005, 0.01, 0.02, 0.05):
        central = tmp_path / f"central-{delay}.sqlite"
        shutil.copyfile(central_path, central)
        process = subprocess.Popen(
            [sys.executable, str(HELPER), str(central), *map(str, files)], stdout=subprocess.PIPE, text=True
        )
        process.stdout.readline()  # "started"
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        process.stdout.close()
        _assert_before_or_after(central, before, after)


def test_a_killed_merge_can_simply_be_run_again(prepared, tmp_path):
    central_path, files, before, after = prepared
    central = tmp_path / "central.sqlite"
    shutil.copyfile(central_path, central)
    assert _merge(central, files, "--write", "2").returncode == -signal.SIGKILL
    assert _merge(central, files).returncode == 0
    assert snapshot(central) == after
