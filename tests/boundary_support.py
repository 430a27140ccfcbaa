"""Running main.py as a user would, where the file system misbehaves: special files,
read-only files and folders, a full disk. Each run has a timeout, so a regression
that hangs (a FIFO) fails the test instead of the CI run."""

import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 60
# Words of the operating system's or Python's own English that must never reach a user.
ENGLISH = ("Traceback", "Errno", "No such file", "Is a directory", "Permission denied", "No space left",
           "database is locked", "readonly database", "unable to open")  # fmt: skip


def main_command(*args) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), *map(str, args)]


def run_main(*args, prefix: tuple[str, ...] = (), timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """main.py with `args` (after `prefix`, e.g. unshare), stopped after `timeout` seconds."""
    return subprocess.run(
        [*prefix, *main_command(*args)], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip


def assert_one_swedish_sentence(result: subprocess.CompletedProcess, *expected: str) -> str:
    """Exit 2, one line on stderr that holds every expected phrase and no English system text."""
    error = result.stderr.strip()
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert len(error.splitlines()) == 1, error
    assert not [word for word in ENGLISH if word in error], error
    for phrase in expected:
        assert phrase in error
    return error


def _can_unshare(*flags: str) -> bool:
    if not shutil.which("unshare") or sys.platform != "linux":
        return False
    probe = subprocess.run(["unshare", *flags, "true"], capture_output=True)
    return probe.returncode == 0


def unprivileged_prefix() -> tuple[str, ...]:
    """Run as a user whom file permissions bind: root is mapped away in a user namespace."""
    if os.geteuid() != 0:
        return ()
    if not _can_unshare("-U"):
        pytest.skip("running as root and user namespaces are not available: permissions cannot be tested")
    return ("unshare", "-U")


def run_main_on_small_disk(folder: Path, size: int, *args, inputs=()) -> tuple[subprocess.CompletedProcess, dict]:
    """main.py with `args` while `folder` is a tmpfs of `size` bytes (a full disk), in a private
    mount namespace, with the files `inputs` copied onto it first (a goal file on the full disk);
    the result and what the folder holds afterwards: {name: SHA-256 of its content}."""
    if not _can_unshare("-Urm"):
        pytest.skip("mount namespaces are not available: a full disk cannot be made")
    command, where = shlex.join(main_command(*args)), shlex.quote(str(folder))
    pages = -(-size // 4096)
    copy = f"cp {shlex.join(str(p) for p in inputs)} {where} && " if inputs else ""
    listing = f'cd {where} && for f in $(ls -A); do echo "$f $(sha256sum < "$f" 2>/dev/null | cut -c1-64)"; done'
    script = (
        f"mount -t tmpfs -o size={pages * 4}k tmpfs {where} && {copy}{command}; code=$?; echo --; {listing}; exit $code"
    )
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=TIMEOUT)
    output, _, after = result.stdout.rpartition("--\n")
    held = dict(line.split(" ", 1) for line in after.splitlines())
    return subprocess.CompletedProcess(result.args, result.returncode, output, result.stderr), held


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
