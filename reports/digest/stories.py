"""The day's stories: the manifest's briefings grouped and ordered for the digest. Pure: no PDF here.

A story is one or more briefings: an article and its updates or duplicates, as the pipeline's
MinHash marks them (`update_of`). Stories are ordered by the number of sources that carry them
(most first), then by the newest article date of their versions (newest first, undated last),
then by headline and article id, so two builds of the same day give the same order. With
`[[sections]]` in the config they are first grouped by section (the config's order, "Other" last).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from reports.config import SectionSettings

DIGEST_NAME = "digest.pdf"
# Up to this many stories, each has two summary sentences on the front page; on a longer day the
# first LEAD_STORIES have one and the rest a line each, so the front page, laid out again at
# every update of the day, stays about two pages long.
SHORT_DAY = 12
LEAD_STORIES = 12  # on a longer day, the stories after these are listed one line each
# At most this many one-line stories on the front page: its layout is most of what an addition
# to a long day costs, and all of its memory. The rest are counted, with a link to where they
# start; every story keeps its bookmark.
MORE_STORIES = 60
LEAD_CHARS = 220
HEADLINE_CHARS = 160


@dataclass
class Story:
    """One story of the day: its briefings (versions), newest first, and where they start."""

    versions: list[dict[str, Any]]
    pages: list[int] = field(default_factory=list)  # first page (1-based) of each version
    section: str = ""  # the first [[sections]] entry it matches; "" for none

    @property
    def headline(self) -> str:
        """The newest version's title, cut as the briefing cuts it (a title may be a whole text)."""
        title = " ".join(str(self.versions[0]["title"]).split())
        return title if len(title) <= HEADLINE_CHARS else title[: HEADLINE_CHARS - 1] + "…"

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(v["source"] for v in self.versions))

    @property
    def newest(self) -> str:
        return max((v.get("date") or "" for v in self.versions), default="")

    @property
    def page(self) -> int:
        return self.pages[0] if self.pages else 0

    def lead(self, sentences: int) -> str:
        """The newest version's first summary sentences; of its first story only, when its text
        holds several (the later ones are `later`, each listed as a story of its own)."""
        parts = self.versions[0].get("stories") or []
        summary = parts[0].get("summary") if parts else self.versions[0].get("summary")
        return _cut(" ".join((summary or [])[:sentences]), LEAD_CHARS * sentences)

    @property
    def count(self) -> int:
        """How many stories the front page lists for it: one, plus the later stories of its text."""
        return max(1, len(self.versions[0].get("stories") or []))

    def later(self, sentences: int) -> list[tuple[str, str]]:
        """The further stories of the newest version's text (a seed file's stories after a wider
        gap): each one's title and lead, for the front page to list under the first."""
        parts = self.versions[0].get("stories") or []
        return [
            (_cut(" ".join(str(p.get("title") or "").split()), HEADLINE_CHARS),
             _cut(" ".join((p.get("summary") or [])[:sentences]), LEAD_CHARS * sentences))
            for p in parts[1:]
        ]

    def sort_key(self) -> tuple[int, str, str, str]:
        # Newest first: the ISO date's characters are inverted so one ascending sort does it all.
        inverted = "".join(chr(0x10FFFF - ord(c)) for c in self.newest) if self.newest else "\U0010ffff"
        return (-len(self.sources), inverted, self.headline.casefold(), self.versions[-1].get("id") or "")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def stories(entries: Iterable[dict[str, Any]], sections: Sequence[SectionSettings] = ()) -> list[Story]:
    """The briefings grouped into stories (an update joins the story it updates), in digest order:
    by section (in the config's order, "Other" last), then by `Story.sort_key`."""
    entries = list(entries)
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_id = {e.get("id"): i for i, e in enumerate(entries)}
    by_pdf = {e.get("pdf"): i for i, e in enumerate(entries)}
    for i, entry in enumerate(entries):
        earlier = entry.get("update_of") or {}
        j = by_pdf.get(earlier.get("pdf")) if earlier.get("pdf") else None
        if j is None and earlier.get("id") is not None:
            j = by_id.get(earlier["id"])
        if j is not None:
            parent[find(i)] = find(j)
    groups: dict[int, list[dict[str, Any]]] = {}
    for i, entry in enumerate(entries):
        groups.setdefault(find(i), []).append(entry)  # in briefing order: oldest first
    found = [Story(list(reversed(versions))) for versions in groups.values()]
    order = {section.name: i for i, section in enumerate(sections)}
    for story in found:
        story.section = next((name for v in story.versions if (name := section_of(v, sections))), "")
    return sorted(found, key=lambda s: (order.get(s.section, len(order)), s.sort_key()))


def section_of(entry: dict[str, Any], sections: Sequence[SectionSettings]) -> str:
    """The first section whose match takes this briefing, or "" (the rest: "Other").

    Folders and feeds are read from the source's path below the inbox (`<inbox>/feeds/<feed>/`
    for a feed's pages); keywords are whole words, in any case, of the title, key phrases and
    summary."""
    from reports.outputs import slugify

    folders = str(entry.get("source") or "").replace("\\", "/").split("/")[1:-1]
    inside = "/" + "/".join(folders) + "/"
    text = " ".join([str(entry.get("title") or ""), *(entry.get("keyphrases") or []), *(entry.get("summary") or [])])
    for section in sections:
        match = section.match
        if any(f"/{folder.strip('/')}/" in inside for folder in match.folders if folder.strip("/")):
            return section.name
        if folders[:1] == ["feeds"] and len(folders) > 1 and folders[1] in {slugify(f) for f in match.feeds}:
            return section.name
        if any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", text, re.I) for k in match.keywords if k.strip()):
            return section.name
    return ""


def wanted(day: list[Story], sections: Sequence[str]) -> list[dict[str, Any]]:
    """The manifest entries of the stories in these sections ("Other": the rest; none: all)."""
    if not sections:
        return [v for story in day for v in story.versions]
    names = {name.casefold() for name in sections}
    return [v for story in day if (story.section or "Other").casefold() in names for v in story.versions]


def file_name(sections: Sequence[str]) -> str:
    """The digest of some sections only, beside the day's: digest-<sections>.pdf."""
    from reports.outputs import slugify

    return DIGEST_NAME if not sections else "digest-" + "+".join(sorted(slugify(s) for s in sections)) + ".pdf"


def number(day: list[Story], pages: dict[str, int], first_page: int) -> int:
    """Set each story's version pages (`pages`: each briefing's page count); return the digest's page count."""
    page = first_page
    for story in day:
        story.pages = []
        for version in story.versions:
            story.pages.append(page)
            page += pages[version["pdf"]]
    return page - 1


def sectioned(day: list[Story]) -> list[tuple[str, list[Story], list[Story]]]:
    """The front page's groups: (section, its lead stories, its one-line stories), in the config's
    order with "Other" last; one unnamed group when no section is named. On a short day every
    story is a lead story; on a long one, the first few of each group, then at most its share of
    MORE_STORIES one-line stories (`unlisted`: the rest)."""
    return [(name, leads, rest) for name, leads, rest, _ in _groups(day)]


def unlisted(day: list[Story]) -> dict[str, list[Story]]:
    """Each front-page group's stories that are not listed on it (beyond MORE_STORIES), in order."""
    return {name: hidden for name, _, _, hidden in _groups(day) if hidden}


def _groups(day: list[Story]) -> list[tuple[str, list[Story], list[Story], list[Story]]]:
    groups: dict[str, list[Story]] = {}
    for story in day:
        groups.setdefault(story.section, []).append(story)
    leads = len(day) if len(day) <= SHORT_DAY else max(3, LEAD_STORIES // len(groups))
    more = leads + max(5, MORE_STORIES // len(groups))
    named = [(name, found) for name, found in groups.items() if name]
    rest = groups.get("", [])
    found = named + ([("Other" if named else "", rest)] if rest else [])
    return [(name, stories_[:leads], stories_[leads:more], stories_[more:]) for name, stories_ in found]


def old_entries(day: list[Story]) -> list[dict[str, Any]]:
    """The context of the digest.html that `reports init` copied before stories: one per story."""
    return [
        {
            "title": s.headline, "source": "; ".join(s.sources), "date": s.newest or None, "lead": s.lead(1),
            "page": s.page, "words": sum(v.get("readability", {}).get("words", 0) for v in s.versions),
            "quotes": sum(v.get("quotes", {}).get("stats", {}).get("count", 0) for v in s.versions),
        }
        for s in day
    ]
