"""User text into paragraphs: escaped, cleaned, split into readable pieces.

Everything a user typed reaches reportlab through here, so that `<b>`, `&`
or a stray control character is printed as text and never parsed as markup.
Blank lines separate paragraphs, lines starting with "- " are bullets.
Names are shortened to a length no real name has, so that no text can make
a table row, a heading or a chart label taller than a page. Never pass user
text to `Paragraph` any other way.
"""

import re
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph

from . import styles
from .fonts import printable

BULLET_MARKS = ("- ", "– ", "• ", "* ")
# A paragraph longer than this is cut at sentence ends: reportlab lays out a
# paragraph in time that grows with its length squared, and a 20-page wall of
# text reads better in pieces anyway. A piece without a sentence end stays whole
# (reportlab still splits it across pages).
LONG_PARAGRAPH = 1500
# For the same reason a paragraph of many short lines is cut every so many lines:
# 50,000 one-word lines in one paragraph did not print within ten minutes.
LONG_PARAGRAPH_LINES = 40
# The longest name (of a perspective, goal, factor, measure, board or unit) printed
# whole; a longer one ends in "…". Real names stay far below it.
LONG_NAME = 300

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# The space between digit groups ("43 000", "1 234 567"): a line break there splits a number in two.
_DIGIT_GROUP = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def plain(text: str | None) -> str:
    """Text without control characters, with Unix line ends and tabs as spaces, and a number's
    digit groups held together by no-break spaces."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _DIGIT_GROUP.sub("\u00a0", _CONTROL.sub("", text))


def clean(text: str | None) -> str:
    """Plain text with the characters the PDF's font lacks shown as □."""
    return printable(plain(text))


def markup(text: str | None) -> str:
    """Escaped text for a Paragraph; line breaks kept."""
    return "<br/>".join(escape(line) for line in clean(text).strip().split("\n"))


def para(text: str | None, style=styles.BODY_TEXT) -> Paragraph:
    return Paragraph(markup(text), style)


def short_name(text: str | None) -> str:
    """A name as printed in a table cell, a heading or a label: at most LONG_NAME characters."""
    text = (text or "").strip()
    return text if len(text) <= LONG_NAME else text[: LONG_NAME - 1].rstrip() + "…"


def bold_then(label: str, text: str | None, style=styles.CELL) -> Paragraph:
    """'<b>label</b> text' with the text escaped, the label held to the text's first word by a
    no-break space ("Kvinnor: 16 %" is never split after the colon); label is our own wording."""
    return Paragraph(f"<b>{escape(label)}</b>\u00a0{markup(text)}", style)


def blocks(text: str | None, tidy=clean) -> list[tuple[str, str]]:
    """The text as ('p' | 'li', text) blocks: paragraphs and bullet items."""
    result: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", tidy(text)):
        lines: list[str] = []
        for line in chunk.split("\n"):
            stripped = line.strip()
            if stripped.startswith(BULLET_MARKS) or stripped in {"-", "•"}:
                if lines:
                    result.append(("p", "\n".join(lines)))
                    lines = []
                result.append(("li", stripped[2:].strip()))
            elif stripped:
                lines.append(stripped)
        if lines:
            result.append(("p", "\n".join(lines)))
    return result


def commentary(text: str | None, style=styles.BODY_TEXT) -> list[Paragraph]:
    """Paragraphs and bullets of a commentary; long paragraphs cut at sentence ends and every
    LONG_PARAGRAPH_LINES lines, so that the time to lay them out grows with the text, not its square."""
    flowables = []
    for kind, block in blocks(text):
        if kind == "li":
            first, *rest = _pieces(block)
            flowables.append(Paragraph(markup(first), styles.BULLET, bulletText="•"))
            flowables += [Paragraph(markup(piece), styles.BULLET) for piece in rest]
            continue
        lines = block.split("\n")
        for start in range(0, len(lines), LONG_PARAGRAPH_LINES):
            for piece in _pieces("\n".join(lines[start : start + LONG_PARAGRAPH_LINES])):
                flowables.append(Paragraph(markup(piece), style))
    return flowables


def _pieces(paragraph: str) -> list[str]:
    if len(paragraph) <= LONG_PARAGRAPH:
        return [paragraph]
    pieces, current = [], ""
    for sentence in _SENTENCE_END.split(paragraph):
        if current and len(current) + len(sentence) > LONG_PARAGRAPH:
            pieces.append(current)
            current = sentence
        else:
            current = f"{current} {sentence}" if current else sentence
    pieces.append(current)
    return pieces
