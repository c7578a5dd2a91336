"""Direct quotations: where they are, who said them, and whether anyone said them at all.

Three passes over the split-once `Document`, each linear in the text:

1. Marks (`reports.analysis.quotes.marks`): quotation marks paired within each paragraph (a straight
   mark not past the end of its line); a quotation running over several paragraphs is one item.
2. Attribution (`_Attributor`). A quotation closing a subordinate clause that opens its
   sentence ("After X said that ... “...,” Y said") is that clause's; one typed with mixed marks
   takes the reporting clause inside it. Otherwise the source is looked for next to the
   quotation in the writer's sentence (`reports.analysis.quotes.attribution`): "..., X said" /
   "said X" / "X told Reuters" /
   "according to X" / "“...?” X pressed" after it, unless a quotation that ended its sentence is
   followed by a reporting clause that opens new speech ("X said <clause>", "X replied: “";
   where the sentence goes on or stops: `reports.analysis.quotes.clauses`); then "X said: ..." /
   "X called it a ..." / "X issued a statement saying ..." before it; then
   the previous quotation of the same paragraph ("“A,” he said. “B.”"); then, for a paragraph
   that is only a quotation, the previous paragraph (its quotation's source, a colon's
   introducer, or its last sentence's subject); then the subject of the writer's sentence, when it
   is a noun phrase that can say something (`reports.analysis.quotes.plausible`), else the speaker of
   the paragraph or the one before. Words the sentence credits "according to" someone are that
   someone's. `reports.analysis.quotes.chooser` then weighs it against every other mention
   around the quotation (a reporting verb's subject too) and picks the likeliest speaker that
   can speak (`reports.analysis.quotes.can_speak`), or nobody. The
   source as written is kept in `mention`; `speaker` resolves a pronoun to the last named
   speaker, or to a person who opened a sentence since, of the pronoun's gender where a title
   or a given name shows one (`given_names.tsv`), and a surname ("Mr Scholz") to the full
   name met earlier ("Olaf Scholz", `reports.analysis.quotes.names`).
3. Kind (`reports.analysis.quotes.kinds`). `scare` when it is named rather than quoted ("so-called",
   "dubbed", "titled") or cited as a title (a headline with its byline, a dated slogan, a
   show after its outlet: `cited`), or is a few capitalised words after an article, a
   possessive or "told"/"on" far from the reporting verb (a “Super April” of elections), or a
   few lower-case words in a sentence that reports no one's words or views, or a single word or
   short sentence no one is said to have said; `full` when the quotation is a sentence of its
   own; otherwise `partial` (a fragment of two words or more is speech even when no source is
   found, when its sentence speaks of saying, thinking or judging).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from functools import lru_cache

from reports.analysis.quotes import chooser
from reports.analysis.quotes.agents import source_agent, source_opening
from reports.analysis.quotes.attribution import Source, reported_according, source_after, source_before
from reports.analysis.quotes.can_speak import Names as SpeakerNames
from reports.analysis.quotes.can_speak import can_speak, shown
from reports.analysis.quotes.clauses import (
    INTRODUCED,
    closes_sentence,
    ends_sentence,
    reports_what_follows,
    source_inside,
    source_unlisted_after,
    subordinate_opening,
    woven_through,
)
from reports.analysis.quotes.index import TextIndex
from reports.analysis.quotes.heads import clause_subject, participle_subject, that_clause_subject
from reports.analysis.quotes.kinds import NAMING, cited, personal, subhead, words_used
from reports.analysis.quotes.kinds import kind as quote_kind
from reports.analysis.quotes.language_rules import given_gender
from reports.analysis.quotes.lexicon import (
    ANONYMOUS,
    PRONOUNS,
    SENTENCE_WORDS,
    TITLES,
    capitalised,
    is_pronoun,
)
from reports.analysis.quotes.marks import Span, spans
from reports.analysis.quotes.names import Names, person
from reports.analysis.quotes.plausible import nominative, speaker_phrase, trimmed
from reports.analysis.quotes.subjects import sentence_subject, subject_after
from reports.analysis.text import Document
from reports.models import Quote, Quotes, QuoteStats

# --- passes 2 and 3: each quotation's source and kind ----------------------------------------

_CONTEXT = 400  # characters of the writer's sentence looked at on either side
_NAME_PARTS = re.compile(r"\s(?:of|for|at|from|with)\s")
_LOWER_TITLES = re.compile(r"^(?:(?!(?:of|for|from|at|in|with|to)\s)[a-z][\w\-]*\s+)+((?:[A-Z][\w’'.\-]*\s*)+)$")


# "- Hillary Clinton." / "— Michelle Marks, Philadelphia." on a line of its own
_SIGNATURE = re.compile(r"[-—–―]\s*((?:[A-Z][\w.’'\-]*\s?){1,4})(?:,[^\n]{0,60})?\.?\s*")
_DASHES = "-—–―"


def _right_is_empty(doc: Document, span: Span) -> bool:
    """Nothing but punctuation follows the quotation in its paragraph."""
    return not doc.text[span.end + 1 : doc.paragraphs[span.end_paragraph].end].strip(" .,\"”")


_DEMONSTRATIVES = {"that", "this", "these", "those", "there", "here", "what", "such"}
_QUOTE_MARKS = re.compile(r"[\"“”]")
_SPOKE = re.compile(r"\b([A-Z][\w’'.\-]+(?: [A-Z][\w’'.\-]+)*) (spoke|speaks|talked|talks|testified)\b")
_EXPLETIVE = re.compile(r"\b(?:[Tt]here|[Ii]t)(?:’s|'s|\s+(?:is|was|are|were))\b")
_OPENING_IN = re.compile(r"^(?:In|in)\s+")
_SHARE = re.compile(r"\d[\d.,]*\s*(?:%|percent\b)")
_SHARE_OF = re.compile(r"(?:\d[\d.,]*\s*(?:%|percent)|half|most|majority|third|quarter)\s+of\s+(?:the\s+|all\s+)?$", re.I)
_POLL = re.compile(r"(?:\b(?:a|an|the|this|that|its)\s+)?(?:[\w/.\-]+\s+){0,4}?(?:poll|survey)\b"
                   r"(?:\s+(?:released|conducted|published|taken)(?:\s+[A-Z]\w+)?)?")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
# the sentence right after a quotation that opens and ends its own sentence, crediting it to
# someone: "That was how Ada Park put it.", "So said Ada Park.", "Those were the words of the
# mayor.", "The warning came from Ada Park."
_CREDIT_VERBS = (r"(?:put it|said|says|wrote|writes|described it|called it|argued|argues|tweeted|declared|"
                 r"explained|described|summed it up|sums it up)")
_CREDIT_WORDS = (r"(?:words|remarks?|comments?|warning|message|plea|pledge|promise|quote|line|statement|verdict|"
                 r"assessment|response|reaction|view|advice|answer|reply|question|claim|description)")
_CREDITED_AFTER = re.compile(
    rf"\s*(?:(?:That|This|Such)\s+(?:was|is)\s+(?:how|what)\s+(?P<before>[^.;:“”\"]{{1,120}}?)\s+{_CREDIT_VERBS}\b"
    rf"|So\s+(?:said|says|wrote|writes|argued|argues)\s+(?P<after>[^.;:“”\"]{{1,120}})"
    rf"|(?:Those|These|That|This|Such)\s+(?:were|are|was|is)\s+(?:the\s+)?{_CREDIT_WORDS}\s+of\s+(?P<of>[^.;:“”\"]{{1,120}})"
    rf"|(?:The|That|This|Those|These)\s+(?:[a-z]+\s+)?{_CREDIT_WORDS}\s+(?:came|comes|is|are|was|were)\s+from\s+"
    rf"(?P<from>[^.;:“”\"]{{1,120}}))")
_SENTENCE_STOP = re.compile(r"[.!?][”\"’]?\s|[“”\"]|\n")
# An outlet credited at the end of the writer's sentence: ", reports USA Today", "the Times reported"
_OUTLET = r"((?:[Tt]he\s+)?[A-Z][\w.’'&\-]*(?:\s+[A-Z][\w.’'&\-]*){0,4})"
_REPORTED_BY = re.compile(rf"(?:^|,)\s+(?:reports\s+{_OUTLET}|{_OUTLET}\s+(?:reports|reported))\s*[.]?\s*$")
_LAST_SENTENCE = re.compile(r"[^.!?]*[.!?]?\s*$")


class _Attributor:
    """Finds sources in document order, remembering the last named speaker for "he said"."""

    def __init__(self, doc: Document, model: dict[str, float] | None = None) -> None:
        self.doc = doc
        self.model = model  # the chooser's weights; None: the rules' source as it is
        self.trace: list | None = None  # (span, candidates, chosen) when fitting the chooser
        self.spoken: dict[str, int] = {}
        self.resolved: dict[object, str | None] = {}  # a capitalised mention's speaker, for the chooser
        self.previous_speaker: str | None = None
        self.previous_name: str | None = None
        # the article's whole-text scans, made once and shared; it holds nothing of this
        # attributor's, so the article's objects are freed without the cycle collector
        self.index = TextIndex(doc.text)
        self.names = Names(doc.text, self.index)
        self.sentence_starts = [s.start for s in doc.sentences]
        self.last_person: str | None = None
        self.last_person_at = -1  # where the last named speaker's quotation starts
        self.last_source: dict[int, Source] = {}  # the last source found in each paragraph
        self.speaker_names = SpeakerNames(doc.text, self.index.proper)  # evidence for can_speak
        self.chooser_memo: dict = {}  # the chooser's mentions and their own features, for the article
        # the chosen speaker's pronoun as the writer's sentence gives it ("Though he said it
        # was a “...”" after "Tom John, the chairman, ..."): the source as written
        self.said_as: str | None = None
        self.quoted: list[tuple[int, int]] = []  # every quotation's text, for the chooser: no source inside
        self.quoted_starts: list[int] = []

    def quote(self, span: Span, following: list[Span]) -> Quote:
        self.said_as = None
        left, right = self._contexts(span, following)
        source = self._source(span, left, right)
        # named rather than quoted ("a show called “Cake Boss”"), unless a reporting verb in the
        # sentence gives the name to someone ("Trump, who dubbed him “the little senator”")
        named = NAMING.search(left[-60:])
        naming = bool(named) and not (
            source and source.cue == "verb" and source.verb
            and (source.verb not in named.group() or personal(source.mention))
        ) and not words_used(left[-60:])
        quote = self.doc.text[span.start : span.end]
        naming = naming or cited(quote, left, right) or subhead(self._line(span))
        if naming:
            source = None
        kind = quote_kind(quote, left, source, naming, right)
        if source and source.cue == "opening" and quote_kind(quote, left, None, naming, right) == "scare":
            source, kind = None, "scare"  # a title in the opening phrase ("Appearing on “Today,”")
        if source is not None and source.cue in {"subject", "sentence"}:
            source = self._plausible(source, span)  # after the kind: detection stays as it was
        elif source is not None and source.cue != "opening":
            mention = trimmed(source.mention)  # mostly as it was: no copy then (no one alters a Source)
            if mention != source.mention:
                source = dataclasses.replace(source, mention=mention)
        if kind == "scare":
            return Quote(quote, None, kind, False, span.start, span.end)
        if source is not None:
            source = self._according(left, right, source) or self._poll(source, left) or source
        opener = left if source is not None and source.from_right else ""
        if self.model is not None:
            # every quotation's candidates are weighed, the rules' source (a reporting verb's
            # subject too) among them and its cue a feature
            chosen = self._choose(span, left, right, source, opener, kind)
            if chosen is not None:
                return chosen
        if source is None:
            return Quote(quote, None, kind, False, span.start, span.end)
        speaker, anonymous = self._resolve(source.mention, span.start, opener)
        speaker = shown(speaker, source.mention, self.speaker_names)
        if speaker is None and source.mention and not is_pronoun(source.mention):
            return Quote(quote, None, kind, False, span.start, span.end)  # unattributed, not absurd
        self.last_source[span.end_paragraph] = source
        self._spoke(speaker)
        return Quote(quote, speaker, kind, anonymous, span.start, span.end,
                     verb=source.verb, told=source.told, mention=self.said_as or source.written or source.mention)

    def _according(self, left: str, right: str, source: Source) -> Source | None:
        """'“...,” the pope told reporters, according to Reuters': a report of someone's words
        that the writer's sentence credits to another source is that source's."""
        stop = _SENTENCE_STOP.search(right)
        if "report" in right[:160]:  # "..., said Ada Park, reports USA Today.", "“...,” the Times reported."
            outlet = _REPORTED_BY.search(right[: stop.start()] if stop else right[:300])
            name = (outlet.group(1) or outlet.group(2)).strip() if outlet else None
            if name and not (source.from_right and source.mention == name):  # not the verb rule's own
                return Source(name, "reported", cue="according")
        if "ccording to" not in left and "ccording to" not in right:
            return None
        sentence = (left if not _QUOTE_MARKS.search(left) else "", right[: stop.start()] if stop else right)
        for part in sentence:
            found = _ACCORDING.search(part)
            if found and reported_according(part[: found.start()]):
                return None  # "Ada Park said that according to its count, “...”": Park's report
            if found:
                mention, _ = subject_after(part[found.end() :])
                if mention and not is_pronoun(mention):
                    # "a letter signed by 40 residents": the document, not "a letter signed"
                    return Source(trimmed(mention), "according to", cue="according")
        return None

    def _poll(self, source: Source, left: str) -> Source | None:
        """'In a CNN poll released Monday, 31% of voters said they were “...”': a share of the
        people asked speaks through the poll that asked them."""
        at = left.rfind(source.mention)
        if not (_SHARE.search(source.mention) or (at > 0 and _SHARE_OF.search(left, max(0, at - 40), at))):
            return None
        poll = _POLL.search(left) if not _QUOTE_MARKS.search(left) else None
        return Source(_OPENING_IN.sub("", poll.group().strip()), source.verb, cue="according") if poll else None

    def _choose(self, span: Span, left: str, right: str, source: Source | None, opener: str,
                kind: str) -> Quote | None:
        """The chooser's pick among the candidates around the quotation (the rules' source is
        one of them); None leaves the rules' source in place."""
        text = self.doc.text
        rule = None
        if source is not None:
            at = -1
            if source.from_right or source.cue == "according":
                # "“...,” Welch said, according to Vermont Edition": the credited source is
                # written after the quotation, whatever other mention of it came before
                at = text.find(source.mention, span.end, span.end + 1 + len(right) + 40)
            if at < 0 and not source.from_right:
                at = text.rfind(source.mention, max(0, span.start - 800), span.start)
            speaker = self._dry_resolve(source.mention, span.start, opener)
            rule = chooser.Mention(source.mention, at, chooser.fold(speaker or source.mention), speaker)
        ctx = self._context(span, left, right)
        groups = chooser.candidates(ctx, rule, _cue(source),
                                    lambda mention, at: self._dry_resolve(mention, span.start))
        best = chooser.choose(groups, self.model)
        if self.trace is not None:
            self.trace.append((span, groups, best))
        self.said_as = best.said_as.text if best is not None and best.said_as else None
        if best is None or best.rule:
            return None
        if not best.key:  # nobody, against the rules' source
            return Quote(text[span.start : span.end], None, kind, False, span.start, span.end)
        mention = best.mention.text
        speaker, anonymous = self._resolve(mention, span.start)
        if best.mention.start < 0:  # the previous quotation's speaker, not written here
            speaker, anonymous = best.mention.speaker, False
        speaker = shown(speaker, mention, self.speaker_names)
        if speaker is None and not is_pronoun(mention):
            return Quote(text[span.start : span.end], None, kind, False, span.start, span.end)
        self.last_source[span.end_paragraph] = Source(mention, None, cue="chooser")
        self._spoke(speaker)
        return Quote(text[span.start : span.end], speaker, kind, anonymous, span.start, span.end,
                     mention=self.said_as or mention)

    def _spoke(self, speaker: str | None) -> None:
        if speaker:
            key = chooser.fold(speaker)
            self.spoken[key] = self.spoken.get(key, 0) + 1
            self.previous_speaker, self.previous_name = key, speaker

    def _dry_resolve(self, mention: str, at: int, opener: str = "") -> str | None:
        """`_resolve` without remembering the person named (the chooser tries many). A name's
        full form is taken once per article: the chooser only groups mentions by it."""
        if opener:
            key = None
        elif mention[:1].isupper() and not is_pronoun(mention):
            key = mention
        else:
            key = (mention, at)  # a pronoun: resolved from where the quotation is
        if key is not None and key in self.resolved:
            return self.resolved[key]
        saved = self.last_person, self.last_person_at
        try:
            found = self._resolve(mention, at, opener)[0]
        finally:
            self.last_person, self.last_person_at = saved
        if key is not None:
            self.resolved[key] = found
        return found

    def _context(self, span: Span, left: str, right: str) -> chooser.Context:
        doc = self.doc
        paragraph = doc.paragraphs[span.paragraph]
        last = doc.paragraphs[span.end_paragraph]
        previous = doc.paragraphs[span.paragraph - 1].start if span.paragraph else paragraph.start
        index = self.index
        return chooser.Context(
            text=doc.text, start=span.start, end=span.end, left_start=span.start - 1 - len(left),
            right_end=span.end + 1 + len(right), paragraph_start=paragraph.start, paragraph_end=last.end,
            previous_paragraph_start=previous, sentence_starts=self.sentence_starts, runs=index.run_spans,
            run_starts=index.run_starts, alone=not left.strip() and _right_is_empty(doc, span),
            previous_speaker=self.previous_speaker, previous_name=self.previous_name, spoken=self.spoken,
            proper=index.proper, names=self.speaker_names, memo=self.chooser_memo,
            quoted=self.quoted, quoted_starts=self.quoted_starts)

    def _plausible(self, source: Source, span: Span) -> Source | None:
        """A sentence's subject cut to a noun phrase that can say something ("Ramos believes"
        -> "Ramos"); when none can ("The final results aren’t"), the speaker a reader takes to
        go on: the paragraph's or the previous paragraph's, else none."""
        mention = speaker_phrase(source.mention)
        found = self._named(dataclasses.replace(source, mention=mention)) if mention else None
        if found:
            return found
        established = self.last_source.get(span.paragraph, self.last_source.get(span.paragraph - 1))
        return dataclasses.replace(established, cue="previous") if established else None

    def _line(self, span: Span) -> str:
        """The quotation's line (a paragraph may hold several), or "" when longer than a
        headline could be: looked for within a bounded window, so linear on a long paragraph."""
        text, paragraph = self.doc.text, self.doc.paragraphs[span.paragraph]
        lo, hi = max(paragraph.start, span.start - 200), min(paragraph.end, span.end + 200)
        start = text.rfind("\n", lo, span.start) + 1 or paragraph.start
        end = text.find("\n", span.end, hi)
        end = paragraph.end if end < 0 else end
        if (start == paragraph.start and lo > paragraph.start) or (end == paragraph.end and hi < paragraph.end):
            return ""
        return text[start:end]

    def _contexts(self, span: Span, following: list[Span]) -> tuple[str, str]:
        paragraph = self.doc.paragraphs[span.paragraph]
        opening = span.start - 1
        index = bisect_right(self.sentence_starts, opening) - 1
        sentence_start = self.sentence_starts[index] if index >= 0 else paragraph.start
        lo = max(paragraph.start, sentence_start, opening - _CONTEXT)
        text = self.doc.text
        right, woven = woven_through(text, span, following)
        end = self.doc.paragraphs[span.end_paragraph].end
        next_open = following[woven].start - 1 if woven < len(following) else end
        hi = min(next_open, span.end + 1 + _CONTEXT)
        right += text[span.end + 1 + len(right) : max(hi, span.end + 1)]
        return text[lo:opening], right

    def _source(self, span: Span, left: str, right: str) -> Source | None:
        if span.continued:
            return source_before(left) or self.last_source.get(span.paragraph)
        if not left.strip() and ends_sentence(self.doc.text, span):
            # the sentence after it: in its paragraph, or the next one when it stands alone
            after = right if right.strip() or span.end_paragraph + 1 >= len(self.doc.paragraphs) \
                else self.doc.paragraphs[span.end_paragraph + 1].text[:_CONTEXT]
            credited = self._credited_after(after)
            if credited:
                return credited
        agent = source_agent(left, right)
        if agent:
            return agent
        if self.doc.text[span.start - 1] == "“":
            inside = self._named(source_inside(self.doc.text[span.start : span.end]))
            if inside:
                return inside
        clause = self._subordinate(span, left, right)
        if clause:
            return clause
        if left.rstrip()[-1:] in ",:" and INTRODUCED.search(left[-40:]) and not _QUOTE_MARKS.search(left):
            found = self._named(source_before(left))  # 'When a voter shouted, “Cruz,” Beck joked'
            if found and found.verb and found.verb != "according to":
                return found
        found = None if closes_sentence(self.doc.text, span, left) else source_after(right)
        if found is None and self.doc.text[span.end - 1 : span.end] in ",?!":
            found = source_unlisted_after(right)
        found = self._named(found)
        if found and ends_sentence(self.doc.text, span) and reports_what_follows(right, found):
            found = None
        if found:
            return dataclasses.replace(found, from_right=True)
        found = self._named(source_before(left))
        if found:
            return found
        if span.paragraph in self.last_source:
            own = self._own_subject(left)
            return own or dataclasses.replace(self.last_source[span.paragraph], cue="paragraph")
        if not left.strip():
            signed = self._signature(span)
            if signed:
                return signed
            found = self._sentence_before(span) or self._previous_paragraph(span.paragraph)
            return dataclasses.replace(found, cue="previous") if found else None
        comma = self.doc.text[span.end - 1 : span.end] == ","
        opening = participle_subject(left, right, comma)  # "Citing their “x,” Ada Park urged"
        if opening:
            return self._named(Source(opening, None, cue="opening"))
        subject = clause_subject(left) or sentence_subject(left)  # woven in, verb not listed
        if subject is None and _EXPLETIVE.search(left):
            subject = "there"
        if subject and subject.lower() in {"it", "there"}:
            named = that_clause_subject(left)  # "It is odd that Ada Park denied “...”"
            if not named:  # "Park has argued that ... . As a result, there is still “...”"
                return self._sentence_before(span) or Source(subject, None, cue="subject")
            subject = named
        return self._named(Source(subject, None, cue="subject") if subject else None)

    def _credited_after(self, right: str) -> Source | None:
        """'“We need the money now.” That was how Ada Park, the finance minister, put it.': a
        quotation that is a sentence of its own, credited by the sentence after it."""
        found = _CREDITED_AFTER.match(right)
        if not found:
            return None
        part = next(group for group in found.groups() if group is not None)
        mention, _ = subject_after(part)
        if not mention or is_pronoun(mention):
            return None
        return self._named(Source(mention, "said", cue="verb", from_right=True))

    def _subordinate(self, span: Span, left: str, right: str) -> Source | None:
        """'After Scalia said that ... “less advanced schools,” Trump said:': the opening
        clause's reporting verb, not the main clause's after the comma."""
        closes = self.doc.text[span.end - 1 : span.end] == "," or right.lstrip()[:1] == ","
        clause = subordinate_opening(left, closes)
        found = self._named(source_before(clause)) if clause else None
        if not found or not found.verb or found.verb == "according to" or found.mention.lower() == "who":
            return None
        return found

    def _own_subject(self, left: str) -> Source | None:
        """'“...,” Noah said. Trump did post on Twitter that his claims were “sarcasm”': a new
        sentence of the paragraph, with no quotation before this one, whose subject is a name
        or a noun phrase that can speak ("the statement talked about"), is that subject's, not
        the earlier quotation's speaker's."""
        if not left.strip() or _QUOTE_MARKS.search(left):
            return None
        subject = sentence_subject(left)
        if subject and subject.split()[0] in {"the", "a", "an"}:
            subject = speaker_phrase(subject)  # "the statement talked about": a thing that speaks
        elif subject and not capitalised(subject):
            return None
        if not subject or is_pronoun(subject) or \
                subject.split()[0].lower() in (SENTENCE_WORDS - {"the", "a", "an"}) | _DEMONSTRATIVES:
            return None
        # not a weak "subject" cue: the paragraph's speech goes on, only its speaker changes
        return self._named(Source(subject, None, cue="sentence"))

    def _named(self, source: Source | None) -> Source | None:
        """Refuse a lone capitalised word that the text never capitalises mid-sentence: it is a
        sentence's first word ("Amid", "Having"), not a name."""
        if source is None or " " in source.mention or is_pronoun(source.mention):
            return source
        if not capitalised(source.mention) or _subject_of_verb(source):
            return source
        return source if source.mention in self.index.mid_capitals else None

    def _signature(self, span: Span) -> Source | None:
        """A quotation opening its paragraph and signed after it on the same line ('“...” ―
        Ada Park, Leeds', one reader's words after another) or on the next ('“...”' then
        '- Hillary Clinton.')."""
        rest = self.doc.text[span.end + 1 : self.doc.paragraphs[span.end_paragraph].end].strip(" ")
        signed = _SIGNATURE.fullmatch(rest) if rest[:1] in _DASHES and "\n" not in rest else None
        if signed:
            return Source(signed.group(1).rstrip(". "), None, cue="signature")
        if not _right_is_empty(self.doc, span) or span.end_paragraph + 1 >= len(self.doc.paragraphs):
            return None
        signed = _SIGNATURE.fullmatch(self.doc.paragraphs[span.end_paragraph + 1].text)
        return Source(signed.group(1).rstrip(". "), None, cue="signature") if signed else None

    def _sentence_before(self, span: Span) -> Source | None:
        """A quotation opening a sentence after 'Sam Lau said in a statement.' or 'Cruz tweeted
        a warning.' in the same paragraph: that sentence introduces it."""
        index = bisect_right(self.sentence_starts, span.start - 1) - 1
        if index < 1 or self.doc.sentences[index - 1].paragraph != span.paragraph:
            return None
        sentence = self.doc.sentences[index - 1].text[-_CONTEXT:]
        if _QUOTE_MARKS.search(sentence):
            return None  # its own quotations' sources were already tried
        return self._named(source_before(sentence.rstrip(" .:"))) or self._introducer(sentence)

    def _previous_paragraph(self, index: int) -> Source | None:
        """A paragraph that is only a quotation: 'Trump said:' or more speech just before."""
        if index == 0:
            return None
        previous = self.doc.paragraphs[index - 1].text
        if previous.rstrip().endswith(":"):
            lead = previous.rstrip()[:-1][-_CONTEXT:]
            return (source_before(lead) or self.last_source.get(index - 1)
                    or self._introducer(_LAST_SENTENCE.search(lead).group()))
        if index - 1 in self.last_source:
            return self.last_source[index - 1]
        sentence = self._last_sentence(index - 1) or previous[-_CONTEXT:]
        # no reporting verb: the one the paragraph before was about ("Trump was quick to add ...")
        return (self._named(source_opening(sentence)) or self._named(source_before(sentence))
                or self._speaker_of(sentence) or self._introducer(sentence))

    def _speaker_of(self, sentence: str) -> Source | None:
        """'..., since Trump spoke only in bromides.' before a paragraph of speech: a name that
        spoke (with no listed verb: 'spoke' takes no quotation) is the one quoted next."""
        spoke = _SPOKE.search(sentence)
        return self._named(Source(spoke.group(1), spoke.group(2), cue="subject")) if spoke else None

    def _last_sentence(self, paragraph: int) -> str | None:
        """The paragraph's last sentence as the splitter found it ("U.S." ends none)."""
        at = bisect_right(self.sentence_starts, self.doc.paragraphs[paragraph].end - 1) - 1
        if at < 0 or self.doc.sentences[at].paragraph != paragraph:
            return None
        return self.doc.sentences[at].text[-_CONTEXT:]

    def _introducer(self, sentence: str) -> Source | None:
        """'Trump issued the following statement:' with no listed verb: the subject of the
        sentence that the colon closes introduces the quotation."""
        subject = sentence_subject(sentence)
        if not subject or subject.lower() in {"it", "you", "we"}:
            return None  # "It rained.": no one to give the quotation to
        mention = speaker_phrase(subject)  # "The PR effort comes ahead of the": no one
        return self._named(Source(mention, None, cue="subject")) if mention else None

    def _resolve(self, mention: str, at: int, opener: str = "") -> tuple[str | None, bool]:
        """(speaker, anonymous): pronouns and surnames to full names, descriptions kept.
        `opener`: the writer's sentence before a quotation whose "he said" follows it."""
        low, name, written, anonymous = _reading(mention)
        if low in {"he", "she"} and opener.strip():
            named = self._sentence_person(opener, at)
            if named:
                return named, False
        if low in {"he", "she"} and not opener:
            named = self._embedding_subject(at, low)
            if named:
                return named, False
        if low in PRONOUNS:
            return (self._antecedent(at, low) if low in {"he", "she", "i", "who"} else None), False
        if name is None:
            name = self._titled_surname(mention, at)
            if name is None:
                return written, anonymous
        full = self.names.full(name, at)
        self.last_person, self.last_person_at = full, at
        return full, False

    def _titled_surname(self, mention: str, at: int) -> str | None:
        """'King said', 'Mr. King said': a surname that is also a title word stands for the
        article's full name ending with it ("Peter King"), when there is one."""
        words = mention.split()
        last = words[-1].removesuffix("’s").removesuffix("'s").rstrip(".,") if words else ""
        if not last[:1].isupper() or last.lower() not in TITLES or not all(
                w.lower().rstrip(".") in TITLES for w in words[:-1]):
            return None
        return last if self.names.full(last, at) != last else None

    def _embedding_subject(self, at: int, pronoun: str) -> str | None:
        """'Radio host Ada Park used his show to discuss what he described as “...”': a "he"
        inside a clause that the sentence's own subject governs ("what he", "that she",
        "which he") stands for that subject, a named person of the pronoun's gender."""
        index = bisect_right(self.sentence_starts, at - 1) - 1
        start = self.sentence_starts[index] if index >= 0 else 0
        sentence = self.doc.text[start : at - 1]
        if not _EMBEDDED_PRONOUN[pronoun].search(sentence):
            return None
        quoted = _QUOTE_MARKS.search(sentence)  # the subject is read before any quotation
        subject = sentence_subject(sentence[: quoted.start()] if quoted else sentence)
        name = person(subject) if subject and capitalised(subject) and not is_pronoun(subject) else None
        if not name or name.lower() in _INSTITUTIONS or " " not in name and name not in self.index.mid_capitals:
            return None
        full = self.names.full(name, at)
        return None if self._other_gender(full, pronoun) else full

    def _sentence_person(self, opener: str, at: int) -> str | None:
        """'Aide Ada Park said the plan has “...,” he said': a person who opens the same
        sentence is the one "he" stands for, not the last speaker quoted."""
        if _QUOTE_MARKS.search(opener):
            return None
        subject = sentence_subject(opener)
        name = person(subject) if subject and capitalised(subject) else None
        if not name or name.lower() in _INSTITUTIONS or is_pronoun(name):
            return None
        full = self.names.full(name, at)
        self.last_person, self.last_person_at = full, at
        return full

    def _antecedent(self, at: int, pronoun: str = "he") -> str | None:
        """The last speaker, unless a person opened a sentence after that speaker's quotation;
        not a person the article's titles ("she" is no "Mr. Park") or the given name ("she"
        is no "Donald Park") give the other gender: then the other of the two, else nobody."""
        subject = self.names.subject_before(at)
        later = subject[1] if subject and subject[0] > self.last_person_at else None
        person_ = later or self.last_person
        if pronoun not in {"he", "she"} or not person_ or not self._other_gender(person_, pronoun):
            return person_
        # "she" after "... between her and Trump, and since 2008 she": an earlier one that fits
        for _, other in self.names.subjects_between(self.last_person_at, at):
            if self._same_gender(other, pronoun):
                return other
        last = self.last_person
        return last if last and not self._other_gender(last, pronoun) else None

    def _same_gender(self, person_: str, pronoun: str) -> bool:
        """A full name that a title or its given name shows to be of the pronoun's gender: a
        sentence's opening words that are no one ("Given", "Former", "Sprinters Ada Park") or
        an unknown name are not taken over the last speaker."""
        words = person_.split()
        if len(words) < 2 or not can_speak(person_, self.speaker_names):
            return False
        if self.index.genders.get(words[-1].lower()) == pronoun:
            return True
        return len(words) <= 3 and capitalised(words[0]) and _given_gender(person_) == _PRONOUN_GENDER[pronoun]

    def _other_gender(self, person_: str, pronoun: str) -> bool:
        if pronoun not in {"he", "she"}:
            return False
        surname = person_.split()[-1].lower()
        shared = self.names.shared(surname)
        if self.index.genders.get(surname, pronoun) != pronoun and not shared:
            return True
        given = _given_gender(person_) if " " in person_ else None  # "Hillary Clinton": its given name
        return given is not None and _PRONOUN_GENDER[pronoun] != given


# The same mentions come back in every article ("officials", a president's name): what their
# words alone say is read once per process; only the person they name is the article's.
@lru_cache(maxsize=16384)
def _reading(mention: str) -> tuple[str, str | None, str, bool]:
    """(the mention's pronoun reading, the person's name in it or None, the mention as the
    speaker when it names no person, anonymous) for `_Attributor._resolve`."""
    low = nominative(mention).lower()  # "his willingness to “...”": he
    if low in PRONOUNS:
        return low, None, mention, False
    unnamed = _unnamed_end(mention)
    if unnamed is not None and not mention[unnamed:].lstrip()[:1].isupper():
        return low, None, mention, True  # not "Senate Majority Leader Mitch McConnell": a title, named
    if not capitalised(mention):
        # "former governor Jeb Bush" -> "Jeb Bush"; "psychologist Ada Park of the university" too
        named = _LOWER_TITLES.match(mention) or _LOWER_TITLES.match(_NAME_PARTS.split(mention, 1)[0])
        if not named:
            return low, None, mention, False
        mention = named.group(1)
    parts = _NAME_PARTS.split(mention)
    # "Joel Pollak of Breitbart" -> its head; "Secretary of State John Kerry" -> its tail
    name = person(parts[0])
    if not name and len(parts) > 1 and all(w.lower() in TITLES for w in parts[0].split()):
        name = person(parts[-1])
    if not name or name.lower() in _INSTITUTIONS:
        return low, None, mention, False  # "the State Department" is no person called "Department"
    return low, name, mention, False


_PRONOUN_GENDER = {"he": "m", "she": "f"}  # as `given_names.tsv` writes them
# the same full names come back in every article: their given name's gender is read once
_given_gender = lru_cache(maxsize=16384)(given_gender)
# Words that open a clause inside the writer's sentence: its pronoun is the sentence's subject
_EMBEDDING = ("what", "that", "which", "as", "whom")
_EMBEDDED_PRONOUN = {p: re.compile(rf"\b(?:{'|'.join(_EMBEDDING)})\s+{p}\b") for p in ("he", "she")}


# Heads of institutions' names, left whole rather than read as a person's surname
_INSTITUTIONS = {
    "department", "committee", "party", "office", "council", "house", "senate", "court",
    "agency", "administration", "campaign", "commission", "bureau", "foundation", "institute",
    "association", "university", "center", "centre", "service", "board", "ministry",
    "government", "congress", "pentagon", "police", "army", "navy", "caucus", "convention",
}


# "officials", "a source close to": the same mentions in every article, and a long pattern
@lru_cache(maxsize=16384)
def _unnamed_end(mention: str) -> int | None:
    """Where an unnamed source's words ("a senior official") end in `mention`, if it opens so."""
    unnamed = ANONYMOUS.match(mention)
    return unnamed.end() if unnamed else None


def _subject_of_verb(source: Source) -> bool:
    """A lone capitalised word as the subject of a reporting verb ("Rajoy said") is a name even
    when the text never capitalises it mid-sentence; an opening word would be a participle or
    a preposition ("Having said", "After")."""
    low = source.mention.lower()
    return (source.cue == "verb" and source.verb is not None and source.verb != "according to"
            and low not in SENTENCE_WORDS and not low.endswith(("ing", "ed")))


def _cue(source: Source | None) -> str | None:
    """How the rules found their source, as the chooser's features name it: the owner of the
    words ('in the words of a senior adviser, “...”') apart from a reporting verb's subject."""
    if source is None:
        return None
    return "words" if source.cue == "verb" and source.verb == "words" else source.cue


_SHIPPED = object()


def extract(doc: Document, model: dict[str, float] | None | object = _SHIPPED) -> Quotes:
    """The article's quotations. `model`: the chooser's weights (default: the shipped ones;
    None: the rules alone, as bench/quotes.py compares)."""
    return _extract(doc, chooser.weights() if model is _SHIPPED else model)


def _extract(doc: Document, model: dict[str, float] | None, trace: list | None = None) -> Quotes:
    found_spans = spans(doc)
    attributor = _Attributor(doc, model)
    attributor.trace = trace
    attributor.quoted = [(s.start, s.end) for s in found_spans]
    attributor.quoted_starts = [s.start for s in found_spans]
    items: list[Quote] = []
    for index, span in enumerate(found_spans):
        following = [f for f in found_spans[index + 1 : index + 4] if f.paragraph == span.end_paragraph]
        items.append(attributor.quote(span, following))
    found = tuple(items)
    return Quotes(items=found, stats=stats(found, doc))


def stats(items: tuple[Quote, ...], doc: Document) -> QuoteStats:
    """Figures over one article's quotations.

    count: every quoted span found, scare quotes included (`by_kind` splits them). The rest
    is over speech only (kinds full and partial), since a scare quote has no speaker:
    quoted_words_share is quoted words / all words of the article; speakers counts distinct
    resolved speakers; named_share and anonymous_share are the shares of speech quotations
    with a named and with an unnamed source (the remainder has none found); top_speakers are
    the five speakers with the most quoted words.
    """
    speech = [q for q in items if q.kind != "scare"]
    total_words = len(doc.text.split()) or 1  # white-space words: cheap on a long article
    by_kind = {"full": 0, "partial": 0, "scare": 0}
    per_speaker: dict[str, int] = {}
    for quote in items:
        by_kind[quote.kind] += 1
    for quote in speech:
        if quote.speaker:
            per_speaker[quote.speaker] = per_speaker.get(quote.speaker, 0) + len(quote.quote.split())
    quoted = sum(len(q.quote.split()) for q in speech)
    named = sum(1 for q in speech if q.speaker and not q.anonymous)
    anonymous = sum(1 for q in speech if q.anonymous)
    n = len(speech)
    return QuoteStats(
        count=len(items),
        quoted_words_share=round(quoted / total_words, 4),
        speakers=len(per_speaker),
        named_share=round(named / n, 4) if n else 0.0,
        anonymous_share=round(anonymous / n, 4) if n else 0.0,
        by_kind=by_kind,
        top_speakers=tuple(sorted(per_speaker.items(), key=lambda kv: (-kv[1], kv[0]))[:5]),
    )
