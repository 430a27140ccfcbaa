"""What one report shows: the goal tree cut to a board, a perspective and a period.

Both the PDF and its content hash are made from the `ReportContent` built
here, so the hash covers exactly the data printed. Reads the goal file and
never writes to it.
"""

import hashlib
import json
from dataclasses import dataclass, field

from db.errors import GoalFileError
from db.goalfile import GoalFile
from db.model import (
    Board,
    Conflict,
    Measure,
    Node,
    OrgModel,
    Period,
    ReportSettings,
    ScaleValue,
    all_measures,
    walk,
)
from db.reading import find_named
from db.vocabulary import FIELDS, Comparison, Status, count_phrase

from .text import short_name


@dataclass
class ReportContent:
    settings: ReportSettings
    period: Period
    boards: list[Board]  # the boards the period's plan year uses, for Förkortningar
    board: Board | None  # the one board this report is for, or None for all
    perspective_filter: str | None  # the name of the one top-level node chosen, or None
    roots: list[Node]  # the top-level nodes shown, cut to the selection
    model: OrgModel
    source_name: str
    conflicts: dict[str, list[Conflict]] = field(default_factory=dict)  # by measure id, shown measures only
    open_conflicts_in_file: int = 0

    @property
    def scales(self):
        return self.model.scales

    def assessed_nodes(self) -> list[Node]:
        """The nodes that carry a prognosis (Norrbotten: the strategic goals), in tree order."""
        level = self.model.assessment_level
        return [n for n in walk(self.roots) if level is not None and n.depth == level.depth]

    def measures(self) -> list[Measure]:
        return all_measures(self.roots)

    def comparisons(self) -> list[Comparison]:
        """What the shown measures' trends compare with, in the vocabulary's order."""
        used = {m.compares_with for m in self.measures()}
        return [c for c in Comparison if c in used]

    def nodes_with_measures(self) -> list[Node]:
        """The nodes on the level that holds measures, in tree order."""
        return [n for n in walk(self.roots) if n.depth == self.model.measure_depth]


def select(goal_file: GoalFile, *, board=None, perspective=None, period=None) -> ReportContent:
    """The content of one report; unknown board, top-level node or period → GoalFileError."""
    chosen_period = goal_file.period(period)
    model = goal_file.model()
    top = model.level(0)
    boards = goal_file.boards()
    chosen_board = goal_file.find_board(board) if board else None
    roots = goal_file.tree(chosen_period.code)
    perspective_name = None
    if perspective:
        what = top.definite.capitalize() if top.definite else top.singular
        roots = [find_named(roots, perspective, lambda n: (n.id, n.name), what, lambda n: n.name)]
        perspective_name = roots[0].name
    if chosen_board:
        roots = _for_board(roots, chosen_board.code)
    if not roots:
        selection = " och ".join(
            part for part in (chosen_board and f"{chosen_board.name} ({chosen_board.code})",
                              perspective_name and f"{top.the} {perspective_name}") if part
        ) or "filen"  # fmt: skip
        raise GoalFileError(f"Urvalet ({selection}) har inget att rapportera, så det finns ingen rapport att skriva.")
    content = ReportContent(
        settings=goal_file.report_settings(chosen_period.code),
        period=chosen_period,
        boards=_boards_of_year(boards, goal_file.tree(chosen_period.code)),
        board=chosen_board,
        perspective_filter=perspective_name,
        roots=roots,
        model=model,
        source_name=goal_file.path.name,
    )
    # Only the period's own conflicts: what happens in later periods never changes this report.
    shown = {m.id for m in content.measures()}
    open_conflicts = goal_file.open_conflicts(chosen_period.code)
    content.open_conflicts_in_file = len(open_conflicts)
    for conflict in open_conflicts:
        if conflict.measure_id in shown:
            content.conflicts.setdefault(conflict.measure_id, []).append(conflict)
    return content


def _boards_of_year(boards: list[Board], roots: list[Node]) -> list[Board]:
    """The boards the period's plan year uses, for Förkortningar: a board added for a later
    year never changes an earlier report."""
    used = {code for node in walk(roots) for code in node.boards} | {m.board for m in all_measures(roots)}
    return [b for b in boards if b.code in used]


def _for_board(nodes: list[Node], code: str) -> list[Node]:
    """Only the board's measures, the commentary about them, and the nodes that hold any."""
    kept = []
    for node in nodes:
        node.children = _for_board(node.children, code)
        node.measures = [m for m in node.measures if m.board == code]
        shown = {m.id for m in node.measures}
        node.sections = [s for s in node.sections if not s.measure_ids or shown.intersection(s.measure_ids)]
        if node.children or node.measures:
            kept.append(node)
    return kept


def shown_value(model: OrgModel, measure: Measure, field: str) -> ScaleValue | None:
    """The value a measure is shown with on the scale its field is assessed on; None when it is
    not assessed. A measure whose work has not started is not assessed, whatever a field holds."""
    if measure.entry.status == Status.NOT_STARTED:
        return None
    scale = model.assessed_scale(field, measure.kind)
    return scale.get(getattr(measure.entry, field)) if scale else None


@dataclass(frozen=True)
class Commentary:
    """One headed block of a node's commentary: a section, or a measure's own commentary."""

    heading: str
    texts: tuple[str, ...]


def commentary_blocks(node: Node, model: OrgModel) -> list[Commentary]:
    """A node's commentary in print order: its sections (a section that stands for a measure's
    commentary prints that commentary in its place), then every other measure's commentary
    under the measure's name."""
    measures = {m.id: m for m in node.measures}
    blocks = []
    for section in node.sections:
        texts = [section.text]
        if section.commentary_of:
            measure = measures.get(section.commentary_of)
            if measure is None:
                continue
            texts.append(measure.entry.commentary)
        texts = [t for t in texts if t.strip()]
        if texts:
            blocks.append(Commentary(section.heading.strip(), tuple(texts)))
    placed = {s.commentary_of for s in node.sections}
    for measure in node.measures:
        if measure.id not in placed and measure.entry.commentary.strip():
            blocks.append(Commentary(display_name(model, measure), (measure.entry.commentary,)))
    return blocks


def commented_measures(node: Node) -> set[str]:
    """The ids of the node's measures that some commentary is about: their own, or a section's."""
    ids = {m.id for m in node.measures if m.entry.commentary.strip()}
    for section in node.sections:
        if section.text.strip():
            ids.update(section.measure_ids)
    return ids


def header_block(content: ReportContent) -> list[tuple[str, str]]:
    """The seed's header block on every page: (label, value) in reading order, three to a row."""
    s = content.settings
    return [
        ("GÄLLER FÖR VERKSAMHET", s.organisation), ("DOKUMENT-ID", s.document_id), ("VERSION", s.version),
        ("PUBLICERINGSDATUM", s.publication_date), ("ANSVARIG", s.responsible), ("UPPRÄTTAD AV", s.created_by),
    ]  # fmt: skip


def display_name(model: OrgModel, measure: Measure) -> str:
    """A commentary heading: the measure's name without its kind's prefix ("Aktivitet:"), as in the seed."""
    name = measure.name.strip()
    prefix = model.kind(measure.kind).name_prefix
    if prefix and name.casefold().startswith(prefix.casefold()):
        return name[len(prefix) :].strip() or name
    return name


# --- the report's own sentences, shared by the PDF and the Word file --------------


def holder_heading(node: Node, model: OrgModel) -> str:
    """'FRAMGÅNGSFAKTOR: name': a node that holds measures, headed by its level's name in capitals."""
    return f"{model.level(node.depth).singular.upper()}: {short_name(node.name)}"


def none_chosen(plural: str) -> str:
    return f"Inga {plural.lower()} i urvalet."


def no_assessment(node: Node, model: OrgModel) -> str:
    definite = model.level(node.depth).definite  # "det strategiska målet"; without it, say no noun at all
    return (
        f"Ingen bedömning av {definite} har lämnats för perioden."
        if definite
        else "Ingen bedömning har lämnats för perioden."
    )


def conflict_note(measure: Measure, conflict: Conflict) -> str:
    return (
        f"⚠ Olöst konflikt i ”{short_name(measure.name)}”, {field_label(conflict.field)}: centralfilen har "
        f"”{conflict.central_value}”, {conflict.source_file} har ”{conflict.incoming_value}”. "
        "Rapporten visar centralfilens värde tills konflikten är löst."
    )


def open_conflicts_clause(content: "ReportContent") -> str:
    """'Filen har 3 olösta konflikter, varav 1 i rapportens urval' (the colophon's warning, without its end)."""
    shown = sum(len(c) for c in content.conflicts.values())
    found = count_phrase(content.open_conflicts_in_file, "olöst konflikt", "olösta konflikter")
    return f"Filen har {found}, varav {shown} i rapportens urval"


def conflict_flag(conflicts: list[Conflict]) -> str:
    """What a measure's row says of its open conflicts: '⚠ Olöst konflikt: utfall totalt'."""
    fields = ", ".join(dict.fromkeys(field_label(c.field) for c in conflicts))
    return f"⚠ Olöst konflikt: {fields}" if conflicts else ""


def field_label(name: str) -> str:
    """An entry field as the report names it inside a sentence: 'utfall totalt'."""
    return FIELDS[name].label.lower() if name in FIELDS else name


# --- the content hash --------------------------------------------------------


def canonical(content: ReportContent) -> dict:
    """Exactly the data the report prints, as plain JSON-able values."""
    s = content.settings
    model = content.model
    return {
        "organisation": s.organisation,
        "settings": {k: getattr(s, k) for k in ("title", "document_id", "version", "responsible",
                                                 "created_by", "publication_date", "introduction")},
        "period": {"code": content.period.code, "name": content.period.name, "label": content.period.label,
                   "year": content.period.year},
        "boards": [[b.code, b.name] for b in content.boards],
        "board": content.board.code if content.board else None,
        "perspective": content.perspective_filter,
        "levels": [[lv.singular, lv.plural, lv.has_description, lv.has_boards, lv.has_assessment, lv.article]
                   for lv in model.levels],
        "kinds": [[k.code, k.singular, k.plural, k.scale, k.has_target, k.has_outcome, k.has_trend, k.name_prefix]
                  for k in model.kinds],
        "scales": [[sc.code, sc.name, sc.purpose.value, [[v.code, v.label, v.colour, v.symbol, v.meaning]
                                                        for v in sc.values]] for sc in model.scales],
        "nodes": [_node(n, content) for n in content.roots],
        "unresolved_conflicts_in_file": content.open_conflicts_in_file,
    }  # fmt: skip


def content_hash(content: ReportContent) -> str:
    """SHA-256 over the canonical JSON, fed a top-level node at a time: one json.dumps of a
    large file holds the GIL long enough to freeze the window the report is built for."""
    data = canonical(content)
    nodes = data.pop("nodes")
    digest = hashlib.sha256(_canonical_json(data))
    for node in nodes:
        digest.update(_canonical_json(node))
    return digest.hexdigest()


def _canonical_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _node(n: Node, content: ReportContent) -> dict:
    return {
        "name": n.name,
        "description": n.description,
        "boards": n.boards,
        "assessment": [n.assessment.prognosis, n.assessment.text] if n.assessment else None,
        "sections": [
            [s.heading, s.text, s.measure_ids] + ([s.commentary_of] if s.commentary_of else []) for s in n.sections
        ],
        "children": [_node(c, content) for c in n.children],
        "measures": [_measure(m, content) for m in n.measures],
    }


def _measure(m: Measure, content: ReportContent) -> dict:
    e = m.entry
    return {
        "id": m.id, "name": m.name, "kind": m.kind, "board": m.board, "target": m.target, "footnote": m.footnote,
        "comparison": m.comparison,
        "outcome": [e.outcome_total, e.outcome_women, e.outcome_men, e.outcome_text],
        "fulfilment": e.fulfilment, "trend": e.trend, "commentary": e.commentary, "status": e.status,
        "conflicts": [[c.field, c.central_value, c.incoming_value] for c in content.conflicts.get(m.id, [])],
    }  # fmt: skip
