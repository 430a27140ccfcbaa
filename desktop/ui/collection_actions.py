"""The controller's collection work in the menus: export, merge, collection status, conflicts.

Arkiv: Exportera enhetsfiler…, Sammanfoga inkomna filer…; Visa: Insamlingens
läge…, Konflikter…. Only a writable central file offers them. Given what it
needs — the menus, the widget that owns the dialogs, a way to save pending
typing — never the window. After a merge the Document reads the file again
(which clears the undo history: undoing an edit made before a merge must not
silently overwrite what the merge brought in). The dialogs (and the merge
code behind them) are imported when first used, not at start.
"""

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from . import texts


class CollectionActions(QObject):
    def __init__(self, owner: QWidget, file_menu: QMenu, view_menu: QMenu, before: QAction,
                 flush: Callable[[], None]):  # fmt: skip
        super().__init__(owner)
        self._owner, self._flush = owner, flush
        self.document = None
        export = self._action(file_menu, texts.EXPORT_UNIT_FILES, self._export, "Ctrl+E")
        merge = self._action(file_menu, texts.MERGE_UNIT_FILES, self._merge, "Ctrl+M")
        file_menu.insertActions(before, [export, merge])
        file_menu.insertSeparator(before)
        view_menu.addSeparator()
        status = self._action(view_menu, texts.COLLECTION_STATUS, self._status, "Ctrl+L")
        conflicts = self._action(view_menu, texts.CONFLICTS, self._conflicts, "Ctrl+K")
        self.actions = [export, merge, status, conflicts]

    def _action(self, menu: QMenu, text: str, slot, shortcut: str) -> QAction:
        action = menu.addAction(text)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def set_document(self, document) -> None:
        self.document = document
        central = document is not None and document.central_refusal() is None
        for action in self.actions:
            action.setEnabled(central)

    def _export(self) -> None:
        from .merge_dialog import ExportDialog

        self._flush()
        ExportDialog(self._owner, self.document).exec()

    def _merge(self) -> None:
        from .merge_dialog import MergeDialog

        self._flush()
        dialog = MergeDialog(self._owner, self.document)
        dialog.merged.connect(lambda _run: self.document.reload())
        dialog.exec()

    def _status(self) -> None:
        from .collection_dialog import CollectionDialog

        CollectionDialog(self._owner, self.document).exec()

    def _conflicts(self) -> None:
        from .conflict_dialog import ConflictDialog

        self._flush()
        ConflictDialog(self._owner, self.document).exec()
