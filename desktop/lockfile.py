"""The lock file that marks a goal file as open for writing.

`<file>.lock` beside the goal file says who holds it: user, host, process and
since when. A second copy of the app reads it, tells the user who holds the
file and offers to open it read-only. A lock left behind by a crash is stale
and is taken over: on the same host when its process is gone, anywhere when
its holder has not refreshed it for `STALE_AFTER` (a live holder refreshes it
every few minutes). No Qt here; the GUI decides what to ask the user.
"""

import contextlib
import getpass
import json
import os
import socket
import time
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

LOCK_SUFFIX = ".lock"
STALE_AFTER = 60 * 60  # seconds without a refresh: the holder is gone
REFRESH_EVERY = 5 * 60  # how often a live holder touches its lock


@dataclass(frozen=True, slots=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str  # ISO time, local

    def describe(self) -> str:
        """Swedish: who holds the file, for a message box."""
        try:
            since = datetime.fromisoformat(self.since).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            since = self.since
        return f"{self.user} på datorn {self.host} (sedan {since})"


UNKNOWN_HOLDER = LockHolder("okänd", "okänd dator", 0, "")


class FileLockedError(Exception):
    """Someone else holds the goal file."""

    def __init__(self, holder: LockHolder):
        super().__init__(f"Filen är öppnad av {holder.describe()}.")
        self.holder = holder


class FileLock:
    """The lock of one goal file; `acquire` then `release` (or `with`)."""

    def __init__(self, goal_path: Path, *, user: str | None = None):
        self.path = Path(goal_path).with_name(Path(goal_path).name + LOCK_SUFFIX)
        self.me = LockHolder(
            user or _login_name(), socket.gethostname(), os.getpid(), datetime.now().isoformat(timespec="seconds")
        )
        self.held = False

    def holder(self) -> LockHolder | None:
        """Who holds the file now; None when it is free or the lock is stale."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            holder = LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
            age = time.time() - self.path.stat().st_mtime
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            # Unreadable or half-written: a crash mid-write, or a foreign file.
            # Never block the user on it unless it is fresh (someone writing it now).
            return None if self._age() > 5 else UNKNOWN_HOLDER
        if _is_stale(holder, age):
            return None
        return holder

    def acquire(self) -> None:
        """Take the lock; raises FileLockedError if another live holder has it, OSError if it cannot be written."""
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is not None:
                    raise FileLockedError(holder) from None
                self.path.unlink(missing_ok=True)  # stale: take it over
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(asdict(self.me), f, ensure_ascii=False)
            self.held = True
            return
        raise FileLockedError(self.holder() or UNKNOWN_HOLDER)  # lost a race twice

    def refresh(self) -> None:
        """Tell other copies that the holder is still alive."""
        if self.held:
            with contextlib.suppress(OSError):  # a vanished network drive; the next refresh may succeed
                os.utime(self.path)

    def release(self) -> None:
        """Remove the lock, but only if it is still ours."""
        if not self.held:
            return
        self.held = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if (data.get("host"), data.get("pid"), data.get("since")) == (self.me.host, self.me.pid, self.me.since):
                self.path.unlink()
        except (OSError, ValueError):
            pass  # gone already, or taken over by someone else after we went stale

    def _age(self) -> float:
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return float("inf")

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()


def _login_name() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, a container)
        return "okänd"


def _is_stale(holder: LockHolder, age: float) -> bool:
    if age > STALE_AFTER:
        return True
    return holder.host == socket.gethostname() and not _process_alive(holder.pid)


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True
