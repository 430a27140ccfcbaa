"""Editing the shown plan year's structure from the window: Redigera and the tree's context menu.

Add (Insert: after the selected item, on its level; Ctrl+Insert: under it),
rename (F2), settings (Alt+Enter), move (Alt+Upp/Alt+Ned, or to another
node), retire (Delete, after a question that names what goes and says that
its values stay), put back what was retired in an earlier session
(Återinför…), and the boards and units. The keys act in the tree only,
so Delete in a text field still deletes text. Every word for a level comes
from the file's model. Central file only: in a unit file or a read-only file
none of it is shown. A frozen year (a locked period) refuses with the
permission rule's sentence. Writes go through the Document, which makes each
step undoable and reloads the tree; never the window, never `db`.
"""

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QTreeView, QWidget

from db.model import walk
from db.vocabulary import count_phrase

from . import messages, texts
from .lists_dialogs import BoardsDialog, UnitsDialog
from .measure_settings_dialog import MeasureDialog
from .structure_dialogs import MoveDialog, NameDialog, NodeDialog, ReinstateDialog, new_title
from .tree_model import MEASURE, GoalTreeModel
from .tree_model import Node as TreeNode


class StructureActions(QObject):
    def __init__(self, owner: QWidget, edit_menu: QMenu, tree: QTreeView, tree_model: GoalTreeModel,
                 current: Callable[[], TreeNode | None], flush: Callable[[], None]):  # fmt: skip
        super().__init__(owner)
        self._owner, self._tree_model, self._current, self._flush = owner, tree_model, current, flush
        self.document = None
        self.add_sibling = self._action("", self._add_sibling, "Insert")
        self.add_child = self._action("", self._add_child, "Ctrl+Insert")
        self.rename = self._action("&Byt namn…", self._rename, "F2")
        self.settings = self._action("&Inställningar…", self._settings, "Alt+Return")
        self.move_up = self._action("Flytta u&pp", lambda: self._step(-1), "Alt+Up")
        self.move_down = self._action("Flytta ne&d", lambda: self._step(1), "Alt+Down")
        self.move_to = self._action("&Flytta till…", self._move_to)
        self.retire = self._action("", self._retire, "Delete")
        self.reinstate = self._action("Å&terinför…", self._reinstate)
        self.boards = self._action("Nä&mnder…", lambda: self._list(BoardsDialog))
        self.units = self._action("&Enheter…", lambda: self._list(UnitsDialog))
        self.item_actions = [self.add_sibling, self.add_child, None, self.rename, self.settings, None,
                             self.move_up, self.move_down, self.move_to, None, self.retire, self.reinstate]  # fmt: skip
        self._separators = [edit_menu.addSeparator()]
        for action in self.item_actions:
            if action is None:
                self._separators.append(edit_menu.addSeparator())
            else:
                edit_menu.addAction(action)
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                tree.addAction(action)  # the keys work where the tree has focus
        self._separators.append(edit_menu.addSeparator())
        edit_menu.addActions([self.boards, self.units])
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        tree.customContextMenuRequested.connect(lambda pos: self.context_menu().exec(tree.viewport().mapToGlobal(pos)))
        tree.selectionModel().currentRowChanged.connect(lambda *_: self.update())
        tree_model.modelReset.connect(self.update)
        self._tree = tree

    def _action(self, text: str, slot, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    # --- what is offered --------------------------------------------------------------

    def set_document(self, document) -> None:
        self.document = document
        self.update()

    def available(self) -> bool:
        """Structure is edited in a writable central file only."""
        return self.document is not None and self.document.central_refusal() is None

    def update(self) -> None:
        """Show the actions that apply, named with the file's words for the selected item's level."""
        shown = self.available()
        for action in [*filter(None, self.item_actions), self.boards, self.units, *self._separators]:
            action.setVisible(shown)
        if not shown:
            return
        # The words of the model the tree was built with: a file just opened may not be ours yet.
        model, node = self._tree_model.org_model, self._current()
        if not model.levels:
            return
        year = self.document.period.year
        if node is None:
            top = model.level(0)
            self.add_sibling.setText(f"&{new_title(top.singular, top.article)} i {year}")
        elif node.kind == MEASURE:
            item = model.item_level
            self.add_sibling.setText(f"&{new_title(item.singular, item.article)}")
        else:
            level = model.level(node.depth)
            self.add_sibling.setText(f"&{new_title(level.singular, level.article)}")
        child = model.level(node.depth + 1) if node is not None and node.kind != MEASURE else None
        self.add_child.setText(f"{new_title(child.singular, child.article)} &under {model.level(node.depth).the}"
                               if child else "Nytt &under")  # fmt: skip
        self.add_child.setEnabled(child is not None)
        siblings = self._siblings(node) if node else []
        index = siblings.index(node) if node in siblings else -1
        for action in (self.rename, self.settings, self.retire):
            action.setEnabled(node is not None)
        self.move_up.setEnabled(index > 0)
        self.move_down.setEnabled(0 <= index < len(siblings) - 1)
        self.move_to.setEnabled(node is not None and (node.kind == MEASURE or node.depth > 0))
        what = (model.kind(node.item.kind).singular if node.kind == MEASURE else model.level(node.depth).singular
                ) if node else ""  # fmt: skip
        self.retire.setText(f"A&vveckla {what.lower()}…" if what else "A&vveckla…")

    def context_menu(self) -> QMenu:
        """The tree's context menu: the item actions that apply (Shift+F10 or the menu key opens it)."""
        menu = QMenu(self._tree)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not self.available():
            return menu
        self.update()
        for action in self.item_actions:
            menu.addSeparator() if action is None else menu.addAction(action)
        return menu

    def _siblings(self, node: TreeNode) -> list[TreeNode]:
        """The node's siblings in the tree (unfiltered), itself included."""
        children = node.parent.children if node.parent else self._tree_model.children_of(QModelIndex())
        return [c for c in children if c.kind == node.kind]

    # --- refusals -----------------------------------------------------------------------

    def _refusal(self, *, printed: bool = True) -> bool:
        """Show why the shown year's structure cannot change, if it cannot; True then."""
        refusal = self.document.structure_refusal(printed=printed)
        if refusal:
            messages.error(self._owner, refusal)
        return refusal is not None

    def _start(self) -> bool:
        """Before a step: the editor's pending typing is saved; False when the year refuses."""
        self._flush()
        return self.document is not None and not self._refusal()

    # --- adding ----------------------------------------------------------------------------

    def _add_sibling(self) -> None:
        node = self._current()
        if not self._start():
            return
        if node is None:
            self._new_node(None, None, 0, [])
        elif node.kind == MEASURE:
            measure = node.item
            self._new_measure(node.parent, measure.position + 1,
                              {"kind": measure.kind, "board_code": measure.board, "unit_id": measure.unit_id})  # fmt: skip
        else:
            self._new_node(node.parent, node.item.position + 1, node.depth, node.item.boards)

    def _add_child(self) -> None:
        node = self._current()
        if node is None or node.kind == MEASURE or not self._start():
            return
        if node.depth == self.document.model().measure_depth:
            self._new_measure(node, None, {"board_code": next(iter(node.item.boards), None)})
        else:
            self._new_node(node, None, node.depth + 1, node.item.boards)

    def _new_node(self, parent: TreeNode | None, position: int | None, depth: int, boards: list[str]) -> None:
        model, year = self.document.model(), self.document.period.year
        level = model.level(depth)
        where = (f"Under {model.level(parent.depth).the} ”{parent.item.name}” i {year} års struktur."
                 if parent else f"Överst i {year} års struktur.")  # fmt: skip
        NodeDialog(
            self._owner, new_title(level.singular, level.article), level, self.document.boards(),
            chosen_boards=boards, where=where,
            on_accept=lambda values: self.document.add_node(parent.id if parent else None, values,
                                                            position=position) is not None,
        ).exec()  # fmt: skip

    def _new_measure(self, parent: TreeNode, position: int | None, defaults: dict) -> None:
        model, year = self.document.model(), self.document.period.year
        item = model.item_level
        defaults = {k: v for k, v in defaults.items() if v is not None}
        MeasureDialog(
            self._owner, self.document, new_title(item.singular, item.article), defaults=defaults,
            where=f"Under {model.level(parent.depth).the} ”{parent.item.name}” i {year} års struktur.",
            on_accept=lambda values: self.document.add_measure(parent.id, values, position=position) is not None,
        ).exec()  # fmt: skip

    # --- changing --------------------------------------------------------------------------

    def _rename(self) -> None:
        node = self._current()
        if node is None or not self._start():
            return
        edit = self.document.edit_measure_settings if node.kind == MEASURE else self.document.edit_node_settings
        NameDialog(self._owner, f"Byt namn ({self.document.period.year} års struktur)", node.item.name,
                   on_accept=lambda name: edit(node.id, {"name": name})).exec()  # fmt: skip

    def _settings(self) -> None:
        node = self._current()
        if node is None:
            return
        self._flush()
        year = self.document.period.year
        if node.kind == MEASURE:
            if self._refusal(printed=False):  # a frozen year still lets the unit change
                return
            MeasureDialog(
                self._owner, self.document, f"Inställningar för {year}", measure=node.item,
                frozen=self.document.structure_refusal(),
                on_accept=lambda values: self.document.edit_measure_settings(node.id, values),
            ).exec()  # fmt: skip
            return
        if self._refusal():
            return
        level = self.document.model().level(node.depth)
        NodeDialog(
            self._owner, f"{level.singular} – inställningar för {year}", level, self.document.boards(),
            name=node.item.name, chosen_boards=node.item.boards, description=node.item.description,
            on_accept=lambda values: self.document.edit_node_settings(node.id, values),
        ).exec()  # fmt: skip

    def _step(self, step: int) -> None:
        node = self._current()
        if node is None:
            return
        siblings = self._siblings(node)
        index = siblings.index(node) + step
        if not 0 <= index < len(siblings) or not self._start():
            return
        self.document.move(node.id, _parent_id(node), siblings[index].item.position)

    def _move_to(self) -> None:
        node = self._current()
        if node is None or (node.kind != MEASURE and node.depth == 0) or not self._start():
            return
        depth = self.document.model().measure_depth if node.kind == MEASURE else node.depth - 1
        places = [(n.id, path) for n, path in _paths(self.document.tree()) if n.depth == depth]
        places = [(place, path) for place, path in places if place != _parent_id(node)]
        MoveDialog(self._owner, f"Flytta ”{node.item.name}”", places,
                   on_accept=lambda place: self.document.move(node.id, place, None)).exec()  # fmt: skip

    def _retire(self) -> None:
        node = self._current()
        if node is None or not self._start():
            return
        if messages.question(self._owner, self._retire_question(node), "Avveckla", "Avbryt"):
            self.document.retire(node.id)

    def _reinstate(self) -> None:
        if not self._start():
            return
        model, year = self.document.model(), self.document.period.year
        found = self.document.retirements()
        if not found:
            messages.information(self._owner, f"Inget är avvecklat ur {year} års struktur.")
            return
        choices = [(i, _retirement_line(model, retired)) for i, retired in enumerate(found)]
        ReinstateDialog(self._owner, f"Återinför i {year} års struktur", choices,
                        on_accept=lambda i: self.document.reinstate(found[i])).exec()  # fmt: skip

    def _retire_question(self, node: TreeNode) -> str:
        """Names what is retired, what goes with it, and that every value stays."""
        model, year = self.document.model(), self.document.period.year
        if node.kind == MEASURE:
            question = f"Avveckla ”{node.item.name}” ur {year} års struktur?"
            under = ""
        else:
            question = f"Avveckla {model.level(node.depth).the} ”{node.item.name}” ur {year} års struktur?"
            counts = [
                count_phrase(n, level.singular.lower(), level.plural.lower())
                for level in model.grouping_levels[node.depth + 1 :]
                if (n := sum(1 for below in walk([node.item]) if below.depth == level.depth))
            ]
            measures = len(node.item.all_measures())
            if measures:
                item = model.item_level
                counts.append(count_phrase(measures, item.singular.lower(), item.plural.lower()))
            under = f" Allt som ligger under avvecklas också: {' och '.join(counts)}." if counts else ""
        return (
            f"{question}{under}\n\nDet som redan är ifyllt tas inte bort: värdena finns kvar i filen, och tidigare "
            f"års perioder visas och skrivs ut som förut. I {year} års perioder och rapporter syns det inte "
            "längre. Ångra med Ctrl+Z."
        )

    def _list(self, dialog_class) -> None:
        self._flush()
        if self.document is not None:
            dialog_class(self.document, self._owner).exec()


def _retirement_line(model, retired) -> str:
    """'Andel … – nyckeltal, avvecklades 2026-11-29 14:02 av anna' (no gender to agree with)."""
    what = model.level(retired.depth).singular if retired.is_node else model.kind(retired.top["kind"]).singular
    return f"{retired.top['name']} – {what.lower()}, avvecklades {texts.local_time(retired.at)} av {retired.by}"


def _parent_id(node: TreeNode) -> str | None:
    return node.item.node_id if node.kind == MEASURE else node.item.parent_id


def _paths(roots) -> list:
    """Every node of a tree with its path of names from the top: 'Samhälle › Ett mål › En faktor'."""
    found = []

    def visit(node, above: str) -> None:
        path = f"{above} › {node.name}" if above else node.name
        found.append((node, path))
        for child in node.children:
            visit(child, path)

    for root in roots:
        visit(root, "")
    return found
