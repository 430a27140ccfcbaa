"""Errors a user can cause, each carrying one Swedish sentence to show them.

Anything that is not a `GoalFileError` is a bug and is treated as one.
"""


class GoalFileError(Exception):
    """A file or input that we refuse, with a message fit for the user."""


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


def describe_os_error(error: OSError, path) -> str:
    """Swedish sentence for the OS errors a user can run into."""
    import errno

    if error.errno == errno.ENOENT:
        return f"Filen {path} finns inte."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Styrkort saknar behörighet att skriva eller läsa {path}."
    if error.errno == errno.ENOSPC:
        return f"Disken är full; {path} kunde inte skrivas. Frigör utrymme och försök igen."
    return f"{path}: {error.strerror or error}"


def describe_sqlite_error(error, path) -> str:
    """Swedish sentence for the SQLite errors a user can run into while saving."""
    text = str(error).lower()
    if "disk is full" in text or "disk i/o" in text:
        return f"Ändringen kunde inte sparas: disken där {path} ligger är full. Frigör utrymme och försök igen."
    if "readonly" in text or "read-only" in text:
        return f"Ändringen kunde inte sparas: {path} går inte längre att skriva till."
    if "locked" in text or "busy" in text:
        return f"Ändringen kunde inte sparas: {path} är låst av ett annat program just nu. Försök igen."
    return f"Ändringen kunde inte sparas i {path} ({error}). Försök igen."
