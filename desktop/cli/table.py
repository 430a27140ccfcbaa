"""`tabell` and `importera`: the values of one period as a CSV table, and back."""

from pathlib import Path

from db.csv_table import export_table, import_table
from db.goalfile import GoalFile


def register(subparsers) -> None:
    table = subparsers.add_parser(
        "tabell", help="skriv periodens värden som en tabell (CSV)",
        description="Skriver en rad per styrmått för perioden: semikolonavgränsad CSV i UTF-8 som Excel öppnar.",
    )  # fmt: skip
    table.add_argument("--fil", metavar="FIL", type=Path, required=True, help="målfilen")
    table.add_argument("--ut", metavar="X.csv", type=Path, required=True, help="tabellen som skrivs")
    table.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    table.set_defaults(handler=run_table)

    importer = subparsers.add_parser(
        "importera", help="läs in värden från en tabell (CSV)",
        description="Läser en tabell i samma format som `tabell` skriver och ändrar de värden som skiljer sig. "
        "Allt eller inget: finns ett fel på någon rad importeras ingenting.",
    )  # fmt: skip
    importer.add_argument("--fil", metavar="FIL", type=Path, required=True, help="målfilen")
    importer.add_argument("tabell", metavar="X.csv", type=Path, help="tabellen som läses in")
    importer.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    importer.set_defaults(handler=run_import)


def run_table(args) -> int:
    with GoalFile.open(args.fil, readonly=True) as goal_file:
        rows = export_table(goal_file, args.ut, args.period)
    print(f"Skrev {rows} styrmått till {args.ut}.")
    return 0


def run_import(args) -> int:
    with GoalFile.open(args.fil) as goal_file:
        result = import_table(goal_file, args.tabell, args.period)
    print(
        f"Importerade {args.tabell.name}: {result.changed_fields} värden ändrade i {result.changed_rows} styrmått, "
        f"{result.unchanged_rows} styrmått oförändrade."
    )
    return 0
