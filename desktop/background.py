"""Long work for the GUI, run in a child process: the report, the merge and the export.

A worker thread shares the interpreter's lock with the window: building a
large report froze the window for up to a second (garbage collections and
long C calls in the worker). A spawned process shares nothing, and the thread
that waits for it blocks in a pipe read, which releases the lock. No Qt here:
the child imports only what the work needs. The GUI's one way in is
`desktop.ui.tasks.run_in_background`.
"""

import multiprocessing
import traceback
from pathlib import Path

from db.errors import GoalFileError, user_message
from db.progress import Progress, quiet


def run_in_process(function, *args, progress: Progress = quiet):
    """`function(*args, progress=…)` in a spawned process; its result, or its failure as a GoalFileError."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, function, args), daemon=True)
    process.start()
    sender.close()  # the child holds the only writing end: its death ends recv() with EOFError
    try:
        while True:
            try:
                kind, *payload = receiver.recv()
            except EOFError:
                raise GoalFileError("Arbetet i bakgrunden avbröts oväntat. Filen är oförändrad.") from None
            if kind == "progress":
                progress(*payload)
            elif kind == "done":
                return payload[0]
            elif kind == "refused":
                raise GoalFileError(payload[0])
            else:
                raise RuntimeError(f"Fel i bakgrundsprocessen:\n{payload[0]}")
    finally:
        receiver.close()
        process.join()


def _child(sender, function, args) -> None:
    try:
        result = function(*args, progress=lambda done, total, what: sender.send(("progress", done, total, what)))
        sender.send(("done", result))
    except Exception as e:
        message = user_message(e, _file_worked_on(args))
        sender.send(("refused", message) if message else ("failed", traceback.format_exc()))
    except BaseException:
        sender.send(("failed", traceback.format_exc()))
    finally:
        sender.close()


def _file_worked_on(args) -> Path | None:
    """A job's first argument is the file it works on (each job below): the one a failure is about."""
    return Path(args[0]) if args and isinstance(args[0], str | Path) else None


def build_report_file(path: Path, out: Path, board: str | None, period: str | None, file_format: str = "pdf", *,
                      progress: Progress):  # fmt: skip
    from db.goalfile import GoalFile
    from desktop.report import build_report

    with GoalFile.open(path, readonly=True) as goal_file:
        return build_report(goal_file, out, board=board, period=period, file_format=file_format, progress=progress)


def merge_unit_files(central_path: Path, user: str, paths: list[Path], *, progress: Progress):
    """The merge run and, per file, its summary line and detail lines for the dialog."""
    from db.goalfile import GoalFile
    from db.merge import detail_lines, file_summary, merge_files

    with GoalFile.open(central_path, user=user) as central:
        run = merge_files(central, paths, progress=progress)
        return run, [(file_summary(f), detail_lines(f, central.model())) for f in run.files]


def export_unit_files(central_path: Path, user: str, unit_codes: list[str], folder: Path, period: str | None,
                      deadline: str = "", return_to: str = "", replace_codes: tuple[str, ...] = (), *,
                      progress: Progress) -> list[Path]:  # fmt: skip
    """One unit file per chosen unit (by code) for the period, in `folder`, with the deadline and
    whom to return it to. A file already there that Styrkort did not last write untouched is
    replaced only for the units in `replace_codes` (the user agreed); for any other the export
    is refused before anything is written."""
    from db.goalfile import GoalFile
    from db.unitfile import export_all

    with GoalFile.open(central_path, user=user) as central:
        units = [central.find_unit(code) for code in unit_codes]
        written = []
        for replace in (False, True):
            chosen = [u for u in units if (u.code in replace_codes) == replace]
            if chosen:
                written += export_all(central, folder, chosen, progress, period=period, deadline=deadline,
                                      return_to=return_to, replace=replace)  # fmt: skip
        return written
