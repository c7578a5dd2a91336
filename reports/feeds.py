"""Fetch RSS and Atom feeds into the inbox: each new item's page is saved as an .html file.

    scan(feeds, fetch, archive, states, now) -> [FeedScan, ...]

For each `[[feeds]]` entry: a conditional GET of the feed (If-None-Match / If-Modified-Since
from the last answer), feedparser to read it, then a GET of each item not fetched before.
A page is saved under `<inbox>/feeds/<feed>/<time>-<slug>.html`, where the inbox reader
finds it like any other file; a later run over the same inbox needs no network.
An item is known by its id (or link) and its updated/published time, so a story the feed
republishes with a new time is fetched again; the pipeline then sees a near-duplicate text
and briefs it as an update.

Politeness and safety: a clear User-Agent, a time-out and size cap on every request, a
bounded number of redirects, http(s) only, and a minimum delay between two requests to the
same host. A feed is someone else's text: an item link (or a redirect from one) that resolves
to a loopback, private or link-local address is refused unless it is the feed's own host, so
a feed cannot make us fetch from other machines inside the network (fetch.allow_internal_links
opts out). The check is made on the addresses a connection actually uses, so a name whose DNS
answer changes between check and request (rebinding) gains nothing. A feed that is down or malformed becomes a FeedFailure, is retried after a
back-off, and never stops the other feeds. The state (validators, failures, items seen) is
passed in and handed back: only the pipeline keeps it, in the ledger.

Fetching uses the standard library's urllib: we need GET with headers, a redirect cap and a
streamed size cap, all of which it does, so no HTTP client dependency is added.
"""

from __future__ import annotations

import hashlib
import html
import io
import ipaddress
import os
import re
import socket
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.client import HTTPException
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from reports.config import FeedSettings, FetchSettings
from reports.models import FeedFailure
from reports.outputs import slugify

ARCHIVE = "feeds"  # folder under the inbox
_MAX_BACKOFF = timedelta(days=1)
_GIVE_UP = timedelta(days=7)
# An entry whose own text has this many words carries the article, not a teaser: it is briefed
# from the feed and its page is not fetched.
_ARTICLE_WORDS = 150
FROM_FEED = "From the feed: the article page was not fetched or could not be reached."
_CHUNK = 65_536


@dataclass(frozen=True)
class FeedState:
    url: str
    etag: str | None = None
    modified: str | None = None
    failures: int = 0
    retry_at: str | None = None  # ISO time (UTC) before which the feed is not tried again
    last_error: str | None = None
    seen: frozenset[str] = frozenset()  # item keys already fetched
    failing: dict[str, ItemFailure] = field(default_factory=dict)  # item key -> its failure record

    def __post_init__(self) -> None:
        # The ledger hands the records back as plain dicts.
        failing = {k: v if isinstance(v, ItemFailure) else ItemFailure(**v) for k, v in self.failing.items()}
        object.__setattr__(self, "failing", failing)


@dataclass(frozen=True)
class ItemFailure:
    """An item that could not be briefed (page down, no article in the feed): tried again on a
    back-off and given up after a week. Only its first failure is reported."""

    link: str | None
    failures: int
    last_error: str
    since: str  # ISO time (UTC) of the first failure
    retry_at: str | None = None
    gave_up: bool = False


@dataclass(frozen=True)
class Saved:
    """An item page saved into the archive this scan."""

    item: str
    link: str | None
    path: Path


@dataclass(frozen=True)
class FeedScan:
    state: FeedState  # to keep for the next scan
    saved: tuple[Saved, ...] = ()
    errors: tuple[FeedFailure, ...] = ()
    not_modified: bool = False


class FetchError(Exception):
    """A request that gave no usable answer: the message is the reason shown to the user."""


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)


def scan(
    feeds: tuple[FeedSettings, ...],
    fetch: FetchSettings,
    archive: Path,
    states: dict[str, FeedState],
    now: datetime,
) -> list[FeedScan]:
    client = Client(fetch)  # one client: the per-host delay holds across feeds
    return [scan_feed(feed, states.get(feed.url) or FeedState(feed.url), client, archive, now, fetch) for feed in feeds]


def feed_name(feed: FeedSettings) -> str:
    return feed.name or urlsplit(feed.url).hostname or feed.url


def scan_feed(
    feed: FeedSettings, state: FeedState, client: Client, archive: Path, now: datetime, fetch: FetchSettings
) -> FeedScan:
    name = feed_name(feed)
    if state.retry_at and datetime.fromisoformat(state.retry_at) > now:
        reason = f"failed before ({state.last_error}); next try after {state.retry_at}"
        return FeedScan(state, errors=(FeedFailure(name, feed.url, reason, state.retry_at, waiting=True),))
    try:
        # The feed itself is one request per run that the user asked for: no per-host delay, so
        # many feeds of one site cost no sleep; the delay spaces out the item pages.
        response = client.get(feed.url, etag=state.etag, modified=state.modified, delay=False)
        if response.status == 304:
            return FeedScan(replace(state, failures=0, retry_at=None, last_error=None), not_modified=True)
        entries = _entries(response, feed.url)
    except FetchError as error:
        return _failed(feed, state, str(error), now, fetch)
    # Item links are the feed's text, not the user's: only the feed's own host may be internal.
    allow_internal = True if fetch.allow_internal_links else (urlsplit(feed.url).hostname or False)
    saved, errors, failing = _fetch_items(
        entries, state, client, archive / slugify(name), name, now, allow_internal, fetch
    )
    # While an item fails, the old validators are kept, so a later scan gets the full feed and retries it.
    headers = response.headers
    waiting = any(not f.gave_up for f in failing.values())
    given_up = {key for key, f in failing.items() if f.gave_up}
    new_state = replace(
        state,
        etag=state.etag if waiting else headers.get("etag"),
        modified=state.modified if waiting else headers.get("last-modified"),
        failures=0,
        retry_at=None,
        last_error=None,
        seen=state.seen | {s.item for s in saved} | given_up,
        failing=failing,
    )
    return FeedScan(new_state, tuple(saved), tuple(errors))


def _failed(feed: FeedSettings, state: FeedState, reason: str, now: datetime, fetch: FetchSettings) -> FeedScan:
    failures = state.failures + 1
    retry_at = None
    if fetch.retry_minutes:
        wait = min(timedelta(minutes=fetch.retry_minutes) * 2 ** (failures - 1), _MAX_BACKOFF)
        retry_at = (now + wait).astimezone(UTC).isoformat(timespec="seconds")
    new_state = replace(state, failures=failures, retry_at=retry_at, last_error=reason)
    return FeedScan(new_state, errors=(FeedFailure(feed_name(feed), feed.url, reason, retry_at),))


def _entries(response: Response, url: str) -> list[Any]:
    return parse(response.body, response.headers.get("content-type", ""), url)


def parse(body: bytes, content_type: str = "", url: str = "") -> list[Any]:
    """The feed's entries, read from text we decoded ourselves (see `decode`), so a feed that
    declares no encoding is never read as Windows-1252 mojibake."""
    import feedparser  # only when there are feeds

    text = decode(body, content_type)
    # Re-encoded as UTF-8 with the declaration saying so; a file object, never a string:
    # feedparser would treat a string as a URL or a file name.
    xml = _XML_ENCODING.sub(rb"\1utf-8\1", text.encode("utf-8"), count=1)
    media = content_type.split(";")[0].strip() or "application/xml"
    parsed = feedparser.parse(
        io.BytesIO(xml), response_headers={"content-type": f"{media}; charset=utf-8", "content-location": url}
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = getattr(parsed, "bozo_exception", None)
        raise FetchError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    feed_language = parsed.feed.get("language")  # RSS <language>, Atom xml:lang
    for entry in parsed.entries:
        entry["reports_language"] = _entry_language(entry) or feed_language
    return list(parsed.entries)


def _entry_language(entry: Any) -> str | None:
    """The language an Atom entry's own content or title declares (xml:lang), if any."""
    details = [*(entry.get("content") or []), entry.get("summary_detail") or {}, entry.get("title_detail") or {}]
    return next((d.get("language") for d in details if d.get("language")), None)


_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le"),
)
_XML_DECLARED = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"(?<=<\?xml)([^>]*?encoding\s*=\s*)([\"'])[A-Za-z0-9_.:-]+\2", re.IGNORECASE)


def decode(body: bytes, content_type: str = "") -> str:
    """The feed's text: the charset of the HTTP header, else a BOM, else the XML declaration,
    else UTF-8 if it decodes, else what charset-normalizer finds. A declared name Python does
    not know, or bytes that do not fit it, fall through to the next clue."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            bom_encoding: str | None = name
            break
    else:
        bom_encoding = None
    header = _HTTP_CHARSET.search(content_type)
    declared = _XML_DECLARED.match(body[:512].replace(b"\x00", b"").lstrip(b"\xef\xbb\xbf\xfe\xff"))
    candidates = [
        header.group(1) if header else None,
        bom_encoding,
        declared.group(1).decode("ascii") if declared and not bom_encoding else None,
        "utf-8",
    ]
    for name in candidates:
        text = _try_decode(body, name)
        if text is not None:
            return text
    from charset_normalizer import from_bytes  # only for a feed no clue fits

    best = from_bytes(body).best()
    if best is None:
        raise FetchError("the feed's encoding cannot be told (not text in any known encoding)")
    return str(best)


def _try_decode(body: bytes, name: str | None) -> str | None:
    if not name:
        return None
    try:
        text = body.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return text.removeprefix("\ufeff")


def _fetch_items(
    entries: list[Any],
    state: FeedState,
    client: Client,
    folder: Path,
    name: str,
    now: datetime,
    allow_internal: bool | str,
    fetch: FetchSettings,
) -> tuple[list[Saved], list[FeedFailure], dict[str, ItemFailure]]:
    """Save each new item; an item that fails is kept in `failing` with its back-off, and only its
    first failure (or giving up) is reported: later ones wait quietly."""
    saved: list[Saved] = []
    errors: list[FeedFailure] = []
    failing: dict[str, ItemFailure] = {}
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    # Feeds list the newest first; saving oldest first keeps the archive in publication order.
    for number, entry in enumerate(reversed(entries)):
        key = item_key(entry)
        if key in state.seen or key in {s.item for s in saved}:
            continue
        before = state.failing.get(key)
        # A link refused by policy costs no request: retried each run, so a changed setting takes.
        policy = before is not None and before.last_error.startswith("refused:")
        if before and before.retry_at and not policy and datetime.fromisoformat(before.retry_at) > now:
            failing[key] = before  # still in its back-off: not tried, not reported
            continue
        link = entry.get("link") or None
        try:
            page = _page(entry, link, client, allow_internal)
        except FetchError as error:
            failure = _item_failed(before, link, str(error), now, fetch)
            failing[key] = failure
            if before is None or failure.gave_up:
                reason = f"item page: {error}" + (" (given up after a week)" if failure.gave_up else "")
                errors.append(FeedFailure(name, link or state.url, reason, failure.retry_at))
            continue
        slug = slugify(entry.get("title") or urlsplit(link or "").path or "item")[:50]
        path = folder / f"{stamp}-{number:03d}-{slug}.html"
        _write_atomic(path, page)
        saved.append(Saved(key, link, path))
    return saved, errors, failing


def _page(entry: Any, link: str | None, client: Client, allow_internal: bool | str) -> bytes:
    """The item's page; from the feed's own text when that is the whole article, when there is
    no link, or when the page cannot be fetched and the feed's text is long enough to stand."""
    text = _entry_body(entry)
    whole = _words(text) >= _ARTICLE_WORDS
    if whole or not link:
        return _page_from_entry(entry, link)
    try:
        return _archived(client.get(link, allow_internal=allow_internal), entry.get("reports_language"))
    except FetchError:
        if _words(text) >= _ARTICLE_WORDS // 3 and _is_content(entry):
            return _page_from_entry(entry, link)
        raise


def _item_failed(before: ItemFailure | None, link: str | None, reason: str, now: datetime, fetch: FetchSettings) -> ItemFailure:
    failures = (before.failures if before else 0) + 1
    since = before.since if before else now.astimezone(UTC).isoformat(timespec="seconds")
    gave_up = now - datetime.fromisoformat(since) >= _GIVE_UP
    retry_at = None  # fetch.retry_minutes = 0: tried again on every run (still reported once)
    if fetch.retry_minutes and not gave_up:
        wait = min(timedelta(minutes=fetch.retry_minutes) * 2 ** (failures - 1), _MAX_BACKOFF)
        retry_at = (now + wait).astimezone(UTC).isoformat(timespec="seconds")
    return ItemFailure(link, failures, reason, since, retry_at, gave_up)


def _entry_body(entry: Any) -> str:
    """The entry's longest text: its content (content:encoded, Atom content), else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    return max([*contents, entry.get("summary") or ""], key=len)


def _is_content(entry: Any) -> bool:
    return any((c.get("value") or "").strip() for c in entry.get("content") or [])


_TAG = re.compile(r"<[^>]+>")


def _words(markup: str) -> int:
    """Words of the text, counting each CJK character as one (those scripts have no spaces)."""
    text = html.unescape(_TAG.sub(" ", markup))
    return len(text.split()) + sum(1 for ch in text if "\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")


def item_key(entry: Any) -> str:
    """The entry's identity and version: a republished (updated) story gets a new key."""
    ident = entry.get("id") or entry.get("link") or _digest(f"{entry.get('title')}|{entry.get('summary')}")
    # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning.
    version = dict.get(entry, "updated") or dict.get(entry, "published") or ""
    return f"{ident}|{version}"


_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DECLARED = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)
_DECLARES_LANGUAGE = re.compile(rb"<html[^>]+lang\s*=|og:locale|content-language", re.IGNORECASE)
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


def _archived(response: Response, language: str | None = None) -> bytes:
    """The page as saved: a charset given only in the HTTP header is written into the page,
    which is all the inbox reader will see (else a KOI8-R page would be read as cp1252); so
    is the feed's language when the page declares none (the Content-Language meta)."""
    body = response.body
    if language and _LANGUAGE_TAG.fullmatch(language) and not _DECLARES_LANGUAGE.search(body[:4096]):
        body = f'<meta http-equiv="content-language" content="{language}">\n'.encode("ascii") + body
    declared = _HTTP_CHARSET.search(response.headers.get("content-type", ""))
    if declared is None or _DECLARED.search(response.body[:4096]):
        return body
    return f'<meta charset="{declared.group(1)}">\n'.encode("ascii") + body


def _page_from_entry(entry: Any, link: str | None = None) -> bytes:
    """The item's own text as a small page the HTML reader can read, with its title, author,
    date and link, and a visible line saying the briefing comes from the feed."""
    body = _entry_body(entry)
    if not body.strip():
        raise FetchError("the item has neither a link nor any content")
    if "<" not in body:
        body = "".join(f"<p>{html.escape(part)}</p>" for part in body.split("\n\n") if part.strip())
    title = html.escape(entry.get("title") or "")
    author = html.escape(entry.get("author") or "")
    when = html.escape(dict.get(entry, "published") or dict.get(entry, "updated") or "")
    href = html.escape(link or "")
    meta = f'<meta name="author" content="{author}">' if author else ""
    language = entry.get("reports_language")
    lang_attribute = f' lang="{language}"' if language and _LANGUAGE_TAG.fullmatch(language) else ""
    source = f'<p class="from-feed">{FROM_FEED} <a href="{href}">{href}</a></p>' if link else f'<p class="from-feed">{FROM_FEED}</p>'
    return (
        f'<!DOCTYPE html><html{lang_attribute}><head><meta charset="utf-8"><title>{title}</title>{meta}'
        f'<meta name="reports:source" content="feed">'
        f'<meta property="article:published_time" content="{when}"></head>'
        f"<body><article><h1>{title}</h1>{body}{source}</article></body></html>"
    ).encode()


def refuse_internal(host: str, addresses: list[str], allow_internal: bool | str) -> None:
    """Raise FetchError if any of `host`'s `addresses` is not public, unless `allow_internal` is
    True (any address) or that host's name."""
    if allow_internal is True or host == allow_internal:
        return
    for text in addresses:
        address = ipaddress.ip_address(text.split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global:
            raise FetchError(f"refused: {host} is an internal address ({address}); see fetch.allow_internal_links")


def _vetted_connection(allow_internal: bool | str) -> Callable[..., socket.socket]:
    """A replacement for http.client's socket.create_connection that resolves the host once,
    vets every address and connects to those same addresses. Checking before the request and
    letting urllib resolve again would let a DNS answer that changes in between (rebinding)
    through."""

    def connect(address: tuple[str, int], timeout: Any = None, source_address: Any = None) -> socket.socket:
        host, port = address
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        refuse_internal(host, [str(sockaddr[0]) for *_, sockaddr in answers], allow_internal)
        error: OSError = OSError(f"no address for {host}")
        for family, kind, proto, _, sockaddr in answers:
            sock = socket.socket(family, kind, proto)
            try:
                if isinstance(timeout, (int, float)):
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as failure:
                sock.close()
                error = failure
        raise error

    return connect


class _Vetting:
    """Mixed into urllib's HTTP(S) handlers: every connection, redirects included, goes to
    addresses the request's `allow_internal` accepts. Through a proxy the proxy resolves the
    name, so the best left is to resolve and vet it ourselves first."""

    def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
        allow_internal = getattr(req, "allow_internal", True)
        target = urlsplit(req.full_url)
        if req.host != target.netloc and target.hostname:  # through a proxy
            try:
                answers = socket.getaddrinfo(target.hostname, None, type=socket.SOCK_STREAM)
            except (socket.gaierror, UnicodeError):
                answers = []  # the proxy reports the unknown host
            refuse_internal(target.hostname, [str(sockaddr[0]) for *_, sockaddr in answers], allow_internal)
            return super().do_open(http_class, req, **kwargs)  # type: ignore[misc]

        def vetted(host: str, **options: Any) -> Any:
            connection = http_class(host, **options)
            connection._create_connection = _vetted_connection(allow_internal)
            return connection

        return super().do_open(vetted, req, **kwargs)  # type: ignore[misc]


class _HTTPHandler(_Vetting, urllib.request.HTTPHandler):
    pass


class _HTTPSHandler(_Vetting, urllib.request.HTTPSHandler):
    pass


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _write_atomic(path: Path, data: bytes) -> None:
    # The temporary name is hidden, so a scan of the inbox never reads half a page.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class Client:
    """GET over http(s) with a time-out, size cap, bounded redirects and a per-host delay."""

    def __init__(
        self,
        fetch: FetchSettings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._fetch = fetch
        self._sleep, self._clock = sleep, clock
        self._last: dict[str, float] = {}
        self._dead: dict[str, str] = {}  # host -> why: refused, unknown or silent, in this run
        redirects = _Redirects(fetch.max_redirects)
        # Only what we need: no file:, ftp: or data: handlers, so an item link cannot read local files.
        self._opener = urllib.request.OpenerDirector()
        for handler in (
            urllib.request.ProxyHandler(),
            _HTTPHandler(),
            _HTTPSHandler(),
            redirects,
            urllib.request.HTTPErrorProcessor(),
            urllib.request.HTTPDefaultErrorHandler(),  # non-2xx (304 included) raise HTTPError
            urllib.request.UnknownHandler(),
        ):
            self._opener.add_handler(handler)

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        modified: str | None = None,
        allow_internal: bool | str = True,
        delay: bool = True,
    ) -> Response:
        """GET `url`. `allow_internal`: True for URLs the user configured; for URLs from a feed,
        False (only public addresses) or the one host name that may be internal."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url!r}")
        if parts.hostname in self._dead:  # never tried again this run, and never waited for
            raise FetchError(f"not tried: {parts.hostname} failed earlier in this run ({self._dead[parts.hostname]})")
        if delay:
            self._wait_for(parts.hostname)
        headers = {"User-Agent": self._fetch.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        request = urllib.request.Request(url, headers=headers)
        request.allow_internal = allow_internal  # type: ignore[attr-defined]  (read by _Vetting)
        try:
            with self._opener.open(request, timeout=self._fetch.timeout_seconds) as answer:
                body = self._read(answer)
                return Response(answer.status, body, {k.lower(): v for k, v in answer.headers.items()})
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Response(304)
            raise FetchError(f"HTTP {error.code} {error.reason}") from error
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.gaierror, ConnectionRefusedError, TimeoutError, socket.timeout)):
                self._dead[parts.hostname] = str(error.reason)
            raise FetchError(f"cannot reach {parts.hostname}: {error.reason}") from error
        except (TimeoutError, socket.timeout) as error:
            self._dead[parts.hostname] = "no answer"
            raise FetchError(f"no answer within {self._fetch.timeout_seconds:g} s") from error
        except (OSError, HTTPException, ValueError) as error:
            raise FetchError(f"{type(error).__name__}: {error}") from error
        finally:
            self._last[parts.hostname] = self._clock()

    def _wait_for(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self._fetch.delay_seconds - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)

    def _read(self, answer: Any) -> bytes:
        """The body, refused past max_bytes, and past the time-out as a whole (a slow drip)."""
        limit = self._fetch.max_bytes
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FetchError(f"larger than {limit:,} bytes ({int(declared):,} declared)")
        deadline = self._clock() + self._fetch.timeout_seconds
        chunks, size = [], 0
        while chunk := answer.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise FetchError(f"larger than {limit:,} bytes")
            if self._clock() > deadline:
                raise FetchError(f"transfer not done within {self._fetch.timeout_seconds:g} s")
            chunks.append(chunk)
        return b"".join(chunks)


class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirect handling (http/https only here) with a cap on the hops of one request.

    urllib's own limit counts distinct addresses, so a loop between two of them runs 9 times.
    """

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        hops = getattr(req, "redirect_hops", 0) + 1
        if hops > self.limit:
            raise urllib.error.HTTPError(req.full_url, code, f"more than {self.limit} redirects", headers, fp)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.redirect_hops = hops
            new.allow_internal = getattr(req, "allow_internal", True)  # vetted when it connects
        return new
