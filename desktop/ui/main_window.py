"""The main window: goal tree and filters on the left, the editor of the selected node on the right;
in a unit file, the officer's banner across the top.

It opens and closes files (with the lock), builds the menus Arkiv, Redigera,
Visa and Hjälp, routes a selection to the right editor, and keeps the
window's state: geometry, and per file the filters, the search and the
selected row, which also survive a merge, a resolved conflict and a reload.
Writes go through the Document; file errors become one Swedish message and
the previous file stays open. Every word shown is in `texts`, or the file's.
"""

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
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

from db.errors import user_message
from db.vocabulary import Status
from desktop.lockfile import REFRESH_EVERY
from desktop.paths import documents_folder

from . import focus_frame, help_window, messages, report_dialog, texts
from .collection_actions import CollectionActions
from .document import Document
from .editors.measure_editor import MeasureEditor
from .editors.node_editor import NodeEditor
from .file_opening import open_with_lock
from .filter_bar import FilterBar
from .filter_proxy import GoalFilterProxy
from .goal_tree_view import GoalTreeView
from .period_actions import PeriodActions
from .settings import app_settings, load_view, recent_files, remember_file, save_view
from .structure_actions import StructureActions
from .table_actions import TableActions
from .tree_model import MEASURE, NODE, NODE_ROLE, GoalTreeModel
from .unit_workspace import UnitBanner

DEFAULT_SIZE = (1600, 940)
TREE_SHARE = 0.64  # of the window's width, at the first start
EDITOR_MINIMUM_WIDTH = 340  # pixels: the form's labels and fields stay side by side


class MainWindow(QMainWindow):
    def __init__(self, user: str | None = None):
        super().__init__()
        self.user = user
        self.document: Document | None = None
        self.settings = app_settings()
        focus_frame.install(QApplication.instance())
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
        self.progress = QLabel(accessibleName=texts.PROGRESS_NAME)
        self.banner = UnitBanner()
        self.editors = QStackedWidget()
        self.editors.setMinimumWidth(EDITOR_MINIMUM_WIDTH)
        self.panels: dict = {}
        self._handbook = None
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
        # Sized to its texts whenever they change: a file opened later, or a period locked, has longer ones.
        self.period = QComboBox(
            accessibleName=texts.PERIOD_NAME, sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToContents
        )
        self.period.activated.connect(lambda _i: self.show_period(self.period.currentData()))
        toolbar = QToolBar(texts.PERIOD_NAME, objectName="period_toolbar", movable=False)
        toolbar.toggleViewAction().setVisible(False)
        toolbar.addWidget(QLabel(texts.PERIOD_LABEL, buddy=self.period))
        toolbar.addWidget(self.period)
        self.addToolBar(toolbar)
        self.period_toolbar = toolbar

        left = QWidget()
        layout = QVBoxLayout(left)
        layout.setContentsMargins(8, 6, 0, 6)
        layout.addWidget(self.filters)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.progress)
        self.placeholder = QLabel(texts.EMPTY_HINT, alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.placeholder.setStyleSheet("color: palette(mid);")
        self.editors.addWidget(self.placeholder)
        self.splitter = QSplitter(objectName="main_splitter", childrenCollapsible=False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editors)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._chain_focus()

    def _chain_focus(self) -> None:
        """Tab follows the screen: the period, the banner, the filters, the tree, then the editor's
        fields top to bottom (Qt skips what is hidden)."""
        chain = [self.period, self.banner.send_button, *self.filters.focus_chain(), self.tree]
        for panel in self.panels.values():
            chain += panel.focus_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

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
        self.file_menu = bar.addMenu(texts.MENU_FILE)
        self.add_action(self.file_menu, texts.NEW_FROM_TEMPLATE, self.new_from_template, QKeySequence.StandardKey.New)
        self.add_action(self.file_menu, texts.OPEN, self.choose_file, QKeySequence.StandardKey.Open)
        self.recent_menu = self.file_menu.addMenu(texts.OPEN_RECENT)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.file_menu.addSeparator()
        self.report_action = self.add_action(
            self.file_menu, texts.PRINT_REPORT, self.print_report, QKeySequence.StandardKey.Print
        )
        self.file_menu.addSeparator()
        self.send_action = self.add_action(self.file_menu, texts.READY_TO_SEND, self.banner.show_send_dialog)
        self.file_menu.addSeparator()
        self.add_action(self.file_menu, texts.QUIT, self.close, QKeySequence.StandardKey.Quit)

        self.edit_menu = bar.addMenu(texts.MENU_EDIT)
        undo = self.undo_group.createUndoAction(self, texts.UNDO)
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_group.createRedoAction(self, texts.REDO)
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addActions([undo, redo])
        self.undo_action, self.redo_action = undo, redo

        self.view_menu = bar.addMenu(texts.MENU_VIEW)
        self.add_action(self.view_menu, texts.SEARCH, self._focus_search, QKeySequence.StandardKey.Find)
        self.add_action(self.view_menu, texts.CLEAR_FILTERS, self.filters.clear, "Ctrl+Shift+R")
        self.add_action(self.view_menu, texts.GO_TO_TREE, self.tree.setFocus, "Ctrl+1")
        self.add_action(self.view_menu, texts.GO_TO_EDITOR, self._focus_editor, "Ctrl+2")
        self.add_action(self.view_menu, texts.EXPAND_ALL, self.tree.expand_branches, "Ctrl+Shift++")
        self.add_action(self.view_menu, texts.COLLAPSE_ALL, self.tree.collapseAll, "Ctrl+Shift+-")
        self.view_menu.addSeparator()
        self._filter_menu_actions: list[QAction] = []
        self.view_menu.aboutToShow.connect(self._fill_filter_menus)

        self.help_menu = bar.addMenu(texts.MENU_HELP)
        self.add_action(self.help_menu, texts.HANDBOOK, self.show_handbook, QKeySequence.StandardKey.HelpContents)
        self.add_action(self.help_menu, texts.LEGEND, self.show_legend)
        self.help_menu.addSeparator()
        self.add_action(self.help_menu, texts.ABOUT, lambda: help_window.show_about(self))
        self.tables = TableActions(self, self.file_menu, self.send_action, self.flush_editor)
        self.collection = CollectionActions(self, self.file_menu, self.view_menu, self.report_action, self.flush_editor)
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
            self.recent_menu.addAction(texts.NO_RECENT).setEnabled(False)

    # --- files -------------------------------------------------------------------

    def open_file(self, path: Path, *, readonly: bool = False) -> bool:
        """Open a goal file in place of the current one; on failure the current one stays."""
        path = Path(path)
        if self.document and path.resolve() == self.document.path.resolve():
            self.reload()
            return True
        if not path.is_file():
            messages.error(self, texts.file_missing(path) if not path.exists() else texts.not_a_file(path))
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
            self._save_view()
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
        document.conflictsChanged.connect(self._conflicts_changed)
        document.structureChanged.connect(self._structure_changed)
        self.panels = {MEASURE: MeasureEditor(document), NODE: NodeEditor(document)}
        for panel in self.panels.values():
            self.editors.addWidget(panel)
        self._chain_focus()
        view = load_view(self.settings, document.path)
        self.filters.populate(document)
        self.filters.restore(view.get("filters") or {})
        self._fill_periods()
        self._load_tree(select=view.get("selected"))
        if self._current_node() is None and (first := self._first_to_do()):
            self.select_node(first)
        self._show_document_state()
        # The officer starts in the tree, on their first measure; the controller in the search.
        start = self.tree if self._current_node() is not None else self.filters.search
        start.setFocus(Qt.FocusReason.OtherFocusReason)

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
        """The Document reads anew (another period, the file after a merge or an import): so does
        every view, keeping the filters, the search and the selected row."""
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

    def _conflicts_changed(self) -> None:
        """A conflict was resolved: its mark goes, nothing else in the view moves."""
        self.model.set_conflicts(self.document.open_conflicts())

    def _fill_periods(self) -> None:
        self.period.clear()
        for period in self.document.periods():
            self.period.addItem(texts.period_choice(period), period.code)
        self.period.setCurrentIndex(self.period.findData(self.document.period.code))

    def _load_tree(self, select: str | None) -> None:
        collapsed = self.tree.collapsed_ids() if self.model.rowCount() else set()
        document = self.document
        own = document.own_unit if document.is_unit_file else None
        self.model.set_tree(document.tree(), document.model(), document.units(), document.open_conflicts(),
                            own.id if own else None)  # fmt: skip
        self.tree.expand_branches()
        self.tree.fit_columns(self.model)
        for node_id in collapsed:
            self.tree.collapse(self.proxy.mapFromSource(self.model.index_of(node_id)))
        if not (select and self.select_node(select)):
            self.editors.setCurrentWidget(self.placeholder)
        self._update_progress()

    def _first_to_do(self) -> str | None:
        """In a unit file opened for the first time, the officer's first measure not yet ready."""
        if not self.document.is_unit_file:
            return None
        own = [m for m in self.visible_measures() if self.model.is_own(m)]
        return next((m.id for m in own if m.entry.status != Status.READY), own[0].id if own else None)

    def choose_file(self) -> None:
        folder = str(self.document.path.parent) if self.document else str(documents_folder())
        path = messages.choose_open_file(self, texts.CHOOSE_GOAL_FILE, folder, texts.GOAL_FILES)
        if path:
            self.open_file(Path(path))

    def new_from_template(self) -> None:
        from .new_file_dialog import NewFileDialog

        dialog = NewFileDialog(self, self.user)
        if dialog.exec() and dialog.created is not None:
            self.open_file(dialog.created)

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

    # --- help ----------------------------------------------------------------------

    def show_handbook(self) -> None:
        if self._handbook is None:
            self._handbook = help_window.HandbookWindow(self, self.document.model() if self.document else None)
            self._handbook.finished.connect(lambda _r: setattr(self, "_handbook", None))
        self._handbook.show()
        self._handbook.raise_()
        self._handbook.activateWindow()

    def show_legend(self) -> None:
        help_window.LegendDialog(self, self.document.model() if self.document else None).exec()

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
        before = self.tree.currentIndex().siblingAtColumn(0)
        self.tree.selectionModel().setCurrentIndex(index, flags)  # a new row reaches `_selected` by signal
        self.tree.scrollTo(index, QTreeView.ScrollHint.PositionAtCenter)
        if before.isValid() and before == index.siblingAtColumn(0):
            self._selected(index)  # the same row: no signal, but the editor still reads it anew
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
        if self.proxy.set_criterion(name, value):
            self._after_filtering()

    def _search_changed(self, text: str) -> None:
        if self.proxy.set_search(text):
            self._after_filtering()

    def _after_filtering(self) -> None:
        self.tree.expand_branches()
        self._update_progress()

    def _update_progress(self) -> None:
        """The officer counts their own unit's measures whatever is shown; the controller what is shown."""
        model = self.model.org_model
        unit = self.document.own_unit if self.document and self.document.is_unit_file else None
        measures = self.model.own_measures() if unit else self.visible_measures()
        reported = sum(not m.entry.is_empty for m in measures)
        ready = sum(m.entry.status == Status.READY for m in measures)
        if unit:
            self.progress.setText(texts.unit_progress_line(unit.name, reported, ready, len(measures), model))
            self.banner.show_progress(measures)
        else:
            self.progress.setText(texts.progress_line(reported, ready, len(measures), model, self.proxy.is_active()))

    def visible_measures(self) -> list:
        """The measures the tree shows now, after filtering."""
        measures = self.model.measures()
        if not self.proxy.is_active():
            return measures
        return [m for m in measures if self.proxy.accepts(self.model.node(m.id))]

    def _focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _focus_editor(self) -> None:
        """Ctrl+2: the first field that can be filled in (with nothing selected, of the first
        measure shown)."""
        if self.editors.currentWidget() is self.placeholder:
            first = next((m for m in self.visible_measures() if self.model.is_own(m)), None)
            if first is None or not self.select_node(first.id):
                return
        field = self.editors.currentWidget().first_field()
        if field is not None:
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- window state ----------------------------------------------------------------

    def _show_document_state(self) -> None:
        document = self.document
        has_file = document is not None
        for widget in (self.tree, self.filters, self.period):
            widget.setEnabled(has_file)
        self.report_action.setEnabled(has_file and report_dialog.report_available())
        self.collection.set_document(document)
        self.tables.set_document(document)
        self.banner.show_document(document)
        self.send_action.setVisible(has_file and document.is_unit_file and document.own_unit is not None)
        self.periods_ui.set_document(document)
        self.structure_ui.set_document(document)
        if not has_file:
            self.setWindowTitle("")
            self.placeholder.setText(texts.NO_FILE_HINT)
            return
        self.placeholder.setText(texts.EMPTY_HINT)
        unit = document.own_unit if document.is_unit_file else None
        self.setWindowTitle(texts.window_title(document.path.name, unit.name if unit else None, document.readonly))
        self._update_progress()

    def _save_view(self) -> None:
        """The filters and the selected row of the open file, for the next time it is opened."""
        current = self._current_node()
        save_view(self.settings, self.document.path,
                  {"filters": self.filters.state(), "selected": current.id if current else None})  # fmt: skip

    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self._fit_to_screen()
        splitter = self.settings.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            width = self.width()
            self.splitter.setSizes([int(width * TREE_SHARE), width - int(width * TREE_SHARE)])

    def _fit_to_screen(self) -> None:
        """The default size, or the whole screen where that is smaller (a 1280×720 laptop)."""
        width, height = DEFAULT_SIZE
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None and (screen.width() < width or screen.height() < height):
            self.setGeometry(screen)
            return
        self.resize(width, height)

    def closeEvent(self, event) -> None:
        self.flush_editor()  # never lose typing that is waiting for its pause
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self.document is not None:
            self._save_view()
        self.settings.sync()
        if self.document is not None:
            self.document.close()
            self.document = None
        super().closeEvent(event)
