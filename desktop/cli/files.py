"""`ny` and `kontrollera`: make a goal file from a template, check a file."""

import sys
from pathlib import Path

from db.check import check_file, exit_code
from db.connection import FILE_SUFFIX
from db.model import all_measures
from db.new_file import create_from_template
from db.template import load_template
from desktop.paths import BUILT_IN_TEMPLATES, template_path


def register(subparsers) -> None:
    ny = subparsers.add_parser(
        "ny", help="skapa en ny målfil från en strukturmall",
        description="Skapar en ny centralfil från en strukturmall (JSON), eller från en av de inbyggda mallarna: "
        + "; ".join(f"{name}: {text}" for name, (_file, text) in BUILT_IN_TEMPLATES.items())
        + ". Utan --mall används norrbotten-2022.",
    )  # fmt: skip
    ny.add_argument("--mall", metavar="MALL.json|NAMN", default="norrbotten-2022",
                    help="en strukturmall eller namnet på en inbyggd mall (standard: norrbotten-2022)")  # fmt: skip
    ny.add_argument(
        "--ut", metavar="FIL", type=Path, required=True, help=f"den nya målfilen (utan filändelse: FIL{FILE_SUFFIX})"
    )
    ny.set_defaults(handler=run_new)

    checker = subparsers.add_parser(
        "kontrollera", help="kontrollera en målfil",
        description="Kontrollerar att filen är en Styrkort-fil med känd schemaversion och oförändrat schema, att "
        "SQLite:s integritetskontroll går igenom, att varje värde har rätt typ och varje text går att läsa, att "
        "varje hänvisning pekar på något som finns, att strukturen är giltig och att det som status, tabell och "
        "rapport läser går att läsa för varje period. Slutkod 0 bara när allt är i ordning: då kan varje "
        "kommando använda filen.",
    )  # fmt: skip
    checker.add_argument("fil", metavar="FIL", type=Path)
    checker.set_defaults(handler=run_check)


def run_new(args) -> int:
    template = load_template(template_path(args.mall))
    target = args.ut if args.ut.suffix else args.ut.with_name(args.ut.name + FILE_SUFFIX)
    with create_from_template(target, template) as goal_file:
        roots = goal_file.tree()
        model = goal_file.model()
    top, items = model.level(0), model.item_level
    print(
        f"Skapade {target}: {template['organisation']}, {len(roots)} {_noun(len(roots), top)}, "
        f"{len(all_measures(roots))} {_noun(len(all_measures(roots)), items)}, {len(model.levels)} nivåer."
    )
    return 0


def _noun(n: int, level) -> str:
    return level.singular.lower() if n == 1 else level.plural.lower()


def run_check(args) -> int:
    problems = check_file(args.fil)
    if not problems:
        print(f"{args.fil}: allt i ordning.")
        return 0
    for problem in problems:
        print(f"{args.fil}: {problem.text}", file=sys.stderr)
    return exit_code(problems)
