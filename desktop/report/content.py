"""What one report shows: the goal tree cut to a board, a perspective and a period.

Both the PDF and its content hash are made from the `ReportContent` built
here, so the hash covers exactly the data printed. Reads the goal file and
never writes to it.
"""

import hashlib
import json
from dataclasses import dataclass, field

from db.errors import GoalFileError
from db.goalfile import GoalFile, find_named
from db.model import Board, Conflict, Factor, Goal, Measure, Period, Perspective, ReportSettings
from db.scales import Scales

ACTIVITY_PREFIX = "Aktivitet:"

# How the report names an entry's fields when it flags a merge conflict.
FIELD_LABELS = {
    "outcome_total": "utfall totalt",
    "outcome_women": "utfall kvinnor",
    "outcome_men": "utfall män",
    "outcome_text": "utfall (text)",
    "fulfilment": "måluppfyllelse",
    "trend": "utveckling",
    "commentary": "kommentar",
    "status": "status",
}


@dataclass
class ReportContent:
    settings: ReportSettings
    period: Period
    boards: list[Board]  # every board of the file, for Förkortningar
    board: Board | None  # the one board this report is for, or None for all
    perspective_filter: str | None
    perspectives: list[Perspective]
    scales: Scales
    source_name: str
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)  # by measure id, shown measures only
    open_conflicts_in_file: int = 0

    def goals(self) -> list[Goal]:
        return [g for p in self.perspectives for g in p.goals]

    def measures(self) -> list[Measure]:
        return [m for g in self.goals() for m in g.measures()]

    def board_name(self, code: str) -> str:
        return next((b.name for b in self.boards if b.code == code), code)


def select(goal_file: GoalFile, *, board=None, perspective=None, period=None) -> ReportContent:
    """The content of one report; unknown board, perspective or period → GoalFileError."""
    chosen_period = goal_file.period(period)
    boards = goal_file.boards()
    chosen_board = (
        find_named(boards, board, lambda b: (b.code, b.name), "Styrelsen/nämnden", lambda b: b.code) if board else None
    )
    tree = goal_file.tree(chosen_period.code)
    perspective_name = None
    if perspective:
        tree = [find_named(tree, perspective, lambda p: (p.id, p.name), "Perspektivet", lambda p: p.name)]
        perspective_name = tree[0].name
    if chosen_board:
        tree = _for_board(tree, chosen_board.code)
    if not any(p.goals for p in tree):
        selection = " och ".join(
            part for part in (chosen_board and f"{chosen_board.name} ({chosen_board.code})",
                              perspective_name and f"perspektivet {perspective_name}") if part
        ) or "filen"  # fmt: skip
        raise GoalFileError(f"Urvalet ({selection}) har inga strategiska mål, så det finns ingen rapport att skriva.")
    content = ReportContent(
        settings=goal_file.report_settings(),
        period=chosen_period,
        boards=boards,
        board=chosen_board,
        perspective_filter=perspective_name,
        perspectives=tree,
        scales=goal_file.scales(),
        source_name=goal_file.path.name,
    )
    shown = {m.id for m in content.measures()}
    all_open = goal_file.open_conflicts()
    content.open_conflicts_in_file = len(all_open)
    for conflict in all_open:
        if conflict.period_code == chosen_period.code and conflict.measure_id in shown:
            content.conflicts.setdefault(conflict.measure_id, []).append(conflict)
    return content


def _for_board(tree: list[Perspective], code: str) -> list[Perspective]:
    """Only the board's measures, and the factors, goals and perspectives that hold them or name it."""
    kept_perspectives = []
    for p in tree:
        goals = []
        for g in p.goals:
            factors = []
            for f in g.factors:
                f.measures = [m for m in f.measures if m.board == code]
                if f.measures or code in f.boards:
                    factors.append(f)
            g.factors = factors
            if factors or code in g.boards:
                goals.append(g)
        p.goals = goals
        if goals:
            kept_perspectives.append(p)
    return kept_perspectives


def display_name(measure: Measure) -> str:
    """A commentary heading: the measure's name without the 'Aktivitet:' prefix, as in the seed."""
    name = measure.name.strip()
    if measure.is_activity and name.casefold().startswith(ACTIVITY_PREFIX.casefold()):
        return name[len(ACTIVITY_PREFIX) :].strip() or name
    return name


# --- the content hash --------------------------------------------------------


def canonical(content: ReportContent) -> dict:
    """Exactly the data the report prints, as plain JSON-able values."""
    s = content.settings
    return {
        "organisation": s.organisation,
        "settings": {k: getattr(s, k) for k in ("title", "document_id", "version", "responsible",
                                                 "created_by", "publication_date", "introduction")},
        "period": {"code": content.period.code, "name": content.period.name, "label": content.period.label,
                   "year": content.period.year},
        "boards": [[b.code, b.name] for b in content.boards],
        "board": content.board.code if content.board else None,
        "perspective": content.perspective_filter,
        "scales": {name: [[v.code, v.label, v.colour, v.symbol] for v in content.scales.values(name)]
                   for name in ("fulfilment", "activity", "trend", "prognosis")},
        "perspectives": [_perspective(p, content) for p in content.perspectives],
        "unresolved_conflicts_in_file": content.open_conflicts_in_file,
    }  # fmt: skip


def content_hash(content: ReportContent) -> str:
    """SHA-256 over the canonical JSON, fed a perspective at a time: one json.dumps of a
    large file holds the GIL long enough to freeze the window the report is built for."""
    data = canonical(content)
    perspectives = data.pop("perspectives")
    digest = hashlib.sha256(_canonical_json(data))
    for perspective in perspectives:
        digest.update(_canonical_json(perspective))
    return digest.hexdigest()


def _canonical_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _perspective(p: Perspective, content: ReportContent) -> dict:
    return {"name": p.name, "description": p.description, "goals": [_goal(g, content) for g in p.goals]}


def _goal(g: Goal, content: ReportContent) -> dict:
    return {
        "name": g.name,
        "boards": g.boards,
        "prognosis": g.assessment.prognosis,
        "assessment": g.assessment.text,
        "factors": [_factor(f, content) for f in g.factors],
    }


def _factor(f: Factor, content: ReportContent) -> dict:
    return {
        "name": f.name,
        "boards": f.boards,
        "sections": [[s.heading, s.text] for s in f.sections],
        "measures": [_measure(m, content) for m in f.measures],
    }


def _measure(m: Measure, content: ReportContent) -> dict:
    e = m.entry
    return {
        "name": m.name, "kind": m.kind, "board": m.board, "target": m.target, "footnote": m.footnote,
        "outcome": [e.outcome_total, e.outcome_women, e.outcome_men, e.outcome_text],
        "fulfilment": e.fulfilment, "trend": e.trend, "commentary": e.commentary,
        "conflicts": [[c.field, c.central_value, c.incoming_value] for c in content.conflicts.get(m.id, [])],
    }  # fmt: skip
