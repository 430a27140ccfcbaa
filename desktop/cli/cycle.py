"""`period` and `mall`: the yearly cycle from the command line.

`period ny|lås|lås-upp|aktuell|lista` starts, locks, reopens and chooses
periods (the same db.periods functions the GUI calls); `mall` writes a plan
year's structure as a template that `ny --mall` reads back.
"""

import json
from pathlib import Path

from db.goalfile import GoalFile
from db.outputs import check_output_target, write_atomically
from db.periods import lock_period, set_current_period, start_period, unlock_period
from db.template_export import template_of_year


def register(subparsers) -> None:
    period = subparsers.add_parser(
        "period", help="starta, lås, lås upp och välj perioder",
        description="Periodens cykel: starta nästa period (med strukturen, målen, enheterna och nämnderna), "
        "lås en period vars rapport är antagen, lås upp den med en orsak, välj den aktuella perioden.",
    )  # fmt: skip
    actions = period.add_subparsers(dest="action", metavar="ÅTGÄRD", required=True, parser_class=type(period))
    new = actions.add_parser("ny", help="starta en ny period och gör den aktuell",
                             description="Startar en ny period från den aktuella (eller --från). Ett nytt planår "
                             "får en kopia av föregående års struktur.")  # fmt: skip
    new.add_argument("--fil", metavar="FIL", type=Path, required=True, help="centralfilen")
    new.add_argument("--period", metavar="PERIOD", help="t.ex. ”2022 helår” eller 2023-T1 (standard: nästa)")
    new.add_argument("--från", dest="source", metavar="PERIOD", help="perioden den nya startar från")
    new.add_argument("--med-kommentarer", dest="carry", action="store_true",
                     help="för över kommentarerna som utkast till den nya perioden")  # fmt: skip
    new.set_defaults(handler=run_new)
    lock = actions.add_parser("lås", help="lås en period: inget i den kan ändras längre")
    lock.add_argument("--fil", metavar="FIL", type=Path, required=True, help="centralfilen")
    lock.add_argument("--period", metavar="PERIOD", help="perioden (standard: den aktuella)")
    lock.add_argument("--orsak", metavar="TEXT", default="", help="t.ex. ”Antagen av regionstyrelsen 2022-10-26”")
    lock.set_defaults(handler=run_lock)
    unlock = actions.add_parser("lås-upp", help="lås upp en period; orsaken sparas i ändringsloggen")
    unlock.add_argument("--fil", metavar="FIL", type=Path, required=True, help="centralfilen")
    unlock.add_argument("--period", metavar="PERIOD", required=True, help="perioden")
    unlock.add_argument("--orsak", metavar="TEXT", required=True, help="varför perioden öppnas igen")
    unlock.set_defaults(handler=run_unlock)
    current = actions.add_parser("aktuell", help="välj vilken period som är den aktuella")
    current.add_argument("--fil", metavar="FIL", type=Path, required=True, help="centralfilen")
    current.add_argument("--period", metavar="PERIOD", required=True, help="perioden")
    current.set_defaults(handler=run_current)
    listed = actions.add_parser("lista", help="filens perioder")
    listed.add_argument("--fil", metavar="FIL", type=Path, required=True, help="målfilen")
    listed.set_defaults(handler=run_list)

    template = subparsers.add_parser(
        "mall", help="skriv ett planårs struktur som strukturmall (JSON)",
        description="Skriver ett planårs struktur – nivåer, slag, skalor, nämnder, enheter, perioder och "
        "strukturen med alla id:n – som en strukturmall som `ny --mall` läser. Inga värden följer med.",
    )  # fmt: skip
    template.add_argument("--fil", metavar="FIL", type=Path, required=True, help="målfilen")
    template.add_argument("--år", dest="year", metavar="ÅR", type=int, required=True, help="planåret")
    template.add_argument("--ut", metavar="MALL.json", type=Path, required=True, help="mallen som skrivs")
    template.set_defaults(handler=run_template)


def run_new(args) -> int:
    with GoalFile.open(args.fil) as goal_file:
        period = start_period(goal_file, args.period, from_period=args.source, carry_commentary=args.carry)
    print(f"Startade {period.name} ({period.label}); den är nu aktuell period.")
    return 0


def run_lock(args) -> int:
    with GoalFile.open(args.fil) as goal_file:
        period = lock_period(goal_file, goal_file.period(args.period).code, args.orsak)
    print(f"Låste {period.name}.")
    return 0


def run_unlock(args) -> int:
    with GoalFile.open(args.fil) as goal_file:
        period = unlock_period(goal_file, args.period, args.orsak)
    print(f"Låste upp {period.name}.")
    return 0


def run_current(args) -> int:
    with GoalFile.open(args.fil) as goal_file:
        period = set_current_period(goal_file, args.period)
    print(f"{period.name} är nu aktuell period.")
    return 0


def run_list(args) -> int:
    with GoalFile.open(args.fil, readonly=True) as goal_file:
        for p in goal_file.periods():
            marks = [m for m, on in (("aktuell", p.is_current), ("låst", p.locked)) if on]
            print(f"{p.code}\t{p.name} ({p.label})" + (f"\t{', '.join(marks)}" if marks else ""))
    return 0


def run_template(args) -> int:
    check_output_target(args.ut, args.fil, "mallen")
    with GoalFile.open(args.fil, readonly=True) as goal_file:
        template = template_of_year(goal_file, args.year)
    write_atomically(args.ut, (json.dumps(template, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    print(f"Skrev {args.year} års struktur till {args.ut}.")
    return 0
