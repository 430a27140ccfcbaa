"""A report the controller can trust: each board's own material, readiness, marks that read
without colour, trend labels that say what they compare with, layout and PDF properties."""

import re
import shutil

import pypdf
import pytest

from db.goalfile import GoalFile
from db.model import walk
from desktop.cli import run
from desktop.report import build_report, chart_data, select
from desktop.report.chart import NOT_ASSESSED, category_fills, fulfilment_chart, segment
from desktop.report.content import commentary_blocks
from desktop.report.document import FRAME_WIDTH
from desktop.report.hyphenation import hyphenate
from desktop.report.widths import column_widths
from desktop.symbols import SHAPES

BOARDS = ("RS", "RUN", "PN")


def pages_of(path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def squeeze(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text)


@pytest.fixture(scope="module")
def board_reports(tmp_path_factory, _example_master):
    folder = tmp_path_factory.mktemp("boards")
    source = folder / "central.sqlite"
    shutil.copyfile(_example_master, source)
    return source, {b: pages_of(build_report(source, folder / f"{b}.pdf", board=b).path) for b in BOARDS}


def test_each_board_report_holds_only_commentary_about_its_own_measures(board_reports):
    source, reports = board_reports
    with GoalFile.open(source, readonly=True) as gf:
        model, tree = gf.model(), gf.tree()
    checked = 0
    for node in walk(tree):
        boards = {m.id: m.board for m in node.measures}
        blocks = zip(node.sections, commentary_blocks(node, model), strict=False)
        for section, _block in blocks:
            covered = {boards[i] for i in section.measure_ids if i in boards}
            opening = squeeze(section.text[:80])
            if not opening or not covered:
                continue
            for board, pages in reports.items():
                assert (opening in squeeze("".join(pages))) == (board in covered), (board, section.heading)
                checked += 1
        for m in node.measures:
            if m.entry.commentary.strip():
                opening = squeeze(m.entry.commentary[:80])
                for board, pages in reports.items():
                    assert (opening in squeeze("".join(pages))) == (board == m.board), (board, m.name)
    assert checked > 20
    rs, pn = " ".join(reports["RS"]), " ".join(reports["PN"])
    assert "Patientnämnden\nAntalet ärenden" not in rs and "Antalet ärenden till patientnämnden" not in rs
    assert "Antalet ärenden till patientnämnden" in pn
    assert "Filialer och servicepunkter" in rs and "Filialer och servicepunkter" not in pn


def test_no_page_of_a_board_report_is_only_headings(board_reports):
    source, reports = board_reports
    with GoalFile.open(source, readonly=True) as gf:
        headings = {n.name for n in walk(gf.tree())}
    for board, pages in reports.items():
        text = " ".join(pages)
        assert "i urvalet." not in text
        first = next(i for i, page in enumerate(pages) if "Perspektivet " in page)
        for number, page in enumerate(pages[first:], start=first + 1):
            body = page.split("Elisabeth Persson Stål", 1)[-1].rsplit("Sida ", 1)[0]
            lines = [line for line in body.splitlines() if line.strip() and "Mål och måluppfyllelse ·" not in line]
            lines = [line for line in lines if not any(line.strip() in (h, f"FRAMGÅNGSFAKTOR: {h}") for h in headings)]
            assert len(" ".join(lines)) > 150, (board, number)  # a table or commentary, not headings alone


def test_an_unready_period_prints_as_a_draft_and_lists_what_is_not_ready(example_path, tmp_path, capsys):
    out = tmp_path / "pn.pdf"
    assert run(["rapport", "--fil", str(example_path), "--nämnd", "PN", "--slutlig", "--ut", str(out)]) == 1
    err = capsys.readouterr().err
    assert "kan inte skrivas som slutlig" in err and "Andel patienter som gör anmälan på annat språk (PN)" in err
    assert not out.exists()
    assert run(["rapport", "--fil", str(example_path), "--nämnd", "PN", "--ut", str(out)]) == 0
    captured = capsys.readouterr()
    assert "som utkast" in captured.out and "Andel patienter som gör anmälan på annat språk" in captured.out
    pages = pages_of(out)
    assert all(page.startswith("UTKAST") or "\nUTKAST\n" in page for page in pages)
    colophon = " ".join(pages[-1].split())
    assert "Rapporten är ett utkast" in colophon
    assert "2 styrmått med annan status än ”Klar”:" in colophon
    assert "Andel patienter som får stödperson förordnad inom fem dagar (PN): ej påbörjad" in colophon


def test_with_everything_klar_and_no_conflicts_there_is_no_draft(goal_file, tmp_path, capsys):
    for m in (m for root in goal_file.tree() for m in root.all_measures() if m.board == "PN"):
        goal_file.update_entry(m.id, "2022-delar", {"status": "klar"})
    out = tmp_path / "pn.pdf"
    assert run(["rapport", "--fil", str(goal_file.path), "--nämnd", "PN", "--slutlig", "--ut", str(out)]) == 0
    assert "som utkast" not in capsys.readouterr().out
    text = " ".join(pages_of(out))
    assert "UTKAST" not in text and "Rapporten är ett utkast" not in text


def test_readiness_names_each_kind_of_unfinished_work(goal_file):
    from desktop.report import check

    tree = goal_file.tree()
    factor = tree[4].children[0].children[0]  # Verksamheten håller sina ekonomiska ramar (RS, PN)
    measure = factor.measures[3]  # PN: Patientnämnden bedriver sin verksamhet inom budget
    goal = tree[4].children[0]
    with goal_file.transaction():
        goal_file.conn.execute("UPDATE entries SET fulfilment = 'ej', status = 'klar' WHERE measure_id = ?",
                               [measure.id])  # fmt: skip
        goal_file.conn.execute("DELETE FROM section_measures WHERE measure_id = ?", [measure.id])
        goal_file.conn.execute("UPDATE assessments SET prognosis = NULL WHERE node_id = ?", [goal.id])
        goal_file.db["conflicts"].insert({
            "measure_id": measure.id, "period_code": "2022-delar", "field": "outcome_text", "base_value": "a",
            "central_value": "b", "incoming_value": "c", "source_file": "enhet.sqlite",
            "unit_id": goal_file.units()[0].id, "created_at": "2022-09-01T10:00:00+00:00",
        })  # fmt: skip
    readiness = check(select(goal_file, board="PN"))
    titles = [group.title for group in readiness.groups]
    assert titles == [
        "2 styrmått med annan status än ”Klar”",
        "1 styrmått utan den kommentar som bedömningen kräver",
        "1 olöst konflikt",
        "1 strategiskt mål utan prognos",
    ]
    assert readiness.groups[1].items == ("Patientnämnden bedriver sin verksamhet inom budget (PN): ej uppfyllt",)
    assert readiness.groups[3].items == ("Långsiktig hållbar ekonomi",)


def test_a_measure_not_started_is_never_drawn_as_assessed(goal_file, tmp_path):
    measure = goal_file.tree()[4].children[0].children[4].measures[2]  # Produktivitet utifrån KPP: ej påbörjad
    assert measure.entry.status == "ej_paborjad" and not measure.entry.has_outcome
    model = goal_file.model()
    before = chart_data(select(goal_file, perspective="Ekonomi").assessed_nodes(), model)[0]
    with goal_file.transaction():
        goal_file.conn.execute("UPDATE entries SET fulfilment = 'ej', trend = 'samre' WHERE measure_id = ?",
                               [measure.id])  # fmt: skip
    after = chart_data(select(goal_file, perspective="Ekonomi").assessed_nodes(), model)[0]
    assert after.counts == before.counts
    text = " ".join(" ".join(pages_of(build_report(goal_file, tmp_path / "e.pdf", perspective="Ekonomi").path)).split())
    row = text.split("Produktivitet utifrån KPP", 1)[1].split("Kostnadsandel öppenvård", 1)[0]
    assert "Ej uppfyllt" not in row and "Sämre" not in row


def test_chart_categories_differ_in_pattern_as_well_as_colour(goal_file):
    model = goal_file.model()
    fills = category_fills(model)
    assert len({f.pattern for f in fills}) == len(fills)

    def geometry(fill) -> tuple:
        """What a segment draws, colours left out: shapes, positions, dashes."""
        shapes = []
        for shape in segment(fill, 0, 0, 60, 16).contents:
            attributes = {k: v for k, v in vars(shape).items() if "Color" not in k and "colour" not in k}
            shapes.append((type(shape).__name__, tuple(sorted((k, str(v)) for k, v in attributes.items()))))
        return tuple(shapes)

    signatures = [geometry(f) for f in fills]
    assert len(set(signatures)) == len(signatures)


def test_the_legend_shows_each_categorys_own_mark_and_not_assessed_has_its_own(goal_file):
    model = goal_file.model()
    *_drawings, legend = fulfilment_chart(select(goal_file).assessed_nodes(), model, FRAME_WIDTH)
    marks = [cell.value.symbol for row in legend._cellvalues for cell in row if hasattr(cell, "value")]
    assert marks == [f.value.symbol for f in category_fills(model)]
    assert NOT_ASSESSED.symbol in SHAPES
    assert NOT_ASSESSED.symbol not in {v.symbol for scale in model.scales for v in scale.values}
    assert NOT_ASSESSED.symbol != "ring"


def test_trend_labels_say_what_each_measure_compares_with(example_report_text):
    assert "Bättre än samma period föregående år" in example_report_text  # e.g. Sjukfrånvaro's neighbour
    assert "Bättre än föregående period" in example_report_text  # Folktandvården, against tertial 1
    assert "Sämre än samma period föregående år" in example_report_text
    assert "föregående mätning" not in example_report_text


@pytest.fixture(scope="module")
def example_report_file(tmp_path_factory, _example_master):
    folder = tmp_path_factory.mktemp("trust")
    source = folder / "central.sqlite"
    shutil.copyfile(_example_master, source)
    return build_report(source, folder / "rapport.pdf").path


@pytest.fixture(scope="module")
def example_report_text(example_report_file):
    return " ".join(" ".join(pages_of(example_report_file)).split())


def test_pdf_metadata_fonts_and_outline(example_report_file):
    reader = pypdf.PdfReader(example_report_file)
    info = reader.metadata
    assert info.title == "Mål och måluppfyllelse" and info.author == "Elisabeth Persson Stål"
    assert info.subject == "Region Norrbotten · 2022 delår (per augusti)"
    assert info["/CreationDate"].startswith("D:20221005")
    assert reader.trailer["/Root"]["/Lang"] == "sv-SE"
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert "Times" not in font["/BaseFont"] and "Helvetica" not in font["/BaseFont"]
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in descendant["/FontDescriptor"].get_object(), font["/BaseFont"]
    titles = []

    def collect(items, depth):
        for item in items:
            if isinstance(item, list):
                collect(item, depth + 1)
            else:
                titles.append((depth, item.title))

    collect(reader.outline, 0)
    assert (0, "Samhälle") in titles and (1, "Ett livskraftigt län (RS, RUN)") in titles
    assert (2, "FRAMGÅNGSFAKTOR: Attraktiva livsmiljöer finns i hela Norrbotten") in titles
    assert sum(1 for depth, _ in titles if depth == 2) == 34


def test_line_breaks_inside_a_cell_are_kept(example_report_file):
    lines = [line.strip() for page in pages_of(example_report_file) for line in page.splitlines()]
    assert lines[lines.index("Telefon: 78%") + 1].startswith("Digitalt:")
    at = next(i for i, line in enumerate(lines) if line.startswith("Totalt: 6,9% varav lång"))
    assert lines[at + 2 : at + 4] == ["Kvinnor: 7,5%", "Män: 4,5%"]  # the total's own remark stays with it


def test_no_word_is_split_without_a_hyphen():
    from reportlab.platypus import Paragraph

    from desktop.report import styles
    from desktop.report.fonts import register_fonts

    register_fonts()
    assert ("resandeut", "vecklingen") in list(hyphenate("resandeutvecklingen"))
    assert next(hyphenate("ÖÖÖÖÖÖÖÖÖÖÖÖ"))  # no pattern: still broken, with a hyphen
    for text in ("Följa resandeutvecklingen", "kompetensförsörjningsinsatser", "Ö" * 60):
        paragraph = Paragraph(text, styles.CELL)
        paragraph.wrap(40, 1000)
        lines = ["".join(words) if isinstance(words, list) else words for _, words in paragraph.blPara.lines]
        assert len(lines) > 1
        for line in lines[:-1]:  # every break is at a space or after a hyphen
            assert line.endswith("-") or f"{line.split()[-1]} " in text + " ", (text, line)


def test_column_widths_follow_the_content():
    from reportlab.platypus import Paragraph

    from desktop.report import styles
    from desktop.report.fonts import register_fonts

    register_fonts()
    rows = [
        [Paragraph(t, styles.HEAD_CELL) for t in ("Namn", "Mål", "Målupp-<br/>fyllelse", "Utveckl-<br/>ing")],
        [Paragraph(t, styles.CELL) for t in ("Ett kort namn", "Följa resandeutvecklingen och mer därtill", "", "")],
    ]
    names, target, fulfilment, trend = column_widths(rows, 400, 6)
    assert target > names > fulfilment and trend < 60
    assert target >= Paragraph("resandeutvecklingen", styles.CELL).minWidth()
    assert abs(sum((names, target, fulfilment, trend)) - 400) < 0.01
