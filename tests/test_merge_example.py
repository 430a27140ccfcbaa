"""End to end on the built-in example, as the controller and three divisions would do it."""

import csv

from db.goalfile import GoalFile
from desktop.cli import run


def fill_table(path, unit_code, value):
    """What an officer does in Excel: an outcome and a status for each of the unit's measures."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f, delimiter=";"))
    changed = []
    for row in table[1:]:
        if row[table[0].index("enhet")] == unit_code:
            row[table[0].index("utfall_totalt")] = value
            row[table[0].index("status")] = "Utkast"
            changed.append(row[0])
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, delimiter=";").writerows(table)
    return changed


def test_export_fill_three_units_edit_centrally_merge_twice(example_path, tmp_path, capsys):
    folder = tmp_path / "ut"
    assert run(["exportera", "--fil", str(example_path), "--alla", "--katalog", str(folder)]) == 0
    assert len(list(folder.glob("enhet-*.styrkort"))) == 12
    filled = {}
    for code in ("EKO", "KOM", "RKM"):
        unit_path, table = folder / f"enhet-{code}.styrkort", tmp_path / f"{code}.csv"
        assert run(["tabell", "--fil", str(unit_path), "--ut", str(table)]) == 0
        filled[code] = fill_table(table, code, f"{code} 42")
        assert run(["importera", "--fil", str(unit_path), str(table)]) == 0
    with GoalFile.open(example_path, user="controller") as central:
        period = central.period().code
        central.update_entry(filled["KOM"][0], period, {"outcome_total": "Centralens siffra"})
    capsys.readouterr()

    files = [str(folder / f"enhet-{code}.styrkort") for code in ("EKO", "KOM", "RKM")]
    assert run(["sammanfoga", "--fil", str(example_path), *files]) == 1
    out = capsys.readouterr().out
    assert "enhet-KOM.styrkort (Kommunikationsavdelningen): 3 värden införda" in out
    assert out.count("konflikt:") == 1 and "centralens ”Centralens siffra” behålls, inkommande ”KOM 42”" in out

    with GoalFile.open(example_path, readonly=True) as central:
        merged = [central.entry(i, period) for code in ("EKO", "RKM") for i in filled[code]]
        assert {e.outcome_total for e in merged} == {"EKO 42", "RKM 42"}
        assert central.entry(filled["KOM"][0], period).outcome_total == "Centralens siffra"
        assert len(central.open_conflicts()) == 1
        log_size = len(central.change_log())

    assert run(["sammanfoga", "--fil", str(example_path), *files]) == 0
    assert capsys.readouterr().out.count("redan sammanfogad") == 3
    with GoalFile.open(example_path, readonly=True) as central:
        assert len(central.change_log()) == log_size
    assert run(["kontrollera", str(example_path)]) == 0
