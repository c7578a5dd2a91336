"""An article saved as a web page (.html, .htm): trafilatura finds the article in the page.

trafilatura drops navigation, ads, related links, share buttons and footers, and reads the
title, author and date from the page's metadata. Two things it does not keep are added
around it: the photo caption (a <figcaption>, kept out of the body so it never becomes the
lead) and story breaks (an <hr> between two stories, which the seed format writes as two
blank lines), carried through the extraction as a marker paragraph.
"""

from __future__ import annotations

import codecs
import hashlib
import html as html_module
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reports.errors import ReadError
from reports.ingest import furniture, prune
from reports.ingest.decode import decode
from reports.models import Article

_STORY_MARK = "reports-story-break-4f1c"
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)
_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\b(?:Photo|Picture|Image|Credit|Photograph)s?:\s*(?P<credit>[^\n]{1,160}?)\s*$", re.DOTALL)
_MAX_CAPTION_CHARS = 600
_MIN_WORDS = 8  # fewer is a menu or an error page, not an article


def read(path: Path, raw: bytes, label: str) -> Iterator[Article]:
    yield parse(decode_html(raw), article_id=path.stem, source=label, content_hash=hashlib.sha256(raw).hexdigest())


def decode_html(raw: bytes) -> str:
    """UTF-8 (or a BOM) first; else the charset the page declares; else the cp1252 chain."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw)
    try:
        raw.decode("utf-8")
        return decode(raw)
    except UnicodeDecodeError:
        pass
    head_end = _HEAD_END.search(raw)
    declared = _DECLARED.search(raw[: head_end.start() if head_end else 65536])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
        except LookupError:
            codec = None
        # A page that says utf-8 but is not: fall through to the cp1252/latin-1 chain.
        if codec is not None and codec.name not in ("utf-8", "latin-1", "iso8859-1"):
            return decode(raw.decode(codec.name, errors="replace").encode("utf-8"))
    return _detect(raw)


def _detect(raw: bytes) -> str:
    """No usable declaration: charset-normalizer guesses the encoding; cp1252 chain as the last resort."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        return decode(str(best).encode("utf-8"))
    return decode(raw)


def parse(html: str, *, article_id: str, source: str, content_hash: str = "") -> Article:
    import trafilatura  # loads lxml, htmldate and friends: only when a page is read

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ReadError("not an HTML page (nothing to parse)")
    caption, credit = _caption(tree)
    links = _link_share(tree)  # of the page as served: pruning drops the link lists it counts
    embeds = _embeds(tree)
    site_lines = prune.prune(tree)
    _mark_story_breaks(tree)
    _mark_formulas(tree)
    found = _extract(tree)
    title = _title(tree, found)
    body = _body(found.text, title, caption, site_lines) if found else ""
    body, standfirst = _standfirst(body, _structured(tree).get("description"))
    if _length(body) < _MIN_WORDS:
        # trafilatura weighs a block by its neighbours: on a rare page, what pruning took
        # tips it into a menu. The page as served is read instead (hidden text and all).
        tree = trafilatura.load_html(html)
        _mark_story_breaks(tree)
        _mark_formulas(tree)
        found = _extract(tree)
        body = _body(found.text, title, caption) if found else ""
        body, standfirst = _standfirst(body, _structured(tree).get("description"))
    if _length(body) < _MIN_WORDS:
        # trafilatura's precise pass may settle on the site's header (a tagline, then nothing
        # else): its recall pass weighs more of the page (as served; the site's lines still go)
        tree = trafilatura.load_html(html)
        _mark_story_breaks(tree)
        _mark_formulas(tree)
        found = _extract(tree, favor_recall=True)
        body = _body(found.text, title, caption, site_lines) if found else ""
        body, standfirst = _standfirst(body, _structured(tree).get("description"))
    if found is None:
        raise ReadError("no article text found in the page")
    if _length(found.text) < _MIN_WORDS:
        raise ReadError(f"no article text found in the page ({_length(found.text)} words)")
    # before the length of what is left: a section front whose lines are all the site's blocks
    # is refused as what it is
    _refuse_non_article(tree, found.text, links)
    if _length(body) < _MIN_WORDS:
        # trafilatura falls back to whatever text there is, e.g. a bare menu's "Home".
        raise ReadError(f"no article text found in the page ({_length(body)} words)")
    return Article(
        id=article_id,
        source=source,
        text=body,
        title=title,
        date=_date(found.date),
        caption=caption,
        credit=credit,
        content_hash=content_hash or hashlib.sha256(html.encode()).hexdigest(),
        author=_byline(tree, found.author),
        language=_declared_language(tree),
        standfirst=standfirst,
        embeds=embeds,
    )


def _embeds(tree: object) -> tuple[str, ...]:
    """The text of each post of another site the page embeds (a tweet, an Instagram post)."""
    texts = (" ".join(_unescape(" ".join(e.itertext())).split()) for e in tree.xpath(furniture.EMBED_XPATH))  # type: ignore[attr-defined]
    return tuple(text for text in texts if text)


def _declared_language(tree: object) -> str | None:
    """The page's language as it declares it: `<html lang>` (or xml:lang), else og:locale,
    else the Content-Language meta; as written ("fr-FR", "de_DE"), normalised by the analysis."""
    for xpath in (
        "/html/@lang",
        "/html/@*[local-name()='lang']",
        "//meta[@property='og:locale']/@content",
        "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')='content-language']/@content",
    ):
        values = tree.xpath(xpath)  # type: ignore[attr-defined]
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return None


def _standfirst(body: str, description: str | None) -> tuple[str, str | None]:
    """The body, and the standfirst: the page's declared description, when it is a line of its
    own at the top of the body (then taken out of it: it is shown under the headline, never as
    a summary sentence) or in no line of the body at all. A description that is the body's
    opening cut short (many sites') is the lead, not a standfirst."""
    description = _clean(description)
    if not description or len(description.split()) < furniture.STANDFIRST_MIN_WORDS:
        return body, None
    wanted = _folded(description.rstrip("…. "))
    paragraphs = body.split("\n\n")
    for index, paragraph in enumerate(paragraphs[: furniture.STANDFIRST_WITHIN]):
        folded = _folded(paragraph)
        if folded == _folded(description):
            if index == 0 and len(paragraphs) > 1:
                return "\n\n".join(paragraphs[1:]).lstrip("\n"), description
            return body, None
        if folded.startswith(wanted) or wanted.startswith(folded):
            return body, None  # the lead itself
    whole = _folded(body)
    if wanted in whole or any(_nearly(wanted, _folded(p)) for p in paragraphs):
        return body, None  # a sentence of the body, or the body's paragraph with a word changed
    words = [w for w in wanted.split() if len(w) > 3]
    shared = sum(f" {w}" in f" {whole}" for w in words) / max(len(words), 1)
    # a site's blurb ("the latest news and analysis from ...") shares few words with the article
    return body, description if shared >= furniture.STANDFIRST_SHARED_WORDS else None


def _extract(tree: object, favor_recall: bool = False) -> object | None:
    """trafilatura's article (text and metadata), or None when it found no text."""
    import trafilatura

    found = trafilatura.bare_extraction(
        tree,
        favor_recall=favor_recall,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    return found if found is not None and (found.text or "").strip() else None


def _link_share(tree: object) -> float:
    """The share of the words of the page's <body> that are link text."""
    body = tree.xpath("//body")  # type: ignore[attr-defined]
    if not body:
        return 0.0
    total = len(" ".join(body[0].itertext()).split())
    linked = sum(len(" ".join(a.itertext()).split()) for a in body[0].iter("a"))
    return linked / total if total else 0.0


def _refuse_non_article(tree: object, text: str, links: float) -> None:
    """A home page, section front or list of links: most of the page's text is link text, the
    page does not call itself an article, and what trafilatura kept is short lines, not prose."""
    data = _structured(tree)
    kind = tree.xpath("//meta[@property='og:type']/@content")  # type: ignore[attr-defined]
    if data.get("headline") or (kind and "article" in str(kind[0]).casefold()):
        return
    if _home_url(tree):
        raise ReadError("not an article: the site's home page")
    lines = [line for line in text.split("\n") if line.strip()]
    prose = sum(1 for line in lines if len(line.split()) >= 25 or len(_CJK.findall(line)) >= 60)
    if links > 0.7 and prose < 2:
        raise ReadError(
            f"not an article: a page of links (a home page or section front; {links:.0%} of its words are links)"
        )


def _home_url(tree: object) -> bool:
    """The page's own address (canonical link or og:url) is a site's root."""
    from urllib.parse import urlsplit

    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        for value in tree.xpath(xpath):  # type: ignore[attr-defined]
            parts = urlsplit(str(value).strip())
            if parts.netloc:
                return parts.path in ("", "/") and not parts.query
    return False


def _length(body: str) -> int:
    """Words where words are spaced; for Chinese and Japanese, characters count (two make a word)."""
    spaced = len(body.split())
    cjk = len(_CJK.findall(body))
    return max(spaced, cjk // 2)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def _structured(tree: object) -> dict[str, str]:
    """headline, author and site name from the page's JSON-LD and <meta> tags."""
    import json

    found: dict[str, str] = {}
    for script in tree.xpath("//script[@type='application/ld+json']"):  # type: ignore[attr-defined]
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _ld_items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report")) for k in kinds):
                continue
            if isinstance(item.get("headline"), str):
                found.setdefault("headline", item["headline"])
            name = _ld_name(item.get("author"))
            if name:
                found.setdefault("author", name)
    for key, xpath in (
        ("dc_title", _dublin_core("title", "name")),
        ("dc_title", _dublin_core("title", "property")),  # the property, where both are, wins
        ("dc_creator", _dublin_core("creator", "name")),
        ("dc_creator", _dublin_core("creator", "property")),
        ("og_title", "//meta[@property='og:title']/@content"),
        ("description", "//meta[@name='description']/@content"),
        ("description", "//meta[@property='og:description']/@content"),  # wins where both are
        ("twitter_title", "//meta[@name='twitter:title']/@content"),
        ("article_author", "//meta[@property='article:author']/@content"),
        ("site", "//meta[@property='og:site_name']/@content"),
        ("meta_author", "//meta[@name='author']/@content"),
        ("parsely_author", "//meta[@name='parsely-author']/@content"),
        ("title_tag", "//title/text()"),
    ):
        values = tree.xpath(xpath)  # type: ignore[attr-defined]
        if values and str(values[0]).strip():
            found[key] = " ".join(str(values[0]).split())
    return found


def _dublin_core(term: str, attribute: str) -> str:
    """<meta property|name="dc:title" | "DC.title" | "dcterm:title">."""
    names = " or ".join(
        f"translate(@{attribute}, 'DCTERM', 'dcterm')='{prefix}{separator}{term}'"
        for prefix in ("dc", "dcterm", "dcterms") for separator in (":", ".")
    )
    return f"//meta[{names}]/@content"


def _ld_items(data: object) -> list[dict]:
    if isinstance(data, list):
        return [item for entry in data for item in _ld_items(entry)]
    if isinstance(data, dict):
        return [data, *_ld_items(data.get("@graph", []))]
    return []


def _ld_name(value: object) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_ld_name(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict) and value.get("@type", "Person") in ("Person", ["Person"]):
        return _ld_name(value.get("name"))
    if isinstance(value, str) and _is_name(value):
        return " ".join(value.split())
    return None


def _is_name(value: str) -> bool:
    """Not a link, a desk or a role; and written as names are: a login ("karstenruppert",
    "jane.doe"), all in lower case, is not one (a name in a script without case may be)."""
    value = value.strip()
    letters = [c for c in value if c.isalpha()]
    login = bool(letters) and all(c.islower() for c in letters)  # a script without case is not one
    return 2 <= len(value) <= 80 and not login and not furniture.BYLINE_NOT_A_NAME.search(value)


def _byline(tree: object, extracted: str | None) -> str | None:
    """The page's declared author (JSON-LD, Dublin Core, <meta name=author>, Parse.ly's,
    article:author: Readability's order), else the page's byline element (not one inside a
    block of the site: a related story's author), else trafilatura's, when it looks like
    people's names; never a link, a date or a desk. A date fragment after the names ("By CBS
    News February") and a handle or an e-mail address ("@janedoe") are cut."""
    data = _structured(tree)
    declared = (data.get("author"), data.get("dc_creator"), data.get("meta_author"), data.get("parsely_author"),
                data.get("article_author"))
    for value in declared:
        names = _names(value, False)
        if names:
            return names
    for element in tree.xpath(furniture.BYLINE_XPATH):  # type: ignore[attr-defined]
        if prune.in_site_block(element):
            continue  # the author of a related story or of a comment
        text = " ".join(" ".join(element.itertext()).split())
        names = _names(text, True) if 0 < len(text) <= furniture.BYLINE_MAX_CHARS else None
        if names:
            return names
    return _names(extracted, True)


def _names(value: str | None, found_in_text: bool) -> str | None:
    value = _clean(value)
    if not value:
        return None
    value = " ".join(furniture.BYLINE_CONTACT.sub(" ", value).split())
    value = furniture.BYLINE_LINK_LABEL.sub("", value)
    value = furniture.BYLINE_OTHER_ROLES.sub("", furniture.BYLINE_LEAD.sub("", value))
    names = [_agency(_without_role(_without_date(part))) for part in re.split(r"\s*[;|·•]\s*", value)]
    names = [name for name in names if _is_name(name) and (not found_in_text or _looks_like_names(name))]
    return ("; ".join(names) if len(names) > 1 else names[0]) if names else None


def _agency(name: str) -> str:
    """An agency's desk is the agency: "Reuters Staff" -> "Reuters" (a desk is no byline, but
    the agency that wrote the story is)."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        head, rest = " ".join(words[:cut]), words[cut:]
        if head.casefold() in furniture.AGENCIES and all(w.casefold() in furniture.AGENCY_DESK_WORDS for w in rest):
            return head
    return name


def _without_role(name: str) -> str:
    """The names without a part that is the writer's role: "Jane Doe, Senior Reporter" ->
    "Jane Doe"; a part with any other word is kept ("Jane Doe, Reuters")."""
    parts = [p for p in re.split(r"\s*,\s*", name) if p]
    kept = [p for p in parts if not all(w.casefold().strip(".") in furniture.BYLINE_ROLE_WORDS for w in p.split())]
    return ", ".join(kept) if kept else name


def _without_date(name: str) -> str:
    """The names without a date after them: "Lucas Nolan22 Dec 2016" -> "Lucas Nolan"."""
    words = re.sub(r"(?<=[^\W\d_])(?=\d)", " ", name).split()
    while len(words) > 1 and (words[-1].casefold().strip(",.") in furniture.BYLINE_DATE_WORDS
                              or re.fullmatch(r"[\d:.,/-]+(?:st|nd|rd|th)?,?", words[-1])):
        words.pop()
    return " ".join(words).strip(" ,")


def _looks_like_names(value: str) -> bool:
    """Text found in the page (not declared as the author) is a byline only as people's names,
    each word capitalised ("Jane Doe", "Jane Doe and John Roe"), or a news agency: a button
    ("Follow"), a label ("Username") or a heading ("Authority control") is not."""
    if value.casefold() in furniture.AGENCIES:
        return True
    for name in re.split(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*", value):
        if name.casefold() in furniture.AGENCIES:
            continue  # "Jane Doe and Reuters", "Jane Doe, AP"
        words = [w for w in name.split() if w.casefold() not in furniture.NAME_PARTICLES]
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            return False
        if not any(len(w.strip(".")) >= 2 for w in words) or any(len(w) == 1 for w in words):
            # "J J", "S Sky": not a name; an initial is written with its stop ("J. K. Rowling")
            return False
        if any(w.casefold() in furniture.NOT_NAME_WORDS for w in words):
            return False
    return True


def _title(tree: object, found: object) -> str | None:
    """The headline. Of the titles the page declares (JSON-LD headline, Dublin Core, og:title,
    twitter:title, <title>), the one its <h1> shows, if any (a social title may differ from the
    page's own); else the first of them; trafilatura's last (it may take any <h1>: the site's
    "About me"). Site tails cut, and the site's name where its host spells it ("BMAS - ..."
    on www.bmas.de); invisible characters (soft hyphens) taken out."""
    data = _structured(tree)
    sites = (data.get("site"), getattr(found, "sitename", None))
    labels = _host_labels(tree, *sites)
    declared = [
        _INVISIBLE.sub("", _strip_host_label(_strip_site(value, *sites), labels))
        for value in map(_clean, (data.get("headline"), data.get("dc_title"), data.get("og_title"),
                                  data.get("twitter_title"), data.get("title_tag")))
        if value
    ]
    shown = {_folded(" ".join(h.itertext())) for h in tree.xpath("//h1") if not _home_link(h)}  # type: ignore[attr-defined]
    for value in declared:
        if _folded(value) in shown:
            return value
    for value in declared:
        part = _shown_part(value, shown)
        if part:
            return part
    if declared:
        return declared[0]
    value = _clean(getattr(found, "title", None))
    return _INVISIBLE.sub("", _strip_host_label(_strip_site(value, *sites), labels)) if value else None


def _host_labels(tree: object, *sites: str | None) -> frozenset[str]:
    """The names in the page's host, squashed: "bmas" and "bmasde" for www.bmas.de, from its
    address (canonical link, og:url) or a site name written as a host; "www" aside."""
    from urllib.parse import urlsplit

    hosts = [s for s in sites if s and " " not in s.strip() and "." in s]
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        hosts += [urlsplit(str(v).strip()).hostname or "" for v in tree.xpath(xpath)]  # type: ignore[attr-defined]
    hosts = [host.casefold().removeprefix("www.") for host in hosts if host]
    labels = {label for host in hosts for label in host.split(".")[:-1]} | set(hosts)
    return frozenset(filter(lambda label: len(label) >= furniture.HOST_LABEL_MIN_CHARS, map(_squashed, labels)))


def _squashed(text: str) -> str:
    return re.sub(r"[\W_]", "", _folded(text))


def _strip_host_label(title: str, labels: frozenset[str]) -> str:
    """Cut a part that names the site's host, and what is on its far side: "BMAS - Headline",
    "Headline | site.ch | The site's motto"."""
    for separator in furniture.TITLE_SEPARATORS:
        if separator == separator.strip() or separator not in title:
            continue  # an unspaced "-" joins words
        parts = [p.strip() for p in title.split(separator)]
        for index, part in enumerate(parts):
            if _squashed(part) not in labels:
                continue
            rest = parts[index + 1:] if index == 0 else parts[:index]  # the headline comes first
            if len(_folded(" ".join(rest)).split()) >= furniture.TITLE_PART_MIN_WORDS:
                return separator.join(rest)
    return title


def _home_link(heading: object) -> bool:
    """An <h1> that is a link to a site's home page is the site's logo, not the headline."""
    links = heading.xpath("ancestor-or-self::a/@href | .//a/@href")  # type: ignore[attr-defined]
    return len(links) == 1 and _HOME_HREF.search(str(links[0]).strip()) is not None


_HOME_HREF = re.compile(r"(?:^/?|://[^/?#]+/?)$")  # "/", "https://site.example/" (the last address, if nested)


def _shown_part(title: str, shown: set[str]) -> str | None:
    """The part of a declared title, between the site's separators, that the page's <h1> shows:
    "Site » Blog » Headline" whose <h1> is "Headline" is "Headline" (a site name the separator
    rules could not tell from the headline, being as long)."""
    for separator in furniture.TITLE_SEPARATORS:
        if separator == separator.strip() or separator not in title:
            continue  # an unspaced "-" joins words
        for part in (p.strip() for p in title.split(separator)):
            if len(part.split()) >= furniture.TITLE_PART_MIN_WORDS and _folded(part) in shown:
                return part
    return None


def _folded(text: str) -> str:
    """Case, punctuation and invisible characters (soft hyphens, zero-width spaces) aside."""
    return " ".join(re.sub(r"[^\w\s]", " ", _INVISIBLE.sub("", text).casefold()).split())


_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _nearly(a: str, b: str) -> bool:
    """The same text but for a word or two (an edit made on the page and not in its metadata)."""
    from difflib import SequenceMatcher

    if not a or not b or abs(len(a) - len(b)) > (1 - furniture.STANDFIRST_SAME_TEXT) * max(len(a), len(b)):
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= furniture.STANDFIRST_SAME_TEXT


def _strip_site(title: str, *sites: str | None) -> str:
    """Cut a trailing (or leading) site name or section: "Headline | Site", "Site » Section » Headline"."""
    names = [s.casefold() for s in sites if s]
    for separator in furniture.TITLE_SEPARATORS:
        if separator not in title:
            continue
        parts = [p.strip() for p in title.split(separator)]
        head, tail = parts[0], parts[-1]
        short_tail = len(tail.split()) <= 4 and len(tail) < len(head)
        spaced = separator != separator.strip()
        cjk_tail = bool(_CJK.search(tail)) and len(tail) <= 8 and len(head) >= 2 * len(tail)
        if any(name in tail.casefold() or tail.casefold() in name for name in names) or (
            spaced and short_tail and len(head.split()) >= 3
        ) or (not spaced and cjk_tail):
            return _strip_site(separator.join(parts[:-1]), *sites)
        if any(name in head.casefold() for name in names) and len(tail.split()) >= 2:
            return _strip_site(separator.join(parts[1:]), *sites)
        if separator.strip() in ("|", "»") and _DATE_PART.fullmatch(head):
            return separator.join(parts[1:])
    return title


_DATE_PART = re.compile(r"[\d.\-/ ]{6,12}")


def _caption(tree: object) -> tuple[str | None, str | None]:
    """The first figure caption of the article (or of the page), split from its credit."""
    for scope in ("//article//figcaption", "//main//figcaption", "//figcaption"):
        for element in tree.xpath(scope):  # type: ignore[attr-defined]
            credit_parts = element.xpath(".//*[contains(@class, 'credit') or self::cite]")
            credit = " ".join(" ".join(" ".join(part.itertext()) for part in credit_parts).split()) or None
            for part in credit_parts:
                part.drop_tree()
            text = " ".join(_unescape(" ".join(element.itertext())).split())
            credit = _clean(credit)
            if not text and not credit:
                continue
            return _split_credit(text[:_MAX_CAPTION_CHARS], credit)
    return None, None


def _split_credit(text: str, credit: str | None) -> tuple[str | None, str | None]:
    text = furniture.CAPTION_LABEL.sub("", text)
    if not credit and furniture.CREDIT_ONLY.match(text):
        return None, re.sub(r"^\W*\w+\s*[:.]?\s*", "", text) or None
    if not credit:
        for pattern in (furniture.CREDIT_TAIL, furniture.CREDIT_AGENCY):
            match = pattern.match(text)
            if match and match.group("credit") and (match.group("caption") or "").strip():
                return match.group("caption").strip() or None, match.group("credit").strip()
    if credit:
        credit = re.sub(r"^(?:Photo|Picture|Image|Credit|Photograph)s?:\s*", "", credit, flags=re.IGNORECASE)
        return text or None, credit or None
    match = _CREDIT.match(text)
    if match:
        return match.group("caption") or None, match.group("credit")
    return text or None, None


def _mark_formulas(tree: object) -> None:
    """Each formula set in a line of text is written as the formula mark, as text where the
    formula stood (no element is added: trafilatura would weigh the page's blocks anew)."""
    for formula in tree.xpath(furniture.FORMULA_XPATH):  # type: ignore[attr-defined]
        parent = formula.getparent()
        if parent is None:
            continue
        tail = formula.tail or ""
        mark = f" {furniture.FORMULA_MARK}" + ("" if re.match(r"\s*[,.;:!?)]", tail) else " ")
        text = mark + (tail.lstrip() if not mark.endswith(" ") else tail)
        previous = formula.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(formula)


def _mark_story_breaks(tree: object) -> None:
    from lxml import etree

    for rule in tree.xpath("//hr"):  # type: ignore[attr-defined]
        marker = etree.Element("p")
        marker.text = _STORY_MARK
        marker.tail = rule.tail
        rule.getparent().replace(rule, marker)


def _body(text: str, title: str | None, caption: str | None, site_lines: frozenset[str] | set[str] = frozenset()) -> str:
    """trafilatura's lines as the seed format: blank line between paragraphs, two between stories.
    A line that is furniture by its words, or the text of one of the site's blocks, is dropped."""
    lines = _kept_lines(text, site_lines)
    while lines and title and (_same(lines[0], title) or _same(_strip_site(lines[0]), title)):
        lines = lines[1:]  # the headline, already the title
    lines = _join_broken(lines)
    stories: list[list[str]] = [[]]
    for line in lines:
        if line == _STORY_MARK:
            stories.append([])
        elif not (caption and _same(line, caption)):
            stories[-1].append(line)
    return "\n\n\n\n".join("\n\n".join(story) for story in stories if story)


def _kept_lines(text: str, site_lines: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """trafilatura's lines, entities unescaped, without those that are furniture by their words
    or the text of one of the site's blocks."""
    lines = [" ".join(_unescape(line).split()) for line in text.split("\n")]
    lines = [furniture.strip_tail(line) for line in lines if line and not _site_line(line, site_lines)]
    return _without_slides(_without_repeats([line for line in lines if line and not furniture.is_furniture(line)]))


def _without_repeats(lines: list[str]) -> list[str]:
    """The lines without a short sentence written several times over (a site's tagline in the
    header of each layout, a call to action at the top and the bottom): an article says a
    sentence once. A heading (no stop at its end) may repeat: a table of contents."""
    from collections import Counter

    counts = Counter(lines)
    return [
        line for line in lines
        if counts[line] < 2 or len(line.split()) > furniture.REPEATED_MAX_WORDS or not re.search(r"[.!?]$", line)
    ]


def _site_line(line: str, site_lines: frozenset[str] | set[str]) -> bool:
    return line in site_lines


def _without_slides(lines: list[str]) -> list[str]:
    """The lines without a photo gallery's slides: lines opening with a counter, when several
    count up to the same total with distinct numbers ("- 3/50 ...", "- 4/50 ...")."""
    counted: dict[str, set[str]] = {}
    for line in lines:
        match = furniture.SLIDE_COUNTER.match(line)
        if match and int(match.group(1)) <= int(match.group(2)):
            counted.setdefault(match.group(2), set()).add(match.group(1))
    totals = {total for total, numbers in counted.items() if len(numbers) >= furniture.SLIDES_MIN}
    if not totals:
        return lines
    return [line for line in lines if not ((m := furniture.SLIDE_COUNTER.match(line)) and m.group(2) in totals)]


def _join_broken(lines: list[str]) -> list[str]:
    """Join lines a <div> layout broke inside a sentence: a line ending without a stop, whose
    next line starts in lower case (or with a formula), continues on that line."""
    joined: list[str] = []
    for line in lines:
        if (
            joined
            and line != _STORY_MARK
            and joined[-1] != _STORY_MARK
            and not re.search(r"[.!?:;\"”’)»。！？]$", joined[-1])
            and (line[:1].islower() or line.startswith(furniture.FORMULA_MARK))
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _same(a: str, b: str) -> bool:
    """Equal but for case, a closing stop and invisible characters (a headline's soft hyphens)."""
    return _INVISIBLE.sub("", a).casefold().strip(" .") == _INVISIBLE.sub("", b).casefold().strip(" .")


def _clean(value: str | None) -> str | None:
    """Spaces normalised, and entities a page escaped twice ("&amp;#8211;" arrives as
    "&#8211;") unescaped: a reader never sees a raw entity."""
    value = " ".join(_unescape(value or "").split())
    return value or None


def _unescape(text: str) -> str:
    return html_module.unescape(text) if _ENTITY.search(text) else text


_ENTITY = re.compile(r"&(?:#\d+;?|#x[0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};)")  # "&#8221" cut short too


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
