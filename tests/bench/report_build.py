"""Benchmark: how long the committee report of the built-in example takes.

Run: .venv/bin/python tests/bench/report_build.py [ROUNDS]
Prints the time per report (all boards, and one board) and the page count.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.paths import example_file  # noqa: E402
from desktop.report import build_report  # noqa: E402


def main(rounds: int) -> None:
    source = example_file()
    with tempfile.TemporaryDirectory() as folder:
        for board in (None, "RS", "PN"):
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                result = build_report(source, Path(folder) / "rapport.pdf", board=board)
                times.append(time.perf_counter() - started)
            size = result.path.stat().st_size / 1024
            print(
                f"{board or 'alla nämnder':>12}: {result.pages:3d} sidor, {size:6.0f} kB, "
                f"median {statistics.median(times):.2f} s, snabbast {min(times):.2f} s ({rounds} körningar)"
            )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
