"""Unit files out: what an exported unit file holds and what it lets the unit change."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from merge_support import make_central, measures_of

from db.check import check_file
from db.errors import GoalFileError, ReadOnlyError
from db.goalfile import GoalFile
from db.model import Unit
from db.unitfile import export_all, export_record, export_unit_file, unit_file_name
from desktop.cli import run


@pytest.fixture
def central(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite"), user="controller") as gf:
        yield gf


def test_unit_file_names_the_unit_and_holds_the_whole_structure(central, tmp_path):
    path = export_unit_file(central, central.find_unit("B"), tmp_path / "b.sqlite")
    assert check_file(path) == []
    with GoalFile.open(path, user="handläggare") as unit_file:
        assert unit_file.is_unit_file
        assert unit_file.unit.name == "Enhet B"
        assert unit_file.file_id == central.file_id
        assert unit_file.export_period == "P2"
        assert len(measures_of(unit_file)) == len(measures_of(central)) == 6
        editable = [
            m.name for m in measures_of(unit_file) if not unit_file.entry_refusal(m.unit_id, unit_file.period())
        ]
        assert editable == ["Styrmått B0", "Aktivitet: B1"]


def test_unit_file_keeps_every_entry_as_exported_and_none_of_centrals_bookkeeping(central, tmp_path):
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "17"})
    path = export_unit_file(central, central.find_unit("A"), tmp_path / "a.sqlite")
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM export_base").fetchone()[0] == 6 * 2  # measures × periods
    assert conn.execute(
        "SELECT outcome_total, revision FROM export_base WHERE measure_id = ? AND period_code = 'P2'", [measure.id]
    ).fetchone() == ("17", 1)
    assert conn.execute("SELECT count(*) FROM change_log").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM merges").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM meta WHERE key LIKE 'export:%' OR key = 'seal'").fetchone()[0] == 0
    conn.close()
    with GoalFile.open(path, readonly=True) as unit_file:
        export_id = unit_file.export_id
    record = export_record(central, export_id)
    assert (record.unit_id, record.period_code) == (central.find_unit("A").id, "P2")


def test_a_unit_may_change_only_its_own_measures_in_the_exported_period(central, tmp_path):
    path = export_unit_file(central, central.find_unit("A"), tmp_path / "a.sqlite")
    with GoalFile.open(path, user="handläggare") as unit_file:
        own, other = measures_of(unit_file, "A")[0], measures_of(unit_file, "B")[0]
        assert unit_file.update_entry(own.id, "P2", {"outcome_total": "5"}) == {"outcome_total": ("", "5")}
        with pytest.raises(ReadOnlyError, match="annan enhet"):
            unit_file.update_entry(other.id, "P2", {"outcome_total": "5"})
        with pytest.raises(ReadOnlyError, match="bara perioden 2022 delår"):
            unit_file.update_entry(own.id, "P1", {"outcome_total": "5"})
        with pytest.raises(ReadOnlyError):
            unit_file.update_report_settings("P2", {"title": "Annat"})


def test_export_all_writes_one_file_per_unit_with_safe_names(central, tmp_path):
    paths = export_all(central, tmp_path / "ut")
    assert sorted(p.name for p in paths) == ["enhet-A.styrkort", "enhet-B.styrkort", "enhet-C.styrkort"]
    assert unit_file_name(Unit("x", "Hä/lsa & vård", "Hälsa")) == "enhet-Ha-lsa-vard.styrkort"
    assert unit_file_name(Unit("12345678-aaaa", "??", "Okänd")) == "enhet-12345678.styrkort"


def test_export_refuses_from_a_unit_file_and_over_the_central_file(central, tmp_path):
    with pytest.raises(GoalFileError, match="över centralfilen"):
        export_unit_file(central, central.find_unit("A"), central.path)
    with GoalFile.open(central.path, readonly=True) as readonly, pytest.raises(GoalFileError, match="skrivskyddat"):
        export_unit_file(readonly, readonly.find_unit("A"), tmp_path / "a.sqlite")
    path = export_unit_file(central, central.find_unit("A"), tmp_path / "a.sqlite")
    with GoalFile.open(path) as unit_file, pytest.raises(GoalFileError, match="enhetsfil"):
        export_unit_file(unit_file, unit_file.unit, tmp_path / "again.sqlite")


def test_exportera_command(central, tmp_path, capsys):
    central.close()
    assert run(["exportera", "--fil", str(central.path), "--enhet", "b", "--ut", str(tmp_path / "b.sqlite")]) == 0
    assert run(["exportera", "--fil", str(central.path), "--alla", "--katalog", str(tmp_path / "alla")]) == 0
    assert len(list((tmp_path / "alla").glob("enhet-*.styrkort"))) == 3
    assert run(["exportera", "--fil", str(central.path), "--enhet", "ZZ", "--ut", str(tmp_path / "z.sqlite")]) == 2
    assert "Enheten 'ZZ' finns inte" in capsys.readouterr().err


def test_storage_modules_do_not_import_qt():
    code = "import db.unitfile, db.incoming, db.merge, db.collection, db.conflicts, db.csv_table, sys; "
    code += "print('PySide6' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root).stdout
    assert out.strip() == "False"
