"""Benchmark of the bundle: its size, and how fast it starts next to `python main.py`.

    .venv/bin/python tests/bench/paket.py                  # builds a fresh bundle first (about half a minute)
    .venv/bin/python tests/bench/paket.py --paket dist/styrkort   # measures a bundle already built

Prints the build time, the size on disk and packed (.tar.gz, what a download
would be) with its largest parts, and — interleaved, medians of --körningar
runs after one warm-up — process start to the painted tree
(`--avsluta-efter-ritning` on the built-in example) and a headless command
(`kontrollera`), for the bundle and for the source checkout's Python. Every
figure is measured in a fresh process; the user's own files are never
touched (STYRKORT_DATA and HOME point into a temporary folder). Not a test.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PARTS = {  # label → paths under _internal/ (globs), for the size breakdown
    "Qt: ICU (Unicode-data)": ["libicu*", "PySide6/Qt/lib/libicu*"],
    "Qt: Core, Gui, Widgets, Svg, DBus, XcbQpa": ["libQt6*", "PySide6/Qt/lib/libQt6*"],
    "PySide6-bindningar och plugins": ["PySide6/*.so*", "PySide6/Qt/plugins", "PySide6/Qt/translations", "shiboken6", "lib*shiboken*", "lib*pyside*"],
    "Python (libpython, standardbibliotek)": ["libpython*", "python3*", "base_library.zip"],
    "Pillow (reportlab kräver den)": ["PIL", "pillow.libs"],
    "resurser/ (mall, typsnitt, ikon)": ["resurser"],
}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description="Storlek och starttid för Styrkort som program i en mapp.")
    parser.add_argument("--paket", type=Path, help="en färdig programmapp (standard: bygg en ny)")
    parser.add_argument("--körningar", type=int, default=7, help="mätningar per rad (standard 7)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="styrkort-bench-paket-") as tmp:
        folder = Path(tmp)
        bundle, build_seconds = args.paket, None
        if bundle is None:
            started = time.perf_counter()
            build = [sys.executable, str(ROOT / "packaging" / "bygg.py"),
                     "--ut", str(folder / "dist"), "--arbetsmapp", str(folder / "bygge")]  # fmt: skip
            subprocess.run(build, check=True, capture_output=True)
            build_seconds = time.perf_counter() - started
            bundle = folder / "dist" / "styrkort"
        bundle = bundle.resolve()
        program = bundle / ("styrkort.exe" if sys.platform == "win32" else "styrkort")

        print(f"Paketet: {bundle}")
        if build_seconds is not None:
            print(f"Byggtid: {build_seconds:.0f} s (packaging/bygg.py, från början)")
        report_size(bundle)

        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", STYRKORT_DATA=str(folder / "data"), HOME=str(folder))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # the source checkout runs with compiled bytecode, as installed
        example = folder / "data" / "exempel-norrbotten-2022.styrkort"
        example.parent.mkdir()
        subprocess.run([str(program), "ny", "--ut", str(example)], check=True, capture_output=True, env=env)
        source = [sys.executable, str(ROOT / "main.py")]
        rows = [
            ("start till målat träd (exemplet)", [str(program), "--avsluta-efter-ritning", str(example)],
             [*source, "--avsluta-efter-ritning", str(example)]),
            ("kontrollera (exemplet, utan Qt)", [str(program), "kontrollera", str(example)],
             [*source, "kontrollera", str(example)]),
        ]  # fmt: skip
        print("\n| mätning | paketet | källkod + venv | kvot | körningar |\n| --- | ---: | ---: | ---: | ---: |")
        for label, bundled, from_source in rows:
            timed(bundled, env), timed(from_source, env)  # warm-up: disk cache, bytecode
            ours, theirs = [], []
            for _ in range(args.körningar):
                ours.append(timed(bundled, env))
                theirs.append(timed(from_source, env))
            b, s = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in theirs)
            memory = f"{max(m for _, m in ours) / 1024:.0f} / {max(m for _, m in theirs) / 1024:.0f} MB"
            print(f"| {label} | {b:.3f} s | {s:.3f} s | {b / s:.2f}× | {args.körningar} (toppminne {memory}) |")
    return 0


def report_size(bundle: Path) -> None:
    files = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()]
    total = sum(p.stat().st_size for p in files)
    packed = io.BytesIO()
    with tarfile.open(fileobj=packed, mode="w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=bundle.name)
    print(f"Storlek: {total / 1e6:.1f} MB på disk i {len(files)} filer, {packed.tell() / 1e6:.1f} MB som .tar.gz")
    internal = bundle / "_internal"
    counted: set[Path] = set()
    for label, patterns in PARTS.items():
        part = {f for pattern in patterns for match in internal.glob(pattern)
                for f in ([match] if match.is_file() else match.rglob("*")) if f in files}  # fmt: skip
        part -= counted
        counted |= part
        print(f"  {label}: {sum(f.stat().st_size for f in part) / 1e6:.1f} MB")
    rest = sum(f.stat().st_size for f in files if f not in counted)
    print(f"  övrigt (systembibliotek; programfilen med all Python-kod, appens och bibliotekens): {rest / 1e6:.1f} MB")


def timed(command: list[str], env: dict) -> tuple[float, int]:
    """Seconds from spawn to 'ritat' (or to exit for a command), and peak memory in kB."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    seconds = None
    for line in process.stdout:
        if line.strip() == b"ritat":
            seconds = time.perf_counter() - started
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} slutade med fel")
    return (seconds if seconds is not None else time.perf_counter() - started), usage.ru_maxrss


if __name__ == "__main__":
    sys.exit(main())
