"""Files of other organisations' models, for the tests that every output speaks the file's words.

`three_level_file` builds Region Exempel's file from the built-in template
`malomraden` (målområde → övergripande mål → nyckeltal och uppdrag, a
five-value scale, six boards) and fills it through the structure editing
functions, as a controller would; `two_level_file` a model with one grouping
level only. NORRBOTTEN_WORDS are the words that must never appear in them.
"""

from pathlib import Path

from db.goalfile import GoalFile
from db.new_file import create_from_template
from db.structure import add_measure, add_node, update_measure, update_node
from db.template import load_template
from desktop.paths import template_path

NORRBOTTEN_WORDS = ("perspektiv", "strategisk", "framgångsfaktor", "styrmått", "aktivitet")


def three_level_file(folder: Path) -> Path:
    path = folder / "exempel.styrkort"
    with create_from_template(path, load_template(template_path("malomraden")), user="controller") as gf:
        year = gf.period().year
        units = {u.code: u.id for u in gf.units()}
        care = add_node(gf, year, None, "Invånare och patienter")
        update_node(gf, care, year, {"description": "Målområdet beskriver vården för invånarna."})
        growth = add_node(gf, year, None, "Hållbar tillväxt")
        access = add_node(gf, year, care, "God tillgänglighet")
        update_node(gf, access, year, {"boards": ["HSN", "RS"]})
        trust = add_node(gf, year, care, "Förtroende för vården")
        update_node(gf, trust, year, {"boards": ["PN"]})
        travel = add_node(gf, year, growth, "Fler resor med kollektivtrafik")
        update_node(gf, travel, year, {"boards": ["KTN", "RUN", "GN"]})
        for node, name, kind, board, unit, target in (
            (access, "Andel patienter som fått vård inom 90 dagar", "nyckeltal", "HSN", "HSF", "80 %"),
            (access, "Uppdrag: Inför digitala besök i primärvården", "uppdrag", "HSN", "HSF", ""),
            (trust, "Antal klagomål som besvarats inom 30 dagar", "nyckeltal", "PN", "PNK", "95 %"),
            (travel, "Antal resor med kollektivtrafik", "nyckeltal", "KTN", "KTF", "4 000 000"),
            (travel, "Uppdrag: Ta fram en regional cykelstrategi", "uppdrag", "RUN", "RUF", ""),
            (travel, "Andel förnybar energi i gemensamma fordon", "nyckeltal", "GN", "RSF", "90 %"),
        ):
            measure = add_measure(gf, year, node, name, kind=kind, board=board, unit_id=units[unit])
            changes = {"target": target, "direction": "higher"} if kind == "nyckeltal" else {}
            if changes:
                update_measure(gf, measure, year, changes)
    return path


def two_level_file(folder: Path) -> Path:
    """Områden directly holding indikatorer: one grouping level and the measured items."""
    template = load_template(template_path("malomraden"))
    template["levels"] = [
        {"singular": "Område", "plural": "Områden", "description": True, "boards": True, "assessment": True},
        {"singular": "Indikator", "plural": "Indikatorer", "article": "en"},
    ]
    path = folder / "tva.styrkort"
    with create_from_template(path, template, user="controller") as gf:
        year = gf.period().year
        area = add_node(gf, year, None, "Ekonomi i balans")
        update_node(gf, area, year, {"boards": ["RS"]})
        unit = gf.find_unit("RSF").id
        add_measure(gf, year, area, "Resultat i procent av skatteintäkter", kind="nyckeltal", board="RS", unit_id=unit)
    return path


def words_of(path: Path) -> str:
    with GoalFile.open(path, readonly=True) as gf:
        return " ".join(n.name for n in gf.structure(gf.period().year))
