"""Arkiv → Ny från mall…: the built-in templates, another file's plan year, or a template file — no JSON by hand."""

from PySide6.QtCore import Qt

from db.goalfile import GoalFile
from desktop.paths import BUILT_IN_TEMPLATES


def new_file_dialog(qtbot):
    from desktop.ui.new_file_dialog import NewFileDialog

    dialog = NewFileDialog(None, "controller")
    qtbot.addWidget(dialog)
    return dialog


def test_the_built_in_templates_are_offered_with_what_they_are(qtbot, messages):
    dialog = new_file_dialog(qtbot)
    offered = [dialog.sources.item(i).text() for i in range(dialog.sources.count())]
    assert offered[: len(BUILT_IN_TEMPLATES)] == [text for _file, text in BUILT_IN_TEMPLATES.values()]
    assert dialog.organisation.text() == "Region Norrbotten" and not dialog.browse.isEnabled()


def test_a_region_starts_its_own_file_from_the_three_level_template(make_window, qtbot, messages, tmp_path):
    dialog = new_file_dialog(qtbot)
    dialog.sources.setCurrentRow(list(BUILT_IN_TEMPLATES).index("malomraden"))
    assert dialog.organisation.text() == "Region Exempel"
    dialog.organisation.setText("Region Jämtland Härjedalen")
    dialog.target.setText(str(tmp_path / "jamtland"))
    dialog._create()
    assert dialog.created == tmp_path / "jamtland.styrkort" and messages.texts == []
    window = make_window(dialog.created)
    assert window.model.headerData(0, Qt.Orientation.Horizontal).startswith("Målområde")
    with GoalFile.open(dialog.created, readonly=True) as gf:
        assert gf.organisation == "Region Jämtland Härjedalen" and len(gf.model().levels) == 3


def test_a_new_file_from_the_structure_of_a_plan_year(qtbot, messages, example_path, tmp_path):
    from desktop.ui.new_file_dialog import FROM_GOAL_FILE

    dialog = new_file_dialog(qtbot)
    dialog.sources.setCurrentRow(next(i for i in range(dialog.sources.count())
                                      if dialog.sources.item(i).data(256) == FROM_GOAL_FILE))  # fmt: skip
    assert dialog.browse.isEnabled()
    dialog.target.setText(str(tmp_path / "kopia"))
    dialog._create()
    assert "Välj först målfilen" in messages.texts[-1] and dialog.created is None
    assert dialog.pick(example_path)
    assert dialog.year.currentData() == 2022
    dialog._create()
    with GoalFile.open(tmp_path / "kopia.styrkort", readonly=True) as copy, GoalFile.open(example_path) as source:
        assert [n.name for n in copy.structure(2022)] == [n.name for n in source.structure(2022)]
        assert all(e.is_empty for e in (m.entry for root in copy.tree() for m in root.all_measures()))


def test_a_bad_template_file_is_one_sentence(qtbot, messages, tmp_path):
    from desktop.ui.new_file_dialog import FROM_FILE

    dialog = new_file_dialog(qtbot)
    dialog.sources.setCurrentRow(next(i for i in range(dialog.sources.count())
                                      if dialog.sources.item(i).data(256) == FROM_FILE))  # fmt: skip
    bad = tmp_path / "mall.json"
    bad.write_text('{"format": "styrkort-mall"', encoding="utf-8")
    assert not dialog.pick(bad)
    assert messages.texts[-1].startswith(f"{bad} är ingen giltig JSON")


def test_the_dialog_is_keyboard_ready(qtbot, messages):
    from cycle_ui_support import assert_keyboard_ready

    assert_keyboard_ready(new_file_dialog(qtbot))
