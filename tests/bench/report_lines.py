"""Benchmark: the time to print a report whose one commentary has many short lines.

    .venv/bin/python tests/bench/report_lines.py                       # 2,000 … 50,000 lines, this tree
    .venv/bin/python tests/bench/report_lines.py --rot /tmp/före 2000 4000 8000

Each size is built and printed in a fresh process (a small central file with
one commentary of N lines "Rad i") and stopped after --gräns seconds, so a
tree whose time grows with the square of the line count shows its curve
without taking the afternoon. Not a test; works in a temporary folder only.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from merge_support import make_central, measures_of
from db.goalfile import GoalFile
from desktop.report import build_report
folder, lines = Path(sys.argv[1]), int(sys.argv[2])
path = make_central(folder / "central.sqlite")
with GoalFile.open(path) as goal_file:
    measure = measures_of(goal_file, "A")[0]
    goal_file.update_entry(measure.id, "P2", {"commentary": "\\n".join(f"Rad {i}" for i in range(lines))})
start = time.perf_counter()
result = build_report(path, folder / "rapport.pdf")
print(f"{time.perf_counter() - start:.1f} s, {result.pages} sidor")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("rader", type=int, nargs="*", default=[2000, 4000, 8000, 50_000])
    parser.add_argument("--rot", type=Path, default=ROOT, help="the source tree whose report is measured")
    parser.add_argument("--gräns", dest="limit", type=float, default=600, help="seconds before giving up on a size")
    args = parser.parse_args()
    tests = str(ROOT / "tests")  # make_central, from this tree: the same input for every tree
    print(f"Rapporten med en kommentar på N korta rader, i {args.rot}:")
    for lines in args.rader:
        with tempfile.TemporaryDirectory(prefix="styrkort-bench-") as folder:
            try:
                out = subprocess.run([sys.executable, "-c", CHILD, folder, str(lines), tests], cwd=args.rot.resolve(),
                                     capture_output=True, text=True, timeout=args.limit, check=True)  # fmt: skip
                figure = out.stdout.strip()
            except subprocess.TimeoutExpired:
                figure = f"inte klar efter {args.limit:.0f} s"
        print(f"  {lines:>6} rader: {figure}")


if __name__ == "__main__":
    main()
