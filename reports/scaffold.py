"""`reports init`: a working folder with a commented reports.toml, an inbox and the templates."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from reports.config import CONFIG_NAME
from reports.render.templates import TEMPLATE_SUFFIXES, default_templates_dir

CONFIG_TEMPLATE = """\
# reports configuration. Relative paths are relative to this file.
# Secrets never go here: email.password_env names the environment variable that holds one.

[paths]
# Drop articles here, in any of six formats: .txt, .md (or .markdown), .html (or .htm),
# .json, .jsonl (one {"id", "text", "title"?, "date"?} per line) and .eml.
inbox = "inbox"
out = "out"                # dated folders of PDFs, and the ledger
templates = "templates"    # files here override the packaged templates by name

[schedule]
# timezone = "Europe/London"   # decides "today"; unset: the machine's time zone
scan_minutes = 15
digest_at = ["07:00"]

[analysis]
sentences = 3              # summary length
language = "auto"          # articles that declare no language: "auto" detects it, or "fr", "de", ...

[render]
page_size = "A4"           # or "Letter"

[email]
enabled = false
host = "smtp.example.org"
port = 587
security = "starttls"      # "starttls" | "ssl" | "none"
username = "briefings"
password_env = "REPORTS_SMTP_PASSWORD"
sender = "Briefings <briefings@example.org>"
recipients = ["desk@example.org"]
attach = "digest"          # "digest" | "articles" | "both"
max_bytes = 20000000
# Or, instead of the recipients line above: names, and the digest of some sections only:
# recipients = ["Night Desk <desk@example.org>",
#               { address = "bob@example.org", name = "Bob Night Editor", sections = ["Ukraine"] }]

# The digest's front page groups its stories into sections, in this order; the rest is "Other".
# [[sections]]
# name = "Ukraine"
# match = { keywords = ["Ukraine", "Kyiv"], feeds = ["reuters-world"], folders = ["ukraine"] }

# [retention]
# keep_days = 30           # remove day folders older than this after each run (never the ledger)
"""


def next_steps(directory: Path) -> list[str]:
    """What to do after `reports init`, printed last so a new user knows where to go."""
    where = "" if directory.resolve() == Path.cwd().resolve() else f"cd {directory} && "
    return [
        "",
        "next steps:",
        f"  1. put articles in {directory / 'inbox'} (.txt, .md, .html, .json, .jsonl or .eml)",
        f"  2. check the set-up:  {where}reports doctor",
        f"  3. brief them:        {where}reports run",
        f"     PDFs go to {directory / 'out'}/<today>/; edit {CONFIG_NAME} and templates/ to change things",
    ]


def scaffold(directory: Path) -> Iterator[str]:
    """Create what is missing; never overwrite a file the user has. Yields what it did."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / CONFIG_NAME
    if config.exists():
        yield f"kept {config}"
    else:
        config.write_text(CONFIG_TEMPLATE, encoding="utf-8")
        yield f"wrote {config}"
    (directory / "inbox").mkdir(exist_ok=True)
    target = directory / "templates"
    target.mkdir(exist_ok=True)
    for source in sorted(default_templates_dir().iterdir()):
        if source.suffix not in TEMPLATE_SUFFIXES or not source.is_file():
            continue
        destination = target / source.name
        if destination.exists():
            yield f"kept {destination}"
        else:
            shutil.copyfile(source, destination)
            yield f"wrote {destination}"
