"""The yearly cycle, as a controller runs it: lock, start the next period, collect, change next year's structure.

One scripted test walks the whole cycle through the public functions and the
command line; the others pin each promise on its own: a locked period refuses
every write, its report never changes, next year's structure keeps identities.
"""

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest
from merge_support import snapshot

from db.conflicts import KEEP_CENTRAL, resolve_conflict
from db.csv_table import export_table, import_table
from db.errors import GoalFileError, ReadOnlyError
from db.goalfile import GoalFile
from db.merge import merge_files
from db.model import all_measures, walk
from db.periods import lock_period, start_period, unlock_period
from db.structure import add_measure, move_measure, restore, retire, update_measure, update_node
from db.suggest import suggest_trend
from db.unitfile import export_unit_file
from desktop.cli import run
from desktop.report import build_report

PRINTED = datetime(2022, 10, 26)


def report_bytes(path: Path, out: Path, **options) -> bytes:
    return build_report(path, out, printed_at=PRINTED, **options).path.read_bytes()


def measure_named(goal_file, start: str, period: str | None = None):
    return next(m for m in all_measures(goal_file.tree(period)) if m.name.startswith(start))


def fill_unit_file(path: Path, unit_code: str, value: str) -> list[str]:
    with GoalFile.open(path, user="handläggare") as unit_file:
        period = unit_file.export_period
        own = [m for m in all_measures(unit_file.tree(period)) if m.unit_id == unit_file.find_unit(unit_code).id]
        for m in own:
            unit_file.update_entry(m.id, period, {"outcome_total": value, "status": "utkast"})
        return [m.id for m in own]


def test_a_whole_cycle(example_path, tmp_path, capsys):
    central = str(example_path)
    before = {board: report_bytes(example_path, tmp_path / f"före-{board}.pdf", **({"board": board} if board else {}))
              for board in (None, "RS")}  # fmt: skip

    # 2022 delår is adopted and locked; 2022 helår starts from it.
    assert (
        run(["period", "lås", "--fil", central, "--period", "2022 delår", "--orsak", "Antagen av RS 2022-10-26"]) == 0
    )
    assert run(["period", "ny", "--fil", central]) == 0
    assert "Startade 2022 helår" in capsys.readouterr().out

    # Collection for helår: one unit's file exported, filled, merged.
    with GoalFile.open(example_path, user="controller") as gf:
        assert gf.period().code == "2022-helar"
        unit_path = export_unit_file(gf, gf.find_unit("HR"), tmp_path / "enhet-HR.sqlite", deadline="2023-01-20")
    filled = fill_unit_file(unit_path, "HR", "5,1 %")
    assert run(["sammanfoga", "--fil", central, str(unit_path)]) == 0
    with GoalFile.open(example_path, readonly=True) as gf:
        assert {gf.entry(m, "2022-helar").outcome_total for m in filled} == {"5,1 %"}

    # 2023 T1: a new plan year, copied from 2022, then changed.
    assert run(["period", "ny", "--fil", central, "--period", "2023 T1"]) == 0
    with GoalFile.open(example_path, user="controller") as gf:
        assert gf.plan_years() == [2022, 2023]
        roots = gf.structure(2023)
        economy = next(n for n in roots if n.name == "Ekonomi")
        update_node(gf, economy.id, 2023, {"name": "Ekonomi och finansiering"})
        retired = measure_named(gf, "Antal slutförda triage totalt i länet på Digitalen", "2023-T1")
        retire(gf, retired.id, 2023)
        factor = next(n for n in walk(roots) if n.id == retired.node_id)
        added = add_measure(gf, 2023, factor.id, "Andel digitala vårdmöten", board="RS", unit_id=retired.unit_id)
        changed = measure_named(gf, "Antal kommuner där Region Norrbotten ingår", "2023-T1")
        update_measure(gf, changed.id, 2023, {"target": "14"})
        moved = measure_named(gf, "Sjukfrånvaro", "2023-T1")
        update_measure(gf, moved.id, 2023, {"unit_id": gf.find_unit("EKO").id})
        # 2023 T1 is filled in.
        gf.update_entry(changed.id, "2023-T1", {"outcome_total": "13"})
        gf.update_entry(added, "2023-T1", {"outcome_total": "40 %"})

    # The 2022 delår reports are byte for byte what was printed before all of this.
    for board, printed in before.items():
        again = report_bytes(example_path, tmp_path / f"efter-{board}.pdf", period="2022-delar",
                             **({"board": board} if board else {}))  # fmt: skip
        assert again == printed

    with GoalFile.open(example_path, readonly=True) as gf:
        names_2023 = {m.name for m in all_measures(gf.tree("2023-T1"))}
        assert "Andel digitala vårdmöten" in names_2023 and retired.name not in names_2023
        assert gf.measure(changed.id, "2023-T1").target == "14" and gf.measure(changed.id, "2022-delar").target == "12"
        assert gf.measure(moved.id, "2023-T1").unit_id == gf.find_unit("EKO").id
        assert gf.measure(moved.id, "2022-helar").unit_id == gf.find_unit("HR").id
        # The retired measure keeps its 2022 values and its place in 2022's reports.
        assert gf.entry(retired.id, "2022-delar").outcome_total == "29 191"
        # A carried measure keeps its identity: its trend compares with the period its setting names.
        carried = gf.measure(changed.id, "2023-T1")
        assert carried.comparison == "previous_period" and carried.previous.period_code == "2022-helar"
        model = gf.model()
        same_time = next(m for m in all_measures(gf.tree("2023-T1")) if m.comparison == "same_period_last_year")
        assert gf.measure(same_time.id, "2023-T1").previous.period_code == "2022-T1"
        gf_history = [p.code for p, _ in gf.history(changed.id)]
        assert gf_history == ["2022-T1", "2022-delar", "2022-helar", "2023-T1"]
    assert suggest_trend(model, carried, carried.entry, carried.previous) in (None, "saknas", "battre", "samre")

    text_2023 = _pdf_text(build_report(example_path, tmp_path / "2023.pdf", period="2023-T1").path)
    assert "Ekonomi och finansiering" in text_2023 and "Andel digitala vårdmöten" in text_2023
    assert "Antal slutförda triage totalt i länet på Digitalen" not in text_2023
    text_2022 = _pdf_text(tmp_path / "efter-None.pdf")
    assert (
        "Antal slutförda triage totalt i länet på Digitalen" in text_2022
        and "Ekonomi och finansiering" not in text_2022
    )
    assert run(["kontrollera", central]) == 0


def _pdf_text(path: Path) -> str:
    import pypdf

    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def test_a_locked_period_refuses_every_write_and_changes_nothing(example_path, tmp_path):
    with GoalFile.open(example_path, user="controller") as gf:
        measure = measure_named(gf, "Sjukfrånvaro")
        unit_path = export_unit_file(gf, gf.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
        gf.update_entry(measure.id, "2022-delar", {"commentary": "Central text."})
    fill_unit_file(unit_path, "HR", "4,9 %")
    with GoalFile.open(unit_path) as unit_file:
        unit_file.update_entry(measure.id, "2022-delar", {"commentary": "Enhetens text."})
    with GoalFile.open(example_path, user="controller") as gf:
        run_result = merge_files(gf, [unit_path])
        conflict = gf.open_conflicts()[0]
        table = tmp_path / "tabell.csv"
        export_table(gf, table)
        lock_period(gf, "2022-delar", "Antagen")
    locked = snapshot(example_path)
    assert run_result.exit_code == 1

    with table.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    rows[1][rows[0].index("kommentar")] = "Ny text"
    with table.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    with GoalFile.open(example_path, user="controller") as gf:
        with pytest.raises(ReadOnlyError, match="Perioden 2022 delår är låst"):
            gf.update_entry(measure.id, "2022-delar", {"outcome_total": "1"})
        with pytest.raises(ReadOnlyError, match="^Perioden 2022 delår är låst.$"):
            import_table(gf, table)
        with pytest.raises(ReadOnlyError, match="Perioden 2022 delår är låst"):
            resolve_conflict(gf, conflict.id, KEEP_CENTRAL)
        with pytest.raises(ReadOnlyError, match="låst"):
            gf.update_assessment(gf.tree()[0].children[0].id, "2022-delar", {"text": "Ny"})
        with pytest.raises(ReadOnlyError, match="låst"):
            gf.update_report_settings("2022-delar", {"version": "2.0"})
        with pytest.raises(ReadOnlyError, match="2022 års struktur kan inte ändras"):
            update_measure(gf, measure.id, 2022, {"target": "5 %"})
        with pytest.raises(GoalFileError, match="låst"):
            export_unit_file(gf, gf.find_unit("HR"), tmp_path / "ny.sqlite")
        assert merge_files(gf, [unit_path]).files[0].already_merged
        with pytest.raises(GoalFileError, match="Ange en orsak"):
            unlock_period(gf, "2022-delar", "  ")
    assert snapshot(example_path) == locked
    assert run(["period", "lås-upp", "--fil", str(example_path), "--period", "2022-delar", "--orsak", ""]) == 2
    with GoalFile.open(example_path, user="controller") as gf:
        unlock_period(gf, "2022-delar", "Rättelse av ett utfall")
        log = [(c.field, c.new_value) for c in gf.change_log("2022-delar")]
    assert ("locked", "1") in log and ("reason", "Antagen") in log and ("reason", "Rättelse av ett utfall") in log


def test_a_merge_into_a_locked_period_rejects_every_value(example_path, tmp_path):
    with GoalFile.open(example_path, user="controller") as gf:
        unit_path = export_unit_file(gf, gf.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
    fill_unit_file(unit_path, "HR", "4,9 %")
    with GoalFile.open(example_path, user="controller") as gf:
        lock_period(gf, "2022-delar")
    before = snapshot(example_path)
    with GoalFile.open(example_path, user="controller") as gf:
        result = merge_files(gf, [unit_path]).files[0]
    assert not result.applied and result.rejected
    assert {c.reason for c in result.rejected} == {"Perioden 2022 delår är låst."}
    after = snapshot(example_path)
    assert after["entries"] == before["entries"] and after["conflicts"] == before["conflicts"]


def test_retire_and_restore_leave_the_year_as_it_was(example_path):
    with GoalFile.open(example_path, user="controller") as gf:
        start_period(gf, "2023 T1")
        before = json.dumps([_shape(n) for n in gf.structure(2023)])
        goal = gf.structure(2023)[1].children[0]
        taken = retire(gf, goal.id, 2023)
        assert goal.id not in {n.id for n in walk(gf.structure(2023))}
        assert goal.id in {n.id for n in walk(gf.structure(2022))}
        restore(gf, taken)
        assert json.dumps([_shape(n) for n in gf.structure(2023)]) == before
        added = add_measure(gf, 2023, goal.children[0].id, "Nytt mått")
        retire(gf, added, 2023)  # added by mistake and never filled in: gone entirely
        assert gf.conn.execute("SELECT count(*) FROM measures WHERE id = ?", [added]).fetchone()[0] == 0
        first = goal.children[0].measures[0]
        move_measure(gf, first.id, 2023, goal.children[1].id, 0)
        assert gf.structure(2023)[1].children[0].children[1].measures[0].id == first.id


def _shape(node) -> list:
    return [node.id, node.name, node.boards, [_shape(c) for c in node.children],
            [[m.id, m.name, m.position] for m in node.measures]]  # fmt: skip


def test_a_template_of_a_year_makes_the_same_structure(example_path, tmp_path):
    out = tmp_path / "mall-2022.json"
    assert run(["mall", "--fil", str(example_path), "--år", "2022", "--ut", str(out)]) == 0
    assert run(["ny", "--mall", str(out), "--ut", str(tmp_path / "ny.sqlite")]) == 0
    again = tmp_path / "igen.json"
    assert run(["mall", "--fil", str(tmp_path / "ny.sqlite"), "--år", "2022", "--ut", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    template = json.loads(out.read_text(encoding="utf-8"))
    assert "entries" not in out.read_text(encoding="utf-8") and len(template["nodes"]) == 5
    with GoalFile.open(example_path, readonly=True) as a, GoalFile.open(tmp_path / "ny.sqlite", readonly=True) as b:
        assert [_shape(n) for n in a.structure(2022)] == [_shape(n) for n in b.structure(2022)]
    assert run(["mall", "--fil", str(example_path), "--år", "2031", "--ut", str(out)]) == 2
