"""Opening a file a user named for reading: a regular file, never a device, FIFO, socket or folder.

A symlink to /dev/zero is read without end, and opening a FIFO blocks until
someone writes to it. So the path is looked at first (following symlinks),
then opened non-blocking, so that a FIFO swapped in meanwhile cannot block,
and the open file is looked at once more. This module only opens; it never
reads, and it says what it refused in one Swedish phrase.
"""

import os
import stat
from typing import BinaryIO

from .errors import GoalFileError

# O_NONBLOCK only matters for what is refused here; a regular file reads as usual.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)


class SpecialFileError(GoalFileError):
    """The path names something other than a regular file; the message says what, as a phrase
    that fits after "X vägras: " or "X kan inte öppnas: "."""


def open_regular(path) -> BinaryIO:
    """The regular file at `path`, open for reading; SpecialFileError or OSError otherwise."""
    _require_regular(os.stat(path).st_mode)
    fd = os.open(path, _FLAGS)
    try:
        _require_regular(os.fstat(fd).st_mode)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _require_regular(mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise SpecialFileError("det är en mapp, inte en fil")
    if stat.S_ISFIFO(mode):
        raise SpecialFileError("det är en namngiven pipe (FIFO), inte en vanlig fil")
    if stat.S_ISSOCK(mode):
        raise SpecialFileError("det är en socket, inte en vanlig fil")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise SpecialFileError("det är en specialfil i systemet (som /dev/zero), inte en vanlig fil")
    raise SpecialFileError("det är ingen vanlig fil")
