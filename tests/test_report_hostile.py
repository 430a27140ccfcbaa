"""The report with hostile text: what a clumsy paste can put in a file still prints, in time that
grows with the text, and no name can break the layout."""

import sqlite3

import pypdf
import pytest
from boundary_support import run_main
from merge_support import make_central, measures_of

from db.goalfile import GoalFile
from desktop.report import build_report
from desktop.report.text import LONG_NAME, LONG_PARAGRAPH_LINES, commentary, short_name

LINES = 50_000


def test_a_paragraph_of_many_short_lines_is_laid_out_in_pieces():
    flowables = commentary("\n".join(f"Rad {i}" for i in range(1000)))
    assert len(flowables) == 1000 // LONG_PARAGRAPH_LINES
    assert all(p.text.count("<br/>") < LONG_PARAGRAPH_LINES for p in flowables)
    assert "".join(p.text for p in flowables).count("Rad ") == 1000


def test_a_long_bullet_is_cut_like_a_paragraph_and_keeps_one_bullet():
    sentence = "En lång punkt om vården. "
    flowables = commentary("- " + sentence * 300)
    assert len(flowables) > 3
    assert [p.bulletText for p in flowables[:2]] == ["•", None]


def test_a_name_no_real_name_reaches_is_shortened():
    assert short_name("Ekonomi") == "Ekonomi"
    shortened = short_name("Å" * 5000)
    assert len(shortened) == LONG_NAME and shortened.endswith("…")


def test_a_commentary_of_fifty_thousand_lines_prints(tmp_path):
    path = make_central(tmp_path / "central.sqlite")
    with GoalFile.open(path) as goal_file:
        measure = measures_of(goal_file, "A")[0]
        goal_file.update_entry(measure.id, "P2", {"commentary": "\n".join(f"Rad {i}" for i in range(LINES))})
    out = tmp_path / "rapport.pdf"
    result = run_main("rapport", "--fil", path, "--ut", out, timeout=600)  # it took hours before
    assert result.returncode == 0, result.stderr
    pages = pypdf.PdfReader(out).pages
    assert len(pages) > 1000
    assert f"Rad {LINES - 1}" in pages[-2].extract_text() + pages[-3].extract_text()


def long_names_everywhere(path) -> str:
    """Every name and code a person can type, 5,000 characters without a space to break at."""
    word = "Å" * 5000  # wide letters: the most lines in a cell
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    for statement in (
        "UPDATE boards SET name = ?", "UPDATE units SET name = ?", "UPDATE node_years SET name = ?",
        "UPDATE measure_years SET name = ?", "UPDATE measure_years SET target = ?", "UPDATE report_settings SET value = ? WHERE key IN ('title', 'organisation')",
    ):  # fmt: skip
        conn.execute(statement, [word])
    conn.commit()
    conn.close()
    return word


@pytest.mark.parametrize("board", [None, "RS"])
def test_names_of_five_thousand_characters_do_not_break_the_layout(board, tmp_path):
    path = make_central(tmp_path / "central.sqlite")
    word = long_names_everywhere(path)
    result = build_report(path, tmp_path / "rapport.pdf", board=board)
    text = "".join(page.extract_text() for page in pypdf.PdfReader(result.path).pages)
    assert word[:40] in text and "…" in text
