"""The day's digest: out/YYYY-MM-DD/digest.pdf, a front page of the day's stories, then every briefing.

    stories(entries)   pure: the manifest's briefings grouped into stories, in the digest's order
    build(out, date)   front page (WeasyPrint) + the briefings' own pages (no second render)

A story is one or more briefings: an article and its updates or duplicates, as the pipeline's
MinHash marks them (`update_of`). Stories are ordered by the number of sources that carry them
(most first), then by the newest article date of their versions (newest first, undated last),
then by headline and article id, so two builds of the same day give the same order.

Making the digest again after one more article costs one front-page render plus copying the
PDF objects of the day's briefings; nothing is laid out again. The briefings are tagged PDF/UA
files, and copying pages drops their structure trees, so `_Structure` copies each tree into the
digest's own: a Document with one Part per source file, the pages' marked-content keys
(StructParents) shifted into one ParentTree. Page numbers run through the digest: each
briefing's own footer ("Page 1 of 2") is blanked and every page is stamped "Page i of N" from a
second, untagged render of N empty pages, drawn as a pagination artifact.
"""

from __future__ import annotations

import io
import json
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reports import outputs
from reports.config import RenderSettings
from reports.errors import RenderError

DIGEST_NAME = "digest.pdf"
# Front-page links are written as these URLs, then turned into links to the digest's pages.
PAGE_LINK = "https://digest.invalid/page/"
SHORT_DAY = 40  # up to this many stories: two summary sentences each; more: one
LEAD_STORIES = 12  # on a longer day, the stories after these are listed one line each
LEAD_CHARS = 220
HEADLINE_CHARS = 160
FRONT_PAGES_KEY = "/ReportsFrontPages"  # in the digest's info dictionary


@dataclass
class Story:
    """One story of the day: its briefings (versions), newest first, and where they start."""

    versions: list[dict[str, Any]]
    pages: list[int] = field(default_factory=list)  # first page (1-based) of each version

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


def stories(entries: Iterable[dict[str, Any]]) -> list[Story]:
    """The briefings grouped into stories (an update joins the story it updates), in digest order."""
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
    return sorted(found, key=Story.sort_key)


def build(
    out: Path, run_date: date, templates: Path | None = None, render: RenderSettings | None = None
) -> Path | None:
    """Write the day's digest and return its path; None when nothing was briefed that day."""
    from pypdf import PdfReader

    from reports.render import renderer_for

    folder = outputs.day_dir(out, run_date)
    entries = [e for e in _entries(folder) if (out / e["pdf"]).is_file()]
    if not entries:
        return None
    day = stories(entries)
    readers = {e["pdf"]: PdfReader(out / e["pdf"]) for s in day for e in s.versions}
    renderer = renderer_for(templates, render)
    path = folder / DIGEST_NAME
    front_pages = _previous_front_pages(path)
    for _ in range(4):  # the front page's length decides the page numbers it lists
        total = _number(day, readers, first_page=front_pages + 1)
        front, pages = renderer.document(
            "digest.html", run_date=run_date, stories=day, total_pages=total,
            articles=len(entries), short_day=len(day) <= SHORT_DAY, page_link=PAGE_LINK,
            top=day if len(day) <= SHORT_DAY else day[:LEAD_STORIES],
            more=[] if len(day) <= SHORT_DAY else day[LEAD_STORIES:],
            entries=_old_entries(day),
        )
        if pages == front_pages:
            break
        front_pages = pages
    numbers, _ = renderer.plain(_numbers_html(total))
    data = _assemble(PdfReader(io.BytesIO(front)), day, readers, PdfReader(io.BytesIO(numbers)), run_date)
    outputs.write_atomic(path, data)
    return path


def _previous_front_pages(path: Path) -> int:
    """The last build's front-page length: usually right, which saves a second front render."""
    from pypdf import PdfReader

    try:
        return max(1, int(PdfReader(path).metadata.get(FRONT_PAGES_KEY, 1)))
    except Exception:  # no digest yet, or an unreadable one: start from one page
        return 1


def stale(out: Path, run_date: date) -> bool:
    """Is the day's digest missing or older than the day's manifest?"""
    folder = outputs.day_dir(out, run_date)
    manifest, digest = folder / outputs.MANIFEST_NAME, folder / DIGEST_NAME
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


def _number(day: list[Story], readers: dict[str, Any], first_page: int) -> int:
    """Set each story's version pages; return the digest's page count."""
    page = first_page
    for story in day:
        story.pages = []
        for version in story.versions:
            story.pages.append(page)
            page += _page_count(readers[version["pdf"]])
    return page - 1


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


def _page_count(reader: Any) -> int:
    """The page tree's count: read from the catalog, without loading every page."""
    return int(reader.trailer["/Root"]["/Pages"]["/Count"])


def _numbers_html(total: int) -> str:
    """N empty pages whose only print is the briefing stylesheet's page-number footer."""
    breaks = '<div style="break-after: page"></div>' * (total - 1)
    style = "@page { @top-left { content: none !important; } @top-right { content: none !important; } }"
    return f'<!DOCTYPE html><html lang="en"><style>{style}</style><body>{breaks}<div></div></body></html>'


def _assemble(front: Any, day: list[Story], readers: dict[str, Any], numbers: Any, run_date: date) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    structure = _Structure(writer)
    _add_pages(writer, structure, front, strip_footer=False)
    for story in day:
        for version in story.versions:
            _add_pages(writer, structure, readers[version["pdf"]], strip_footer=True)
    structure.finish()
    for index, page in enumerate(writer.pages):
        _stamp(writer, page, numbers.pages[min(index, len(numbers.pages) - 1)], index)
    _link_front(writer, len(front.pages))
    _outline(writer, front, day, readers)
    _metadata(writer, day, run_date, len(front.pages))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _add_pages(writer: Any, structure: _Structure, reader: Any, *, strip_footer: bool) -> None:
    """Copy a PDF's pages and its structure tree into the digest."""
    added = []
    for page in reader.pages:
        new = writer.add_page(page)
        if strip_footer:
            _blank_footer(writer, new)
        added.append((page, new))
    structure.add(reader, added)


class _Structure:
    """The digest's structure tree, made of copies of each source's tree.

    Each source's StructTreeRoot is mapped to the digest's Document element before its
    elements are cloned, so their parent links and page references land on the copies."""

    def __init__(self, writer: Any) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        self.writer = writer
        self.next_key = 0
        self.nums = ArrayObject()
        self.role_map = DictionaryObject()
        self.root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self.root_ref = writer._add_object(self.root)
        self.document = DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Document"),
            NameObject("/P"): self.root_ref, NameObject("/K"): ArrayObject(),
        })
        self.document_ref = writer._add_object(self.document)

    def add(self, reader: Any, pages: list[tuple[Any, Any]]) -> None:
        from pypdf.generic import NameObject, NumberObject

        tree = reader.trailer["/Root"].get("/StructTreeRoot")
        if tree is None:
            return  # an untagged source: its pages are kept, without structure
        # Private but documented in pypdf's clone(): the map of copied objects per source.
        copied = self.writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
        copied[tree.indirect_reference.idnum] = self.document_ref.idnum
        tree = tree.get_object()
        kids = tree.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in kids:
            clone = kid.clone(self.writer)
            element = clone.get_object()
            if element.get("/S") == "/Document":
                element[NameObject("/S")] = NameObject("/Part")
            self.document["/K"].append(clone)
        offset, top = self.next_key, -1
        for key, value in _number_tree(tree.get("/ParentTree")):
            self.nums.append(NumberObject(key + offset))
            self.nums.append(value.clone(self.writer))
            top = max(top, key)
        for original, new in pages:
            if "/StructParents" in original:
                new[NameObject("/StructParents")] = NumberObject(original["/StructParents"] + offset)
            for annot in new.get("/Annots") or []:
                annot = annot.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(annot["/StructParent"] + offset)
        self.next_key = offset + top + 1
        for name, role in (tree.get("/RoleMap") or {}).items():
            self.role_map.setdefault(NameObject(name), role)

    def finish(self) -> None:
        from pypdf.generic import BooleanObject, DictionaryObject, NameObject, NumberObject

        self.root[NameObject("/K")] = self.document_ref
        self.root[NameObject("/ParentTree")] = self.writer._add_object(
            DictionaryObject({NameObject("/Nums"): self.nums})
        )
        self.root[NameObject("/ParentTreeNextKey")] = NumberObject(self.next_key)
        if self.role_map:
            self.root[NameObject("/RoleMap")] = self.role_map
        catalog = self.writer._root_object
        catalog[NameObject("/StructTreeRoot")] = self.root_ref
        catalog[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})


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


def _stamp(writer: Any, page: Any, number_page: Any, index: int) -> None:
    """Draw the digest's "Page i of N" over the page, as a pagination artifact (a Form XObject)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

    form = StreamObject()
    form.set_data(number_page.get_contents().get_data())
    form.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(number_page.mediabox),
        NameObject("/Resources"): number_page["/Resources"].clone(writer),
    })
    name = NameObject(f"/DigestPage{index}")
    resources = DictionaryObject(page.get("/Resources", DictionaryObject()).get_object())
    xobjects = DictionaryObject(resources.get("/XObject", DictionaryObject()).get_object())
    xobjects[name] = writer._add_object(form)
    resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    before = StreamObject()
    before.set_data(b"q\n")
    after = StreamObject()
    after.set_data(b"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q " + name.encode() + b" Do Q EMC\n")
    contents = page["/Contents"]
    old = list(contents.get_object()) if isinstance(contents.get_object(), list) else [contents]
    page[NameObject("/Contents")] = ArrayObject([writer._add_object(before), *old, writer._add_object(after)])


def _link_front(writer: Any, front_pages: int) -> None:
    """The front page's placeholder URLs become links to the digest's pages."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NullObject

    for page in writer.pages[:front_pages]:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            action = annot.get("/A")
            uri = str(action.get_object().get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_LINK):
                continue
            target = int(uri.removeprefix(PAGE_LINK)) - 1
            if not 0 <= target < len(writer.pages):
                continue
            destination = ArrayObject([writer.pages[target].indirect_reference, NameObject("/XYZ"), NullObject(), NullObject(), NullObject()])
            annot[NameObject("/A")] = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): destination})


def _outline(writer: Any, front: Any, day: list[Story], readers: dict[str, Any]) -> None:
    """"Front page", then one bookmark per story with its briefings' sections beneath."""
    writer.add_outline_item(title="The day's stories", page_number=0)
    for story in day:
        parent = writer.add_outline_item(title=story.headline, page_number=story.pages[0] - 1)
        for number, (version, start) in enumerate(zip(story.versions, story.pages, strict=True)):
            under = parent
            if len(story.versions) > 1:
                label = "Latest version" if number == 0 else "Earlier version"
                under = writer.add_outline_item(title=f"{label}: {version['source'][:HEADLINE_CHARS]}", page_number=start - 1, parent=parent)
            for title, page in _sections(readers[version["pdf"]], " ".join(str(version["title"]).split())):
                writer.add_outline_item(title=title, page_number=start - 1 + page, parent=under)
    writer.page_mode = "/UseOutlines"


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


def _metadata(writer: Any, day: list[Story], run_date: date, front_pages: int) -> None:
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, StreamObject, TextStringObject

    from reports.render import created_timestamp

    title = f"Briefings, {run_date.isoformat()}"
    subject = f"The day's digest: {len(day)} stor{'y' if len(day) == 1 else 'ies'}"
    keywords = ", ".join(dict.fromkeys(k for s in day[:10] for k in (s.versions[0].get("keyphrases") or [])[:2]))
    stamp = created_timestamp().replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
    writer.add_metadata({
        "/Title": title, "/Author": "reports", "/Subject": subject, "/Keywords": keywords,
        "/Producer": "reports", "/Creator": "reports digest", "/CreationDate": f"D:{stamp}Z",
        FRONT_PAGES_KEY: str(front_pages),
    })
    catalog = writer._root_object
    catalog[NameObject("/Lang")] = TextStringObject("en")
    catalog[NameObject("/ViewerPreferences")] = DictionaryObject({NameObject("/DisplayDocTitle"): BooleanObject(True)})
    xmp = StreamObject()
    xmp.set_data(_xmp(title, subject, keywords).encode())
    xmp.update({NameObject("/Type"): NameObject("/Metadata"), NameObject("/Subtype"): NameObject("/XML")})
    catalog[NameObject("/Metadata")] = writer._add_object(xmp)


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
