"""The day's digest: out/YYYY-MM-DD/digest.pdf, a front page of the day's stories, then every briefing.

    stories(entries, sections)   pure: the manifest's briefings grouped into stories, in the digest's order
    build(out, date)   front page (WeasyPrint) + the briefings' own pages (no second render)
    Started(out, date).add(pdf, data, title)   a run's head start: briefings copied in as written

A story is one or more briefings: an article and its updates or duplicates, as the pipeline's
MinHash marks them (`update_of`). Stories are ordered by the number of sources that carry them
(most first), then by the newest article date of their versions (newest first, undated last),
then by headline and article id, so two builds of the same day give the same order. With
`[[sections]]` in the config they are first grouped by section (the config's order, "Other" last).

The digest is made from the briefings' PDFs, never laid out again, and each build after the
first is a PDF incremental update of the file (`_Increment`): the bytes already there stay, and
what the build changed is appended (the new briefings' pages and structure, a new front page,
the page tree, the structure root, the outline, every page's number stamp). What the file holds
is recorded in the file (`_State`, a JSON stream in the catalog), so the old briefings are
never opened again. The briefings are tagged PDF/UA files, and copying pages drops their
structure trees, so `_Structure` copies each tree into the digest's own: a Document with one
Part per source file, the pages' marked-content keys (StructParents) shifted into one
ParentTree. Page numbers run through the digest: each briefing's own footer ("Page 1 of 2") is
blanked and every page draws a small form XObject, "Page i of N" as a pagination artifact,
which each build rewrites from one rendered sample of the stylesheet's footer (`_Sheet`).
"""

from __future__ import annotations

import io
import json
import os
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reports import outputs
from reports.config import RenderSettings, SectionSettings
from reports.errors import RenderError

DIGEST_NAME = "digest.pdf"
# Front-page links are written as these URLs, then turned into links to the digest's pages.
PAGE_LINK = "https://digest.invalid/page/"
SHORT_DAY = 40  # up to this many stories: two summary sentences each; more: one
LEAD_STORIES = 12  # on a longer day, the stories after these are listed one line each
LEAD_CHARS = 220
HEADLINE_CHARS = 160
STATE_KEY = "/ReportsDigest"  # in the catalog: the digest's own record of its objects (_State)
STATE_VERSION = 1
MAX_UPDATES = 40  # incremental updates before the file is written anew
MAX_GROWTH = 1.5  # or once updates have grown it to this many times its size when written whole


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
        text = " ".join((self.versions[0].get("summary") or [])[:sentences])
        return text if len(text) <= LEAD_CHARS * sentences else text[: LEAD_CHARS * sentences].rsplit(" ", 1)[0] + "…"

    def sort_key(self) -> tuple[int, str, str, str]:
        # Newest first: the ISO date's characters are inverted so one ascending sort does it all.
        inverted = "".join(chr(0x10FFFF - ord(c)) for c in self.newest) if self.newest else "\U0010ffff"
        return (-len(self.sources), inverted, self.headline.casefold(), self.versions[-1].get("id") or "")


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





def build(
    out: Path, run_date: date, templates: Path | None = None, render: RenderSettings | None = None,
    *, sections: Sequence[SectionSettings] = (), only: Sequence[str] = (), started: Started | None = None,
) -> Path | None:
    """Write the day's digest and return its path; None when nothing was briefed that day.

    `sections`: the config's [[sections]]; `only`: some of their names ("Other" for the rest),
    for a recipient's own digest, digest-<names>.pdf beside the day's (None when it is empty).
    `started`: the briefings a run already copied into this build as it wrote them."""
    from reports.render import renderer_for

    folder = outputs.day_dir(out, run_date)
    entries = [e for e in _entries(folder) if (out / e["pdf"]).is_file()]
    if only:
        entries = wanted(stories(entries, sections), only)
    if not entries:
        return None
    day = stories(entries, sections)
    renderer = renderer_for(templates, render)
    path = folder / file_name(only)
    begun = started.take(path) if started is not None else None
    previous = begun.previous if begun is not None else _State.load(path)
    try:
        data = (begun or _Build(out, path, previous)).finish(day, len(entries), renderer, run_date)
    except Exception:
        if previous is None and begun is None:
            raise
        data = _Build(out, path, None).finish(day, len(entries), renderer, run_date)  # start afresh
    outputs.write_atomic(path, data)
    return path


class Started:
    """The day's digest build begun during a run: each briefing is copied in (`add`) as the run
    writes it, while the workers brief the next ones, so the build at the end of the run
    (`build(..., started=)`) is left with the front page, the page numbers and the writing.

    Copying does not depend on the order of the stories, which only the whole day gives. Any
    failure here only loses the head start: `build` then copies those briefings itself."""

    def __init__(self, out: Path, run_date: date) -> None:
        self.out, self.path = out, outputs.day_dir(out, run_date) / DIGEST_NAME
        self._build: _Build | None = None
        self._failed = False

    def add(self, pdf: Path, data: bytes, title: str) -> None:
        """Copy in the briefing just written at `pdf` (its bytes `data`, its title)."""
        if self._failed:
            return
        try:
            from pypdf import PdfReader

            if self._build is None:
                self._build = _Build(self.out, self.path, _State.load(self.path))
            self._build.add(str(pdf.relative_to(self.out)), PdfReader(io.BytesIO(data)), title, _stamp_of(pdf))
        except Exception:  # a briefing pypdf cannot read, a full disk: build() reads them again
            self._failed, self._build = True, None

    def take(self, path: Path) -> _Build | None:
        """The build begun, once, when it is the one for `path`."""
        begun, self._build = self._build, None
        return begun if path == self.path and not self._failed else None


def stale(out: Path, run_date: date, only: Sequence[str] = ()) -> bool:
    """Is the day's digest (of these sections) missing or older than the day's manifest?"""
    folder = outputs.day_dir(out, run_date)
    manifest, digest = folder / outputs.MANIFEST_NAME, folder / file_name(only)
    if not manifest.is_file():
        return False
    return not digest.is_file() or digest.stat().st_mtime_ns < manifest.stat().st_mtime_ns


def _entries(folder: Path) -> list[dict[str, Any]]:
    try:
        manifest = json.loads((folder / outputs.MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except json.JSONDecodeError as error:
        raise RenderError(f"{folder / outputs.MANIFEST_NAME} is not valid JSON: {error}") from error
    return list(manifest.get("articles", []))


@dataclass
class _State:
    """What the digest file remembers of itself (a JSON stream in its catalog), so that the
    next build appends to it instead of copying every briefing again.

    Object numbers of the parts that stay put (page tree, structure root, Document element,
    the artifact wrappers), and per briefing: its file's size and time, its pages and their
    number stamps, its structure Parts, its ParentTree entries and its bookmarks."""

    objects: dict[str, int]
    briefings: dict[str, dict[str, Any]]
    next_key: int = 0
    front_pages: int = 1
    updates: int = 0
    dropped_pages: int = 0
    file_id: str = ""  # the first half of the trailer's /ID, the same for every update
    written_size: int = 0  # the file's size when last written whole (before that: 0)
    size: int = 0  # the file's object count (/Size), set on load
    startxref: int = 0

    @classmethod
    def load(cls, path: Path) -> _State | None:
        """The state of the digest at `path`, or None when there is none worth appending to.

        Read from the file's last cross-reference section, which every build writes with the
        catalog and the state: opening the whole file with pypdf would read every object's
        header, as costly as the rest of the update."""
        try:
            with path.open("rb") as file:
                raw, size, startxref = _read_state(file)
            raw = json.loads(raw)
            if raw.pop("version", None) != STATE_VERSION:
                return None
            state = cls(**raw)
            state.size, state.startxref = size, startxref
        except Exception:  # no digest yet, an older or unreadable one: start afresh
            return None
        live = sum(len(b["pages"]) for b in state.briefings.values())
        grown = path.stat().st_size > MAX_GROWTH * state.written_size > 0
        if state.updates >= MAX_UPDATES or state.dropped_pages > live or grown:
            return None  # the file carries too much it no longer shows: write it anew
        return state

    def dump(self) -> bytes:
        keep = ("objects", "briefings", "next_key", "front_pages", "updates", "dropped_pages", "file_id", "written_size")
        return json.dumps({"version": STATE_VERSION, **{k: getattr(self, k) for k in keep}}).encode()


def _read_state(file: Any) -> tuple[bytes, int, int]:
    """(state JSON, /Size, startxref) from the end of a digest this module wrote."""
    file.seek(0, 2)
    end = file.tell()
    file.seek(max(0, end - 2048))
    tail = file.read()
    startxref = int(re.findall(rb"startxref\s+(\d+)", tail)[-1])
    file.seek(startxref)
    section = file.read(end - startxref)
    table, _, trailer = section.partition(b"trailer")
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))
    root = int(re.search(rb"/Root (\d+) 0 R", trailer).group(1))
    offsets: dict[int, int] = {}
    for first, count, entries in re.findall(rb"(\d+) (\d+)\r?\n((?:\d{10} \d{5} [nf]\s{1,2})+)", table):
        for index, entry in enumerate(re.findall(rb"(\d{10}) \d{5} ([nf])", entries)):
            if entry[1] == b"n":
                offsets[int(first) + index] = int(entry[0])

    def body(idnum: int) -> bytes:
        file.seek(offsets[idnum])
        head = file.read(4096)
        if not head.startswith(f"{idnum} 0 obj".encode()):
            raise ValueError(f"object {idnum} is not where the xref says")
        return head

    state = int(re.search(rb"/ReportsDigest (\d+) 0 R", body(root)).group(1))
    head = body(state)
    length = int(re.search(rb"/Length (\d+)", head).group(1))
    start = head.index(b"stream", head.index(b">>")) + len(b"stream")
    start += 2 if head[start : start + 2] == b"\r\n" else 1
    file.seek(offsets[state] + start)
    return zlib.decompress(file.read(length)), size, startxref


def _stamp_of(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]


class _Increment:
    """New and replaced PDF objects, written as an incremental update of the previous file
    (PDF 1.7, 7.5.6) or as a whole new file. pypdf's own incremental mode would parse and
    hash every object of the old file; this one reads none of them.

    A pypdf PdfWriter allocates the object numbers (its list starts past the old file's
    objects), so pypdf's clone() can copy pages and structure from the briefings."""

    def __init__(self, state: _State | None) -> None:
        from pypdf import PdfWriter

        self.writer = PdfWriter()
        self.start = state.size if state else 1
        self.writer._objects = [None] * (self.start - 1)
        self.replaced: dict[int, Any] = {}

    def add(self, obj: Any) -> Any:
        return self.writer._add_object(obj)

    def ref(self, idnum: int) -> Any:
        from pypdf.generic import IndirectObject

        return IndirectObject(idnum, 0, self.writer)

    def put(self, idnum: int, obj: Any) -> Any:
        """Give object `idnum` (old or new) this value."""
        ref = self.ref(idnum)
        self.writer._objects[idnum - 1] = obj
        if idnum < self.start:
            self.replaced[idnum] = obj
        obj.indirect_reference = ref
        return ref

    def write(self, base: Path | None, prev: int, file_id: str, root: Any, info: Any) -> bytes:
        """`base`: the file this updates (None: a whole file); `prev`: its xref's offset."""
        import hashlib

        from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject, NumberObject

        buffer = io.BytesIO()
        if base is not None:
            buffer.write(base.read_bytes())
            if not buffer.getvalue().endswith(b"\n"):
                buffer.write(b"\n")
        else:
            buffer.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        objects = {i + 1: obj for i, obj in enumerate(self.writer._objects) if obj is not None and i + 1 >= self.start}
        objects.update(self.replaced)
        offsets: dict[int, int] = {}
        for idnum in sorted(objects):
            offsets[idnum] = buffer.tell()
            buffer.write(f"{idnum} 0 obj\n".encode())
            objects[idnum].write_to_stream(buffer)
            buffer.write(b"\nendobj\n")
        xref = buffer.tell()
        buffer.write(b"xref\n")
        # Object 0's free entry opens every section, an update's too: readers (pypdf) take a
        # first subsection not starting at 0 for a broken table and check every object.
        numbers = [0, *sorted(offsets)]
        run: list[int] = []
        for idnum in [*numbers, -1]:
            if run and idnum != run[-1] + 1:
                buffer.write(f"{run[0]} {len(run)}\n".encode())
                for n in run:
                    buffer.write(b"0000000000 65535 f\r\n" if n == 0 else f"{offsets[n]:010d} 00000 n\r\n".encode())
                run = []
            run.append(idnum)
        first = bytes.fromhex(file_id)
        trailer = DictionaryObject({
            NameObject("/Size"): NumberObject(len(self.writer._objects) + 1), NameObject("/Root"): root,
            NameObject("/Info"): info,
            NameObject("/ID"): ArrayObject([ByteStringObject(first), ByteStringObject(hashlib.md5(buffer.getvalue()[-4096:]).digest())]),
        })
        if base is not None:
            trailer[NameObject("/Prev")] = NumberObject(prev)
        buffer.write(b"trailer\n")
        trailer.write_to_stream(buffer)
        buffer.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
        return buffer.getvalue()


class _Build:
    """One build of a digest file: the previous file's state plus the briefings copied so far
    (`add`, in any order), then the rest and the parts that depend on the day's order
    (`finish`): the previous file plus what changed, or a whole new file."""

    def __init__(self, out: Path, path: Path, previous: _State | None) -> None:
        from pypdf.generic import DictionaryObject, StreamObject

        self.out, self.path, self.previous = out, path, previous
        self.inc = inc = _Increment(previous)
        if previous is None:
            state = _State(objects={}, briefings={}, file_id=os.urandom(16).hex())
            for key in ("pages", "struct_root", "document"):
                state.objects[key] = inc.add(DictionaryObject()).idnum
            for key, data in (("before", b"q\n"), ("after", b"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q /DigestPage Do Q EMC\n")):
                stream = StreamObject()
                stream.set_data(data)
                state.objects[key] = inc.add(stream).idnum
        else:
            state = previous
            if state.updates == 0:  # the file was written whole: the measure of its growth
                state.written_size = path.stat().st_size
            state.updates += 1
        self.state = state
        self.pages_ref = inc.ref(state.objects["pages"])
        document_ref = inc.put(state.objects["document"], DictionaryObject())  # made by finish(); clone() looks it up
        self.structure = _Structure(inc, document_ref, self.pages_ref, state)

    def add(self, pdf: str, reader: Any, title: str, stamp: list[int]) -> None:
        """Copy in one briefing (`pdf` relative to the output folder), replacing an older copy."""
        old = self.state.briefings.pop(pdf, None)
        if old is not None:
            self.state.dropped_pages += len(old["pages"])
        record = self.structure.add(reader, strip_footer=True)
        record["file"] = stamp
        record["sections"] = _sections(reader, " ".join(str(title).split()))
        self.state.briefings[pdf] = record

    def finish(self, day: list[Story], articles: int, renderer: Any, run_date: date) -> bytes:
        from pypdf import PdfReader
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

        out, path, previous, inc, state, structure = self.out, self.path, self.previous, self.inc, self.state, self.structure
        pages_ref = self.pages_ref
        wanted = {v["pdf"]: _stamp_of(out / v["pdf"]) for s in day for v in s.versions}
        for pdf in list(state.briefings):
            if pdf != FRONT and state.briefings[pdf]["file"] != wanted.get(pdf):  # gone from the digest, or made again
                state.dropped_pages += len(state.briefings.pop(pdf)["pages"])
        for story in day:
            for version in story.versions:
                if version["pdf"] not in state.briefings:
                    self.add(version["pdf"], PdfReader(out / version["pdf"]), version["title"], wanted[version["pdf"]])
        # The front page lists page numbers, which depend on its own length: usually last time's.
        front_pages = state.front_pages
        for _ in range(4):
            total = _number(day, state.briefings, first_page=front_pages + 1)
            front, pages = renderer.document(
                "digest.html", run_date=run_date, stories=day, total_pages=total,
                articles=articles, short_day=len(day) <= SHORT_DAY, page_link=PAGE_LINK,
                top=day if len(day) <= SHORT_DAY else day[:LEAD_STORIES],
                more=[] if len(day) <= SHORT_DAY else day[LEAD_STORIES:],
                entries=_old_entries(day), sections=_sectioned(day),
            )
            if pages == front_pages:
                break
            front_pages = pages
        old_front = state.briefings.pop(FRONT, None)
        if old_front:
            state.dropped_pages += len(old_front["pages"])
        front_record = structure.add(PdfReader(io.BytesIO(front)), strip_footer=False)
        state.front_pages = len(front_record["pages"])
        order = [front_record] + [state.briefings[v["pdf"]] for s in day for v in s.versions]
        page_ids = [p for record in order for p in record["pages"]]
        total = len(page_ids)
        _link_front(inc, front_record["pages"], page_ids)
        state.briefings[FRONT] = front_record
        # The page tree, the structure tree and the number stamps, for the new order.
        inc.put(state.objects["pages"], DictionaryObject({
            NameObject("/Type"): NameObject("/Pages"), NameObject("/Count"): NumberObject(total),
            NameObject("/Kids"): ArrayObject(inc.ref(p) for p in page_ids),
        }))
        structure.finish(order)
        _stamps(inc, renderer, order, total)
        catalog = DictionaryObject({
            NameObject("/Type"): NameObject("/Catalog"), NameObject("/Pages"): pages_ref,
            NameObject("/Outlines"): _outline(inc, day, state.briefings, page_ids),
            NameObject("/PageMode"): NameObject("/UseOutlines"),
        })
        info = _metadata(inc, catalog, day, run_date)
        catalog[NameObject("/StructTreeRoot")] = inc.ref(state.objects["struct_root"])
        state_stream = StreamObject()
        state_stream.set_data(zlib.compress(state.dump(), 6))
        state_stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        catalog[NameObject(STATE_KEY)] = inc.add(state_stream)
        base = path if previous is not None else None
        return inc.write(base, previous.startxref if previous else 0, state.file_id, inc.add(catalog), info)


FRONT = "#front"  # the front page's record among the briefings'


def _number(day: list[Story], records: dict[str, dict[str, Any]], first_page: int) -> int:
    """Set each story's version pages; return the digest's page count."""
    page = first_page
    for story in day:
        story.pages = []
        for version in story.versions:
            story.pages.append(page)
            page += len(records[version["pdf"]]["pages"])
    return page - 1


def _sectioned(day: list[Story]) -> list[tuple[str, list[Story], list[Story]]]:
    """The front page's groups: (section, its lead stories, its one-line stories), in the config's
    order with "Other" last; one unnamed group when no section is named. On a short day every
    story is a lead story; on a long one, the first few of each group."""
    groups: dict[str, list[Story]] = {}
    for story in day:
        groups.setdefault(story.section, []).append(story)
    leads = len(day) if len(day) <= SHORT_DAY else max(3, LEAD_STORIES // len(groups))
    named = [(name, found[:leads], found[leads:]) for name, found in groups.items() if name]
    rest = groups.get("", [])
    return named + ([("Other" if named else "", rest[:leads], rest[leads:])] if rest else [])


def _old_entries(day: list[Story]) -> list[dict[str, Any]]:
    """The context of the digest.html that `reports init` copied before stories: one per story."""
    return [
        {
            "title": s.headline, "source": "; ".join(s.sources), "date": s.newest or None, "lead": s.lead(1),
            "page": s.page, "words": sum(v.get("readability", {}).get("words", 0) for v in s.versions),
            "quotes": sum(v.get("quotes", {}).get("stats", {}).get("count", 0) for v in s.versions),
        }
        for s in day
    ]


class _Structure:
    """The digest's structure tree, made of copies of each source's tree.

    Each source's StructTreeRoot is mapped to the digest's Document element before its
    elements are cloned, so their parent links and page references land on the copies; the
    pages' marked-content keys (StructParents) are shifted into the digest's one ParentTree."""

    def __init__(self, inc: _Increment, document_ref: Any, pages_ref: Any, state: _State) -> None:
        self.inc, self.document_ref, self.pages_ref, self.state = inc, document_ref, pages_ref, state
        self.role_map: dict[str, Any] = {}

    def add(self, reader: Any, *, strip_footer: bool) -> dict[str, Any]:
        """Copy a PDF's pages and structure tree; return its record (object numbers, keys)."""
        from pypdf.generic import NameObject, NullObject, NumberObject

        writer, record = self.inc.writer, {"pages": [], "stamps": [], "parts": [], "keys": []}
        copied = []
        for page in reader.pages:
            new = page.clone(writer, False, ["/Parent", "/StructParents"]).get_object()
            new[NameObject("/Parent")] = self.pages_ref
            if strip_footer:
                _blank_footer(writer, new)
            record["pages"].append(new.indirect_reference.idnum)
            record["stamps"].append(self.inc.add(NullObject()).idnum)  # its number stamp, made last
            _hook_stamp(self.inc, new, self.state, record["stamps"][-1])
            copied.append((page, new))
        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            return record  # an untagged source: its pages are kept, without structure
        # Private but documented in pypdf's clone(): the map of copied objects per source.
        translated = writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
        translated[tree.indirect_reference.idnum] = self.document_ref.idnum
        tree = tree.get_object()
        kids = tree.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in kids:
            element = kid.clone(writer).get_object()
            if element.get("/S") == "/Document":
                element[NameObject("/S")] = NameObject("/Part")
            record["parts"].append(element.indirect_reference.idnum)
        offset, top = self.state.next_key, -1
        for key, value in _number_tree(tree.get("/ParentTree")):
            clone = value.clone(writer)
            ref = clone if hasattr(clone, "idnum") else self.inc.add(clone)
            record["keys"].append([key + offset, ref.idnum])
            top = max(top, key)
        for original, new in copied:
            if "/StructParents" in original:
                new[NameObject("/StructParents")] = NumberObject(original["/StructParents"] + offset)
            for annot in new.get("/Annots") or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(annot["/StructParent"] + offset)
        self.state.next_key = offset + top + 1
        for name, role in (tree.get("/RoleMap") or {}).items():
            if isinstance(role, str):
                self.state.objects.setdefault("roles", {}).setdefault(str(name), str(role))
        return record

    def finish(self, order: list[dict[str, Any]]) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

        inc, objects = self.inc, self.state.objects
        nums = ArrayObject()
        for key, idnum in sorted(k for record in order for k in record["keys"]):
            nums.extend([NumberObject(key), inc.ref(idnum)])
        root = DictionaryObject({
            NameObject("/Type"): NameObject("/StructTreeRoot"), NameObject("/K"): self.document_ref,
            NameObject("/ParentTree"): inc.add(DictionaryObject({NameObject("/Nums"): nums})),
            NameObject("/ParentTreeNextKey"): NumberObject(self.state.next_key),
        })
        if objects.get("roles"):
            root[NameObject("/RoleMap")] = DictionaryObject(
                {NameObject(k): NameObject(v) for k, v in objects["roles"].items()}
            )
        inc.put(objects["struct_root"], root)
        inc.put(objects["document"], DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): inc.ref(objects["struct_root"]),
            NameObject("/K"): ArrayObject(inc.ref(p) for record in order for p in record["parts"]),
        }))


def _number_tree(node: Any) -> Iterable[tuple[int, Any]]:
    if node is None:
        return
    node = node.get_object()
    nums = node.get("/Nums") or []
    for i in range(0, len(nums) - 1, 2):
        yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids") or []:
        yield from _number_tree(kid)


_SPAN = re.compile(rb"/Span\s*<<\s*/MCID\s+\d+\s*>>\s*BDC(.*?)EMC", re.S)
_TM_Y = re.compile(rb"1 0 0 -1 [\d.]+ ([\d.]+) Tm")
_TJ = re.compile(rb"\[(?:[^\]\\]|\\.)*\]\s*TJ")


def _blank_footer(writer: Any, page: Any) -> None:
    """Blank the briefing's own page number: the last text drawn on the page (WeasyPrint draws
    the page-margin boxes last), when it is also the lowest text and sits in the bottom tenth."""
    contents = page.get_contents()
    if contents is None:
        return
    data = contents.get_data()
    spans = list(_SPAN.finditer(data))
    if not spans:
        return
    last = spans[-1]
    heights = [float(y) for y in _TM_Y.findall(data)]
    mine = [float(y) for y in _TM_Y.findall(last.group(1))]
    height_px = float(page.mediabox.height) / 0.75  # WeasyPrint draws in CSS px, flipped
    if not mine or max(mine) < max(heights) or max(mine) < 0.9 * height_px:
        return
    blanked = _TJ.sub(b"[] TJ", last.group(1))
    _set_contents(writer, page, data[: last.start(1)] + blanked + data[last.end(1) :])


def _set_contents(writer: Any, page: Any, data: bytes) -> None:
    from pypdf.generic import NameObject, StreamObject

    stream = StreamObject()
    stream.set_data(zlib.compress(data, 6))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)


def _hook_stamp(inc: _Increment, page: Any, state: _State, stamp: int) -> None:
    """Make the page draw its number stamp (object `stamp`, rewritten by each build) last,
    as a pagination artifact, between two streams shared by every page."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[NameObject("/DigestPage")] = inc.ref(stamp)
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    contents = page["/Contents"]
    old = list(contents.get_object()) if isinstance(contents.get_object(), list) else [contents]
    page[NameObject("/Contents")] = ArrayObject(
        [inc.ref(state.objects["before"]), *old, inc.ref(state.objects["after"])]
    )


SHEET_TEXT = "Page 0123456789 of"


@dataclass
class _Sheet:
    """The stylesheet's page-number footer, rendered once with every glyph a number needs;
    "Page i of N" for any page is this page's content with another glyph run, centred where
    the sample was. Rewriting N small streams is what a new page count costs, not a render."""

    reader: Any
    data: bytes
    span: tuple[int, int]
    font: str
    size: str
    y: str
    centre: float
    glyphs: dict[str, str]
    widths: dict[int, float]
    default_width: float

    @classmethod
    def of(cls, renderer: Any) -> _Sheet:
        cached = _SHEETS.get(id(renderer))
        if cached is not None and cached[0] is renderer:
            return cached[1]
        from pypdf import PdfReader

        style = (
            "@page { @top-left { content: none !important; } @top-right { content: none !important; }"
            f' @bottom-center {{ content: "{SHEET_TEXT}" !important; }} }}'
        )
        data, _ = renderer.plain(f'<!DOCTYPE html><html lang="en"><style>{style}</style><body><div></div></body></html>')
        reader = PdfReader(io.BytesIO(data))
        page = reader.pages[0]
        content = page.get_contents().get_data()
        found = re.search(rb"1 0 0 -1 ([\d.]+) ([\d.]+) Tm\s*(/\S+) ([\d.]+) Tf\s*(\[.*?\])\s*TJ", content, re.S)
        if found is None:
            raise RenderError("the stylesheet's page-number footer could not be read")
        hexes = b"".join(re.findall(rb"<([0-9a-fA-F]+)>", found.group(5))).decode()
        codes = [hexes[i : i + 4] for i in range(0, len(hexes), 4)]
        if len(codes) != len(SHEET_TEXT):
            raise RenderError("the stylesheet's page-number font joins glyphs; the digest cannot number its pages")
        font = page["/Resources"]["/Font"][found.group(3).decode()].get_object()
        cid = font["/DescendantFonts"][0].get_object()
        widths = _cid_widths(cid.get("/W") or [])
        sheet = cls(
            reader=reader, data=content, span=found.span(), font=found.group(3).decode(), size=found.group(4).decode(),
            y=found.group(2).decode(), centre=0.0, glyphs=dict(zip(SHEET_TEXT, codes, strict=True)), widths=widths,
            default_width=float(cid.get("/DW", 1000)),
        )
        sheet.centre = float(found.group(1)) + sheet.width(SHEET_TEXT) / 2
        _SHEETS.clear()
        _SHEETS[id(renderer)] = (renderer, sheet)
        return sheet

    def width(self, text: str) -> float:
        return sum(self.widths.get(int(self.glyphs[c], 16), self.default_width) for c in text) * float(self.size) / 1000

    def content(self, text: str) -> bytes:
        run = "".join(self.glyphs[c] for c in text)
        x = self.centre - self.width(text) / 2
        middle = f"1 0 0 -1 {x:.3f} {self.y} Tm\n{self.font} {self.size} Tf\n[<{run}>] TJ".encode()
        return self.data[: self.span[0]] + middle + self.data[self.span[1] :]


_SHEETS: dict[int, tuple[Any, _Sheet]] = {}


def _cid_widths(w: list[Any]) -> dict[int, float]:
    """A CIDFont's /W array: `c [w1 w2 ...]` and `c_first c_last w` runs."""
    widths: dict[int, float] = {}
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], list):
            for offset, value in enumerate(w[i + 1]):
                widths[first + offset] = float(value)
            i += 2
        else:
            for code in range(first, int(w[i + 1]) + 1):
                widths[code] = float(w[i + 2])
            i += 3
    return widths


def _stamps(inc: _Increment, renderer: Any, order: list[dict[str, Any]], total: int) -> None:
    """Every page's "Page i of N" stamp, for the digest's current order and length."""
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    sheet = _Sheet.of(renderer)
    page = sheet.reader.pages[0]
    resources = inc.add(page["/Resources"].clone(inc.writer))
    box = ArrayObject(page.mediabox)
    stamps = (stamp for record in order for stamp in record["stamps"])
    for number, stamp in enumerate(stamps, start=1):
        form = StreamObject()
        form.set_data(zlib.compress(sheet.content(f"Page {number} of {total}"), 6))
        form.update({
            NameObject("/Filter"): NameObject("/FlateDecode"),
            NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): box, NameObject("/Resources"): resources,
        })
        inc.put(stamp, form)


def _link_front(inc: _Increment, front: list[int], page_ids: list[int]) -> None:
    """The front page's placeholder URLs become links to the digest's pages."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject

    for idnum in front:
        for annot in inc.writer._objects[idnum - 1].get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_LINK):
                continue
            target = int(uri.removeprefix(PAGE_LINK)) - 1
            if not 0 <= target < len(page_ids):
                continue
            destination = ArrayObject([inc.ref(page_ids[target]), NameObject("/XYZ"), NullObject(), NullObject(), NullObject()])
            annot[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): destination})


_Item = tuple[str, int, list[Any]]  # title, page index, children


def _outline(inc: _Increment, day: list[Story], records: dict[str, dict[str, Any]], page_ids: list[int]) -> Any:
    """"The day's stories", then one bookmark per story with its briefings' sections beneath."""
    from pypdf.generic import DictionaryObject, NameObject, NumberObject

    items: list[_Item] = [("The day's stories", 0, [])]
    for story in day:
        kids: list[_Item] = []
        for number, (version, start) in enumerate(zip(story.versions, story.pages, strict=True)):
            sections: list[_Item] = [(title, start - 1 + page, []) for title, page in records[version["pdf"]]["sections"]]
            if len(story.versions) > 1:
                label = "Latest version" if number == 0 else "Earlier version"
                kids.append((f"{label}: {version['source'][:HEADLINE_CHARS]}", start - 1, sections))
            else:
                kids.extend(sections)
        items.append((story.headline, story.pages[0] - 1, kids))
    root = DictionaryObject({NameObject("/Type"): NameObject("/Outlines"), NameObject("/Count"): NumberObject(len(items))})
    _outline_items(inc, root, inc.add(root), items, page_ids)
    return root.indirect_reference


def _outline_items(inc: _Increment, parent: Any, parent_ref: Any, items: list[_Item], page_ids: list[int]) -> None:
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject, NumberObject, TextStringObject

    made = []
    for title, index, kids in items:
        item = DictionaryObject({
            NameObject("/Title"): TextStringObject(title), NameObject("/Parent"): parent_ref,
            NameObject("/Dest"): ArrayObject([inc.ref(page_ids[min(index, len(page_ids) - 1)]), NameObject("/XYZ"), NullObject(), NullObject(), NullObject()]),
        })
        ref = inc.add(item)
        if kids:
            _outline_items(inc, item, ref, kids, page_ids)
            item[NameObject("/Count")] = NumberObject(-len(kids))  # closed: a story's sections on demand
        made.append((ref, item))
    for i, (_, item) in enumerate(made):
        if i:
            item[NameObject("/Prev")] = made[i - 1][0]
        if i + 1 < len(made):
            item[NameObject("/Next")] = made[i + 1][0]
    parent[NameObject("/First")] = made[0][0]
    parent[NameObject("/Last")] = made[-1][0]


def _sections(reader: Any, headline: str) -> list[tuple[str, int]]:
    """The briefing's bookmarks, flattened, without the one for its headline."""
    found: list[tuple[str, int]] = []

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            elif " ".join(item.title.split())[:40] != headline[:40]:  # the headline, maybe cut
                found.append((item.title, reader.get_destination_page_number(item)))

    walk(reader.outline)
    return found


def _metadata(inc: _Increment, catalog: Any, day: list[Story], run_date: date) -> Any:
    """The info dictionary (returned) and the catalog's language, tags flag and XMP."""
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, StreamObject, TextStringObject

    from reports.render import created_timestamp

    title = f"Briefings, {run_date.isoformat()}"
    subject = f"The day's digest: {len(day)} stor{'y' if len(day) == 1 else 'ies'}"
    keywords = ", ".join(dict.fromkeys(k for s in day[:10] for k in (s.versions[0].get("keyphrases") or [])[:2]))
    stamp = created_timestamp().replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
    info = DictionaryObject({
        NameObject(k): TextStringObject(v) for k, v in {
            "/Title": title, "/Author": "reports", "/Subject": subject, "/Keywords": keywords,
            "/Producer": "reports", "/Creator": "reports digest", "/CreationDate": f"D:{stamp}Z",
        }.items()
    })
    catalog[NameObject("/Lang")] = TextStringObject("en")
    catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    xmp = StreamObject()
    xmp.set_data(_xmp(title, subject, keywords).encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    catalog[NameObject("/Metadata")] = inc.add(xmp)
    return inc.add(info)


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
