"""Files a command writes for the user (a PDF report, a CSV table): checked first, written atomically.

Before anything is written, a target that is the goal file the output is made
from, or any other Styrkort file (a goal file, a unit file someone returned),
is refused: replacing one with a PDF would lose what a person saved. So is a
file someone made read-only. The output is written to a temporary file beside
the target, flushed to disk and moved into place in one step, so a full disk
or a crash never leaves half a file under the final name and never destroys
the older one. A new output gets the permissions the user's umask gives, like
any file they make. Never Qt.
"""

import contextlib
import os
import secrets
from pathlib import Path

from .connection import PAGE_HEADER_SIZE, SQLITE_HEADER
from .errors import GoalFileError, describe_os_error
from .regular_file import open_regular
from .schema import APPLICATION_ID

_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def check_output_target(path, source, what: str, *, may_replace=None) -> None:
    """Refuse to write `what` ("rapporten", "tabellen", …) at `path` when that would replace the
    goal file `source`, a Styrkort file (unless `may_replace(path)` says this one may go) or a
    file someone made read-only, or when `path` cannot name a new file."""
    path = Path(path)
    if path.is_dir():
        raise GoalFileError(f"{path} är en mapp; ange ett filnamn för {what}.")
    if not path.parent.is_dir():
        raise GoalFileError(f"Mappen {path.parent} finns inte; skapa den eller välj en annan plats för {what}.")
    if path.exists() and source is not None and _same_file(path, source):
        raise GoalFileError(f"{path} är målfilen som {what} görs från och skrivs inte över; välj ett annat filnamn.")
    if is_styrkort_file(path) and not (may_replace and may_replace(path)):
        raise GoalFileError(
            f"{path} är en Styrkort-fil (en mål- eller enhetsfil) och skrivs inte över, så att inget som "
            f"sparats i den går förlorat; flytta den eller välj ett annat filnamn för {what}."
        )
    if path.exists() and not os.access(path, os.W_OK):  # someone protected it: it is not replaced behind their back
        raise GoalFileError(
            f"{path} är skrivskyddad och skrivs inte över; ta bort skrivskyddet eller välj ett annat filnamn för {what}."
        )


def is_styrkort_file(path) -> bool:
    """Whether `path` is a regular file with the header of a Styrkort goal or unit file."""
    try:
        with open_regular(path) as f:
            header = f.read(PAGE_HEADER_SIZE)
    except (GoalFileError, OSError):
        return False
    return header.startswith(SQLITE_HEADER) and int.from_bytes(header[68:72], "big") == APPLICATION_ID


def _same_file(path: Path, other) -> bool:
    try:
        return os.path.samefile(path, other)
    except OSError:
        return False


def write_atomically(path, data: bytes) -> None:
    """Write `data` beside `path`, flush it to disk, then replace `path` in one step.
    Any failure leaves `path` as it was and says why, naming it."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temporary, _CREATE, 0o666)  # the umask decides the mode, as for any new file
    except OSError as e:
        raise GoalFileError(describe_os_error(e, path)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(e, OSError):
            raise GoalFileError(describe_os_error(e, path)) from None
        raise
