"""Run a merge in a process of its own and SIGKILL it at a chosen point (for test_merge_kill).

    python tests/merge_kill_helper.py CENTRAL --progress N | --write N | --never UNITFILE…

`--progress N` dies at the N-th progress report, `--write N` at the N-th entry
written inside the transaction, `--never` merges to the end. Prints "started"
once the merge begins, so a test can also kill it from outside at any moment.
"""

import argparse
import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from db.goalfile import GoalFile  # noqa: E402
from db.merge import merge_files  # noqa: E402


def die_at(n: int):
    count = 0

    def tick(*_args, **_kwargs):
        nonlocal count
        count += 1
        if count == n:
            os.kill(os.getpid(), signal.SIGKILL)

    return tick


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("central", type=Path)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--progress", type=int, default=0)
    parser.add_argument("--write", type=int, default=0)
    args = parser.parse_args()
    central = GoalFile.open(args.central, user="controller")
    if args.write:
        write_entry, tick = central.write_entry, die_at(args.write)

        def dying_write(*a, **kw):
            result = write_entry(*a, **kw)
            tick()
            return result

        central.write_entry = dying_write
    print("started", flush=True)
    merge_files(central, args.files, progress=die_at(args.progress) if args.progress else None)
    central.close()
    print("done", flush=True)


if __name__ == "__main__":
    main()
