"""Benchmark: how fast, and in how much memory, a returned unit file stuffed with junk is refused.

    .venv/bin/python tests/bench/incoming_junk.py                  # this tree
    .venv/bin/python tests/bench/incoming_junk.py --rot /tmp/före  # another checkout, e.g. before a change

Builds, in a temporary folder, a central file of the built-in example and two
returned files of one unit: one of about 500 MB, just under the old 512 MB cap (millions of junk rows in
`entries`) and one just under the size a unit file of this central file may
have. Each merge runs in a fresh process that prints its time and its peak
memory (ru_maxrss), so the figures belong to that merge alone. Not a test;
never touches the user's own files.
"""

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024

# Run in the child: the merge of one file against the central file, timed, with peak memory.
CHILD = """
import json, resource, sys, time
from db.goalfile import GoalFile
from db.merge import merge_files
with GoalFile.open(sys.argv[1], user="bench") as central:
    start = time.perf_counter()
    result = merge_files(central, [sys.argv[2]]).files[0]
    seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "refused": result.refused}))
"""


def build(folder: Path) -> tuple[Path, list[Path]]:
    sys.path.insert(0, str(ROOT))
    from db.goalfile import GoalFile
    from db.incoming import size_limit
    from db.new_file import create_from_template
    from db.template import load_template
    from db.unitfile import export_unit_file
    from desktop.paths import EXAMPLE_TEMPLATE, resource_path

    central_path = folder / "central.sqlite"
    create_from_template(central_path, load_template(resource_path(EXAMPLE_TEMPLATE))).close()
    with GoalFile.open(central_path) as central:
        unit = central.units()[0]
        clean = export_unit_file(central, unit, folder / "enhet-ren.sqlite")
        limit = size_limit(central)
    files = []
    for name, size in (("enhet-500MB.sqlite", 480 * MB), ("enhet-under-gränsen.sqlite", limit - 4 * MB)):
        path = folder / name
        shutil.copyfile(clean, path)
        stuff(path, size)
        files.append(path)
    return central_path, files


def stuff(path: Path, size: int) -> None:
    """Junk rows in `entries` until the file is about `size` bytes."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    batch = 50_000
    while path.stat().st_size < size:
        conn.executemany(
            "INSERT INTO entries (measure_id, period_code, outcome_total) VALUES (?, 'junk', 'skräp skräp skräp')",
            ((str(uuid.uuid4()),) for _ in range(batch)),
        )
        conn.commit()
    rows = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
    conn.close()
    print(f"  {path.name}: {path.stat().st_size / MB:.0f} MB, {rows:,} rader i entries".replace(",", " "))


def measure(source_tree: Path, central: Path, path: Path) -> dict:
    work = Path(tempfile.mkdtemp(prefix="styrkort-bench-"))
    try:
        copy = work / central.name
        shutil.copyfile(central, copy)  # each merge against a fresh central file
        out = subprocess.run([sys.executable, "-c", CHILD, str(copy), str(path)], cwd=source_tree,
                             capture_output=True, text=True, check=True)  # fmt: skip
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(work)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rot", type=Path, default=ROOT, help="the source tree whose merge is measured")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="styrkort-bench-") as folder:
        print("Bygger indata …")
        central, files = build(Path(folder))
        print(f"Mäter sammanfogningen i {args.rot}:")
        for path in files:
            figures = measure(args.rot.resolve(), central, path)
            print(f"  {path.name}: {figures['seconds']:.2f} s, högst {figures['rss_mb']:.0f} MB minne")
            print(f"    {figures['refused']}")


if __name__ == "__main__":
    main()
