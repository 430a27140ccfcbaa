"""The main window: goal tree and filters on the left, the editor of the selected node on the right.

It opens and closes files (with the lock), builds the menus, and routes a
selection to the right editor. Writes go through the Document; file errors
become one Swedish message and the previous file stays open.
"""

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.connection import FILE_SUFFIX
from db.errors import user_message
from db.vocabulary import Status
from desktop.identity import name_and_version
from desktop.lockfile import REFRESH_EVERY
from desktop.paths import APP_NAME, documents_folder, resource_path

from . import messages, report_dialog
from .collection_actions import CollectionActions
from .document import Document
from .editors.measure_editor import MeasureEditor
from .editors.node_editor import NodeEditor
from .file_opening import open_with_lock
from .filter_bar import FilterBar
from .filter_proxy import GoalFilterProxy
from .goal_tree_view import GoalTreeView
from .period_actions import PeriodActions
from .settings import app_settings, recent_files, remember_file
from .structure_actions import StructureActions
from .tree_model import MEASURE, NODE, NODE_ROLE, GoalTreeModel

GOAL_FILES = "Styrkort-filer (*.styrkort *.sqlite);;Alla filer (*)"
EMPTY_HINT = "Välj en rad i trädet för att se och fylla i den."


class MainWindow(QMainWindow):
    def __init__(self, user: str | None = None):
        super().__init__()
        self.user = user
        self.document: Document | None = None
        self.settings = app_settings()
        self.undo_group = QUndoGroup(self)
        self.model = GoalTreeModel(self)
        self.proxy = GoalFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = GoalTreeView()
        self.tree.setModel(self.proxy)
        self.tree.set_default_widths()
        self.filters = FilterBar()
        self.filters.criterionChanged.connect(self._filter_changed)
        self.filters.searchChanged.connect(self._search_changed)
        self.progress = QLabel()
        self.progress.setAccessibleName("Rapporteringsläge")
        self.editors = QStackedWidget()
        self._build_layout()
        self._build_menus()
        self.tree.selectionModel().currentRowChanged.connect(self._selected)
        self.lock_timer = QTimer(self, interval=REFRESH_EVERY * 1000)
        self.lock_timer.timeout.connect(lambda: self.document and self.document.lock and self.document.lock.refresh())
        self.lock_timer.start()
        self._show_document_state()
        self._restore_window_state()

    # --- building --------------------------------------------------------------

    def _build_layout(self) -> None:
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        self.period.activated.connect(lambda _i: self.show_period(self.period.currentData()))
        toolbar = QToolBar("Period", objectName="period_toolbar", movable=False)
        period_label = QLabel("  &Period: ")
        period_label.setBuddy(self.period)
        toolbar.addWidget(period_label)
        toolbar.addWidget(self.period)
        self.addToolBar(toolbar)
        self.period_toolbar = toolbar

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(8, 6, 0, 6)
        layout.addWidget(self.filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.progress)
        self.placeholder = QLabel(EMPTY_HINT, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.placeholder.setStyleSheet("color: palette(mid);")
        self.editors.addWidget(self.placeholder)
        self.splitter = QSplitter(objectName="main_splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editors)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        QWidget.setTabOrder(self.filters.search, self.tree)

    def add_action(self, menu: QMenu, text: str, slot, shortcut=None, *, status_tip: str = "") -> QAction:
        """One menu entry; what later features use to add theirs in a line."""
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setStatusTip(status_tip)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("&Arkiv")
        self.add_action(self.file_menu, "&Ny från mall…", self.new_from_template, QKeySequence.StandardKey.New)
        self.add_action(self.file_menu, "&Öppna…", self.choose_file, QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu("Öppna &senaste")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addSeparator()
        self.report_action = self.add_action(
            self.file_menu, "Skriv &ut rapport…", self.print_report, QKeySequence.StandardKey.Print
        )
        self.file_menu.addSeparator()
        self.add_action(self.file_menu, "&Avsluta", self.close, QKeySequence.StandardKey.Quit)

        self.edit_menu = bar.addMenu("&Redigera")
        undo = self.undo_group.createUndoAction(self, "&Ångra")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, "&Gör om")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo

        self.view_menu = bar.addMenu("&Visa")
        self.add_action(self.view_menu, "&Sök…", self._focus_search, QKeySequence.StandardKey.Find)
        self.add_action(self.view_menu, "&Visa allt", self.filters.clear, "Ctrl+Shift+R")
        self.add_action(self.view_menu, "&Gå till trädet", self.tree.setFocus, "Ctrl+1")
        self.add_action(self.view_menu, "Gå till &redigeraren", self._focus_editor, "Ctrl+2")
        self.add_action(self.view_menu, "Fäll &ut alla", self.tree.expand_branches, "Ctrl+Shift++")
        self.add_action(self.view_menu, "Fäll &ihop alla", self.tree.collapseAll, "Ctrl+Shift+-")
        self.view_menu.addSeparator()
        self._filter_menu_actions: list[QAction] = []
        self.view_menu.aboutToShow.connect(self._fill_filter_menus)

        self.help_menu = bar.addMenu("&Hjälp")
        self.add_action(self.help_menu, "&Om Styrkort", self.about)
        self.collection = CollectionActions(self, self.file_menu, self.view_menu, self.report_action, self.flush_editor)
        self.collection_actions = self.collection.actions
        self.periods_ui = PeriodActions(self, self.file_menu, self.report_action, self.period_toolbar,
                                        self.flush_editor)  # fmt: skip
        self.structure_ui = StructureActions(self, self.edit_menu, self.tree, self.model, self._current_node,
                                             self.flush_editor)  # fmt: skip

    def _fill_filter_menus(self) -> None:
        for action in self._filter_menu_actions:
            self.view_menu.removeAction(action)
        before = set(self.view_menu.actions())
        self.filters.fill_menu(self.view_menu)
        self._filter_menu_actions = [a for a in self.view_menu.actions() if a not in before]

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        files = recent_files(self.settings)
        for number, path in enumerate(files, 1):
            self.add_action(self.recent_menu, f"&{number} {path}", lambda p=path: self.open_file(Path(p)))
        if not files:
            self.recent_menu.addAction("(inga filer ännu)").setEnabled(False)

    # --- files -------------------------------------------------------------------

    def open_file(self, path: Path, *, readonly: bool = False) -> bool:
        """Open a goal file in place of the current one; on failure the current one stays."""
        path = Path(path)
        if self.document and path.resolve() == self.document.path.resolve():
            self.reload()
            return True
        if not path.is_file():
            messages.error(self, f"Filen {path} finns inte." if not path.exists() else f"{path} är ingen fil.")
            return False
        opened = open_with_lock(self, path, self.user, readonly=readonly)
        if opened is None:
            return False
        goal_file, lock = opened
        self._set_document(Document(goal_file, lock, self))
        remember_file(self.settings, str(path.resolve()))
        return True

    def _set_document(self, document: Document) -> None:
        self.flush_editor()
        if self.document is not None:
            self.undo_group.removeStack(self.document.undo_stack)
            self.document.close()
            self.document.deleteLater()
        for index in reversed(range(1, self.editors.count())):
            editor = self.editors.widget(index)
            self.editors.removeWidget(editor)
            editor.deleteLater()
        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        document.refused.connect(lambda text: messages.error(self, text))
        document.entryChanged.connect(self._entry_changed)
        document.assessmentChanged.connect(self._assessment_changed)
        document.nodeChanged.connect(lambda node_id: self.model.update_node(document.node(node_id)))
        document.measureChanged.connect(self._measure_changed)
        document.reloaded.connect(self._reloaded)
        document.conflictsChanged.connect(self._reloaded)
        document.structureChanged.connect(self._structure_changed)
        self.panels = {MEASURE: MeasureEditor(document), NODE: NodeEditor(document)}
        for panel in self.panels.values():
            self.editors.addWidget(panel)
        self.filters.populate(document)
        self._fill_periods()
        self._load_tree(select=None)
        self._show_document_state()

    def reload(self) -> None:
        """Read the file again (after a merge or another program changed it), keeping the view."""
        if self.document is None:
            return
        self.flush_editor()
        try:
            self.document.reload()
        except Exception as e:
            message = user_message(e, self.document.path)
            if message is None:
                raise
            messages.error(self, message)

    def show_period(self, code: str) -> None:
        if self.document is None or code == self.document.period.code:
            return
        self.flush_editor()
        self.document.set_period(code)

    def _reloaded(self) -> None:
        """The Document reads anew (another period, or the file after a merge): so does every view."""
        current = self._current_node()
        self.filters.populate(self.document)
        self._fill_periods()
        self._load_tree(select=current.id if current else None)
        self._show_document_state()

    def _structure_changed(self, select: str) -> None:
        """The structure, boards or units changed: the tree reads anew, folds kept, on the item named."""
        current = self._current_node()
        self.filters.populate(self.document)
        self._load_tree(select=select or (current.id if current else None))

    def _fill_periods(self) -> None:
        self.period.clear()
        for period in self.document.periods():
            states = [word for word, on in (("aktuell", period.is_current), ("låst", period.locked)) if on]
            suffix = f" ({', '.join(states)})" if states else ""
            self.period.addItem(f"{period.name} – {period.label}{suffix}", period.code)
        self.period.setCurrentIndex(self.period.findData(self.document.period.code))

    def _load_tree(self, select: str | None) -> None:
        collapsed = self.tree.collapsed_ids() if self.model.rowCount() else set()
        document = self.document
        own = document.own_unit
        self.model.set_tree(document.tree(), document.model(), document.units(), document.open_conflicts(),
                            own.id if own else None)  # fmt: skip
        self.tree.expand_branches()
        for node_id in collapsed:
            self.tree.collapse(self.proxy.mapFromSource(self.model.index_of(node_id)))
        if select:
            self.select_node(select)
        else:
            self.editors.setCurrentWidget(self.placeholder)
        self._update_progress()

    def choose_file(self) -> None:
        folder = str(self.document.path.parent) if self.document else str(documents_folder())
        path = messages.choose_open_file(self, "Öppna målfil", folder, GOAL_FILES)
        if path:
            self.open_file(Path(path))

    def new_from_template(self) -> None:
        from db.new_file import create_from_template
        from db.template import load_template

        template_path = messages.choose_open_file(
            self, "Välj strukturmall", str(resource_path()), "Strukturmallar (*.json);;Alla filer (*)"
        )
        if not template_path:
            return
        target = messages.choose_save_file(self, "Spara den nya målfilen som", str(documents_folder()), GOAL_FILES)
        if not target:
            return
        target_path = Path(target if Path(target).suffix else target + FILE_SUFFIX)
        try:
            create_from_template(target_path, load_template(template_path), user=self.user).close()
        except Exception as e:
            message = user_message(e, target_path)
            if message is None:
                raise
            messages.error(self, message)
            return
        self.open_file(target_path)

    def print_report(self) -> None:
        if self.document is None or not report_dialog.report_available():
            return
        self.flush_editor()
        dialog = report_dialog.ReportDialog(self.document, self)
        if dialog.exec():
            choice = dialog.choices()
            report_dialog.build_in_background(
                self, self.document.path, choice["board"], choice["period"], choice["out"], choice["format"]
            )

    def about(self) -> None:
        messages.information(
            self,
            f"{name_and_version()} – uppföljning av mål och måluppfyllelse i balanserad styrning.\n\n"
            "Enheterna fyller i utfall och bedömningar i sina egna filer utan uppkoppling; "
            "controllern sammanfogar dem och skriver ut nämndernas rapport.",
            "Om Styrkort",
        )

    # --- selection and edits -------------------------------------------------------

    def _current_node(self):
        index = self.tree.currentIndex()
        return index.data(NODE_ROLE) if index.isValid() else None

    def select_node(self, node_id: str) -> bool:
        index = self.proxy.mapFromSource(self.model.index_of(node_id))
        if not index.isValid():
            self.editors.setCurrentWidget(self.placeholder)
            return False
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.tree.selectionModel().setCurrentIndex(index, flags)
        self.tree.scrollTo(index, QTreeView.ScrollHint.PositionAtCenter)
        self._selected(index)
        return True

    def _selected(self, index) -> None:
        self.flush_editor()
        node = index.data(NODE_ROLE) if index.isValid() else None
        if node is None or self.document is None:
            self.editors.setCurrentWidget(self.placeholder)
            return
        panel = self.panels[node.kind]
        panel.show_node(node)
        self.editors.setCurrentWidget(panel)

    def flush_editor(self) -> None:
        editor = self.editors.currentWidget()
        if hasattr(editor, "flush"):
            editor.flush()

    def _entry_changed(self, measure_id: str, period_code: str) -> None:
        if period_code == self.document.period.code:
            self.model.update_entry(self.document.entry(measure_id))
            self._update_progress()

    def _assessment_changed(self, node_id: str, period_code: str) -> None:
        if period_code == self.document.period.code:
            self.model.update_assessment(self.document.assessment(node_id))

    def _measure_changed(self, measure_id: str) -> None:
        self.model.update_measure(self.document.measure(measure_id))

    def _filter_changed(self, name: str, value) -> None:
        self.proxy.set_criterion(name, value)
        self._after_filtering()

    def _search_changed(self, text: str) -> None:
        self.proxy.set_search(text)
        self._after_filtering()

    def _after_filtering(self) -> None:
        self.tree.expand_branches()
        self._update_progress()

    def _update_progress(self) -> None:
        items = self.model.org_model.item_level.plural.lower() if self.model.org_model.levels else "mätta objekt"
        self.progress.setText(progress_line(self.visible_measures(), self.proxy.is_active(), items))

    def visible_measures(self) -> list:
        """The measures the tree shows now, after filtering."""
        measures = self.model.measures()
        if not self.proxy.is_active():
            return measures
        return [m for m in measures if self.proxy.accepts(self.model.node(m.id))]

    def _focus_search(self) -> None:
        self.filters.search.setFocus()
        self.filters.search.selectAll()

    def _focus_editor(self) -> None:
        widget = self.editors.currentWidget()
        widget.focusNextChild() if widget is not self.placeholder else None

    # --- window state ----------------------------------------------------------------

    def _show_document_state(self) -> None:
        has_file = self.document is not None
        for widget in (self.tree, self.filters, self.period):
            widget.setEnabled(has_file)
        self.report_action.setEnabled(has_file and report_dialog.report_available())
        self.collection.set_document(self.document)
        self.periods_ui.set_document(self.document)
        self.structure_ui.set_document(self.document)
        if not has_file:
            self.setWindowTitle(APP_NAME)
            self.placeholder.setText("Ingen fil är öppen. Välj Arkiv → Öppna… eller Ny från mall…")
            return
        self.placeholder.setText(EMPTY_HINT)
        document = self.document
        parts = [document.path.name]
        if document.own_unit:
            parts.append(f"enhetsfil för {document.own_unit.name}")
        title = " – ".join([APP_NAME, *parts])
        self.setWindowTitle(title + (" (skrivskyddad)" if document.readonly else ""))

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1400, 850)
        splitter = self.settings.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([950, 450])
        header = self.settings.value("window/tree_header")
        if header is not None:
            self.tree.header().restoreState(header)

    def closeEvent(self, event) -> None:
        self.flush_editor()  # never lose typing that is waiting for its pause
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/tree_header", self.tree.header().saveState())
        self.settings.sync()
        if self.document is not None:
            self.document.close()
            self.document = None
        super().closeEvent(event)


def progress_line(measures: list, filtered: bool, items: str) -> str:
    """'87 av 107 styrmått rapporterade, 12 klara' over the measures shown, in the file's word for them."""
    reported = sum(not m.entry.is_empty for m in measures)
    ready = sum(m.entry.status == Status.READY for m in measures)
    text = f"{reported} av {len(measures)} {items} rapporterade, {ready} klara"
    return text + " (i urvalet)" if filtered else text
