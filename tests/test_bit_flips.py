"""Damaged files: a seeded loop flips random bits in copies of a small goal file.

For every copy: `kontrollera` rejects it whenever `status`, `tabell`, `rapport`
or opening it and reading its tree cannot use it, so "allt i ordning" means
every command can; and no command ever lets a traceback through — each
failure is one Swedish sentence and exit code 2.
"""

import random
import sqlite3

import pytest
from boundary_support import ENGLISH
from merge_support import make_central, measures_of

from db.check import check_file
from db.errors import user_message
from db.goalfile import GoalFile
from db.merge import merge_files
from db.unitfile import export_unit_file
from desktop.cli import run

COPIES = 300
SEED = 14


@pytest.fixture
def source(tmp_path):
    return small_filled_file(tmp_path)


def small_filled_file(folder):
    """A small goal file with something in every table a command reads: values, commentary, a
    merge, the change log; vacuumed, so that flips hit data."""
    path = make_central(folder / "källa.styrkort")
    with GoalFile.open(path, user="controller") as central:
        unit_path = export_unit_file(central, central.find_unit("A"), folder / "enhet-A.styrkort")
        for i, measure in enumerate(measures_of(central)):
            central.update_entry(measure.id, "P2", {"outcome_total": str(i), "commentary": f"Analys {i}: åäö " * 4})
        central.update_entry(measures_of(central, "B")[0].id, "P1", {"outcome_text": "Föregående period"})
    with GoalFile.open(unit_path, user="handläggare") as unit_file:
        first, second = measures_of(unit_file, "A")
        unit_file.update_entry(first.id, "P2", {"outcome_total": "10", "status": "utkast"})
        unit_file.update_entry(second.id, "P2", {"outcome_text": "Genomförd"})
    with GoalFile.open(path, user="controller") as central:
        merge_files(central, [unit_path])
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    return path


def damaged_copies(source, folder, count: int, seed: int):
    data = source.read_bytes()
    rng = random.Random(seed)
    for k in range(count):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            flipped[rng.randrange(len(flipped))] ^= 1 << rng.randrange(8)
        path = folder / f"skadad-{k}.styrkort"
        path.write_bytes(bytes(flipped))
        yield path


def commands(path, folder) -> dict[str, list[str]]:
    return {
        "status": ["status", "--fil", str(path)],
        "tabell": ["tabell", "--fil", str(path), "--ut", str(folder / "tabell.csv")],
        "rapport": ["rapport", "--fil", str(path), "--ut", str(folder / "rapport.pdf")],
        "kontrollera": ["kontrollera", str(path)],
    }


def opens_and_reads(path) -> bool:
    try:
        with GoalFile.open(path, readonly=True) as goal_file:
            for period in goal_file.periods():
                goal_file.tree(period.code)
    except Exception as e:
        if user_message(e, path) is None:
            raise  # a bug, not a damaged file
        return False
    return True


@pytest.mark.slow
def test_kontrollera_rejects_every_flipped_file_a_command_cannot_use_and_no_command_crashes(source, tmp_path, capsys):
    out = tmp_path / "ut"
    out.mkdir()
    rejected = unusable = 0
    for path in damaged_copies(source, tmp_path, COPIES, SEED):
        healthy = check_file(path) == []
        failed = [] if opens_and_reads(path) else ["öppna"]
        for name, args in commands(path, out).items():
            code = run(args)  # an exception escaping here is a traceback the user would see
            error = capsys.readouterr().err.strip()
            assert code in (0, 2), (path.name, name, code, error)
            if code and name != "kontrollera":
                assert len(error.splitlines()) == 1 and error.startswith("styrkort: "), (path.name, name, error)
                failed.append(name)
            if code:
                assert not [w for w in (*ENGLISH, "constraint", "malformed") if w in error], (path.name, error)
        if failed:
            assert not healthy, f"{path.name}: kontrollera säger allt i ordning, men {', '.join(failed)} misslyckas"
            unusable += 1
        rejected += not healthy
        path.unlink()
    # The loop is worth something only if many copies are damaged in ways that matter.
    assert unusable >= COPIES // 10 and rejected >= unusable
