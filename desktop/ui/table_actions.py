"""Arkiv → Exportera tabell (CSV)… and Importera tabell (CSV)…: the command line's `tabell` and
`importera` in the window.

The same functions (`db.csv_table.export_table`/`import_table`), reached
through the Document, so that a refusal is one Swedish sentence and an import
is followed by every view (and an emptied undo history, as after a merge).
An import is all or nothing and asks first. Given what it needs — the menu,
the widget that owns the dialogs, a way to save pending typing — never the
window.
"""

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu, QWidget

from desktop.paths import documents_folder

from . import messages, texts


class TableActions(QObject):
    def __init__(self, owner: QWidget, menu: QMenu, before: QAction, flush: Callable[[], None]):
        super().__init__(owner)
        self._owner, self._flush = owner, flush
        self.document = None
        self.export_action = QAction(texts.EXPORT_TABLE, owner)
        self.export_action.triggered.connect(lambda _checked=False: self.export_table())
        self.import_action = QAction(texts.IMPORT_TABLE, owner)
        self.import_action.triggered.connect(lambda _checked=False: self.import_table())
        menu.insertActions(before, [self.export_action, self.import_action])
        menu.insertSeparator(before)

    def set_document(self, document) -> None:
        self.document = document
        self.export_action.setEnabled(document is not None)
        self.import_action.setEnabled(document is not None and not document.readonly)

    def export_table(self) -> None:
        document = self.document
        self._flush()
        suggestion = documents_folder() / texts.table_file_name(document.path.stem, document.period)
        chosen = messages.choose_save_file(self._owner, texts.SAVE_TABLE_AS, str(suggestion), texts.TABLE_FILES)
        if not chosen:
            return
        out = Path(chosen if Path(chosen).suffix else chosen + ".csv")
        with _busy():
            rows = document.export_table(out)
        if rows is not None:
            messages.information(self._owner, texts.table_written(rows, document.model(), out))

    def import_table(self) -> None:
        document = self.document
        self._flush()
        chosen = messages.choose_open_file(self._owner, texts.CHOOSE_TABLE, str(documents_folder()), texts.TABLE_FILES)
        if not chosen:
            return
        path = Path(chosen)
        if not messages.question(self._owner, texts.import_question(path.name, document.period), texts.IMPORT):
            return
        with _busy():
            result = document.import_table(path)
        if result is not None:
            messages.information(self._owner, texts.table_imported(path.name, result.changed_fields,
                                                                   result.changed_rows, result.unchanged_rows,
                                                                   len(result.conflicts), document.model()))  # fmt: skip


class _busy:
    """The wait cursor while the file is read or written on the GUI thread."""

    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)

    def __exit__(self, *exc):
        QGuiApplication.restoreOverrideCursor()
