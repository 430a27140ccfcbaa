"""User text into paragraphs: escaped, cleaned, split into readable pieces.

Everything a user typed reaches reportlab through here, so that `<b>`, `&`
or a stray control character is printed as text and never parsed as markup.
Blank lines separate paragraphs, lines starting with "- " are bullets.
Never pass user text to `Paragraph` any other way.
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

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def plain(text: str | None) -> str:
    """Text without control characters, with Unix line ends and tabs as spaces."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub("", text)


def clean(text: str | None) -> str:
    """Plain text with the characters the PDF's font lacks shown as □."""
    return printable(plain(text))


def markup(text: str | None) -> str:
    """Escaped text for a Paragraph; line breaks kept."""
    return "<br/>".join(escape(line) for line in clean(text).strip().split("\n"))


def para(text: str | None, style=styles.BODY_TEXT) -> Paragraph:
    return Paragraph(markup(text), style)


def bold_then(label: str, text: str | None, style=styles.CELL) -> Paragraph:
    """'<b>label</b> text' with the text escaped; label is our own wording."""
    return Paragraph(f"<b>{escape(label)}</b> {markup(text)}", style)


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
    """Paragraphs and bullets of a commentary; long paragraphs cut at sentence ends."""
    flowables = []
    for kind, block in blocks(text):
        if kind == "li":
            flowables.append(Paragraph(markup(block), styles.BULLET, bulletText="•"))
            continue
        for piece in _pieces(block):
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
