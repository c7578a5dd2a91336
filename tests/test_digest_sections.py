"""The digest's [[sections]] and each recipient's own digest, sent to a real aiosmtpd server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.config import from_mapping
from reports.errors import ConfigError
from tests.conftest import SHARED, SMTP_USER, attachments
from tests.engines import assert_readable

DAY = "2026-11-25"
SEED_TITLE = "French President Emmanuel Macron flies to Moscow"


def _inbox_in_folders(project: Path) -> list[dict]:
    """Three dev articles in seeds/tech/, beside the seed article (about Macron) in seeds/."""
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()]
    tech = [row for row in rows if row["id"].startswith("bbc-tech")][:3]
    (project / "seeds" / "tech").mkdir()
    for row in tech:
        (project / "seeds" / "tech" / f"{row['id']}.txt").write_text(row["title"] + "\n\n" + row["text"])
    return tech


def _config(project: Path, port: int) -> None:
    (project / "reports.toml").write_text(f"""
[email]
host = "127.0.0.1"
port = {port}
security = "none"
username = "{SMTP_USER}"
sender = "Briefings <briefings@example.org>"
attach = "digest"
timeout = 5

[[email.recipients]]
address = "Bob Night Editor <bob@example.org>"
sections = ["Tech"]

[[email.recipients]]
address = "desk@example.org"
name = "The Desk"

[[sections]]
name = "Tech"
match = {{ folders = ["tech"] }}

[[sections]]
name = "Kremlin"
match = {{ keywords = ["moscow"] }}
""")


def _front_text(path: Path) -> str:
    reader = PdfReader(path)
    first_story = reader.get_destination_page_number(reader.outline[1])
    return " ".join(" ".join(reader.pages[i].extract_text().split()) for i in range(first_story))


def test_each_recipient_gets_the_digest_of_their_sections(project: Path, cli, smtp_servers, smtp_password):
    tech = _inbox_in_folders(project)
    server = smtp_servers()
    _config(project, server.port)
    result = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["emails_sent"] == 2
    by_to = {str(message["To"]): message for message in server.inbox.messages}
    assert set(by_to) == {"Bob Night Editor <bob@example.org>", "The Desk <desk@example.org>"}
    bob, desk = attachments(by_to["Bob Night Editor <bob@example.org>"]), attachments(by_to["The Desk <desk@example.org>"])
    assert set(bob) == {"digest-tech.pdf"} and set(desk) == {"digest.pdf"}
    folder = project / "out" / DAY
    (folder / "bob.pdf").write_bytes(bob["digest-tech.pdf"])
    (folder / "desk.pdf").write_bytes(desk["digest.pdf"])
    assert_readable(folder / "bob.pdf")
    assert_readable(folder / "desk.pdf")
    bob_front, desk_front = _front_text(folder / "bob.pdf"), _front_text(folder / "desk.pdf")
    # Bob's digest: the three tech stories only; the desk's: every story, by section.
    assert all(row["title"][:30] in bob_front for row in tech) and SEED_TITLE[:30] not in bob_front
    assert len([item for item in PdfReader(folder / "bob.pdf").outline if not isinstance(item, list)]) == 1 + 3
    assert all(row["title"][:30] in desk_front for row in tech) and SEED_TITLE[:30] in desk_front
    assert desk_front.index("TECH ") < desk_front.index(tech[0]["title"][:30]) < desk_front.index("KREMLIN ")
    assert desk_front.index("KREMLIN ") < desk_front.index(SEED_TITLE[:30])
    assert "OTHER " not in desk_front  # every story is in a named section
    # Bob's message lists his headlines only.
    text = by_to["Bob Night Editor <bob@example.org>"].get_body(("plain",)).get_content()
    assert tech[0]["title"][:30] in text and SEED_TITLE not in text


def test_stories_in_no_section_are_under_other(project: Path, cli):
    _inbox_in_folders(project)
    (project / "reports.toml").write_text('[[sections]]\nname = "Tech"\nmatch = { folders = ["tech"] }\n')
    assert cli("run", "--workers", "1", "--date", DAY).exit_code == 0
    front = _front_text(project / "out" / DAY / "digest.pdf")
    assert re.search(r"TECH .*OTHER .*" + re.escape(SEED_TITLE[:30]), front)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"sections": [{"name": "Tech"}]}, "sections[1].match must name keywords, feeds or folders"),
        ({"sections": [{"name": "Tech", "match": {"words": ["x"]}}]}, "sections[1].match.words (known: keywords, feeds, folders)"),
        ({"sections": [{"name": "A", "match": {"keywords": ["a"]}}, {"name": "a", "match": {"keywords": ["b"]}}]}, "sections[2].name"),
        ({"email": {"recipients": [{"address": "bob@example.org", "sections": ["Sport"]}]}}, "email.recipients[1].sections: no section 'Sport' (known: Other)"),
        ({"email": {"recipients": [{"address": "Bob <bob@example.org>, Ann <ann@example.org>"}]}}, r"email.recipients\[1\].address"),
        ({"email": {"recipients": [{"adress": "bob@example.org"}]}}, r"email.recipients\[1\].adress \(known: address, name, sections\)"),
    ],
)
def test_bad_sections_and_recipients_are_refused_by_name(config: dict, message: str):
    with pytest.raises(ConfigError, match=message if "\\" in message else re.escape(message)):
        from_mapping(config)


def test_display_names_are_accepted_wherever_an_address_is():
    settings = from_mapping({"email": {
        "sender": "Night Desk <night@example.org>",
        "recipients": ["Bob Night Editor <bob@example.org>", "ann@example.org", {"address": "cy@example.org", "name": "Cy, Sub-editor"}],
    }})
    assert settings.email.recipients == ("Bob Night Editor <bob@example.org>", "ann@example.org", '"Cy, Sub-editor" <cy@example.org>')
