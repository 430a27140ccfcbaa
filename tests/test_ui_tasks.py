"""Background work, the report action and the exception hook."""

import importlib.util
import os
import threading

from db.errors import GoalFileError
from desktop.ui import report_dialog
from desktop.ui.app import handle_exception
from desktop.ui.tasks import run_in_background
from desktop.ui.texts import UNEXPECTED


def counting(limit: int, *, progress) -> int:
    for done in range(1, limit + 1):
        progress(done, limit, f"Steg {done}")
    return os.getpid()


def refusing(*, progress):
    raise GoalFileError("Nämnden XYZ finns inte.")


def buggy(*, progress):
    raise ZeroDivisionError


def run(qtbot, function, *args, **options):
    progress, results, failures = [], [], []
    work = run_in_background(None, function, *args, on_success=results.append, on_failure=failures.append, **options)
    work.progressed.connect(lambda *p: progress.append(p))
    with qtbot.waitSignal(work.done, timeout=30000):
        pass
    return progress, results, failures


def test_work_runs_in_another_process_and_reports_by_signal(qtbot):
    progress, results, failures = run(qtbot, counting, 3)
    assert results and results[0] != os.getpid() and failures == []
    assert progress == [(1, 3, "Steg 1"), (2, 3, "Steg 2"), (3, 3, "Steg 3")]


def test_failures_arrive_as_sentences(qtbot):
    assert run(qtbot, refusing)[2] == ["Nämnden XYZ finns inte."]
    failures = run(qtbot, buggy)[2]
    assert failures and "oväntat fel" in failures[0] and "ZeroDivision" not in failures[0]


def test_a_failure_without_a_handler_is_a_message_box(window, qtbot, messages):
    work = run_in_background(window, refusing, on_success=lambda _r: None, progress_label="Arbetar…")
    with qtbot.waitSignal(work.done, timeout=30000):
        pass
    assert messages.texts == ["Nämnden XYZ finns inte."]


def test_report_action_follows_the_report_module(window):
    present = importlib.util.find_spec("desktop.report") is not None
    assert window.report_action.isEnabled() == present


def test_report_dialog_offers_boards_and_periods(window):
    dialog = report_dialog.ReportDialog(window.document, window)
    boards = [dialog.board.itemData(i) for i in range(dialog.board.count())]
    assert boards == [None, "RS", "RUN", "PN"]
    assert dialog.period.currentData() == "2022-delar"
    dialog.board.setCurrentIndex(2)
    choices = dialog.choices()
    assert choices["board"] == "RUN" and choices["out"].suffix == ".pdf"
    dialog.deleteLater()


def test_report_is_built_in_the_background_with_the_chosen_options(window, qtbot, messages, tmp_path):
    from pypdf import PdfReader

    messages.answer_yes = False  # do not open the PDF viewer
    out = tmp_path / "r.pdf"
    report_dialog.build_in_background(window, window.document.path, "PN", "2022-delar", out)
    qtbot.waitUntil(lambda: messages.texts != [], timeout=30000)
    assert messages.texts[-1].startswith("Rapporten är klar")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Patientnämnd" in text and "Antal besök på patientnämndens sida" in text
    assert "Antal slutförda triage" not in text  # an RS measure: not in PN's report


def test_exception_hook_shows_user_errors_as_they_are(qapp, messages):
    handle_exception(GoalFileError, GoalFileError("Filen är skadad."), None)
    assert messages.texts[-1] == "Filen är skadad."


def test_exception_hook_hides_the_traceback_of_a_bug(qapp, messages, tmp_path, caplog):
    try:
        raise KeyError("intern")
    except KeyError as e:
        handle_exception(KeyError, e, e.__traceback__, log_file=tmp_path / "styrkort.log")
    assert messages.texts[-1] == UNEXPECTED.format(log=tmp_path / "styrkort.log")
    assert "KeyError" in caplog.text


def test_exception_hook_shows_no_dialog_off_the_gui_thread(qapp, messages):
    thread = threading.Thread(target=lambda: handle_exception(ValueError, ValueError("x"), None))
    thread.start()
    thread.join()
    assert messages.texts == []


def test_qt_standard_buttons_speak_swedish(qapp):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.ui.app import install_swedish

    install_swedish(qapp)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close | QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Close).text() == "Stäng"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
