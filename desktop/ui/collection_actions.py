"""The controller's collection work in the main window's menus.

Arkiv: Exportera enhetsfiler…, Sammanfoga inkomna filer…; Visa: Insamlingens
läge…, Konflikter…. Only a writable central file offers them. After a merge
or a resolved conflict the window re-reads the file, and the undo history is
cleared: undoing an edit made before a merge must not silently overwrite what
the merge brought in. The dialogs (and the merge code behind them) are
imported when first used, not at start.
"""


def install(window) -> None:
    """Add the collection actions to `window` (a MainWindow) and keep them enabled correctly."""
    file_menu, view_menu = window.file_menu, window.view_menu
    before = window.report_action
    export = window.add_action(file_menu, "&Exportera enhetsfiler…", lambda: _export(window), "Ctrl+E")
    merge = window.add_action(file_menu, "Sa&mmanfoga inkomna filer…", lambda: _merge(window), "Ctrl+M")
    file_menu.insertActions(before, [export, merge])
    file_menu.insertSeparator(before)
    view_menu.addSeparator()
    status = window.add_action(view_menu, "Insamlingens &läge…", lambda: _status(window), "Ctrl+L")
    conflicts = window.add_action(view_menu, "&Konflikter…", lambda: _conflicts(window), "Ctrl+K")
    window.collection_actions = [export, merge, status, conflicts]


def update_enabled(window) -> None:
    goal_file = window.document.goal_file if window.document else None
    central = goal_file is not None and goal_file.can_edit_structure()
    for action in window.collection_actions:
        action.setEnabled(central)


def _export(window) -> None:
    from .merge_dialog import ExportDialog

    window.flush_editor()
    ExportDialog(window, window.document.goal_file).exec()


def _merge(window) -> None:
    from .merge_dialog import MergeDialog

    window.flush_editor()
    dialog = MergeDialog(window, window.document.goal_file)
    dialog.merged.connect(lambda _run: _after_change(window))
    dialog.exec()


def _status(window) -> None:
    from .collection_dialog import CollectionDialog

    CollectionDialog(window, window.document.goal_file, window.document.period.code).exec()


def _conflicts(window) -> None:
    from .conflict_dialog import ConflictDialog

    window.flush_editor()
    dialog = ConflictDialog(window, window.document.goal_file)
    dialog.resolved.connect(lambda _id: _after_change(window))
    dialog.exec()


def _after_change(window) -> None:
    window.document.undo_stack.clear()
    window.reload()
