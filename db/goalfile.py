"""A goal file: the one object through which the app reads and writes.

Every write is one transaction that also writes the change log, and refuses
what the file may not change (a locked period, another unit's measure in a
unit file, a value outside its scale). Never import Qt here.
"""

import getpass
import sqlite3
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from . import connection
from .errors import GoalFileError, ReadOnlyError
from .model import (
    Board,
    Change,
    Conflict,
    Entry,
    Factor,
    Goal,
    GoalAssessment,
    Measure,
    Period,
    Perspective,
    ReportSettings,
    Section,
    Unit,
)  # fmt: skip
from .scales import PROGNOSIS, TREND, Scales, ScaleValue, fulfilment_scale_for
from .schema import ENTRY_FIELDS

ORIGIN_APP = "app"
STATUSES = ("ej_paborjad", "utkast", "klar")
ASSESSMENT_FIELDS = ("prognosis", "text")
REPORT_FIELDS = tuple(f for f in ReportSettings.__slots__ if f != "organisation")
ENTRY_COLUMNS = ", ".join(Entry.__slots__)  # in the dataclass's order, for Entry(*row)
# Measure(*row, entry): the columns in the dataclass's order (board is stored as board_code).
MEASURE_COLUMNS = ", ".join(("board_code AS board" if f == "board" else f) for f in Measure.__slots__[:-2])


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def new_id() -> str:
    return str(uuid.uuid4())


class GoalFile:
    """An open goal file. Use `GoalFile.open` or `db.template.create_from_template`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, *, readonly: bool, user: str | None):
        self.path = Path(path)
        self.conn = conn
        self.readonly = readonly
        self.user = user or _default_user()
        meta = dict(self.conn.execute("SELECT key, value FROM meta").fetchall())
        self.file_id = meta.get("file_id", "")
        self.organisation = meta.get("organisation", "")
        self.kind = meta.get("kind", "central")
        self.export_id = meta.get("export_id", "")
        self.exported_at = meta.get("exported_at", "")
        self.export_period = meta.get("export_period", "")  # the one period a unit file may edit
        self.unit = self._unit(meta.get("unit_id")) if self.kind == "unit" else None
        self._scales: Scales | None = None

    @classmethod
    def open(cls, path, *, readonly: bool = False, user: str | None = None) -> "GoalFile":
        return cls(path, connection.open_database(Path(path), readonly=readonly), readonly=readonly, user=user)

    @cached_property
    def db(self):
        """sqlite-utils on the same connection, for the bulk work (templates, merge, CSV).

        Imported on first use: the GUI's start and its edits need only plain SQL, and
        sqlite-utils with what it imports costs 0.15 s."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)  # no plugin code on a goal file

    def transaction(self):
        return connection.transaction(self.conn)

    def _rows(self, sql: str, params=()) -> list[sqlite3.Row]:
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def _row(self, sql: str, params=()) -> sqlite3.Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def is_unit_file(self) -> bool:
        return self.kind == "unit"

    # --- reading -------------------------------------------------------------

    def boards(self) -> list[Board]:
        return [Board(r["code"], r["name"]) for r in self._rows("SELECT * FROM boards ORDER BY position")]

    def units(self) -> list[Unit]:
        return [Unit(r["id"], r["code"], r["name"]) for r in self._rows("SELECT * FROM units ORDER BY name")]

    def _unit(self, unit_id: str | None) -> Unit | None:
        row = self._row("SELECT * FROM units WHERE id = ?", [unit_id])
        return Unit(row["id"], row["code"], row["name"]) if row else None

    def find_unit(self, code_or_name: str) -> Unit:
        """A unit by its code or its name, case-insensitively."""
        return find_named(self.units(), code_or_name, lambda u: (u.code, u.name), "Enheten", lambda u: u.code)

    def periods(self) -> list[Period]:
        return [
            Period(r["code"], r["name"], r["label"], r["year"], r["position"], bool(r["is_current"]), bool(r["locked"]))
            for r in self._rows("SELECT * FROM periods ORDER BY position")
        ]

    def period(self, code: str | None = None) -> Period:
        """The period with this code, or the current one; also accepts its name."""
        periods = self.periods()
        if code is None:
            return next((p for p in periods if p.is_current), periods[-1])
        for p in periods:
            if code.casefold() in (p.code.casefold(), p.name.casefold()):
                return p
        raise GoalFileError(f"Perioden {code!r} finns inte. Perioder: {', '.join(p.code for p in periods)}.")

    def comparison_period(self, period: Period, comparison: str) -> Period | None:
        """The period a trend compares with: the one before, or the same one a year earlier."""
        periods = self.periods()
        if comparison == "same_period_last_year":
            index = [p for p in periods if p.year == period.year].index(period)
            earlier = [p for p in periods if p.year == period.year - 1]
            return earlier[index] if index < len(earlier) else None
        before = [p for p in periods if p.position < period.position]
        return before[-1] if before else None

    def scales(self) -> Scales:
        if self._scales is None:
            values: dict[str, list[ScaleValue]] = {}
            for r in self._rows("SELECT * FROM scale_values ORDER BY scale, position"):
                values.setdefault(r["scale"], []).append(ScaleValue(r["code"], r["label"], r["colour"], r["symbol"]))
            self._scales = Scales(values)
        return self._scales

    def report_settings(self) -> ReportSettings:
        stored = {r["key"]: r["value"] for r in self._rows("SELECT key, value FROM report_settings")}
        settings = ReportSettings(**{k: v for k, v in stored.items() if k in REPORT_FIELDS})
        settings.organisation = self.organisation
        return settings

    def perspectives(self) -> list[Perspective]:
        """The perspectives alone, without their goals."""
        return [
            Perspective(r["id"], r["name"], r["description"], r["position"])
            for r in self._rows("SELECT * FROM perspectives ORDER BY position")
        ]

    def tree(self, period_code: str | None = None) -> list[Perspective]:
        """The whole goal tree with every measure's entry for the period."""
        period = self.period(period_code)
        goal_boards = _grouped(self._rows("SELECT goal_id, board_code FROM goal_boards"), "goal_id", "board_code")
        factor_boards = _grouped(
            self._rows("SELECT factor_id, board_code FROM factor_boards"), "factor_id", "board_code"
        )
        board_order = {b.code: i for i, b in enumerate(self.boards())}
        entries = self._entries(period.code)
        previous = self._previous_entries(period)
        assessments = {
            r["goal_id"]: _assessment(r)
            for r in self._rows("SELECT * FROM goal_assessments WHERE period_code = ?", [period.code])
        }
        sections: dict[str, list[Section]] = {}
        for r in self._rows("SELECT * FROM factor_sections WHERE period_code = ? ORDER BY position", [period.code]):
            sections.setdefault(r["factor_id"], []).append(Section(r["id"], r["heading"], r["text"]))

        perspectives = self.perspectives()
        by_perspective = {p.id: p for p in perspectives}
        goals: dict[str, Goal] = {}
        for r in self._rows("SELECT * FROM goals ORDER BY position"):
            goal = Goal(
                r["id"], r["perspective_id"], r["name"],
                sorted(goal_boards.get(r["id"], []), key=board_order.get), r["position"],
                assessments.get(r["id"]) or GoalAssessment(r["id"], period.code),
            )  # fmt: skip
            goals[goal.id] = goal
            by_perspective[goal.perspective_id].goals.append(goal)
        factors: dict[str, Factor] = {}
        for r in self._rows("SELECT * FROM factors ORDER BY position"):
            factor = Factor(
                r["id"], r["goal_id"], r["name"],
                sorted(factor_boards.get(r["id"], []), key=board_order.get), r["position"],
                sections.get(r["id"], []),
            )  # fmt: skip
            factors[factor.id] = factor
            goals[factor.goal_id].factors.append(factor)
        # Plain tuples, not sqlite-utils' dict rows: at 10,000 measures the dicts cost more than the query.
        for row in self.conn.execute(f"SELECT {MEASURE_COLUMNS} FROM measures ORDER BY position"):
            measure = Measure(*row, entries.get(row[0]) or Entry(row[0], period.code))
            measure.gender_split = bool(measure.gender_split)
            comparison = previous.get(measure.comparison)
            measure.previous = comparison.get(measure.id) if comparison else None
            factors[measure.factor_id].measures.append(measure)
        return perspectives

    def measure(self, measure_id: str, period_code: str | None = None) -> Measure:
        row = self._row("SELECT * FROM measures WHERE id = ?", [measure_id])
        if row is None:
            raise GoalFileError(f"Styrmåttet {measure_id} finns inte i filen.")
        return _measure(row, self.entry(measure_id, self.period(period_code).code))

    def entry(self, measure_id: str, period_code: str) -> Entry:
        row = self._row("SELECT * FROM entries WHERE measure_id = ? AND period_code = ?", [measure_id, period_code])
        return _entry(row) if row else Entry(measure_id, period_code)

    def goal_assessment(self, goal_id: str, period_code: str) -> GoalAssessment:
        row = self._row("SELECT * FROM goal_assessments WHERE goal_id = ? AND period_code = ?", [goal_id, period_code])
        return _assessment(row) if row else GoalAssessment(goal_id, period_code)

    def _entries(self, period_code: str) -> dict[str, Entry]:
        rows = self.conn.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE period_code = ?", [period_code])
        return {row[0]: Entry(*row) for row in rows}

    def _previous_entries(self, period: Period) -> dict[str, dict[str, Entry]]:
        result = {}
        for comparison in ("previous_period", "same_period_last_year"):
            other = self.comparison_period(period, comparison)
            if other:
                result[comparison] = self._entries(other.code)
        return result

    def change_log(self, node_id: str | None = None) -> list[Change]:
        sql = "SELECT * FROM change_log" + (" WHERE node_id = ?" if node_id else "") + " ORDER BY id"
        return [
            Change(r["at"], r["by"], r["subject"], r["node_id"], r["period_code"], r["field"],
                   r["old_value"], r["new_value"], r["origin"])
            for r in self._rows(sql, [node_id] if node_id else [])
        ]  # fmt: skip

    def open_conflicts(self, period_code: str | None = None) -> list[Conflict]:
        """Unresolved merge conflicts, oldest first; all periods when period_code is None."""
        sql = "SELECT * FROM conflicts WHERE resolved_at IS NULL"
        params = []
        if period_code:
            sql += " AND period_code = ?"
            params.append(period_code)
        return [Conflict(**dict(r)) for r in self._rows(sql + " ORDER BY id", params)]

    # --- permissions ---------------------------------------------------------

    def can_edit_measure(self, measure: Measure, period_code: str | None = None) -> bool:
        return self.edit_refusal(measure.unit_id, self.period(period_code)) is None

    def can_edit_structure(self) -> bool:
        """Goal assessments, descriptions and targets belong to the central file."""
        return not self.readonly and not self.is_unit_file

    def edit_refusal(self, unit_id: str | None, period: Period) -> str | None:
        """Why a measure's entry may not be changed, or None when it may."""
        if self.readonly:
            return "Filen är öppnad skrivskyddat."
        if period.locked:
            return f"Perioden {period.name} är låst."
        if self.is_unit_file and (self.unit is None or unit_id != self.unit.id):
            return "Styrmåttet tillhör en annan enhet."
        if self.is_unit_file and self.export_period and period.code != self.export_period:
            return f"Enhetsfilen gäller bara perioden {self.period(self.export_period).name}."
        return None

    # --- writing -------------------------------------------------------------

    def update_entry(self, measure_id: str, period_code: str, changes: dict, *, origin: str = ORIGIN_APP) -> dict:
        """Change fields of one entry; returns {field: (old, new)} of what changed."""
        measure = self.measure(measure_id, period_code)
        refusal = self.edit_refusal(measure.unit_id, self.period(period_code))
        if refusal:
            raise ReadOnlyError(refusal)
        with self.transaction():
            return self.write_entry(measure, period_code, changes, origin=origin)

    def write_entry(self, measure: Measure, period_code: str, changes: dict, *, origin: str) -> dict:
        """The entry write without the permission check, for callers inside a transaction."""
        self.validate_entry_changes(measure, changes)
        old = self.entry(measure.id, period_code)
        diff = {f: (getattr(old, f), v) for f, v in changes.items() if getattr(old, f) != v}
        merged = {f: changes.get(f, getattr(old, f)) for f in ENTRY_FIELDS}
        if diff and merged["status"] == "klar" and merged["fulfilment"] == "ej" and not merged["commentary"].strip():
            raise GoalFileError(
                f"”{measure.name}” är markerat som ej uppfyllt och behöver en kommentar innan det kan markeras klart."
            )
        if not diff:
            return {}
        at = now_utc()
        self._upsert(
            "entries", ("measure_id", "period_code"),
            {"measure_id": measure.id, "period_code": period_code, **merged,
             "changed_by": self.user, "changed_at": at, "revision": old.revision + 1},
        )  # fmt: skip
        self._log("entry", measure.id, period_code, diff, at, origin)
        return diff

    def validate_entry_changes(self, measure: Measure, changes: dict) -> None:
        scales = self.scales()
        for field, value in changes.items():
            if field not in ENTRY_FIELDS:
                raise GoalFileError(f"Fältet {field!r} finns inte i ett utfall.")
            if field == "fulfilment":
                _check_code(value, scales.codes(fulfilment_scale_for(measure.kind)), "måluppfyllelse", allow_none=True)
            elif field == "trend":
                _check_code(value, scales.codes(TREND), "utveckling", allow_none=True)
            elif field == "status":
                _check_code(value, STATUSES, "status")
            elif not isinstance(value, str):
                raise GoalFileError(f"Fältet {field!r} måste vara text.")

    def update_goal_assessment(
        self, goal_id: str, period_code: str, changes: dict, *, origin: str = ORIGIN_APP
    ) -> dict:
        self._require_central(self.period(period_code))
        if "prognosis" in changes:
            _check_code(changes["prognosis"], self.scales().codes(PROGNOSIS), "prognos", allow_none=True)
        old = self.goal_assessment(goal_id, period_code)
        diff = _diff(old, changes, ASSESSMENT_FIELDS)
        if not diff:
            return {}
        with self.transaction():
            at = now_utc()
            self._upsert(
                "goal_assessments", ("goal_id", "period_code"),
                {"goal_id": goal_id, "period_code": period_code,
                 **{f: changes.get(f, getattr(old, f)) for f in ASSESSMENT_FIELDS},
                 "changed_by": self.user, "changed_at": at, "revision": old.revision + 1},
            )  # fmt: skip
            self._log("goal", goal_id, period_code, diff, at, origin)
        return diff

    def update_perspective_description(
        self, perspective_id: str, description: str, *, origin: str = ORIGIN_APP
    ) -> dict:
        return self._update_structure("perspectives", "perspective", perspective_id, "description", description, origin)

    def update_measure_target(self, measure_id: str, target: str, *, origin: str = ORIGIN_APP) -> dict:
        """A measure's target is structure: only the central file changes it."""
        return self._update_structure("measures", "measure", measure_id, "target", target, origin)

    def _update_structure(self, table: str, subject: str, node_id: str, field: str, value, origin: str) -> dict:
        self._require_central()
        if not isinstance(value, str):
            raise GoalFileError(f"Fältet {field!r} måste vara text.")
        row = self.conn.execute(f"SELECT {field} FROM {table} WHERE id = ?", [node_id]).fetchone()
        if row is None:
            raise GoalFileError(f"{node_id} finns inte i filen.")
        if row[0] == value:
            return {}
        diff = {field: (row[0], value)}
        with self.transaction():
            self.conn.execute(f"UPDATE {table} SET {field} = ? WHERE id = ?", [value, node_id])
            self._log(subject, node_id, None, diff, now_utc(), origin)
        return diff

    def update_report_settings(self, changes: dict, *, origin: str = ORIGIN_APP) -> dict:
        self._require_central()
        unknown = set(changes) - set(REPORT_FIELDS)
        if unknown:
            raise GoalFileError(f"Okända rapportinställningar: {', '.join(sorted(unknown))}.")
        diff = _diff(self.report_settings(), changes, REPORT_FIELDS)
        if not diff:
            return {}
        with self.transaction():
            for key, (_, new) in diff.items():
                self._upsert("report_settings", ("key",), {"key": key, "value": new})
            self._log("report", "report", None, diff, now_utc(), origin)
        return diff

    def _require_central(self, period: Period | None = None) -> None:
        if self.readonly:
            raise ReadOnlyError("Filen är öppnad skrivskyddat.")
        if self.is_unit_file:
            raise ReadOnlyError("Det här får bara ändras i centralfilen.")
        if period and period.locked:
            raise ReadOnlyError(f"Perioden {period.name} är låst.")

    def _upsert(self, table: str, key: tuple[str, ...], row: dict) -> None:
        columns = ", ".join(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in key)
        self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}",
            list(row.values()),
        )

    def _log(self, subject: str, node_id: str, period_code: str | None, diff: dict, at: str, origin: str) -> None:
        self.conn.executemany(
            "INSERT INTO change_log (at, by, subject, node_id, period_code, field, old_value, new_value, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, self.user, subject, node_id, period_code, field, _text(old), _text(new), origin)
             for field, (old, new) in diff.items()],
        )  # fmt: skip


def find_named(items, wanted: str, keys, what: str, listed) -> object:
    """The item one of whose `keys(item)` equals `wanted`, case-insensitively; else a Swedish
    error that lists the choices (`listed(item)` for each)."""
    key = wanted.strip().casefold()
    for item in items:
        if key in (k.casefold() for k in keys(item)):
            return item
    choices = ", ".join(listed(item) for item in items)
    raise GoalFileError(f"{what} {wanted!r} finns inte i filen. Välj bland: {choices}.")


def _default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a service account, a container)
        return "okänd"


def _grouped(rows: Iterable[dict], key: str, value: str) -> dict[str, list]:
    result: dict[str, list] = {}
    for r in rows:
        result.setdefault(r[key], []).append(r[value])
    return result


def _entry(r: dict) -> Entry:
    return Entry(**{k: r[k] for k in Entry.__slots__})


def _assessment(r: dict) -> GoalAssessment:
    return GoalAssessment(**{k: r[k] for k in GoalAssessment.__slots__})


def _measure(r: dict, entry: Entry) -> Measure:
    return Measure(
        r["id"], r["factor_id"], r["name"], r["kind"], r["board_code"], r["unit_id"], r["target"],
        bool(r["gender_split"]), r["direction"], r["comparison"], r["footnote"], r["position"], entry,
    )  # fmt: skip


def _diff(old, changes: dict, allowed: tuple) -> dict:
    for field, value in changes.items():
        if field not in allowed:
            raise GoalFileError(f"Fältet {field!r} kan inte ändras här.")
        if value is not None and not isinstance(value, str):
            raise GoalFileError(f"Fältet {field!r} måste vara text.")
    return {f: (getattr(old, f), v) for f, v in changes.items() if getattr(old, f) != v}


def _check_code(value, allowed, what: str, *, allow_none: bool = False) -> None:
    if value is None and allow_none:
        return
    if value not in allowed:
        raise GoalFileError(f"{value!r} är inget giltigt värde för {what} (giltiga: {', '.join(sorted(allowed))}).")


def _text(value) -> str | None:
    return None if value is None else str(value)
