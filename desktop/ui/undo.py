"""The undo command every edit in the app is made of.

A command knows how to write a value; redo writes the new one, undo the old
one, both through the same `db` call as the edit itself, so undo is saved and
logged like any other change. The edit has already been written when the
command is pushed, so its first redo does nothing. A write that fails (the
disk full, the period locked since) calls `failed`, so that the owner can put
the stack back where the file is; that move back writes nothing, since the
file never left that state.
"""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class FieldEdit(QUndoCommand):
    def __init__(self, write: Callable[[object], bool], old, new, text: str, failed: Callable[[], None]):
        super().__init__(text)
        self._write = write
        self._failed = failed
        self.old = old
        self.new = new
        self._skip = True  # pushed after the write: the first redo has nothing to do

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)

    def _apply(self, value) -> None:
        if self._skip:
            self._skip = False
            return
        if not self._write(value):
            self._skip = True  # the stack is moved back to where the file is: that move writes nothing
            self._failed()
