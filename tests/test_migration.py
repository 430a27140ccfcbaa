"""Files and templates of the four-level format (schema 2, template format 1) open unchanged.

`tests/data` holds the built-in example as Styrkort wrote it before the
organisation's model became data: its template (format 1), the goal file made
from it (schema 2) and a unit file exported from that file.
"""

import gzip
import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from db.check import check_file
from db.goalfile import GoalFile
from db.merge import merge_files
from db.new_file import create_from_template
from db.schema import SCHEMA_VERSION
from db.template import normalise
from db.template_v1 import NORRBOTTEN_KINDS, NORRBOTTEN_LEVELS, NORRBOTTEN_SCALES
from desktop.report import build_report

DATA = Path(__file__).parent / "data"


def unpack(name: str, target: Path) -> Path:
    target.write_bytes(gzip.decompress((DATA / name).read_bytes()))
    return target


@pytest.fixture
def old_central(tmp_path) -> Path:
    folder = tmp_path / "gammal"
    folder.mkdir()
    return unpack("norrbotten-2022-schema2.sqlite.gz", folder / "central.sqlite")


def test_a_schema_2_file_is_backed_up_migrated_and_healthy(old_central):
    with GoalFile.open(old_central, readonly=True) as gf:  # a reader upgrades a copy in memory only
        assert len(gf.model().levels) == 4
    assert _version(old_central) == 2 and not list(old_central.parent.glob("*.bak"))
    with GoalFile.open(old_central) as gf:
        model = gf.model()
        assert [lv.singular for lv in model.levels] == ["Perspektiv", "Strategiskt mål", "Framgångsfaktor", "Styrmått"]
        assert [p.code for p in gf.periods()] == ["2022-T1", "2022-delar", "2022-helar"]
        assert gf.period().kind == "delar" and gf.plan_years() == [2022]
        assert len([m for root in gf.tree() for m in root.all_measures()]) == 107
    backups = list(old_central.parent.glob("central.sqlite.schema2-*.bak"))
    assert len(backups) == 1 and _version(backups[0]) == 2 and check_file(backups[0])[0].text.endswith("öppnas.")
    assert _version(old_central) == SCHEMA_VERSION and check_file(old_central) == []


def _version(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def test_the_migrated_model_is_format_1s_model(old_central):
    with GoalFile.open(old_central) as gf:
        model = gf.model()
    upgraded = normalise({"format": "styrkort-mall", "format_version": 1, "organisation": "X", "boards": [],
                          "units": [], "report": {}, "perspectives": [],
                          "periods": [{"code": "p", "name": "p", "label": "p", "year": 2022, "current": True}]})  # fmt: skip
    assert upgraded["levels"] == NORRBOTTEN_LEVELS and upgraded["kinds"] == NORRBOTTEN_KINDS
    levels = [
        {k: v for k, v in (("singular", lv.singular), ("plural", lv.plural), ("description", lv.has_description),
                           ("boards", lv.has_boards), ("assessment", lv.has_assessment), ("article", lv.article),
                           ("definite", lv.definite), ("definite_plural", lv.definite_plural))
         if v not in (False, "ett", "")}
        for lv in model.levels
    ]  # fmt: skip
    assert levels == NORRBOTTEN_LEVELS
    scales = [
        {"code": s.code, "name": s.name, "purpose": s.purpose.value,
         "values": [{"code": v.code, "label": v.label, "colour": v.colour, "symbol": v.symbol}
                    | ({"meaning": v.meaning} if v.meaning else {}) for v in s.values]}
        for s in model.scales
    ]  # fmt: skip
    assert scales == NORRBOTTEN_SCALES


def test_the_migrated_file_prints_the_same_report_as_its_template(old_central, tmp_path):
    """The report of a migrated file and of a new file from the same format-1 template: byte for byte."""
    template = json.loads(gzip.decompress((DATA / "norrbotten-2022-format1.json.gz").read_bytes()))
    fresh_folder = tmp_path / "ny"
    fresh_folder.mkdir()
    fresh = fresh_folder / "central.sqlite"
    create_from_template(fresh, template).close()
    when = datetime(2022, 10, 5)
    for options in ({}, {"board": "RS"}, {"perspective": "Ekonomi"}):
        old = build_report(old_central, tmp_path / "gammal.pdf", printed_at=when, **options)
        new = build_report(fresh, tmp_path / "ny.pdf", printed_at=when, **options)
        assert old.content_hash == new.content_hash
        assert old.path.read_bytes() == new.path.read_bytes()


def test_a_unit_file_exported_before_the_migration_is_refused(old_central, tmp_path):
    unit_file = unpack("enhet-HR-schema2.sqlite.gz", tmp_path / "enhet-HR.sqlite")
    shutil.copyfile(old_central, tmp_path / "kopia.sqlite")
    with GoalFile.open(old_central) as central:
        run = merge_files(central, [unit_file])
    refusal = run.files[0].refused
    assert "äldre version av Styrkort" in refusal and "Exportera en ny enhetsfil" in refusal
    assert run.exit_code == 2
