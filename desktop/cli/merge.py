"""`exportera`, `sammanfoga` and `status`: unit files out, returned files in, where things stand."""

import argparse
import sys
from datetime import date
from pathlib import Path

from db.collection import collection_status
from db.goalfile import GoalFile
from db.merge import detail_lines, file_summary, merge_files
from db.unitfile import export_all, export_unit_file
from db.vocabulary import STATUS_LABELS, count_phrase


def register(subparsers) -> None:
    export = subparsers.add_parser(
        "exportera", help="exportera enhetsfiler från centralfilen",
        description="Skapar en enhetsfil för en enhet (--enhet och --ut) eller en fil per enhet (--alla och "
        "--katalog). Enhetsfilen innehåller hela strukturen skrivskyddad; enheten kan bara fylla i sina egna "
        "styrmått för den aktuella perioden.",
    )  # fmt: skip
    export.add_argument("--fil", metavar="CENTRAL", type=Path, required=True, help="centralfilen")
    which = export.add_mutually_exclusive_group(required=True)
    which.add_argument("--enhet", metavar="ENHET", help="enhetens kod eller namn")
    which.add_argument("--alla", action="store_true", help="en fil per enhet")
    export.add_argument("--ut", metavar="UTFIL", type=Path, help="enhetsfilen (med --enhet)")
    export.add_argument("--katalog", metavar="MAPP", type=Path, help="mappen för filerna (med --alla)")
    export.add_argument("--period", metavar="PERIOD", help="perioden enheten fyller i (standard: den aktuella)")
    export.add_argument("--sista-dag", dest="deadline", metavar="ÅÅÅÅ-MM-DD", type=_date_text,
                        help="när filen ska vara tillbaka (visas för enheten)")  # fmt: skip
    export.add_argument(
        "--skicka-till",
        dest="return_to",
        metavar="ADRESS",
        default="",
        help="vem filen ska skickas tillbaka till, t.ex. en e-postadress (visas för enheten)",
    )
    export.add_argument(
        "--ersätt",
        dest="replace",
        action="store_true",
        help="skriv över en fil som finns och som inte är Styrkorts senaste orörda export dit",
    )
    export.set_defaults(handler=run_export, parser=export)

    merge = subparsers.add_parser(
        "sammanfoga", help="sammanfoga inkomna enhetsfiler med centralfilen",
        description="Sammanfogar inkomna enhetsfiler med centralfilen i en enda transaktion, efter en "
        "säkerhetskopia. Slutkod 0: allt sammanfogat utan konflikter; 1: konflikter att lösa; "
        "2: en fil vägrades eller värden avvisades.",
    )  # fmt: skip
    merge.add_argument("--fil", metavar="CENTRAL", type=Path, required=True, help="centralfilen")
    merge.add_argument("filer", metavar="UTFIL", type=Path, nargs="+", help="inkomna enhetsfiler")
    merge.set_defaults(handler=run_merge)

    status = subparsers.add_parser(
        "status", help="insamlingens läge per enhet",
        description="Visar per enhet hur många styrmått som är klara, utkast eller ej påbörjade, vilka "
        "filer som kommit tillbaka och hur många konflikter som är olösta.",
    )  # fmt: skip
    status.add_argument("--fil", metavar="CENTRAL", type=Path, required=True, help="centralfilen")
    status.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    status.set_defaults(handler=run_status)


def run_export(args) -> int:
    if args.enhet and not args.ut:
        args.parser.error("--ut behövs tillsammans med --enhet")
    if args.alla and not args.katalog:
        args.parser.error("--katalog behövs tillsammans med --alla")
    options = {"period": args.period, "deadline": args.deadline or "", "return_to": args.return_to,
               "replace": args.replace}  # fmt: skip
    with GoalFile.open(args.fil) as central:
        period = central.period(args.period)
        if args.alla:
            written = export_all(central, args.katalog, **options)
        else:
            written = [export_unit_file(central, central.find_unit(args.enhet), args.ut, **options)]
    for path in written:
        print(f"Skapade {path} (för {period.name})")
    return 0


def _date_text(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget datum på formen ÅÅÅÅ-MM-DD") from None


def run_merge(args) -> int:
    with GoalFile.open(args.fil) as central:
        run = merge_files(central, args.filer)
        model = central.model()
        for result in run.files:
            print(file_summary(result), file=sys.stderr if result.refused else sys.stdout)
            for line in detail_lines(result, model):
                print(f"  {line}")
    if run.backup:
        print(f"Säkerhetskopia före sammanfogningen: {run.backup}")
    return run.exit_code


def run_status(args) -> int:
    with GoalFile.open(args.fil, readonly=True) as goal_file:
        period = goal_file.period(args.period)
        print(f"Insamling för {period.name} i {args.fil.name}:")
        for line in collection_status(goal_file, period.code):
            counts = ", ".join(f"{n} {STATUS_LABELS[status].lower()}" for status, n in line.counts.items())
            returned = f"senast inkommen {line.last_returned}" if line.returned else "ingen fil inkommen"
            unresolved = count_phrase(line.open_conflicts, "olöst konflikt", "olösta konflikter")
            conflicts = f", {unresolved}" if line.open_conflicts else ""
            print(f"  {line.unit.code} {line.unit.name}: {counts}; {returned}{conflicts}")
    return 0
