"""Choose a quotation's speaker among candidates with a small linear model.

The rules (`quotes._Attributor`) find one source; they were written from one file's errors and
carry over only partly to articles no one read. Here they become one candidate and a few
features among others: every name, pronoun and description around the quotation (its sentence,
the sentence and paragraph before, a signature line after it) and the previous quotation's
speaker are candidates, grouped by the speaker they resolve to, each group described by where
its nearest mention sits (side, distance in words, sentence, paragraph), what is next to it (a
reporting verb, a title, a possessive, a preposition), what it is (pronoun, name, description)
and whether it spoke already. A linear score (weights fitted by `bench/quotes_model.py`,
shipped as `chooser.json`) picks the group; scoring is a few dictionary look-ups per feature.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from reports.analysis.quotes.can_speak import Names, descriptions, lexicon, shown
from reports.analysis.quotes.lexicon import (
    DETERMINERS,
    SOURCE_NOUNS,
    SENTENCE_WORDS,
    is_pronoun,
    TITLES,
    VERB_AT,
)
from reports.analysis.quotes.names import person

_PRONOUN = re.compile(r"\b(?:he|she|they|He|She|They|I|we|We)\b")
# a description's head noun ("officials", "a spokesman"), found first; the words before it after.
# The look-ahead at a letter gives the same matches, but lets `re` skip to a place where one
# could start instead of trying the long list of words at every place.
_SOURCE_NOUN = re.compile(rf"(?=[a-z])\b(?:{SOURCE_NOUNS})\b", re.IGNORECASE)
# Every head noun is one word of letters, so a match of `_SOURCE_NOUN` is a whole word: walking
# the window's words and asking each once per process finds the same matches without trying
# the list of nouns at every word (`_source_nouns`).
_ONE_WORD_NOUNS = re.fullmatch(r"[a-z?|()\[\]:]+", SOURCE_NOUNS) is not None
_SOURCE_NOUN_WORD = re.compile(rf"(?:{SOURCE_NOUNS})", re.IGNORECASE)
_WORD_RUN = re.compile(r"\w+")
_DETERMINER_LEAD = re.compile(rf"\b(?:{'|'.join(sorted(DETERMINERS))})\s+(?:[\w’'-]+\s+){{0,3}}$", re.IGNORECASE)
# what may stand between a name and its verb: "(D-Ore.)", ", the former mayor,", "also"
_AFTER_VERB = re.compile(r"[\s,]*(?:\([^()]{0,40}\)\s*)?(?:,[^,;:“”\"]{1,60},\s*)?(?:\w+ly\s+|also\s+)?")
# a finite verb that reports nothing: an auxiliary, a past tense or a present third person
_FINITE = re.compile(r"(?:has|have|had|is|was|are|were|will|would|could|can|may|might|does|did|do|"
                     r"doesn’t|doesn't|don’t|don't|didn’t|didn't|[a-z]{2,}ed|[a-z]{2,}[^s’'\s]s)\b")
# a reporting clause that opens the next quotation: "told reporters: “", "said, “"
_INTRODUCES = re.compile(r"[^.!?“”\"]{0,40}?[:,]\s*[“\"]")
# the words before a source that credits what follows to it: "according to (the) X", "in the words of X"
_CREDITED = re.compile(r"\b(?:[Aa]ccording\s+to|words\s+of)\s+(?:the\s+)?$")
_CREDITING_CUES = {"according", "words"}  # the rules' cues that credit the words to a named source
_RIVAL_FEATURES = ("verb_after", "verb_before", "subject", "opens_sentence")
_PREPOSITIONS = {"to", "of", "for", "with", "at", "on", "in", "about", "against", "from", "than", "like"}
_SIGNED = re.compile(r"\s*[-—–―]+\s*([A-Z][\w.’'\-]*(?:\s[A-Z][\w.’'\-]*){0,3})")
_INSTITUTION = {"department", "committee", "party", "office", "council", "house", "senate", "court",
                "agency", "administration", "campaign", "commission", "bureau", "foundation",
                "institute", "association", "university", "center", "service", "board", "ministry",
                "government", "congress", "pentagon", "police", "news", "times", "post", "press"}
# no one to quote: "Nobody expected ...", "Everyone knows ..."
_NO_ONE = {"nobody", "none", "nothing", "everyone", "everybody", "anyone", "anybody", "no", "it", "this",
           "that", "there", "what", "such", "whatever"}
_NOT_NAMES = SENTENCE_WORDS | DETERMINERS | _NO_ONE
_LEFT_WINDOW = 300  # characters before the quotation looked at (its paragraph and the one before)
_RIGHT_WINDOW = 200  # characters after it, within its paragraph
_OPENING_MARKS = " “\"‘'"  # what may stand between a mention and the quotation it touches


@dataclass(slots=True)
class Mention:
    text: str  # as written
    start: int  # offset in the document
    key: str  # the speaker it stands for, folded: how mentions are grouped
    speaker: str | None  # that speaker resolved ("Olaf Scholz"), None for "they"
    pronoun: bool = False
    signed: bool = False  # a signature after the quotation: "“...” ― Ada Park"


@dataclass(slots=True)
class Group:
    """The mentions of one speaker around a quotation, and the features the model reads."""

    key: str
    mention: Mention  # the nearest, or the rules' own
    features: dict[str, float] = field(default_factory=dict)
    rule: bool = False
    starts: list[int] = field(default_factory=list)  # where each of its mentions is written
    said_as: Mention | None = None  # its pronoun nearest the quotation in the writer's sentence


@dataclass(slots=True)
class Context:
    """What the chooser needs to know of the quotation and of the article so far."""

    text: str
    start: int  # the quotation's text, marks excluded
    end: int
    left_start: int  # the writer's sentence around it, as the rules read it
    right_end: int
    paragraph_start: int
    paragraph_end: int
    previous_paragraph_start: int
    sentence_starts: list[int]
    runs: list[tuple[int, int]]  # capitalised runs of the text (start, end), sorted
    run_starts: list[int]
    alone: bool  # the paragraph is only the quotation
    previous_speaker: str | None  # the last quotation's resolved speaker, folded
    previous_name: str | None  # the same as written
    spoken: dict[str, int]  # speakers so far, folded -> quotations
    proper: Callable[[], set[str]]  # words the text capitalises mid-sentence
    names: Names  # the article's evidence for a lone capitalised word (can it speak?)
    memo: dict = field(default_factory=dict)  # the article's mentions and their own features, by offset
    quoted: list[tuple[int, int]] = field(default_factory=list)  # every quotation's text (start, end), sorted
    quoted_starts: list[int] = field(default_factory=list)  # their starts, for bisection


@lru_cache(maxsize=16384)
def fold(name: str | None) -> str:
    return " ".join((name or "").lower().replace("’", "'").split())


def head(name: str | None) -> str:
    words = fold(name).split()
    return words[-1].strip(".,") if words else ""


@lru_cache(maxsize=1)
def weights() -> dict[str, float]:
    """The fitted weights shipped with the package (`bench/quotes_model.py` writes them)."""
    data = resources.files("reports.analysis.quotes").joinpath("chooser.json").read_text(encoding="utf-8")
    return json.loads(data)["weights"]


def score(group: Group, model: dict[str, float]) -> float:
    # a feature without a weight adds 0.0: the same sum, in the same order, with no branch
    # (not sum(): from Python 3.12 it compensates, and a score would move in its last bits)
    get = model.get
    total = 0.0
    for name, value in group.features.items():
        total += get(name, 0.0) * value
    return total


def choose(groups: list[Group], model: dict[str, float]) -> Group | None:
    """The best-scoring group among those that can speak ("nobody" always can): a source
    that cannot speak is never chosen, whatever its score."""
    best, best_score = None, -math.inf
    for group in groups:
        if group.features.get("cannot_speak"):
            continue
        value = score(group, model)
        if value > best_score:
            best, best_score = group, value
    return best


def candidates(ctx: Context, rule: Mention | None, rule_cue: str | None, resolve) -> list[Group]:
    """Every mention near the quotation, grouped by speaker, with features.

    `resolve(mention_text, at)` gives the speaker a mention stands for (pronoun and surname
    resolution, without side effects)."""
    mentions = _mentions(ctx, resolve, sentence_only=rule_cue == "verb")
    if rule is not None:
        mentions.append(rule)
    groups: dict[str, Group] = {}
    for mention in mentions:
        if not mention.key:
            continue
        group = groups.get(mention.key)
        is_rule = mention is rule
        if group is None:
            group = groups[mention.key] = Group(mention.key, mention)
        elif is_rule or (not group.rule and _distance(ctx, mention) < _distance(ctx, group.mention)):
            group.mention = mention
        group.features["count"] = group.features.get("count", 0.0) + 1.0
        group.starts.append(mention.start)
        if _said_as(ctx, mention) and (
                group.said_as is None or _distance(ctx, mention) < _distance(ctx, group.said_as)):
            group.said_as = mention
        if is_rule:
            group.rule = True
    if ctx.previous_speaker and ctx.previous_speaker not in groups:
        groups[ctx.previous_speaker] = Group(ctx.previous_speaker, Mention(
            ctx.previous_name or ctx.previous_speaker, -1, ctx.previous_speaker, ctx.previous_name), {"count": 0.0})
    found = list(groups.values())
    for group in found:
        _describe(ctx, group, rule_cue)
    # nobody: the quotation is left without a source ("Nobody expected it to be “far closer”")
    found.append(Group("", Mention("", -1, "", None), {"none": 1.0, f"none&rules={rule_cue}": 1.0},
                       rule=rule is None))
    return found


def _said_as(ctx: Context, mention: Mention) -> bool:
    """A pronoun of the writer's sentence that is how the source is written there: before the
    quotation ("Though he said it resulted in a “...”"), or after it with a reporting verb
    ("“...,” he says"), not "if she were a man" after it."""
    if not mention.pronoun or not ctx.left_start <= mention.start < ctx.right_end:
        return False
    if mention.start < ctx.start:
        return True
    after = ctx.text[mention.start + len(mention.text) : mention.start + len(mention.text) + 60]
    return bool(VERB_AT.match(after, _AFTER_VERB.match(after).end()))


def _mentions(ctx: Context, resolve, sentence_only: bool = False) -> list[Mention]:
    """The mentions around the quotation; only its own sentence's when a reporting verb next
    to it gave the rules' source (the others seldom win there, and they cost the most)."""
    text = ctx.text
    lo = max(ctx.previous_paragraph_start, ctx.start - _LEFT_WINDOW)
    hi = min(ctx.paragraph_end, ctx.end + _RIGHT_WINDOW)
    if sentence_only:
        lo, hi = max(lo, ctx.left_start), min(hi, ctx.right_end)
    found: list[Mention] = []
    starts, runs = ctx.run_starts, ctx.runs
    first, last = bisect_left(starts, lo), bisect_right(starts, hi)
    # the runs inside the quotation are its words, not its source: skipped by bisection
    inside, after = bisect_left(starts, ctx.start, first, last), bisect_left(starts, ctx.end, first, last)
    memo = ctx.memo.setdefault("runs", {})  # a name resolves the same from every quotation near it
    for index in (*range(first, inside), *range(after, last)):
        run_start, run_end = runs[index]
        if run_end > hi or _quoted(ctx, run_start):
            continue  # a name inside another quotation is that quotation's words, not a source
        mention = memo.get(run_start, memo)
        if mention is memo:
            mention = memo[run_start] = _run_mention(text, run_start, run_end, resolve)
        if mention is not None:
            found.append(mention)
    for window_lo, window_hi in ((ctx.left_start, ctx.start), (ctx.end, ctx.right_end)):
        for match in _PRONOUN.finditer(text, window_lo, window_hi):
            if _quoted(ctx, match.start()):
                continue
            speaker = resolve(match.group(), match.start())
            found.append(Mention(match.group(), match.start(), fold(speaker) or match.group().lower(),
                                 speaker, pronoun=True))
        for match in _source_nouns(text, window_lo, window_hi):
            if match.group()[:1].isupper() or _quoted(ctx, match.start()):
                continue  # a name's title, found as a capitalised run
            lead = _DETERMINER_LEAD.search(text, max(window_lo, match.start() - 60), match.start())
            start = lead.start() if lead else match.start()
            phrase = text[start : match.end()]
            found.append(Mention(phrase, start, fold(phrase), phrase))
        for at, phrase in descriptions(text, window_lo, window_hi):
            if _SOURCE_NOUN.fullmatch(phrase.rsplit(" ", 1)[-1]) or _quoted(ctx, at):
                continue  # listed above
            found.append(Mention(phrase, at, fold(phrase), phrase))  # "the crowd", "the report"
    signed = _SIGNED.match(text, ctx.end + 1, hi + 100) if ctx.end + 1 < len(text) else None
    if signed and (text[ctx.end + 1 : signed.start(1)].strip(" \n.,”\"-—–―")) == "":
        name = signed.group(1).rstrip(". ")
        speaker = resolve(name, signed.start(1))
        found.append(Mention(name, signed.start(1), fold(speaker or name), speaker or name, signed=True))
    return found


def _quoted(ctx: Context, at: int) -> bool:
    """`at` lies in the text of one of the article's quotations (the one asking excluded by
    the caller): '“... to serve on the United States District Court bench,” Obama said. “...”'
    names no source for the second."""
    index = bisect_right(ctx.quoted_starts, at) - 1
    return index >= 0 and at < ctx.quoted[index][1]


def _source_nouns(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """`_SOURCE_NOUN.finditer(text, lo, hi)`: a word is a match when it is one of the nouns
    (cut at `hi` as the pattern sees it) and starts a word in the text, not only the window."""
    if not _ONE_WORD_NOUNS:
        return list(_SOURCE_NOUN.finditer(text, lo, hi))
    found = []
    for match in _WORD_RUN.finditer(text, lo, hi):
        if _is_source_noun(match.group()) and not (
                match.start() == lo and lo and _WORD_RUN.match(text, lo - 1)):
            found.append(match)
    return found


@lru_cache(maxsize=16384)
def _is_source_noun(word: str) -> bool:
    return _SOURCE_NOUN_WORD.fullmatch(word) is not None


def _run_mention(text: str, run_start: int, run_end: int, resolve) -> Mention | None:
    run = text[run_start:run_end]
    if " " not in run and (len(run) < 2 or run.lower() in _NOT_NAMES or is_pronoun(run)):
        return None  # a pronoun is found below, in the writer's sentence only
    name = person(run)
    shown = name or run
    at = run_start + max(run.find(shown), 0)
    speaker = resolve(shown, at)
    return Mention(shown, at, fold(speaker or shown), speaker)


def _distance(ctx: Context, mention: Mention) -> int:
    if mention.start < 0:
        return 10**6
    return ctx.start - mention.start if mention.start < ctx.start else mention.start - ctx.end


def _where(ctx: Context, at: int) -> str:
    if at < 0:
        return "earlier"
    if at >= ctx.end:
        if at >= ctx.paragraph_end:
            return "next_paragraph"
        return "right" if at < ctx.right_end else "right_far"
    if at >= ctx.left_start:
        return "left"
    if at >= ctx.paragraph_start:
        index = bisect_right(ctx.sentence_starts, ctx.left_start - 1) - 1
        before = ctx.sentence_starts[index] if index >= 0 else ctx.paragraph_start
        return "sentence_before" if at >= before else "paragraph"
    return "previous_paragraph"


@lru_cache(maxsize=None)
def _placed_names(where: str, quote_side: str) -> tuple[str, ...]:
    """The feature names crossed with where a mention sits, built once per place: a few
    hundred thousand f-strings over a corpus otherwise."""
    return (f"at={where}", f"at={where}&q={quote_side}", f"rule&at={where}", f"words_{where}",
            f"near_{where}")


@lru_cache(maxsize=None)
def _crossed(name: str, where: str) -> str:
    return f"{name}&at={where}"


def _describe(ctx: Context, group: Group, rule_cue: str | None) -> None:
    f = group.features
    mention = group.mention
    text = ctx.text
    where = _where(ctx, mention.start)
    if where in {"right", "right_far"} and _introduces_next(ctx, mention):
        where = "introduces_next"  # '“A.” Tom Ode told reporters: “B.”': B's source, not A's
    quote_side = "alone" if ctx.alone else ("opens" if ctx.left_start >= ctx.start - 1 else "inside")
    at_where, at_where_side, rule_at, words_at, near_at = _placed_names(where, quote_side)
    f["bias"] = 1.0
    f[at_where] = 1.0
    f[at_where_side] = 1.0
    if group.rule:
        f["rule"] = 1.0
        f[f"rule={rule_cue}"] = 1.0
        f[rule_at] = 1.0
    f["count"] = math.log1p(f.get("count", 0.0))
    if mention.start >= 0:
        gap = text[mention.start + len(mention.text) : ctx.start] if mention.start < ctx.start \
            else text[ctx.end : mention.start]
        words = len(gap[:600].split())
        f[words_at] = math.log1p(words)
        f[near_at] = 1.0 if words <= 3 else 0.0
        if mention.start < ctx.start and not gap.strip(_OPENING_MARKS):
            f["touches_quote"] = 1.0  # 'she found Ms. Sherry “very quiet”': an object, seldom the source
        f["chars"] = math.log1p(_distance(ctx, mention)) / 8
    key = ("features", mention.start, mention.text, mention.speaker, mention.pronoun)
    own = ctx.memo.get(key)
    if own is None:  # what the mention is and what is next to it: the same from every quotation
        own = ctx.memo[key] = _own_features(ctx, mention)
    features, placed = own
    f.update(features)
    if group.rule and "by" in features:
        f["rule&by"] = 1.0  # "according to X", "in the words of X": the rules name X's words as X's
    elif rule_cue in _CREDITING_CUES and not group.rule:
        # 'Trump wrote ..., threatening “...” according to a copy of the letter': a reporting
        # verb's subject against the source the writer's sentence credits the words to
        for name in _RIVAL_FEATURES:
            if name in features:
                f[f"{name}&credited_elsewhere"] = 1.0
    for name in placed:
        f[_crossed(name, where)] = 1.0
    if mention.signed:
        f["signature"] = 1.0
        f[f"signature&q={quote_side}"] = 1.0
    spoke = ctx.spoken.get(group.key, 0)
    if spoke:
        f["spoke"] = 1.0
        f["spoke_log"] = math.log1p(spoke)
    if ctx.previous_speaker and group.key == ctx.previous_speaker:
        f["previous"] = 1.0
        f[f"previous&q={quote_side}"] = 1.0


def _own_features(ctx: Context, mention: Mention) -> tuple[dict[str, float], tuple[str, ...]]:
    """The features of a mention itself (its words, its neighbours), and the names of those
    also crossed with where it sits."""
    f: dict[str, float] = {}
    placed: list[str] = []
    text = ctx.text
    pronoun = is_pronoun(mention.text.strip())
    if not pronoun and shown(mention.speaker or mention.text, mention.text, ctx.names) is None:
        # a pronoun is a source however it resolves: when its person cannot speak, the
        # quotation is left unattributed (`shown`), not given to another candidate instead
        f["cannot_speak"] = 1.0
    if mention.start >= 0:
        before = text[max(0, mention.start - 40) : mention.start]
        after = text[mention.start + len(mention.text) : mention.start + len(mention.text) + 100]
        verb_at = _AFTER_VERB.match(after).end()
        verb_after = VERB_AT.match(after, verb_at)
        previous = before.split()[-2:]
        last = previous[-1].lower() if previous else ""
        if last == "the" and len(previous) > 1:
            last = previous[0].lower()
        if verb_after:
            f["verb_after"] = 1.0
            placed.append("verb_after")
            f[f"verb={_verb_kind(verb_after.group())}"] = 1.0
        elif _FINITE.match(after, verb_at):
            f["subject"] = 1.0  # 'the crowd loudly reprised the chant “...”': another verb's subject
            placed.append("subject")
        if last and VERB_AT.fullmatch(last.rstrip(",")):
            f["verb_before"] = 1.0
            placed.append("verb_before")
            f[f"verb_before={_verb_kind(last)}"] = 1.0
        if last == "by" or _CREDITED.search(before):
            f["by"] = 1.0
        elif last in _PREPOSITIONS:
            f["preposition"] = 1.0
        if after[:1] in "’'" and after[1:2] in ("s", " ", ""):
            f["possessive"] = 1.0
        if after.lstrip(" ")[:1] == "," and before.rstrip(" ")[-1:] == ",":
            f["apposition"] = 1.0
        if not previous or before.rstrip()[-1:] in ".!?\n”\"":
            f["opens_sentence"] = 1.0
            placed.append("opens_sentence")
            if " " not in mention.text and mention.text not in ctx.proper():
                f["opening_word"] = 1.0  # "Perhaps", "Celebrated": never capitalised mid-sentence
    f.update(_word_features(mention.text, mention.speaker, mention.pronoun))
    return f, tuple(placed)


# The same names come back in every article: what a mention's words alone say is asked once.
@lru_cache(maxsize=16384)
def _word_features(text: str, speaker: str | None, pronoun: bool) -> dict[str, float]:
    """The features of a mention's words and the speaker they resolve to (do not modify)."""
    f: dict[str, float] = {}
    words = text.split()
    low = [w.lower().strip(".,") for w in words]
    if not speaker:
        f["no_speaker"] = 1.0  # "it", "they": a quotation given to it has no speaker to show
    if pronoun or (len(low) == 1 and is_pronoun(low[0])):
        f["pronoun"] = 1.0
        f[f"pronoun={low[0]}"] = 1.0
        if speaker is None:
            f["unresolved"] = 1.0
    elif text[:1].isupper():
        f["capitalised"] = 1.0
        f["words"] = min(len(words), 5) / 5
        if any(w in TITLES for w in low[:-1]):
            f["title"] = 1.0
        if person(text) is None:
            f["not_person"] = 1.0
        if low and low[-1] in _INSTITUTION:
            f["institution"] = 1.0
        if text.isupper() and len(text) > 1:
            f["upper"] = 1.0
        if len(words) == 1 and speaker and " " in speaker:
            f["surname_known"] = 1.0
    else:
        f["description"] = 1.0
        kinds = lexicon().kinds
        kind = kinds.get(low[-1].rstrip("s"), kinds.get(low[-1])) if low else None
        if kind:
            f[f"noun={kind}"] = 1.0  # people, groups or documents
    return f


def _introduces_next(ctx: Context, mention: Mention) -> bool:
    """A reporting verb after the mention whose clause opens another quotation (the same for
    every quotation the mention is next to: asked once)."""
    end = mention.start + len(mention.text)
    key = ("introduces", end)
    found = ctx.memo.get(key)
    if found is None:
        after = ctx.text[end : end + 100]
        verb = VERB_AT.match(after, _AFTER_VERB.match(after).end())
        found = ctx.memo[key] = bool(verb) and bool(_INTRODUCES.match(after, verb.end()))
    return found


def _verb_kind(verb: str) -> str:
    low = verb.lower()
    if low.startswith(("said", "say")):
        return "say"
    if low.startswith(("told", "tell")):
        return "tell"
    if low.startswith(("wrote", "writ")):
        return "write"
    return "other"
