"""The undo command for a structure item added or retired: undo and redo take it out of its
plan year and put exactly that back.

An addition is undone by retiring what was added (an item that holds no
values then disappears whole) and redone by restoring it, with the same id;
a retirement is undone by restoring it and redone by retiring it again. Both
directions go through `db.structure` via the Document, so they are saved and
logged like any edit. As with `undo.FieldEdit`, the change has already been
written when the command is pushed, and a direction that cannot be written
(the year locked since) calls `failed`, so that the stack moves back to
where the file is. Moves and settings are plain `FieldEdit`s. Never writes
to the file itself.
"""

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from db.structure import Retired


class Presence(QUndoCommand):
    """An item made present (added) or absent (retired) in one plan year."""

    def __init__(self, text: str, *, present: bool, take_out: Callable[[], Retired | None],
                 put_back: Callable[[Retired], bool], failed: Callable[[], None],
                 retired: Retired | None = None):  # fmt: skip
        super().__init__(text)
        self._present = present  # the state redo leaves: True for an addition, False for a retirement
        self._take_out = take_out
        self._put_back = put_back
        self._failed = failed
        self._retired = retired  # what the last retirement took out, to put back
        self._skip = True  # pushed after the change: the first redo has nothing to do

    def redo(self) -> None:
        self._apply(self._present)

    def undo(self) -> None:
        self._apply(not self._present)

    def _apply(self, present: bool) -> None:
        if self._skip:
            self._skip = False
            return
        if present:
            done = self._retired is not None and self._put_back(self._retired)
        else:
            retired = self._take_out()
            done = retired is not None
            self._retired = retired or self._retired
        if not done:
            self._skip = True  # the stack is moved back to where the file is: that move writes nothing
            self._failed()
