"""Merging returned unit files: the three-way rules, idempotence, conflicts and their resolution."""

import pytest
from merge_support import make_central, measures_of, snapshot

from db.collection import collection_status
from db.conflicts import KEEP_CENTRAL, NEW_VALUE, TAKE_INCOMING, resolve_conflict
from db.errors import GoalFileError
from db.goalfile import GoalFile
from db.merge import merge_files
from db.structure import update_measure
from db.unitfile import export_unit_file
from desktop.cli import run


@pytest.fixture
def central(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite"), user="controller") as gf:
        yield gf


def export(central, code, tmp_path, name=None):
    return export_unit_file(central, central.find_unit(code), tmp_path / (name or f"enhet-{code}.sqlite"))


def fill(path, code, index, changes, user="handläggare"):
    with GoalFile.open(path, user=user) as unit_file:
        measure = measures_of(unit_file, code)[index]
        unit_file.update_entry(measure.id, "P2", changes)
        return measure.id


def test_a_field_only_the_unit_changed_is_applied_and_logged_with_the_file_as_origin(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure_id = fill(path, "A", 0, {"outcome_total": "1 234", "outcome_women": "600", "status": "utkast"})
    run_ = merge_files(central, [path])
    result = run_.files[0]
    assert [c.field for c in result.applied] == ["outcome_total", "outcome_women", "status"]
    assert result.unchanged == 1 and not result.conflicts and run_.exit_code == 0
    entry = central.entry(measure_id, "P2")
    assert (entry.outcome_total, entry.outcome_women, entry.status) == ("1 234", "600", "utkast")
    log = [(c.field, c.new_value, c.origin, c.by) for c in central.change_log(measure_id)]
    assert ("outcome_total", "1 234", "enhet-A.sqlite", "controller") in log
    assert run_.backup.exists()


def test_a_field_only_central_changed_is_kept(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"commentary": "Centralens analys"})
    fill(path, "A", 0, {"outcome_total": "9"})
    merge_files(central, [path])
    entry = central.entry(measure.id, "P2")
    assert (entry.commentary, entry.outcome_total) == ("Centralens analys", "9")


def test_both_changed_differently_is_a_conflict_and_central_keeps_its_value(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    fill(path, "A", 0, {"outcome_total": "11"})
    run_ = merge_files(central, [path])
    assert run_.exit_code == 1
    assert central.entry(measure.id, "P2").outcome_total == "10"
    (conflict,) = central.open_conflicts()
    assert (conflict.field, conflict.base_value, conflict.central_value, conflict.incoming_value) == (
        "outcome_total", "", "10", "11",
    )  # fmt: skip
    assert conflict.source_file == "enhet-A.sqlite"


def test_both_changed_to_the_same_value_is_no_conflict(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    fill(path, "A", 0, {"outcome_total": "10"})
    run_ = merge_files(central, [path])
    assert run_.exit_code == 0 and not run_.files[0].applied and central.open_conflicts() == []


def test_merging_the_same_file_again_changes_nothing(central, tmp_path, capsys):
    path = export(central, "A", tmp_path)
    fill(path, "A", 0, {"outcome_total": "3"})
    assert run(["sammanfoga", "--fil", str(central.path), str(path)]) == 0
    before = snapshot(central.path)
    backups = set(central.path.parent.glob("*.bak"))
    assert run(["sammanfoga", "--fil", str(central.path), str(path), str(path)]) == 0
    out = capsys.readouterr().out
    assert out.count("redan sammanfogad") == 2
    assert snapshot(central.path) == before
    assert set(central.path.parent.glob("*.bak")) == backups  # nothing to write: no new backup


def test_a_returned_file_edited_further_after_a_merge_is_merged_without_false_conflicts(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure_id = fill(path, "A", 0, {"outcome_total": "3"})
    merge_files(central, [path])
    fill(path, "A", 0, {"outcome_total": "4"})  # the officer corrects the value and sends the file again
    run_ = merge_files(central, [path])
    assert [c.incoming for c in run_.files[0].applied] == ["4"] and not run_.files[0].conflicts
    assert central.entry(measure_id, "P2").outcome_total == "4"


def test_a_conflict_is_not_raised_again_by_a_later_version_of_the_file(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    fill(path, "A", 0, {"outcome_total": "11"})
    merge_files(central, [path])
    (conflict,) = central.open_conflicts()
    resolve_conflict(central, conflict.id, KEEP_CENTRAL)
    fill(path, "A", 1, {"commentary": "Ny kommentar"})
    run_ = merge_files(central, [path])
    assert not run_.files[0].conflicts and central.open_conflicts() == []
    assert central.entry(measure.id, "P2").outcome_total == "10"


def test_a_fresh_export_after_a_merge_does_not_raise_old_conflicts(central, tmp_path):
    first = export(central, "A", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    fill(first, "A", 0, {"outcome_total": "11"})
    merge_files(central, [first])
    second = export(central, "A", tmp_path, "enhet-A-igen.sqlite")
    fill(second, "A", 1, {"outcome_text": "Klart"})
    run_ = merge_files(central, [second])
    assert not run_.files[0].conflicts and len(central.open_conflicts()) == 1


def test_a_change_in_a_period_locked_since_export_is_rejected(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure_id = fill(path, "A", 0, {"outcome_total": "3"})
    central.db.execute("UPDATE periods SET locked = 1 WHERE code = 'P2'")
    run_ = merge_files(central, [path])
    (rejected,) = run_.files[0].rejected
    assert "låst" in rejected.reason and run_.exit_code == 2
    assert central.entry(measure_id, "P2").outcome_total == ""


def test_a_measure_moved_to_another_unit_since_export_is_rejected(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure_id = fill(path, "A", 0, {"outcome_total": "3"})
    update_measure(central, measure_id, 2022, {"unit_id": central.find_unit("B").id})
    run_ = merge_files(central, [path])
    assert "flyttats" in run_.files[0].rejected[0].reason
    assert central.entry(measure_id, "P2").outcome_total == ""


def test_conflicts_are_resolved_by_picking_a_side_or_a_new_value(central, tmp_path):
    path = export(central, "A", tmp_path)
    first, second = measures_of(central, "A")
    central.update_entry(first.id, "P2", {"outcome_total": "10", "commentary": "C", "outcome_text": "c"})
    fill(path, "A", 0, {"outcome_total": "11", "commentary": "U", "outcome_text": "u"})
    merge_files(central, [path])
    by_field = {c.field: c for c in central.open_conflicts()}
    resolve_conflict(central, by_field["outcome_total"].id, TAKE_INCOMING)
    resolve_conflict(central, by_field["commentary"].id, NEW_VALUE, "Sammanvägd <analys> & 🎯")
    resolve_conflict(central, by_field["outcome_text"].id, KEEP_CENTRAL)
    entry = central.entry(first.id, "P2")
    assert (entry.outcome_total, entry.commentary, entry.outcome_text) == ("11", "Sammanvägd <analys> & 🎯", "c")
    assert central.open_conflicts() == []
    origins = {c.field: c.origin for c in central.change_log(first.id) if c.origin.startswith("konflikt")}
    assert set(origins) == {"outcome_total", "commentary"}
    with pytest.raises(GoalFileError, match="redan löst"):
        resolve_conflict(central, by_field["outcome_total"].id, KEEP_CENTRAL)


def test_collection_status_shows_counts_returned_files_and_open_conflicts(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    fill(path, "A", 0, {"outcome_total": "11", "status": "klar"})
    fill(path, "A", 1, {"status": "utkast"})
    merge_files(central, [path])
    status = {line.unit.code: line for line in collection_status(central)}
    assert status["A"].counts == {"ej_paborjad": 0, "utkast": 1, "klar": 1}
    assert [f.source_file for f in status["A"].returned] == ["enhet-A.sqlite"]
    assert status["A"].open_conflicts == 1
    assert status["B"].counts["ej_paborjad"] == 2 and status["B"].returned == []


def test_sammanfoga_and_status_commands(central, tmp_path, capsys):
    a, b = export(central, "A", tmp_path), export(central, "B", tmp_path)
    measure = measures_of(central, "A")[0]
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    central.close()
    fill(a, "A", 0, {"outcome_total": "11"})
    fill(b, "B", 0, {"outcome_total": "7"})
    assert run(["sammanfoga", "--fil", str(central.path), str(a), str(b)]) == 1
    out = capsys.readouterr().out
    assert "enhet-A.sqlite (Enhet A): 0 värden införda, 1 oförändrat, 1 konflikt" in out
    assert "konflikt: ”Styrmått A0”, utfall totalt: centralens ”10” behålls, inkommande ”11”" in out
    assert "enhet-B.sqlite (Enhet B): 1 värde infört" in out
    assert run(["status", "--fil", str(central.path)]) == 0
    out = capsys.readouterr().out
    assert "A Enhet A: 2 ej påbörjad, 0 utkast, 0 klar; senast inkommen" in out
    assert "1 olöst konflikt" in out and "1 olösta konflikter" not in out
    assert "C Enhet C: 2 ej påbörjad, 0 utkast, 0 klar; ingen fil inkommen" in out


def test_merge_refuses_to_write_into_a_unit_file(central, tmp_path):
    path = export(central, "A", tmp_path)
    with GoalFile.open(path) as unit_file, pytest.raises(GoalFileError, match="centralfil"):
        merge_files(unit_file, [path])


# --- stale copies: which export a value came from, not what the file is called ---------------


def returned(path, folder):
    """The file as it comes back by mail: the same name, in a folder of its own."""
    folder.mkdir()
    return path.rename(folder / path.name)


def test_an_older_export_edited_again_after_a_newer_one_was_merged_never_overwrites(central, tmp_path, capsys):
    first = returned(export(central, "A", tmp_path), tmp_path / "v1")
    measure_id = fill(first, "A", 0, {"outcome_total": "3"})
    merge_files(central, [first])
    second = returned(export(central, "A", tmp_path), tmp_path / "v2")  # the same file name again
    fill(second, "A", 0, {"outcome_total": "5"})
    merge_files(central, [second])
    fill(first, "A", 0, {"outcome_total": "4"})  # someone corrects the old copy
    fill(first, "A", 1, {"commentary": "Från den gamla filen"})
    central.close()
    assert run(["sammanfoga", "--fil", str(central.path), str(first)]) == 1
    out = capsys.readouterr().out
    assert "enhet-A.sqlite (Enhet A): äldre än en export till enheten som redan sammanfogats" in out
    assert (
        "så det filen ändrar blir konflikter och skriver inte över något: 0 värden införda, 0 oförändrade, "
        "2 konflikter" in out
    )
    with GoalFile.open(central.path) as again:
        assert again.entry(measure_id, "P2").outcome_total == "5"
        found = {(c.field, c.central_value, c.incoming_value) for c in again.open_conflicts()}
        assert found == {("outcome_total", "5", "4"), ("commentary", "", "Från den gamla filen")}


def test_a_newer_export_takes_over_from_the_value_an_older_export_of_the_unit_merged(central, tmp_path):
    first = returned(export(central, "A", tmp_path), tmp_path / "v1")
    second = returned(export(central, "A", tmp_path), tmp_path / "v2")  # sent again before the first came back
    measure_id = fill(first, "A", 0, {"outcome_total": "3"})
    fill(second, "A", 0, {"outcome_total": "4"})
    merge_files(central, [first])
    run_ = merge_files(central, [second])
    assert [c.incoming for c in run_.files[0].applied] == ["4"] and not run_.files[0].conflicts
    assert central.entry(measure_id, "P2").outcome_total == "4"
    fill(first, "A", 0, {"outcome_total": "6"})
    run_ = merge_files(central, [first])  # now stale: the newer export was merged meanwhile
    assert not run_.files[0].applied and central.entry(measure_id, "P2").outcome_total == "4"
    assert [(c.central_value, c.incoming_value) for c in central.open_conflicts()] == [("4", "6")]


def test_a_value_central_changed_after_the_units_merge_is_not_the_units_own(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure_id = fill(path, "A", 0, {"outcome_total": "3"})
    merge_files(central, [path])
    central.update_entry(measure_id, "P2", {"outcome_total": "30"})
    fill(path, "A", 0, {"outcome_total": "4"})
    run_ = merge_files(central, [path])
    assert not run_.files[0].applied and central.entry(measure_id, "P2").outcome_total == "30"
    assert [(c.central_value, c.incoming_value) for c in central.open_conflicts()] == [("30", "4")]


def test_a_stale_files_conflict_does_not_supersede_the_newer_exports_open_conflict(central, tmp_path):
    measure = measures_of(central, "A")[0]
    first = returned(export(central, "A", tmp_path), tmp_path / "v1")
    central.update_entry(measure.id, "P2", {"outcome_total": "10"})
    second = returned(export(central, "A", tmp_path), tmp_path / "v2")
    central.update_entry(measure.id, "P2", {"outcome_total": "20"})
    fill(second, "A", 0, {"outcome_total": "11"})
    merge_files(central, [second])
    fill(first, "A", 0, {"outcome_total": "9"})
    merge_files(central, [first])
    open_ = {(c.incoming_value, c.source_file) for c in central.open_conflicts()}
    assert open_ == {("11", "enhet-A.sqlite"), ("9", "enhet-A.sqlite")}


def test_the_central_file_alone_says_which_export_each_merged_value_came_from(central, tmp_path):
    path = export(central, "A", tmp_path)
    measure_id = fill(path, "A", 0, {"outcome_total": "3"})
    merge_files(central, [path])
    (export_id,) = central.conn.execute(
        "SELECT g.export_id FROM change_log c JOIN merged_changes d ON d.change_id = c.id "
        "JOIN merges g ON g.id = d.merge_id WHERE c.node_id = ? AND c.field = 'outcome_total'",
        [measure_id],
    ).fetchone()
    with GoalFile.open(path) as unit_file:
        assert export_id == unit_file.export_id
