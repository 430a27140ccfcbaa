"""Styrkort's entry point.

No arguments (or a file) opens the GUI; a sub-command (`ny`, `kontrollera`,
`rapport`, …) runs headless without creating a QApplication.
"""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from desktop.cli import command_names, run

    if argv and argv[0] in command_names():
        return run(argv)
    from desktop.ui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
