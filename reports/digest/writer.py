"""build(out, date): the day's digest.pdf, written whole from the briefings one at a time, or
an incremental update of the last one that adds what the day gained.

The briefings are checked one by one with qpdf (a briefing it cannot read, or has to repair, is
left out and named on the front page) for their page counts and bookmarks; the front page is
rendered with the stories' page numbers; then each source is opened again in digest order
(front page first) and its objects written out (`pdfout`): its own page number blanked, its
structure tree under the digest's Document, the front page's links pointed at pages, every page
stamped "Page i of N" in `[render] language`, its sections' bookmarks written; then the page tree, structure root, one
bookmark per story (its sections beneath), and the file renamed over the old one. A build that finds the last digest intact (`record.appendable`)
copies its bytes and appends only the briefings it lacks, then what depends on the day's order
(a new front page, every page's stamp, the page tree, the structure and outline roots with one
entry per briefing or story, the catalog): what each briefing brought (its pages, structure,
ParentTree leaf, section bookmarks) is written once. What
was written is recorded (`record`) so that the next check can tell a digest that is up to date
from one that is stale or damaged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from reports import outputs
from reports.config import RenderSettings, SectionSettings
from reports.digest.stories import (
    DIGEST_NAME, HEADLINE_CHARS, LEAD_STORIES, SHORT_DAY, Story, file_name, number, old_entries, sectioned, stories,
    unlisted, wanted,
)
from reports.digest.pdfout import Out
from reports.digest.record import STATE_VERSION, appendable, inputs_key, record_path, recorded, wanted_entries

# Front-page links are written as these URLs, then turned into links to the digest's pages.
PAGE_LINK = "https://digest.invalid/page/"
# A first build's guess: up to this many stories fit the front page's first page; more take
# two (a long day's list is capped: MORE_STORIES).
ONE_PAGE_STORIES = 6


@dataclass
class Source:
    """One briefing, checked: its manifest entry, file, page count and bookmarks. It is opened
    again when its turn comes to be written, so one briefing at a time is in memory."""

    entry: dict[str, Any]
    path: Path
    pages: int
    sections: list[tuple[str, int]] = field(default_factory=list)  # its bookmarks; written once, when it is added
    file: list[int] = field(default_factory=list)  # its size and time, as when it was checked
    kept: dict[str, Any] | None = None  # already in the digest being appended to: what it holds of it


def build(
    out: Path, run_date: date, templates: Path | None = None, render: RenderSettings | None = None,
    *, sections: Sequence[SectionSettings] = (), only: Sequence[str] = (), notes: list[str] | None = None,
) -> Path | None:
    """Write the day's digest and return its path; None when nothing was briefed that day.

    `sections`: the config's [[sections]]; `only`: some of their names ("Other" for the rest),
    for a recipient's own digest, digest-<names>.pdf beside the day's (None when it is empty).
    `notes` hears each briefing left out, with its reason."""
    from reports.render import renderer_for

    folder = outputs.day_dir(out, run_date)
    entries = wanted_entries(out, folder, sections, only)
    if not entries:
        return None
    path = folder / file_name(only)
    language = (render or RenderSettings()).language
    key = inputs_key(out, entries, sections, only, language)
    previous = appendable(path)
    if previous is not None and previous.get("language") != language:
        previous = None  # its stamps' font holds the glyphs of another language's words: written whole
    kept = previous["briefings"] if previous else {}
    sources, left_out = [], []
    for entry in entries:
        stamp = _stamp_of(out / entry["pdf"])
        old = kept.get(entry["pdf"])
        if old is not None and old["file"] == stamp:  # in the file already: not opened again
            sources.append(Source(entry, out / entry["pdf"], len(old["pages"]), [], stamp, old))
            continue
        opened = _open(out / entry["pdf"], entry)
        if isinstance(opened, str):
            left_out.append({"title": entry.get("title") or entry["pdf"], "pdf": entry["pdf"], "reason": opened})
            if notes is not None:
                notes.append(f"{entry['pdf']}: {opened}; left out of {path.name}")
        else:
            opened.file = stamp
            sources.append(opened)
    if not sources:
        return None
    by_pdf = {source.entry["pdf"]: source for source in sources}
    day = stories([source.entry for source in sources], sections)
    renderer = renderer_for(templates, render)
    # The last build's length, else a first guess: each wrong guess costs a render.
    guess = recorded(path).get("front_pages") or (1 if sum(story.count for story in day) <= ONE_PAGE_STORIES else 2)
    front = _front(renderer, day, {pdf: s.pages for pdf, s in by_pdf.items()}, run_date, len(entries), left_out, guess)
    record = {"inputs": key, "front_pages": len(front.pages)}
    base = path if previous else None
    _write(path, base, lambda file: _assemble(file, front, day, by_pdf, renderer, run_date, previous), record)
    return path


def _stamp_of(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


def _open(path: Path, entry: dict[str, Any]) -> Source | str:
    """The briefing at `path`, its own footer blanked; or why it cannot go in. qpdf repairs
    what it can, but a briefing it had to repair is damaged: its pages may be missing or blank."""
    import pikepdf

    from reports.digest.stamps import page_content

    try:
        with pikepdf.open(path) as pdf:
            pages = list(pdf.pages)
            for page in pages:
                page_content(page)  # every content stream decodes
            if pdf.get_warnings():
                return f"damaged ({pdf.get_warnings()[0]})"
            if not pages:
                return "damaged (no pages)"
            return Source(entry, path, len(pages), _bookmarks(pdf, " ".join(str(entry.get("title") or "").split())))
    except (pikepdf.PdfError, OSError, ValueError, KeyError, IndexError) as error:
        reason = str(error).replace(str(path), path.name)  # the front page never shows a server's paths
        return f"cannot be read ({type(error).__name__}: {reason[:200]})"


def _bookmarks(pdf: Any, headline: str) -> list[tuple[str, int]]:
    """The briefing's bookmarks, flattened (title, page index), without the one for its headline.
    Read from the outline's dictionaries: pikepdf's outline model writes itself back on close."""
    import pikepdf

    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found: list[tuple[str, int]] = []
    todo = [pdf.Root.Outlines.get("/First")] if "/Outlines" in pdf.Root else []
    seen: set[tuple[int, int]] = set()
    while todo:
        item = todo.pop()
        if item is None or item.objgen in seen:  # a loop in a damaged outline ends here
            continue
        seen.add(item.objgen)
        title = str(item.get("/Title", ""))
        target = item.get("/Dest")
        if target is None and "/A" in item:
            target = item.A.get("/D")
        if " ".join(title.split())[:40] != headline[:40]:  # the headline, maybe cut
            if isinstance(target, pikepdf.Array) and len(target) and target[0].objgen in index:
                found.append((title, index[target[0].objgen]))
        todo += [item.get("/Next"), item.get("/First")]  # popped first: depth first, in order
    return found


def _front(
    renderer: Any, day: list[Story], pages: dict[str, int], run_date: date, articles: int, left_out: list[dict[str, Any]],
    front_pages: int,
) -> Any:
    """The front page (pikepdf), rendered until its own length agrees with the page numbers it
    lists, from a guess of that length."""
    import io

    import pikepdf

    for _ in range(4):
        total = number(day, pages, first_page=front_pages + 1)
        data, count = renderer.document(
            "digest.html", run_date=run_date, stories=day, total_pages=total,
            articles=articles, short_day=len(day) <= SHORT_DAY, page_link=PAGE_LINK,
            top=day if len(day) <= SHORT_DAY else day[:LEAD_STORIES],
            more=[] if len(day) <= SHORT_DAY else day[LEAD_STORIES:],
            entries=old_entries(day), sections=sectioned(day), unlisted=unlisted(day), left_out=left_out,
        )
        if count == front_pages:
            break
        front_pages = count
    return pikepdf.open(io.BytesIO(data))


class _Digest:
    """The digest being written to `out`: a new file, or an update of `previous` (its state),
    whose objects it keeps. Each new source's pages and structure are written as it comes
    (`add`); then what depends on the day's order (`finish`): every page's stamp, the page
    tree, the structure root, the outline and the catalog."""

    def __init__(self, out: Out, sheet: Any, previous: dict[str, Any] | None) -> None:
        from reports.digest.structure import Structure

        self.out, self.sheet, self.fresh = out, sheet, previous is None
        if previous is None:
            names = ("catalog", "pages", "before", "after", "resources", "struct_root", "document")
            self.objects = {name: out.number() for name in names}
            self.file_id = os.urandom(16).hex()
        else:
            self.objects, self.file_id = dict(previous["objects"]), previous["file_id"]
        self.structure = Structure(
            out, self.objects["struct_root"], self.objects["document"], previous["next_key"] if previous else 0
        )
        self.order: list[int] = []  # every page's number, in the digest's order (front page links)

    def add(self, pdf: Any, numbers: list[int], *, front: bool = False) -> dict[str, Any]:
        """Write one source's pages (as objects `numbers`) and structure (pikepdf; changed in
        memory, never saved). Returns what the digest keeps of it."""
        import pikepdf

        from reports.digest.pdfout import Copier
        from reports.digest.stamps import blank_footer, hook

        placeholder = lambda: pdf.make_indirect(pikepdf.Dictionary())  # noqa: E731
        pages, document, before, after = placeholder(), placeholder(), placeholder(), placeholder()
        copier = Copier(self.out, pdf, {
            pages.objgen: self.objects["pages"], document.objgen: self.objects["document"],
            before.objgen: self.objects["before"], after.objgen: self.objects["after"],
        })
        record = self.structure.add(pdf, copier, document)
        record.update(pages=numbers, stamps=[])
        for page, number in zip(pdf.pages, numbers, strict=True):
            if not front:
                blank_footer(pdf, page)
            stamp = placeholder()
            copier.numbers[stamp.objgen] = self.out.number()
            record["stamps"].append(copier.numbers[stamp.objgen])
            page.obj.Parent = pages
            hook(page, stamp, before, after)
            if front:
                self._link(pdf, page, copier)
            copier.numbers[page.obj.objgen] = number
            copier.todo.append(page.obj.objgen)
        copier.run()
        return record

    def _link(self, pdf: Any, page: Any, copier: Any) -> None:
        """The front page's placeholder URLs become links to the digest's pages."""
        import pikepdf

        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            target = int(uri.removeprefix(PAGE_LINK)) if uri.removeprefix(PAGE_LINK).isdigit() else 0
            if uri.startswith(PAGE_LINK) and 0 < target <= len(self.order):
                there = pdf.make_indirect(pikepdf.Dictionary())  # a placeholder for that page
                copier.numbers[there.objgen] = self.order[target - 1]
                annot.A = pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=pikepdf.Array([there, pikepdf.Name.XYZ, None, None, None]))

    def finish(
        self, order: list[dict[str, Any]], day: list[Story], records: dict[str, dict[str, Any]], run_date: date, t: Any
    ) -> int:
        """Everything that depends on the day's order; returns the cross-reference's offset.
        `t`: the words of the config's language (`[render] language`, labels.toml)."""
        from reports.digest.pdfout import Copier, dictionary, ref
        from reports.digest.stamps import AFTER, BEFORE, form

        out, objects = self.out, self.objects
        if self.fresh:  # shared by every page, written once
            out.stream(objects["before"], b"", BEFORE)
            out.stream(objects["after"], b"", AFTER)
            sample = self.sheet.pdf.pages[0].obj.Resources
            copier = Copier(out, self.sheet.pdf)
            if sample.is_indirect:
                copier.numbers[sample.objgen] = objects["resources"]
                copier.todo.append(sample.objgen)
            else:
                out.write(objects["resources"], copier.text(sample))
            copier.run()
        stamps = [stamp for record in order for stamp in record["stamps"]]
        for number, stamp in enumerate(stamps, start=1):
            out.stream(stamp, *form(self.sheet, self.sheet.stamp(number, len(stamps)), objects["resources"]))
        out.write(objects["pages"], dictionary({"Type": b"/Pages", "Kids": [ref(n) for n in self.order], "Count": len(self.order)}))
        self.structure.write(order)
        info, metadata = _metadata(out, day, run_date, t)
        out.write(objects["catalog"], dictionary({
            "Type": b"/Catalog", "Pages": ref(objects["pages"]), "Outlines": ref(_outline(out, day, records, self.order[0], t)),
            "PageMode": b"/UseOutlines", "StructTreeRoot": ref(objects["struct_root"]), "Lang": t.code,
            "MarkInfo": b"<< /Marked true >>", "ViewerPreferences": b"<< /DisplayDocTitle true >>",
            "Metadata": ref(metadata),
        }))
        return out.finish(objects["catalog"], info, self.file_id.encode())


def _assemble(
    file: Any, front: Any, day: list[Story], by_pdf: dict[str, Source], renderer: Any, run_date: date,
    previous: dict[str, Any] | None,
) -> dict[str, Any]:
    """The digest, written to `file` (which holds the previous file's bytes when `previous`):
    the front page, then every version of every story, in order; each briefing not already in
    the file is opened, written and closed in turn. Returns the new state."""
    import pikepdf

    from reports.digest.pdfout import Out
    from reports.digest.stamps import Sheet
    from reports.render import words

    t = words.labels(renderer.templates_dir, renderer.settings.language)
    out = Out(file) if previous is None else Out(file, after=previous["next"], prev=previous["startxref"])
    digest = _Digest(out, Sheet.of(renderer, t), previous)
    versions = [by_pdf[v["pdf"]] for story in day for v in story.versions]
    # Numbered before any page is written: the front page links to pages that come after it.
    numbers = {s.entry["pdf"]: s.kept["pages"] if s.kept else [out.number() for _ in range(s.pages)] for s in versions}
    front_numbers = [out.number() for _ in front.pages]
    digest.order = front_numbers + [n for s in versions for n in numbers[s.entry["pdf"]]]
    records = {"#front": digest.add(front, front_numbers, front=True)}
    front.close()
    for source in versions:
        pdf_name = source.entry["pdf"]
        if source.kept is not None:
            records[pdf_name] = source.kept
            continue
        with pikepdf.open(source.path) as pdf:
            records[pdf_name] = digest.add(pdf, numbers[pdf_name])
        records[pdf_name].update(file=source.file, outline=_sections(out, source.sections, numbers[pdf_name]))
    order = [records["#front"]] + [records[s.entry["pdf"]] for s in versions]
    xref = digest.finish(order, day, records, run_date, t)
    briefings = {name: record for name, record in records.items() if name != "#front"}
    return {
        "version": STATE_VERSION, "language": t.code, "objects": digest.objects, "file_id": digest.file_id, "next": out.next,
        "startxref": xref, "next_key": digest.structure.next_key, "briefings": briefings,
        "written_size": previous["written_size"] if previous else file.tell(),
    }


def _sections(out: Any, sections: list[tuple[str, int]], pages: list[int]) -> list[int]:
    """A briefing's own bookmarks (title, page index), written once as it is added, under a
    holder whose number is kept: the story's bookmark (or its version's), rewritten by each
    build. Returns [holder, first, last, count], or [holder] without bookmarks."""
    from reports.digest.pdfout import dictionary, ref

    holder = out.number()
    numbers = [out.number() for _ in sections]
    for i, ((title, index), number) in enumerate(zip(sections, numbers, strict=True)):
        entries: dict[str, Any] = {
            "Title": title, "Parent": ref(holder), "Dest": [ref(pages[min(index, len(pages) - 1)]), b"/XYZ", None, None, None],
        }
        if i:
            entries["Prev"] = ref(numbers[i - 1])
        if i + 1 < len(numbers):
            entries["Next"] = ref(numbers[i + 1])
        out.write(number, dictionary(entries))
    return [holder, numbers[0], numbers[-1], len(numbers)] if numbers else [holder]


_Item = tuple[int, str, int, list[int]]  # number, title, page's number, its children: [first, last, count] or []


def _outline(out: Any, day: list[Story], records: dict[str, dict[str, Any]], front: int, t: Any) -> int:
    """"The day's stories", then one bookmark per story with its briefings' sections beneath
    (closed: a story's sections on demand); a story of several versions has one bookmark per
    version between. Only these are written by each build: the sections' bookmarks were written
    with their briefing. Returns the outline root's number."""
    root = out.number()
    items: list[_Item] = [(out.number(), t("days_stories"), front, [])]
    for story in day:
        held = [records[version["pdf"]] for version in story.versions]
        if len(held) == 1:
            items.append((held[0]["outline"][0], story.headline, held[0]["pages"][0], held[0]["outline"][1:]))
            continue
        number = out.number()
        kids = [
            (record["outline"][0], f"{t('latest_version') if i == 0 else t('earlier_version_mark')}: {version['source'][:HEADLINE_CHARS]}",
             record["pages"][0], record["outline"][1:])
            for i, (version, record) in enumerate(zip(story.versions, held, strict=True))
        ]
        _outline_items(out, number, kids)
        items.append((number, story.headline, held[0]["pages"][0], [kids[0][0], kids[-1][0], len(kids)]))
    _outline_items(out, root, items)
    from reports.digest.pdfout import dictionary, ref

    out.write(root, dictionary({"Type": b"/Outlines", "First": ref(items[0][0]), "Last": ref(items[-1][0]), "Count": len(items)}))
    return root


def _outline_items(out: Any, parent: int, items: list[_Item]) -> None:
    from reports.digest.pdfout import dictionary, ref

    for i, (number, title, page, kids) in enumerate(items):
        entries: dict[str, Any] = {"Title": title, "Parent": ref(parent), "Dest": [ref(page), b"/XYZ", None, None, None]}
        if i:
            entries["Prev"] = ref(items[i - 1][0])
        if i + 1 < len(items):
            entries["Next"] = ref(items[i + 1][0])
        if kids:
            first, last, count = kids
            entries.update(First=ref(first), Last=ref(last), Count=-count)  # closed
        out.write(number, dictionary(entries))


def _metadata(out: Any, day: list[Story], run_date: date, t: Any) -> tuple[int, int]:
    """The info dictionary and the XMP stream: their numbers."""
    from reports.digest.pdfout import dictionary
    from reports.render import created_timestamp

    title = t("digest_title", date=run_date.isoformat())
    subject = t("digest_subject", stories=t("stories", count=len(day)))
    keywords = ", ".join(dict.fromkeys(k for s in day[:10] for k in (s.versions[0].get("keyphrases") or [])[:2]))
    stamp = created_timestamp().replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
    info, metadata = out.number(), out.number()
    out.write(info, dictionary({
        "Title": title, "Author": "reports", "Subject": subject, "Keywords": keywords,
        "Producer": "reports", "Creator": "reports digest", "CreationDate": f"D:{stamp}Z",
    }))
    out.stream(metadata, b"/Type /Metadata /Subtype /XML", _xmp(title, subject, keywords).encode())
    return info, metadata


def _xmp(title: str, subject: str, keywords: str) -> str:
    from xml.sax.saxutils import escape

    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>reports</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(subject)}</rdf:li></rdf:Alt></dc:description>
<pdf:Keywords>{escape(keywords)}</pdf:Keywords><pdf:Producer>reports</pdf:Producer>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def _write(path: Path, base: Path | None, write: Callable[[BinaryIO], dict[str, Any]], record: dict[str, Any]) -> None:
    """Write beside `path` (a temp file a killed run's successor removes): `base`'s bytes
    first when the build appends to it, then what `write` writes; then rename it over `path`
    and record its hash, length, inputs and state. A kill in between leaves a digest without a
    matching record: it is made again whole, never appended to."""
    handle, temp = tempfile.mkstemp(prefix=outputs.TEMP_PREFIX, dir=path.parent)
    digest = hashlib.sha256()
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w+b") as file:
            if base is not None:
                with base.open("rb") as old:
                    while chunk := old.read(1 << 20):
                        digest.update(chunk)
                        file.write(chunk)
            start = file.tell()
            state = write(file)
            file.flush()
            os.fsync(file.fileno())
            file.seek(start)
            while chunk := file.read(1 << 20):
                digest.update(chunk)
            length = file.tell()
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    record = {"sha256": digest.hexdigest(), "length": length, **record, "state": state}
    outputs.write_atomic(record_path(path), json.dumps(record).encode())


__all__ = ["PAGE_LINK", "build"]
