"""The committee report as a reader sees it: the text of the PDF, page by page."""

import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pypdf
import pytest

from db.goalfile import GoalFile
from db.model import all_measures
from db.structure import update_node
from desktop.report import build_report, chart_data, select
from desktop.report.chart import categories


def pdf_pages(path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def squeeze(text: str) -> str:
    """Text without whitespace and hyphens: pypdf breaks lines inside table cells wherever the layout
    did, and a word too long for its cell is hyphenated there."""
    return re.sub(r"[\s\-]+", "", text)


@pytest.fixture(scope="module")
def example_report(tmp_path_factory, _example_master):
    folder = tmp_path_factory.mktemp("report")
    source = folder / "central.sqlite"
    shutil.copyfile(_example_master, source)
    result = build_report(source, folder / "rapport.pdf")
    return source, result, pdf_pages(result.path)


def test_report_module_does_not_import_qt():
    code = "import sys, desktop.report; sys.exit('PySide6' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parent.parent).returncode == 0


def test_example_report_holds_every_name_target_and_outcome(example_report):
    source, result, pages = example_report
    text = squeeze("".join(pages))
    with GoalFile.open(source, readonly=True) as gf:
        tree = gf.tree()
    expected = []
    for p in tree:
        expected += [p.name, p.description]
        for g in p.children:
            expected += [g.name, g.assessment.text]
            for f in g.children:
                expected.append(f"FRAMGÅNGSFAKTOR: {f.name}")
                for m in f.measures:
                    e = m.entry
                    expected += [m.name, m.target, e.outcome_total, e.outcome_women, e.outcome_men, e.outcome_text]
    missing = [item for item in expected if item and squeeze(item) not in text]
    assert not missing
    assert len(all_measures(tree)) == 107


def test_every_page_says_sida_x_of_n(example_report):
    _, result, pages = example_report
    assert result.pages == len(pages) > 20
    for number, page in enumerate(pages, start=1):
        assert f"Sida {number} ({len(pages)})" in page


def test_report_has_the_seed_structure_in_order(example_report):
    _, result, pages = example_report
    text = " ".join(" ".join(pages).split())
    headings = [
        "Inledning", "Förkortningar", "RUN Regional utvecklingsnämnd", "Definitioner",
        "Redovisning av måluppfyllelse", "Prognosticerad måluppfyllelse per strategiskt mål",
        "Måluppfyllelse i styrmått per augusti 2022", "Samhälle", "Medborgare", "Verksamhet", "Medarbetare",
        "Ekonomi", "Om rapporten",
    ]  # fmt: skip
    position = 0
    for heading in headings:  # each one after the one before
        position = text.index(heading, position) + len(heading)
    for label in ("GÄLLER FÖR VERKSAMHET", "DOKUMENT-ID", "PUBLICERINGSDATUM", "ANSVARIG", "UPPRÄTTAD AV"):
        assert all(label in page for page in pages)
    assert all("Jan Öström" in page and "lgekpl-4-1065" in page for page in pages)
    assert "samtliga sex strategiska mål delvis kommer att uppnås." in text
    assert "Styrmått Styrelse/ nämnd Mål 2022 Periodens utfall" in text
    assert "Totalt: 93% Kvinnor: 93% Män: 93%" in text
    assert "Quickpart" not in text and "None" not in text


def test_fonts_are_embedded_dejavu(example_report):
    _, result, _ = example_report
    page = pypdf.PdfReader(result.path).pages[0]
    fonts = {font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()}
    assert {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold", "/AAAAAA+DejaVuSansCondensed"} <= fonts
    assert "/Helvetica" not in fonts


def test_colophon_names_source_period_time_and_hash(example_report):
    _, result, pages = example_report
    last = " ".join(pages[-1].split())
    assert "Källfil: central.sqlite" in last
    assert "Period: 2022 delår (per augusti)" in last
    assert "Utskriven: 2022-10-05" in last  # the publication date in the example's settings
    assert re.fullmatch(r"[0-9a-f]{64}", result.content_hash)
    assert result.content_hash in squeeze(pages[-1])
    assert "olösta" not in last


def test_same_file_gives_the_same_bytes(example_report, tmp_path):
    source, result, _ = example_report
    again = build_report(source, tmp_path / "igen.pdf")
    assert again.path.read_bytes() == result.path.read_bytes()
    assert again.content_hash == result.content_hash


def test_printing_time_changes_the_pdf_but_not_the_content_hash(example_path, tmp_path):
    first = build_report(example_path, tmp_path / "a.pdf", perspective="Ekonomi")
    later = build_report(
        example_path, tmp_path / "b.pdf", perspective="Ekonomi", printed_at=datetime(2023, 1, 2, 9, 30)
    )
    assert first.content_hash == later.content_hash
    assert first.path.read_bytes() != later.path.read_bytes()
    assert "Utskriven: 2023-01-02 09:30" in " ".join(pdf_pages(later.path)[-1].split())


def test_changed_data_changes_the_content_hash(goal_file, tmp_path):
    before = build_report(goal_file, tmp_path / "a.pdf", perspective="Ekonomi")
    measure = goal_file.tree()[4].children[0].children[0].measures[0]
    goal_file.update_entry(measure.id, "2022-delar", {"outcome_total": "123 456"})
    after = build_report(goal_file, tmp_path / "b.pdf", perspective="Ekonomi")
    assert after.content_hash != before.content_hash
    assert "123456" in squeeze("".join(pdf_pages(after.path)))


def test_board_report_holds_only_that_boards_measures(example_path, tmp_path):
    result = build_report(example_path, tmp_path / "pn.pdf", board="PN")
    text = squeeze("".join(pdf_pages(result.path)))
    with GoalFile.open(example_path, readonly=True) as gf:
        measures = all_measures(gf.tree())
    pn_rows = [squeeze(m.name + m.board + m.target) for m in measures if m.board == "PN"]
    other_rows = [squeeze(m.name + m.board) for m in measures if m.board != "PN"]  # a table row: name, then board
    assert pn_rows and all(row in text for row in pn_rows)
    assert not [row for row in other_rows if row in text]
    assert "PatientnämndPN" in text or "(PN)" in text


def test_perspective_report_holds_only_that_perspective(example_path, tmp_path):
    result = build_report(example_path, tmp_path / "ekonomi.pdf", perspective="ekonomi")
    text = " ".join(" ".join(pdf_pages(result.path)).split())
    assert "Långsiktig hållbar ekonomi" in text
    assert "Ett livskraftigt län" not in text and "Hållbar kompetensförsörjning" not in text
    assert "det strategiska målet delvis kommer att uppnås." in text


HOSTILE = "<b>fet?</b> & <script>alert(1)</script> > 😀 ]]> <para> &amp; \x00\x07"
LONG_WORD = "Ö" * 5000


def test_hostile_text_is_printed_as_text(goal_file, tmp_path):
    period = "2022-delar"
    goal = goal_file.tree()[0].children[0]
    measure = goal.children[0].measures[0]
    huge = "\n\n".join(f"Stycke {i}. " + "Lång mening om vården i länet. " * 40 for i in range(60))
    giant_paragraph = "ord " * 15000  # one paragraph of some twenty pages, no sentence ends
    goal_file.update_entry(
        measure.id, period,
        {"commentary": f"{HOSTILE}\n- punkt {HOSTILE}\n\n{LONG_WORD}\n\n{huge}\n\n{giant_paragraph}",
         "outcome_text": f"{HOSTILE} {LONG_WORD}", "outcome_total": "<1 & >2"},
    )  # fmt: skip
    goal_file.update_assessment(goal.id, period, {"text": HOSTILE})
    update_node(goal_file, goal_file.tree()[0].id, 2022, {"description": LONG_WORD})
    goal_file.update_report_settings(period, {"responsible": HOSTILE + LONG_WORD, "introduction": HOSTILE})
    result = build_report(goal_file, tmp_path / "fientlig.pdf", perspective="Samhälle")
    pages = pdf_pages(result.path)
    text = squeeze("".join(pages))
    assert squeeze("<b>fet?</b> & <script>alert(1)</script> >") in text
    assert "<1&>2" in text
    assert text.count("Ö") >= 3 * len(LONG_WORD)  # commentary, outcome, description; rows split across pages
    assert "□" in text  # the emoji, which the font lacks
    assert "Stycke59." in text and text.count("ord") >= 15000
    assert result.pages == len(pages) > 40
    assert all(f"Sida {i} ({len(pages)})" in page for i, page in enumerate(pages, start=1))


def test_chart_counts_equal_the_measures_per_category(goal_file):
    content = select(goal_file)
    bars = chart_data(content.assessed_nodes(), content.model)
    assert [b.goal for b in bars] == [g.name for g in content.assessed_nodes()]
    codes = [c.code for c in categories(content.model)]
    assert codes == ["uppfyllt", "delvis", "ej", "ej_matt", ""]
    for bar, goal in zip(bars, content.assessed_nodes(), strict=True):
        measures = [m for m in goal.all_measures() if m.kind == "styrmatt"]
        assert bar.total == len(measures)
        for code in codes:
            assert bar.counts[code] == sum(1 for m in measures if (m.entry.fulfilment or "") == code)
    totals = {code: sum(b.counts[code] for b in bars) for code in codes}
    assert totals == {"uppfyllt": 4, "delvis": 0, "ej": 22, "ej_matt": 3, "": 61}


def test_chart_follows_an_edit(goal_file):
    goal = goal_file.tree()[0].children[0]
    measure = next(m for m in goal.all_measures() if m.kind == "styrmatt")
    goal_file.update_entry(measure.id, "2022-delar", {"fulfilment": "delvis"})
    content = select(goal_file)
    bar = chart_data(content.assessed_nodes(), content.model)[0]
    assert bar.counts["delvis"] == 1 and bar.counts[""] == bar.total - 1


def test_open_conflict_is_flagged_where_the_measure_stands(goal_file, tmp_path):
    measure = goal_file.tree()[4].children[0].children[0].measures[0]
    unit_id = goal_file.units()[0].id
    with goal_file.transaction():
        goal_file.db["conflicts"].insert({
            "measure_id": measure.id, "period_code": "2022-delar", "field": "outcome_total",
            "base_value": "1", "central_value": "2", "incoming_value": "3",
            "source_file": "enhet-eko.sqlite", "unit_id": unit_id, "created_at": "2022-09-01T10:00:00+00:00",
        })  # fmt: skip
    result = build_report(goal_file, tmp_path / "konflikt.pdf", perspective="Ekonomi")
    text = " ".join(" ".join(pdf_pages(result.path)).split())
    assert "Olöst konflikt: utfall totalt" in text
    assert "enhet-eko.sqlite har ”3”" in text
    assert "Filen har 1 olöst konflikt, varav 1 i rapportens urval" in text


def test_unknown_board_perspective_or_period_is_refused_in_swedish(example_path, tmp_path):
    from db.errors import GoalFileError

    for options, words in (
        ({"board": "XYZ"}, "Styrelsen/nämnden 'XYZ' finns inte"),
        ({"perspective": "Rymden"}, "Perspektivet 'Rymden' finns inte"),
        ({"period": "1999"}, "Perioden '1999' finns inte"),
        (
            {"board": "PN", "perspective": "Medarbetare"},
            r"Urvalet \(Patientnämnd \(PN\) och perspektivet Medarbetare\) har inget att rapportera",
        ),
    ):
        with pytest.raises(GoalFileError, match=words):
            build_report(example_path, tmp_path / "x.pdf", **options)
    assert not list(tmp_path.glob("*.pdf")) and not list(tmp_path.glob(".*"))


def test_failed_build_keeps_the_older_pdf(example_path, tmp_path, monkeypatch):
    import desktop.report.build as build

    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"%PDF older report")

    def broken(*args):
        raise RuntimeError("disk full halfway")

    monkeypatch.setattr(build, "render", broken)
    with pytest.raises(RuntimeError):
        build_report(example_path, target)
    assert target.read_bytes() == b"%PDF older report"
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".sqlite"] == ["rapport.pdf"]


def test_progress_runs_up_to_the_total(example_path, tmp_path):
    calls = []
    build_report(
        example_path, tmp_path / "r.pdf", board="RUN", progress=lambda done, total, _what: calls.append((done, total))
    )
    dones = [d for d, _ in calls]
    assert dones == sorted(dones) and len(calls) > 3
    assert calls[-1][0] == calls[-1][1]
