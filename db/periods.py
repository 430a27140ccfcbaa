"""The period cycle: start the next period, lock an adopted one, reopen it with a reason, choose the current one.

A new period is a plan year's period of a kind (T1, delår, helår). Started
from the current one it carries the structure (a new plan year is copied from
the previous one), the report settings and, if asked, the commentary as a
draft; its entries start empty, and the earlier periods' values stay for the
comparison. Locking makes every write to the period refuse (see
`Permissions`); reopening needs a reason. Every step is in the change log.
"""

import re

from .errors import GoalFileError, ReadOnlyError
from .goalfile import GoalFile, new_id
from .model import Period, PeriodKind
from .structure import copy_plan_year
from .template import YEARS
from .vocabulary import Status
from .writing import ORIGIN_APP, now_utc


def _require_central(goal_file: GoalFile) -> None:
    refusal = goal_file.central_refusal()
    if refusal:
        raise ReadOnlyError(refusal)


def next_period(goal_file: GoalFile, after: Period | None = None) -> tuple[int, PeriodKind]:
    """The year and kind that follow a period: the next kind that year, else the first kind next year."""
    after = after or goal_file.period()
    kinds = goal_file.period_kinds()
    index = next((i for i, k in enumerate(kinds) if k.code == after.kind), len(kinds) - 1)
    if index + 1 < len(kinds):
        return after.year, kinds[index + 1]
    return after.year + 1, kinds[0]


def parse_period(goal_file: GoalFile, text: str) -> tuple[int, PeriodKind]:
    """'2023-T1', '2023 T1' or '2023 delår' as a year and a kind of this file."""
    match = re.fullmatch(r"\s*(\d{4})\s*[- ]\s*(.+?)\s*", text or "")
    kinds = goal_file.period_kinds()
    listed = ", ".join(k.name for k in kinds)
    if not match:
        raise GoalFileError(
            f"Ange perioden som år och slag, t.ex. ”2023 {kinds[0].name if kinds else 'T1'}” ({listed})."
        )
    year, wanted = int(match[1]), match[2].casefold()
    kind = next((k for k in kinds if wanted in (k.code.casefold(), k.name.casefold())), None)
    if kind is None:
        raise GoalFileError(f"Periodslaget {match[2]!r} finns inte i filen. Välj bland: {listed}.")
    return year, kind


def start_period(goal_file: GoalFile, wanted: str | None = None, *, from_period: str | None = None,
                 carry_commentary: bool = False, origin: str = ORIGIN_APP) -> Period:  # fmt: skip
    """Start a period (default: the one after `from_period`, itself default the current one) and make it current."""
    _require_central(goal_file)
    source = goal_file.period(from_period)
    year, kind = parse_period(goal_file, wanted) if wanted else next_period(goal_file, source)
    if year not in YEARS:
        raise GoalFileError(f"{year} är inget rimligt år.")
    code = f"{year}-{kind.code}"
    if any(p.code == code or (p.year, p.kind) == (year, kind.code) for p in goal_file.periods()):
        raise GoalFileError(f"Perioden {year} {kind.name} finns redan.")
    conn = goal_file.conn
    with goal_file.transaction():
        if year not in goal_file.plan_years():
            earlier = [y for y in goal_file.plan_years() if y < year]
            copy_plan_year(goal_file, max(earlier) if earlier else source.year, year, origin=origin)
        conn.execute(
            "INSERT INTO periods (code, year, kind, name, label, position, is_current, locked) "
            "VALUES (?, ?, ?, ?, ?, 0, 0, 0)",
            [code, year, kind.code, f"{year} {kind.name}", kind.label],
        )
        _renumber(goal_file)
        conn.execute(
            "INSERT INTO report_settings (period_code, key, value) SELECT ?, key, "
            "CASE key WHEN 'publication_date' THEN '' ELSE value END FROM report_settings WHERE period_code = ?",
            [code, source.code],
        )
        if carry_commentary:
            _carry_commentary(goal_file, source, code, year)
        _make_current(goal_file, code)
        goal_file.record("period", code, code, {"started": (None, f"från {source.name}")}, origin)
    return goal_file.period(code)


def _renumber(goal_file: GoalFile) -> None:
    """Periods in time order: by year, then by the kind's place in the year."""
    goal_file.conn.execute(
        """UPDATE periods SET position = (
               SELECT count(*) FROM periods o JOIN period_kinds ok ON ok.code = o.kind
               JOIN period_kinds k ON k.code = periods.kind
               WHERE o.year < periods.year OR (o.year = periods.year AND ok.position < k.position))"""
    )


def _carry_commentary(goal_file: GoalFile, source: Period, code: str, year: int) -> None:
    """Last period's commentary as a draft of the new one's, for the measures the new year still has."""
    at, user = now_utc(), goal_file.user
    goal_file.conn.execute(
        """INSERT INTO entries (measure_id, period_code, commentary, status, changed_by, changed_at, revision)
           SELECT e.measure_id, ?, e.commentary, ?, ?, ?, 1 FROM entries e
           JOIN measure_years m ON m.measure_id = e.measure_id AND m.year = ?
           WHERE e.period_code = ? AND trim(e.commentary) != ''""",
        [code, Status.DRAFT, user, at, year, source.code],
    )
    goal_file.conn.execute(
        """INSERT INTO assessments (node_id, period_code, prognosis, text, changed_by, changed_at, revision)
           SELECT a.node_id, ?, NULL, a.text, ?, ?, 1 FROM assessments a
           JOIN node_years n ON n.node_id = a.node_id AND n.year = ?
           WHERE a.period_code = ? AND trim(a.text) != ''""",
        [code, user, at, year, source.code],
    )
    sections = goal_file.rows(
        "SELECT s.* FROM sections s JOIN node_years n ON n.node_id = s.node_id AND n.year = ? WHERE s.period_code = ?",
        [year, source.code],
    )
    for s in sections:
        section_id = new_id()
        goal_file.conn.execute(
            "INSERT INTO sections (id, node_id, period_code, position, heading, text, commentary_of) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [section_id, s["node_id"], code, s["position"], s["heading"], s["text"], s["commentary_of"]],
        )
        goal_file.conn.execute(
            "INSERT INTO section_measures (section_id, measure_id) SELECT ?, sm.measure_id FROM section_measures sm "
            "JOIN measure_years m ON m.measure_id = sm.measure_id AND m.year = ? WHERE sm.section_id = ?",
            [section_id, year, s["id"]],
        )


def lock_period(goal_file: GoalFile, code: str, reason: str = "", *, origin: str = ORIGIN_APP) -> Period:
    """Lock a period whose report is adopted: every write to it is refused from now on."""
    _require_central(goal_file)
    period = goal_file.period(code)
    if period.locked:
        raise GoalFileError(f"Perioden {period.name} är redan låst.")
    _set_locked(goal_file, period, True, reason.strip(), origin)
    return goal_file.period(period.code)


def unlock_period(goal_file: GoalFile, code: str, reason: str, *, origin: str = ORIGIN_APP) -> Period:
    """Reopen a locked period; the reason is required and kept in the change log."""
    _require_central(goal_file)
    period = goal_file.period(code)
    if not period.locked:
        raise GoalFileError(f"Perioden {period.name} är inte låst.")
    if not (reason or "").strip():
        raise GoalFileError(f"Ange en orsak till att perioden {period.name} låses upp; den sparas i ändringsloggen.")
    _set_locked(goal_file, period, False, reason.strip(), origin)
    return goal_file.period(period.code)


def _set_locked(goal_file: GoalFile, period: Period, locked: bool, reason: str, origin: str) -> None:
    with goal_file.transaction():
        goal_file.conn.execute("UPDATE periods SET locked = ? WHERE code = ?", [int(locked), period.code])
        diff: dict[str, tuple[str | None, str]] = {"locked": (str(int(not locked)), str(int(locked)))}
        if reason:
            diff["reason"] = (None, reason)
        goal_file.record("period", period.code, period.code, diff, origin)


def set_current_period(goal_file: GoalFile, code: str, *, origin: str = ORIGIN_APP) -> Period:
    """The period the app opens on, exports for and prints by default."""
    _require_central(goal_file)
    period = goal_file.period(code)
    before = goal_file.period()
    if before.code == period.code:
        return period
    with goal_file.transaction():
        _make_current(goal_file, period.code)
        goal_file.record("period", period.code, period.code, {"current": (before.code, period.code)}, origin)
    return goal_file.period(period.code)


def _make_current(goal_file: GoalFile, code: str) -> None:
    goal_file.conn.execute("UPDATE periods SET is_current = (code = ?)", [code])
