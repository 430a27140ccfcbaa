"""Starting the GUI: logging, the exception hook, the application, the first file.

Imports stay inside `run_gui` so that `python main.py <kommando>` never loads
Qt, and the window paints quickly. A file that cannot be opened at start
gives a message and falls back to the built-in example.
"""

import logging
import sys
import threading
from pathlib import Path

log = logging.getLogger("styrkort")

QUIT_AFTER_PAINT = "--avsluta-efter-ritning"  # for the start-up benchmark: print "ritat" at first paint, quit


def run_gui(argv: list[str]) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from desktop.identity import APP_NAME, ORGANISATION
    from desktop.paths import ICON_FILE, resource_path

    quit_after_paint = QUIT_AFTER_PAINT in argv
    argv = [a for a in argv if a != QUIT_AFTER_PAINT]

    # Before the log and the settings: QStandardPaths and QSettings build their folders from these.
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APP_NAME)
    log_file = log_file_path()
    _start_logging(log_file)
    sys.excepthook = lambda *info: handle_exception(*info, log_file=log_file)

    app = QApplication.instance() or QApplication([sys.argv[0], *argv[1:]])
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(QIcon(str(resource_path(ICON_FILE))))
    install_swedish(app)

    from .main_window import MainWindow

    window = MainWindow()
    window.show()
    open_first_file(window, argv)
    if quit_after_paint:
        _quit_after_first_paint(app, window.tree.viewport())
    return app.exec()


def _quit_after_first_paint(app, widget) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
                self.seen = True
                QTimer.singleShot(0, lambda: (print("ritat", flush=True), app.quit()))
            return False

    widget.installEventFilter(FirstPaint(widget))


def install_swedish(app) -> None:
    """Qt's own texts (Stäng, Avbryt, the file dialogs, the edit menus of text fields) in Swedish."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Swedish), "qtbase", "_", folder):
        app.installTranslator(translator)
    else:
        log.warning("Qt:s svenska översättning (qtbase_sv.qm) saknas i %s", folder)


def open_first_file(window, argv: list[str]) -> None:
    """FIL from the command line; else the last file used; else (or on failure) the built-in example."""
    from desktop.paths import example_file

    from .settings import app_settings

    if argv:
        if window.open_file(Path(argv[0])):
            return
    else:
        last = app_settings().value("last_file")
        if last and Path(last).is_file() and window.open_file(Path(last)):
            return
    try:
        window.open_file(example_file())
    except Exception as e:  # a broken install: keep the empty window usable
        handle_exception(type(e), e, e.__traceback__)


def log_file_path() -> Path:
    """In STYRKORT_DATA, else where the platform keeps an app's state, e.g. ~/.local/state/Styrkort/Styrkort."""
    from PySide6.QtCore import QStandardPaths

    from desktop.paths import data_override

    folder = data_override() or Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.StateLocation))
    return folder / "styrkort.log"


def handle_exception(kind, error, tb, *, log_file: Path | None = None) -> None:
    """The one exception hook: log everything; a dialog only on the GUI thread."""
    from db.errors import user_message

    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    message = user_message(error) if isinstance(error, BaseException) else None
    log.log(logging.WARNING if message else logging.ERROR, "Ohanterat fel", exc_info=(kind, error, tb))
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is None or threading.current_thread() is not threading.main_thread():
        return
    from . import messages, texts

    messages.error(app.activeWindow() if hasattr(app, "activeWindow") else None,
                   message or texts.UNEXPECTED.format(log=log_file or "styrkort.log"))  # fmt: skip


def _start_logging(log_file: Path) -> None:
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(log_file, encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()  # a read-only home: log to the terminal instead
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
