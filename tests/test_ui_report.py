"""Skriv ut rapport…: a name of its own per board, no silent replacing, readiness, a failed open."""

from PySide6.QtWidgets import QDialog

from desktop.paths import documents_folder
from desktop.ui import report_dialog


def test_each_board_gets_a_name_of_its_own_in_the_documents_folder(window):
    dialog = report_dialog.ReportDialog(window.document, window)
    names = {}
    for index in range(dialog.board.count()):
        dialog.board.setCurrentIndex(index)
        names[dialog.board.currentData()] = dialog.choices()["out"]
    assert names["RS"] == documents_folder() / "Mål och måluppfyllelse 2022 delår RS.pdf"
    assert names[None] == documents_folder() / "Mål och måluppfyllelse 2022 delår.pdf"
    assert len(set(names.values())) == 4
    dialog.file_format.setCurrentIndex(1)
    assert dialog.choices() | {"out": None} == {"board": "PN", "period": "2022-delar", "format": "docx", "out": None}
    assert dialog.choices()["out"].name == "Mål och måluppfyllelse 2022 delår PN.docx"
    dialog.deleteLater()


def test_a_name_typed_by_hand_stays(window):
    dialog = report_dialog.ReportDialog(window.document, window)
    dialog.out.setText("/tmp/min rapport.pdf")
    dialog.out.textEdited.emit("/tmp/min rapport.pdf")
    dialog.board.setCurrentIndex(2)
    assert str(dialog.choices()["out"]) == "/tmp/min rapport.pdf"
    dialog.file_format.setCurrentIndex(1)
    assert str(dialog.choices()["out"]) == "/tmp/min rapport.docx"
    dialog.deleteLater()


def test_replacing_a_report_asks_first(window, messages):
    dialog = report_dialog.ReportDialog(window.document, window)
    dialog.board.setCurrentIndex(1)
    out = dialog.choices()["out"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"%PDF the RS report from before")
    messages.answer_yes = False
    dialog._accept()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert messages.texts == [
        f"Filen {out.name} finns redan i {out.parent}.\nVill du ersätta den med den nya rapporten?"
    ]
    assert out.read_bytes() == b"%PDF the RS report from before"
    messages.answer_yes = True
    dialog._accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert messages.texts[-1].startswith("Allt i urvalet är inte klart:")  # the example has measures not started
    assert "ej påbörjad" in messages.texts[-1] and "Rapporten skrivs då som utkast" in messages.texts[-1]


def test_a_failed_open_says_so_and_offers_the_folder(window, messages, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(report_dialog, "open_path", lambda path: opened.append(path) and False)
    out = tmp_path / "rapport.pdf"
    report_dialog._offer_to_open(window, out)
    assert opened == [out, tmp_path]
    assert messages.texts[1].startswith("Rapporten kunde inte öppnas")
    assert messages.texts[2] == f"Mappen kunde inte heller öppnas. Rapporten ligger här:\n{out}"
