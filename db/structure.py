"""Editing a plan year's structure: nodes and measures added, renamed, moved, changed, retired.

Every change is one transaction through the change log and belongs to one
plan year: the same node in another year is untouched, so what an earlier
year printed stays as it was. A locked period freezes its year's printed
structure (`Permissions.structure_refusal`). Nothing with a history is ever
deleted: retiring takes a node or measure (and what lies under it) out of
the year and keeps what it took in the file, and `restore` puts exactly that
back — as the undo of a retirement, or later from `retirements`; only what
was added this year and holds no values disappears entirely.
Boards and units are the organisation's lists; one in use is never removed.
"""

import json
from dataclasses import dataclass, field

from .errors import CorruptFileError, GoalFileError, ReadOnlyError
from .goalfile import GoalFile, new_id, now_utc
from .vocabulary import Comparison, Direction
from .writing import ORIGIN_APP

NODE_TEXT_FIELDS = ("name", "description")
# Measure settings per year: column → what the value must be.
MEASURE_FIELDS: dict[str, type | tuple[type, ...]] = {
    "name": str, "kind": str, "board_code": str, "unit_id": (str, type(None)), "target": str, "gender_split": bool,
    "direction": str, "comparison": str, "footnote": str,
}  # fmt: skip
UNPRINTED = {"unit_id"}  # a measure's unit is not in any report: it may change in a frozen year


@dataclass(frozen=True)
class Place:
    """Where a node or a measure sits in a year: its table, its key and the column of its parent."""

    subject: str
    table: str
    key: str
    parent: str


NODE_PLACE = Place("node", "node_years", "node_id", "parent_id")
MEASURE_PLACE = Place("measure", "measure_years", "measure_id", "node_id")


def place_of(is_node: bool) -> Place:
    return NODE_PLACE if is_node else MEASURE_PLACE


@dataclass
class Retired:
    """What one retirement took out of a year: every row, to put back by `restore`."""

    item_id: str
    is_node: bool
    year: int
    rows: dict[str, list[dict]] = field(default_factory=dict)  # table → rows as they were
    depth: int | None = None  # a node's level
    id: int | None = None  # its record in the file (None once put back)
    at: str = ""  # when, in UTC
    by: str = ""

    @property
    def top(self) -> dict:
        """The retired item's own row in its year: its name, parent and position."""
        place = place_of(self.is_node)
        return next(r for r in self.rows[place.table] if r[place.key] == self.item_id)

    @property
    def parent_id(self) -> str | None:
        """The node it sat under (None: a node on the top level)."""
        return self.top[place_of(self.is_node).parent]


# --- checks ------------------------------------------------------------------------


def _require(goal_file: GoalFile, year: int, *, printed: bool = True) -> None:
    if year not in goal_file.plan_years():
        raise GoalFileError(f"Planåret {year} finns inte i filen.")
    refusal = goal_file.structure_refusal(year, printed=printed)
    if refusal:
        raise ReadOnlyError(refusal)


def _node_row(goal_file: GoalFile, node_id: str, year: int) -> dict:
    row = goal_file.row(
        "SELECT n.depth, y.* FROM node_years y JOIN nodes n ON n.id = y.node_id WHERE y.node_id = ? AND y.year = ?",
        [node_id, year],
    )
    if row is None:
        raise GoalFileError(f"Noden finns inte i {year} års struktur.")
    return dict(row)


def _measure_row(goal_file: GoalFile, measure_id: str, year: int) -> dict:
    row = goal_file.row("SELECT * FROM measure_years WHERE measure_id = ? AND year = ?", [measure_id, year])
    if row is None:
        raise GoalFileError(f"Det finns inte i {year} års struktur.")
    return dict(row)


def _name(value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GoalFileError("Ett namn får inte vara tomt.")
    return value.strip()


def _check_measure_value(goal_file: GoalFile, column: str, value) -> None:
    expected = MEASURE_FIELDS.get(column)
    if expected is None:
        raise GoalFileError(f"Fältet {column!r} kan inte ändras här.")
    if not isinstance(value, expected):
        raise GoalFileError(f"Fältet {column!r} har fel slags värde.")
    if column == "name":
        _name(value)
    elif column == "kind" and value not in {k.code for k in goal_file.model().kinds}:
        raise GoalFileError(f"Slaget {value!r} finns inte i filens modell.")
    elif column == "board_code" and value not in {b.code for b in goal_file.boards()}:
        raise GoalFileError(f"Nämnden {value!r} finns inte i filen.")
    elif column == "unit_id" and isinstance(value, str) and goal_file.unit_by_id(value) is None:
        raise GoalFileError("Enheten finns inte i filen.")
    elif column == "direction" and value not in {d.value for d in Direction}:
        raise GoalFileError(f"Riktningen {value!r} finns inte.")
    elif column == "comparison" and value not in {c.value for c in Comparison}:
        raise GoalFileError(f"Jämförelsen {value!r} finns inte.")


# --- changing what a node or measure says -----------------------------------------------


def update_node(goal_file: GoalFile, node_id: str, year: int, changes: dict, *, origin: str = ORIGIN_APP) -> dict:
    """Change a node's name, description or boards (a list of codes) in one plan year."""
    _require(goal_file, year)
    row = _node_row(goal_file, node_id, year)
    level = goal_file.model().level(row["depth"])
    diff = {}
    for key, value in changes.items():
        if key in NODE_TEXT_FIELDS:
            if not isinstance(value, str):
                raise GoalFileError(f"Fältet {key!r} måste vara text.")
            value = _name(value) if key == "name" else value
            if key == "description" and not level.has_description and value:
                raise GoalFileError(f"{level.plural} har ingen beskrivning.")
            if row[key] != value:
                diff[key] = (row[key], value)
        elif key == "boards":
            old = [r[0] for r in goal_file.conn.execute(
                "SELECT board_code FROM node_boards WHERE node_id = ? AND year = ? ORDER BY board_code",
                [node_id, year])]  # fmt: skip
            chosen = sorted(dict.fromkeys(value))
            if chosen and not level.has_boards:
                raise GoalFileError(f"{level.plural} har inga nämnder.")
            unknown = set(chosen) - {b.code for b in goal_file.boards()}
            if unknown:
                raise GoalFileError(f"Nämnden {sorted(unknown)[0]!r} finns inte i filen.")
            if old != chosen:
                diff[key] = (", ".join(old), ", ".join(chosen))
        else:
            raise GoalFileError(f"Fältet {key!r} kan inte ändras här.")
    if not diff:
        return {}
    with goal_file.transaction():
        for key, (_, new) in diff.items():
            if key == "boards":
                goal_file.conn.execute("DELETE FROM node_boards WHERE node_id = ? AND year = ?", [node_id, year])
                goal_file.conn.executemany(
                    "INSERT INTO node_boards (node_id, year, board_code) VALUES (?, ?, ?)",
                    [(node_id, year, code) for code in dict.fromkeys(changes["boards"])],
                )
            else:
                goal_file.conn.execute(f"UPDATE node_years SET {key} = ? WHERE node_id = ? AND year = ?",
                                       [new, node_id, year])  # fmt: skip
        goal_file.record("node", node_id, None, _in_year(diff, year), origin)
    return diff


def update_measure(goal_file: GoalFile, measure_id: str, year: int, changes: dict, *,
                   origin: str = ORIGIN_APP) -> dict:  # fmt: skip
    """Change a measure's settings in one plan year: name, kind, board_code, unit_id, target,
    gender_split, direction, comparison, footnote."""
    _require(goal_file, year, printed=not set(changes) <= UNPRINTED)
    row = _measure_row(goal_file, measure_id, year)
    for column, value in changes.items():
        _check_measure_value(goal_file, column, value)
    stored = {k: (int(v) if isinstance(v, bool) else (v.strip() if k == "name" else v)) for k, v in changes.items()}
    diff = {k: (row[k], v) for k, v in stored.items() if row[k] != v}
    if not diff:
        return {}
    with goal_file.transaction():
        sets = ", ".join(f"{k} = ?" for k in diff)
        goal_file.conn.execute(f"UPDATE measure_years SET {sets} WHERE measure_id = ? AND year = ?",
                               [*(new for _, new in diff.values()), measure_id, year])  # fmt: skip
        goal_file.record("measure", measure_id, None, _in_year(diff, year), origin)
    return diff


def _in_year(diff: dict, year: int) -> dict:
    """The change log names the plan year with each structure field: 'name 2023'."""
    return {f"{key} {year}": change for key, change in diff.items()}


# --- adding, moving ------------------------------------------------------------------------


def add_node(goal_file: GoalFile, year: int, parent_id: str | None, name: str, *, position: int | None = None,
             origin: str = ORIGIN_APP) -> str:  # fmt: skip
    """A new node under `parent_id` (None: on the top level) in one plan year; returns its id."""
    _require(goal_file, year)
    model = goal_file.model()
    depth = 0 if parent_id is None else _node_row(goal_file, parent_id, year)["depth"] + 1
    if depth > model.measure_depth:
        raise GoalFileError(
            f"Under {model.level(depth - 1).plural.lower()} ligger bara {model.item_level.plural.lower()}."
        )
    node_id = new_id()
    with goal_file.transaction():
        position = _make_room("node_years", "parent_id", parent_id, year, position, goal_file)
        goal_file.conn.execute("INSERT INTO nodes (id, depth) VALUES (?, ?)", [node_id, depth])
        goal_file.conn.execute(
            "INSERT INTO node_years (node_id, year, parent_id, name, position) VALUES (?, ?, ?, ?, ?)",
            [node_id, year, parent_id, _name(name), position],
        )
        goal_file.record("node", node_id, None, {f"added {year}": (None, name.strip())}, origin)
    return node_id


def add_measure(goal_file: GoalFile, year: int, node_id: str, name: str, *, kind: str | None = None,
                board: str | None = None, unit_id: str | None = None, position: int | None = None,
                origin: str = ORIGIN_APP) -> str:  # fmt: skip
    """A new measure under a node of the lowest grouping level; returns its id. Kind and board
    default to the organisation's first kind and the node's first board."""
    _require(goal_file, year)
    model = goal_file.model()
    node = _node_row(goal_file, node_id, year)
    if node["depth"] != model.measure_depth:
        raise GoalFileError(
            f"{model.item_level.plural} ligger under {model.level(model.measure_depth).plural.lower()}."
        )
    boards = [r[0] for r in goal_file.conn.execute(
        "SELECT board_code FROM node_boards WHERE node_id = ? AND year = ?", [node_id, year])]  # fmt: skip
    values: dict[str, str | None] = {"name": name.strip(), "kind": kind or model.kinds[0].code,
              "board_code": board or (boards[0] if boards else goal_file.boards()[0].code), "unit_id": unit_id}  # fmt: skip
    for column, value in values.items():
        _check_measure_value(goal_file, column, value)
    measure_id = new_id()
    with goal_file.transaction():
        position = _make_room("measure_years", "node_id", node_id, year, position, goal_file)
        goal_file.conn.execute("INSERT INTO measures (id) VALUES (?)", [measure_id])
        goal_file.conn.execute(
            "INSERT INTO measure_years (measure_id, year, node_id, name, kind, board_code, unit_id, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                measure_id,
                year,
                node_id,
                values["name"],
                values["kind"],
                values["board_code"],
                unit_id,
                position,
            ],
        )
        goal_file.record("measure", measure_id, None, {f"added {year}": (None, values["name"])}, origin)
    return measure_id


def move_node(goal_file: GoalFile, node_id: str, year: int, parent_id: str | None, position: int, *,
              origin: str = ORIGIN_APP) -> dict:  # fmt: skip
    """Put a node under another parent of the level above (or the same one) at a position."""
    _require(goal_file, year)
    row = _node_row(goal_file, node_id, year)
    parent_depth = -1 if parent_id is None else _node_row(goal_file, parent_id, year)["depth"]
    if parent_depth != row["depth"] - 1:
        raise GoalFileError(
            f"{goal_file.model().level(row['depth']).plural} kan bara flyttas till en nod på nivån ovanför."
        )
    return _move(goal_file, NODE_PLACE, node_id, year, row, parent_id, position, origin)


def move_measure(goal_file: GoalFile, measure_id: str, year: int, node_id: str, position: int, *,
                 origin: str = ORIGIN_APP) -> dict:  # fmt: skip
    """Put a measure under another node of the lowest grouping level (or the same one) at a position."""
    _require(goal_file, year)
    row = _measure_row(goal_file, measure_id, year)
    if _node_row(goal_file, node_id, year)["depth"] != goal_file.model().measure_depth:
        raise GoalFileError("Det kan bara flyttas till en nod på nivån som har mätta objekt.")
    return _move(goal_file, MEASURE_PLACE, measure_id, year, row, node_id, position, origin)


def _move(goal_file: GoalFile, place: Place, item_id: str, year: int, row: dict, parent: str | None, position: int,
          origin: str) -> dict:  # fmt: skip
    """Close the gap the item leaves, make room where it goes and put it there; logged."""
    if (row[place.parent], row["position"]) == (parent, position):
        return {}
    with goal_file.transaction():
        _close_gap(place.table, place.parent, row[place.parent], year, row["position"], goal_file)
        position = _make_room(place.table, place.parent, parent, year, position, goal_file)
        goal_file.conn.execute(f"UPDATE {place.table} SET {place.parent} = ?, position = ? "
                               f"WHERE {place.key} = ? AND year = ?", [parent, position, item_id, year])  # fmt: skip
        diff = {"place": (f"{row[place.parent] or ''}:{row['position']}", f"{parent or ''}:{position}")}
        goal_file.record(place.subject, item_id, None, _in_year(diff, year), origin)
    return diff


def _siblings(table: str, parent_column: str, parent, year: int) -> str:
    condition = f"{parent_column} IS ?" if parent is None else f"{parent_column} = ?"
    return f"FROM {table} WHERE year = {int(year)} AND {condition}"


def _make_room(table: str, parent_column: str, parent, year: int, position: int | None, goal_file: GoalFile) -> int:
    """Shift the siblings at and after `position` one step on; returns the position to use (default: last)."""
    where = _siblings(table, parent_column, parent, year)
    count = goal_file.conn.execute(f"SELECT count(*) {where}", [parent]).fetchone()[0]
    position = count if position is None else max(0, min(position, count))
    goal_file.conn.execute(f"UPDATE {table} SET position = position + 1 WHERE rowid IN "
                           f"(SELECT rowid {where} AND position >= ?)", [parent, position])  # fmt: skip
    return position


def _close_gap(table: str, parent_column: str, parent, year: int, position: int, goal_file: GoalFile) -> None:
    where = _siblings(table, parent_column, parent, year)
    goal_file.conn.execute(f"UPDATE {table} SET position = position - 1 WHERE rowid IN "
                           f"(SELECT rowid {where} AND position > ?)", [parent, position])  # fmt: skip


# --- retiring and restoring ----------------------------------------------------------------


def retire(goal_file: GoalFile, item_id: str, year: int, *, origin: str = ORIGIN_APP) -> Retired:
    """Take a node (with everything under it) or a measure out of one plan year. Its earlier
    years and every value stay; what exists nowhere else and holds no values is removed whole."""
    _require(goal_file, year)
    conn = goal_file.conn
    is_node = conn.execute("SELECT 1 FROM nodes WHERE id = ?", [item_id]).fetchone() is not None
    nodes = _subtree(goal_file, item_id, year) if is_node else []
    measures = [item_id] if not is_node else [
        r[0] for r in conn.execute(
            f"SELECT measure_id FROM measure_years WHERE year = ? AND node_id IN ({_marks(nodes)})", [year, *nodes])
    ]  # fmt: skip
    if not is_node:
        _measure_row(goal_file, item_id, year)
    retired = Retired(item_id, is_node, year, at=now_utc(), by=goal_file.user)
    with goal_file.transaction():
        top = _node_row(goal_file, item_id, year) if is_node else _measure_row(goal_file, item_id, year)
        retired.depth = top.get("depth")
        place = place_of(is_node)
        _close_gap(place.table, place.parent, top[place.parent], year, top["position"], goal_file)
        _take(goal_file, retired, "measure_years", "measure_id", measures, year)
        _take(goal_file, retired, "node_boards", "node_id", nodes, year)
        _take(goal_file, retired, "node_years", "node_id", nodes, year)
        # Identities that are left with no year and no value were added by mistake: gone with them.
        _take_unused(goal_file, retired, "measures", measures, _MEASURE_USES)
        _take_unused(goal_file, retired, "nodes", nodes, _NODE_USES)
        goal_file.record(place.subject, item_id, None, {f"retired {year}": (top["name"], None)}, origin)
        retired.id = conn.execute(
            "INSERT INTO retirements (item_id, is_node, depth, year, rows, retired_at, retired_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [item_id, is_node, retired.depth, year, json.dumps(retired.rows, ensure_ascii=False), retired.at,
             retired.by],
        ).lastrowid  # fmt: skip
    return retired


def retirements(goal_file: GoalFile, year: int) -> list[Retired]:
    """What has been retired from the year and not put back since, the latest first."""
    found = []
    for record_id, item_id, is_node, depth, rows, at, by in goal_file.conn.execute(
        "SELECT id, item_id, is_node, depth, rows, retired_at, retired_by FROM retirements WHERE year = ? "
        "ORDER BY id DESC",
        [year],
    ):
        retired = Retired(item_id, bool(is_node), year, _rows(rows), depth, record_id, at, by)
        try:
            retired.top["name"]
        except (KeyError, StopIteration, TypeError):
            raise CorruptFileError("En avveckling i filen går inte att läsa: filen är skadad.") from None
        found.append(retired)
    return found


def _rows(text) -> dict[str, list[dict]]:
    try:
        rows = json.loads(text)
    except (TypeError, ValueError):
        rows = None
    if not isinstance(rows, dict) or not all(
        isinstance(table, list) and all(isinstance(r, dict) for r in table) for table in rows.values()
    ):
        raise CorruptFileError("En avveckling i filen går inte att läsa: filen är skadad.")
    return rows


def restore(goal_file: GoalFile, retired: Retired, *, origin: str = ORIGIN_APP) -> None:
    """Put back exactly what a retirement took out: as its undo, or later, where the year still has
    the node it sat under and the boards it names (a unit removed since is left empty)."""
    _require(goal_file, retired.year)
    conn = goal_file.conn
    place = place_of(retired.is_node)
    rows = _restorable(goal_file, retired, place)
    top = next(r for r in rows[place.table] if r[place.key] == retired.item_id)
    with goal_file.transaction():
        # Its siblings closed the gap when it left: open it again (last, if they have gone since).
        top["position"] = _make_room(place.table, place.parent, retired.parent_id, retired.year, top["position"],
                                     goal_file)  # fmt: skip
        for name in ("nodes", "measures", "node_years", "node_boards", "measure_years"):
            for row in rows.get(name, []):
                conn.execute(f"INSERT INTO {name} ({', '.join(row)}) VALUES ({_marks(row)})", list(row.values()))
        conn.execute("DELETE FROM retirements WHERE id IS ?", [retired.id])
        goal_file.record(place.subject, retired.item_id, None, {f"restored {retired.year}": (None, top["name"])},
                         origin)  # fmt: skip
    retired.id = None


def _restorable(goal_file: GoalFile, retired: Retired, place: Place) -> dict:
    """The retirement's rows as they can go back into the year today, or the reason they cannot."""
    conn, year, name = goal_file.conn, retired.year, retired.top["name"]
    if conn.execute(
        f"SELECT 1 FROM {place.table} WHERE {place.key} = ? AND year = ?", [retired.item_id, year]
    ).fetchone():
        raise GoalFileError(f"”{name}” finns redan i {year} års struktur.")
    parent = retired.parent_id
    if (
        parent is not None
        and not conn.execute("SELECT 1 FROM node_years WHERE node_id = ? AND year = ?", [parent, year]).fetchone()
    ):
        raise GoalFileError(f"Det som ”{name}” låg under finns inte längre i {year} års struktur. Återinför det först.")
    boards = {r[0] for r in conn.execute("SELECT code FROM boards")}
    units = {r[0] for r in conn.execute("SELECT id FROM units")}
    rows = {t: [dict(r) for r in found] for t, found in retired.rows.items()}
    for row in rows.get("node_boards", []) + rows.get("measure_years", []):
        if row["board_code"] not in boards:
            raise GoalFileError(f"Nämnden {row['board_code']} finns inte längre i filen. Lägg till den först.")
    for row in rows.get("measure_years", []):
        if row["unit_id"] not in units:
            row["unit_id"] = None
    return rows


_MEASURE_USES = ("measure_years", "entries", "section_measures", "conflicts")
_NODE_USES = ("node_years", "assessments", "sections")


def _subtree(goal_file: GoalFile, node_id: str, year: int) -> list[str]:
    """The node and every node under it in the year, parents first."""
    _node_row(goal_file, node_id, year)
    found, frontier = [node_id], [node_id]
    while frontier:
        frontier = [r[0] for r in goal_file.conn.execute(
            f"SELECT node_id FROM node_years WHERE year = ? AND parent_id IN ({_marks(frontier)}) ORDER BY position",
            [year, *frontier])]  # fmt: skip
        found += frontier
    return found


def _take(goal_file: GoalFile, retired: Retired, table: str, column: str, ids: list[str], year: int) -> None:
    if not ids:
        return
    where = f"WHERE year = ? AND {column} IN ({_marks(ids)})"
    rows = [dict(r) for r in goal_file.rows(f"SELECT * FROM {table} {where}", [year, *ids])]
    retired.rows.setdefault(table, []).extend(rows)
    goal_file.conn.execute(f"DELETE FROM {table} {where}", [year, *ids])


def _take_unused(goal_file: GoalFile, retired: Retired, table: str, ids: list[str], uses: tuple[str, ...]) -> None:
    column = "measure_id" if table == "measures" else "node_id"
    for item_id in ids:
        used = any(
            goal_file.conn.execute(f"SELECT 1 FROM {use} WHERE {column} = ? LIMIT 1", [item_id]).fetchone()
            for use in uses
        )
        if not used:
            retired.rows.setdefault(table, []).append({"id": item_id} | (
                {"depth": goal_file.conn.execute("SELECT depth FROM nodes WHERE id = ?", [item_id]).fetchone()[0]}
                if table == "nodes" else {}))  # fmt: skip
            goal_file.conn.execute(f"DELETE FROM {table} WHERE id = ?", [item_id])


def _marks(items) -> str:
    return ", ".join("?" * len(items))


# --- plan years ------------------------------------------------------------------------------


def copy_plan_year(goal_file: GoalFile, from_year: int, year: int, *, origin: str = ORIGIN_APP) -> None:
    """A new plan year whose structure starts as a copy of `from_year`'s (same identities, so
    every carried node and measure keeps its history). Inside the caller's transaction or its own."""
    refusal = goal_file.central_refusal()
    if refusal:
        raise ReadOnlyError(refusal)
    if year in goal_file.plan_years():
        raise GoalFileError(f"Planåret {year} finns redan.")
    conn = goal_file.conn
    with goal_file.transaction():
        conn.execute("INSERT INTO plan_years (year) VALUES (?)", [year])
        for table in ("node_years", "node_boards", "measure_years"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "year"]
            listed = ", ".join(columns)
            conn.execute(f"INSERT INTO {table} (year, {listed}) SELECT ?, {listed} FROM {table} WHERE year = ?",
                         [year, from_year])  # fmt: skip
        goal_file.record("plan_year", str(year), None, {"created": (None, f"kopia av {from_year}")}, origin)


# --- boards and units -------------------------------------------------------------------------


def save_board(goal_file: GoalFile, code: str, name: str, *, origin: str = ORIGIN_APP) -> dict:
    """Add a board, or rename the board with this code (short name) to `name` (long name)."""
    refusal = goal_file.central_refusal()
    if refusal:
        raise ReadOnlyError(refusal)
    code, name = _name(code), _name(name)
    old = next((b for b in goal_file.boards() if b.code == code), None)
    if old is not None and old.name == name:
        return {}
    if old is not None:
        frozen = _years_printing_board(goal_file, code)
        if frozen:
            raise ReadOnlyError(
                f"Nämnden {code} står i rapporten för en låst period ({frozen}) och kan inte byta namn. "
                "Lägg till en ny nämnd för kommande år i stället."
            )
    with goal_file.transaction():
        if old is None:
            position = len(goal_file.boards())
            goal_file.conn.execute("INSERT INTO boards (code, name, position) VALUES (?, ?, ?)", [code, name, position])
        else:
            goal_file.conn.execute("UPDATE boards SET name = ? WHERE code = ?", [name, code])
        diff = {"name": (old.name if old else None, name)}
        goal_file.record("board", code, None, diff, origin)
    return diff


def _years_printing_board(goal_file: GoalFile, code: str) -> str:
    """The locked periods whose report names the board, as one phrase ('' when none)."""
    rows = goal_file.conn.execute(
        """SELECT DISTINCT p.name FROM periods p WHERE p.locked = 1 AND p.year IN (
               SELECT year FROM measure_years WHERE board_code = ? UNION SELECT year FROM node_boards WHERE board_code = ?)
           ORDER BY p.position""",
        [code, code],
    ).fetchall()
    return ", ".join(r[0] for r in rows)


def remove_board(goal_file: GoalFile, code: str, *, origin: str = ORIGIN_APP) -> None:
    refusal = goal_file.central_refusal()
    if refusal:
        raise ReadOnlyError(refusal)
    conn = goal_file.conn
    if conn.execute("SELECT 1 FROM measure_years WHERE board_code = ? UNION SELECT 1 FROM node_boards "
                    "WHERE board_code = ?", [code, code]).fetchone():  # fmt: skip
        raise GoalFileError(f"Nämnden {code} används i strukturen och kan inte tas bort.")
    with goal_file.transaction():
        conn.execute("DELETE FROM boards WHERE code = ?", [code])
        goal_file.record("board", code, None, {"removed": (code, None)}, origin)


def save_unit(goal_file: GoalFile, unit_id: str | None, code: str, name: str, *, origin: str = ORIGIN_APP) -> str:
    """Add a unit (unit_id None: with a new id; an id the file lacks: with that id, the undo of
    a removal) or change a unit's code and name; returns its id."""
    refusal = goal_file.central_refusal()
    if refusal:
        raise ReadOnlyError(refusal)
    code, name = _name(code), _name(name)
    clash = next((u for u in goal_file.units() if u.code.casefold() == code.casefold() and u.id != unit_id), None)
    if clash:
        raise GoalFileError(f"Koden {code} används redan av {clash.name}.")
    old = goal_file.unit_by_id(unit_id) if unit_id is not None else None
    saved = unit_id or new_id()
    with goal_file.transaction():
        if old is None:
            goal_file.conn.execute("INSERT INTO units (id, code, name) VALUES (?, ?, ?)", [saved, code, name])
            goal_file.record("unit", saved, None, {"added": (None, f"{code} {name}")}, origin)
        else:
            goal_file.conn.execute("UPDATE units SET code = ?, name = ? WHERE id = ?", [code, name, saved])
            goal_file.record("unit", saved, None, {"name": (f"{old.code} {old.name}", f"{code} {name}")}, origin)
    return saved


def remove_unit(goal_file: GoalFile, unit_id: str, *, origin: str = ORIGIN_APP) -> None:
    refusal = goal_file.central_refusal()
    if refusal:
        raise ReadOnlyError(refusal)
    conn = goal_file.conn
    if conn.execute("SELECT 1 FROM measure_years WHERE unit_id = ? UNION SELECT 1 FROM merges WHERE unit_id = ? "
                    "UNION SELECT 1 FROM conflicts WHERE unit_id = ? UNION SELECT 1 FROM exports WHERE unit_id = ?",
                    [unit_id] * 4).fetchone():  # fmt: skip
        raise GoalFileError("Enheten har mätta objekt, utskickade eller inkomna filer och kan inte tas bort.")
    with goal_file.transaction():
        conn.execute("DELETE FROM units WHERE id = ?", [unit_id])
        goal_file.record("unit", unit_id, None, {"removed": (unit_id, None)}, origin)
