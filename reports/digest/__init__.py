"""The day's digest: out/YYYY-MM-DD/digest.pdf, a linked front page of the day's stories, then
every briefing's own pages (never laid out again), tagged and numbered through.

How it is made: `stories` groups and orders the manifest's briefings (pure, no PDF);
`writer.build` checks each briefing with qpdf (pikepdf), renders the front page, then writes a
whole new file object by object (`pdfout`): one briefing at a time is opened, its pages and
structure tree (`structure`) written out renumbered, its own page number blanked and "Page i
of N" stamped (`stamps`); the file is renamed over the old one, or appended to it (an incremental update) when the day only grew.
How it is kept (`record`): beside it, `.digest.pdf.json` records the written
file's hash and length and what it was made of; `check` compares both before anything trusts
the file, so a digest that is stale, truncated, emptied or altered is made again whole from the
briefings, and an unchanged day is never made again (its bytes, and what is mailed, stay the same).
"""

from reports.digest.stories import DIGEST_NAME, Story, file_name, section_of, stories, wanted
from reports.digest.record import check, stale
from reports.digest.writer import PAGE_LINK, build

__all__ = ["DIGEST_NAME", "PAGE_LINK", "Story", "build", "check", "file_name", "section_of", "stale", "stories", "wanted"]
