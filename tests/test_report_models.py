"""The report in another organisation's words: three levels and a five-value scale, or two levels.

Nothing Region Norrbotten calls its levels, kinds or scales may reach the
output: headings, legend, chart, summary and the Word file speak the
template's words.
"""

import re

import docx
import pypdf
import pytest
from test_template import three_levels

from db.goalfile import GoalFile
from db.new_file import create_from_template
from desktop.report import build_report, chart_data, select
from desktop.report.chart import category_fills
from desktop.report.front import chart_nodes

NORRBOTTEN_WORDS = re.compile(r"styrmått|strategisk|framgångsfaktor|perspektiv|aktivitet|norrbott", re.IGNORECASE)
SIX_BOARDS = [
    {"code": "RS", "name": "Regionstyrelsen"}, {"code": "HSN", "name": "Hälso- och sjukvårdsnämnden"},
    {"code": "RUN", "name": "Regionala utvecklingsnämnden"}, {"code": "KTN", "name": "Kollektivtrafiknämnden"},
    {"code": "PN", "name": "Patientnämnden"}, {"code": "GN", "name": "Gemensam nämnd för samverkan"},
]  # fmt: skip
SCALE_CODES = ["uppnatt", "kan", "osakert", "inte_kan", "ej"]


def uid(n: int) -> str:
    return f"2b4e28ba-2fa1-11d2-883f-{n:012x}"


def measure(n: int, board: str, kind: str, fulfilment: str | None, trend: str | None = None) -> dict:
    return {
        "id": uid(n), "name": f"Nyckeltal nummer {n}" if kind == "nyckeltal" else f"Uppdrag nummer {n}",
        "kind": kind, "board": board, "unit": "HSN", "target": "80 %", "direction": "higher",
        "comparison": "same_period_last_year",
        "entries": {"2024-helar": {"outcome_total": "75 %", "fulfilment": fulfilment, "trend": trend,
                                   "commentary": f"Kommentar till nummer {n}.", "status": "klar"}},
    }  # fmt: skip


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    """Jämtland Härjedalen's shape: målområde → övergripande mål → nyckeltal and uppdrag, six boards."""
    t = three_levels()
    t["boards"] = SIX_BOARDS
    goals = []
    for g, board in enumerate(["RS", "HSN", "RUN", "KTN", "PN", "GN"]):
        measures = [measure(10 * g + i, board, "nyckeltal", SCALE_CODES[(g + i) % 5], "upp") for i in range(3)]
        measures.append(measure(10 * g + 5, board, "uppdrag", SCALE_CODES[g % 5]))
        goals.append({"id": uid(1000 + g), "name": f"Övergripande mål {g + 1}", "boards": [board],
                      "measures": measures,
                      "sections": {"2024-helar": [{"heading": f"Samlad analys {g + 1}", "text": "Analys.",
                                                   "measures": [m["id"] for m in measures]}]}})  # fmt: skip
    t["nodes"] = [
        {"id": uid(2000), "name": "Invånare", "description": "Målområdet Invånare.", "children": goals[:3]},
        {"id": uid(2001), "name": "Hållbar utveckling", "description": "", "children": goals[3:]},
    ]
    path = tmp_path_factory.mktemp("region") / "region.styrkort"
    create_from_template(path, t).close()
    return path


@pytest.fixture(scope="module")
def two_level(tmp_path_factory):
    """Groupings that hold the measured items directly."""
    t = three_levels()
    t["levels"] = [{"singular": "Område", "plural": "Områden", "description": True, "boards": True},
                   {"singular": "Indikator", "plural": "Indikatorer"}]  # fmt: skip
    t["kinds"] = [{"code": "nyckeltal", "singular": "Indikator", "plural": "Indikatorer", "scale": "bedomning"}]
    t["nodes"] = [
        {"id": uid(3000 + a), "name": f"Område {a + 1}", "description": "Om området.", "boards": ["RS"],
         "measures": [measure(100 * a + i, "RS", "nyckeltal", SCALE_CODES[i]) for i in range(5)]}
        for a in range(2)
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("two") / "two.styrkort"
    create_from_template(path, t).close()
    return path


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def docx_text(path) -> str:
    document = docx.Document(path)
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [p.text for p in document.sections[0].header.paragraphs]
    return " ".join(" ".join(texts).split())


def test_three_levels_print_in_the_templates_words(region, tmp_path):
    result = build_report(region, tmp_path / "r.pdf")
    text = pdf_text(result.path)
    assert "ÖVERGRIPANDE MÅL: Övergripande mål 1" in text
    assert "Prognosticerad" not in text and "Ingen prognos" not in text  # the template has no prognosis scale
    assert "Måluppfyllelse i nyckeltal per december 2024" in text
    assert "Andel av nyckeltal i olika bedömningskategorier per övergripande mål" in text
    assert "Ingen bedömning har lämnats för perioden." in text  # no definite form: no noun
    for label in ("Uppnått", "Bedöms kunna uppnås", "Osäkert", "Bedöms inte kunna uppnås", "Har inte uppnåtts"):
        assert label in text
    assert "Bättre än samma period föregående år" in text  # a one-word trend label, completed
    assert all(board["name"] in text for board in SIX_BOARDS)
    assert not NORRBOTTEN_WORDS.findall(text)


def test_the_chart_has_one_patterned_segment_per_scale_value(region):
    with GoalFile.open(region, readonly=True) as gf:
        content = select(gf)
    fills = category_fills(content.model)
    assert [f.value.code for f in fills] == [*SCALE_CODES, ""]
    assert len({f.pattern for f in fills}) == len(fills)
    bars = chart_data(chart_nodes(content), content.model)
    assert len(bars) == 6 and all(bar.total == 4 for bar in bars)  # nyckeltal and uppdrag share the scale
    totals = {code: sum(b.counts[code] for b in bars) for code in SCALE_CODES}
    assert sum(totals.values()) == 24 and all(totals.values())


def test_a_board_report_of_the_three_level_region(region, tmp_path):
    text = pdf_text(build_report(region, tmp_path / "pn.pdf", board="PN").path)
    assert "Övergripande mål 5" in text and "Nyckeltal nummer 40" in text
    assert "Övergripande mål 1" not in text and "Nyckeltal nummer 0 " not in text
    assert "Samlad analys 5" in text and "Samlad analys 1 " not in text


def test_the_word_version_of_the_three_level_region(region, tmp_path):
    result = build_report(region, tmp_path / "r.docx", file_format="docx")
    document = docx.Document(result.path)
    headings = {p.style.name: [] for p in document.paragraphs}
    for p in document.paragraphs:
        headings[p.style.name].append(p.text)
    assert headings["Heading 1"][:2] == ["Inledning", "Måluppfyllelse i nyckeltal per december 2024"]
    assert {"Invånare", "Hållbar utveckling"} <= set(headings["Heading 1"])
    assert "ÖVERGRIPANDE MÅL: Övergripande mål 3" in headings["Heading 2"]
    text = docx_text(result.path)
    assert "Bedöms inte kunna uppnås" in text and not NORRBOTTEN_WORDS.findall(text)


def test_two_levels_work_the_same(two_level, tmp_path):
    result = build_report(two_level, tmp_path / "r.pdf")
    text = pdf_text(result.path)
    assert "Område 1" in text and "Om området." in text
    assert "Indikator Styrelse/ nämnd Mål 2024" in text
    assert "Måluppfyllelse i indikatorer per december 2024" in text
    assert "per område, med antal i varje del" in text
    assert not NORRBOTTEN_WORDS.findall(text)
    word = build_report(two_level, tmp_path / "r.docx", file_format="docx")
    document = docx.Document(word.path)
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"][-3:-1] == ["Område 1", "Område 2"]
    assert not NORRBOTTEN_WORDS.findall(docx_text(word.path))
