"""The article's language: what the article (or the configuration) declares, else detected.

A page says its language (`<html lang>`, `og:locale`), a Markdown file or a jsonl row may too;
those are kept on the Article as written and only normalised here ("fr-FR", "fr_FR" -> "fr").
When nothing is declared, py3langid guesses from the text: a naive Bayes model over byte
n-grams whose model file ships inside its wheel (nothing is downloaded), fast per article.
Its model and NumPy load only when a text needs a guess (docs/languages.md measures it).
The identifier is this module's own instance, so restricting or tuning it never touches
py3langid's shared one.

Loading that model is slow (it is LZMA-compressed), so a text that is plainly English (most
of its words English function words, from lang/en/words.toml, and several times the share of
any other language's) is called English without it; every other text goes to the model.
"""

from __future__ import annotations

import functools
import re
from typing import Any

DEFAULT = "en"
# Below this many letters a guess is noise ("OK", a headline's worth of names): the default.
MIN_LETTERS = 20
# py3langid's normalised probability below which the guess is not trusted.
MIN_CONFIDENCE = 0.5
# "Plainly English": at least this many words, this share of them English function words,
# and this many times the share of any other language's function words.
PLAIN_MIN_WORDS = 40
PLAIN_MIN_SHARE = 0.3
PLAIN_MIN_RATIO = 3.0
# The start of the text that is enough to tell its language (the model's time grows with it).
SAMPLE_CHARS = 1500
_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$")
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")


def normalise(declared: str | None) -> str | None:
    """The primary language subtag of a declared tag, lowercased ("de-AT" -> "de"), or None
    for an empty or malformed one (a page's `lang="{{lang}}"`, "x-default")."""
    if not declared:
        return None
    match = _CODE.match(declared.strip())
    if not match or match.group(1).lower() in ("x", "und", "mul", "zxx"):
        return None
    return match.group(1).lower()


def choose(declared: str | None, configured: str | None, text: str) -> str:
    """The article's own declaration first, then the configuration's `[analysis] language`,
    then a guess from the text; English when the text is too short to guess."""
    for candidate in (declared, configured):
        code = normalise(candidate)
        if code:
            return code
    return detect(text)


def detect(text: str) -> str:
    """py3langid's guess for the text (its start is enough), or DEFAULT when unsure."""
    sample = text[:SAMPLE_CHARS]
    letters = 0
    for _ in _LETTER.finditer(sample):  # counted only as far as the threshold
        letters += 1
        if letters >= MIN_LETTERS:
            break
    if letters < MIN_LETTERS:
        return DEFAULT
    if plainly_english(sample):
        return "en"
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else DEFAULT


def plainly_english(sample: str) -> bool:
    """Whether the text's function words say English so clearly that the model need not load."""
    found = _WORD.findall(sample.lower())
    if len(found) < PLAIN_MIN_WORDS:
        return False
    # Each distinct word looked up once per language, weighted by how often it occurs: the
    # same whole counts as a look-up per occurrence.
    counts: dict[str, int] = {}
    for word in found:
        counts[word] = counts.get(word, 0) + 1
    shares = {code: sum(n for w, n in counts.items() if w in stop_words) / len(found)
              for code, stop_words in _stop_words()}
    english = shares.pop("en", 0.0)
    return english >= PLAIN_MIN_SHARE and all(english >= PLAIN_MIN_RATIO * share for share in shares.values())


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@functools.cache
def _stop_words() -> tuple[tuple[str, frozenset[str]], ...]:
    """Every language's stop words, gathered once per process (the data files do not change
    while it runs; listing them is a directory scan)."""
    from reports.analysis import lang

    return tuple((code, lang.rules(code).stop_words) for code in lang.available())
