"""The command line: `python main.py <kommando> …`, in Swedish, without Qt.

Each sub-command lives in a small module with `register(subparsers)`; the
functions it calls are the same ones the GUI calls. A user's mistake ends in
one Swedish sentence on stderr and exit code 2, never a traceback.
"""

import argparse
import importlib
import re
import sys

# Sub-command → the module that registers it. Modules are imported only when a
# command runs, so that `python main.py` reaches the GUI without loading them.
COMMANDS = {
    "ny": "files", "kontrollera": "files",
    "exportera": "merge", "sammanfoga": "merge", "status": "merge",
    "tabell": "table", "importera": "table",
    "rapport": "report",
    "period": "cycle", "mall": "cycle",
    "självtest": "selftest",
}  # fmt: skip

# argparse speaks English; these are the messages a user is likely to meet.
_ARGPARSE_SWEDISH = [
    (r"the following arguments are required: (.*)", r"följande argument saknas: \1"),
    (r"unrecognized arguments: (.*)", r"okända argument: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"argument \1: ogiltigt val \2 (välj bland \3)"),
    (r"argument (\S+): expected one argument", r"argument \1: ett värde behövs"),
    (r"argument (\S+): expected at least one argument", r"argument \1: minst ett värde behövs"),
    (r"argument (\S+): not allowed with argument (\S+)", r"argument \1 kan inte anges tillsammans med \2"),
    (r"one of the arguments (.*) is required", r"ett av argumenten \1 behövs"),
]


class SwedishParser(argparse.ArgumentParser):
    def format_usage(self):
        return super().format_usage().replace("usage:", "användning:", 1)

    def format_help(self):
        text = super().format_help().replace("usage:", "användning:", 1)
        text = text.replace("positional arguments:", "argument:").replace("options:", "flaggor:")
        return text.replace("show this help message and exit", "visa den här hjälpen och avsluta")

    def error(self, message):
        for pattern, swedish in _ARGPARSE_SWEDISH:
            message = re.sub(pattern, swedish, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fel: {message}\n")


def build_parser() -> SwedishParser:
    parser = SwedishParser(
        prog="styrkort",
        description="Styrkort – uppföljning av mål och måluppfyllelse (balanserad styrning). "
        "Utan kommando öppnas programmet på exempelfilen eller på FIL.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    for module_name in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(f"{__name__}.{module_name}").register(subparsers)
    return parser


def run(argv: list[str]) -> int:
    """Run a sub-command; returns the exit code."""
    from db.errors import GoalFileError, user_message

    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        print("styrkort: avbrutet.", file=sys.stderr)
        return 130
    except Exception as e:
        message = user_message(e, _file_of(args))
        if message is None:
            raise
        print(f"styrkort: {message}", file=sys.stderr)
        return e.exit_code if isinstance(e, GoalFileError) else 2


def _file_of(args) -> str:
    """The goal file the command works on, to name in a message about an error that names none."""
    return str(getattr(args, "fil", None) or getattr(args, "ut", None) or "filen")


def is_command(argument: str) -> bool:
    """Whether main.py's first argument asks for a sub-command rather than a file to open."""
    return argument in COMMANDS or argument in ("-h", "--help")
