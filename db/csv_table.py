"""Bulk values in and out as a table Excel opens: `tabell` and `importera`.

One row per measure for one period, semicolon separated, UTF-8 with BOM,
quoted by the csv module (commentary holds newlines and semicolons). Import
reads the same format back by id and changes only the value columns that
differ, through `GoalFile.write_entry` (change log, the unit's permissions,
the rule that `ej` uppfyllt needs a commentary). All or nothing: any bad row
gives a row-numbered Swedish report and nothing is imported. Never write a
structure column (names, boards, targets) from a table.

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
from dataclasses import dataclass
from pathlib import Path

from .errors import GoalFileError, ReadOnlyError, describe_os_error
from .goalfile import GoalFile
from .model import Measure, Node, OrgModel
from .outputs import check_output_target, write_atomically
from .permissions import locked
from .regular_file import SpecialFileError, open_regular
from .vocabulary import ENTRY_FIELDS, FIELDS, STATUS_LABELS, Assessed, Status

VALUE_COLUMNS = {f.csv_column: f.name for f in ENTRY_FIELDS}
MAX_REPORTED = 50
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ESCAPE = "'"
# The longest cell written or read: far beyond any text a person writes (the csv module's
# own default, 131,072, is not), and a bound on what one cell of a hostile file may hold.
MAX_CELL = 10_000_000


def header(model: OrgModel) -> tuple[str, ...]:
    """The columns in the file's own words: id, one per level, then board, unit, target and the values."""
    levels = tuple(column_name(level.singular) for level in model.levels)
    return ("id", *levels, "nämnd", "enhet", "mål", *VALUE_COLUMNS)


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


def export_table(goal_file: GoalFile, path, period_code: str | None = None) -> int:
    """Write the table for the period (default: the current one); returns the number of rows."""
    check_output_target(path, goal_file.path, "tabellen")
    units = {u.id: u.code for u in goal_file.units()}
    rows = []

    def walk(node: Node, names: list[str]) -> None:
        names = [*names, node.name]
        for child in node.children:
            walk(child, names)
        for m in node.measures:
            cells = [m.id, *names, m.name, m.board, units.get(m.unit_id or "", ""), m.target]
            cells += [getattr(m.entry, field) or "" for field in VALUE_COLUMNS.values()]
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
        if _text(row["mål"], measure.target) != measure.target:
            problems.append("målet kan inte ändras i en tabell")
        values = {}
        for column, field in VALUE_COLUMNS.items():
            try:
                values[field] = _value(goal_file, measure, column, field, row[column])
            except ValueError as e:
                problems.append(str(e))
        changes = {f: v for f, v in values.items() if getattr(measure.entry, f) != v}
        refusal = goal_file.entry_refusal(measure.unit_id, period) if changes else None
        if refusal:
            problems.append(refusal.rstrip("."))
        if problems:
            errors.append((number, f"Rad {number} (”{measure.name}”): " + "; ".join(problems) + "."))
        elif changes:
            wanted.append((number, measure, changes))
        else:
            unchanged += 1
    # Written even when rows were refused, so that the report also names the rows that
    # write_entry refuses; the transaction is rolled back whenever anything was refused.
    errors += _apply(goal_file, period.code, wanted, origin=path.name, keep=not errors)
    if errors:
        raise TableImportError(_report(path, [text for _, text in sorted(errors)]))
    return ImportResult(len(wanted), sum(len(c) for _, _, c in wanted), unchanged)


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


def _text(cell: str, stored: str | None) -> str:
    """A text cell as the value to store: the stored value itself when they differ only in their
    line ends (an editor may rewrite them), else the cell with Windows line ends made plain."""
    if stored is not None and _line_ends(cell) == _line_ends(stored):
        return stored
    return cell.replace("\r\n", "\n")


def _value(goal_file: GoalFile, measure: Measure, column: str, field: str, cell: str):
    """A cell as the stored value; scale cells accept the code or the Swedish label."""
    cell = _text(cell, getattr(measure.entry, field))
    assessed = FIELDS[field].assessed
    if assessed is None:
        return cell
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


def _apply(goal_file: GoalFile, period_code: str, wanted: list, *, origin: str, keep: bool) -> list[tuple[int, str]]:
    """Write every row in one transaction, kept only if `keep` and nothing was refused."""
    errors = []
    try:
        with goal_file.transaction():
            for number, measure, changes in wanted:
                try:
                    goal_file.write_entry(measure, period_code, changes, origin=origin)
                except GoalFileError as e:
                    errors.append((number, f"Rad {number}: {e}"))
            if errors or not keep:
                raise _RollBack
    except _RollBack:
        pass
    return errors


def _report(path: Path, errors: list[str]) -> str:
    shown = errors[:MAX_REPORTED]
    more = f"\n… och {len(errors) - MAX_REPORTED} rader till." if len(errors) > MAX_REPORTED else ""
    return f"{path.name}: inget importerades, {len(errors)} fel:\n" + "\n".join(shown) + more
