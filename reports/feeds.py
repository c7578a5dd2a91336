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
        response = client.get(feed.url, etag=state.etag, modified=state.modified)
        if response.status == 304:
            return FeedScan(replace(state, failures=0, retry_at=None, last_error=None), not_modified=True)
        entries = _entries(response, feed.url)
    except FetchError as error:
        return _failed(feed, state, str(error), now, fetch)
    # Item links are the feed's text, not the user's: only the feed's own host may be internal.
    allow_internal = True if fetch.allow_internal_links else (urlsplit(feed.url).hostname or False)
    saved, errors = _fetch_items(entries, state, client, archive / slugify(name), name, now, allow_internal)
    # A page that failed keeps the old validators, so the next scan gets the full feed and retries it.
    headers = response.headers
    new_state = replace(
        state,
        etag=state.etag if errors else headers.get("etag"),
        modified=state.modified if errors else headers.get("last-modified"),
        failures=0,
        retry_at=None,
        last_error=None,
        seen=state.seen | {s.item for s in saved},
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
    import feedparser  # only when there are feeds

    # A file object, never a string: feedparser would treat a string as a URL or a file name.
    parsed = feedparser.parse(
        io.BytesIO(response.body),
        response_headers={"content-type": response.headers.get("content-type", ""), "content-location": url},
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        problem = getattr(parsed, "bozo_exception", None)
        raise FetchError(f"not an RSS or Atom feed{f' ({problem})' if problem else ''}")
    return list(parsed.entries)


def _fetch_items(
    entries: list[Any],
    state: FeedState,
    client: Client,
    folder: Path,
    name: str,
    now: datetime,
    allow_internal: bool | str,
) -> tuple[list[Saved], list[FeedFailure]]:
    saved: list[Saved] = []
    errors: list[FeedFailure] = []
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    # Feeds list the newest first; saving oldest first keeps the archive in publication order.
    for number, entry in enumerate(reversed(entries)):
        key = item_key(entry)
        if key in state.seen or key in {s.item for s in saved}:
            continue
        link = entry.get("link") or None
        try:
            page = _archived(client.get(link, allow_internal=allow_internal)) if link else _page_from_entry(entry)
        except FetchError as error:
            errors.append(FeedFailure(name, link or state.url, f"item page: {error}"))
            continue
        slug = slugify(entry.get("title") or urlsplit(link or "").path or "item")[:50]
        path = folder / f"{stamp}-{number:03d}-{slug}.html"
        _write_atomic(path, page)
        saved.append(Saved(key, link, path))
    return saved, errors


def item_key(entry: Any) -> str:
    """The entry's identity and version: a republished (updated) story gets a new key."""
    ident = entry.get("id") or entry.get("link") or _digest(f"{entry.get('title')}|{entry.get('summary')}")
    # dict.get: feedparser's own get maps a missing "updated" to "published", with a warning.
    version = dict.get(entry, "updated") or dict.get(entry, "published") or ""
    return f"{ident}|{version}"


_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_DECLARED = re.compile(rb"<meta[^>]+charset", re.IGNORECASE)


def _archived(response: Response) -> bytes:
    """The page as saved: a charset given only in the HTTP header is written into the page,
    which is all the inbox reader will see (else a KOI8-R page would be read as cp1252)."""
    declared = _HTTP_CHARSET.search(response.headers.get("content-type", ""))
    if declared is None or _DECLARED.search(response.body[:4096]):
        return response.body
    return f'<meta charset="{declared.group(1)}">\n'.encode("ascii") + response.body


def _page_from_entry(entry: Any) -> bytes:
    """An item with no link: its own content, as a small page the HTML reader can read."""
    contents = entry.get("content") or []
    body = contents[0].get("value") if contents else entry.get("summary", "")
    if not body:
        raise FetchError("the item has neither a link nor any content")
    title = html.escape(entry.get("title") or "")
    when = html.escape(dict.get(entry, "published") or dict.get(entry, "updated") or "")
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{when}"></head>'
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
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
    ) -> Response:
        """GET `url`. `allow_internal`: True for URLs the user configured; for URLs from a feed,
        False (only public addresses) or the one host name that may be internal."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) address: {url!r}")
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
            raise FetchError(f"cannot reach {parts.hostname}: {error.reason}") from error
        except (TimeoutError, socket.timeout) as error:
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
