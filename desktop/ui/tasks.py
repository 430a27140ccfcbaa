"""Slow work off the GUI thread, one way in: `run_in_background`.

As Anki's `aqt.taskman.run_in_background` and `QueryOp`: the work is a
module-level function run in a spawned process (`desktop.background`),
waited on from a worker thread; `progress(done, total, what)` comes back by
signal; the result or the failure's one Swedish sentence comes back on the
GUI thread once the thread has stopped, so a dialog closed right after never
destroys a running thread. The work never touches a widget. A bug is logged
and shown as one sentence, never a traceback.
"""

import logging

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from db.errors import user_message
from desktop.background import run_in_process

from . import messages

log = logging.getLogger(__name__)
UNEXPECTED = "Ett oväntat fel inträffade. Detaljerna finns i loggfilen."


class _Worker(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, function, args):
        super().__init__()
        self._function, self._args = function, args

    def run(self) -> None:
        try:
            result = run_in_process(self._function, *self._args, progress=self.progressed.emit)
        except Exception as e:
            message = user_message(e)
            if message is None:
                log.exception("Fel i bakgrundsarbete")
            self.failed.emit(message or UNEXPECTED)
        else:
            self.finished.emit(result)


class BackgroundWork(QObject):
    """One run of slow work. Keep a reference until `done` (the caller's `run_in_background` does)."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()  # after succeeded or failed, when the thread has stopped

    def __init__(self, function, args, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(function, args)
        self._worker.moveToThread(self._thread)
        self._outcome: list = []
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.finished.connect(lambda result: self._outcome.append((self.succeeded, result)))
        self._worker.failed.connect(lambda message: self._outcome.append((self.failed, message)))
        self._worker.finished.connect(self._thread.quit)
        self._worker.failed.connect(self._thread.quit)
        self._thread.finished.connect(self._finish)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        self._thread.wait()

    def _finish(self) -> None:
        for signal, value in self._outcome:
            signal.emit(value)
        self.done.emit()


def run_in_background(parent: QWidget | None, function, *args, on_success, on_failure=None,
                      progress_label: str | None = None) -> BackgroundWork:  # fmt: skip
    """Run `function(*args, progress=…)` in a child process; `on_success(result)` or
    `on_failure(sentence)` (default: a message box) on the GUI thread. With `progress_label`
    a modal progress dialog follows the work."""
    work = BackgroundWork(function, args, parent)
    dialog = _progress_dialog(parent, progress_label, work) if progress_label else None
    work.succeeded.connect(on_success)
    work.failed.connect(on_failure or (lambda message: messages.error(parent, message)))
    if dialog is not None:
        work.done.connect(dialog.close)
    work.done.connect(work.deleteLater)
    work.start()
    return work


def _progress_dialog(parent, label: str, work: BackgroundWork) -> QProgressDialog:
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setWindowTitle("Styrkort")
    dialog.setCancelButton(None)  # half-done work is worth nothing; each job here is short
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)

    def progressed(done: int, total: int, what: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if what:
            dialog.setLabelText(what)

    work.progressed.connect(progressed)
    return dialog
