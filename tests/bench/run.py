"""Benchmarks: Styrkort against the bare libraries, side by side in one run.

    .venv/bin/python tests/bench/run.py            # the full run (about 7 minutes on 2 cores)
    .venv/bin/python tests/bench/run.py --snabb    # a quick pass: fewer repetitions, no ×10

Builds every input itself in a temporary folder (the built-in example, files
generated at ×10 and ×100, unit files filled in by every unit), then times
start-up, the report, the merge, an edit and the GUI at ×100, each next to its
floor (the same work done by the bare library), interleaved so that the ratio
holds on a noisy machine. Prints one table, memory and growth. Every figure
is measured in a fresh process (tests/bench/probe.py, or main.py itself).
Never touches the user's own files or settings; not part of the test suite.
"""

import argparse
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import inputs  # noqa: E402

from db.goalfile import GoalFile  # noqa: E402
from db.model import all_measures  # noqa: E402

PYTHON = sys.executable


@dataclass
class Row:
    what: str
    ours: float  # median, in `unit`
    floor: float | None
    unit: str
    runs: int
    memory: str = ""
    target: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return self.ours / self.floor if self.floor else None


class Bench:
    def __init__(self, folder: Path, quick: bool):
        self.folder = folder
        self.quick = quick
        self.runs = 2 if quick else 5
        self.rows: list[Row] = []
        self.growth: dict[str, dict[int, float]] = {"start": {}, "rapport": {}, "sammanfogning": {}}
        self.env = dict(os.environ)
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled
        self.env.update(
            QT_QPA_PLATFORM="offscreen", STYRKORT_DATA=str(folder / "data"), XDG_CONFIG_HOME=str(folder / "config"),
            PYTHONPYCACHEPREFIX=str(folder / "pycache"),
        )  # fmt: skip

    # --- running things --------------------------------------------------------------

    def probe(self, *args) -> dict:
        """One probe.py task in a fresh process; its JSON line."""
        done = subprocess.run(
            [PYTHON, str(HERE / "probe.py"), *map(str, args)], env=self.env, capture_output=True, text=True, cwd=ROOT
        )
        if done.returncode != 0:
            raise SystemExit(f"probe {args[0]} misslyckades:\n{done.stderr[-3000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    def painted(self, command: list[str]) -> tuple[float, int]:
        """Seconds from spawn to the 'ritat' line, and the process's peak memory in kB."""
        started = time.perf_counter()
        process = subprocess.Popen(command, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
        for line in process.stdout:
            if line.strip() == b"ritat":
                seconds = time.perf_counter() - started
                break
        else:
            raise SystemExit(f"{' '.join(command)} ritade aldrig trädet")
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        return seconds, usage.ru_maxrss

    # --- inputs ----------------------------------------------------------------------------

    def build_inputs(self, scales: list[int]) -> None:
        say("Bygger indata …")
        (self.folder / "data").mkdir()
        self.files, self.outlines, self.merges, self.measures = {}, {}, {}, {}
        for scale in scales:
            path = inputs.goal_file(self.folder, scale)
            self.files[scale] = path
            self.outlines[scale] = self.folder / f"trad-x{scale}.json"
            with GoalFile.open(path, readonly=True) as goal_file:
                tree = goal_file.tree()
                self.outlines[scale].write_text(json.dumps(tree_outline(tree), ensure_ascii=False), "utf-8")
                self.measures[scale] = len(all_measures(tree))
            units = 50 if scale == 100 else 20
            central = inputs.goal_file(self.folder, scale, units=units)
            returned = inputs.returned_unit_files(central, self.folder / f"enhetsfiler-x{scale}")
            self.merges[scale] = (central, returned)
            say(f"  ×{scale}: {self.measures[scale]} styrmått, {len(returned)} enhetsfiler")

    # --- the measurements ----------------------------------------------------------------

    def start(self, scale: int) -> None:
        ours_command = [PYTHON, str(ROOT / "main.py"), "--avsluta-efter-ritning", str(self.files[scale])]
        floor_command = [PYTHON, str(HERE / "floor_start.py"), str(self.outlines[scale])]
        self.painted(ours_command), self.painted(floor_command)  # warm: bytecode, disk cache
        ours, floor = self.interleave(lambda: self.painted(ours_command), lambda: self.painted(floor_command))
        row = self.row(f"start ×{scale}: process till målat träd", ours, floor, "s")
        if scale == 1:
            row.target, row.met = "≤ 1,5× golvet", row.ratio <= 1.5
        if scale == 100:
            row.target, row.met = "≤ 1 s", row.ours <= 1.0
        self.growth["start"][scale] = row.ours

    def report(self, scale: int, runs: int) -> None:
        pdf = self.folder / f"rapport-x{scale}.pdf"
        floor_pdf = self.folder / f"golv-x{scale}.pdf"
        outline = self.folder / f"rapport-x{scale}.json"
        self.probe("report-outline", self.files[scale], outline)
        ours, floor = self.interleave(
            lambda: self.measured("report", self.files[scale], pdf),
            lambda: self.measured("report-floor", outline, floor_pdf),
            runs=runs,
        )
        row = self.row(f"rapport ×{scale}: hela nämndrapporten", ours, floor, "s")
        if scale == 1:
            row.target, row.met = "≤ 1,3× golvet", row.ratio <= 1.3
        self.growth["rapport"][scale] = row.ours

    def merge(self, scale: int, runs: int | None = None) -> None:
        """Ours against two floors: the bare copy, and the copy after SQLite's own checks of each file."""
        central, files = self.merges[scale]

        def run(task: str) -> tuple[float, int]:
            target = inputs.fresh_copy(central, f"sammanfogas-{task}.styrkort")
            return self.measured(task, target, *files)

        ours, floor, checked = self.interleave(
            lambda: run("merge"), lambda: run("merge-floor"), lambda: run("merge-floor-checked"), runs=runs
        )
        self.row(f"sammanfogning ×{scale}: {len(files)} enhetsfiler (golv: bara kopieringen)", ours, floor, "s")
        row = self.row(f"sammanfogning ×{scale}: {len(files)} enhetsfiler (golv: quick_check, schema, kopiering)",
                       ours, checked, "s")  # fmt: skip
        if scale in (1, 10):
            row.target, row.met = "≤ 5× golvet", row.ratio <= 5
        self.growth["sammanfogning"][scale] = row.ours

    def edit(self) -> None:
        ours_file = inputs.fresh_copy(self.files[1], "redigeras.styrkort")
        floor_file = inputs.fresh_copy(self.files[1], "redigeras-golv.styrkort")
        result = self.probe("edit", ours_file, floor_file, 200 if self.quick else 400)
        memory = f"{result['rss_kb'] / 1024:.0f} MB (båda)"
        for name, q in (("p50", 50), ("p95", 95)):
            ours, floor = percentile(result["ours_ms"], q), percentile(result["floor_ms"], q)
            row = Row(f"redigering {name}: ett fält sparat", ours, floor, "ms", len(result["ours_ms"]), memory)
            if name == "p95":
                row.target, row.met = "≤ 2× golvet och < 20 ms", row.ratio <= 2 and ours < 20
            self.rows.append(row)

    def search(self) -> None:
        result = self.probe("search", self.files[100])
        memory = f"{result['rss_kb'] / 1024:.0f} MB (båda)"
        floor = statistics.median(result["floor_ms"])
        for name, key in (("proxyn omfiltrerad", "proxy_ms"), ("hela tangenttrycket", "keystroke_ms")):
            times = result[key]
            row = Row(f"sök ×100: {name}", statistics.median(times), floor, "ms", len(times), memory, "≤ 50 ms")
            row.met = row.ours <= 50
            row.notes.append(f"sämsta {max(times):.0f} ms")
            self.rows.append(row)

    def window(self) -> None:
        """The window on the ×100 file, a fresh copy each run: open, select, structure edits."""
        opened, selects, edits, memory = [], {}, {}, 0
        for run in range(self.runs):
            result = self.probe("window", inputs.fresh_copy(self.files[100], f"fönster-{run}.styrkort"))
            opened.append(result["open_ms"])
            for store, found in ((selects, result["select_ms"]), (edits, result["edit_ms"])):
                for name, times in found.items():
                    store.setdefault(name, []).extend(times)
            memory = max(memory, result["rss_kb"])
        mb = f"{memory / 1024:.0f} MB"
        self.rows.append(Row("fönstret ×100: öppna filen (till målat träd)", statistics.median(opened), None, "ms",
                             len(opened), mb))  # fmt: skip
        for what, found, limit, target in (("välja en nod eller ett styrmått", selects, 100, "< 100 ms"),
                                           ("strukturändring och ångra", edits, 1000, "< 1 s")):  # fmt: skip
            times = [t for ts in found.values() for t in ts]
            row = Row(f"fönstret ×100: {what}", statistics.median(times), None, "ms", len(times), mb, target)
            typical = {name: statistics.median(ts) for name, ts in found.items()}
            row.met = max(typical.values()) < limit  # each kind's median: one hiccup of a noisy machine is no verdict
            row.notes.append(f"sämsta {max(times):.0f} ms; median per slag: " + ", ".join(
                f"{name} {ms:.0f}" for name, ms in typical.items()))  # fmt: skip
            self.rows.append(row)

    def stall(self, kind: str) -> None:
        if kind == "rapport":
            result = self.probe("stall", kind, self.files[100], self.folder / "bakgrund.pdf")
        else:
            central, files = self.merges[100]
            result = self.probe("stall", kind, inputs.fresh_copy(central, "bakgrund.styrkort"), "-", *files)
        row = Row(f"GUI ×100 under {kind} i bakgrunden: längsta frysning", result["longest_ms"], None, "ms", 1,
                  f"{result['rss_kb'] / 1024:.0f} MB", "≤ 100 ms", result["longest_ms"] <= 100)  # fmt: skip
        row.notes.append(
            f"{result['over_100']} av {result['ticks']} tick över 100 ms, arbetet tog {result['seconds']:.1f} s"
        )
        self.rows.append(row)

    # --- helpers -----------------------------------------------------------------------------

    def measured(self, task: str, *args) -> tuple[float, int]:
        result = self.probe(task, *args)
        return result["seconds"], result["rss_kb"]

    def interleave(self, *tasks, runs: int | None = None) -> tuple[list, ...]:
        """Ours, floor, ours, floor …: for each task a list of (seconds, peak kB)."""
        results = tuple([] for _ in tasks)
        for _ in range(runs or self.runs):
            for task, result in zip(tasks, results, strict=True):
                result.append(task())
        return results

    def row(self, what: str, ours: list, floor: list, unit: str) -> Row:
        median = statistics.median
        memory = f"{max(k for _, k in ours) / 1024:.0f} / {max(k for _, k in floor) / 1024:.0f} MB"
        row = Row(what, median(s for s, _ in ours), median(s for s, _ in floor), unit, len(ours), memory)
        self.rows.append(row)
        say(f"  {what}: {row.ours:.3f} {unit} mot {row.floor:.3f} {unit}")
        return row

    # --- the result ---------------------------------------------------------------------------

    def print_table(self) -> None:
        print()
        print("| mätning | vår | golv (samma körning) | kvot | körningar | toppminne vår / golv | mål | uppfyllt |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |")
        for r in self.rows:
            floor = f"{r.floor:.3f} {r.unit}" if r.floor is not None else "–"
            ratio = f"{r.ratio:.2f}×" if r.ratio is not None else "–"
            met = "–" if r.met is None else ("ja" if r.met else "**nej**")
            what = r.what + (f" ({'; '.join(r.notes)})" if r.notes else "")
            print(
                f"| {what} | {r.ours:.3f} {r.unit} | {floor} | {ratio} | {r.runs} | {r.memory} | {r.target} | {met} |"
            )
        print()
        sizes = self.measures
        for name, times in self.growth.items():
            if 1 not in times or len(times) < 2:
                continue
            parts = [f"×{s}: {times[s]:.2f} s" for s in sorted(times)]
            ratios = [
                f"×{s}/×1 = {times[s] / times[1]:.1f} (data {sizes[s] / sizes[1]:.1f}×)" for s in sorted(times) if s > 1
            ]
            linear = all(times[s] / times[1] <= sizes[s] / sizes[1] for s in times if s > 1)
            print(f"tillväxt {name}: {', '.join(parts)}; {', '.join(ratios)} – "
                  f"{'högst linjär' if linear else 'SNABBARE ÄN LINJÄR'}")  # fmt: skip


def tree_outline(nodes) -> list:
    """[name, [children…]] for the floor's tree: the same rows, the same names."""
    return [[n.name, tree_outline(n.children) + [[m.name, []] for m in n.measures]] for n in nodes]


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def machine() -> str:
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion

    lines = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")), "?")
    return (
        f"{os.cpu_count()} kärnor, {cpu}; Python {platform.python_version()}, PySide6 {pyside} (Qt {qVersion()}), "
        f"SQLite {sqlite3.sqlite_version}, {platform.platform()}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Styrkorts prestandamätningar mot golvet (samma arbete, bara bibliotek)."
    )
    parser.add_argument("--snabb", action="store_true", help="snabbkörning: färre upprepningar, ingen ×10")
    args = parser.parse_args()
    scales = [1, 100] if args.snabb else [1, 10, 100]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="styrkort-bench-") as folder:
        bench = Bench(Path(folder), args.snabb)
        bench.build_inputs(scales)
        say("Mäter …")
        for scale in scales:
            bench.start(scale)
        bench.edit()
        bench.report(1, bench.runs)
        bench.merge(1, 3 * bench.runs)  # a third of a second a run: more runs steady the ratio
        if 10 in scales:
            bench.report(10, 3)
            bench.merge(10)
        bench.search()
        bench.window()
        bench.merge(100, 1 if args.snabb else 2)  # about a minute each: fewer runs, said in the table
        bench.report(100, 1 if args.snabb else 2)
        bench.stall("sammanfogning")
        bench.stall("rapport")
    print(f"Maskin: {machine()}")
    bench.print_table()
    print(f"\nHela körningen: {time.perf_counter() - started:.0f} s"
          + (" (snabbkörning: färre upprepningar, ingen ×10)" if args.snabb else ""))  # fmt: skip


if __name__ == "__main__":
    main()
