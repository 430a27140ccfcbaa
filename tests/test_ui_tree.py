"""The goal tree: every node in order, the model contract, filters, search, progress line."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QHeaderView

from db.goalfile import GoalFile
from db.model import all_measures
from desktop.ui.filter_proxy import NO_COMMENTARY, NOT_ASSESSED, NOT_MET_UNCOMMENTED
from desktop.ui.symbol_icons import symbol_icon
from desktop.ui.tree_model import FULFILMENT, NAME, NODE_ROLE, OUTCOME, STATUS, TREND_COLUMN, UNIT, GoalTreeModel


def rows(model, parent=None):
    """Depth-first names, indented by depth, of every row the model shows."""
    parent = parent or QModelIndex()
    result = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        result.append(index.data())
        result.extend(f"  {name}" for name in rows(model, index))
    return result


def expected_rows(tree, indent=""):
    result = []
    for node in tree:
        result.append(f"{indent}{node.name}")
        result += expected_rows(node.children, indent + "  ")
        result.extend(f"{indent}  {m.name}" for m in node.measures)
    return result


def measure_named(window, start):
    return next(m for m in window.model.measures() if m.name.startswith(start))


def test_tree_shows_every_node_of_the_example_in_order(window, goal_file):
    tree = goal_file.tree()
    shown = rows(window.model)
    assert shown == [line[: len(line) - len(line.lstrip())] + _short(line.lstrip()) for line in expected_rows(tree)]
    assert [n for n in shown if not n.startswith(" ")] == [
        "Samhälle",
        "Medborgare",
        "Verksamhet",
        "Medarbetare",
        "Ekonomi",
    ]
    assert len(window.model.measures()) == 107
    assert rows(window.proxy) == shown  # no filter: the view shows all


def _short(name):
    from desktop.ui.tree_model import _shorten

    return _shorten(name)


def test_model_passes_qtmodeltester(qtmodeltester, goal_file):
    model = GoalTreeModel()
    model.set_tree(goal_file.tree(), goal_file.model(), goal_file.units(), [])
    qtmodeltester.check(model)


def test_symbols_have_labels_and_empty_entries_are_marked(window):
    done = measure_named(window, "Andelen barn och unga som blir färdigbehandlade")
    index = window.model.index_of(done.id, FULFILMENT)
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Uppfyllt"
    empty = next(m for m in window.model.measures() if m.entry.is_empty)
    assert window.model.index_of(empty.id, STATUS).data() == "Ej påbörjad"  # one word for it, the status's
    assert (
        window.model.index_of(empty.id, NAME).data(Qt.ItemDataRole.ToolTipRole).endswith("Inget ifyllt för perioden.")
    )
    assert window.model.index_of(empty.id, TREND_COLUMN).data(Qt.ItemDataRole.DecorationRole) is None
    unit_index = window.model.index_of(done.id, UNIT)
    assert unit_index.data(Qt.ItemDataRole.ToolTipRole).startswith("Division") or unit_index.data()


def test_goal_shows_its_prognosis(window, goal_file):
    goal = goal_file.tree()[0].children[0]
    index = window.model.index_of(goal.id, FULFILMENT)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "Prognos: Uppfylls delvis vid årets slut"


def test_measure_with_open_conflict_is_marked(make_window, example_path):
    with GoalFile.open(example_path) as gf:
        measure = gf.tree()[0].children[0].children[0].measures[0]
        unit = gf.units()[0]
        with gf.transaction():
            gf.db["conflicts"].insert(
            {"measure_id": measure.id, "period_code": gf.period().code, "field": "commentary", "base_value": "",
             "central_value": "a", "incoming_value": "b", "source_file": "enhet.sqlite", "unit_id": unit.id,
             "created_at": "2022-09-01T10:00:00+00:00"}
            )  # fmt: skip
    window = make_window(example_path)
    index = window.model.index_of(measure.id, NAME)
    assert index.data(Qt.ItemDataRole.ToolTipRole).split("\n")[1] == (
        "Olöst konflikt från sammanfogning: Kommentar. Lös den i redigeraren eller under Visa → Konflikter…"
    )  # the field's label, never its code
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).endswith(". Olöst konflikt")
    mark = index.data(Qt.ItemDataRole.DecorationRole).pixmap(16, 16).toImage()
    shapes = [symbol_icon(v.symbol, v.colour).pixmap(16, 16).toImage() for s in window.model.org_model.scales
              for v in s.values]  # fmt: skip
    assert not any(mark == shape for shape in shapes)  # a mark of its own, not a scale's symbol


def visible_names(window):
    return [m.name for m in window.visible_measures()]


def test_board_filter_keeps_parents_of_matching_measures(window):
    window.filters.combos["board"].setCurrentIndex(window.filters.combos["board"].findData("PN"))
    measures = window.visible_measures()
    assert measures and all(m.board == "PN" for m in measures)
    assert len(measures) == sum(m.board == "PN" for m in window.model.measures())
    first = window.proxy.index(0, 0)
    assert first.data(NODE_ROLE).kind == "node" and first.data(NODE_ROLE).depth == 0
    assert window.proxy.rowCount(first) > 0


def test_unit_status_and_fulfilment_filters(window, goal_file):
    measures = window.model.measures()
    unit = goal_file.find_unit("KUL")
    window.filters.combos["unit"].setCurrentIndex(window.filters.combos["unit"].findData(unit.id))
    assert {m.unit_id for m in window.visible_measures()} == {unit.id}
    window.filters.clear()

    window.filters.combos["status"].setCurrentIndex(window.filters.combos["status"].findData("ej_paborjad"))
    assert len(window.visible_measures()) == sum(m.entry.status == "ej_paborjad" for m in measures) > 0
    window.filters.clear()

    window.filters.combos["fulfilment"].setCurrentIndex(window.filters.combos["fulfilment"].findData("ej"))
    assert {m.entry.fulfilment for m in window.visible_measures()} == {"ej"}
    window.filters.combos["fulfilment"].setCurrentIndex(window.filters.combos["fulfilment"].findData(NOT_ASSESSED))
    assert len(window.visible_measures()) == sum(m.entry.fulfilment is None for m in measures)


def test_search_over_names_and_commentary(window, qtbot):
    qtbot.keyClicks(window.filters.search, "develoop")  # only in a commentary
    assert len(window.visible_measures()) == 107  # nothing filtered while typing goes on
    qtbot.waitUntil(lambda: len(window.visible_measures()) < 107)  # … but once it pauses
    names = visible_names(window)
    assert "Aktivitet: Framtagande av hållbarhetsverktyg" in names
    assert all("develoop" in m.entry.commentary.lower() for m in window.visible_measures())
    window.filters.search.clear()
    qtbot.keyClicks(window.filters.search, "digitalen")
    qtbot.keyClick(window.filters.search, Qt.Key.Key_Return)  # Enter filters at once
    assert all("digitalen" in n.lower() for n in visible_names(window)) and visible_names(window)
    window.filters.search.setText("trygg norrbottning")  # a goal's name shows its whole branch
    window.filters.apply_search()
    goal_measures = [m for m in window.model.measures() if m.id in _measure_ids_of_goal(window, "Trygg norrbottning")]
    assert len(window.visible_measures()) == len(goal_measures) > 5


def _measure_ids_of_goal(window, goal_start):
    goal = next(n for n in window.model._by_id.values() if n.kind == "node" and n.item.name.startswith(goal_start))
    return {m.id for m in goal.item.all_measures()}


def test_search_matching_nothing_empties_the_tree(window):
    window.filters.search.setText("<&> finns inte 🙂")
    window.filters.apply_search()
    assert window.proxy.rowCount() == 0
    assert window.progress.text() == "0 av 0 styrmått ifyllda, 0 med status Klar (i urvalet)"


def test_progress_line_counts_reported_and_ready(window):
    measures = window.model.measures()
    reported = sum(not m.entry.is_empty for m in measures)
    ready = sum(m.entry.status == "klar" for m in measures)
    assert window.progress.text() == f"{reported} av 107 styrmått ifyllda, {ready} med status Klar"
    window.filters.combos["board"].setCurrentIndex(window.filters.combos["board"].findData("RUN"))
    run = [m for m in measures if m.board == "RUN"]
    assert window.progress.text() == (
        f"{sum(not m.entry.is_empty for m in run)} av {len(run)} styrmått ifyllda, "
        f"{sum(m.entry.status == 'klar' for m in run)} med status Klar (i urvalet)"
    )


def test_visa_menu_filters_follow_the_filter_bar(window):
    window._fill_filter_menus()
    board_menu = next(a.menu() for a in window.view_menu.actions() if a.menu() and "Nämnd" in a.text())
    pn = next(a for a in board_menu.actions() if a.text().startswith("PN"))
    pn.trigger()
    assert window.filters.combos["board"].currentData() == "PN"
    window._fill_filter_menus()
    board_menu = next(a.menu() for a in window.view_menu.actions() if a.menu() and "Nämnd" in a.text())
    assert next(a for a in board_menu.actions() if a.isChecked()).text().startswith("PN")


def test_period_selector_shows_another_period(window, goal_file):
    t1 = window.period.findData("2022-T1")
    window.period.setCurrentIndex(t1)
    window.period.activated.emit(t1)
    assert window.document.period.code == "2022-T1"
    expected = goal_file.tree("2022-T1")
    reported = sum(not m.entry.is_empty for m in all_measures(expected))
    assert window.progress.text().startswith(f"{reported} av 107")


def test_commentary_filters(window):
    measures = window.model.measures()
    status = window.filters.combos["status"]
    labels = [status.itemText(i) for i in range(status.count())]
    assert labels == ["Oavsett status", "Ej påbörjad", "Utkast", "Klar", "Saknar kommentar",
                      "Ej uppfyllt utan kommentar"]  # fmt: skip
    status.setCurrentIndex(status.findData(NO_COMMENTARY))
    assert {m.id for m in window.visible_measures()} == {m.id for m in measures if not m.entry.commentary.strip()}
    red = next(m for m in measures if m.entry.fulfilment == "ej" and m.entry.commentary)
    assert window.document.edit_entry(red.id, "status", "utkast")  # a ready one must keep its commentary
    assert window.document.edit_entry(red.id, "commentary", "")
    status.setCurrentIndex(status.findData(NOT_MET_UNCOMMENTED))
    shown = window.visible_measures()
    assert red.id in {m.id for m in shown}
    assert all(m.entry.fulfilment == "ej" and not m.entry.commentary.strip() for m in shown)


def test_outcome_given_only_by_gender_is_shown(window):
    split = next(
        m for m in window.model.measures() if m.gender_split and m.entry.outcome_women and not m.entry.outcome_total
    )
    text = window.model.index_of(split.id, OUTCOME).data()
    assert text == f"K {split.entry.outcome_women}, M {split.entry.outcome_men or '–'}"


def test_columns_fit_their_content_and_names_take_the_rest(window):
    header = window.tree.header()
    assert header.sectionResizeMode(NAME) == QHeaderView.ResizeMode.Stretch
    metrics = window.tree.fontMetrics()
    for column in range(1, header.count()):
        title = window.proxy.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title  # no header cut off
    assert window.proxy.headerData(NAME, Qt.Orientation.Horizontal) == "Perspektiv › … › Styrmått"
