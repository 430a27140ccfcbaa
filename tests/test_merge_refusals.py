"""A bad returned file is refused whole, with the file named and the reason, and central is untouched."""

import shutil
import sqlite3

import pytest
from merge_support import make_central, measures_of, small_template, snapshot

from db.goalfile import GoalFile
from db.merge import merge_files
from db.schema import SCHEMA_VERSION
from db.unitfile import export_unit_file
from desktop.cli import run


@pytest.fixture
def central(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite"), user="controller") as gf:
        yield gf


@pytest.fixture
def unit_path(central, tmp_path):
    """A returned file of unit A with one honest value filled in."""
    path = export_unit_file(central, central.find_unit("A"), tmp_path / "enhet-A.sqlite")
    with GoalFile.open(path) as unit_file:
        unit_file.update_entry(measures_of(unit_file, "A")[0].id, "P2", {"outcome_total": "5"})
    return path


def tamper(path, *statements, params=()):
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement, params)
    conn.commit()
    conn.close()


def other_unit_measure(path, code="B"):
    with GoalFile.open(path, readonly=True) as unit_file:
        return measures_of(unit_file, code)[0].id


def zero_length(path, central, tmp_path):
    path.write_bytes(b"")
    return "filen är tom"


def pdf_renamed(path, central, tmp_path):
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20)
    return "ingen Styrkort-fil"


def truncated(path, central, tmp_path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return "avkortad"


def foreign_sqlite_with_our_tables(path, central, tmp_path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE meta (key TEXT, value TEXT); CREATE TABLE entries (measure_id TEXT);")
    conn.execute("PRAGMA user_version = 2")
    conn.close()
    return "annat program"


def our_id_but_another_schema(path, central, tmp_path):
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1398033201")
    conn.executescript("CREATE TABLE meta (key TEXT, value TEXT); CREATE TABLE entries (measure_id TEXT);")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    conn.close()
    return "databasschema är ändrat"


def newer_schema_version(path, central, tmp_path):
    tamper(path, "PRAGMA user_version = 99")
    return "nyare version av Styrkort"


def extra_trigger(path, central, tmp_path):
    tamper(path, "CREATE TRIGGER evil AFTER UPDATE ON entries BEGIN DELETE FROM measures; END")
    return "databasschema är ändrat"


def extra_view(path, central, tmp_path):
    tamper(path, "CREATE VIEW entries_v AS SELECT * FROM entries")
    return "databasschema är ändrat"


def extra_table(path, central, tmp_path):
    tamper(path, "CREATE TABLE notes (text TEXT)")
    return "databasschema är ändrat"


def edited_outside_its_unit(path, central, tmp_path):
    tamper(path, "UPDATE entries SET outcome_total = '999' WHERE measure_id = ? AND period_code = 'P2'",
           params=[other_unit_measure(path)])  # fmt: skip
    tamper(path, "INSERT OR IGNORE INTO entries (measure_id, period_code, outcome_total) VALUES (?, 'P2', '999')",
           params=[other_unit_measure(path)])  # fmt: skip
    return "”Styrmått B0”, som tillhör en annan enhet"


def edited_another_period(path, central, tmp_path):
    tamper(path, "INSERT INTO entries (measure_id, period_code, outcome_total) VALUES (?, 'P1', '1')",
           params=[other_unit_measure(path, "A")])  # fmt: skip
    return "annan period (P1)"


def structure_changed(path, central, tmp_path):
    tamper(path, "UPDATE measure_years SET target = 'Minska'")
    return "strukturen är ändrad"


def structure_changed_and_resealed(path, central, tmp_path):
    from db.unitfile import seal

    tamper(path, "UPDATE measure_years SET unit_id = (SELECT id FROM units WHERE code = 'A')")
    conn = sqlite3.connect(path)
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    resealed = seal(conn, meta["export_id"], meta["unit_id"], meta["export_period"])
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('seal', ?)", [resealed])
    conn.commit()
    conn.close()
    return "strukturen är ändrad"


def structure_text_made_blob(path, central, tmp_path):
    tamper(path, "UPDATE measure_years SET target = CAST(target AS BLOB)")  # the same bytes, another type
    return "strukturen är ändrad"


def structure_text_with_hidden_bytes(path, central, tmp_path):
    tamper(path, "UPDATE node_years SET name = name || char(0) || 'dolt'")  # SQLite's quote() would stop at the NUL
    return "strukturen är ändrad"


def sealed_by_an_earlier_version(path, central, tmp_path):
    with central.transaction():  # the export as a build with another seal recorded it
        central.conn.execute("UPDATE exports SET seal = substr(seal, instr(seal, ':') + 1)")
    return "exporterad med en äldre version av Styrkort och kan inte kontrolleras"


def forged_unit(path, central, tmp_path):
    tamper(path, "UPDATE meta SET value = (SELECT id FROM units WHERE code = 'B') WHERE key = 'unit_id'")
    return "annan enhet eller period än den exporterades för"


def forged_period(path, central, tmp_path):
    tamper(path, "UPDATE meta SET value = 'P1' WHERE key = 'export_period'")
    return "annan enhet eller period än den exporterades för"


def unknown_export(path, central, tmp_path):
    tamper(path, "UPDATE meta SET value = ? WHERE key = 'export_id'", params=["0b4d3c1e-1111-4222-8333-944455556666"])
    return "exporten som filen kommer från är okänd"


def corrupted_pages(path, central, tmp_path):
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    return "skadad"


def base_forged(path, central, tmp_path):
    tamper(path, "UPDATE export_base SET outcome_total = 'x'")
    return "strukturen är ändrad"


def own_measure_moved_in_file(path, central, tmp_path):
    tamper(path, "UPDATE measure_years SET unit_id = (SELECT id FROM units WHERE code = 'A')")
    return "strukturen är ändrad"


def unknown_scale_value(path, central, tmp_path):
    tamper(path, "UPDATE entries SET fulfilment = 'hackad' WHERE outcome_total = '5'")
    return "okänt värde 'hackad'"


def blob_in_a_text_field(path, central, tmp_path):
    tamper(path, "UPDATE entries SET commentary = ? WHERE outcome_total = '5'", params=[b"\x00\x01"])
    return "kommentar är inte text"


def another_central_file(path, central, tmp_path):
    path.unlink()  # an export never replaces a filled-in unit file
    with GoalFile.open(make_central(tmp_path / "annan.sqlite", small_template())) as other:
        export_unit_file(other, other.find_unit("A"), path, replace=True)
    return "annan centralfil"


def a_central_file(path, central, tmp_path):
    path.unlink()
    shutil.copyfile(central.path, path)
    return "centralfil, inte en enhetsfil"


def a_folder(path, central, tmp_path):
    path.unlink()
    path.mkdir()
    return "mapp"


def missing(path, central, tmp_path):
    path.unlink()
    return "finns inte"


CASES = [
    zero_length, pdf_renamed, truncated, foreign_sqlite_with_our_tables, our_id_but_another_schema,
    newer_schema_version, extra_trigger, extra_view, extra_table, edited_outside_its_unit, edited_another_period,
    structure_changed, structure_changed_and_resealed, structure_text_made_blob,
    structure_text_with_hidden_bytes, sealed_by_an_earlier_version, forged_unit, forged_period, unknown_export, corrupted_pages, base_forged, own_measure_moved_in_file, unknown_scale_value, blob_in_a_text_field,
    another_central_file, a_central_file, a_folder, missing,
]  # fmt: skip


@pytest.mark.parametrize("spoil", CASES, ids=[c.__name__ for c in CASES])
def test_a_bad_file_is_refused_and_central_is_untouched(spoil, central, unit_path, tmp_path):
    reason = spoil(unit_path, central, tmp_path)
    before = snapshot(central.path)
    run_ = merge_files(central, [unit_path])
    (result,) = run_.files
    assert result.refused.startswith("enhet-A.sqlite vägras: ")
    assert reason in result.refused
    assert run_.exit_code == 2 and run_.backup is None
    assert snapshot(central.path) == before


def test_a_refused_file_does_not_stop_the_good_ones(central, unit_path, tmp_path, capsys):
    good = export_unit_file(central, central.find_unit("B"), tmp_path / "enhet-B.sqlite")
    with GoalFile.open(good) as unit_file:
        unit_file.update_entry(measures_of(unit_file, "B")[0].id, "P2", {"outcome_total": "8"})
    extra_trigger(unit_path, central, tmp_path)
    central.close()
    assert run(["sammanfoga", "--fil", str(central.path), str(unit_path), str(good)]) == 2
    captured = capsys.readouterr()
    assert "enhet-A.sqlite vägras: filens databasschema är ändrat" in captured.err
    assert "enhet-B.sqlite (Enhet B): 1 värde infört" in captured.out
    assert "Traceback" not in captured.err
