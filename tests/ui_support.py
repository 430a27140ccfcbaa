"""Shared fixtures of the GUI tests: stubbed message boxes and a main window on a fresh file.

Imported by the tests/test_ui_*.py modules (`from ui_support import …`).
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
