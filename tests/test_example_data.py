"""The built-in example holds the seed appendix completely and exactly."""

import re
from pathlib import Path

import pytest

from db.model import all_measures, walk

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_2e309a2a38d66797.txt"

# Per perspective: strategic goals, success factors, styrmått, aktiviteter —
# counted in the seed's overview tables and measure tables.
EXPECTED_COUNTS = {
    "Samhälle": (1, 6, 10, 6),
    "Medborgare": (1, 9, 25, 6),
    "Verksamhet": (2, 9, 29, 2),
    "Medarbetare": (1, 4, 11, 0),
    "Ekonomi": (1, 6, 15, 3),
}


def squeeze(text: str) -> str:
    """Text without whitespace, hyphens and bullets: what survives the PDF's line breaking."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011\uf0b7•]", "", text).casefold()


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip("the seed document (shared/seed) is not beside this checkout")
    return squeeze(SEED.read_text(encoding="utf-8"))


def test_counts_per_perspective_match_the_seed(goal_file):
    tree = goal_file.tree()
    counts = {
        p.name: (
            len(p.children),
            sum(len(g.children) for g in p.children),
            sum(1 for m in p.all_measures() if m.kind == "styrmatt"),
            sum(1 for m in p.all_measures() if m.kind == "aktivitet"),
        )
        for p in tree
    }
    assert counts == EXPECTED_COUNTS
    assert len(all_measures(tree)) > 100


def test_every_level_reads_back(goal_file):
    tree = goal_file.tree()
    assert [p.name for p in tree] == list(EXPECTED_COUNTS)
    assert all(p.description.startswith(f"Perspektivet {p.name}") for p in tree)
    goals = [g for p in tree for g in p.children]
    assert len(goals) == 6
    for goal in goals:
        assert goal.boards, goal.name
        assert goal.assessment.prognosis == "delvis"
        assert len(goal.assessment.text) > 200
        for factor in goal.children:
            assert factor.boards and factor.measures, factor.name
    settings = goal_file.report_settings()
    assert (settings.document_id, settings.version, settings.responsible, settings.created_by) == (
        "lgekpl-4-1065", "0.8", "Jan Öström", "Elisabeth Persson Stål",
    )  # fmt: skip
    assert settings.publication_date and "Quickpart" not in settings.publication_date
    assert [b.code for b in goal_file.boards()] == ["RS", "RUN", "PN"]
    assert goal_file.period().label == "per augusti"


@pytest.mark.parametrize(
    ("name", "board", "target", "total", "women", "men", "text", "kind"),
    [
        ("Antal slutförda triage totalt i länet på Digitalen", "RS", "43 000", "29 191", "", "", "", "styrmatt"),
        ("Antal nya filialer och servicepunkter", "RS", "Öka", "", "", "", "15 filialer och 20 servicepunkter",
         "styrmatt"),
        ("Sjukfrånvaro", "RS", "Minska", "6,9% varav lång 50,3% och kort 49,7%", "7,5%", "4,5%", "", "styrmatt"),
        ("Antal företagsbesök", "RUN", "150", "", "", "", "", "styrmatt"),
        ("Aktivitet: Framtagande av hållbarhetsverktyg", "RUN", "Prototyp", "", "", "", "", "aktivitet"),
    ],
)  # fmt: skip
def test_sample_measures_field_by_field(goal_file, name, board, target, total, women, men, text, kind):
    measure = next(m for m in all_measures(goal_file.tree()) if m.name == name)
    entry = measure.entry
    assert (measure.board, measure.target, measure.kind) == (board, target, kind)
    assert (entry.outcome_total, entry.outcome_women, entry.outcome_men, entry.outcome_text) == (
        total, women, men, text,
    )  # fmt: skip
    assert measure.gender_split == bool(women) or name == "Antal företagsbesök"


def test_gender_split_outcome_as_printed(goal_file):
    name = "Andel medicinsk bedömning av legitimerad personal i primärvård inom 3 dagar"
    measure = next(m for m in all_measures(goal_file.tree()) if m.name.startswith(name))
    assert measure.gender_split
    assert (measure.entry.outcome_total, measure.entry.outcome_women, measure.entry.outcome_men) == ("93%",) * 3


def test_every_text_is_taken_from_the_seed(goal_file, seed_text):
    """Names, targets, outcomes and every commentary paragraph occur in the seed."""
    missing = []
    for perspective in goal_file.tree():
        texts = [perspective.name, perspective.description]
        for goal in perspective.children:
            texts += [goal.name, *goal.assessment.text.split("\n")]
            for factor in goal.children:
                texts.append(factor.name)
                for section in factor.sections:
                    texts += [section.heading, *section.text.split("\n")]
                for m in factor.measures:
                    e = m.entry
                    texts += [m.name, m.target, e.outcome_total, e.outcome_women, e.outcome_men]
                    texts += e.commentary.split("\n")
        for text in texts:
            if text.strip() and squeeze(text.removeprefix("- ")) not in seed_text:
                missing.append(text[:80])
    assert missing == []


def test_hyphenation_was_rejoined(goal_file, seed_text):
    """The PDF's line-end hyphens are gone; real hyphens ("plan- och", "EU-nivå") stay."""
    tree = goal_file.tree()
    texts = [m.entry.commentary for m in all_measures(tree)]
    texts += [s.text for n in walk(tree) for s in n.sections]
    joined = " ".join(texts)
    assert "plan- och bygglovshandläggare" in joined and "EU-projekt" in joined
    for word in ("presenteras", "vårdkontakter", "kartläggningen", "kompetensutvecklas"):
        assert word in joined or word in goal_file.report_settings().introduction, word
    seed_lines = SEED.read_text(encoding="utf-8")
    leftovers = re.findall(r"\w+- (?!och |eller |samt |till |respektive )\w+", joined)
    assert [w for w in leftovers if w not in seed_lines] == []


def test_units_are_assigned(goal_file):
    measures = all_measures(goal_file.tree())
    assert all(m.unit_id for m in measures)
    assert len({m.unit_id for m in measures}) >= 8


README = Path(__file__).resolve().parents[1] / "resurser" / "README.md"


def test_every_reconstructed_value_is_listed_with_the_seed_sentence_it_rests_on(goal_file, seed_text):
    """Fulfilment, trend and activity values are the seed's statements, each documented."""
    from db.model import shown_label

    rows = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[3].startswith("”"):
            rows.setdefault((cells[0], cells[1]), []).append((cells[2], cells[3].strip("”")))
    model = goal_file.model()
    listed = 0
    nodes = {n.id: n for n in walk(goal_file.tree())}
    for measure in all_measures(goal_file.tree()):
        expected = []
        if value := model.fulfilment_scale(measure.kind).get(measure.entry.fulfilment):
            expected.append(value.label)
        if value := model.trend_scale.get(measure.entry.trend):
            expected.append(shown_label(value, measure))
        found = rows.get((nodes[measure.node_id].name, f"{measure.name} ({measure.board})"), [])
        assert [label for label, _ in found] == expected, measure.name
        for _label, sentence in found:
            assert squeeze(sentence) in seed_text, sentence
        listed += len(found)
    assert listed == sum(len(r) for r in rows.values()) > 40


def test_commentary_prints_in_the_seeds_order_under_its_headings(goal_file, seed_text):
    from desktop.report.content import commentary_blocks

    model = goal_file.model()
    for node in walk(goal_file.tree()):
        position = 0
        for block in commentary_blocks(node, model):
            opening = squeeze(block.texts[0][:60])
            at = seed_text.find(opening, position)
            assert at >= 0, (node.name, block.heading, block.texts[0][:60])
            if block.heading:
                heading = seed_text.rfind(squeeze(block.heading), position, at)
                assert heading >= 0 and at - heading - len(squeeze(block.heading)) < 5, (node.name, block.heading)
            position = at
