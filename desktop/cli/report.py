"""`rapport`: the committee report as a PDF, from a goal file or the built-in example."""

import argparse
from datetime import datetime
from pathlib import Path

from desktop.paths import example_file
from desktop.report import build_report


def register(subparsers) -> None:
    report = subparsers.add_parser(
        "rapport", help="skriv ut rapporten Mål och måluppfyllelse som PDF",
        description="Skriver rapporten (bilagan Mål och måluppfyllelse) som PDF. Samma uppgifter ger samma "
        "PDF, byte för byte. Utan --fil används den inbyggda exempelfilen.",
    )  # fmt: skip
    report.add_argument("--fil", metavar="FIL", type=Path, help="målfilen (standard: exempelfilen)")
    report.add_argument("--nämnd", dest="board", metavar="NÄMND", help="bara en styrelse/nämnd, t.ex. RS, RUN, PN")
    report.add_argument("--perspektiv", dest="perspective", metavar="NAMN", help="bara ett perspektiv")
    report.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    report.add_argument(
        "--utskriven", dest="printed_at", metavar="ÅÅÅÅ-MM-DD", type=_date,
        help="utskriftsdatum i kolofonen (standard: publiceringsdatum i rapportinställningarna)",
    )  # fmt: skip
    report.add_argument("--ut", metavar="RAPPORT.pdf", type=Path, required=True, help="PDF-filen som skrivs")
    report.set_defaults(handler=run_report)


def _date(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget datum på formen ÅÅÅÅ-MM-DD") from None


def run_report(args) -> int:
    source = args.fil or example_file()
    result = build_report(
        source, args.ut, board=args.board, perspective=args.perspective, period=args.period,
        printed_at=args.printed_at,
    )  # fmt: skip
    print(f"Skrev {result.path} ({result.pages} sidor) från {source}.")
    print(f"Kontrollsumma för innehållet (SHA-256): {result.content_hash}")
    return 0
