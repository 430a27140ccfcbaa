"""`självtest`: whether this installation works, tried on files of its own.

For whoever installs Styrkort on a managed laptop, and for the bundle's
test: the built-in template, the fonts and the two jobs the window hands to
a spawned process (desktop/background.py: the report and the merge) run and
come back. The spawned process is what a frozen bundle can break — there the
child is the bundle's own program started again — so it runs here through
the very functions the window uses. Works in a temporary folder; never
touches the user's files.
"""

import sys
import tempfile
from pathlib import Path

from db.connection import FILE_SUFFIX
from desktop.identity import name_and_version
from desktop.paths import EXAMPLE_TEMPLATE, resource_path


def register(subparsers) -> None:
    selftest = subparsers.add_parser(
        "självtest", help="kontrollera att installationen fungerar",
        description="Skapar en målfil från den inbyggda mallen i en tillfällig mapp, exporterar en enhetsfil "
        "och sammanfogar den och skriver rapporten i var sin bakgrundsprocess, så som fönstret gör. "
        "Slutkod 0 när allt fungerar. Rör inga egna filer.",
    )  # fmt: skip
    selftest.set_defaults(handler=run_selftest)


def run_selftest(args) -> int:
    # Here, not above: every command builds the whole parser, and only this one needs these.
    from db.new_file import create_from_template
    from db.template import load_template
    from db.unitfile import export_unit_file, unit_file_name
    from desktop.background import build_report_file, merge_unit_files, run_in_process

    kind = "paketerat program" if getattr(sys, "frozen", False) else "Python-installation"
    print(f"{name_and_version()} ({kind}), resurser i {resource_path()}")
    with tempfile.TemporaryDirectory(prefix="styrkort-självtest-") as folder:
        central = Path(folder) / f"central{FILE_SUFFIX}"
        with create_from_template(central, load_template(resource_path(EXAMPLE_TEMPLATE))) as goal_file:
            unit = goal_file.units()[0]
            unit_file = export_unit_file(goal_file, unit, Path(folder) / unit_file_name(unit))
        print(f"Mallen: {central.name} skapad, enhetsfilen {unit_file.name} exporterad.")

        run, details = run_in_process(merge_unit_files, central, "självtest", [unit_file])
        print(f"Sammanfogning i bakgrundsprocess: {details[0][0]}")
        if run.exit_code != 0:
            print("styrkort: sammanfogningen av den orörda enhetsfilen gick inte rent igenom.", file=sys.stderr)
            return 1
        report = run_in_process(build_report_file, central, Path(folder) / "rapport.pdf", None, None)
        print(f"Rapport i bakgrundsprocess: {report.pages} sidor.")
    print("Självtestet gick igenom.")
    return 0
