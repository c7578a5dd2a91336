"""Feeds end to end: a real HTTP server on 127.0.0.1 serves an RSS feed and its article pages."""

from __future__ import annotations

import contextlib
import json
import shutil
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reports import feeds
from reports.config import FetchSettings
from tests.conftest import DATA, SEED, pdf_text, run_json

DAY = "2026-11-25"
OTHER_STORY = (
    "<html><head><title>Council approves the new bridge</title>"
    '<meta property="article:published_time" content="2024-03-04"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/local'>Local</a></nav><article><h1>Council approves the new bridge</h1>"
    "<p>The city council approved the new river bridge on Monday after a long debate.</p>"
    "<p>“It is a good day for the city,” the mayor said. Work starts in May and should end next June.</p>"
    "</article><footer>© Example Local News</footer></body></html>"
)


@dataclass
class Resource:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str | None = None
    modified: str | None = None
    location: str | None = None


@dataclass
class Site:
    """What the server serves, and what it was asked."""

    port: int = 0
    resources: dict[str, Resource] = field(default_factory=dict)
    hits: Counter = field(default_factory=Counter)
    not_modified: Counter = field(default_factory=Counter)
    agents: set = field(default_factory=set)
    times: list = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            site.hits[self.path] += 1
            site.agents.add(self.headers.get("User-Agent"))
            site.times.append((self.path, time.monotonic()))
            resource = site.resources.get(self.path)
            if resource is None:
                self.send_error(404)
                return
            etag, since = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
            if resource.status == 200 and (
                (etag and etag == resource.etag) or (since and not etag and since == resource.modified)
            ):
                site.not_modified[self.path] += 1
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(resource.status)
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(resource.body)))
            for name, value in (("ETag", resource.etag), ("Last-Modified", resource.modified), ("Location", resource.location)):
                if value:
                    self.send_header(name, value)
            self.end_headers()
            self.wfile.write(resource.body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def rss(site: Site, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, path, pubDate) items, newest first."""
    entries = "".join(
        f"<item><title>Story {guid}</title><link>{site.url(path)}</link><guid>{guid}</guid>"
        f"<pubDate>{when}</pubDate><description>Teaser.</description></item>"
        for guid, path, when in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example news</title>'
        f"<link>{site.url('/')}</link><description>News</description>{entries}</channel></rss>"
    ).encode()


MONDAY, TUESDAY = "Mon, 07 Feb 2022 06:00:00 GMT", "Tue, 08 Feb 2022 06:00:00 GMT"


def serve_news(site: Site, *, version: str = "v1") -> None:
    site.resources["/macron.html"] = Resource((DATA / "seed_page.html").read_bytes())
    site.resources["/bridge.html"] = Resource(OTHER_STORY.encode())
    site.resources["/feed.xml"] = Resource(
        rss(site, [("bridge", "/bridge.html", MONDAY), ("macron", "/macron.html", MONDAY)]),
        content_type="application/rss+xml",
        etag=f'"{version}"',
        modified=MONDAY,
    )


def configure(project: Path, *urls: str, retry_minutes: int = 0) -> None:
    """A reports.toml with the feeds; the inbox starts empty so only feed items are briefed."""
    shutil.rmtree(project / "seeds")
    (project / "seeds").mkdir()
    tables = "".join(f'\n[[feeds]]\nurl = "{url}"\nname = "feed{n}"\n' for n, url in enumerate(urls, start=1))
    (project / "reports.toml").write_text(
        f"[fetch]\ndelay_seconds = 0\ntimeout_seconds = 5\nretry_minutes = {retry_minutes}\n{tables}"
    )


def test_a_scan_briefs_each_new_item_once_then_fetches_conditionally(project: Path, cli, site: Site):
    serve_news(site)
    configure(project, site.url("/feed.xml"))
    code, report = run_json(cli, "--date", DAY)
    assert code == 0, report
    assert sorted(n["title"] for n in report["new"]) == [
        "Council approves the new bridge",
        "Macron heads to Moscow on a risky mission to ease Ukraine tensions",
    ]
    assert site.hits == {"/feed.xml": 1, "/macron.html": 1, "/bridge.html": 1}
    assert site.agents == {FetchSettings().user_agent}
    archived = sorted(p.relative_to(project) for p in (project / "seeds" / "feeds").rglob("*.html"))
    assert len(archived) == 2 and all(p.parts[:3] == ("seeds", "feeds", "feed1") for p in archived)
    macron = next(n for n in report["new"] if "Macron" in n["title"])
    text = pdf_text(Path(macron["pdf"]))
    assert "We’re heading to Putin’s lair" in text and "Refinance" not in text

    code, again = run_json(cli, "--date", DAY)
    assert (code, again["new"], again["feed_errors"]) == (0, [], [])
    assert site.hits["/feed.xml"] == 2 and site.not_modified["/feed.xml"] == 1  # conditional GET
    assert site.hits["/macron.html"] == 1 and site.hits["/bridge.html"] == 1  # pages not fetched again


def test_a_changed_item_is_briefed_as_an_update(project: Path, cli, site: Site):
    serve_news(site)
    configure(project, site.url("/feed.xml"))
    _, first = run_json(cli, "--date", DAY)
    original = next(n for n in first["new"] if "Macron" in n["title"])
    page = (DATA / "seed_page.html").read_text(encoding="utf-8").replace(
        "</div>\n      <div class=\"share\">",
        "<p>Update: Mr Macron landed in Moscow on Monday evening and went straight into talks with Mr Putin.</p>\n"
        "      </div>\n      <div class=\"share\">",
    )
    assert "landed in Moscow" in page
    site.resources["/macron.html"] = Resource(page.encode())
    site.resources["/feed.xml"] = Resource(
        rss(site, [("macron", "/macron.html", TUESDAY), ("bridge", "/bridge.html", MONDAY)]),
        content_type="application/rss+xml", etag='"v2"', modified=TUESDAY,
    )
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1
    (update,) = report["new"]
    assert update["update_of"]["id"] == original["id"] and update["update_of"]["title"] == original["title"]
    assert site.hits["/bridge.html"] == 1 and site.hits["/macron.html"] == 2
    assert "Update of" in pdf_text(Path(update["pdf"]))
    manifest = json.loads((project / "out" / DAY / "manifest.json").read_text())
    assert sum(1 for a in manifest["articles"] if a["update_of"]) == 1


def test_a_broken_feed_is_reported_while_the_good_one_is_briefed(project: Path, cli, site: Site):
    serve_news(site)
    site.resources["/down.xml"] = Resource(b"oops", status=500)
    site.resources["/junk.xml"] = Resource(b"<html><body><p>Not a feed at all.</p></body></html>")
    configure(project, site.url("/down.xml"), site.url("/feed.xml"), site.url("/junk.xml"), retry_minutes=15)
    result = cli("run", "--json", "--workers", "1", "--date", DAY)
    report = json.loads(result.stdout)
    assert result.exit_code == 1  # partial: the run finished, some feeds failed
    assert len(report["new"]) == 2 and report["failed"] == []
    errors = {e["feed"]: e for e in report["feed_errors"]}
    assert set(errors) == {"feed1", "feed3"}
    assert "HTTP 500" in errors["feed1"]["reason"] and "not an RSS or Atom feed" in errors["feed3"]["reason"]
    assert errors["feed1"]["retry_at"] and errors["feed1"]["url"] == site.url("/down.xml")
    assert "feed failed: feed1" in result.stderr

    # Within the back-off the broken feeds are not asked again. They are listed as waiting, but
    # the run is not partial and says nothing on stderr: cron would mail every 15 minutes.
    result = cli("run", "--json", "--workers", "1", "--date", DAY)
    again = json.loads(result.stdout)
    assert result.exit_code == 0 and "feed failed" not in result.stderr
    assert {e["feed"]: e["waiting"] for e in again["feed_errors"]} == {"feed1": True, "feed3": True}
    assert site.hits["/down.xml"] == 1 and site.hits["/junk.xml"] == 1
    status = json.loads(cli("status", "--json").stdout)["failing_feeds"]
    assert [(f["url"], f["failures"]) for f in status] == [(site.url("/down.xml"), 1), (site.url("/junk.xml"), 1)]
    assert all(f["retry_at"] and f["error"] for f in status)
    assert f"feed failing: {site.url('/down.xml')}: HTTP 500" in cli("status").stdout


def test_item_links_into_the_network_are_refused_unless_on_the_feeds_own_host(project: Path, cli, site: Site):
    # The feed is on 127.0.0.1 (the user chose it); an item pointing at "localhost" is another
    # internal host, as http://127.0.0.1:6379/ or a cloud metadata address would be.
    serve_news(site)
    inside = f"http://localhost:{site.port}/macron.html"
    site.resources["/feed.xml"].body = site.resources["/feed.xml"].body.replace(
        site.url("/macron.html").encode(), inside.encode()
    )
    configure(project, site.url("/feed.xml"))
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and len(report["new"]) == 1  # the bridge story, on the feed's own host
    (error,) = report["feed_errors"]
    assert error["url"] == inside and "internal address" in error["reason"]
    assert site.hits["/macron.html"] == 0

    # Opting in, for an intranet whose feeds link across hosts.
    settings = (project / "reports.toml").read_text().replace("[fetch]\n", "[fetch]\nallow_internal_links = true\n")
    (project / "reports.toml").write_text(settings)
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1 and site.hits["/macron.html"] == 1


def test_a_charset_given_only_in_the_http_header_survives_archiving(project: Path, cli, site: Site):
    title = "Город одобрил новый мост"
    page = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        "<p>Городской совет в понедельник одобрил строительство нового моста через реку.</p>"
        "<p>Работы начнутся в мае и закончатся в июне следующего года, сказал мэр.</p></article></body></html>"
    )
    site.resources["/most.html"] = Resource(page.encode("koi8-r"), content_type="text/html; charset=KOI8-R")
    site.resources["/feed.xml"] = Resource(rss(site, [("most", "/most.html", MONDAY)]), content_type="application/rss+xml")
    configure(project, site.url("/feed.xml"))
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and [n["title"] for n in report["new"]] == [title]


def test_a_redirect_from_an_item_into_the_network_is_refused(site: Site):
    site.resources["/item"] = Resource(b"", status=302, location=f"http://localhost:{site.port}/secret")
    site.resources["/secret"] = Resource(b"internal")
    client = feeds.Client(FetchSettings(delay_seconds=0, timeout_seconds=5))
    with pytest.raises(feeds.FetchError, match="localhost is an internal address"):
        client.get(site.url("/item"), allow_internal="127.0.0.1")
    with pytest.raises(feeds.FetchError, match="internal address"):
        client.get(site.url("/secret"), allow_internal=False)
    assert site.hits["/secret"] == 0
    assert client.get(site.url("/item")).body == b"internal"  # a URL the user configured


def test_a_name_is_vetted_where_it_connects_so_a_changing_dns_answer_cannot_slip_through(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    # DNS rebinding: the name answers with a public address first and with loopback after
    # that. Checking the name and then letting urllib resolve it again would reach /secret.
    site.resources["/secret"] = Resource(b"internal")
    real_getaddrinfo = socket.getaddrinfo
    asked: list[str] = []

    def rebinding(host: str, port: object, *args: object, **kwargs: object) -> list:
        if host != "rebind.example":
            return real_getaddrinfo(host, port, *args, **kwargs)
        asked.append(host)
        address = "93.184.216.34" if len(asked) == 1 else "127.0.0.1"
        return real_getaddrinfo(address, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    client = feeds.Client(FetchSettings(delay_seconds=0, timeout_seconds=1))
    with contextlib.suppress(feeds.FetchError):  # whatever the public address does here
        client.get(f"http://rebind.example:{site.port}/secret", allow_internal=False)
    assert asked and site.hits["/secret"] == 0
    client = feeds.Client(FetchSettings(delay_seconds=0, timeout_seconds=1))  # a new run: a refused host is not tried twice in one
    with pytest.raises(feeds.FetchError, match="rebind.example is an internal address"):
        client.get(f"http://rebind.example:{site.port}/secret", allow_internal=False)
    assert site.hits["/secret"] == 0


def test_through_a_proxy_the_name_is_vetted_and_the_proxy_itself_may_be_internal(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    # The local server plays the proxy: it sees the whole URL as the request's path.
    for name in ("no_proxy", "NO_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("http_proxy", site.url(""))
    real_getaddrinfo = socket.getaddrinfo

    def public_news(host: str, port: object, *args: object, **kwargs: object) -> list:
        return real_getaddrinfo("93.184.216.34" if host == "news.example" else host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", public_news)
    client = feeds.Client(FetchSettings(delay_seconds=0, timeout_seconds=5))
    inside = f"http://localhost:{site.port}/secret"
    with pytest.raises(feeds.FetchError, match="localhost is an internal address"):
        client.get(inside, allow_internal=False)
    with pytest.raises(feeds.FetchError, match="HTTP 404"):  # asked of the proxy on 127.0.0.1
        client.get("http://news.example/story", allow_internal=False)
    assert site.hits == Counter({"http://news.example/story": 1})


def test_a_failing_feed_is_retried_and_recovers(project: Path, cli, site: Site):
    serve_news(site)
    site.resources["/feed.xml"].status = 503
    configure(project, site.url("/feed.xml"))  # retry_minutes = 0: every scan
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and report["new"] == [] and "HTTP 503" in report["feed_errors"][0]["reason"]
    site.resources["/feed.xml"].status = 200
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 2 and report["feed_errors"] == []


def test_a_failed_page_is_fetched_again_next_scan(project: Path, cli, site: Site):
    serve_news(site)
    site.resources["/bridge.html"].status = 502
    configure(project, site.url("/feed.xml"))
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and len(report["new"]) == 1
    assert report["feed_errors"][0]["url"] == site.url("/bridge.html")
    site.resources["/bridge.html"].status = 200
    code, report = run_json(cli, "--date", DAY)
    # The feed's validators were not kept, so it came back whole and the page was retried.
    assert code == 0 and [n["title"] for n in report["new"]] == ["Council approves the new bridge"]
    assert site.not_modified["/feed.xml"] == 0


def test_the_archive_makes_a_run_repeatable_offline(project: Path, cli, site: Site):
    serve_news(site)
    configure(project, site.url("/feed.xml"))
    _, first = run_json(cli, "--date", DAY)
    site.resources.clear()  # the network is gone: every request is a 404
    shutil.rmtree(project / "out")
    code, again = run_json(cli, "--date", DAY)
    assert code == 1 and again["feed_errors"]  # reported...
    assert sorted(n["title"] for n in again["new"]) == sorted(n["title"] for n in first["new"])  # ...and briefed


def test_the_seed_from_a_feed_gives_the_same_summary_as_the_text_file(project: Path, cli, site: Site):
    serve_news(site)
    configure(project, site.url("/feed.xml"))
    _, report = run_json(cli, "--date", DAY)
    result = cli("analyze", "--format", "json", str(SEED))
    from_text = json.loads(result.stdout)
    page = next((project / "seeds" / "feeds").rglob("*macron*.html"))
    from_page = json.loads(cli("analyze", "--format", "json", str(page)).stdout)
    assert from_page["summary"] == from_text["summary"]
    assert from_page["quotes"] == from_text["quotes"]


# -- the client's limits, against the same server --------------------------------------------


def test_size_cap_redirect_cap_and_schemes(site: Site):
    site.resources["/big"] = Resource(b"x" * 20_000)
    site.resources["/loop"] = Resource(b"", status=302, location="/loop2")
    site.resources["/loop2"] = Resource(b"", status=302, location="/loop")
    site.resources["/hop"] = Resource(b"", status=301, location="/ok")
    site.resources["/ok"] = Resource(b"fine")
    client = feeds.Client(FetchSettings(delay_seconds=0, max_bytes=10_000, max_redirects=3, timeout_seconds=5))
    with pytest.raises(feeds.FetchError, match="larger than 10,000 bytes"):
        client.get(site.url("/big"))
    with pytest.raises(feeds.FetchError, match="HTTP 302"):
        client.get(site.url("/loop"))
    assert site.hits["/loop"] + site.hits["/loop2"] <= 4
    assert client.get(site.url("/hop")).body == b"fine"
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/plain,hi"):
        with pytest.raises(feeds.FetchError, match="not an http"):
            client.get(url)


def test_polite_delay_between_requests_to_one_host(site: Site):
    site.resources["/a"] = Resource(b"a")
    client = feeds.Client(FetchSettings(delay_seconds=0.3, timeout_seconds=5))
    for _ in range(3):
        client.get(site.url("/a"))
    gaps = [b - a for (_, a), (_, b) in zip(site.times, site.times[1:])]
    assert len(gaps) == 2 and min(gaps) >= 0.29


def test_a_silent_server_times_out(site: Site):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    try:
        client = feeds.Client(FetchSettings(delay_seconds=0, timeout_seconds=0.5))
        start = time.monotonic()
        with pytest.raises(feeds.FetchError):
            client.get(f"http://127.0.0.1:{listener.getsockname()[1]}/feed.xml")
        assert time.monotonic() - start < 30  # 0.5 s timeout: a hang would be endless; a loaded machine is slow
    finally:
        listener.close()


# -- real captures ------------------------------------------------------------------------

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "feeds"
FEEDPARSER = sorted((CORPUS / "feedparser").glob("*.xml"))
CAPTURES = sorted((CORPUS / "captures").iterdir()) if (CORPUS / "captures").is_dir() else []


def _mojibake(text: str) -> bool:
    """UTF-8 read as a one-byte code page, or bytes that fitted no encoding."""
    if "\ufffd" in text:
        return True
    try:
        return text.encode("cp1252").decode("utf-8") != text
    except (UnicodeEncodeError, UnicodeDecodeError):
        return False


def _header(body: bytes) -> str:
    """The Content-type feedparser's test file says it is served with (in its leading comment)."""
    found = re.search(rb"Header:\s*Content-type:\s*([^\n]+)", body[:1000], re.IGNORECASE)
    return found.group(1).decode("ascii", "replace").strip() if found else "application/xml"


@pytest.mark.parametrize("path", FEEDPARSER, ids=lambda p: p.name)
def test_every_odd_feed_gives_readable_text_or_one_clear_failure(path: Path):
    body = path.read_bytes()
    try:
        entries = feeds.parse(body, _header(body), "http://127.0.0.1/feed.xml")
    except feeds.FetchError as error:
        assert str(error) and "\n" not in str(error)
        return
    for entry in entries:
        for text in (entry.get("title") or "", entry.get("summary") or ""):
            assert not _mojibake(text), (path.name, text)


def test_a_feed_with_no_declared_encoding_is_decoded_by_detection():
    text = "Правительство России объявило о новых мерах поддержки экономики и малого бизнеса в регионах страны"
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Новости</title>'
        f"<item><title>{text[:40]}</title><description>{text}</description></item></channel></rss>"
    ).encode("koi8-r")
    (entry,) = feeds.parse(body, "application/rss+xml")
    assert entry["summary"] == text


def _serve_captures(site: Site) -> list[str]:
    urls = []
    for path in CAPTURES:
        kind = "application/atom+xml" if path.suffix == ".atom" else "application/rss+xml"
        site.resources[f"/{path.name}"] = Resource(path.read_bytes(), content_type=kind)
        urls.append(site.url(f"/{path.name}"))
    return urls


def _whole_in_feed(path: Path) -> list[str]:
    """Titles of the capture's entries that carry a whole article (by the rule feeds.py uses)."""
    return [
        e.get("title") or "" for e in feeds.parse(path.read_bytes())
        if feeds._words(feeds._entry_body(e)) >= feeds._ARTICLE_WORDS
    ]


def test_real_feed_captures_with_dead_links_settle(project: Path, cli, site: Site):
    urls = _serve_captures(site)
    configure(project, *urls, retry_minutes=15)
    settings = (project / "reports.toml").read_text().replace("delay_seconds = 0", "delay_seconds = 1")
    (project / "reports.toml").write_text(settings)
    whole = sum(len(_whole_in_feed(p)) for p in CAPTURES)
    assert whole > 0
    result = cli("run", "--json", "--workers", "1", "--date", DAY)
    report = json.loads(result.stdout)
    assert "Traceback" not in result.output
    from_feed = [n for n in report["new"] if "From the feed" in pdf_text(Path(n["pdf"]))]
    assert len(from_feed) >= whole
    item_errors = [e for e in report["feed_errors"] if e["reason"].startswith("item page")]
    assert item_errors and len({e["url"] for e in item_errors}) == len(item_errors)  # each once

    before = Counter(site.hits)
    result = cli("run", "--json", "--workers", "1", "--date", DAY)
    again = json.loads(result.stdout)
    assert result.exit_code == 0 and again["new"] == [] and again["failed"] == []
    # The dead links wait out their back-off: no fetch (each costs the 1 s delay), only the feeds.
    assert [e for e in again["feed_errors"] if not e["waiting"]] == []
    assert set(site.hits - before) <= {f"/{path.name}" for path in CAPTURES}
    assert cli("run", "--date", DAY).output.strip() == ""  # quiet for cron

    status = cli("status").stdout
    assert "feed items failing:" in status and "next try after" in status
    code, data = 0, json.loads(cli("status", "--json").stdout)
    failing = {f["url"]: f for f in data["failing_items"]}
    assert failing and all(f["items_failing"] > 0 and f["last_error"] and f["next_try"] for f in failing.values())


def test_a_refusing_host_is_not_tried_again_nor_waited_for_in_one_run(site: Site):
    from tests.conftest import free_port

    slept: list[float] = []
    client = feeds.Client(FetchSettings(delay_seconds=30, timeout_seconds=2), sleep=slept.append)
    dead = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(feeds.FetchError, match="cannot reach"):
        client.get(f"{dead}/one", allow_internal=True)
    with pytest.raises(feeds.FetchError, match="not tried"):
        client.get(f"{dead}/two", allow_internal=True)
    assert slept == []


def test_a_failing_item_backs_off_doubling_is_reported_once_and_given_up_after_a_week(tmp_path: Path, site: Site):
    from datetime import UTC, datetime, timedelta

    site.resources["/feed.xml"] = Resource(rss(site, [("gone", "/gone.html", MONDAY)]), content_type="application/rss+xml")
    fetch = FetchSettings(delay_seconds=0, timeout_seconds=2, retry_minutes=10)
    feed = feeds.FeedSettings(url=site.url("/feed.xml"), name="f")
    state, start = feeds.FeedState(feed.url), datetime(2026, 1, 1, tzinfo=UTC)
    reported, waits = 0, []
    for hours in (0, 0.1, 1, 24, 72, 24 * 8):
        now = start + timedelta(hours=hours)
        (scanned,) = feeds.scan((feed,), fetch, tmp_path, {feed.url: state}, now)
        state = scanned.state
        reported += len(scanned.errors)
        record = next(iter(state.failing.values()), None)
        waits.append(record and record.retry_at and datetime.fromisoformat(record.retry_at) - now)
    assert reported == 2  # when it first failed, and when it was given up
    assert waits[0] == timedelta(minutes=10) and waits[2] == timedelta(minutes=20)  # not tried at 0.1 h
    assert site.hits["/gone.html"] == 5
    (record,) = state.failing.values()
    assert record.gave_up and any("gone" in key for key in state.seen)
