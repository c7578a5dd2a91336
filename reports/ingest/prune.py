"""Prune the page around the article: structure before strings.

What to drop is data in furniture.py (hidden-element XPath, class and id token rules, the link
density above which a block is a list of other pages); this module only applies it, in two
steps. Hidden elements (never shown to a reader: tooltips, popovers, screen-reader copies) are
removed from the page before trafilatura reads it, so their text cannot run into a sentence.
The site's blocks (related stories, share bars, comments, biographies, lists of links) are only
marked: their text lines are returned, and html.py drops a line of the extracted article that
is one of them. Removing them first would change which container trafilatura chooses (it
weighs a block by its neighbours), and cost article text on pages it reads well today.

The article's own container is never pruned (the elements above the page's longest
paragraph or above its one <article>, any element holding half of the page's words), nor an element whose name also says
it holds the article ("sidebar_content"): the rules trim around the article, they never choose it.
"""

from __future__ import annotations

import re
from typing import Any

from reports.ingest import furniture

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def _token_rule(rules: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?:^|[-_])(?:" + "|".join(rules) + r")")


_HIDDEN = _token_rule(furniture.HIDDEN_TOKENS)
_FURNITURE = _token_rule(furniture.FURNITURE_TOKENS)
_ARTICLE = re.compile("|".join(furniture.ARTICLE_TOKENS))
_SHOWN = re.compile(furniture.SHOWN_ON_SOME_SCREENS)


def prune(tree: Any) -> set[str]:
    """Remove the page's hidden elements, in place; the text lines of the site's blocks (each
    element's text inside them, spaces normalised) for `is_site_line`."""
    body = tree.find(".//body")
    if body is None:
        return set()
    total = _words(body) or 1
    keep = kept(body)
    hidden = set(tree.xpath(furniture.HIDDEN_XPATH)) | {e for e in body.iter() if isinstance(e.tag, str) and _hidden(e)}
    for element in hidden:
        if _in_a_line(element) and _prunable(element, total, keep):
            element.drop_tree()  # keeps the tail text
    lines: set[str] = set()
    inside: set[Any] = set()
    for element in body.iter():
        if not isinstance(element.tag, str) or element in inside:
            continue
        if (_named(element, hidden) or _link_block(element) or _link_line(element)) and _prunable(element, total, keep):
            block = [inner for inner in element.iter() if isinstance(inner.tag, str)]
            inside.update(block)
            lines.update(_line(inner) for inner in block if inner.tag in furniture.LINE_TAGS)
    # A line also written outside the site's blocks is the article's (a table of contents
    # repeats the article's headings).
    lines -= {_line(e) for e in body.iter(*furniture.LINE_TAGS) if e not in inside}
    lines.discard("")
    return lines


def kept(body: Any) -> set[Any]:
    """The elements never pruned for what they are: those above the page's longest paragraph
    (and it) and those above its one <article>."""
    return _holders_of_the_longest_paragraph(body) | _holders_of_the_article(body)


def in_site_block(element: Any) -> bool:
    """The element is inside a block of the site by its name (a list of other stories, the
    comments): an author named there wrote another item, not the article."""
    return any(isinstance(a.tag, str) and _named(a) for a in element.iterancestors())


def _line(element: Any) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _tokens(element: Any) -> list[str]:
    """Its class names and id, camelCase split and lower-cased; "js-" names are hooks for
    scripts ("js-lightbox-gallery" on a block of text), not what the element is. A custom
    element's tag ("site-navigation-item") names it the way a class does."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}".split()
    if "-" in element.tag:
        names.append(element.tag)
    return [_CAMEL.sub("-", name).lower() for name in names if not name.startswith("js-")]


def _words(element: Any) -> int:
    return len(" ".join(element.itertext()).split())


def _in_a_line(element: Any) -> bool:
    """Inside a line of text (a tooltip in a paragraph), where its words would run into the
    sentence. A hidden block of its own (a menu, a dialog) is only marked: removing such blocks
    before extraction can tip trafilatura into reading the menu instead of the article."""
    return element.tag in furniture.INLINE_TAGS or any(
        a.tag in furniture.TEXT_BLOCK_TAGS for a in element.iterancestors()
    )


def _hidden(element: Any) -> bool:
    """Its class or id says it is not shown (a tooltip, a screen-reader copy)."""
    tokens = _tokens(element)
    if any(_SHOWN.match(t) for t in tokens):
        return False
    return any(t in furniture.HIDDEN_NAMES or _HIDDEN.search(t) for t in tokens)


def _named(element: Any, hidden: set[Any] = frozenset()) -> bool:  # type: ignore[assignment]
    """Its class or id names a hidden element or a block of the site, and not the article."""
    tokens = _tokens(element)
    named = (element in hidden or _hidden(element) or any(_FURNITURE.search(t) for t in tokens)
             or element.get("role") in furniture.FURNITURE_ROLES)
    return named and not any(_ARTICLE.search(t) for t in tokens)


def _holders_of_the_longest_paragraph(body: Any) -> set[Any]:
    """The <p> with the most words outside links (not one inside a block named as the site's:
    the next story's teaser may be longer than any paragraph of a short post), and every
    element above it."""
    best, most = None, 0
    for paragraph in body.iter("p"):
        if any(_named(a) for a in paragraph.iterancestors()):
            continue
        words = _words(paragraph) - sum(_words(a) for a in paragraph.iter("a"))
        if words > most:
            best, most = paragraph, words
    return set(best.iterancestors()) | {best} if best is not None else set()


def _holders_of_the_article(body: Any) -> set[Any]:
    """Every element above the page's one <article> (a theme's unclosed widget may wrap it)."""
    articles = body.findall(".//article")
    return set(articles[0].iterancestors()) if len(articles) == 1 else set()


def _prunable(element: Any, total: int, keep: set[Any]) -> bool:
    if element.tag in furniture.NEVER_PRUNED_TAGS or element.getparent() is None or element in keep:
        return False
    return _words(element) < furniture.NEVER_PRUNED_SHARE * total


def _link_block(element: Any) -> bool:
    if element.tag not in furniture.LINK_BLOCK_TAGS:
        return False
    links = element.findall(".//a")
    if len(links) < furniture.LINK_BLOCK_MIN_LINKS:
        return False
    text = len("".join(element.itertext()).strip())
    linked = sum(len("".join(a.itertext()).strip()) for a in links)
    return text > 0 and linked / text > furniture.LINK_DENSITY


def _link_line(element: Any) -> bool:
    """A paragraph that is a label and a link to another page ("Read more: <a>...</a>",
    "RELATED: <a>...</a>"): its words are the other page's, not the article's. A paragraph that
    is a bare link is kept: an article may point to its source that way."""
    if element.tag not in furniture.LINK_LINE_TAGS:
        return False
    links = element.findall(".//a")
    text = "".join(element.itertext())
    if not links or not text.strip():
        return False
    first = "".join(links[0].itertext()).strip()
    label = text[: text.find(first)] if first else ""
    linked = sum(len("".join(a.itertext()).strip()) for a in links)
    return linked / len(text.strip()) > furniture.LINK_LINE_DENSITY and bool(furniture.LINK_LABEL.fullmatch(label.strip()))
