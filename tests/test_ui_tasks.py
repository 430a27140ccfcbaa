"""Background work, the report action and the exception hook."""

import importlib.util
import threading

import ui_support

from db.errors import GoalFileError
from desktop.ui import report_dialog
from desktop.ui.app import UNEXPECTED, handle_exception
from desktop.ui.tasks import Task

make_window, messages, window = ui_support.make_window, ui_support.messages, ui_support.window  # fixtures


def run_task(qtbot, function):
    task = Task(function)
    progress, results, failures = [], [], []
    task.progressed.connect(lambda done, total: progress.append((done, total)))
    task.finished.connect(results.append)
    task.failed.connect(failures.append)
    with qtbot.waitSignal(task.done, timeout=5000):
        task.start()
    return progress, results, failures


def test_task_runs_off_the_gui_thread_and_reports_by_signal(qtbot):
    threads = []

    def work(progress):
        threads.append(threading.current_thread())
        for done in range(1, 4):
            progress(done, 3)
        return "rapport.pdf"

    progress, results, failures = run_task(qtbot, work)
    assert threads[0] is not threading.main_thread()
    assert progress == [(1, 3), (2, 3), (3, 3)] and results == ["rapport.pdf"] and failures == []


def test_task_failures_arrive_as_sentences(qtbot):
    def refused(progress):
        raise GoalFileError("Nämnden XYZ finns inte.")

    def bug(progress):
        raise ZeroDivisionError

    assert run_task(qtbot, refused)[2] == ["Nämnden XYZ finns inte."]
    failures = run_task(qtbot, bug)[2]
    assert failures and "oväntat fel" in failures[0] and "ZeroDivision" not in failures[0]


def test_run_with_progress_shows_errors_and_calls_back(window, qtbot, messages):
    done = []
    task = report_dialog.run_with_progress(window, lambda progress: 42, "Arbetar…", done.append)
    qtbot.waitUntil(lambda: done == [42])
    task = report_dialog.run_with_progress(window, _raise_goal_file_error, "Arbetar…", done.append)
    qtbot.waitUntil(lambda: messages.texts == ["Filen är låst."])
    assert task is not None and done == [42]


def _raise_goal_file_error(progress):
    raise GoalFileError("Filen är låst.")


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
