"""Another region's model works end to end in its own words (the data half; the window and the
report have tests of their own that use tests/model_support.py)."""

import csv

from merge_support import snapshot
from model_support import NORRBOTTEN_WORDS, three_level_file, two_level_file

from db.check import check_file
from db.csv_table import export_table, import_table
from db.goalfile import GoalFile
from db.merge import merge_files
from db.model import all_measures
from db.unitfile import export_unit_file
from desktop.cli import run


def test_the_built_in_three_level_template_makes_an_empty_file(tmp_path, capsys):
    assert run(["ny", "--mall", "malomraden", "--ut", str(tmp_path / "tom")]) == 0
    assert "0 målområden, 0 nyckeltal och uppdrag, 3 nivåer" in capsys.readouterr().out
    with GoalFile.open(tmp_path / "tom.styrkort", readonly=True) as gf:
        model = gf.model()
        assert [lv.plural for lv in model.levels] == ["Målområden", "Övergripande mål", "Nyckeltal och uppdrag"]
        assert len(model.fulfilment_scale("nyckeltal").values) == 5 and len(gf.boards()) == 6


def test_collect_merge_and_table_in_three_levels(tmp_path):
    path = three_level_file(tmp_path)
    assert check_file(path) == []
    with GoalFile.open(path, user="controller") as gf:
        period = gf.period().code
        unit_path = export_unit_file(gf, gf.find_unit("KTF"), tmp_path / "enhet-KTF.styrkort", deadline="2027-05-10")
    with GoalFile.open(unit_path, user="handläggare") as unit_file:
        own = [m for m in all_measures(unit_file.tree()) if m.unit_id == unit_file.unit.id]
        assert [m.name for m in own] == ["Antal resor med kollektivtrafik"]
        unit_file.update_entry(own[0].id, period, {"outcome_total": "3 950 000", "fulfilment": "kan_uppnas"})
        assert unit_file.deadline == "2027-05-10"
    with GoalFile.open(path, user="controller") as gf:
        result = merge_files(gf, [unit_path]).files[0]
        assert len(result.applied) == 2 and not result.conflicts
        assert gf.entry(own[0].id, period).fulfilment == "kan_uppnas"

        table = tmp_path / "tabell.csv"
        assert export_table(gf, table) == 6
        with table.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f, delimiter=";"))
        assert rows[0][:4] == ["id", "målområde", "övergripande_mål", "nyckeltal_eller_uppdrag"]
        assert rows[0][-1] == "underlag" and all(row[-1].startswith("v") for row in rows[1:])
        assert not [w for w in NORRBOTTEN_WORDS if w in ";".join(rows[0]).casefold()]
        before = snapshot(path)
        assert import_table(gf, table).changed_rows == 0
        rows[1][rows[0].index("måluppfyllelse")] = "Osäkert"
        with table.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, delimiter=";").writerows(rows)
        assert import_table(gf, table).changed_fields == 1
    assert snapshot(path)["entries"] != before["entries"]


def test_two_levels_hold_measures_on_the_top_level(tmp_path):
    path = two_level_file(tmp_path)
    assert check_file(path) == []
    with GoalFile.open(path, readonly=True) as gf:
        model = gf.model()
        assert model.measure_depth == 0 and model.assessment_level.singular == "Område"
        roots = gf.tree()
        assert [m.name for m in roots[0].measures] == ["Resultat i procent av skatteintäkter"]
        assert roots[0].assessment is not None
