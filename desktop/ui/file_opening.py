"""Opening a goal file from the GUI: take the lock, or offer read-only, then open.

Asks the user through `messages`; returns None (and leaves no lock behind)
when the file cannot or should not be opened, so the caller keeps its file.
"""

from pathlib import Path

from db.errors import user_message
from db.goalfile import GoalFile
from desktop.lockfile import FileLock, FileLockedError

from . import messages


def open_with_lock(parent, path: Path, user: str | None, *, readonly: bool = False):
    """(GoalFile, FileLock | None), or None after telling the user why not."""
    lock = None
    if not readonly:
        lock = FileLock(path, user=user)
        try:
            lock.acquire()
        except FileLockedError as e:
            text = (f"{path.name} är redan öppnad av {e.holder.describe()}.\n\n"
                    "Du kan öppna filen skrivskyddad för att läsa, men inte ändra den.")  # fmt: skip
            if not messages.question(parent, text, "Öppna skrivskyddad"):
                return None
            readonly, lock = True, None
        except OSError:
            text = f"Mappen där {path.name} ligger går inte att skriva i. Filen kan bara öppnas skrivskyddad."
            if not messages.question(parent, text, "Öppna skrivskyddad"):
                return None
            readonly, lock = True, None
    try:
        return GoalFile.open(path, readonly=readonly, user=user), lock
    except Exception as e:
        if lock:
            lock.release()
        message = user_message(e, path)
        if message is None:
            raise
        messages.error(parent, message)
        return None
