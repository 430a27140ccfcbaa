"""Bulk values in and out as a table Excel opens: `tabell` and `importera`.

One row per measure for one period, semicolon separated, UTF-8 with BOM,
quoted by the csv module (commentary holds newlines and semicolons). Import
reads the same format back by id and changes only the value columns that
differ, through `GoalFile.write_entry` (change log, the unit's permissions,
the rule that `ej` uppfyllt needs a commentary). All or nothing: any bad row
gives a row-numbered Swedish report and nothing is imported. Never write a
structure column (names, boards, targets) from a table.

The last column, `underlag`, says what the table was written from: the
position of the file's change log then, and which file (`v57-1a2b3c4d`). On
import each cell that differs from the file is compared, as the merge does,
with the value the change log says the field had at that position: a cell
that still holds it is out of date and changes nothing; a cell the person
changed is written if the file has not changed the field since, and is
otherwise a conflict recorded for a person to resolve (central keeps its
value) — never an overwrite. Where no conflict can be recorded (a unit
file, a measured item without a unit) and where the table was not written
from this file, such a row is refused instead.

A cell that a spreadsheet would run as a formula (one that begins with =, +,
-, @, a tab or a carriage return) is written with an apostrophe in front, as
OWASP recommends, and so is a cell that begins with an apostrophe; import
takes that apostrophe off again. So an unchanged table imports as no
change at all, line breaks of every kind included, and every cell `tabell`
writes can be read back. The table is written atomically.
"""

import contextlib
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .conflicts import FieldChange, change_line, conflict_known, record_conflict
from .errors import GoalFileError, ReadOnlyError, describe_os_error
from .goalfile import GoalFile
from .model import Measure, Node, OrgModel
from .outputs import check_output_target, write_atomically
from .permissions import locked
from .regular_file import SpecialFileError, open_regular
from .vocabulary import ENTRY_FIELDS, FIELDS, STATUS_LABELS, Assessed, Status

VALUE_COLUMNS = {f.csv_column: f.name for f in ENTRY_FIELDS}
BASE_COLUMN = "underlag"
_BASE = re.compile(r"v([0-9]{1,18})-([0-9a-f]{0,8})")
MAX_REPORTED = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# The longest cell written or read: far beyond any text a person writes (the csv module's
# own default, 131,072, is not), and a bound on what one cell of a hostile file may hold.
MAX_CELL = 10_000_000


def header(model: OrgModel) -> tuple[str, ...]:
    """The columns in the file's own words: id, one per level, then board, unit, target and the values."""
    levels = tuple(column_name(level.singular) for level in model.levels)
    return ("id", *levels, "nämnd", "enhet", "mål", *VALUE_COLUMNS, BASE_COLUMN)


def column_name(words: str) -> str:
    """A level's name as a column header: 'Strategiskt mål' → 'strategiskt_mål'."""
    return "_".join(words.casefold().split())


class _RollBack(Exception):
    """Raised inside the import transaction to undo every row written so far."""


class TableImportError(GoalFileError):
    """The table was refused; the message lists every bad row by number."""


@dataclass
class ImportResult:
    changed_rows: int
    changed_fields: int
    unchanged_rows: int
    conflicts: list[FieldChange]  # changed both in the table and, since it was written, in the file

    def conflict_lines(self, model: OrgModel) -> list[str]:
        return [change_line(model, c, "filens", "tabellens", "när tabellen skrevs") for c in self.conflicts]


def export_table(goal_file: GoalFile, path, period_code: str | None = None) -> int:
    """Write the table for the period (default: the current one); returns the number of rows."""
    check_output_target(path, goal_file.path, "tabellen")
    units = {u.id: u.code for u in goal_file.units()}
    base = _base_cell(goal_file)
    rows = []

    def walk(node: Node, names: list[str]) -> None:
        names = [*names, node.name]
        for child in node.children:
            walk(child, names)
        for m in node.measures:
            cells = [m.id, *names, m.name, m.board, units.get(m.unit_id or "", ""), m.target]
            cells += [getattr(m.entry, field) or "" for field in VALUE_COLUMNS.values()] + [base]
            if max(map(len, cells)) > MAX_CELL:
                raise GoalFileError(
                    f"”{m.name}” har en text på över {_number(MAX_CELL)} tecken, mer än en tabell kan "
                    "hålla; korta den i Styrkort först."
                )
            rows.append([_escaped(cell) for cell in cells])

    for root in goal_file.tree(period_code):
        walk(root, [])
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header(goal_file.model()))
    writer.writerows(rows)
    write_atomically(path, text.getvalue().encode("utf-8-sig"))
    return len(rows)


def _base_cell(goal_file: GoalFile) -> str:
    """What a table written now is written from: the last row of this file's change log."""
    position = goal_file.conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
    return f"v{position}-{_file_mark(goal_file)}"


def _file_mark(goal_file: GoalFile) -> str:
    """Tells this file's change log from another's: a unit file's export, else the file itself."""
    return (goal_file.export_id or goal_file.file_id)[:8]


def _base_position(goal_file: GoalFile, cell: str) -> int | None:
    """The change-log position a row of this file's table was written at; None if not this file's
    (or from a later state of it than the file now has: one restored from a backup)."""
    found = _BASE.fullmatch(cell.strip()[:40])
    if not found or found[2] != _file_mark(goal_file):
        return None
    last = goal_file.conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0]
    return int(found[1]) if int(found[1]) <= last else None


def _number(n: int) -> str:
    return f"{n:_}".replace("_", " ")  # 10 000 000, the Swedish way


def _escaped(cell: str) -> str:
    """The cell as a spreadsheet shows it as text, never runs it as a formula."""
    return ESCAPE + cell if cell.startswith((*FORMULA_STARTS, ESCAPE)) else cell


def _unescaped(cell: str) -> str:
    """The cell without the apostrophe `_escaped` put there. An apostrophe before anything else
    was typed by a person (we never write one there) and stays."""
    escaped = cell.startswith(ESCAPE) and cell[len(ESCAPE) :].startswith((*FORMULA_STARTS, ESCAPE))
    return cell[len(ESCAPE) :] if escaped else cell


def import_table(goal_file: GoalFile, path, period_code: str | None = None) -> ImportResult:
    """Read a table back; raises TableImportError (nothing changed) if any row is bad."""
    path = Path(path)
    period = goal_file.period(period_code)
    if period.locked:
        raise ReadOnlyError(locked(period))
    columns = header(goal_file.model())
    records = _records(path, columns)
    errors: list[tuple[int, str]] = []
    wanted: list[tuple[int, Measure, dict]] = []
    raised: list[tuple[FieldChange, str]] = []  # each conflict, and the unit whose measure it is
    seen: set[str] = set()
    unchanged = 0
    for number, record in records:
        if not any(cell.strip() for cell in record):
            continue  # Excel leaves empty rows at the end
        if len(record) != len(columns):
            errors.append((number, f"Rad {number}: har {len(record)} kolumner, ska ha {len(columns)}."))
            continue
        row = dict(zip(columns, record, strict=True))
        measure_id = row["id"].strip()
        if measure_id in seen:
            errors.append((number, f"Rad {number}: id {measure_id} förekommer mer än en gång."))
            continue
        seen.add(measure_id)
        try:
            measure = goal_file.measure(measure_id, period.code)
        except GoalFileError:
            errors.append((number, f"Rad {number}: okänt id {measure_id[:60]!r}; det finns inte i periodens struktur."))
            continue
        problems = []
        if _line_ends(row["mål"]) != _line_ends(measure.target):
            problems.append("målet kan inte ändras i en tabell")
        values = {}
        for column, field in VALUE_COLUMNS.items():
            try:
                values[field] = _value(goal_file, measure, column, field, row[column])
            except ValueError as e:
                problems.append(str(e))
        differing = {f: v for f, v in values.items() if not _same(v, getattr(measure.entry, f))}
        changes, conflicts = _compare(goal_file, measure, period.code, differing, row[BASE_COLUMN], problems)
        conflicts = [(c, unit) for c, unit in conflicts if not conflict_known(goal_file, c, unit)]  # not raised again
        refusal = goal_file.entry_refusal(measure.unit_id, period) if changes or conflicts else None
        if refusal:
            problems.append(refusal.rstrip("."))
        if problems:
            errors.append((number, f"Rad {number} (”{measure.name}”): " + "; ".join(problems) + "."))
        elif changes or conflicts:
            wanted.append((number, measure, changes))
            raised += conflicts
        else:
            unchanged += 1
    # Written even when rows were refused, so that the report also names the rows that
    # write_entry refuses; the transaction is rolled back whenever anything was refused.
    errors += _apply(goal_file, period.code, wanted, raised, origin=path.name, keep=not errors)
    if errors:
        raise TableImportError(_report(path, [text for _, text in sorted(errors)]))
    written = [(m, c) for _, m, c in wanted if c]
    return ImportResult(len(written), sum(len(c) for _, c in written), unchanged, [c for c, _ in raised])


def _compare(goal_file: GoalFile, measure: Measure, period_code: str, differing: dict, base_cell: str,
             problems: list[str]) -> tuple[dict, list[tuple[FieldChange, str]]]:  # fmt: skip
    """The cells that differ from the file, three-way against what the table was written from:
    {field: value} to write, and the conflicts with the unit whose measure it is. What cannot be
    decided goes to `problems`."""
    if not differing:
        return {}, []
    position = _base_position(goal_file, base_cell)
    if position is None:
        problems.append(
            f"tabellen är inte skriven ur den här filen (kolumnen {BASE_COLUMN} saknar eller har fel värde), så "
            "det går inte att se om raden har ändrats i filen sedan dess; skriv en ny tabell ur filen och för in "
            "ändringarna där"
        )
        return {}, []
    then = _values_at(goal_file, measure.id, period_code, position)
    changes, conflicts = {}, []
    for f, value in differing.items():
        now = getattr(measure.entry, f)
        base = then.get(f, now)
        if _same(value, base):
            continue  # the table still shows what it was written with: the file's later value stands
        if base == now:
            changes[f] = value
        elif measure.unit_id is None or goal_file.is_unit_file:  # nobody to resolve a conflict here
            problems.append(
                f"{FIELDS[f].label.lower()} har ändrats i filen sedan tabellen skrevs (nu ”{str(now)[:40]}”, i "
                f"tabellen ”{str(value)[:40]}”); skriv en ny tabell och för in ändringen där"
            )
        else:
            change = FieldChange(measure.id, measure.name, measure.kind, period_code, f, base, now, value)
            conflicts.append((change, measure.unit_id))
    return changes, conflicts


def _values_at(goal_file: GoalFile, measure_id: str, period_code: str, position: int) -> dict:
    """The fields of an entry changed after change-log `position`, as they were at that position."""
    then: dict = {}
    for field, old in goal_file.conn.execute(
        "SELECT field, old_value FROM change_log WHERE subject = 'entry' AND node_id = ? AND period_code = ? "
        "AND id > ? ORDER BY id",
        [measure_id, period_code, position],
    ):
        then.setdefault(field, old)
    return then


def _records(path: Path, columns: tuple[str, ...]) -> list[tuple[int, list[str]]]:
    """The data records numbered as Excel numbers rows (the header is row 1)."""
    try:
        with open_regular(path) as f:
            text = f.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TableImportError(
            f"{path.name} är inte UTF-8-kodad. Spara den i Excel som ”CSV UTF-8 (kommaavgränsad)”."
        ) from None
    except SpecialFileError as e:
        raise TableImportError(f"{path} kan inte läsas in: {e}.") from None
    except OSError as e:
        raise TableImportError(describe_os_error(e, path)) from None
    try:
        with _field_size_limit(MAX_CELL):
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";", strict=True))
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise TableImportError(
                f"{path.name} går inte att läsa som en tabell: en cell är längre än {_number(MAX_CELL)} tecken."
            ) from None
        raise TableImportError(f"{path.name} går inte att läsa som en tabell ({e}).") from None
    if not records:
        raise TableImportError(f"{path.name} är tom.")
    found = [c.strip() for c in records[0]]
    if found != list(columns):
        first_line = text.split("\n", 1)[0]
        for sep, name in ((",", "komma"), ("\t", "tabb")):
            if first_line.count(sep) >= len(columns) - 1 and ";" not in first_line:
                raise TableImportError(
                    f"{path.name}, rad 1: kolumnerna är avgränsade med {name}, men ska vara avgränsade med semikolon (;)."
                )
        missing = [c for c in columns if c not in found]
        extra = [c for c in found if c not in columns]
        detail = "; ".join(
            part
            for part in (
                f"saknas: {', '.join(missing)}" if missing else "",
                f"okända: {', '.join(extra)}" if extra else "",
                "fel ordning" if not missing and not extra else "",
            )
            if part
        )
        raise TableImportError(
            f"{path.name}, rad 1: fel rubrikrad ({detail}). Rubrikraden ska vara: {';'.join(columns)}"
        )
    return [(number, [_unescaped(cell) for cell in record]) for number, record in enumerate(records[1:], start=2)]


@contextlib.contextmanager
def _field_size_limit(limit: int):
    """The csv module's limit is global to the process: raised for this read only."""
    before = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _same(value, stored) -> bool:
    """A cell's value is the stored one, also when an editor only rewrote its line ends."""
    if isinstance(value, str) and isinstance(stored, str):
        return _line_ends(value) == _line_ends(stored)
    return value == stored


def _value(goal_file: GoalFile, measure: Measure, column: str, field: str, cell: str):
    """A cell as the value to store (Windows line ends made plain); scale cells accept the code or
    the Swedish label."""
    assessed = FIELDS[field].assessed
    if assessed is None:
        return cell.replace("\r\n", "\n")
    if assessed is Assessed.STATUS:
        choices = {s.value: STATUS_LABELS[s] for s in Status}
    else:
        scale = goal_file.model().assessed_scale(field, measure.kind)
        choices = {v.code: v.label for v in scale.values} if scale else {}
        if not cell.strip():
            return None
    wanted = cell.strip().casefold()
    for code, label in choices.items():
        if wanted in (code.casefold(), label.casefold()):
            return code
    raise ValueError(f"okänt värde ”{cell.strip()[:60]}” i kolumnen {column} (giltiga: {', '.join(choices)})")


def _apply(goal_file: GoalFile, period_code: str, wanted: list, conflicts: list, *, origin: str,
           keep: bool) -> list[tuple[int, str]]:  # fmt: skip
    """Write every row and record every conflict in one transaction, kept only if `keep` and
    nothing was refused."""
    errors = []
    try:
        with goal_file.transaction():
            for number, measure, changes in wanted:
                try:
                    if changes:
                        goal_file.write_entry(measure, period_code, changes, origin=origin)
                except GoalFileError as e:
                    errors.append((number, f"Rad {number}: {e}"))
            if errors or not keep:
                raise _RollBack
            for change, unit_id in conflicts:
                record_conflict(goal_file, change, origin, unit_id, supersede=False)
    except _RollBack:
        pass
    return errors


def _report(path: Path, errors: list[str]) -> str:
    shown = errors[:MAX_REPORTED]
    more = f"\n… och {len(errors) - MAX_REPORTED} rader till." if len(errors) > MAX_REPORTED else ""
    return f"{path.name}: inget importerades, {len(errors)} fel:\n" + "\n".join(shown) + more
