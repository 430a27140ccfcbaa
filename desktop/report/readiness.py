"""Is a report's selection ready to print as final? What is not, said in the file's words.

The GUI's report dialog and the command line both ask `check` before printing;
the report itself prints UTKAST on every page and lists the same items in its
colophon when something is not ready. The rules are the app's (`db.permissions`,
`db.vocabulary.Meaning`), never a scale's codes. Reads the content; never writes.
"""

from dataclasses import dataclass

from db.errors import GoalFileError
from db.permissions import needs_commentary
from db.vocabulary import Status, count_phrase

from .content import ReportContent, commented_measures, field_label


@dataclass(frozen=True)
class Unready:
    """One kind of unfinished work, with what it concerns."""

    title: str  # "3 styrmått med annan status än ”Klar”", in the file's words
    items: tuple[str, ...]


@dataclass(frozen=True)
class Readiness:
    groups: tuple[Unready, ...]

    @property
    def ready(self) -> bool:
        return not self.groups

    def lines(self, per_group: int | None = None) -> list[str]:
        """The groups as plain lines: each title, then its items indented (at most `per_group`)."""
        lines = []
        for group in self.groups:
            lines.append(f"{group.title}:")
            shown = group.items[:per_group] if per_group else group.items
            lines += [f"  – {item}" for item in shown]
            if len(shown) < len(group.items):
                lines.append(f"  … och {len(group.items) - len(shown)} till")
        return lines


class NotReadyError(GoalFileError):
    """A final report was asked for while the selection is not ready."""

    exit_code = 1


def check(content: ReportContent) -> Readiness:
    """What in the report's selection keeps it from being final."""
    model = content.model
    items = model.item_level

    def count(n: int) -> str:
        return count_phrase(n, items.singular.lower(), items.plural.lower())

    status_of = {s.value: s for s in Status}
    not_ready, uncommented = [], []
    for node in content.nodes_with_measures():
        commented = commented_measures(node)
        for m in node.measures:
            status = status_of.get(m.entry.status, Status.NOT_STARTED)
            if status != Status.READY:
                not_ready.append(f"{m.name} ({m.board}): {status.label.lower()}")
            if needs_commentary(model, m.kind, m.entry.fulfilment) and m.id not in commented:
                scale = model.fulfilment_scale(m.kind)
                value = scale.get(m.entry.fulfilment) if scale else None
                uncommented.append(f"{m.name} ({m.board}): {value.label.lower() if value else m.entry.fulfilment}")
    groups = []
    if not_ready:
        groups.append(Unready(f"{count(len(not_ready))} med annan status än ”{Status.READY.label}”", tuple(not_ready)))
    if uncommented:
        groups.append(
            Unready(f"{count(len(uncommented))} utan den kommentar som bedömningen kräver", tuple(uncommented))
        )
    conflicts = [
        f"{m.name} ({m.board}): {field_label(c.field)}"
        for m in content.measures()
        for c in content.conflicts.get(m.id, [])
    ]
    if conflicts:
        groups.append(Unready(f"{count_phrase(len(conflicts), 'olöst konflikt', 'olösta konflikter')}",
                              tuple(conflicts)))  # fmt: skip
    level = model.assessment_level
    if level is not None and model.prognosis_scale is not None:
        missing = [n.name for n in content.assessed_nodes() if not (n.assessment and n.assessment.prognosis)]
        if missing:
            groups.append(Unready(f"{count_phrase(len(missing), level.singular.lower(), level.plural.lower())} "
                                  "utan prognos", tuple(missing)))  # fmt: skip
    return Readiness(tuple(groups))


def refusal(readiness: Readiness) -> str:
    """The sentence a refused final report ends with, the list of what is not ready before it."""
    return "\n".join(
        ["Rapporten kan inte skrivas som slutlig: allt i urvalet är inte klart.", *readiness.lines(),
         "Gör klart det som listas, eller skriv ut rapporten som utkast (utan --slutlig)."]
    )  # fmt: skip


def selection_readiness(goal_file, *, board=None, perspective=None, period=None) -> Readiness:
    """What is not ready in a report's selection of an open goal file (or a path, opened read-only)."""
    from db.goalfile import GoalFile

    from .content import select

    if isinstance(goal_file, GoalFile):
        return check(select(goal_file, board=board, perspective=perspective, period=period))
    with GoalFile.open(goal_file, readonly=True) as opened:
        return check(select(opened, board=board, perspective=perspective, period=period))
