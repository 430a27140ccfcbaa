"""Templates are validated completely, and a bad one names the place of the fault."""

import copy
import json

import pytest

from db.errors import TemplateError
from db.template import create_from_template, load_template, validate_template


def mutate(template, change):
    broken = copy.deepcopy(template)
    change(broken)
    return broken


def first_measure(t):
    return t["perspectives"][0]["goals"][0]["factors"][0]["measures"][0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: first_measure(t).pop("target"),
         r"perspectives\[0\]\.goals\[0\]\.factors\[0\]\.measures\[0\]: fältet 'target' saknas"),
        (lambda t: first_measure(t).update(board="KF"),
         r"perspectives\[0\]\.goals\[0\]\.factors\[0\]\.measures\[0\]\.board: 'KF' är inte tillåtet"),
        (lambda t: t["perspectives"][1]["goals"][0].update(id=t["perspectives"][0]["goals"][0]["id"]),
         r"perspectives\[1\]\.goals\[0\]\.id: .* förekommer mer än en gång"),
        (lambda t: t["perspectives"][0]["goals"][0]["boards"].append("XYZ"),
         r"perspectives\[0\]\.goals\[0\]\.boards\[2\]: 'XYZ'"),
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
    ],
)  # fmt: skip
def test_bad_template_is_refused_with_its_place(example_template, change, message):
    with pytest.raises(TemplateError, match=message):
        validate_template(mutate(example_template, change))


def test_refused_template_writes_no_file(tmp_path, example_template):
    broken = mutate(example_template, lambda t: first_measure(t).pop("name"))
    with pytest.raises(TemplateError):
        create_from_template(tmp_path / "ny.sqlite", broken)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_json_names_line(tmp_path):
    path = tmp_path / "mall.json"
    path.write_text('{"format": "styrkort-mall",\n "boards": [}', encoding="utf-8")
    with pytest.raises(TemplateError, match=r"ingen giltig JSON \(rad 2"):
        load_template(path)


def test_minimal_template_of_another_organisation(tmp_path):
    template = {
        "format": "styrkort-mall", "format_version": 1, "organisation": "Kommun X",
        "boards": [{"code": "KS", "name": "Kommunstyrelsen"}],
        "units": [{"code": "SOC", "name": "Socialförvaltningen"}],
        "periods": [{"code": "2024", "name": "2024 helår", "label": "per december", "year": 2024, "current": True}],
        "report": {"title": "Mål 2024"},
        "scales": {"trend": [{"code": "battre", "label": "Upp", "colour": "#00aa00", "symbol": "arrow_up"}]},
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
    json.dumps(template)
    with create_from_template(tmp_path / "kommun.sqlite", template) as gf:
        measure = gf.tree()[0].goals[0].factors[0].measures[0]
        assert (measure.name, measure.gender_split, measure.entry.status) == ("Andel trygga", True, "ej_paborjad")
        assert gf.scales().label("trend", "battre") == "Upp"
        assert gf.organisation == "Kommun X"
