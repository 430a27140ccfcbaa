"""Slow work off the GUI thread: run a function in a QThread, results by signal.

The function gets a `progress(done, total)` callable and must never touch a
widget; its return value arrives in `finished`, a GoalFileError's sentence
in `failed`, anything else (a bug) is logged and reported as one sentence.
"""

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, Signal

from db.errors import GoalFileError, describe_os_error

log = logging.getLogger(__name__)


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, function: Callable):
        super().__init__()
        self._function = function

    def run(self) -> None:
        try:
            result = self._function(self.progressed.emit)
        except GoalFileError as e:
            self.failed.emit(str(e))
        except OSError as e:
            self.failed.emit(describe_os_error(e, e.filename or ""))
        except Exception:
            log.exception("Fel i bakgrundsarbete")
            self.failed.emit("Ett oväntat fel inträffade. Detaljerna finns i loggfilen.")
        else:
            self.finished.emit(result)


class Task(QObject):
    """One run of `function(progress)` in its own thread. Keep a reference until `done`."""

    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    done = Signal()  # after finished or failed, when the thread has stopped

    def __init__(self, function: Callable, parent=None):
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(function)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.finished.connect(self.finished)
        self._worker.failed.connect(self.failed)
        self._worker.finished.connect(self._thread.quit)
        self._worker.failed.connect(self._thread.quit)
        self._thread.finished.connect(self.done)

    def start(self) -> None:
        self._thread.start()

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def wait(self) -> None:
        self._thread.wait()
