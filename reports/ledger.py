"""The SQLite ledger under the output folder: what was seen, rendered, failed, and e-mailed.

An article is keyed by its content hash, so a changed file is a new article and the same
text under another name is not. An article is marked `rendered` only after its PDF is in
place, so a crash between the two leaves it to be rendered again, never lost.
A message is keyed by (date, recipient, attachment set) and marked `sent` only after the
server accepted it: a crash between the two sends it again (at least once, rarely twice).
Only `pipeline` (and the daemon) open the ledger.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

LEDGER_NAME = "ledger.sqlite3"
SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key          TEXT PRIMARY KEY,   -- content hash
    article_id   TEXT,
    source       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('rendered', 'failed')),
    run_date     TEXT,
    title        TEXT,
    outputs      TEXT NOT NULL DEFAULT '[]',  -- JSON list of paths relative to the out folder
    analysis     TEXT,                        -- the analysis JSON the manifest is made from
    error        TEXT,
    fingerprint  TEXT,                        -- of a failure: templates, settings, version
    attempts     INTEGER NOT NULL DEFAULT 1,
    first_seen   TEXT NOT NULL,
    updated      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles (run_date, status);
CREATE TABLE IF NOT EXISTS runs (
    id        INTEGER PRIMARY KEY,
    started   TEXT NOT NULL,
    finished  TEXT,
    run_date  TEXT NOT NULL,
    new       INTEGER NOT NULL DEFAULT 0,
    skipped   INTEGER NOT NULL DEFAULT 0,
    failed    INTEGER NOT NULL DEFAULT 0,
    refused   TEXT                        -- why the run stopped before it began (exit 2)
);
CREATE TABLE IF NOT EXISTS sends (
    key          TEXT PRIMARY KEY,   -- sha256 of date, recipient, attachment names and hashes
    run_date     TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    attachments  TEXT NOT NULL,      -- JSON list of file names
    message_id   TEXT NOT NULL,      -- of the last attempt
    status       TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'superseded')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    next_attempt TEXT,               -- UTC; the daemon does not retry before it
    error        TEXT,
    created      TEXT NOT NULL,
    sent         TEXT,
    updated      TEXT NOT NULL,
    settings_fingerprint TEXT       -- of the [email] settings a refused send was made with
);
CREATE INDEX IF NOT EXISTS sends_by_status ON sends (status, run_date);
-- Duplicate and update detection (reports/similar.py), for rendered articles.
CREATE TABLE IF NOT EXISTS texts (
    key        TEXT PRIMARY KEY,   -- the article's key in `articles`
    text_hash  TEXT NOT NULL,      -- hash of the normalised body text
    signature  BLOB NOT NULL,      -- MinHash of its word shingles
    update_of  TEXT                -- JSON: the earlier briefing this one updates
);
CREATE INDEX IF NOT EXISTS texts_by_hash ON texts (text_hash);
CREATE TABLE IF NOT EXISTS text_bands (
    band  TEXT NOT NULL,           -- "<band>:<hash>" of a slice of the signature
    key   TEXT NOT NULL,
    PRIMARY KEY (band, key)
) WITHOUT ROWID;
-- Content keys whose text was already briefed under another key (another file, same text).
CREATE TABLE IF NOT EXISTS aliases (
    key  TEXT PRIMARY KEY,
    of   TEXT NOT NULL
) WITHOUT ROWID;
-- RSS/Atom feeds: conditional-GET validators, failures and back-off, items already fetched.
CREATE TABLE IF NOT EXISTS feeds (
    url         TEXT PRIMARY KEY,
    etag        TEXT,
    modified    TEXT,
    failures    INTEGER NOT NULL DEFAULT 0,
    retry_at    TEXT,
    last_error  TEXT,
    checked     TEXT
);
-- Inbox files whose every article is in the ledger, by hash of their bytes: an idle run
-- skips them without parsing (an HTML page costs ~5 ms to extract).
CREATE TABLE IF NOT EXISTS settled_files (
    raw_hash     TEXT PRIMARY KEY,
    articles     INTEGER NOT NULL,
    fingerprint  TEXT              -- set when some of its articles failed: settled only under it
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feed_items (
    feed     TEXT NOT NULL,
    item     TEXT NOT NULL,        -- the entry's id (or link) and its version
    link     TEXT,
    archive  TEXT,                 -- the saved page, relative to the inbox
    fetched  TEXT NOT NULL,
    PRIMARY KEY (feed, item)
) WITHOUT ROWID;
-- Feed items that could not be briefed: their back-off, and those given up after a week.
CREATE TABLE IF NOT EXISTS feed_item_failures (
    feed        TEXT NOT NULL,
    item        TEXT NOT NULL,
    link        TEXT,
    failures    INTEGER NOT NULL,
    last_error  TEXT NOT NULL,
    since       TEXT NOT NULL,     -- first failure (UTC)
    retry_at    TEXT,
    gave_up     INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (feed, item)
) WITHOUT ROWID;
"""


def _migrate(connection: sqlite3.Connection) -> None:
    """Bring a ledger of an earlier version up to the schema (CREATE IF NOT EXISTS adds tables,
    not columns). Version 3: failures carry a fingerprint; the settled-file cache is dropped,
    as its rows could hide failed files from the retry."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(articles)")}
    if "fingerprint" not in columns:
        connection.execute("ALTER TABLE articles ADD COLUMN fingerprint TEXT")
    columns = {row[1] for row in connection.execute("PRAGMA table_info(settled_files)")}
    if "fingerprint" not in columns:
        connection.execute("DELETE FROM settled_files")
        connection.execute("ALTER TABLE settled_files ADD COLUMN fingerprint TEXT")


@dataclass(frozen=True)
class Entry:
    key: str
    article_id: str | None
    source: str
    status: str
    run_date: str | None
    title: str | None
    outputs: tuple[str, ...]
    error: str | None
    attempts: int
    first_seen: str
    updated: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db = connection
        self.path = path

    @classmethod
    @contextmanager
    def open(cls, out_dir: Path) -> Iterator[Ledger]:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / LEDGER_NAME
        connection = sqlite3.connect(path, timeout=30, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            # Checkpoint each MB and cut the WAL back to 1 MB after: during a long run on a
            # small disk, the WAL must not fill the disk before the PDFs do.
            connection.execute("PRAGMA wal_autocheckpoint=256")
            connection.execute("PRAGMA journal_size_limit=1048576")
            connection.executescript(_SCHEMA)
            _migrate(connection)
            _add_sends_fingerprint(connection)
            _add_runs_refused(connection)
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            yield cls(connection, path)
        finally:
            connection.close()

    @classmethod
    @contextmanager
    def open_readonly(cls, out_dir: Path) -> Iterator[Ledger]:
        """For `status`: no schema, no pragma, no write, so it works on a full disk too."""
        path = out_dir / LEDGER_NAME
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            # A WAL database with no -shm file needs one created even to read; on a full disk
            # that fails. Read the file as it is instead (no run holds it, or the -shm existed).
            connection.close()
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            yield cls(connection, path)
        finally:
            connection.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """One transaction: all of its writes are kept, or (on an error, a full disk) none."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def known(self, fingerprint: str | None = None) -> dict[str, str]:
        """key -> status of every article ever recorded (one query: idle runs stay cheap).

        A key whose text was already briefed under another key has the status "duplicate".
        A failure recorded under another `fingerprint` (templates, settings or version changed
        since) is left out: it is tried again.
        """
        return dict(
            self._db.execute(
                "SELECT key, status FROM articles WHERE status != 'failed' OR fingerprint IS ?"
                " UNION ALL SELECT key, 'duplicate' FROM aliases",
                (fingerprint,),
            )
        )

    def settled_files(self, fingerprint: str | None = None) -> dict[str, int]:
        """Hash of a file's bytes -> how many articles it holds, for files fully in the ledger
        (those holding a failure only while the failure's fingerprint is the current one)."""
        return dict(
            self._db.execute(
                "SELECT raw_hash, articles FROM settled_files WHERE fingerprint IS NULL OR fingerprint = ?",
                (fingerprint,),
            )
        )

    def record_settled_file(self, raw_hash: str, articles: int, fingerprint: str | None = None) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO settled_files (raw_hash, articles, fingerprint) VALUES (?, ?, ?)",
            (raw_hash, articles, fingerprint),
        )

    # -- duplicates and updates --------------------------------------------------------

    def same_text(self, text_hash: str) -> str | None:
        """The key of a rendered article with this normalised text, if any."""
        row = self._db.execute(
            "SELECT t.key FROM texts t JOIN articles a ON a.key = t.key"
            " WHERE t.text_hash = ? AND a.status = 'rendered' LIMIT 1",
            (text_hash,),
        ).fetchone()
        return row[0] if row else None

    def record_alias(self, key: str, of: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO aliases (key, of) VALUES (?, ?)", (key, of))

    def candidates(self, bands: list[str], exclude: str) -> list[tuple[str, bytes]]:
        """(key, signature) of rendered articles sharing at least one band: through the index."""
        if not bands:
            return []
        marks = ",".join("?" * len(bands))
        rows = self._db.execute(
            f"SELECT DISTINCT t.key, t.signature FROM text_bands b JOIN texts t ON t.key = b.key"
            f" JOIN articles a ON a.key = t.key"
            f" WHERE b.band IN ({marks}) AND t.key != ? AND a.status = 'rendered'",
            (*bands, exclude),
        )
        return [(key, bytes(signature)) for key, signature in rows]

    def record_text(
        self, key: str, *, text_hash: str, signature: bytes, bands: list[str], update_of: dict[str, object] | None
    ) -> None:
        update_json = json.dumps(update_of, ensure_ascii=False) if update_of else None
        self._db.execute("DELETE FROM text_bands WHERE key = ?", (key,))
        self._db.execute(
            "INSERT OR REPLACE INTO texts (key, text_hash, signature, update_of) VALUES (?, ?, ?, ?)",
            (key, text_hash, signature, update_json),
        )
        self._db.executemany("INSERT OR IGNORE INTO text_bands (band, key) VALUES (?, ?)", [(b, key) for b in bands])

    def update_of(self, key: str) -> dict[str, object] | None:
        """What this article was recorded as an update of, if anything."""
        row = self._db.execute("SELECT update_of FROM texts WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    # -- feeds ---------------------------------------------------------------------------

    def feed_state(self, url: str) -> dict[str, object]:
        """The feed's validators and failure record, and the items already fetched."""
        row = self._db.execute(
            "SELECT etag, modified, failures, retry_at, last_error FROM feeds WHERE url = ?", (url,)
        ).fetchone()
        keys = ("etag", "modified", "failures", "retry_at", "last_error")
        state: dict[str, object] = dict(zip(keys, row, strict=True)) if row else {"failures": 0}
        state["seen"] = frozenset(
            item for (item,) in self._db.execute(
                "SELECT item FROM feed_items WHERE feed = ? UNION SELECT item FROM feed_item_failures"
                " WHERE feed = ? AND gave_up", (url, url),
            )
        )
        keys = ("link", "failures", "last_error", "since", "retry_at")
        state["failing"] = {
            row[0]: dict(zip(keys, row[1:], strict=True))
            for row in self._db.execute(
                "SELECT item, link, failures, last_error, since, retry_at FROM feed_item_failures"
                " WHERE feed = ? AND NOT gave_up", (url,),
            )
        }
        return state

    def save_item_failures(self, url: str, failing: dict[str, Any]) -> None:
        """The feed's failing items as they now stand: an item briefed since is dropped, one given
        up stays recorded (and counts as seen)."""
        self._db.execute("DELETE FROM feed_item_failures WHERE feed = ? AND NOT gave_up", (url,))
        self._db.executemany(
            """INSERT OR REPLACE INTO feed_item_failures
               (feed, item, link, failures, last_error, since, retry_at, gave_up) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            [(url, key, f.link, f.failures, f.last_error, f.since, f.retry_at, int(f.gave_up)) for key, f in failing.items()],
        )

    def failing_items(self) -> list[dict[str, object]]:
        """Per feed: items waiting for a retry, the last error, the next try, and items given up."""
        rows = self._db.execute(
            """SELECT feed, SUM(NOT gave_up), SUM(gave_up), MIN(CASE WHEN NOT gave_up THEN retry_at END),
                      (SELECT last_error FROM feed_item_failures l WHERE l.feed = f.feed
                       ORDER BY COALESCE(l.retry_at, '') DESC LIMIT 1)
               FROM feed_item_failures f GROUP BY feed ORDER BY feed"""
        )
        keys = ("url", "items_failing", "items_given_up", "next_try", "last_error")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def failing_feeds(self) -> list[dict[str, object]]:
        """Feeds whose last attempt failed: url, failures in a row, last error, next attempt."""
        rows = self._db.execute(
            "SELECT url, failures, last_error, retry_at FROM feeds WHERE failures > 0 ORDER BY url"
        )
        return [dict(zip(("url", "failures", "error", "retry_at"), row, strict=True)) for row in rows]

    def save_feed_state(
        self, url: str, *, etag: str | None, modified: str | None, failures: int, retry_at: str | None, last_error: str | None
    ) -> None:
        self._db.execute(
            """INSERT INTO feeds (url, etag, modified, failures, retry_at, last_error, checked)
               VALUES (?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (url) DO UPDATE SET
                   etag = excluded.etag, modified = excluded.modified, failures = excluded.failures,
                   retry_at = excluded.retry_at, last_error = excluded.last_error, checked = excluded.checked""",
            (url, etag, modified, failures, retry_at, last_error, _now()),
        )

    def record_feed_item(self, url: str, item: str, *, link: str | None, archive: str | None) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO feed_items (feed, item, link, archive, fetched) VALUES (?, ?, ?, ?, ?)",
            (url, item, link, archive, _now()),
        )

    def get(self, key: str) -> Entry | None:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM articles WHERE key = ?", (key,)).fetchone()
        return _entry(row) if row else None

    def record_rendered(
        self,
        key: str,
        *,
        article_id: str,
        source: str,
        run_date: str,
        title: str,
        outputs: list[str],
        analysis: dict[str, object],
    ) -> None:
        self._upsert(key, article_id, source, "rendered", run_date, title, outputs, None, analysis)

    def record_failed(
        self, key: str, *, article_id: str | None, source: str, run_date: str, error: str, fingerprint: str | None = None
    ) -> None:
        self._upsert(key, article_id, source, "failed", run_date, None, [], error, None, fingerprint)

    def _upsert(
        self,
        key: str,
        article_id: str | None,
        source: str,
        status: str,
        run_date: str,
        title: str | None,
        outputs: list[str],
        error: str | None,
        analysis: dict[str, object] | None,
        fingerprint: str | None = None,
    ) -> None:
        now = _now()
        analysis_json = json.dumps(analysis, ensure_ascii=False) if analysis is not None else None
        self._db.execute(
            """INSERT INTO articles (key, article_id, source, status, run_date, title, outputs,
                                     analysis, error, fingerprint, first_seen, updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET
                   article_id = excluded.article_id, source = excluded.source,
                   status = excluded.status, run_date = excluded.run_date,
                   title = excluded.title, outputs = excluded.outputs,
                   analysis = excluded.analysis, error = excluded.error,
                   fingerprint = excluded.fingerprint, attempts = articles.attempts + 1, updated = excluded.updated""",
            (key, article_id, source, status, run_date, title, json.dumps(outputs), analysis_json,
             error, fingerprint, now, now),
        )

    def start_run(self, run_date: str) -> int:
        cursor = self._db.execute("INSERT INTO runs (started, run_date) VALUES (?, ?)", (_now(), run_date))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, new: int, skipped: int, failed: int) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, new = ?, skipped = ?, failed = ? WHERE id = ?",
            (_now(), new, skipped, failed, run_id),
        )

    def refuse_run(self, run_id: int, reason: str) -> None:
        """The run ended before it began (a missing inbox, a broken template): say why, so
        `status` does not call it still running or killed."""
        self._db.execute("UPDATE runs SET finished = ?, refused = ? WHERE id = ?", (_now(), reason, run_id))

    def entries(self, status: str | None = None, run_date: str | None = None) -> list[Entry]:
        where, params = _filter(status, run_date)
        query = f"SELECT {_COLUMNS} FROM articles {where} ORDER BY updated, key"
        return [_entry(row) for row in self._db.execute(query, params)]

    def manifest(self, run_date: str) -> Iterator[dict[str, object]]:
        """The day's rendered articles, one at a time: each one's analysis plus its PDF path.

        A generator over the cursor: a day of thousands of articles is never all in memory."""
        rows = self._db.execute(
            "SELECT analysis, outputs FROM articles WHERE run_date = ? AND status = 'rendered'"
            " ORDER BY rowid",  # the order they were briefed in
            (run_date,),
        )
        for analysis, paths in rows:
            yield {**json.loads(analysis or "{}"), "pdf": json.loads(paths)[0]}

    def manifest_pdfs(self, run_date: str) -> list[str]:
        """The PDF paths the day's manifest must list, in its order: to spot a stale manifest."""
        rows = self._db.execute(
            "SELECT outputs FROM articles WHERE run_date = ? AND status = 'rendered' ORDER BY rowid", (run_date,)
        )
        return [json.loads(paths)[0] for (paths,) in rows]

    def counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status"))

    def last_run(self) -> dict[str, object] | None:
        cursor = self._db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT 1")  # `refused` may be missing:
        row = cursor.fetchone()  # status reads an older ledger as it is
        if not row:
            return None
        found = dict(zip((column[0] for column in cursor.description), row, strict=True))
        keys = ("started", "finished", "run_date", "new", "skipped", "failed", "refused")
        return {key: found.get(key) for key in keys}


    def plan_send(self, key: str, *, run_date: str, recipient: str, attachments: list[str], message_id: str) -> Send:
        """The ledger's row for this message, made `pending` if it is new."""
        now = _now()
        self._db.execute(
            """INSERT OR IGNORE INTO sends (key, run_date, recipient, attachments, message_id, status,
                                            created, updated)
               VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)""",
            (key, run_date, recipient, json.dumps(attachments), message_id, now, now),
        )
        send = self.send(key)
        assert send is not None
        return send

    def send(self, key: str) -> Send | None:
        row = self._db.execute(f"SELECT {_SEND_COLUMNS} FROM sends WHERE key = ?", (key,)).fetchone()
        return _send(row) if row else None

    def sends(self, status: str | None = None, run_date: str | None = None) -> list[Send]:
        where, params = _filter(status, run_date)
        query = f"SELECT {_SEND_COLUMNS} FROM sends {where} ORDER BY created, key"
        return [_send(row) for row in self._db.execute(query, params)]

    def record_sent(self, key: str, message_id: str) -> None:
        now = _now()
        self._db.execute(
            """UPDATE sends SET status = 'sent', message_id = ?, attempts = attempts + 1, sent = ?,
                                error = NULL, next_attempt = NULL, updated = ? WHERE key = ?""",
            (message_id, now, now, key),
        )

    def record_send_failed(
        self, key: str, error: str, *, permanent: bool, next_attempt: datetime | None, settings_fingerprint: str | None = None
    ) -> None:
        """`settings_fingerprint`: of the [email] settings the send was made with, so a refusal
        they caused is tried again once they change (`refused_with_other_settings`)."""
        retry_at = next_attempt.astimezone(UTC).isoformat(timespec="seconds") if next_attempt else None
        self._db.execute(
            """UPDATE sends SET status = ?, error = ?, attempts = attempts + 1, next_attempt = ?,
                                updated = ?, settings_fingerprint = ? WHERE key = ?""",
            ("failed" if permanent else "pending", error, retry_at, _now(), settings_fingerprint, key),
        )

    def send_settings_fingerprint(self, key: str) -> str | None:
        row = self._db.execute("SELECT settings_fingerprint FROM sends WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def refused_with_other_settings(self, settings_fingerprint: str) -> list[str]:
        """Days with a refused message sent under other [email] settings than these: the
        refusal may have been theirs (530 without STARTTLS, a wrong port), so it is tried again."""
        rows = self._db.execute(
            "SELECT DISTINCT run_date FROM sends WHERE status = 'failed'"
            " AND settings_fingerprint IS NOT NULL AND settings_fingerprint != ? ORDER BY run_date",
            (settings_fingerprint,),
        )
        return [day for (day,) in rows]

    def supersede_sends(self, run_date: str, recipient: str, keep: set[str]) -> None:
        """Pending messages of a day whose attachment set has since grown: the new one carries them."""
        rows = self._db.execute(
            "SELECT key FROM sends WHERE run_date = ? AND recipient = ? AND status = 'pending'", (run_date, recipient)
        ).fetchall()
        for (key,) in rows:
            if key not in keep:
                self._db.execute("UPDATE sends SET status = 'superseded', updated = ? WHERE key = ?", (_now(), key))

    def send_counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT status, COUNT(*) FROM sends GROUP BY status"))


def _add_sends_fingerprint(connection: sqlite3.Connection) -> None:
    """A ledger made before sends had `settings_fingerprint` gets the column (NULL: unknown)."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(sends)")}
    if "settings_fingerprint" not in columns:
        connection.execute("ALTER TABLE sends ADD COLUMN settings_fingerprint TEXT")


def _add_runs_refused(connection: sqlite3.Connection) -> None:
    """A ledger made before runs had `refused` gets the column (NULL: not refused)."""
    columns = {row[1] for row in connection.execute("PRAGMA table_info(runs)")}
    if "refused" not in columns:
        connection.execute("ALTER TABLE runs ADD COLUMN refused TEXT")


@dataclass(frozen=True)
class Send:
    key: str
    run_date: str
    recipient: str
    attachments: tuple[str, ...]
    message_id: str
    status: str
    attempts: int
    next_attempt: str | None
    error: str | None
    created: str
    sent: str | None

    def waiting(self, now: datetime) -> bool:
        """Still inside its back-off: the daemon leaves it until `next_attempt`."""
        return self.next_attempt is not None and datetime.fromisoformat(self.next_attempt) > now


_SEND_COLUMNS = "key, run_date, recipient, attachments, message_id, status, attempts, next_attempt, error, created, sent"


def _send(row: tuple) -> Send:
    (key, run_date, recipient, attachments, message_id, status, attempts, next_attempt, error, created, sent) = row
    return Send(
        key, run_date, recipient, tuple(json.loads(attachments)), message_id, status, attempts, next_attempt,
        error, created, sent,
    )


def _filter(status: str | None, run_date: str | None) -> tuple[str, list[str]]:
    """A WHERE clause on the optional status and run date, with its parameters."""
    clauses = [(column, value) for column, value in (("status", status), ("run_date", run_date)) if value]
    if not clauses:
        return "", []
    return "WHERE " + " AND ".join(f"{column} = ?" for column, _ in clauses), [value for _, value in clauses]


_COLUMNS = "key, article_id, source, status, run_date, title, outputs, error, attempts, first_seen, updated"


def _entry(row: tuple) -> Entry:
    (key, article_id, source, status, run_date, title, outputs, error, attempts, first_seen, updated) = row
    return Entry(
        key, article_id, source, status, run_date, title, tuple(json.loads(outputs)), error,
        attempts, first_seen, updated,
    )
