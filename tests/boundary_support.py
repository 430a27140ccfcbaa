"""Running main.py as a user would, where the file system misbehaves: special files,
read-only files and folders, a full disk. Each run has a timeout, so a regression
that hangs (a FIFO) fails the test instead of the CI run."""

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


def run_main_on_small_disk(folder: Path, size: str, *args) -> tuple[subprocess.CompletedProcess, list[str]]:
    """main.py with `args` while `folder` is a tmpfs of `size` (a full disk), in a private mount
    namespace; the result and what the folder holds afterwards."""
    if not _can_unshare("-Urm"):
        pytest.skip("mount namespaces are not available: a full disk cannot be made")
    command, where = shlex.join(main_command(*args)), shlex.quote(str(folder))
    script = f"mount -t tmpfs -o size={size} tmpfs {where} && {command}; code=$?; echo --; ls -A {where}; exit $code"
    result = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, timeout=TIMEOUT)
    output, _, listing = result.stdout.rpartition("--\n")
    return subprocess.CompletedProcess(result.args, result.returncode, output, result.stderr), listing.split()
