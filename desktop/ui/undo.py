"""The undo command every edit in the app is made of.

A command knows how to write a value; redo writes the new one, undo the old
one, both through the same `db` call as the edit itself, so undo is saved and
logged like any other change. The edit has already been written when the
command is pushed, so its first redo does nothing.
"""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class FieldEdit(QUndoCommand):
    def __init__(self, write: Callable[[object], bool], old, new, text: str):
        super().__init__(text)
        self._write = write
        self.old = old
        self.new = new
        self._written = True

    def redo(self) -> None:
        if self._written:
            self._written = False  # pushed after the write: nothing to do yet
            return
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)
