"""Opening goal files: ours are migrated forward, anything else is refused untouched."""

import sqlite3

import pytest

from db import connection
from db.errors import CorruptFileError, GoalFileError, NewerVersionError, NotAGoalFileError
from db.goalfile import GoalFile
from db.schema import APPLICATION_ID, SCHEMA_VERSION


def snapshot(folder):
    """Every file in the folder with its bytes: proof that nothing was written."""
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def write_version_1_file(path):
    conn = connection.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.migrate(conn, 0, to_version=1)
    conn.execute("INSERT INTO boards VALUES ('RS', 'Regionstyrelsen', 0)")
    conn.close()


def test_new_file_is_ours_and_current(goal_file):
    conn = goal_file.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_old_version_is_migrated_after_a_backup(tmp_path):
    path = tmp_path / "gammal.sqlite"
    write_version_1_file(path)
    conn = connection.open_database(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"conflicts", "merges", "export_base"} <= tables
    assert conn.execute("SELECT count(*) FROM boards").fetchone()[0] == 1
    conn.close()
    backups = list(tmp_path.glob("gammal.sqlite.schema1-*.bak"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as backup:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup.execute("SELECT name FROM boards").fetchall() == [("Regionstyrelsen",)]


def test_newer_version_is_refused_untouched(example_path):
    with sqlite3.connect(example_path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = snapshot(example_path.parent)
    with pytest.raises(NewerVersionError, match="nyare version av Styrkort"):
        GoalFile.open(example_path)
    assert snapshot(example_path.parent) == before


def test_foreign_sqlite_file_is_refused_untouched(tmp_path):
    path = tmp_path / "annan.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE measures (id TEXT)")
    before = snapshot(tmp_path)
    with pytest.raises(NotAGoalFileError, match="ingen Styrkort-fil"):
        GoalFile.open(path)
    assert snapshot(tmp_path) == before


def test_truncated_file_is_refused_untouched(example_path):
    truncated = example_path.with_name("avkortad.sqlite")
    truncated.write_bytes(example_path.read_bytes()[:8192])
    before = snapshot(example_path.parent)
    with pytest.raises(CorruptFileError, match="avkortad"):
        GoalFile.open(truncated)
    assert snapshot(example_path.parent) == before


@pytest.mark.parametrize("content", [b"", b"Det h\xc3\xa4r \xc3\xa4r en textfil.\n" * 20, b"%PDF-1.7\n" + b"x" * 500])
def test_text_empty_or_pdf_renamed_is_refused(tmp_path, content):
    path = tmp_path / "fel.sqlite"
    path.write_bytes(content)
    with pytest.raises(NotAGoalFileError, match="ingen Styrkort-fil"):
        GoalFile.open(path)
    assert snapshot(tmp_path) == {"fel.sqlite": content}


def test_missing_file_and_folder_give_swedish_errors(tmp_path):
    with pytest.raises(GoalFileError, match="finns inte"):
        GoalFile.open(tmp_path / "saknas.sqlite")
    with pytest.raises(GoalFileError, match="mapp"):
        GoalFile.open(tmp_path)


def test_readonly_open_refuses_writes(example_path):
    with GoalFile.open(example_path, readonly=True) as gf:
        measure = gf.tree()[0].children[0].children[0].measures[0]
        with pytest.raises(GoalFileError, match="skrivskyddat"):
            gf.update_entry(measure.id, "2022-delar", {"outcome_total": "1"})


def test_example_file_is_made_once_in_the_data_folder(tmp_path, monkeypatch):
    from desktop import paths

    monkeypatch.setenv("STYRKORT_DATA", str(tmp_path / "data"))
    first = paths.example_file()
    assert first.parent == tmp_path / "data" and first.exists()
    with GoalFile.open(first) as gf:
        gf.update_entry(gf.tree()[0].children[0].children[0].measures[0].id, "2022-delar", {"outcome_total": "7"})
    again = paths.example_file()
    assert again == first
    with GoalFile.open(again) as gf:
        assert gf.tree()[0].children[0].children[0].measures[0].entry.outcome_total == "7"
    assert [p.name for p in first.parent.iterdir()] == [first.name]
