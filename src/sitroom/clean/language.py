"""Language of a page's text, so that only English reaches the English pipeline."""

from __future__ import annotations

import py3langid

# Below this many letters the guess is a coin toss; such pages are taken as English and let through.
MIN_LETTERS = 40


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language ('en', 'fr', …)."""
    if sum(c.isalpha() for c in text) < MIN_LETTERS:
        return "en"
    language, _ = py3langid.classify(text)
    return language
