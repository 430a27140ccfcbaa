"""Swedish hyphenation for the report, so that no word is ever split without a hyphen.

reportlab asks a hyphenator for (head, tail) pairs, longest head first, when a
word does not fit its line. Pyphen's Swedish patterns come first; a word they
cannot break (a name, a code, a string of one letter typed by mistake) may be
broken anywhere, still with a hyphen, rather than cut without one.
"""

from functools import cache

import pyphen

# A word longer than this is broken into pieces of at most this many letters at a
# time: no line of the report holds more, and it keeps a giant word's layout linear.
LONGEST_PIECE = 120
# Running text is not hyphenated (it reads better ragged), except a word this long.
LONG_WORD = 30


@cache
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="sv_SE")


def hyphenate_long(word: str):
    """For running text: only a word longer than most lines is hyphenated; others move to the next line."""
    if len(word) >= LONG_WORD:
        yield from hyphenate(word)


def hyphenate(word: str):
    """(head, tail) pairs for `word`, longest head first; reportlab adds the hyphen.

    A word longer than a line is not a word to look up: it is cut in pieces of at most
    LONGEST_PIECE letters, so that reportlab, which asks again for every line, tries a
    bounded number of cuts each time (the dictionary's every break point of a
    5,000-letter string, each measured, made one table cell take minutes)."""
    found = False
    if len(word) <= LONGEST_PIECE:
        for pair in _dictionary().iterate(word):
            found = True
            yield pair
    if not found:
        for cut in range(min(len(word) - 2, LONGEST_PIECE), 1, -1):
            yield word[:cut], word[cut:]
