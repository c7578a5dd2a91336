"""build(out, date): the day's digest.pdf written whole, with qpdf (pikepdf), from the briefings.

The briefings are opened one by one (a briefing qpdf cannot read, or has to repair, is left out
and named on the front page), their own page numbers blanked; the front page is rendered with
the stories' page numbers; then the pages are copied in digest order (front page first), each
source's structure tree under the digest's Document, the front page's links pointed at pages,
every page stamped "Page i of N", one bookmark per story, and the file saved beside its path and
renamed over it. What was written is recorded (`record`) so that the next check can tell a
digest that is up to date from one that is stale or damaged.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reports import outputs
from reports.config import RenderSettings, SectionSettings
from reports.digest.stories import (
    DIGEST_NAME, HEADLINE_CHARS, LEAD_STORIES, SHORT_DAY, Story, file_name, number, old_entries, sectioned, stories,
    wanted,
)
from reports.errors import RenderError

# Front-page links are written as these URLs, then turned into links to the digest's pages.
PAGE_LINK = "https://digest.invalid/page/"


@dataclass
class Source:
    """One briefing opened for copying: its manifest entry, its pages (pikepdf) and bookmarks."""

    entry: dict[str, Any]
    pdf: Any
    sections: list[tuple[str, int]] = field(default_factory=list)


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
    entries = _wanted_entries(out, folder, sections, only)
    if not entries:
        return None
    path = folder / file_name(only)
    key = inputs_key(out, entries, sections, only)
    sources, left_out = [], []
    for entry in entries:
        opened = _open(out / entry["pdf"], entry)
        if isinstance(opened, str):
            left_out.append({"title": entry.get("title") or entry["pdf"], "pdf": entry["pdf"], "reason": opened})
            if notes is not None:
                notes.append(f"{entry['pdf']}: {opened}; left out of {path.name}")
        else:
            sources.append(opened)
    if not sources:
        return None
    by_pdf = {source.entry["pdf"]: source for source in sources}
    day = stories([source.entry for source in sources], sections)
    renderer = renderer_for(templates, render)
    guess = _recorded(path).get("front_pages", 1)  # the last build's: each wrong guess costs a render
    front = _front(renderer, day, {pdf: len(s.pdf.pages) for pdf, s in by_pdf.items()}, run_date, len(entries), left_out, guess)
    _write(path, _assemble(front, day, by_pdf, renderer, run_date), {"inputs": key, "front_pages": len(front.pages)})
    return path


def _wanted_entries(out: Path, folder: Path, sections: Sequence[SectionSettings], only: Sequence[str]) -> list[dict[str, Any]]:
    entries = [e for e in _entries(folder) if (out / e["pdf"]).is_file()]
    return wanted(stories(entries, sections), only) if only and entries else entries


def _entries(folder: Path) -> list[dict[str, Any]]:
    try:
        manifest = json.loads((folder / outputs.MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except json.JSONDecodeError as error:
        raise RenderError(f"{folder / outputs.MANIFEST_NAME} is not valid JSON: {error}") from error
    return list(manifest.get("articles", []))


def _open(path: Path, entry: dict[str, Any]) -> Source | str:
    """The briefing at `path`, its own footer blanked; or why it cannot go in. qpdf repairs
    what it can, but a briefing it had to repair is damaged: its pages may be missing or blank."""
    import pikepdf

    from reports.digest.stamps import blank_footer

    try:
        pdf = pikepdf.open(path)
        pages = list(pdf.pages)
        for page in pages:
            blank_footer(pdf, page)  # which decodes every content stream
        if pdf.get_warnings():
            return f"damaged ({pdf.get_warnings()[0]})"
        if not pages:
            return "damaged (no pages)"
        return Source(entry, pdf, _bookmarks(pdf, " ".join(str(entry.get("title") or "").split())))
    except (pikepdf.PdfError, OSError, ValueError, KeyError, IndexError) as error:
        return f"cannot be read ({type(error).__name__}: {str(error)[:200]})"


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
            entries=old_entries(day), sections=sectioned(day), left_out=left_out,
        )
        if count == front_pages:
            break
        front_pages = count
    return pikepdf.open(io.BytesIO(data))


def _assemble(front: Any, day: list[Story], by_pdf: dict[str, Source], renderer: Any, run_date: date) -> Any:
    """The digest (pikepdf): front page, then every version of every story, in order."""
    import pikepdf

    from reports.digest.stamps import Sheet, Stamper
    from reports.digest.structure import Structure

    pdf = pikepdf.new()
    structure = Structure(pdf)
    front_count = _copy_pages(pdf, front, structure)
    for story in day:
        for version in story.versions:
            _copy_pages(pdf, by_pdf[version["pdf"]].pdf, structure)
    _link_front(pdf, front_count)
    stamper = Stamper(pdf, Sheet.of(renderer))
    total = len(pdf.pages)
    for number_, page in enumerate(pdf.pages, start=1):
        stamper.stamp(page, number_, total)
    pdf.Root.StructTreeRoot = structure.finish()
    _outline(pdf, day, by_pdf)
    _metadata(pdf, day, run_date)
    return pdf


def _copy_pages(pdf: Any, source: Any, structure: Any) -> int:
    start = len(pdf.pages)
    pdf.pages.extend(source.pages)
    structure.add(source, list(pdf.pages)[start:])
    return len(pdf.pages) - start


def _link_front(pdf: Any, front_count: int) -> None:
    """The front page's placeholder URLs become links to the digest's pages."""
    import pikepdf

    pages = pdf.pages
    for page in list(pages)[:front_count]:
        for annot in page.obj.get("/Annots", []):
            action = annot.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(PAGE_LINK):
                continue
            target = int(uri.removeprefix(PAGE_LINK)) - 1
            if 0 <= target < len(pages):
                annot.A = pikepdf.Dictionary(
                    S=pikepdf.Name.GoTo, D=pikepdf.Array([pages[target].obj, pikepdf.Name.XYZ, None, None, None])
                )


def _outline(pdf: Any, day: list[Story], by_pdf: dict[str, Source]) -> None:
    """"The day's stories", then one bookmark per story with its briefings' sections beneath
    (closed: a story's sections on demand)."""
    from pikepdf import Name, OutlineItem

    items = [OutlineItem("The day's stories", 0)]
    for story in day:
        item = OutlineItem(story.headline, story.pages[0] - 1)
        for position, (version, start) in enumerate(zip(story.versions, story.pages, strict=True)):
            marks = [OutlineItem(title, start - 1 + page) for title, page in by_pdf[version["pdf"]].sections]
            if len(story.versions) > 1:
                label = "Latest version" if position == 0 else "Earlier version"
                kid = OutlineItem(f"{label}: {version['source'][:HEADLINE_CHARS]}", start - 1)
                kid.children.extend(marks)
                kid.is_closed = True
                item.children.append(kid)
            else:
                item.children.extend(marks)
        item.is_closed = True
        items.append(item)
    with pdf.open_outline() as outline:
        outline.root.extend(items)
    pdf.Root.PageMode = Name.UseOutlines


def _metadata(pdf: Any, day: list[Story], run_date: date) -> None:
    """The info dictionary, the catalog's language, tags flag and XMP."""
    import pikepdf

    from reports.render import created_timestamp

    title = f"Briefings, {run_date.isoformat()}"
    subject = f"The day's digest: {len(day)} stor{'y' if len(day) == 1 else 'ies'}"
    keywords = ", ".join(dict.fromkeys(k for s in day[:10] for k in (s.versions[0].get("keyphrases") or [])[:2]))
    stamp = created_timestamp().replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
    pdf.docinfo = pdf.make_indirect(pikepdf.Dictionary({
        "/Title": title, "/Author": "reports", "/Subject": subject, "/Keywords": keywords,
        "/Producer": "reports", "/Creator": "reports digest", "/CreationDate": f"D:{stamp}Z",
    }))
    root = pdf.Root
    root.Lang = pikepdf.String("en")
    root.MarkInfo = pikepdf.Dictionary(Marked=True)
    root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    xmp = pdf.make_stream(_xmp(title, subject, keywords).encode())
    xmp.Type, xmp.Subtype = pikepdf.Name.Metadata, pikepdf.Name.XML
    root.Metadata = xmp


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


# --- What was written, and whether it is still there ------------------------------------------


def _record_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.json")


def inputs_key(out: Path, entries: list[dict[str, Any]], sections: Sequence[SectionSettings], only: Sequence[str]) -> str:
    """What the digest is made of: the manifest entries it lists, each briefing file's size and
    time, the sections. The same key means the same digest: nothing to make again."""
    digest = hashlib.sha256(json.dumps([entries, list(only), repr(tuple(sections))], sort_keys=True, default=str).encode())
    for entry in entries:
        try:
            stat = (out / entry["pdf"]).stat()
            digest.update(f"\0{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def _recorded(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(_record_path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def _write(path: Path, pdf: Any, record: dict[str, Any]) -> None:
    """Save beside `path` (a temp file a killed run's successor removes), then rename over it;
    then record its hash, length and inputs. A kill in between leaves a digest without a
    matching record: it is made again, never trusted."""
    handle, temp = tempfile.mkstemp(prefix=outputs.TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as file:
            pdf.save(file, deterministic_id=True)
            file.flush()
            os.fsync(file.fileno())
        sha256, length = _hash(Path(temp))
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    finally:
        pdf.close()
    outputs.write_atomic(_record_path(path), json.dumps({"sha256": sha256, "length": length, **record}).encode())


def _hash(path: Path) -> tuple[str, int]:
    digest, length = hashlib.sha256(), 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
            length += len(chunk)
    return digest.hexdigest(), length


def check(out: Path, run_date: date, only: Sequence[str] = (), sections: Sequence[SectionSettings] = ()) -> str | None:
    """Why the day's digest (of these sections) must be made again, or None when it is up to
    date: "missing", "out of date" (the briefings or their manifest changed), or "damaged: ..."
    (its bytes are not those written: truncated, emptied, flipped). None also when nothing was
    briefed that day."""
    folder = outputs.day_dir(out, run_date)
    if not (folder / outputs.MANIFEST_NAME).is_file():
        return None
    path = folder / file_name(only)
    if not path.is_file():
        return "missing"
    record = _recorded(path)
    if not record:
        return "out of date"  # made before records, or killed between the rename and the record
    length = path.stat().st_size
    # Damage first: it is said even when the day has changed and the file is made again anyway.
    if length != record.get("length"):
        return f"damaged: {length} bytes where {record.get('length')} were written"
    if _hash(path)[0] != record.get("sha256"):
        return "damaged: its bytes differ from those written"
    entries = _wanted_entries(out, folder, sections, only)
    if record.get("inputs") != inputs_key(out, entries, sections, only):
        return "out of date"
    return None


def stale(out: Path, run_date: date, only: Sequence[str] = (), sections: Sequence[SectionSettings] = ()) -> bool:
    """Must the day's digest (of these sections) be made again? (`check` says why.)"""
    return check(out, run_date, only, sections) is not None


__all__ = ["DIGEST_NAME", "PAGE_LINK", "build", "check", "inputs_key", "stale"]
