"""The `tabell` / `importera` CSV format: round trip, honest imports, row-numbered refusals."""

import csv
import os

import pytest
from merge_support import make_central, measures_of, snapshot

from db.csv_table import VALUE_COLUMNS, TableImportError, export_table, header, import_table
from db.errors import GoalFileError
from db.goalfile import GoalFile
from db.merge import merge_files
from db.unitfile import export_unit_file
from desktop.cli import run


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def write_rows(path, table, encoding="utf-8-sig", delimiter=";"):
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(table)


def set_cell(table, measure_id, column, value):
    row = next(r for r in table if r[0] == measure_id)
    row[table[0].index(column)] = value


def test_the_table_opens_in_excel_and_round_trips_without_changes(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    assert export_table(goal_file, path) == 107
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    table = rows(path)
    assert table[0] == list(header(goal_file.model()))
    assert table[0][0:2] == ["id", "perspektiv"] and len(table) == 108
    before = snapshot(goal_file.path)
    result = import_table(goal_file, path)
    assert (result.changed_rows, result.unchanged_rows) == (0, 107)
    assert snapshot(goal_file.path) == before


def test_import_changes_only_what_differs_and_logs_it(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    table = rows(path)
    first, second = measures_of(goal_file)[:2]
    awkward = "Rad ett; med semikolon\nrad två med <tagg> & 🎯 " + "långt " * 2000
    set_cell(table, first.id, "kommentar", awkward)
    set_cell(table, first.id, "måluppfyllelse", "Delvis uppfyllt")  # the label works as well as the code
    set_cell(table, second.id, "utveckling", "battre")
    set_cell(table, second.id, "status", "Utkast")
    write_rows(path, table)
    result = import_table(goal_file, path)
    assert (result.changed_rows, result.changed_fields) == (2, 4)
    entry = goal_file.entry(first.id, goal_file.period().code)
    assert (entry.commentary, entry.fulfilment) == (awkward, "delvis")
    assert goal_file.entry(second.id, goal_file.period().code).status == "utkast"
    assert {c.origin for c in goal_file.change_log(first.id)} >= {"tabell.csv"}
    export_table(goal_file, tmp_path / "igen.csv")
    assert import_table(goal_file, tmp_path / "igen.csv").changed_rows == 0


def refused(goal_file, path):
    before = snapshot(goal_file.path)
    with pytest.raises(TableImportError) as caught:
        import_table(goal_file, path)
    assert snapshot(goal_file.path) == before
    return str(caught.value)


def test_a_wrong_separator_is_named(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    write_rows(path, rows(path), delimiter=",")
    assert "rad 1: kolumnerna är avgränsade med komma" in refused(goal_file, path)


def test_a_wrong_header_is_named(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    table = rows(path)
    table[0][table[0].index("utfall_män")] = "utfall_man"
    write_rows(path, table)
    message = refused(goal_file, path)
    assert "rad 1: fel rubrikrad (saknas: utfall_män; okända: utfall_man)" in message


def test_bad_rows_are_all_reported_by_number_and_nothing_is_imported(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    table = rows(path)
    ids = [m.id for m in measures_of(goal_file)]
    ids[5] = next(m.id for m in measures_of(goal_file)[5:] if m.kind == "styrmatt")
    set_cell(table, ids[0], "utfall_totalt", "12")  # a good change: must not be imported alone
    set_cell(table, ids[1], "måluppfyllelse", "grönt")
    set_cell(table, ids[2], "mål", "Minska")
    table[4][0] = "finns-inte"
    table[5] = table[5][:3]
    set_cell(table, ids[5], "måluppfyllelse", "ej")
    set_cell(table, ids[5], "kommentar", "")
    set_cell(table, ids[5], "status", "klar")
    write_rows(path, table)
    message = refused(goal_file, path)
    assert "inget importerades, 5 fel" in message
    assert "Rad 3 (”" in message and "okänt värde ”grönt” i kolumnen måluppfyllelse" in message
    assert "Rad 4 (" in message and "målet kan inte ändras i en tabell" in message
    assert "Rad 5: okänt id 'finns-inte'" in message
    assert "Rad 6: har 3 kolumner, ska ha 17." in message
    assert "behöver en kommentar" in message


def test_text_that_is_not_utf8_is_refused(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    write_rows(path, rows(path), encoding="cp1252")
    assert "inte UTF-8-kodad" in refused(goal_file, path)


def test_a_unit_may_not_import_values_for_another_units_measure(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite")) as central:
        unit_path = export_unit_file(central, central.find_unit("A"), tmp_path / "a.sqlite")
    with GoalFile.open(unit_path, user="handläggare") as unit_file:
        path = tmp_path / "a.csv"
        export_table(unit_file, path)
        table = rows(path)
        set_cell(table, measures_of(unit_file, "A")[0].id, "utfall_totalt", "1")
        set_cell(table, measures_of(unit_file, "B")[0].id, "utfall_totalt", "2")
        write_rows(path, table)
        message = refused(unit_file, path)
        assert (
            "Rad 4 (”Styrmått B0”): Det här tillhör en annan enhet och kan inte ändras i den här enhetsfilen."
            in message
        )
        assert "1 fel" in message


def test_tabell_and_importera_commands(example_path, tmp_path, capsys):
    path = tmp_path / "tabell.csv"
    assert run(["tabell", "--fil", str(example_path), "--ut", str(path)]) == 0
    assert run(["importera", "--fil", str(example_path), str(path)]) == 0
    assert "0 värden ändrade i 0 styrmått, 107 styrmått oförändrade" in capsys.readouterr().out
    table = rows(path)
    table[1][table[0].index("status")] = "färdig"
    write_rows(path, table)
    assert run(["importera", "--fil", str(example_path), str(path)]) == 2
    err = capsys.readouterr().err
    assert "Rad 2 (" in err and "okänt värde ”färdig” i kolumnen status" in err and "Traceback" not in err


HOSTILE = {
    "utfall_totalt": '=HYPERLINK("http://example.invalid";"klicka")',
    "utfall_kvinnor": "+1+1",
    "utfall_män": "-0,6%",
    "utfall_text": "@SUM(A1:A9)",
    "kommentar": "- en punkt\r\n- en till\rslut\n",
}


def test_formula_cells_are_neutralised_and_round_trip_unchanged(goal_file, tmp_path):
    measure = next(m for m in measures_of(goal_file) if m.kind == "styrmatt")
    period = goal_file.period().code
    values = {VALUE_COLUMNS[c]: v for c, v in HOSTILE.items()}
    goal_file.update_entry(measure.id, period, values)
    others = measures_of(goal_file)[1:4]
    for other, text in zip(others, ["\tindragen", "\rvagnretur", "'citerad"], strict=True):
        goal_file.update_entry(other.id, period, {"commentary": text})
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    cells = [cell for row in rows(path) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    row = next(r for r in rows(path) if r[0] == measure.id)
    columns = header(goal_file.model())
    assert row[columns.index("utfall_totalt")] == "'" + HOSTILE["utfall_totalt"]
    assert row[columns.index("kommentar")] == "'" + HOSTILE["kommentar"]
    before = snapshot(goal_file.path)
    assert import_table(goal_file, path).changed_rows == 0
    assert snapshot(goal_file.path) == before
    entry = goal_file.entry(measure.id, period)
    assert {f: getattr(entry, f) for f in values} == values


def test_a_value_typed_in_excel_is_taken_as_typed(goal_file, tmp_path):
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    table = rows(path)
    first, second = measures_of(goal_file)[:2]
    set_cell(table, first.id, "utfall_totalt", "-5")  # typed in a cell: no apostrophe
    set_cell(table, second.id, "kommentar", "'Bra', sa chefen.")  # an apostrophe a person wrote stays
    write_rows(path, table)
    assert import_table(goal_file, path).changed_rows == 2
    assert goal_file.entry(first.id, goal_file.period().code).outcome_total == "-5"
    assert goal_file.entry(second.id, goal_file.period().code).commentary == "'Bra', sa chefen."


def test_line_ends_of_every_kind_round_trip_and_an_editors_rewrite_is_no_change(goal_file, tmp_path):
    measure = measures_of(goal_file)[0]
    period = goal_file.period().code
    stored = "ett\ntvå\r\ntre\rfyra"
    goal_file.update_entry(measure.id, period, {"commentary": stored})
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    assert import_table(goal_file, path).changed_rows == 0
    table = rows(path)
    set_cell(table, measure.id, "kommentar", "ett\r\ntvå\r\ntre\r\nfyra")
    write_rows(path, table)
    assert import_table(goal_file, path).changed_rows == 0
    assert goal_file.entry(measure.id, period).commentary == stored


def test_a_cell_longer_than_the_csv_modules_default_limit_reads_back(goal_file, tmp_path):
    measure = measures_of(goal_file)[0]
    long_text = "Lång analys av läget. " * 12_000  # 264,000 characters
    goal_file.update_entry(measure.id, goal_file.period().code, {"commentary": long_text})
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    assert import_table(goal_file, path).changed_rows == 0
    assert csv.field_size_limit() == 131_072  # raised for the read only


def test_a_cell_too_long_for_a_table_is_neither_written_nor_read(tmp_path, monkeypatch):
    monkeypatch.setattr("db.csv_table.MAX_CELL", 1000)
    goal_file = GoalFile.open(make_central(tmp_path / "central.sqlite"))
    measure = measures_of(goal_file)[0]
    path = tmp_path / "tabell.csv"
    export_table(goal_file, path)
    goal_file.update_entry(measure.id, goal_file.period().code, {"commentary": "x" * 1001})
    with pytest.raises(GoalFileError, match=f"”{measure.name}” har en text på över 1 000 tecken"):
        export_table(goal_file, tmp_path / "ny.csv")
    assert not (tmp_path / "ny.csv").exists()
    table = rows(path)
    set_cell(table, measure.id, "kommentar", "y" * 1001)
    write_rows(path, table)
    assert "en cell är längre än 1 000 tecken" in refused(goal_file, path)
    goal_file.close()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_as_the_table_is_refused_without_waiting(goal_file, tmp_path):
    fifo = tmp_path / "tabell.csv"
    os.mkfifo(fifo)
    assert "namngiven pipe" in refused(goal_file, fifo)


# --- a table written before the file changed: compared with what it was written from ---------


@pytest.fixture
def central_with_unit_file(tmp_path):
    """A small central file, its table as written now, and unit A's file filled in since."""
    path = make_central(tmp_path / "central.sqlite")
    with GoalFile.open(path, user="controller") as central:
        table = tmp_path / "tabell.csv"
        export_table(central, table)
        unit_path = export_unit_file(central, central.find_unit("A"), tmp_path / "enhet-A.sqlite")
    with GoalFile.open(unit_path, user="handläggare") as unit_file:
        unit_file.update_entry(measures_of(unit_file, "A")[0].id, "P2", {"outcome_total": "5", "status": "utkast"})
    return path, table, unit_path


def test_a_table_written_before_a_merge_never_reverts_what_the_merge_brought(central_with_unit_file):
    path, table, unit_path = central_with_unit_file
    with GoalFile.open(path, user="controller") as central:
        merge_files(central, [unit_path])
        merged, other = measures_of(central, "A")[0], measures_of(central, "B")[0]
        cells = rows(table)
        set_cell(cells, other.id, "kommentar", "Skrivet i Excel")
        write_rows(table, cells)
        result = import_table(central, table)
        entry = central.entry(merged.id, "P2")
        assert (entry.outcome_total, entry.status) == ("5", "utkast")  # the table's older "" is no change
        assert (result.changed_rows, result.changed_fields, result.conflicts) == (1, 1, [])
        assert central.entry(other.id, "P2").commentary == "Skrivet i Excel"


def test_a_cell_the_table_and_the_file_both_changed_is_a_conflict_not_an_overwrite(central_with_unit_file, capsys):
    path, table, unit_path = central_with_unit_file
    with GoalFile.open(path, user="controller") as central:
        merge_files(central, [unit_path])
        merged = measures_of(central, "A")[0]
    cells = rows(table)
    set_cell(cells, merged.id, "utfall_totalt", "7")
    set_cell(cells, merged.id, "kommentar", "Från tabellen")
    write_rows(table, cells)
    assert run(["importera", "--fil", str(path), str(table)]) == 1
    out = capsys.readouterr().out
    assert "1 värde ändrat i 1 styrmått, 5 styrmått oförändrade, 1 konflikt" in out
    assert "konflikt: ”Styrmått A0”, utfall totalt: filens ”5” behålls, tabellens ”7”" in out
    assert "(när tabellen skrevs ”(tomt)”)" in out
    with GoalFile.open(path, user="controller") as central:
        assert central.entry(merged.id, "P2").outcome_total == "5"
        assert central.entry(merged.id, "P2").commentary == "Från tabellen"
        (conflict,) = central.open_conflicts()
        assert (conflict.field, conflict.base_value, conflict.central_value, conflict.incoming_value) == (
            "outcome_total", "", "5", "7",
        )  # fmt: skip
        assert conflict.source_file == "tabell.csv" and conflict.unit_id == central.find_unit("A").id
    before = snapshot(path)
    assert run(["importera", "--fil", str(path), str(table)]) == 0  # the same table again: nothing new
    assert snapshot(path)["conflicts"] == before["conflicts"]


def test_in_a_unit_file_a_cell_changed_in_the_window_since_the_table_was_written_is_refused(tmp_path):
    with GoalFile.open(make_central(tmp_path / "central.sqlite")) as central:
        unit_path = export_unit_file(central, central.find_unit("A"), tmp_path / "a.sqlite")
    with GoalFile.open(unit_path, user="handläggare") as unit_file:
        table = tmp_path / "a.csv"
        export_table(unit_file, table)
        measure = measures_of(unit_file, "A")[0]
        unit_file.update_entry(measure.id, "P2", {"outcome_total": "8"})
        cells = rows(table)
        set_cell(cells, measure.id, "utfall_totalt", "9")
        write_rows(table, cells)
        message = refused(unit_file, table)
        assert "Rad 2 (”Styrmått A0”): utfall totalt har ändrats i filen sedan tabellen skrevs" in message
        assert unit_file.entry(measure.id, "P2").outcome_total == "8"


def test_a_table_from_another_file_or_without_its_base_never_overwrites(central_with_unit_file, tmp_path):
    path, table, unit_path = central_with_unit_file
    with GoalFile.open(unit_path) as unit_file:
        foreign = tmp_path / "från-enhetsfilen.csv"
        export_table(unit_file, foreign)  # its base is the unit file's change log, not central's
    with GoalFile.open(path, user="controller") as central:
        measure = measures_of(central, "A")[0]
        message = refused(central, foreign)
        assert "Rad 2 (”Styrmått A0”): tabellen är inte skriven ur den här filen" in message and "1 fel" in message
        cells = rows(table)
        for row in cells[1:]:
            row[-1] = ""  # the base emptied: an unchanged row still reads, a changed one does not
        set_cell(cells, measure.id, "utfall_män", "3")
        write_rows(table, cells)
        assert "Rad 2 (”Styrmått A0”): tabellen är inte skriven ur den här filen" in refused(central, table)
        assert central.entry(measure.id, "P2").outcome_men == ""


def test_a_table_written_from_a_later_state_than_a_restored_file_has_never_overwrites(tmp_path):
    path = make_central(tmp_path / "central.sqlite")
    backup = tmp_path / "säkerhetskopia.sqlite"
    backup.write_bytes(path.read_bytes())
    with GoalFile.open(path) as central:
        measure = measures_of(central, "A")[0]
        central.update_entry(measure.id, "P2", {"outcome_total": "1"})
        table = tmp_path / "tabell.csv"
        export_table(central, table)
    path.write_bytes(backup.read_bytes())  # the file restored from before the table
    cells = rows(table)
    set_cell(cells, measure.id, "utfall_totalt", "2")
    write_rows(table, cells)
    with GoalFile.open(path) as central:
        assert "tabellen är inte skriven ur den här filen" in refused(central, table)
