"""The report as an editable Word file: the PDF's content, with Word's own heading styles."""

import shutil

import docx
import pytest

from db.goalfile import GoalFile
from db.model import walk
from desktop.cli import run
from desktop.report import build_report


def texts(document) -> list[str]:
    found = [p.text for p in document.paragraphs]
    found += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return found


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


@pytest.fixture(scope="module")
def word_report(tmp_path_factory, _example_master):
    folder = tmp_path_factory.mktemp("word")
    source = folder / "central.sqlite"
    shutil.copyfile(_example_master, source)
    return source, build_report(source, folder / "rapport.docx", file_format="docx")


def test_the_docx_holds_every_name_of_the_selection_under_heading_styles(word_report):
    source, result = word_report
    document = docx.Document(result.path)
    with GoalFile.open(source, readonly=True) as gf:
        tree = gf.tree()
    assert [p.name for p in tree] == [h for h in headings(document, 1) if h in {p.name for p in tree}]
    goals = [n for n in walk(tree) if n.depth == 1]
    factors = [n for n in walk(tree) if n.depth == 2]
    expected = [f"{g.name} ({', '.join(g.boards)})" for g in goals]
    assert expected == [h for h in headings(document, 2) if h in expected]
    assert [f"FRAMGÅNGSFAKTOR: {f.name}" for f in factors] == headings(document, 3)
    everything = "\n".join(texts(document))
    missing = [m.name for f in factors for m in f.measures if m.name not in everything]
    assert missing == []
    assert "Digitala vårdbesök" in headings(document, 4)  # a commentary heading, one below its factor
    assert "List Bullet" in {p.style.name for p in document.paragraphs}


def test_the_page_header_holds_the_header_block_and_page_fields(word_report):
    _source, result = word_report
    document = docx.Document(result.path)
    header = document.sections[0].header
    cells = [cell.text for table in header.tables for row in table.rows for cell in row.cells]
    for label, value in (("GÄLLER FÖR VERKSAMHET", "Region Norrbotten"), ("DOKUMENT-ID", "lgekpl-4-1065"),
                         ("VERSION", "0.8"), ("PUBLICERINGSDATUM", "2022-10-05"), ("ANSVARIG", "Jan Öström"),
                         ("UPPRÄTTAD AV", "Elisabeth Persson Stål")):  # fmt: skip
        assert label in cells and value in cells
    xml = header._element.xml
    assert "UTKAST" in xml  # the example has measures not yet started
    assert " PAGE " in xml and " NUMPAGES " in xml and "Sida " in header.paragraphs[0].text
    properties = document.core_properties
    assert (properties.title, properties.language) == ("Mål och måluppfyllelse", "sv-SE")
    assert properties.created.date().isoformat() == "2022-10-05"


def test_symbols_are_labels_beside_coloured_marks(word_report):
    _source, result = word_report
    document = docx.Document(result.path)
    cells = [cell for table in document.tables for row in table.rows for cell in row.cells]
    marked = [c for c in cells if c.text.startswith("■ Ej uppfyllt")]
    assert marked
    mark = marked[0].paragraphs[0].runs[0]
    assert str(mark.font.color.rgb) == "C62828"
    assert any(c.text == "↓ Sämre än samma period föregående år" for c in cells)


def test_the_chart_is_a_table_and_its_caption_says_so(word_report):
    _source, result = word_report
    document = docx.Document(result.path)
    caption = next(p.text for p in document.paragraphs if "bedömningskategorier" in p.text)
    assert caption.startswith("Tabell: Andel av styrmått i olika bedömningskategorier per strategiskt mål")


def test_a_board_and_a_ready_selection(goal_file, tmp_path, capsys):
    for m in (m for root in goal_file.tree() for m in root.all_measures() if m.board == "PN"):
        goal_file.update_entry(m.id, "2022-delar", {"status": "klar"})
    out = tmp_path / "pn.docx"
    assert run(["rapport", "--fil", str(goal_file.path), "--nämnd", "PN", "--format", "docx", "--slutlig",
                "--ut", str(out)]) == 0  # fmt: skip
    assert f"Skrev {out} från" in capsys.readouterr().out
    document = docx.Document(out)
    everything = "\n".join(texts(document))
    assert "Antal besök på patientnämndens sida på norrbotten.se" in everything
    assert "Antal slutförda triage" not in everything and "Filialer och servicepunkter" not in everything
    assert "UTKAST" not in document.sections[0].header._element.xml
