"""The lock file: a second holder is refused and told who holds it; stale locks are taken over."""

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from desktop.lockfile import STALE_AFTER, FileLock, FileLockedError


@pytest.fixture
def goal(tmp_path):
    path = tmp_path / "central.sqlite"
    path.write_bytes(b"")
    return path


def write_lock(goal, **fields):
    data = {"user": "anna", "host": socket.gethostname(), "pid": os.getpid(), "since": "2022-09-14T10:32:00"} | fields
    lock_path = goal.with_name(goal.name + ".lock")
    lock_path.write_text(json.dumps(data), encoding="utf-8")
    return lock_path


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_second_holder_is_told_who_holds_the_file(goal):
    first = FileLock(goal, user="anna")
    first.acquire()
    with pytest.raises(FileLockedError) as refused:
        FileLock(goal, user="bertil").acquire()
    assert refused.value.holder.user == "anna"
    assert "anna på datorn" in refused.value.holder.describe()
    first.release()
    FileLock(goal, user="bertil").acquire()  # free again


def test_release_removes_only_our_own_lock(goal):
    lock = FileLock(goal, user="anna")
    lock.acquire()
    lock_path = write_lock(goal, user="cecilia", pid=os.getpid() + 1, since="2030-01-01T00:00:00")
    lock.release()
    assert lock_path.exists()


def test_lock_of_a_dead_process_on_this_host_is_stale(goal):
    write_lock(goal, pid=dead_pid())
    lock = FileLock(goal, user="bertil")
    assert lock.holder() is None
    lock.acquire()
    assert json.loads(lock.path.read_text(encoding="utf-8"))["user"] == "bertil"


def test_lock_of_a_live_process_on_another_host_holds_until_it_is_old(goal):
    lock_path = write_lock(goal, host="annan-dator", pid=1)
    with pytest.raises(FileLockedError):
        FileLock(goal, user="bertil").acquire()
    old = time.time() - STALE_AFTER - 60
    os.utime(lock_path, (old, old))
    FileLock(goal, user="bertil").acquire()


def test_refresh_keeps_a_lock_fresh(goal):
    lock = FileLock(goal, user="anna")
    lock.acquire()
    old = time.time() - STALE_AFTER - 60
    os.utime(lock.path, (old, old))
    lock.refresh()
    assert time.time() - lock.path.stat().st_mtime < STALE_AFTER


def test_garbage_lock_file_does_not_block_once_it_is_not_being_written(goal):
    lock_path = goal.with_name(goal.name + ".lock")
    lock_path.write_text("{inte json", encoding="utf-8")
    old = time.time() - 30
    os.utime(lock_path, (old, old))
    FileLock(goal, user="bertil").acquire()


def test_a_read_only_folder_raises_os_error(goal):
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    goal.parent.chmod(0o500)
    try:
        with pytest.raises(OSError):
            FileLock(goal, user="anna").acquire()
    finally:
        goal.parent.chmod(0o700)
