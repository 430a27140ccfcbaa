"""`db.structure` and the report settings below the GUI: what the window's undo relies on (retire and
restore, move and move back give back exactly what was), and the refusals it shows."""

import pytest

from db import structure
from db.check import check_file
from db.errors import CorruptFileError, GoalFileError, ReadOnlyError
from db.goalfile import GoalFile
from db.model import walk
from db.periods import lock_period, start_period
from db.unitfile import export_unit_file


def shape(goal_file, year: int) -> list:
    """Every node and measure of a year with its place and settings, in tree order."""
    rows = []
    for node in walk(goal_file.structure(year)):
        rows.append((node.id, node.parent_id, node.position, node.name, node.description, node.boards))
        rows += [(m.id, m.node_id, m.position, m.name, m.target, m.unit_id) for m in node.measures]
    return rows


def test_retire_and_restore_give_back_exactly_what_was(goal_file):
    before = shape(goal_file, 2022)
    perspective = goal_file.structure(2022)[1]
    retired = structure.retire(goal_file, perspective.id, 2022)
    assert retired.parent_id is None and retired.top["name"] == perspective.name
    remaining = shape(goal_file, 2022)
    assert perspective.id not in {row[0] for row in remaining}
    assert [n.position for n in goal_file.structure(2022)] == list(range(4))  # no gap left behind
    structure.restore(goal_file, retired)
    assert shape(goal_file, 2022) == before
    assert goal_file.entry(perspective.all_measures()[0].id, "2022-delar") is not None


def test_a_node_added_and_retired_leaves_no_identity_and_comes_back_with_its_id(goal_file):
    goal = goal_file.structure(2022)[0].children[0]
    node_id = structure.add_node(goal_file, 2022, goal.id, "Ny faktor", position=0)
    measure_id = structure.add_measure(goal_file, 2022, node_id, "Nytt mått")
    with_them = shape(goal_file, 2022)
    retired = structure.retire(goal_file, node_id, 2022)
    assert goal_file.conn.execute("SELECT count(*) FROM nodes WHERE id = ?", [node_id]).fetchone()[0] == 0
    assert goal_file.conn.execute("SELECT count(*) FROM measures WHERE id = ?", [measure_id]).fetchone()[0] == 0
    structure.restore(goal_file, retired)
    assert shape(goal_file, 2022) == with_them


def test_a_retirement_is_kept_in_the_file_and_put_back_in_a_later_session(example_path):
    with GoalFile.open(example_path, user="anna") as goal_file:
        before = shape(goal_file, 2022)
        goal = goal_file.structure(2022)[0].children[0]
        measure = goal.children[0].measures[1]
        structure.retire(goal_file, measure.id, 2022)
        structure.retire(goal_file, goal.id, 2022)
        without = example_path.read_bytes()

    with GoalFile.open(example_path, user="bertil") as goal_file:  # the next day
        goal_retired, measure_retired = structure.retirements(goal_file, 2022)  # the latest first
        assert (goal_retired.item_id, goal_retired.is_node, goal_retired.depth, goal_retired.by) == (
            goal.id,
            True,
            1,
            "anna",
        )
        assert (measure_retired.top["name"], measure_retired.is_node) == (measure.name, False)
        with pytest.raises(GoalFileError, match="låg under finns inte längre i 2022 års struktur. Återinför det först"):
            structure.restore(goal_file, measure_retired)
        assert example_path.read_bytes() == without

        structure.restore(goal_file, goal_retired)
        structure.restore(goal_file, measure_retired)
        assert shape(goal_file, 2022) == before
        assert structure.retirements(goal_file, 2022) == []
        logged = [(c.field, c.new_value) for c in goal_file.change_log() if c.node_id == measure.id][-2:]
        assert logged == [("retired 2022", None), ("restored 2022", measure.name)]
        assert goal_file.entry(measure.id, "2022-delar") is not None  # its values were there all along


def test_a_retirement_goes_back_last_without_a_unit_removed_since_and_not_without_its_board(goal_file):
    factor = goal_file.structure(2022)[0].children[0].children[0]
    lab = structure.save_unit(goal_file, None, "LAB", "Laboratoriet")
    structure.save_board(goal_file, "TN", "Tillfällig nämnd")
    board = "TN"
    first, moved, *_ = factor.measures
    structure.update_measure(goal_file, first.id, 2022, {"unit_id": lab})
    structure.update_measure(goal_file, moved.id, 2022, {"board_code": board})
    retired_first = structure.retire(goal_file, first.id, 2022)
    retired_moved = structure.retire(goal_file, moved.id, 2022)
    structure.remove_unit(goal_file, lab)
    structure.remove_board(goal_file, board)
    for other in factor.measures[2:]:
        structure.retire(goal_file, other.id, 2022)

    with pytest.raises(GoalFileError, match="Nämnden TN finns inte längre i filen. Lägg till den först."):
        structure.restore(goal_file, retired_moved)
    structure.restore(goal_file, retired_first)
    back = next(n for n in walk(goal_file.structure(2022)) if n.id == factor.id).measures
    assert [(m.id, m.position, m.unit_id) for m in back] == [(first.id, 0, None)]
    with pytest.raises(GoalFileError, match="finns redan i 2022 års struktur"):
        structure.restore(goal_file, retired_first)


def test_a_unit_file_carries_no_retirements(goal_file, tmp_path):
    structure.retire(goal_file, goal_file.structure(2022)[0].all_measures()[0].id, 2022)
    path = export_unit_file(goal_file, goal_file.find_unit("HR"), tmp_path / "enhet-HR.sqlite")
    with GoalFile.open(path, readonly=True) as unit_file:
        assert structure.retirements(unit_file, 2022) == []


def test_a_retirement_that_cannot_be_read_is_a_damaged_file(goal_file, example_path):
    structure.retire(goal_file, goal_file.structure(2022)[0].all_measures()[0].id, 2022)
    with goal_file.transaction():
        goal_file.conn.execute("UPDATE retirements SET rows = '{\"measure_years\": 5'")
    with pytest.raises(CorruptFileError, match="En avveckling i filen går inte att läsa"):
        structure.retirements(goal_file, 2022)
    assert "En avveckling i filen går inte att läsa" in " ".join(p.text for p in check_file(example_path))


def test_a_move_and_the_move_back_restore_the_order(goal_file):
    factor = goal_file.structure(2022)[0].children[0].children[0]
    order = [m.id for m in factor.measures]
    first = factor.measures[0]
    structure.move_measure(goal_file, first.id, 2022, factor.id, factor.measures[2].position)
    moved = next(n for n in walk(goal_file.structure(2022)) if n.id == factor.id)
    assert [m.id for m in moved.measures] == [order[1], order[2], first.id, *order[3:]]
    assert [m.position for m in moved.measures] == list(range(len(order)))
    structure.move_measure(goal_file, first.id, 2022, factor.id, first.position)
    back = next(n for n in walk(goal_file.structure(2022)) if n.id == factor.id)
    assert [m.id for m in back.measures] == order


def test_boards_given_twice_are_stored_once(goal_file):
    factor = goal_file.structure(2022)[0].children[0].children[0]
    structure.update_node(goal_file, factor.id, 2022, {"boards": ["RS", "RS", "PN"]})
    assert next(n for n in walk(goal_file.structure(2022)) if n.id == factor.id).boards == ["RS", "PN"]


def test_a_unit_with_an_export_is_not_removed_and_a_removed_unit_comes_back_with_its_id(goal_file, tmp_path):
    unit = goal_file.find_unit("HR")
    unused = structure.save_unit(goal_file, None, "TAND", "Folktandvården")
    export_unit_file(goal_file, goal_file.unit_by_id(unused), tmp_path / "enhet-TAND.sqlite")
    with pytest.raises(GoalFileError, match="utskickade eller inkomna filer"):
        structure.remove_unit(goal_file, unused)
    fresh = structure.save_unit(goal_file, None, "LAB", "Laboratoriet")
    structure.remove_unit(goal_file, fresh)
    assert structure.save_unit(goal_file, fresh, "LAB", "Laboratoriet") == fresh
    assert goal_file.unit_by_id(fresh).code == "LAB" and goal_file.unit_by_id(unit.id) == unit


def test_a_locked_year_freezes_what_is_printed_but_not_the_unit(goal_file):
    lock_period(goal_file, "2022-delar", "Antagen")
    measure = goal_file.tree()[0].all_measures()[0]
    refusal = goal_file.structure_refusal(2022)
    for attempt in (
        lambda: structure.update_measure(goal_file, measure.id, 2022, {"target": "99"}),
        lambda: structure.retire(goal_file, measure.id, 2022),
        lambda: structure.add_node(goal_file, 2022, None, "Nytt"),
        lambda: structure.move_measure(goal_file, measure.id, 2022, measure.node_id, 0),
    ):
        with pytest.raises(ReadOnlyError) as refused:
            attempt()
        assert str(refused.value) == refusal
    other = next(u for u in goal_file.units() if u.id != measure.unit_id)
    structure.update_measure(goal_file, measure.id, 2022, {"unit_id": other.id})
    start_period(goal_file, "2023 T1")
    structure.update_measure(goal_file, measure.id, 2023, {"target": "99"})  # next year is open
    assert goal_file.measure(measure.id, "2022-delar").target == measure.target


@pytest.mark.parametrize("date", ["2022-13-40", "26/10/2022", "2022-1-5", "i morgon"])
def test_a_publication_date_must_be_an_iso_date(goal_file, date):
    before = goal_file.report_settings("2022-delar")
    with pytest.raises(GoalFileError, match="Skriv det som ÅÅÅÅ-MM-DD"):
        goal_file.update_report_settings("2022-delar", {"version": "2", "publication_date": date})
    assert goal_file.report_settings("2022-delar") == before


def test_a_publication_date_may_be_empty_or_a_date(goal_file):
    goal_file.update_report_settings("2022-delar", {"publication_date": ""})
    goal_file.update_report_settings("2022-T1", {"publication_date": "2022-05-31"})
    assert goal_file.report_settings("2022-T1").publication_date == "2022-05-31"
