"""Templates are validated completely, and a bad one names the place of the fault.

Format 2 (the organisation's own model) is what the app writes and reads;
format 1 (today's files' Norrbotten-shaped templates) is still read, and its
faults are named as its author wrote them.
"""

import copy
import gzip
import json
import os
from pathlib import Path

import pytest
from boundary_support import assert_one_swedish_sentence, run_main

from db.errors import TemplateError
from db.new_file import create_from_template
from db.template import load_template, normalise, validate_template
from db.template_v1 import NORRBOTTEN_KINDS, NORRBOTTEN_LEVELS, NORRBOTTEN_SCALES

DATA = Path(__file__).parent / "data"


def mutate(template, change):
    broken = copy.deepcopy(template)
    change(broken)
    return broken


def first_measure(t):
    return t["nodes"][0]["children"][0]["children"][0]["measures"][0]


@pytest.fixture(scope="module")
def format1():
    return json.loads(gzip.decompress((DATA / "norrbotten-2022-format1.json.gz").read_bytes()))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: first_measure(t).pop("board"),
         r"nodes\[0\]\.children\[0\]\.children\[0\]\.measures\[0\]: fältet 'board' saknas"),
        (lambda t: first_measure(t).update(board="KF"),
         r"nodes\[0\]\.children\[0\]\.children\[0\]\.measures\[0\]\.board: 'KF' är inte tillåtet"),
        (lambda t: t["nodes"][1]["children"][0].update(id=t["nodes"][0]["children"][0]["id"]),
         r"nodes\[1\]\.children\[0\]\.id: .* förekommer mer än en gång"),
        (lambda t: t["nodes"][0]["children"][0]["boards"].append("XYZ"),
         r"nodes\[0\]\.children\[0\]\.boards\[2\]: 'XYZ'"),
        (lambda t: first_measure(t).update(unit="SAKNAS"), r"\.unit: 'SAKNAS' är inte tillåtet"),
        (lambda t: first_measure(t).update(kind="mått"), r"\.kind: 'mått'"),
        (lambda t: first_measure(t).update(extra=1), r"okänt fält 'extra'"),
        (lambda t: first_measure(t).update(id="inte-ett-uuid"), r"\.id: 'inte-ett-uuid' är inget UUID"),
        (lambda t: first_measure(t)["entries"]["2022-delar"].update(fulfilment="grön"), r"\.fulfilment: 'grön'"),
        (lambda t: first_measure(t).update(entries={"2031": {}}), r"\.entries: '2031'"),
        (lambda t: t["periods"][0].update(current=True), r"exakt en period"),
        (lambda t: t.update(format_version=9), r"version 9 stöds inte"),
        (lambda t: t["report"].update(publication_date="[Publiceringsdatum Quickpart]"), r"publication_date"),
        (lambda t: t["boards"].append({"code": "RS", "name": "Igen"}), r"boards\[3\]\.code: 'RS' förekommer"),
        (lambda t: t["nodes"][0].update(boards=["RS"]), r"nodes\[0\]\.boards: nivån 'Perspektiv' har inget"),
        (lambda t: t["levels"].pop(), r"levels: den sista nivån är de mätta objekten"),
        (lambda t: t.update(levels=t["levels"][:1]), r"levels: strukturen har 2 till 8 nivåer"),
        (lambda t: t["kinds"][0].update(scale="trend"), r"kinds\[0\]\.scale: 'trend' är inte tillåtet"),
        (lambda t: t["scales"][0]["values"].append(dict(t["scales"][0]["values"][0])),
         r"scales\[0\]\.values\[4\]\.code: 'uppfyllt' förekommer mer än en gång"),
        (lambda t: t["scales"][0]["values"].extend([dict(v, code=v["code"] + "2", meaning=None) for v in
                                                    t["scales"][0]["values"]]), r"scales\[0\]\.values: en skala har 2 till 6"),
        (lambda t: t["scales"][0]["values"][0].update(meaning="better"), r"scales\[0\]\.values\[0\]\.meaning: 'better'"),
        (lambda t: t["scales"][0].update(code="activity"), r"scales\[1\]\.code: 'activity' förekommer"),
        (lambda t: t["periods"][0].update(year=99999), r"periods\[0\]\.year: 99999 är inget rimligt år"),
        (lambda t: t["periods"][1].update(kind="T1", code="x"), r"periods\[1\]: perioden 'x' förekommer"),
        (lambda t: first_measure(t).update(name="\ud800"), r"\.name: texten innehåller ett ogiltigt tecken"),
        (lambda t: t["scales"][0]["values"].pop(), r"entries\.2022-delar\.fulfilment: 'ej_matt' är inte tillåtet|"
                                                   r"\.fulfilment: 'ej_matt'"),
    ],
)  # fmt: skip
def test_bad_template_is_refused_with_its_place(example_template, change, message):
    with pytest.raises(TemplateError, match=message):
        validate_template(mutate(example_template, change))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t["perspectives"][0]["goals"][0]["factors"][0]["measures"][0].pop("board"),
         r"perspectives\[0\]\.goals\[0\]\.factors\[0\]\.measures\[0\]: fältet 'board' saknas"),
        (lambda t: t["perspectives"][0]["goals"][0]["boards"].append("XYZ"),
         r"perspectives\[0\]\.goals\[0\]\.boards\[2\]: 'XYZ'"),
        (lambda t: t.pop("perspectives"), r"mallen: fältet 'perspectives' saknas"),
        (lambda t: t.update(scales={"färg": []}), r"scales\.färg: 'färg' är inte tillåtet"),
        (lambda t: t.update(scales={"activity": [{"code": "x", "label": "X", "colour": "röd", "symbol": "ring"},
                                                 {"code": "y", "label": "Y", "colour": "#000000", "symbol": "ring"}]}),
         r"scales\.activity\[0\]\.colour"),
    ],
)  # fmt: skip
def test_a_format_1_template_names_its_faults_as_written(format1, change, message):
    with pytest.raises(TemplateError, match=message):
        normalise(mutate(format1, change))


def test_format_1_is_read_as_norrbottens_model(format1, example_template):
    upgraded = normalise(format1)
    assert upgraded["levels"] == NORRBOTTEN_LEVELS and upgraded["kinds"] == NORRBOTTEN_KINDS
    assert upgraded["scales"] == NORRBOTTEN_SCALES
    # The built-in example has since been made more faithful to the seed (its commentary order and
    # reconstructed values): the tree's shape is what format 1 must reproduce.
    assert shape(upgraded["nodes"]) == shape(example_template["nodes"])


def shape(nodes: list) -> list:
    """Each node's id, name and boards, its children's shapes and its measures' ids and names."""
    return [(n["id"], n["name"], n.get("boards"), shape(n.get("children", [])),
             [(m["id"], m["name"], m["board"]) for m in n.get("measures", [])]) for n in nodes]  # fmt: skip


def test_refused_template_writes_no_file(tmp_path, example_template):
    broken = mutate(example_template, lambda t: first_measure(t).pop("name"))
    with pytest.raises(TemplateError):
        create_from_template(tmp_path / "ny.styrkort", broken)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_json_names_line(tmp_path):
    path = tmp_path / "mall.json"
    path.write_text('{"format": "styrkort-mall",\n "boards": [}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"ingen giltig JSON \(rad 2"):
        load_template(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, r"för djupt nästlad"),
        (b"\xff\xfe{}", r"inte UTF-8"),
        ("", r"ingen giltig JSON"),
        ('"bara en sträng"', r"mallen: ska vara ett objekt"),
    ],
)
def test_hostile_template_files_get_one_sentence(tmp_path, content, message):
    path = tmp_path / "mall.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(TemplateError, match=message):
        load_template(path)


SPECIAL = {
    "a folder": (lambda path: path.mkdir(), "det är en mapp, inte en fil"),
    "a FIFO": (lambda path: os.mkfifo(path), "det är en namngiven pipe (FIFO), inte en vanlig fil"),
    "a link to /dev/zero": (lambda path: path.symlink_to("/dev/zero"), "det är en specialfil i systemet"),
    "nothing": (lambda path: None, "finns inte"),
}  # fmt: skip


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX things")
@pytest.mark.parametrize(("make", "message"), SPECIAL.values(), ids=SPECIAL.keys())
def test_ny_from_a_special_file_is_one_sentence_and_never_hangs(tmp_path, make, message):
    template = tmp_path / "mall.json"
    make(template)
    result = run_main("ny", "--mall", template, "--ut", tmp_path / "ny.styrkort", timeout=30)
    assert_one_swedish_sentence(result, message)
    assert not (tmp_path / "ny.styrkort").exists()


def three_levels() -> dict:
    """Jämtland Härjedalen's shape: målområde → övergripande mål → nyckeltal and uppdrag, five-level scale."""
    return {
        "format": "styrkort-mall", "format_version": 2, "organisation": "Region Exempel",
        "levels": [{"singular": "Målområde", "plural": "Målområden", "description": True},
                   {"singular": "Övergripande mål", "plural": "Övergripande mål", "boards": True, "assessment": True},
                   {"singular": "Nyckeltal", "plural": "Nyckeltal"}],
        "kinds": [{"code": "nyckeltal", "singular": "Nyckeltal", "plural": "Nyckeltal", "scale": "bedomning"},
                  {"code": "uppdrag", "singular": "Uppdrag", "plural": "Uppdrag", "scale": "bedomning",
                   "trend": False}],
        "scales": [
            {"code": "bedomning", "name": "Bedömning", "purpose": "fulfilment", "values": [
                {"code": "uppnatt", "label": "Uppnått", "colour": "#2e7d32", "symbol": "circle", "meaning": "met"},
                {"code": "kan", "label": "Bedöms kunna uppnås", "colour": "#7cb342", "symbol": "half_circle"},
                {"code": "osakert", "label": "Osäkert", "colour": "#f2b705", "symbol": "triangle",
                 "meaning": "partly"},
                {"code": "inte_kan", "label": "Bedöms inte kunna uppnås", "colour": "#ef6c00", "symbol": "diamond"},
                {"code": "ej", "label": "Har inte uppnåtts", "colour": "#c62828", "symbol": "square",
                 "meaning": "not_met"}]},
            {"code": "trend", "name": "Utveckling", "purpose": "trend", "values": [
                {"code": "upp", "label": "Bättre", "colour": "#2e7d32", "symbol": "arrow_up", "meaning": "better"},
                {"code": "ned", "label": "Sämre", "colour": "#c62828", "symbol": "arrow_down", "meaning": "worse"}]}],
        "boards": [{"code": "RS", "name": "Regionstyrelsen"}],
        "units": [{"code": "HSN", "name": "Hälso- och sjukvårdsförvaltningen"}],
        "period_kinds": [{"code": "helar", "name": "helår", "label": "per december"}],
        "periods": [{"year": 2024, "kind": "helar", "current": True}],
        "report": {"title": "Mål och uppföljning"},
        "nodes": [{
            "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "name": "Invånare", "description": "",
            "children": [{
                "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca428", "name": "Trygghet", "boards": ["RS"],
                "measures": [{
                    "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca42a", "name": "Andel trygga", "kind": "nyckeltal",
                    "board": "RS", "unit": "HSN", "target": "80 %", "gender_split": True, "direction": "higher",
                    "comparison": "same_period_last_year",
                }],
            }],
        }],
    }  # fmt: skip


def test_a_three_level_model_with_a_five_level_scale(tmp_path):
    with create_from_template(tmp_path / "exempel.styrkort", three_levels()) as gf:
        model = gf.model()
        assert [lv.singular for lv in model.levels] == ["Målområde", "Övergripande mål", "Nyckeltal"]
        assert model.measure_depth == 1 and model.assessment_level.singular == "Övergripande mål"
        assert len(model.scales.values("bedomning")) == 5 and model.prognosis_scale is None
        measure = gf.tree()[0].children[0].measures[0]
        assert (measure.name, measure.gender_split, measure.entry.status) == ("Andel trygga", True, "ej_paborjad")
        assert gf.period().name == "2024 helår"


def test_format_1_template_of_another_organisation(tmp_path):
    template = {
        "format": "styrkort-mall", "format_version": 1, "organisation": "Kommun X",
        "boards": [{"code": "KS", "name": "Kommunstyrelsen"}],
        "units": [{"code": "SOC", "name": "Socialförvaltningen"}],
        "periods": [{"code": "2024", "name": "2024 helår", "label": "per december", "year": 2024, "current": True}],
        "report": {"title": "Mål 2024"},
        "scales": {"trend": [{"code": "battre", "label": "Upp", "colour": "#00aa00", "symbol": "arrow_up"},
                             {"code": "samre", "label": "Ned", "colour": "#aa0000", "symbol": "arrow_down"}]},
        "perspectives": [{
            "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "name": "Invånare", "description": "",
            "goals": [{
                "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca428", "name": "Trygghet", "boards": ["KS"],
                "factors": [{
                    "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca429", "name": "Trygga miljöer", "boards": ["KS"],
                    "measures": [{
                        "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca42a", "name": "Andel trygga", "kind": "styrmatt",
                        "board": "KS", "unit": "SOC", "target": "80 %", "gender_split": True,
                        "direction": "higher", "comparison": "same_period_last_year",
                    }],
                }],
            }],
        }],
    }  # fmt: skip
    with create_from_template(tmp_path / "kommun.styrkort", template) as gf:
        measure = gf.tree()[0].children[0].children[0].measures[0]
        assert (measure.name, measure.gender_split, measure.entry.status) == ("Andel trygga", True, "ej_paborjad")
        assert gf.scales().label("trend", "battre") == "Upp"
        assert gf.scales().get("trend", "battre").meaning == "better"
        assert gf.organisation == "Kommun X"
        assert gf.period().code == "2024" and gf.period().name == "2024 helår"
