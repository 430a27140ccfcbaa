"""Returned unit files merged into the central file: three-way, checked, atomic.

Per field of each entry the unit owns, against the value at export (the
base): only the unit changed it → applied through `GoalFile.write_entry`
(so the change log names the file as origin); only central changed it →
kept; both changed it differently → a conflict row, central keeps its value;
both to the same value → nothing. What the unit does not own never gets this
far: `db.incoming` refuses such a file whole. What central has since locked
or moved to another unit is rejected and reported.

Which export a value came from is known from the central file alone: every
change-log row a merge writes is tied to that merge (`merged_changes`), and
the merge to its export, whose `sequence` orders the exports. Central's value
also counts as the base when a merge of the same unit's file of the same or
an earlier export wrote it and nobody has changed it since: the officer's
later word replaces their earlier one. A file is out of date once a file of
a newer export of the same unit and period has been merged: each value it
would change becomes a conflict — never an overwrite, and not a rejection,
because the old copy may hold what the officer meant after all, and a person
decides (the per-file summary says why). File names are never compared.

All files of one run are merged in one transaction, after a verified backup
of the central file, so a crash leaves central exactly as before or after.
A file already merged (same export, same content) changes nothing. Never
write to an incoming file, never apply anything outside `write_entry`.
"""

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .conflicts import FieldChange, change_line, conflict_known, record_conflict
from .connection import backup_to
from .errors import GoalFileError, ReadOnlyError
from .goalfile import GoalFile, now_utc
from .incoming import IncomingFile, IncomingFileError, read_incoming
from .model import Entry, Measure, Unit
from .progress import Progress, quiet
from .reading import MEASURE_COLUMNS, measure_from_row
from .vocabulary import FIELDS, count_phrase


@dataclass
class FileResult:
    path: Path
    unit: Unit | None = None
    applied: list[FieldChange] = field(default_factory=list)
    conflicts: list[FieldChange] = field(default_factory=list)
    rejected: list[FieldChange] = field(default_factory=list)
    unchanged: int = 0  # the unit's measures it returned as exported
    already_merged: bool = False
    stale: bool = False  # a newer export of the unit's was merged before this file
    refused: str | None = None  # the whole file was refused, and why

    @property
    def name(self) -> str:
        return self.path.name


@dataclass
class MergeRun:
    files: list[FileResult]
    backup: Path | None

    @property
    def exit_code(self) -> int:
        """0: all merged cleanly; 1: conflicts to resolve; 2: a file or a change was refused."""
        if any(f.refused or f.rejected for f in self.files):
            return 2
        return 1 if any(f.conflicts for f in self.files) else 0


def merge_files(central: GoalFile, paths, *, progress: Progress | None = None) -> MergeRun:
    """Merge the returned unit files at `paths` into `central`, all or nothing."""
    if central.readonly or central.is_unit_file:
        raise ReadOnlyError("Inkomna filer kan bara sammanfogas in i en centralfil som är öppen för skrivning.")
    progress = progress or quiet
    paths = [Path(p) for p in paths]
    results, incoming = [], []
    for i, path in enumerate(paths):
        progress(i, len(paths) * 2, f"Kontrollerar {path.name}")
        result = FileResult(path)
        try:
            incoming.append((result, read_incoming(path, central)))
        except IncomingFileError as e:
            result.refused = str(e)
        results.append(result)
    fresh = []
    for result, unit_file in incoming:
        if _already_merged(central, unit_file):
            result.unit = next(u for u in central.units() if u.id == unit_file.unit_id)
            result.already_merged = True
        else:
            fresh.append((result, unit_file))
    incoming = fresh
    if not incoming:  # nothing new: no backup, no transaction, the file is not touched
        progress(1, 1, "Klart")
        return MergeRun(results, None)

    backup = merge_backup_path(central.path)
    backup_to(central.conn, backup)
    try:
        with central.transaction():
            # Each measure as the plan year of each period has it: name, kind and the unit it belongs to now
            # (read once for the run, not once per value written; the entry is write_entry's to read).
            periods = {p.code: p for p in central.periods()}
            by_year = {
                year: [measure_from_row(r, Entry(r[0], "")) for r in central.conn.execute(
                    f"SELECT {MEASURE_COLUMNS} FROM measure_years WHERE year = ?", [year])]
                for year in {p.year for p in periods.values()}
            }  # fmt: skip
            measures = {(m.id, p.code): m for p in periods.values() for m in by_year[p.year]}
            for i, (result, unit_file) in enumerate(incoming):
                progress(len(paths) + i, len(paths) * 2, f"Sammanfogar {result.name}")
                _merge_one(central, unit_file, result, measures, periods)
    except BaseException:
        # Rolled back (a lock held elsewhere, a read-only file, a full disk): central is as it was
        # and the copy would only be left lying beside it. A crash keeps it, as it should.
        backup.unlink(missing_ok=True)
        raise
    progress(1, 1, "Klart")
    return MergeRun(results, backup)


def merge_backup_path(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return path.with_name(f"{path.name}.fore-sammanfogning-{stamp}.bak")


def _merge_one(central: GoalFile, unit_file: IncomingFile, result: FileResult,
               measures: dict[tuple[str, str], Measure], periods: dict) -> None:  # fmt: skip
    result.unit = next(u for u in central.units() if u.id == unit_file.unit_id)
    if _already_merged(central, unit_file):  # the same file twice in one run
        result.already_merged = True
        return
    result.stale = _newer_export_merged(central, unit_file)
    first_change = central.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM change_log").fetchone()[0]
    for key in sorted(unit_file.base):  # the unit's own entries: db.incoming checked that nothing else changed
        measure_id, period_code = key
        changes = unit_file.changed_fields(key)
        if not changes:
            result.unchanged += 1
            continue
        current = central.entry(measure_id, period_code)
        measure = measures.get(key)
        name, kind = (measure.name, measure.kind) if measure else ("(borttaget)", "")
        found = {
            f: FieldChange(measure_id, name, kind, period_code, f, base, getattr(current, f), new)
            for f, (base, new) in changes.items()
        }
        refusal = _refusal(measure, periods.get(period_code), unit_file.unit_id)
        if refusal:
            result.rejected += [_rejected(c, refusal) for c in found.values()]
            continue
        to_apply = {}
        for f, change in found.items():
            if change.central == change.incoming:
                continue
            if not result.stale and (change.central == change.base or _own_earlier_value(central, change, unit_file)):
                to_apply[f] = change.incoming
            elif not conflict_known(central, change, unit_file.unit_id):
                record_conflict(central, change, unit_file.name, unit_file.unit_id, supersede=not result.stale)
                result.conflicts.append(change)
        if not to_apply:
            continue
        try:
            central.write_entry(measures[key], period_code, to_apply, origin=unit_file.name)
        except GoalFileError as e:
            result.rejected += [_rejected(found[f], str(e)) for f in to_apply]
        else:
            result.applied += [found[f] for f in to_apply]
    merge_id = central.conn.execute(
        "INSERT INTO merges (export_id, unit_id, source_file, content_sha, merged_at, merged_by, applied, conflicts, "
        "rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [unit_file.export_id, unit_file.unit_id, unit_file.name, unit_file.content_sha, now_utc(), central.user,
         len(result.applied), len(result.conflicts), len(result.rejected)],
    ).lastrowid  # fmt: skip
    # Every change-log row written since the file's first entry is this merge's own.
    central.conn.execute(
        "INSERT INTO merged_changes (change_id, merge_id) SELECT id, ? FROM change_log WHERE id >= ?",
        [merge_id, first_change],
    )


def _already_merged(central: GoalFile, unit_file: IncomingFile) -> bool:
    return bool(
        central.conn.execute(
            "SELECT 1 FROM merges WHERE export_id = ? AND content_sha = ?", [unit_file.export_id, unit_file.content_sha]
        ).fetchone()
    )


def _refusal(measure: Measure | None, period, unit_id: str) -> str | None:
    """Why central no longer takes this unit's value for the entry, or None."""
    if measure is None:
        return "Det finns inte längre i periodens struktur i centralfilen."
    if measure.unit_id != unit_id:
        return "Det har sedan exporten flyttats till en annan enhet."
    if period is None:
        return "Perioden finns inte längre i centralfilen."
    if period.locked:
        return f"Perioden {period.name} är låst."
    return None


def _rejected(change: FieldChange, reason: str) -> FieldChange:
    change.reason = reason
    return change


def _newer_export_merged(central: GoalFile, unit_file: IncomingFile) -> bool:
    """Whether a file of a later export to the same unit for the same period has been merged."""
    return bool(
        central.conn.execute(
            "SELECT 1 FROM merges g JOIN exports e ON e.id = g.export_id "
            "WHERE e.unit_id = ? AND e.period_code = ? AND e.sequence > ? LIMIT 1",
            [unit_file.unit_id, unit_file.export_period, unit_file.export_sequence],
        ).fetchone()
    )


def _own_earlier_value(central: GoalFile, change: FieldChange, unit_file: IncomingFile) -> bool:
    """Central's value is the unit's own: the field's last change was written by merging a file
    of the same unit's same or an earlier export."""
    last = central.conn.execute(
        "SELECT e.unit_id, e.sequence FROM merged_changes d JOIN merges g ON g.id = d.merge_id "
        "JOIN exports e ON e.id = g.export_id WHERE d.change_id = (SELECT max(id) FROM change_log "
        "WHERE subject = 'entry' AND node_id = ? AND period_code = ? AND field = ?)",
        [change.measure_id, change.period_code, change.field],
    ).fetchone()
    return bool(last) and last[0] == unit_file.unit_id and last[1] <= unit_file.export_sequence


# Said of a file whose newer export was merged first (see the module docstring).
STALE_NOTE = (
    "äldre än en export till enheten som redan sammanfogats, så det filen ändrar blir konflikter "
    "och skriver inte över något: "
)


def file_summary(result: FileResult) -> str:
    """One Swedish line per file, as the command and the dialog show it."""
    if result.refused:
        return result.refused
    unit = f" ({result.unit.name})" if result.unit else ""
    if result.already_merged:
        return f"{result.name}{unit}: redan sammanfogad – inget ändrades."
    stale = STALE_NOTE if result.stale else ""
    return (
        f"{result.name}{unit}: {stale}{count_phrase(len(result.applied), 'värde infört', 'värden införda')}, "
        f"{count_phrase(result.unchanged, 'oförändrat', 'oförändrade')}, "
        f"{count_phrase(len(result.conflicts), 'konflikt', 'konflikter')}, "
        f"{count_phrase(len(result.rejected), 'avvisat', 'avvisade')}."
    )


def detail_lines(result: FileResult, model) -> list[str]:
    """What a person must look at: every conflict and every rejected value."""
    lines = [change_line(model, c, "centralens", "inkommande", "vid exporten") for c in result.conflicts]
    lines += [f"avvisad: ”{c.measure_name}”, {FIELDS[c.field].label.lower()}: {c.reason}" for c in result.rejected]
    return lines
