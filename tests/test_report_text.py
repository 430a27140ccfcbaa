"""User text into report paragraphs: escaping, bullets, long paragraphs, missing glyphs."""

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop.report import styles
from desktop.report.fonts import register_fonts
from desktop.report.text import LONG_PARAGRAPH, blocks, bold_then, clean, commentary, markup, para


def test_markup_is_escaped_and_keeps_line_breaks():
    assert markup("<b>a</b> & b\nc") == "&lt;b&gt;a&lt;/b&gt; &amp; b<br/>c"


def test_blank_lines_make_paragraphs_and_dashes_make_bullets():
    text = "Första stycket\nfortsätter.\n\nAndra stycket:\n- ett\n- två\nEfter listan."
    assert blocks(text) == [
        ("p", "Första stycket\nfortsätter."),
        ("p", "Andra stycket:"),
        ("li", "ett"),
        ("li", "två"),
        ("p", "Efter listan."),
    ]


def test_control_characters_go_and_missing_glyphs_show_as_a_box():
    assert clean("a\x00b\x07c\r\nd\te") == "abc\nd e"
    assert clean("Bra jobbat 😀") == "Bra jobbat □"
    assert clean("Åsa, Öjebyn, Ärla – ok") == "Åsa, Öjebyn, Ärla – ok"


def test_a_number_and_a_labelled_value_are_never_split_across_lines():
    assert clean("43 000 besök, 1 234 567 kr, år 2022 och 10 st") == (
        "43\u00a0000 besök, 1\u00a0234\u00a0567 kr, år 2022 och 10 st"
    )
    register_fonts()
    style = styles.CELL
    # Room for "Utfall 43" or for "43 000" on a line, not for all of it: the number goes whole to the next line.
    width = max(stringWidth(t, style.fontName, style.fontSize) for t in ("Utfall 43", "43 000")) + 1
    cell = para("Utfall 43 000", style)
    cell.wrap(width, 1000)
    assert [" ".join(words) for _extra, words in cell.blPara.lines] == ["Utfall", "43\u00a0000"]
    assert bold_then("Kvinnor:", "16 %").text == "<b>Kvinnor:</b>\u00a016 %"


def test_a_long_paragraph_is_cut_at_sentence_ends():
    sentence = "Det här är en mening om vården i Norrbotten. "
    flowables = commentary(sentence * 200)
    assert len(flowables) > 3
    assert all(len(p.text) <= LONG_PARAGRAPH + len(sentence) for p in flowables)
    assert "".join(p.text for p in flowables).count("Norrbotten") == 200


def test_a_giant_word_stays_one_paragraph():
    assert len(commentary("x" * 10_000)) == 1
