"""`ny` and `kontrollera` from the command line, as a user runs them."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def test_new_from_builtin_template_then_check(tmp_path):
    target = tmp_path / "x.sqlite"
    made = run("ny", "--ut", target)
    assert made.returncode == 0, made.stderr
    assert "107 styrmått" in made.stdout
    checked = run("kontrollera", target)
    assert checked.returncode == 0 and "allt i ordning" in checked.stdout


def test_new_refuses_to_overwrite(example_path):
    before = example_path.read_bytes()
    result = run("ny", "--ut", example_path)
    assert result.returncode == 2 and "finns redan" in result.stderr
    assert example_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "ingen Styrkort-fil"), (b"hej hej\n" * 100, "ingen Styrkort-fil"), (None, "finns inte")],
)
def test_check_reports_bad_files_in_one_swedish_line(tmp_path, content, message):
    path = tmp_path / "fil.sqlite"
    if content is not None:
        path.write_bytes(content)
    result = run("kontrollera", path)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_finds_a_measure_in_no_valid_place(example_path):
    import sqlite3

    with sqlite3.connect(example_path) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE measure_years SET node_id = 'borta' WHERE rowid = 1")
    result = run("kontrollera", example_path)
    assert result.returncode == 2
    assert "1 styrmått utan giltig plats i strukturen" in result.stderr


def test_bad_template_is_one_line_and_exit_2(tmp_path):
    template = tmp_path / "mall.json"
    template.write_text('{"format": "styrkort-mall"}', encoding="utf-8")
    result = run("ny", "--mall", template, "--ut", tmp_path / "ny.sqlite")
    assert result.returncode == 2
    assert "fältet 'format_version' saknas" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "ny.sqlite").exists()


def test_usage_errors_are_swedish():
    result = run("ny")
    assert result.returncode == 2
    assert "användning:" in result.stderr and "följande argument saknas: --ut" in result.stderr


def test_every_registered_command_is_known_to_main():
    import argparse

    from desktop.cli import COMMANDS, build_parser

    action = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert set(action.choices) == set(COMMANDS)


def test_selftest_runs_from_the_source_too():
    result = run("självtest")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("Självtestet gick igenom.")
