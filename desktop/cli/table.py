"""`tabell` and `importera`: the values of one period as a CSV table, and back."""

from pathlib import Path

from db.csv_table import export_table, import_table
from db.goalfile import GoalFile
from db.vocabulary import count_phrase


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
        "Allt eller inget: finns ett fel på någon rad importeras ingenting. Ett värde som också ändrats i filen "
        "sedan tabellen skrevs blir en konflikt att lösa (slutkod 1); filens värde behålls.",
    )  # fmt: skip
    importer.add_argument("--fil", metavar="FIL", type=Path, required=True, help="målfilen")
    importer.add_argument("tabell", metavar="X.csv", type=Path, help="tabellen som läses in")
    importer.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    importer.set_defaults(handler=run_import)


def run_table(args) -> int:
    with GoalFile.open(args.fil, readonly=True) as goal_file:
        rows = export_table(goal_file, args.ut, args.period)
        items = goal_file.model().item_level
    print(f"Skrev {count_phrase(rows, items.singular.lower(), items.plural.lower())} till {args.ut}.")
    return 0


def run_import(args) -> int:
    """Exit 0 when imported; 1 when some values became conflicts to resolve (as `sammanfoga`)."""
    with GoalFile.open(args.fil) as goal_file:
        result = import_table(goal_file, args.tabell, args.period)
        items = goal_file.model().item_level
        lines = result.conflict_lines(goal_file.model())

    def measures(n: int) -> str:
        return count_phrase(n, items.singular.lower(), items.plural.lower())

    conflicts = f", {count_phrase(len(lines), 'konflikt', 'konflikter')}" if lines else ""
    print(
        f"Importerade {args.tabell.name}: {count_phrase(result.changed_fields, 'värde ändrat', 'värden ändrade')} i "
        f"{measures(result.changed_rows)}, {measures(result.unchanged_rows)} oförändrade{conflicts}."
    )
    if lines:
        print("Ändrat både i tabellen och i filen sedan tabellen skrevs; filens värde behålls tills någon löser det:")
        for line in lines:
            print(f"  {line}")
    return 1 if lines else 0
