"""The day's digest: out/YYYY-MM-DD/digest.pdf, a cover with the contents, then every briefing.

The briefings are the PDFs already in the day folder, appended page for page (no second
render), with a PDF bookmark for each; the contents give each briefing's first page. The
list of the day's briefings comes from the day's manifest.json.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

from reports import outputs
from reports.config import RenderSettings
from reports.errors import RenderError

DIGEST_NAME = "digest.pdf"


def build(
    out: Path, run_date: date, templates: Path | None = None, render: RenderSettings | None = None
) -> Path | None:
    """Write the day's digest and return its path; None when nothing was briefed that day."""
    from pypdf import PdfReader, PdfWriter

    from reports.render import renderer_for

    folder = outputs.day_dir(out, run_date)
    briefings = _briefings(out, folder)
    if not briefings:
        return None
    readers = [(entry, PdfReader(path)) for entry, path in briefings]
    renderer = renderer_for(templates, render)
    cover_pages = 1
    for _ in range(3):  # the contents' length decides the page numbers it lists
        entries = _contents(readers, first_page=cover_pages + 1)
        cover, pages = renderer.document("digest.html", run_date=run_date, entries=entries)
        if pages == cover_pages:
            break
        cover_pages = pages
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)), outline_item="Contents", import_outline=False)
    for (_, reader), listed in zip(readers, entries, strict=True):
        # One bookmark per briefing, its own headings nested under it.
        writer.append(reader, outline_item=listed["title"])
    writer.add_metadata({"/Title": f"Briefings, {run_date.isoformat()}", "/Producer": "reports"})
    buffer = io.BytesIO()
    writer.write(buffer)
    path = folder / DIGEST_NAME
    outputs.write_atomic(path, buffer.getvalue())
    return path


def _briefings(out: Path, folder: Path) -> list[tuple[dict, Path]]:
    try:
        manifest = json.loads((folder / outputs.MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except json.JSONDecodeError as error:
        raise RenderError(f"{folder / outputs.MANIFEST_NAME} is not valid JSON: {error}") from error
    found = []
    for entry in manifest.get("articles", []):
        path = out / entry["pdf"]
        if path.is_file():
            found.append((entry, path))
    return found


def _contents(readers: list, first_page: int) -> list[dict]:
    entries, page = [], first_page
    for entry, reader in readers:
        entries.append(
            {
                "title": entry["title"],
                "source": entry["source"],
                "date": entry.get("date"),
                "lead": (entry.get("summary") or [""])[0],
                "words": entry["readability"]["words"],
                "quotes": entry["quotes"]["stats"]["count"],
                "page": page,
            }
        )
        page += len(reader.pages)
    return entries
