"""Article text is untrusted: it never reads local files, reaches the network or runs code."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from tests.conftest import pdf_text, run_json

DAY = "2026-11-25"


@pytest.fixture
def http_server():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"LEAKED-OVER-HTTP")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_hostile_article_is_shown_as_text_and_fetches_nothing(project: Path, cli, http_server, tmp_path: Path):
    url, hits = http_server
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    hostile = (
        "Hostile markup in a story. It tries everything.\n\n"
        f'<img src="file:///etc/passwd"> <img src="file://{secret}"> <img src="{url}/pixel.png">\n\n'
        f'<link rel="stylesheet" href="{url}/evil.css"> <link rel="attachment" href="file://{secret}">\n\n'
        "The answer is {{ 7*7 }} and {% raw %}{{ config }}{% endraw %}. <script>alert(1)</script>\n"
    )
    (project / "seeds" / "hostile.txt").write_text(hostile)
    code, report = run_json(cli, "--date", DAY)
    assert code == 0
    pdf = next(Path(n["pdf"]) for n in report["new"] if "hostile" in n["source"])
    text = pdf_text(pdf)
    raw = pdf.read_bytes()
    assert hits == []  # nothing reached the network
    assert "TOP-SECRET-CONTENT" not in text and b"TOP-SECRET-CONTENT" not in raw
    assert "root:x:0:0" not in text and b"root:x:0" not in raw
    assert "{{ 7*7 }}" in text and "answer is 49" not in text  # template syntax is text, never evaluated (a bare "49" can be in the port)
    assert '<img src="file:///etc/passwd">' in text  # markup is shown, not interpreted
    assert "/EmbeddedFile" not in raw.decode("latin-1")


def test_the_fetcher_refuses_everything_but_template_assets(tmp_path: Path):
    from reports.render.pdf import UnsafeURL, safe_fetcher

    assets = tmp_path / "templates"
    assets.mkdir()
    (assets / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (assets / "sneaky.svg").symlink_to("/etc/passwd")
    fetcher = safe_fetcher((assets,))
    assert fetcher.fetch((assets / "logo.svg").as_uri()) is not None
    assert fetcher.fetch("data:text/plain,hello") is not None
    for url in (
        "file:///etc/passwd",
        (assets / "sneaky.svg").as_uri(),
        (assets / ".." / "templates" / ".." / "x").as_uri(),
        "http://127.0.0.1:9/x.png",
        "https://example.org/x.css",
        "ftp://example.org/x",
    ):
        with pytest.raises(UnsafeURL):
            fetcher.fetch(url)
