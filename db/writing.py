"""Writing a goal file: entries, assessments and report settings, each with the change log.

The layer of `GoalFile` above `Permissions`. Every public write is one
transaction (`connection.transaction`: BEGIN IMMEDIATE, nestable) that also
writes the change log, and refuses, with the permission rules, what the file
may not change. Structure edits live in `db.structure`, the period cycle in
`db.periods`; both write through `record` here.
"""

from datetime import UTC, date, datetime

from . import connection
from .errors import GoalFileError, ReadOnlyError
from .model import REPORT_FIELDS, Measure
from .permissions import Permissions, commentary_refusal
from .vocabulary import ENTRY_FIELD_NAMES, Assessed, Status, entry_field

ORIGIN_APP = "app"
ASSESSMENT_FIELDS = ("prognosis", "text")


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Writing(Permissions):
    user: str

    def transaction(self):
        return connection.transaction(self.conn)

    # --- entries ------------------------------------------------------------------------

    def update_entry(self, measure_id: str, period_code: str, changes: dict, *, origin: str = ORIGIN_APP) -> dict:
        """Change fields of one entry; returns {field: (old, new)} of what changed."""
        measure = self.measure(measure_id, period_code)
        refusal = self.entry_refusal(measure.unit_id, self.period(period_code))
        if refusal:
            raise ReadOnlyError(refusal)
        with self.transaction():
            return self.write_entry(measure, period_code, changes, origin=origin)

    def write_entry(self, measure: Measure, period_code: str, changes: dict, *, origin: str) -> dict:
        """The entry write without the permission check, for callers inside a transaction."""
        self.validate_entry_changes(measure, changes)
        old = self.entry(measure.id, period_code)
        diff = {f: (getattr(old, f), v) for f, v in changes.items() if getattr(old, f) != v}
        if not diff:
            return {}
        stored = {f: changes.get(f, getattr(old, f)) for f in ENTRY_FIELD_NAMES}
        refusal = commentary_refusal(self.model(), measure.kind, measure.name, stored)
        if refusal:
            raise GoalFileError(refusal)
        at = now_utc()
        with self.transaction():
            self.upsert(
                "entries", ("measure_id", "period_code"),
                {"measure_id": measure.id, "period_code": period_code, **stored,
                 "changed_by": self.user, "changed_at": at, "revision": old.revision + 1},
            )  # fmt: skip
            self.record("entry", measure.id, period_code, diff, origin, at=at)
        return diff

    def validate_entry_changes(self, measure: Measure, changes: dict) -> None:
        model = self.model()
        for name, value in changes.items():
            field = entry_field(name)
            if field.is_text:
                if not isinstance(value, str):
                    raise GoalFileError(f"{field.label} måste vara text.")
            elif field.assessed is Assessed.STATUS:
                _check_code(value, {s.value for s in Status}, field.label.lower())
            else:
                scale = model.assessed_scale(name, measure.kind)
                _check_code(value, scale.codes() if scale else set(), field.label.lower(), allow_none=True)

    # --- what belongs to a period ---------------------------------------------------------

    def update_assessment(self, node_id: str, period_code: str, changes: dict, *, origin: str = ORIGIN_APP) -> dict:
        """A node's prognosis and assessment text for the period."""
        period = self.period(period_code)
        refusal = self.period_refusal(period)
        if refusal:
            raise ReadOnlyError(refusal)
        if "prognosis" in changes:
            scale = self.model().prognosis_scale
            _check_code(changes["prognosis"], scale.codes() if scale else set(), "prognos", allow_none=True)
        old = self.assessment(node_id, period.code)
        diff = _diff(old, changes, ASSESSMENT_FIELDS)
        if not diff:
            return {}
        with self.transaction():
            at = now_utc()
            self.upsert(
                "assessments", ("node_id", "period_code"),
                {"node_id": node_id, "period_code": period.code,
                 **{f: changes.get(f, getattr(old, f)) for f in ASSESSMENT_FIELDS},
                 "changed_by": self.user, "changed_at": at, "revision": old.revision + 1},
            )  # fmt: skip
            self.record("assessment", node_id, period.code, diff, origin, at=at)
        return diff

    def update_report_settings(self, period_code: str | None, changes: dict, *, origin: str = ORIGIN_APP) -> dict:
        """The report's header block and introduction for one period."""
        period = self.period(period_code)
        refusal = self.period_refusal(period)
        if refusal:
            raise ReadOnlyError(refusal)
        unknown = set(changes) - set(REPORT_FIELDS)
        if unknown:
            raise GoalFileError(f"Okända rapportinställningar: {', '.join(sorted(unknown))}.")
        diff = _diff(self.report_settings(period.code), changes, REPORT_FIELDS)
        if not diff:
            return {}
        _check_date(changes.get("publication_date"), "Publiceringsdatum")
        with self.transaction():
            for key, (_, new) in diff.items():
                self.upsert("report_settings", ("period_code", "key"),
                            {"period_code": period.code, "key": key, "value": new})  # fmt: skip
            self.record("report", "report", period.code, diff, origin)
        return diff

    # --- the primitives ------------------------------------------------------------------

    def upsert(self, table: str, key: tuple[str, ...], row: dict) -> None:
        columns = ", ".join(row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c not in key) or f"{key[0]} = excluded.{key[0]}"
        self.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {updates}",
            list(row.values()),
        )

    def record(self, subject: str, node_id: str, period_code: str | None, diff: dict, origin: str, *,
               at: str | None = None) -> None:  # fmt: skip
        """Write {field: (old, new)} to the change log: who, when, what, from where."""
        at = at or now_utc()
        self.conn.executemany(
            "INSERT INTO change_log (at, by, subject, node_id, period_code, field, old_value, new_value, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(at, self.user, subject, node_id, period_code, field, _text(old), _text(new), origin)
             for field, (old, new) in diff.items()],
        )  # fmt: skip


def _diff(old, changes: dict, allowed: tuple) -> dict:
    for field, value in changes.items():
        if field not in allowed:
            raise GoalFileError(f"Fältet {field!r} kan inte ändras här.")
        if value is not None and not isinstance(value, str):
            raise GoalFileError(f"Fältet {field!r} måste vara text.")
    return {f: (getattr(old, f), v) for f, v in changes.items() if getattr(old, f) != v}


def _check_date(value: str | None, what: str) -> None:
    """An ISO date (2022-10-05), or nothing."""
    if not value:
        return
    try:
        valid = len(value) == 10 and date.fromisoformat(value).isoformat() == value
    except ValueError:
        valid = False
    if not valid:
        raise GoalFileError(f"{what} ”{value[:40]}” är inget datum. Skriv det som ÅÅÅÅ-MM-DD, t.ex. 2022-10-05.")


def _check_code(value, allowed, what: str, *, allow_none: bool = False) -> None:
    if value is None and allow_none:
        return
    if value not in allowed:
        shown = str(value)[:40]
        raise GoalFileError(f"”{shown}” är inget giltigt värde för {what} (giltiga: {', '.join(sorted(allowed))}).")


def _text(value) -> str | None:
    return None if value is None else str(value)
