"""Errors a user can cause, and the one way to put any failure into Swedish.

A `GoalFileError` carries a sentence fit for the user and the exit code the
command line ends with. Every other failure goes through `user_message`,
which the command line, the GUI and the background jobs share: an OS or
SQLite error that the environment caused (disk full, read-only, locked by
another program, damaged, text that does not decode) becomes one Swedish
sentence, told by SQLite's result code, the errno and the exception's type,
never by the words of a message. What these leave open is a damaged file
when `kontrollera` finds the file damaged, and otherwise a bug, which
`user_message` says by returning None.
"""

import errno
import sqlite3


class GoalFileError(Exception):
    """A file or input that we refuse, with a message fit for the user."""

    exit_code = 2


class NotAGoalFileError(GoalFileError):
    """The file is not a Styrkort goal file (foreign, truncated, text, …)."""


class NewerVersionError(GoalFileError):
    """The file was written by a newer Styrkort."""


class CorruptFileError(GoalFileError):
    """SQLite's own checks fail on the file."""


class TemplateError(GoalFileError):
    """A structure template (JSON) is malformed; the message names the place."""


class ReadOnlyError(GoalFileError):
    """A write was attempted on a file or node that may not be changed."""


class EnvironmentFailure(GoalFileError):
    """The disk, the folder or another program stopped an operation (full, read-only, busy)."""


# SQLite's primary result codes (the part of `sqlite_errorname` before any '_' detail)
# that the environment causes, and what to tell the user. Anything else is a bug.
_SQLITE_CAUSES = {
    "SQLITE_FULL": "full",
    "SQLITE_READONLY": "readonly",
    "SQLITE_PERM": "readonly",
    "SQLITE_AUTH": "readonly",
    "SQLITE_BUSY": "busy",
    "SQLITE_LOCKED": "busy",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_NOTADB": "corrupt",
    "SQLITE_IOERR": "io",
    "SQLITE_CANTOPEN": "cantopen",
    "SQLITE_NOMEM": "memory",
}

_MESSAGES = {
    "undecodable": "{path} är skadad: den innehåller text som inte går att läsa. Återställ den från en säkerhetskopia.",
    "full": "Disken där {path} ligger är full; inget ändrades. Frigör utrymme och försök igen.",
    "readonly": "{path} går inte att skriva till (filen eller mappen är skrivskyddad); inget ändrades.",
    "busy": "{path} är låst av ett annat program just nu; inget ändrades. Försök igen om en stund.",
    "corrupt": "{path} är skadad och kan inte läsas. Återställ den från en säkerhetskopia.",
    "io": "{path} kunde inte läsas eller skrivas (fel i disken eller nätverksenheten); inget ändrades.",
    "cantopen": "{path} kan inte öppnas; kontrollera att filen och mappen finns och går att läsa.",
    "memory": "Minnet räckte inte till för att läsa {path}; inget ändrades.",
}

_ERRNO_CAUSES = {
    errno.ENOSPC: "full",
    errno.EDQUOT: "full",
    errno.EACCES: "denied",
    errno.EPERM: "denied",
    errno.EROFS: "readonly",
    errno.EBUSY: "busy",
    errno.EIO: "io",
}
_OS_MESSAGES = {
    errno.ENOENT: "Filen eller mappen {path} finns inte.",
    errno.EISDIR: "{path} är en mapp, inte en fil.",
    errno.ENOTDIR: "{path} ligger inte i en mapp som finns.",
    errno.ENAMETOOLONG: "Namnet {path} är för långt för filsystemet.",
    errno.EEXIST: "{path} finns redan.",
    errno.ELOOP: "{path} är en länk som pekar på sig själv.",
}
_DENIED = "Styrkort saknar behörighet att läsa eller skriva {path}."


def sqlite_cause(error: sqlite3.Error) -> str | None:
    """What caused an SQLite error ('full', 'readonly', 'busy', 'corrupt', …), or None for a bug."""
    name = getattr(error, "sqlite_errorname", None)
    if name is None and isinstance(error, sqlite3.OperationalError):
        # The sqlite3 module's own error, with no SQLite result code: of those, the only one a file
        # can cause is a stored text that is not valid UTF-8 (the others come from calls Styrkort
        # never makes: shared cache, setconfig, detect_types).
        return "undecodable"
    primary = "_".join((name or "").split("_")[:2])
    return _SQLITE_CAUSES.get(primary)


def user_message(error: BaseException, path=None) -> str | None:
    """One Swedish sentence for a failure the user can do something about; None for a bug.

    The last word on a failure, where a command, the window or a background job ends: what
    the error itself does not explain, when `path` names a Styrkort file, `kontrollera`
    decides (a damaged file can fail anywhere, as anything); only a healthy file's failure
    is a bug."""
    message = failure_message(error, path)
    if message is None and path and isinstance(error, Exception):
        from .check import damage  # here: the check itself reports through `failure_message`

        message = damage(path)
    return message


def failure_message(error: BaseException, path=None) -> str | None:
    """The sentence for an error whose kind says what happened (SQLite's result code, the OS's
    errno, the exception's type); None when the kind alone does not say."""
    if isinstance(error, GoalFileError):
        return str(error)
    if isinstance(error, sqlite3.Error):
        cause = sqlite_cause(error)
        return _MESSAGES[cause].format(path=_shown(path)) if cause else None
    if isinstance(error, OSError):  # the file the OS names is the one that failed
        return describe_os_error(error, error.filename or path)
    if isinstance(error, MemoryError):
        return _MESSAGES["memory"].format(path=_shown(path))
    if isinstance(error, UnicodeDecodeError):  # SQLite's own message quoting a damaged name in the file
        return _MESSAGES["undecodable"].format(path=_shown(path))
    if isinstance(error, UnicodeError):
        return "Texten innehåller tecken som inte går att lagra (en ensam del av ett tecken); inget ändrades."
    return None


def as_goal_file_error(error: BaseException, path=None) -> GoalFileError | None:
    """The failure as a GoalFileError to raise in its place, or None when its kind does not say
    (see `failure_message`)."""
    if isinstance(error, GoalFileError):
        return error
    message = failure_message(error, path)
    return EnvironmentFailure(message) if message else None


def describe_os_error(error: OSError, path) -> str:
    """Swedish sentence for the OS errors a user can run into."""
    shown = _shown(path or error.filename)
    number = error.errno or 0
    if number in _OS_MESSAGES:
        return _OS_MESSAGES[number].format(path=shown)
    cause = _ERRNO_CAUSES.get(number)
    if cause == "denied":
        return _DENIED.format(path=shown)
    if cause:
        return _MESSAGES[cause].format(path=shown)
    code = errno.errorcode.get(number, str(error.errno))
    return f"{shown} kunde inte läsas eller skrivas (systemfel {code}); inget ändrades."


def _shown(path) -> str:
    text = str(path) if path not in (None, "") else ""
    return text or "filen"
