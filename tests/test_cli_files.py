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


# Damage that SQLite's own check on a read-only file does not see, and what each command then says.
DAMAGE = {
    "text that is not UTF-8": ["UPDATE measure_years SET name = CAST(x'5374c3' AS TEXT) WHERE rowid = 1"],
    "a CHECK constraint broken": ["PRAGMA ignore_check_constraints = ON",
                                  "UPDATE measure_years SET comparison = '0revious_period' WHERE rowid = 1"],
    "a value of the wrong type": ["UPDATE node_years SET name = x'4142' WHERE rowid = 1"],
    "a trigger added": ["CREATE TRIGGER t AFTER UPDATE ON entries BEGIN DELETE FROM change_log; END"],
    "a colour that is no colour": ["UPDATE scale_values SET colour = 'grönt' WHERE rowid = 1"],
    "a publication date that is no date": [
        "INSERT OR REPLACE INTO report_settings VALUES ('2022-delar', 'publication_date', '2022-13-40')"],
}  # fmt: skip


@pytest.mark.parametrize("statements", DAMAGE.values(), ids=DAMAGE.keys())
def test_kontrollera_finds_what_would_stop_a_command_and_each_command_says_one_sentence(
    example_path, tmp_path, statements
):
    import sqlite3

    conn = sqlite3.connect(example_path, isolation_level=None)
    for statement in statements:
        conn.execute(statement)
    conn.close()
    checked = run("kontrollera", example_path)
    assert checked.returncode == 2 and "allt i ordning" not in checked.stdout
    assert "Traceback" not in checked.stderr and str(example_path) in checked.stderr
    for command in (["status"], ["tabell", "--ut", tmp_path / "t.csv"], ["rapport", "--ut", tmp_path / "r.pdf"]):
        result = run(*command, "--fil", example_path)
        assert result.returncode in (0, 2), result.stderr
        if result.returncode:  # a command that cannot use the file says so, in one sentence
            error = result.stderr.strip()
            assert len(error.splitlines()) == 1 and "Traceback" not in error and str(example_path) in error
            assert "skadad" in error


def test_undecodable_text_is_called_damaged_by_its_type_not_its_words(example_path):
    import sqlite3

    from db.errors import user_message

    conn = sqlite3.connect(example_path)
    conn.execute("UPDATE measure_years SET name = CAST(x'ff' AS TEXT) WHERE rowid = 1")
    conn.commit()
    try:
        conn.execute("SELECT name FROM measure_years WHERE rowid = 1").fetchall()
    except sqlite3.OperationalError as e:
        raised = e
    conn.close()
    expected = f"{example_path} är skadad: den innehåller text som inte går att läsa."
    assert user_message(raised, example_path).startswith(expected)
    decoding = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")  # SQLite's message quoting it
    assert user_message(decoding, example_path).startswith(expected)


def test_a_bug_on_a_healthy_file_stays_a_bug(example_path):
    from db.errors import user_message

    assert user_message(ValueError("ett fel i Styrkort"), example_path) is None
    assert user_message(KeyError("x"), example_path.with_name("rapport.pdf")) is None


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
