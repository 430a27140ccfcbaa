"""Reading a goal file: the organisation's model, periods, and the tree of a plan year.

The bottom layer of `GoalFile`; plain SQL only (the window's start and its edits read
through here, and sqlite-utils costs more than the queries). The tree of a
period is built in a handful of queries whatever its size. Never writes.
"""

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from typing import TypeVar

from .errors import GoalFileError
from .model import (
    REPORT_FIELDS,
    Assessment,
    Board,
    Change,
    Conflict,
    Entry,
    Kind,
    Level,
    Measure,
    Node,
    OrgModel,
    Period,
    PeriodKind,
    ReportSettings,
    Scale,
    Scales,
    ScaleValue,
    Section,
    Unit,
)  # fmt: skip
from .vocabulary import Comparison, ScalePurpose

T = TypeVar("T")
# An entry's columns are named as Entry's fields and selected in their order, so that a row is
# an Entry's arguments as it stands (`Entry(*row)`: five times faster than by name, for the
# 10,000 entries of a large tree).
ENTRY_COLUMNS = ", ".join(f.name for f in fields(Entry))
MEASURE_COLUMNS = (
    "measure_id, node_id, name, kind, board_code, unit_id, target, gender_split, direction, comparison, "
    "footnote, position"
)


class Reading:
    conn: sqlite3.Connection
    organisation: str
    _model: OrgModel | None

    def rows(self, sql: str, params: Iterable | dict = ()) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params if isinstance(params, dict) else tuple(params)).fetchall()

    def row(self, sql: str, params: Iterable = ()) -> sqlite3.Row | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None

    # --- the organisation's model ------------------------------------------------

    def model(self) -> OrgModel:
        """Levels, kinds and scales of this file (read once: nothing in the app edits the model)."""
        if self._model is None:
            levels = [
                Level(r["depth"], r["singular"], r["plural"], bool(r["has_description"]), bool(r["has_boards"]),
                      bool(r["has_assessment"]), r["article"], r["definite"], r["definite_plural"])
                for r in self.rows("SELECT * FROM levels ORDER BY depth")
            ]  # fmt: skip
            kinds = [
                Kind(r["code"], r["singular"], r["plural"], r["scale"], bool(r["has_target"]), bool(r["has_outcome"]),
                     bool(r["has_trend"]), r["name_prefix"], r["position"], r["article"])
                for r in self.rows("SELECT * FROM kinds ORDER BY position, code")
            ]  # fmt: skip
            values: dict[str, list[ScaleValue]] = {}
            for r in self.rows("SELECT * FROM scale_values ORDER BY scale, position"):
                values.setdefault(r["scale"], []).append(
                    ScaleValue(r["code"], r["label"], r["colour"], r["symbol"], r["meaning"])
                )
            scales = [
                Scale(r["code"], r["name"], ScalePurpose(r["purpose"]), values.get(r["code"], []))
                for r in self.rows("SELECT * FROM scales ORDER BY position, code")
            ]
            self._model = OrgModel(levels, kinds, Scales(scales))
        return self._model

    def scales(self) -> Scales:
        return self.model().scales

    def boards(self) -> list[Board]:
        return [Board(r["code"], r["name"]) for r in self.rows("SELECT * FROM boards ORDER BY position")]

    def find_board(self, code_or_name: str) -> Board:
        return find_named(
            self.boards(), code_or_name, lambda b: (b.code, b.name), "Styrelsen/nämnden", lambda b: b.code
        )

    def units(self) -> list[Unit]:
        return [Unit(r["id"], r["code"], r["name"]) for r in self.rows("SELECT * FROM units ORDER BY name")]

    def unit_by_id(self, unit_id: str | None) -> Unit | None:
        row = self.row("SELECT * FROM units WHERE id = ?", [unit_id])
        return Unit(row["id"], row["code"], row["name"]) if row else None

    def find_unit(self, code_or_name: str) -> Unit:
        """A unit by its code or its name, case-insensitively."""
        return find_named(self.units(), code_or_name, lambda u: (u.code, u.name), "Enheten", lambda u: u.code)

    # --- periods and plan years ----------------------------------------------------

    def plan_years(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT year FROM plan_years ORDER BY year")]

    def period_kinds(self) -> list[PeriodKind]:
        return [
            PeriodKind(r["code"], r["name"], r["label"], r["position"])
            for r in self.rows("SELECT * FROM period_kinds ORDER BY position, code")
        ]

    def periods(self) -> list[Period]:
        return [
            Period(r["code"], r["name"], r["label"], r["year"], r["kind"], r["position"], bool(r["is_current"]),
                   bool(r["locked"]))
            for r in self.rows("SELECT * FROM periods ORDER BY position")
        ]  # fmt: skip

    def period(self, code: str | None = None) -> Period:
        """The period with this code (or name), or the current one."""
        periods = self.periods()
        if not periods:
            raise GoalFileError("Filen har inga perioder.")
        if code is None:
            return next((p for p in periods if p.is_current), periods[-1])
        wanted = code.strip().casefold()
        for p in periods:
            if wanted in (p.code.casefold(), p.name.casefold()):
                return p
        raise GoalFileError(f"Perioden {code!r} finns inte. Perioder: {', '.join(p.name for p in periods)}.")

    def comparison_period(self, period: Period, comparison: str) -> Period | None:
        """The period a trend compares with: the one before, or the same kind a year earlier."""
        periods = self.periods()
        if comparison == Comparison.SAME_PERIOD_LAST_YEAR:
            return next((p for p in periods if p.year == period.year - 1 and p.kind == period.kind), None)
        before = [p for p in periods if p.position < period.position]
        return before[-1] if before else None

    def report_settings(self, period_code: str | None = None) -> ReportSettings:
        period = self.period(period_code)
        stored = {
            r["key"]: r["value"]
            for r in self.rows("SELECT key, value FROM report_settings WHERE period_code = ?", [period.code])
        }
        settings = ReportSettings(**{k: v for k, v in stored.items() if k in REPORT_FIELDS})
        settings.organisation = self.organisation
        return settings

    # --- the tree ------------------------------------------------------------------------

    def tree(self, period_code: str | None = None) -> list[Node]:
        """The structure of the period's plan year, with every measure's entry for the period."""
        period = self.period(period_code)
        return self._tree(period.year, period)

    def structure(self, year: int) -> list[Node]:
        """The structure of a plan year alone: its nodes and measures, no period's entries."""
        return self._tree(year, None)

    def node(self, node_id: str, period_code: str | None = None) -> Node:
        """One node of the period's plan year with everything under it, as `tree` has it; read
        without the rest of the tree (a node selected in a tree of 10,000 measures)."""
        period = self.period(period_code)
        return self._subtree(node_id, period.year, period)

    def structure_node(self, node_id: str, year: int) -> Node:
        """One node of a plan year's structure with everything under it, no period's entries."""
        return self._subtree(node_id, year, None)

    def _subtree(self, node_id: str, year: int, period: Period | None) -> Node:
        found = self._tree(year, period, under=node_id)
        if not found:
            raise GoalFileError(f"Noden finns inte i {year} års struktur.")
        return found[0]

    def _tree(self, year: int, period: Period | None, under: str | None = None) -> list[Node]:
        """The year's nodes and measures, or with `under` that node and what lies below it."""
        scope = _Scope(year, under)
        board_order = {b.code: i for i, b in enumerate(self.boards())}
        boards: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT node_id, board_code FROM node_boards WHERE year = ?", [year]):
            boards.setdefault(r[0], []).append(r[1])
        assessments = {}
        sections: dict[str, list[Section]] = {}
        entries: dict[str, Entry] = {}
        previous: dict[str, dict[str, Entry]] = {}
        if period is not None:
            assessments = {
                r["node_id"]: _assessment(r)
                for r in self.rows("SELECT * FROM assessments WHERE period_code = ?", [period.code])
            }
            sections = self._sections(period.code)
            entries = self._entries(period.code, scope)
            previous = self._comparison_entries(period, scope)
        assessed = {lv.depth for lv in self.model().grouping_levels if lv.has_assessment}
        nodes: dict[str, Node] = {}
        roots: list[Node] = []
        rows = self.rows(
            f"{scope.prefix}SELECT n.depth, y.* FROM node_years y JOIN nodes n ON n.id = y.node_id "
            f"WHERE y.year = :year{scope.nodes('y.node_id')} ORDER BY n.depth, y.position",
            scope.params,
        )
        for r in rows:
            assessment = None
            if period is not None and r["depth"] in assessed:
                assessment = assessments.get(r["node_id"]) or Assessment(r["node_id"], period.code)
            node = Node(
                r["node_id"], r["depth"], r["parent_id"], r["name"], r["description"],
                sorted(boards.get(r["node_id"], []), key=lambda code: board_order.get(code, len(board_order))),
                r["position"], assessment, sections=sections.get(r["node_id"], []),
            )  # fmt: skip
            nodes[node.id] = node
            parent = nodes.get(r["parent_id"]) if r["parent_id"] else None
            (parent.children if parent else roots).append(node)
        measure_rows = self.conn.execute(
            f"{scope.prefix}SELECT {MEASURE_COLUMNS} FROM measure_years WHERE year = :year{scope.nodes('node_id')} "
            "ORDER BY position",
            scope.params,
        )
        for r in measure_rows:  # plain tuples: 10,000 of them in a large tree
            entry = entries.get(r[0]) or Entry(r[0], period.code if period else "")
            measure = measure_from_row(r, entry)
            if period is not None:
                measure.previous = previous.get(measure.comparison, {}).get(measure.id)
            owner = nodes.get(measure.node_id)
            if owner is not None:
                owner.measures.append(measure)
        return roots

    def _sections(self, period_code: str) -> dict[str, list[Section]]:
        covered: dict[str, list[str]] = {}
        # In the node's order of its measures (a section is about measures of its own node).
        for section_id, measure_id in self.conn.execute(
            "SELECT sm.section_id, sm.measure_id FROM section_measures sm JOIN sections s ON s.id = sm.section_id "
            "JOIN periods p ON p.code = s.period_code "
            "LEFT JOIN measure_years m ON m.measure_id = sm.measure_id AND m.year = p.year "
            "WHERE s.period_code = ? ORDER BY m.position, sm.measure_id",
            [period_code],
        ):
            covered.setdefault(section_id, []).append(measure_id)
        sections: dict[str, list[Section]] = {}
        for r in self.rows("SELECT * FROM sections WHERE period_code = ? ORDER BY position", [period_code]):
            sections.setdefault(r["node_id"], []).append(
                Section(r["id"], r["heading"], r["text"], covered.get(r["id"], []), r["commentary_of"])
            )
        return sections

    def measure(self, measure_id: str, period_code: str | None = None) -> Measure:
        """A measure as its period's plan year has it, with the period's entry."""
        period = self.period(period_code)
        row = self.row(f"SELECT {MEASURE_COLUMNS} FROM measure_years WHERE measure_id = ? AND year = ?",
                        [measure_id, period.year])  # fmt: skip
        if row is None:
            items = self.model().item_level.plural.lower()
            raise GoalFileError(f"Id:t {measure_id} finns inte bland {items} i {period.year} års struktur.")
        measure = measure_from_row(row, self.entry(measure_id, period.code))
        comparison = self.comparison_period(period, measure.comparison)
        measure.previous = self.entry(measure_id, comparison.code) if comparison else None
        return measure

    def entry(self, measure_id: str, period_code: str) -> Entry:
        rows = self.conn.execute(
            f"SELECT {ENTRY_COLUMNS} FROM entries WHERE measure_id = ? AND period_code = ?", [measure_id, period_code]
        ).fetchall()
        return entry_from_row(rows[0]) if rows else Entry(measure_id, period_code)

    def assessment(self, node_id: str, period_code: str) -> Assessment:
        row = self.row("SELECT * FROM assessments WHERE node_id = ? AND period_code = ?", [node_id, period_code])
        return _assessment(row) if row else Assessment(node_id, period_code)

    def history(self, measure_id: str) -> list[tuple[Period, Entry]]:
        """The measure's entry in every period, oldest first (an empty entry where none was made)."""
        stored = {
            row[1]: entry_from_row(row)
            for row in self.conn.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE measure_id = ?", [measure_id])
        }
        years = {r[0] for r in self.conn.execute("SELECT year FROM measure_years WHERE measure_id = ?", [measure_id])}
        return [
            (p, stored.get(p.code) or Entry(measure_id, p.code))
            for p in self.periods()
            if p.year in years or p.code in stored
        ]

    def _entries(self, period_code: str, scope: "_Scope") -> dict[str, Entry]:
        """The period's entries of the measures in `scope`."""
        rows = self.conn.execute(
            f"{scope.prefix}SELECT {ENTRY_COLUMNS} FROM entries WHERE period_code = :period{scope.measures()}",
            scope.params | {"period": period_code},
        )
        return {row[0]: entry_from_row(row) for row in rows}

    def _comparison_entries(self, period: Period, scope: "_Scope") -> dict[str, dict[str, Entry]]:
        result = {}
        for comparison in Comparison:
            other = self.comparison_period(period, comparison)
            if other:
                result[comparison.value] = self._entries(other.code, scope)
        return result

    # --- the record ----------------------------------------------------------------------

    def change_log(self, node_id: str | None = None) -> list[Change]:
        sql = "SELECT * FROM change_log" + (" WHERE node_id = ?" if node_id else "") + " ORDER BY id"
        return [
            Change(r["at"], r["by"], r["subject"], r["node_id"], r["period_code"], r["field"],
                   r["old_value"], r["new_value"], r["origin"])
            for r in self.rows(sql, [node_id] if node_id else [])
        ]  # fmt: skip

    def open_conflicts(self, period_code: str | None = None) -> list[Conflict]:
        """Unresolved merge conflicts, oldest first; all periods when period_code is None."""
        sql = "SELECT * FROM conflicts WHERE resolved_at IS NULL"
        params = []
        if period_code:
            sql += " AND period_code = ?"
            params.append(period_code)
        return [Conflict(**dict(r)) for r in self.rows(sql + " ORDER BY id", params)]


@dataclass(frozen=True)
class _Scope:
    """What `_tree` reads of a plan year: all of it, or one node (`under`) and what lies below it.
    The statements start with `prefix`, which names that node's subtree `under_node`."""

    year: int
    under: str | None = None

    @property
    def params(self) -> dict:
        return {"year": self.year, "under": self.under}

    @property
    def prefix(self) -> str:
        if self.under is None:
            return ""
        return (
            "WITH RECURSIVE under_node(id) AS (SELECT :under UNION "
            "SELECT y.node_id FROM node_years y JOIN under_node u ON y.parent_id = u.id WHERE y.year = :year) "
        )

    def nodes(self, column: str) -> str:
        """A condition on a node id column: in the subtree."""
        return f" AND {column} IN (SELECT id FROM under_node)" if self.under else ""

    def measures(self) -> str:
        """A condition on a measure_id column: a measure of the subtree in the year."""
        if self.under is None:
            return ""
        return (
            " AND measure_id IN (SELECT measure_id FROM measure_years WHERE year = :year" + self.nodes("node_id") + ")"
        )


def measure_from_row(row: Sequence, entry: Entry) -> Measure:
    """The one way to build a Measure: from a `measure_years` row selected as MEASURE_COLUMNS."""
    (measure_id, node_id, name, kind, board_code, unit_id, target, gender_split, direction, comparison, footnote,
     position) = row  # fmt: skip
    return Measure(
        id=measure_id, node_id=node_id, name=name, kind=kind, board=board_code, unit_id=unit_id, target=target,
        gender_split=bool(gender_split), direction=direction, comparison=comparison, footnote=footnote,
        position=position, entry=entry,
    )  # fmt: skip


def entry_from_row(row: Sequence) -> Entry:
    """An Entry from a row selected as ENTRY_COLUMNS."""
    return Entry(*row)


def _assessment(r: sqlite3.Row) -> Assessment:
    return Assessment(r["node_id"], r["period_code"], r["prognosis"], r["text"], r["changed_by"], r["changed_at"],
                      r["revision"])  # fmt: skip


def find_named(items: list[T], wanted: str, keys: Callable[[T], tuple[str, ...]], what: str,
               listed: Callable[[T], str]) -> T:  # fmt: skip
    """The item one of whose `keys(item)` equals `wanted`, case-insensitively; else a Swedish
    error that lists the choices (`listed(item)` for each)."""
    key = wanted.strip().casefold()
    for item in items:
        if key in (k.casefold() for k in keys(item)):
            return item
    choices = ", ".join(listed(item) for item in items)
    raise GoalFileError(f"{what} {wanted!r} finns inte i filen. Välj bland: {choices}.")
