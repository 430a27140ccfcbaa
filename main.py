"""Styrkort's entry point.

No arguments (or a file) opens the GUI; a sub-command (`ny`, `kontrollera`,
`rapport`, …) runs headless without creating a QApplication.
"""

import sys


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from desktop.cli import is_command, run

    if argv and is_command(argv[0]):
        return run(argv)
    from desktop.ui.app import run_gui

    return run_gui(argv)


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the report and the merge run in spawned processes
    sys.exit(main())
