"""The cycle in the window alone: lock the adopted 2022 delår, start helår 2022, start 2023 T1
and change its structure — and the 2022 delår report stays byte for byte what it was."""

from datetime import datetime

from cycle_ui_support import assert_tree_is_file, cycle_path, dialogs, measure_named, press_ok
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.goalfile import GoalFile
from db.model import all_measures, walk
from desktop.report import build_report
from desktop.ui.measure_settings_dialog import MeasureDialog
from desktop.ui.period_dialogs import LockDialog, StartPeriodDialog
from desktop.ui.structure_dialogs import NameDialog

cycle_path, dialogs = cycle_path, dialogs  # fixtures

PRINTED = datetime(2022, 10, 26)
RETIRED = "Antal slutförda triage totalt i länet på Digitalen"
RETARGETED = "Antal företagsbesök"
MOVED = "Antal nya filialer och servicepunkter"


def report(path, out, period: str) -> bytes:
    return build_report(path, out, period=period, printed_at=PRINTED).path.read_bytes()


def text_of(pdf) -> str:
    """The PDF's words in order, with line breaks inside table cells undone."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


def test_a_controller_runs_the_year_in_the_window_and_2022_delar_prints_unchanged(make_window, qtbot, dialogs,
                                                                                  messages, cycle_path, tmp_path):  # fmt: skip
    before = report(cycle_path, tmp_path / "före.pdf", "2022-delar")
    window = make_window(cycle_path, user="controller")
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    def press(key, modifier=Qt.KeyboardModifier.NoModifier):
        window.tree.setFocus()
        qtbot.keyClick(window.tree, key, modifier)
        assert_tree_is_file(window, cycle_path)

    def select(name: str) -> None:
        item = next((n for n in walk(window.document.tree()) if n.name == name), None) or next(
            m for m in all_measures(window.document.tree()) if m.name == name)  # fmt: skip
        assert window.select_node(item.id)

    # Lock the adopted delår report, with the board's decision as the reason.
    def lock(dialog):
        dialog.reason.setText("Antagen av regionstyrelsen 2022-10-26")
        press_ok(dialog)

    dialogs.answer(LockDialog, lock)
    window.periods_ui.lock.trigger()

    # Start helår 2022, then 2023 T1: each the proposed next period.
    def start(expected: str):
        def accept(dialog):
            assert dialog.chosen() == expected
            press_ok(dialog)

        return accept

    dialogs.answer(StartPeriodDialog, start("2022 helar"))
    window.periods_ui.start.trigger()
    assert window.period.currentText() == "2022 helår (per december) (aktuell)"
    dialogs.answer(StartPeriodDialog, start("2023 T1"))
    window.periods_ui.start.trigger()
    assert window.document.period.code == "2023-T1" and window.document.plan_years() == [2022, 2023]
    assert_tree_is_file(window, cycle_path)

    # 2023's structure: a perspective renamed (F2) …
    select("Ekonomi")

    def rename(dialog):
        dialog.name.setText("Ekonomi och finansiering")
        press_ok(dialog)

    dialogs.answer(NameDialog, rename)
    press(Qt.Key.Key_F2)

    # … a measure retired (Delete, after the question) …
    retired = measure_named(cycle_path, RETIRED, "2023-T1")
    select(RETIRED)
    press(Qt.Key.Key_Delete)
    assert messages.texts[-1].startswith(f"Avveckla ”{RETIRED}” ur 2023 års struktur?")

    # … one added in its factor (Ctrl+Insert on the factor) …
    factor = next(n for n in walk(window.document.tree()) if n.id == retired.node_id)
    select(factor.name)

    def add(dialog):
        dialog.name.setText("Andel digitala vårdmöten")
        dialog.target.setText("30 %")
        dialog.direction.setCurrentIndex(dialog.direction.findData("higher"))
        press_ok(dialog)

    dialogs.answer(MeasureDialog, add)
    press(Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)

    # … a target changed and a measure moved to another unit (Alt+Enter: the year's settings).
    hr = next(u for u in window.document.units() if u.code == "HR")

    def retarget(dialog):
        assert dialog.target.text() == "150"
        dialog.target.setText("175")
        press_ok(dialog)

    def move_to_hr(dialog):
        dialog.unit.setCurrentIndex(dialog.unit.findData(hr.id))
        press_ok(dialog)

    for name, change in ((RETARGETED, retarget), (MOVED, move_to_hr)):
        select(name)
        dialogs.answer(MeasureDialog, change)
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)

    # 2023 has the new structure; 2022 keeps its own, and its locked report is what it was.
    with GoalFile.open(cycle_path, readonly=True) as gf:
        new = {m.name: m for m in all_measures(gf.tree("2023-T1"))}
        old = {m.name: m for m in all_measures(gf.tree("2022-delar"))}
        assert [n.name for n in gf.tree("2023-T1")][-1] == "Ekonomi och finansiering"
        assert [n.name for n in gf.tree("2022-delar")][-1] == "Ekonomi"
    assert RETIRED not in new and old[RETIRED].entry.outcome_total == "29 191"
    assert new["Andel digitala vårdmöten"].target == "30 %" and "Andel digitala vårdmöten" not in old
    assert (new[RETARGETED].target, old[RETARGETED].target) == ("175", "150")
    assert new[MOVED].unit_id == hr.id and old[MOVED].unit_id != hr.id
    assert report(cycle_path, tmp_path / "efter.pdf", "2022-delar") == before
    printed = text_of(tmp_path / "efter.pdf")
    assert RETIRED in printed and "Ekonomi och finansiering" not in printed
    build_report(cycle_path, tmp_path / "2023.pdf", period="2023-T1", printed_at=PRINTED)
    printed = text_of(tmp_path / "2023.pdf")
    assert "Ekonomi och finansiering" in printed and "Andel digitala vårdmöten" in printed and RETIRED not in printed
