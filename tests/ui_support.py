"""Shared fixtures of the GUI tests: stubbed message boxes and a main window on a fresh file.

Registered once as a plugin in conftest.py; a test asks for `window`, `make_window` or `messages`.
"""

import pytest


class MessageRecorder:
    """Stands in for every message box: records the text, answers as told."""

    def __init__(self):
        self.texts: list[str] = []
        self.answer_yes = True

    def present(self, box):
        from PySide6.QtWidgets import QMessageBox

        self.texts.append(box.text())
        box.deleteLater()
        return QMessageBox.StandardButton.Yes if self.answer_yes else QMessageBox.StandardButton.No


@pytest.fixture
def messages(monkeypatch, tmp_path):
    """No modal dialog in a test: every box is recorded. Settings live in the test's own folder."""
    from desktop.ui import messages as module

    monkeypatch.setenv("STYRKORT_DATA", str(tmp_path / "data"))
    (tmp_path / "data").mkdir()
    recorder = MessageRecorder()
    monkeypatch.setattr(module, "present", recorder.present)
    monkeypatch.setattr(module, "choose_open_file", lambda *a: pytest.fail("unexpected file chooser"))
    monkeypatch.setattr(module, "choose_save_file", lambda *a: pytest.fail("unexpected file chooser"))
    return recorder


@pytest.fixture
def make_window(qtbot, messages):
    from desktop.ui.main_window import MainWindow

    def make(path=None, user="testare"):
        window = MainWindow(user=user)
        qtbot.addWidget(window)
        if path is not None:
            assert window.open_file(path)
        return window

    yield make


@pytest.fixture
def window(make_window, example_path):
    return make_window(example_path)


@pytest.fixture
def opened(monkeypatch):
    """Every URL handed to the desktop (a folder, a mailto: draft), recorded instead of opened."""
    from PySide6.QtCore import QUrl

    from desktop.ui import messages as module

    urls = []
    encoded = QUrl.ComponentFormattingOption.FullyEncoded
    monkeypatch.setattr(module, "open_url", lambda url: urls.append(url.toString(encoded)) or True)
    return urls


DEADLINE, RETURN_TO = "2022-09-15", "anna.controller@norrbotten.se"


@pytest.fixture
def unit_path(example_path, tmp_path):
    """The HR unit file of the example, exported with a deadline and whom to return it to."""
    from db.goalfile import GoalFile
    from db.unitfile import export_unit_file

    with GoalFile.open(example_path, user="controller") as central:
        return export_unit_file(central, central.find_unit("HR"), tmp_path / "enhet-HR.sqlite",
                                deadline=DEADLINE, return_to=RETURN_TO)  # fmt: skip


@pytest.fixture
def unit_window(make_window, unit_path):
    return make_window(unit_path, user="handläggare")


def focused():
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def press(key, modifier=None):
    """A key as a person presses it: to whatever has the focus (shortcuts included)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(focused(), key, modifier or Qt.KeyboardModifier.NoModifier)


def type_text(text: str) -> None:
    from PySide6.QtTest import QTest

    QTest.keyClicks(focused(), text)


def activate(qtbot, window) -> None:
    """Show the window and make it the active one, so that shortcuts and Alt keys reach it."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def shown_texts(widget) -> list[str]:
    """Every text a person can read in a widget and what lies in it: titles, labels, buttons,
    fields, choices, menus, tooltips, table and tree cells and headers."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMenu,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    found = [widget.windowTitle()]
    for w in [widget, *widget.findChildren(QWidget)]:
        found += [w.toolTip(), w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, QLabel | QAbstractButton):
            found.append(w.text())
        elif isinstance(w, QLineEdit):
            found += [w.text(), w.placeholderText()]
        elif isinstance(w, QPlainTextEdit):
            found += [w.toPlainText(), w.placeholderText()]
        elif isinstance(w, QTextEdit):
            found.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QGroupBox):
            found.append(w.title())
        elif isinstance(w, QMenu):
            found += [a.text() for a in w.actions()] + [a.toolTip() for a in w.actions()]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            found += _model_texts(w.model())
    return [t for t in found if t]


def _model_texts(model) -> list[str]:
    """Headers and every cell's text, tooltip and accessible text, down the whole tree."""
    from PySide6.QtCore import QModelIndex, Qt

    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list widget's model keeps it private: one column
        columns = 1
    found = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)

    def cells(parent) -> None:
        for row in range(model.rowCount(parent)):
            for column in range(columns):
                index = model.index(row, column, parent)
                found.extend(str(index.data(role) or "") for role in roles)
            cells(model.index(row, 0, parent))

    cells(QModelIndex())
    return found


def three_level_template() -> dict:
    """Another region's model: målområde → övergripande mål → nyckeltal and uppdrag, a five-level
    scale, six boards. Nothing of Norrbotten's words in it."""
    import uuid

    def node_id(*parts) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, "styrkort-ui-test/" + "/".join(parts)))

    measures = [
        {"id": node_id("m", str(i)), "name": name, "kind": kind, "board": board, "unit": unit, "target": target,
         "gender_split": i == 0, "direction": "higher", "comparison": "same_period_last_year"}
        for i, (name, kind, board, unit, target) in enumerate([
            ("Andel invånare med fast läkarkontakt", "nyckeltal", "HSN", "HSV", "80 %"),
            ("Antal kollektivtrafikresor", "nyckeltal", "KTN", "RU", "4 000 000"),
            ("Ta fram en plan för kompetensförsörjning", "uppdrag", "RS", "HSV", ""),
        ])
    ]  # fmt: skip
    return {
        "format": "styrkort-mall", "format_version": 2, "organisation": "Region Exempel",
        "levels": [
            {"singular": "Målområde", "plural": "Målområden", "description": True, "definite": "målområdet",
             "definite_plural": "målområdena"},
            {"singular": "Övergripande mål", "plural": "Övergripande mål", "boards": True, "assessment": True,
             "definite": "det övergripande målet", "definite_plural": "de övergripande målen"},
            {"singular": "Nyckeltal", "plural": "Nyckeltal", "definite": "nyckeltalet", "definite_plural": "nyckeltalen"},
        ],
        "kinds": [
            {"code": "nyckeltal", "singular": "Nyckeltal", "plural": "Nyckeltal", "scale": "uppfyllelse"},
            {"code": "uppdrag", "singular": "Uppdrag", "plural": "Uppdrag", "scale": "uppfyllelse", "trend": False},
        ],
        "scales": [
            {"code": "uppfyllelse", "name": "Måluppfyllelse", "purpose": "fulfilment", "values": [
                {"code": "uppnatt", "label": "Uppnått", "colour": "#1b5e20", "symbol": "circle", "meaning": "met"},
                {"code": "kan", "label": "Bedöms kunna uppnås", "colour": "#7cb342", "symbol": "ring"},
                {"code": "osakert", "label": "Osäkert", "colour": "#fbc02d", "symbol": "triangle",
                 "meaning": "partly"},
                {"code": "kan_inte", "label": "Bedöms inte kunna uppnås", "colour": "#ef6c00", "symbol": "diamond"},
                {"code": "inte", "label": "Har inte uppnåtts", "colour": "#b71c1c", "symbol": "square",
                 "meaning": "not_met"},
            ]},
            {"code": "utveckling", "name": "Utveckling", "purpose": "trend", "values": [
                {"code": "upp", "label": "Bättre än året före", "colour": "#1b5e20", "symbol": "arrow_up",
                 "meaning": "better"},
                {"code": "lika", "label": "Oförändrad", "colour": "#fbc02d", "symbol": "arrow_right",
                 "meaning": "unchanged"},
                {"code": "ned", "label": "Sämre än året före", "colour": "#b71c1c", "symbol": "arrow_down",
                 "meaning": "worse"},
            ]},
        ],
        "boards": [{"code": c, "name": n} for c, n in (
            ("RS", "Regionstyrelsen"), ("HSN", "Hälso- och sjukvårdsnämnden"), ("RUN", "Regionala utvecklingsnämnden"),
            ("KTN", "Kollektivtrafiknämnden"), ("PN", "Patientnämnden"), ("GN", "Gemensam nämnd"))],
        "units": [{"code": "HSV", "name": "Hälso- och sjukvårdsförvaltningen"},
                  {"code": "RU", "name": "Regional utveckling"}],
        "period_kinds": [{"code": "helar", "name": "helår", "label": "per december"}],
        "periods": [{"year": 2023, "kind": "helar", "current": True}],
        "report": {},
        "nodes": [{"id": node_id("område"), "name": "Hälsa och livskvalitet", "description": "Allas hälsa.",
                   "children": [{"id": node_id("mål"), "name": "En jämlik hälsa", "boards": ["HSN", "KTN", "RS"],
                                 "measures": measures}]}],
    }  # fmt: skip
