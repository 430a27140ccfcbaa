"""`rapport`: the committee report as a PDF or Word file, from a goal file or the built-in example.

Before printing it says what in the selection is not ready; such a report is
printed as a draft (UTKAST), and `--slutlig` refuses it instead (exit 1).
"""

import argparse
from datetime import datetime
from pathlib import Path

from db.errors import GoalFileError
from db.outputs import check_output_target
from desktop.paths import example_file
from desktop.report import FORMATS, PDF, build_report, selection_readiness
from desktop.report.readiness import NotReadyError, refusal


def register(subparsers) -> None:
    report = subparsers.add_parser(
        "rapport", help="skriv ut rapporten Mål och måluppfyllelse som PDF eller Word-fil",
        description="Skriver rapporten (bilagan Mål och måluppfyllelse) som PDF eller redigerbar Word-fil. Samma "
        "uppgifter ger samma PDF, byte för byte. Utan --fil används den inbyggda exempelfilen. Är något i urvalet "
        "inte klart skrivs rapporten som utkast (UTKAST på varje sida).",
    )  # fmt: skip
    report.add_argument("--fil", metavar="FIL", type=Path, help="målfilen (standard: exempelfilen)")
    report.add_argument("--nämnd", dest="board", metavar="NÄMND", help="bara en styrelse/nämnd, t.ex. RS, RUN, PN")
    report.add_argument("--perspektiv", dest="perspective", metavar="NAMN", help="bara ett perspektiv")
    report.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    report.add_argument(
        "--utskriven", dest="printed_at", metavar="ÅÅÅÅ-MM-DD", type=_date,
        help="utskriftsdatum i kolofonen (standard: publiceringsdatum i rapportinställningarna)",
    )  # fmt: skip
    report.add_argument("--format", dest="file_format", choices=FORMATS, default=PDF,
                        help="pdf (standard) eller docx (redigerbar Word-fil)")  # fmt: skip
    report.add_argument("--slutlig", dest="final", action="store_true",
                        help="skriv bara om allt i urvalet är klart; annars avsluta med kod 1 och lista det som "
                        "inte är klart")  # fmt: skip
    report.add_argument("--ut", metavar="RAPPORT", type=Path, required=True, help="filen som skrivs (.pdf eller .docx)")
    report.set_defaults(handler=run_report)


def _date(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget datum på formen ÅÅÅÅ-MM-DD") from None


def run_report(args) -> int:
    suffix = args.ut.suffix.lower().lstrip(".")
    if suffix in FORMATS and suffix != args.file_format:
        raise GoalFileError(f"{args.ut.name} ser ut som en {suffix}-fil men rapporten skrivs som {args.file_format}; "
                            f"ange --format {suffix} eller ett filnamn som slutar på .{args.file_format}.")  # fmt: skip
    source = args.fil or example_file()
    check_output_target(args.ut, source, "rapporten")  # before anything is said about the report itself
    selection = {"board": args.board, "perspective": args.perspective, "period": args.period}
    if args.final:
        readiness = selection_readiness(source, **selection)
        if not readiness.ready:
            raise NotReadyError(refusal(readiness))
    result = build_report(source, args.ut, **selection, printed_at=args.printed_at, final=args.final,
                          file_format=args.file_format)  # fmt: skip
    pages = f" ({result.pages} sidor)" if result.pages else ""
    draft = ", som utkast (UTKAST på varje sida)" if not result.readiness.ready else ""
    print(f"Skrev {result.path}{pages}{draft} från {source}.")
    if not result.readiness.ready:  # said once the report is written: a refusal stays one sentence
        print("Allt i urvalet är inte klart:")
        print("\n".join(result.readiness.lines()))
    print(f"Kontrollsumma för innehållet (SHA-256): {result.content_hash}")
    return 0
