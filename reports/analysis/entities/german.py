"""People, organisations and places in German text, where every noun has a capital.

A capital says little in German ("Regierung", "Angst"), so the words are tagged by a small
fitted model instead: a maximum-entropy tagger (one logistic regression over the tags O, B-PER,
I-PER, B-ORG, I-ORG, B-LOC, I-LOC) that reads each token's own form (lower case, shape, prefix,
suffixes, an ending of common nouns such as "-ung" from the language file), its neighbours, the
tag it gave the token before, and what the article shows of the word elsewhere: written in
lower case (an ordinary word, capitalised only at a sentence's start) or after an article in
mid-sentence ("die Regierung", but also "die SPD"). Tags are chosen by Viterbi over the
tagger's log-probabilities. The weights are data (`german.json`), fitted by
`bench/names_de.py` on GermEval's German news sentences; this module only scores them, in plain
Python.

The tagged spans are grouped like the English names: one entity per name as written, a person's
lone surname counted with the full name that ends in it, the kind the most frequent tag.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

from reports.analysis import lang
from reports.analysis.gazetteer import fold, lookup
from reports.analysis.text import Document
from reports.models import Entity

KINDS = {"PER": "person", "ORG": "organisation", "LOC": "place"}
# A word with its inner hyphens, dots and apostrophes ("DLR-Forscher", "Mecklenburg-", "z.B."),
# or one mark: the tokens GermEval's annotation is made of.
_TOKEN = re.compile(r"(?<!\w)[^\W\d_]\.|\w+(?:[-'’.&]\w+)*-?|[^\w\s]")  # "G." an initial
_QUOTES = frozenset("\"„“”‚‘’«»‹›'")
_ARTICLES = frozenset("der die das des dem den ein eine einer eines einem einen".split())


@dataclass(frozen=True)
class Model:
    """Fitted weights: the tags, and for each feature its weight for every tag."""

    tags: tuple[str, ...]
    weights: dict[str, list[float]]
    outside_bias: float = 0.0  # taken off the score of "O" on a capitalised word: above 0, more words are names
    kind_share: float = 0.0  # a name whose kind has less of the begin tags' probability is dropped

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(tags=tuple(data["tags"]), weights=data["weights"], outside_bias=data.get("outside_bias", 0.0),
                   kind_share=data.get("kind_share", 0.0))


@functools.cache
def model() -> Model:
    """The shipped model (bench/names_de.py writes it)."""
    text = resources.files("reports.analysis.entities").joinpath("german.json").read_text("utf-8")
    return Model.from_json(json.loads(text))


@dataclass(frozen=True)
class Context:
    """What the whole article shows of its words (lower-cased keys)."""

    lower: frozenset[str]  # written in lower case somewhere
    after_article: frozenset[str]  # capitalised right after "der", "eine"... in mid-sentence
    after_given: frozenset[str] = frozenset()  # capitalised right after a given name ("Angela Merkel")


def context(sentences: list[list[str]]) -> Context:
    lower, after, surnames = set(), set(), set()
    for tokens in sentences:
        for k, token in enumerate(tokens):
            if token[:1].islower():
                lower.add(token)
            elif k > 1 and token[:1].isupper() and tokens[k - 1] in _ARTICLES:
                after.add(token.lower())
            if k > 0 and token[:1].isupper() and tokens[k - 1][:1].isupper() and _is_given(tokens[k - 1].lower()):
                surnames.add(token.lower())
    return Context(frozenset(lower), frozenset(after), frozenset(surnames))


def tokenize(sentence: str) -> list[tuple[str, int, int]]:
    """The sentence's tokens with their start and end offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def shape(token: str) -> str:
    """"Merkel" -> "Xx", "SPD" -> "X", "DLR-Forscher" -> "X-Xx", "2010" -> "d"."""
    out = []
    for c in token:
        kind = "X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:6]


def token_features(tokens: list[str], i: int, ctx: Context) -> list[str]:
    """The features of token i that do not depend on the tags."""
    word = tokens[i]
    low = word.lower()
    if word in _QUOTES:
        low = '"'
    first = i == 0 or (i == 1 and tokens[0] in _QUOTES)
    s = shape(word)
    before = tokens[i - 1].lower() if i > 0 else "<s>"
    after = tokens[i + 1].lower() if i + 1 < len(tokens) else "</s>"
    feats = [
        "b", "w=" + low, "s=" + s, "p3=" + low[:3], "x2=" + low[-2:], "x3=" + low[-3:], "x4=" + low[-4:],
        "p4=" + low[:4], "x5=" + low[-5:], "w|w+1=" + low + "|" + (tokens[i + 1].lower() if i + 1 < len(tokens) else "</s>"),
        "w-1=" + before, "w+1=" + after, "s-1|s=" + (shape(tokens[i - 1]) if i else "<s>") + "|" + s,
        "s|s+1=" + s + "|" + (shape(tokens[i + 1]) if i + 1 < len(tokens) else "</s>"),
        "w-2=" + (tokens[i - 2].lower() if i > 1 else "<s>"),
        "w+2=" + (tokens[i + 2].lower() if i + 2 < len(tokens) else "</s>"),
        "w-1|w=" + before + "|" + low,
    ]
    if first:
        feats.append("first|s=" + s)
    if word[:1].isupper():
        if low in ctx.lower:
            feats.append("lowseen")
        if low in ctx.after_article:
            feats.append("article")
        if low in ctx.after_given:
            feats.append("surname-seen")  # "Merkel sagte" where the article has "Angela Merkel"
        elif low.endswith("s") and low[:-1] in ctx.after_given:
            feats.append("surname-seen-s")  # a genitive: "Merkels Kabinett"
        if len(word) > 1 and word.isupper():
            feats.append("caps")
        feats.extend(_known(low))
        feats.extend(_lexicon(low))
        if low.endswith(_noun_endings()) and len(low) > 5:
            feats.append("noun-ending")
        if low.endswith(_title_ends()) and len(low) > 6:
            feats.append("title-compound")  # "Europaminister", "Innensenator": a role, not a name
    if i > 0 and tokens[i - 1][:1].isupper():
        feats.extend(_neighbour(before, "-1"))  # "Heike Wolkowiak": a given name before
    if i + 1 < len(tokens) and tokens[i + 1][:1].isupper():
        feats.extend(_neighbour(after, "+1"))  # a surname after
    if low in _org_words():
        feats.append("org-word")  # "GmbH", "FC"
    if before in _org_words():
        feats.append("org-word-1")  # "FC Bayern"
    if after in _org_words():
        feats.append("org-word+1")  # "Siemens AG", "Hertha BSC"
    if word[:1].isupper() and low.endswith(_org_heads()):
        feats.append("org-head")  # "Bauernverband", "Linkspartei"
    if before in _titles():
        feats.append("title-1")
    if after in _titles():
        feats.append("title+1")
    return feats


@functools.lru_cache(maxsize=1 << 14)
def _known(low: str) -> tuple[str, ...]:
    """What the gazetteer (places, given names) and the language's word lists say of a word."""
    data = lookup()
    out = []
    strength = data.places.get(low) or data.places.get(fold(low), 0)
    if strength:
        out.append(f"geo={strength}")
    if low in _german_places():
        out.append("geo-de")
    elif low.endswith("s") and low[:-1] in _german_places():
        out.append("geo-de-s")  # a genitive: "Europas", "Ägyptens"
    elif low.endswith("s") and len(low) > 4 and (data.places.get(low[:-1]) or data.places.get(fold(low[:-1]))):
        out.append("geo-s")  # a genitive of a place the gazetteer knows: "Berlins"
    if low in data.first_names:
        out.append("given")
    given, family = _person_names()
    if low in given:
        out.append("given-de")
    if low in family:
        out.append("family-de")
    lists = _name_lists()
    if low.endswith("s") and len(low) > 4 and low not in family and (low[:-1] in family or low[:-1] in lists.get("family-x", ())):
        out.append("family-s")  # a genitive: "Müllers"
    if low in lists.get("given-x", ()):
        out.append("given-x")
    if low in lists.get("family-x", ()):
        out.append("family-x")  # "Erdoğan", "Rooney": a surname of another country
    if low in _titles():
        out.append("title")
    if low in lang.rules("de").demonyms:
        out.append("demonym")
    return tuple(out)


_NAME_KINDS = ("given", "given-de", "given-x", "family-de", "family-x")


@functools.lru_cache(maxsize=1 << 14)
def _neighbour(low: str, where: str) -> tuple[str, ...]:
    """What the lists say of a capitalised neighbour: its dictionary class and whether it is a
    given name or surname ("lex-1=unknown", "given-de-1")."""
    return ("lex" + where + "=" + _lexicon(low)[0], *(k + where for k in _known(low) if k in _NAME_KINDS))


# Inflection endings taken off a word before looking for its lemma ("Bauern", "Kanzlerinnen").
_INFLECTIONS = ("s", "es", "n", "en", "e", "er", "ern", "nen")


@functools.lru_cache(maxsize=1 << 14)
def _lexicon(low: str) -> tuple[str, ...]:
    """What the German dictionary says of a capitalised word: a common noun ("noun"), an inflected
    one ("noun-inflected"), a compound ending in one ("noun-head": "Bundesregierung"), another
    word it knows ("word": a proper noun such as "Berlin", or "Darin" opening a sentence), or
    none ("unknown": "Pofalla"). Names are mostly the last two, though some are nouns ("Bauer")."""
    found = _noun_match(low)
    if found:
        return (found,)
    return ("word",) if low in _other_words() else ("unknown",)


def _noun_match(low: str) -> str:
    """How the lower-cased word is a German common noun ("noun", "noun-inflected", "noun-head"),
    or "" when it is none."""
    nouns = _nouns()
    if low in nouns:
        return "noun"
    if any(low.endswith(e) and low[: -len(e)] in nouns for e in _INFLECTIONS):
        return "noun-inflected"
    for k in range(3, len(low) - 3):
        tail = low[k:]
        if tail in nouns or any(tail.endswith(e) and tail[: -len(e)] in nouns for e in _INFLECTIONS):
            return "noun-head"
    return ""


def is_noun(low: str) -> bool:
    """Whether the lower-cased word is a common noun, an inflected one or a compound ending in one."""
    return bool(_noun_match(low))


def _is_given(low: str) -> bool:
    """A given name in the gazetteer (English-speaking countries) or the German list."""
    return low in lookup().first_names or low in _person_names()[0]


@functools.cache
def _person_names() -> tuple[frozenset[str], frozenset[str]]:
    """Given names and family names common in German-speaking countries, lower-cased
    (lang/de/person_names.txt, written by bench/nouns_de.py): "given ..." and "family ..." lines."""
    lists = _name_lists()
    return lists.get("given", frozenset()), lists.get("family", frozenset())


@functools.cache
def _name_lists() -> dict[str, frozenset[str]]:
    """Every list of lang/de/person_names.txt by its kind: "given" and "family" (German-speaking
    countries), "given-x" and "family-x" (other countries German news names people of)."""
    lists: dict[str, set[str]] = {}
    for line in (lang.FOLDER / "de" / "person_names.txt").read_text("utf-8").splitlines():
        kind, _, name = line.partition(" ")
        if not kind.startswith("#"):
            lists.setdefault(kind, set()).add(name)
    return {kind: frozenset(names) for kind, names in lists.items()}


@functools.cache
def _nouns() -> frozenset[str]:
    """German common nouns, lower-cased (lang/de/nouns.txt, written by bench/nouns_de.py)."""
    return frozenset((lang.FOLDER / "de" / "nouns.txt").read_text("utf-8").split())


@functools.cache
def _other_words() -> frozenset[str]:
    """The other German word forms, proper nouns among them (lang/de/other_words.txt)."""
    return frozenset((lang.FOLDER / "de" / "other_words.txt").read_text("utf-8").split())


@functools.cache
def _german_places() -> frozenset[str]:
    """Countries, world regions and first-level subdivisions as German writes them ("Polen",
    "Europa", "Nordrhein-Westfalen"): CLDR's territory names (Babel) and pycountry's German
    translation of ISO 3166-2. The gazetteer has the English names only ("Poland")."""
    import gettext

    import pycountry
    from babel import Locale

    names = {name.lower() for code, name in Locale("de").territories.items() if code != "001"}
    german = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["de"], fallback=True)
    names.update(german.gettext(s.name).lower() for s in pycountry.subdivisions if s.parent_code is None)
    return frozenset(names)


@functools.cache
def _never_alone() -> frozenset[str]:
    """Words that are no name on their own: stop words ("Von" opening a sentence), titles, days
    and months of the language file."""
    return lang.rules("de").not_content


@functools.cache
def _noun_endings() -> tuple[str, ...]:
    return lang.rules("de").noun_endings


@functools.cache
def _entity_words() -> dict[str, str]:
    """The tagger's word lists (lang/de/entities.toml)."""
    import tomllib

    return tomllib.loads((lang.FOLDER / "de" / "entities.toml").read_text("utf-8"))


@functools.cache
def _org_words() -> frozenset[str]:
    """Legal forms and club words beside an organisation's name ("GmbH", "FC")."""
    return frozenset(_entity_words()["organisation_words"].split())


@functools.cache
def _org_heads() -> tuple[str, ...]:
    """Ends of compounds that name an organisation ("-verband", "-partei")."""
    return tuple(_entity_words()["organisation_heads"].split())


@functools.cache
def _title_ends() -> tuple[str, ...]:
    return tuple(t for t in _titles() if t.isalpha() and len(t) > 4)


@functools.cache
def _titles() -> frozenset[str]:
    return lang.rules("de").titles


def tag_features(prev: str, s: str) -> tuple[str, str]:
    """The features that depend on the previous tag."""
    return "t-1=" + prev, "t-1|s=" + prev + "|" + s


def tag(tokens: list[str], ctx: Context, weights: Model | None = None) -> list[str]:
    """The best tag sequence (Viterbi over the tagger's log-probabilities)."""
    m = weights or model()
    tags, w = m.tags, m.weights
    n_tags = len(tags)
    scores_now: dict[str, float] = {"<s>": 0.0}
    back: list[dict[str, str]] = []  # for each token, each tag's best previous tag
    for i in range(len(tokens)):
        base = [0.0] * n_tags
        base[0] = -m.outside_bias if tokens[i][:1].isupper() else 0.0
        for f in token_features(tokens, i, ctx):
            row = w.get(f)
            if row is not None:
                for k in range(n_tags):
                    base[k] += row[k]
        s = shape(tokens[i])
        nxt: dict[str, float] = {}
        pointers: dict[str, str] = {}
        for prev, score in scores_now.items():
            scores = list(base)
            for f in tag_features(prev, s):
                row = w.get(f)
                if row is not None:
                    for k in range(n_tags):
                        scores[k] += row[k]
            top = max(scores)
            norm = top + math.log(sum(math.exp(x - top) for x in scores))
            for k, t in enumerate(tags):
                if t.startswith("I-") and prev[2:] != t[2:]:
                    continue  # an inside tag continues a name of its kind
                value = score + scores[k] - norm
                if t not in nxt or value > nxt[t]:
                    nxt[t] = value
                    pointers[t] = prev
        scores_now = nxt
        back.append(pointers)
    if not back:
        return []
    path = [max(scores_now, key=scores_now.__getitem__)]
    for pointers in reversed(back[1:]):
        path.append(pointers[path[-1]])
    return path[::-1]


def _kind_share(tokens: list[str], i: int, prev: str, ctx: Context, m: Model) -> float:
    """The probability of token i's best begin tag among the three begin tags ("B-PER", "B-ORG",
    "B-LOC"): low when the tagger sees a name but cannot tell its kind, where a wrong kind is
    likeliest."""
    scores = [0.0] * len(m.tags)
    for f in (*token_features(tokens, i, ctx), *tag_features(prev, shape(tokens[i]))):
        row = m.weights.get(f)
        if row is not None:
            for k in range(len(scores)):
                scores[k] += row[k]
    begins = [scores[k] for k, t in enumerate(m.tags) if t.startswith("B-")]
    top = max(begins)
    return 1.0 / sum(math.exp(x - top) for x in begins)


def spans(sentence: str, ctx: Context, weights: Model | None = None,
          tokens: list[tuple[str, int, int]] | None = None) -> list[tuple[str, str]]:
    """The names of one sentence: (text as written, kind)."""
    tokens = tokens if tokens is not None else tokenize(sentence)
    words = [t for t, _, _ in tokens]
    m = weights or model()
    tags = tag(words, ctx, m)
    found = []
    start: tuple[str, int, int] | None = None
    for i, (t, (_, a, b)) in enumerate(zip(tags + ["O"], tokens + [("", len(sentence), len(sentence))])):
        if start is not None and not t.startswith("I-"):
            kind, begin, end = start
            found.append((sentence[begin:end], KINDS[kind]))
            start = None
        if t.startswith("B-") and _kind_share(words, i, tags[i - 1] if i else "<s>", ctx, m) >= m.kind_share:
            start = (t[2:], a, b)
        elif t.startswith("I-") and start is not None:
            start = (start[0], start[1], b)
    return found


def german_entities(doc: Document, limit: int = 40, weights: Model | None = None) -> tuple[Entity, ...]:
    """People, organisations and places named, most mentioned first."""
    tokenized = [tokenize(s.text) for s in doc.sentences]
    ctx = context([[t for t, _, _ in tokens] for tokens in tokenized])
    mentions, inside = [], set()
    for s, tokens in zip(doc.sentences, tokenized):
        for m in spans(s.text, ctx, weights, tokens):
            if m[0].lower() not in _never_alone() and _latin(m[0]):
                mentions.append(m)
                if not s.text.lstrip(_OPENING).startswith(m[0]):
                    inside.add(m[0])
    return tuple(e for e in group(mentions) if not _opener_only(e, inside))[:limit]


_OPENING = "".join(_QUOTES) + " ("


def _latin(text: str) -> bool:
    """The tagger was fitted on German: a name in another script (a Greek quotation on a German
    page) is read by none of its features, so it is no name here."""
    return all(not c.isalpha() or c.isascii() or "LATIN" in unicodedata.name(c, "") for c in text)


def _opener_only(entity: Entity, inside: set[str]) -> bool:
    """A one-word person that only ever opens a sentence and is no given name nor a German
    family name ("Schließlich", "Äußert"; not "Lindner"): any word has a capital there, so the
    People column leaves it out."""
    low = entity.name.lower()
    if entity.kind != "person" or " " in entity.name or _is_given(low) or low in _person_names()[1]:
        return False
    return entity.name not in inside and inside.isdisjoint(entity.aliases)


def group(mentions: list[tuple[str, str]]) -> tuple[Entity, ...]:
    """One entity per name: a lone word that ends a person's full name joins it ("Merkel" with
    "Angela Merkel"); the kind is the one most of the name's mentions got."""
    names: dict[str, dict[str, int]] = {}
    order: dict[str, int] = {}
    for k, (text, kind) in enumerate(mentions):
        text = " ".join(text.split())
        names.setdefault(text, {})
        names[text][kind] = names[text].get(kind, 0) + 1
        order.setdefault(text, k)
    full = {}
    for text, kinds in sorted(names.items(), key=lambda kv: order[kv[0]]):
        if " " in text and max(kinds, key=kinds.get) == "person":
            full.setdefault(text.split()[-1], text)
    groups: dict[str, dict[str, dict[str, int]]] = {}
    for text, kinds in names.items():
        head = full.get(text, text) if " " not in text and kinds.get("person") else text
        groups.setdefault(head, {})[text] = kinds
    entities = []
    for head, forms in groups.items():
        votes: dict[str, int] = {}
        for kinds in forms.values():
            for kind, n in kinds.items():
                votes[kind] = votes.get(kind, 0) + n
        kind = max(votes, key=lambda k: (votes[k], k == "person"))
        count = sum(votes.values())
        used = {f: sum(kinds.values()) for f, kinds in forms.items() if f != head}
        aliases = tuple(sorted(used, key=lambda f: (-used[f], f)))
        entities.append((order[head] if head in order else min(order[f] for f in forms),
                         Entity(name=head, kind=kind, count=count, aliases=aliases,  # type: ignore[arg-type]
                                confidence=round(votes[kind] / count, 2))))
    entities.sort(key=lambda oe: (-oe[1].count, oe[0]))
    return tuple(e for _, e in entities)


__all__ = ["german_entities", "Model", "model"]


def entities(doc: Document, limit: int = 40, title: str | None = None) -> tuple[Entity, ...]:
    """The package's recogniser signature (`RECOGNISERS`): German capitalises every noun, so
    its names come from the fitted tagger rather than from capitals."""
    return german_entities(doc, limit)
