from datetime import date
from pathlib import Path

import pytest

from reports import ingest
from reports.errors import ReadError
from reports.ingest import txt
from tests.conftest import SEED


def read_one(path: Path):
    items = list(ingest.read(path))
    assert len(items) == 1
    return items[0]


def test_seed_header_caption_and_lead():
    article = read_one(SEED)
    assert article.date == date(2022, 2, 7)
    assert article.caption.startswith("Russian President Vladimir Putin shakes hands")
    assert article.credit == "Reuters/Hannibal Hanschke/File Photo"
    assert article.text.startswith("French President Emmanuel Macron flies to Moscow today")
    assert "Photo:" not in article.text
    assert article.title is None  # the seed has none: the analysis makes a headline
    assert len(article.content_hash) == 64


def test_cp1252_file_is_not_garbled(tmp_path: Path):
    path = tmp_path / "win.txt"
    path.write_bytes("date 2024-01-02\n\n“We’re ready,” said the café owner – again.\n".encode("cp1252"))
    article = read_one(path)
    assert article.text == "“We’re ready,” said the café owner – again."
    assert article.date == date(2024, 1, 2)


def test_utf8_bom_and_crlf(tmp_path: Path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffTitle: A headline\r\n\r\nFirst paragraph.\r\n\r\nSecond one.\r\n".encode("utf-8"))
    article = read_one(path)
    assert article.title == "A headline"
    assert article.text == "First paragraph.\n\nSecond one."


def test_short_first_line_is_a_title():
    article = txt.parse("Storm closes schools\n\nSchools shut today. Parents were told late.", article_id="a", source="a")
    assert article.title == "Storm closes schools"
    assert article.text.startswith("Schools shut today.")


@pytest.mark.parametrize("line", ["First pope from Latin America 'very exciting'", "Minister: “We will not back down”"])
def test_first_line_ending_in_a_quotation_mark_is_a_title(line: str):
    article = txt.parse(f"{line}\n\nThe news came on Monday. Crowds gathered.", article_id="a", source="a")
    assert article.title == line
    assert article.text.startswith("The news came on Monday.")


def test_quoted_sentence_paragraph_is_not_a_title():
    article = txt.parse("\u201cWe are ready.\u201d\n\nParents were told late.", article_id="a", source="a")
    assert article.title is None


def test_headline_from_the_lead_keeps_an_abbreviation():
    from reports.analysis import analyze

    article = txt.parse("Police said the fire began at 10:49 a.m. It spread fast.", article_id="a", source="a")
    assert analyze(article).title == "Police said the fire began at 10:49 a.m."


def test_headline_from_the_lead_leaves_its_dateline_out():
    """A story that opens with its dateline and has no title line: the headline is what the
    lead says, not where it was filed ("HONG KONG (Reuters) - Shares ..." was the title)."""
    from reports.analysis import analyze

    article = txt.parse("HONG KONG (Reuters) - Shares in Asia rose on Monday as investors bet on cuts.\n\n"
                        "Traders said the mood was calm.", article_id="a", source="a")
    assert analyze(article).title == "Shares in Asia rose on Monday as investors bet on cuts"


def test_first_sentence_paragraph_is_not_a_title():
    article = txt.parse("Schools shut today.\n\nParents were told late.", article_id="a", source="a")
    assert article.title is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x00\x01\x02binary\x00", "binary"), (b"date 2022-13-45\n\nText.", "bad date")],
)
def test_unusable_files_raise_read_error(tmp_path: Path, content: bytes, reason: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=reason):
        list(ingest.read(path))


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        '{"id": "a1", "text": "One. Two.", "title": "T", "date": "2020-05-06"}\n'
        "not json\n"
        '{"id": "a2", "text": ""}\n'
        '{"id": 7, "text": "Seven."}\n',
        encoding="utf-8",
    )
    items = list(ingest.read(path))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "Article"]
    assert items[0].id == "a1" and items[0].title == "T" and items[0].date == date(2020, 5, 6)
    assert items[3].id == "7"
    assert "batch.jsonl:2" in str(items[1]) and "not JSON" in str(items[1])
    assert "empty" in str(items[2])


def test_discover_skips_hidden_and_unknown(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden.txt").write_text("x")
    (tmp_path / "notes.docx").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.jsonl").write_text("{}")
    assert [p.name for p in ingest.discover(tmp_path)] == ["a.txt", "b.jsonl"]


def test_symlink_out_of_inbox_is_refused(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("Secret text. Do not read.")
    (inbox / "link.txt").symlink_to(secret)
    with pytest.raises(ReadError, match="outside the inbox"):
        list(ingest.read(inbox / "link.txt", inbox))


def test_a_gzipped_page_is_read_as_its_inner_suffix(tmp_path: Path):
    import gzip

    page = ("<html><head><title>Council votes on the plan</title></head><body><article><p>"
            + "The council met on Monday and voted for the new plan by nine votes to two. " * 3
            + "</p></article></body></html>")
    path = tmp_path / "council.html.gz"
    path.write_bytes(gzip.compress(page.encode()))
    assert ingest.discover(tmp_path) == [path]
    article = read_one(path)
    assert article.id == "council" and article.source.endswith("council.html.gz")
    assert "nine votes to two" in article.text


def test_a_gzip_bomb_is_refused_before_it_is_all_decompressed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import gzip

    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"A" * 5000))
    with pytest.raises(ReadError, match="decompresses to more than 1,000 bytes"):
        list(ingest.read(path))
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b not gzip at all")
    with pytest.raises(ReadError, match="not a readable gzip file"):
        list(ingest.read(tmp_path / "broken.html.gz"))


def test_scan_says_why_each_other_file_is_not_read(tmp_path: Path):
    for name in ("a.txt", "report.pdf", "notes.docx", "backup.tar.gz", "README", ".hidden.pdf"):
        (tmp_path / name).write_text("x")
    found, left = ingest.scan(tmp_path)
    assert [p.name for p in found] == ["a.txt"]
    reasons = {p.name: reason for p, reason in left}
    assert sorted(reasons) == ["README", "backup.tar.gz", "notes.docx", "report.pdf"]  # hidden: silent
    assert "PDF" in reasons["report.pdf"] and "word-processor" in reasons["notes.docx"]
    assert "compressed .tar" in reasons["backup.tar.gz"] and "no suffix" in reasons["README"]
