"""The period cycle in the window: Arkiv → Period (start, lock, reopen, make current), Arkiv →
Rapportinställningar… (a period's report header and introduction), and a note beside the
period selector saying when, by whom and why the shown period was locked.

Only a writable central file offers the steps. Given what it needs — the
menu to join, the toolbar of the period selector, a way to save pending
typing — never the window. The steps are the Document's; after each it
shows the period the step names and the window reads anew (`reloaded`).
"""

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QWidget

from .period_dialogs import LockDialog, StartPeriodDialog
from .report_settings_dialog import ReportSettingsDialog
from .texts import local_time

LOCK_NOTE_STYLE = "color: #5c4400; padding-left: 12px;"


class PeriodActions(QObject):
    def __init__(self, owner: QWidget, file_menu: QMenu, before: QAction, toolbar: QToolBar,
                 flush: Callable[[], None]):  # fmt: skip
        super().__init__(owner)
        self._owner, self._flush = owner, flush
        self.document = None
        self.menu = QMenu("&Period", owner)
        self.start = self._action("&Starta ny period…", self._start_period)
        self.lock = self._action("&Lås period…", lambda: self._lock(True))
        self.unlock = self._action("Lås &upp period…", lambda: self._lock(False))
        self.make_current = self._action("Gör till &aktuell period", self._make_current)
        file_menu.insertMenu(before, self.menu)
        self.report_settings = QAction("&Rapportinställningar…", self)
        self.report_settings.triggered.connect(lambda _checked=False: self._report_settings())
        file_menu.insertAction(before, self.report_settings)
        self.lock_note = QLabel()
        self.lock_note.setStyleSheet(LOCK_NOTE_STYLE)
        self.lock_note.setAccessibleName("Periodens lås")
        self._lock_note_action = toolbar.addWidget(self.lock_note)  # a toolbar shows a widget by its action

    def _action(self, text: str, slot) -> QAction:
        action = self.menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def set_document(self, document) -> None:
        """A file was opened or closed, or another period is shown: offer what applies."""
        self.document = document
        central = document is not None and document.central_refusal() is None
        self.menu.menuAction().setEnabled(central)
        self.report_settings.setEnabled(document is not None)  # a locked period's or a unit file's: read-only
        periods = document.periods() if document is not None else []
        self.start.setEnabled(central)
        self.lock.setEnabled(central and any(not p.locked for p in periods))
        self.unlock.setEnabled(central and any(p.locked for p in periods))
        shown = document.period_of(document.period.code) if document is not None else None
        self.make_current.setEnabled(central and shown is not None and not shown.is_current)
        self.make_current.setText(f"Gör {shown.name} till &aktuell period" if shown else "Gör till &aktuell period")
        self._show_lock(shown)

    def _show_lock(self, period) -> None:
        record = self.document.lock_record(period.code) if period is not None and period.locked else None
        if period is None or not period.locked:
            text = ""
        elif record is None:
            text = f"Låst: {period.name} kan inte ändras."
        else:
            at, by, reason = record
            text = f"Låst {local_time(at)} av {by}" + (f": {reason}" if reason else "")
        self.lock_note.setText(text)
        self._lock_note_action.setVisible(bool(text))

    def _start_period(self) -> None:
        self._flush()
        StartPeriodDialog(self.document, self._owner).exec()

    def _lock(self, locking: bool) -> None:
        self._flush()
        LockDialog(self.document, locking=locking, parent=self._owner).exec()

    def _report_settings(self) -> None:
        self._flush()
        ReportSettingsDialog(self.document, self._owner).exec()

    def _make_current(self) -> None:
        self._flush()
        self.document.make_current(self.document.period.code)
