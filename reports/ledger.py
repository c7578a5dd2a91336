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

LEDGER_NAME = "ledger.sqlite3"
SCHEMA_VERSION = 2

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
    failed    INTEGER NOT NULL DEFAULT 0
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
    updated      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_by_status ON sends (status, run_date);
"""


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
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            yield cls(connection, path)
        finally:
            connection.close()

    def known(self) -> dict[str, str]:
        """key -> status of every article ever recorded (one query: idle runs stay cheap)."""
        return dict(self._db.execute("SELECT key, status FROM articles"))

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

    def record_failed(self, key: str, *, article_id: str | None, source: str, run_date: str, error: str) -> None:
        self._upsert(key, article_id, source, "failed", run_date, None, [], error, None)

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
    ) -> None:
        now = _now()
        analysis_json = json.dumps(analysis, ensure_ascii=False) if analysis is not None else None
        self._db.execute(
            """INSERT INTO articles (key, article_id, source, status, run_date, title, outputs,
                                     analysis, error, first_seen, updated)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (key) DO UPDATE SET
                   article_id = excluded.article_id, source = excluded.source,
                   status = excluded.status, run_date = excluded.run_date,
                   title = excluded.title, outputs = excluded.outputs,
                   analysis = excluded.analysis, error = excluded.error,
                   attempts = articles.attempts + 1, updated = excluded.updated""",
            (key, article_id, source, status, run_date, title, json.dumps(outputs), analysis_json,
             error, now, now),
        )

    def start_run(self, run_date: str) -> int:
        cursor = self._db.execute("INSERT INTO runs (started, run_date) VALUES (?, ?)", (_now(), run_date))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, *, new: int, skipped: int, failed: int) -> None:
        self._db.execute(
            "UPDATE runs SET finished = ?, new = ?, skipped = ?, failed = ? WHERE id = ?",
            (_now(), new, skipped, failed, run_id),
        )

    def entries(self, status: str | None = None, run_date: str | None = None) -> list[Entry]:
        query, params = f"SELECT {_COLUMNS} FROM articles WHERE 1=1", []
        if status:
            query += " AND status = ?"
            params.append(status)
        if run_date:
            query += " AND run_date = ?"
            params.append(run_date)
        return [_entry(row) for row in self._db.execute(query + " ORDER BY updated, key", params)]

    def manifest(self, run_date: str) -> list[dict[str, object]]:
        """The day's rendered articles: each one's analysis JSON plus its PDF path."""
        rows = self._db.execute(
            "SELECT analysis, outputs FROM articles WHERE run_date = ? AND status = 'rendered'"
            " ORDER BY first_seen, key",
            (run_date,),
        )
        return [{**json.loads(analysis or "{}"), "pdf": json.loads(paths)[0]} for analysis, paths in rows]

    def counts(self) -> dict[str, int]:
        return dict(self._db.execute("SELECT status, COUNT(*) FROM articles GROUP BY status"))

    def last_run(self) -> dict[str, object] | None:
        row = self._db.execute(
            "SELECT started, finished, run_date, new, skipped, failed FROM runs ORDER BY id DESC LIMIT 1"
        ).fetchone()
        if not row:
            return None
        keys = ("started", "finished", "run_date", "new", "skipped", "failed")
        return dict(zip(keys, row, strict=True))


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
        query, params = f"SELECT {_SEND_COLUMNS} FROM sends WHERE 1=1", []
        if status:
            query += " AND status = ?"
            params.append(status)
        if run_date:
            query += " AND run_date = ?"
            params.append(run_date)
        return [_send(row) for row in self._db.execute(query + " ORDER BY created, key", params)]

    def record_sent(self, key: str, message_id: str) -> None:
        now = _now()
        self._db.execute(
            """UPDATE sends SET status = 'sent', message_id = ?, attempts = attempts + 1, sent = ?,
                                error = NULL, next_attempt = NULL, updated = ? WHERE key = ?""",
            (message_id, now, now, key),
        )

    def record_send_failed(self, key: str, error: str, *, permanent: bool, next_attempt: datetime | None) -> None:
        retry_at = next_attempt.astimezone(UTC).isoformat(timespec="seconds") if next_attempt else None
        self._db.execute(
            """UPDATE sends SET status = ?, error = ?, attempts = attempts + 1, next_attempt = ?,
                                updated = ? WHERE key = ?""",
            ("failed" if permanent else "pending", error, retry_at, _now(), key),
        )

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


_COLUMNS = "key, article_id, source, status, run_date, title, outputs, error, attempts, first_seen, updated"


def _entry(row: tuple) -> Entry:
    (key, article_id, source, status, run_date, title, outputs, error, attempts, first_seen, updated) = row
    return Entry(
        key, article_id, source, status, run_date, title, tuple(json.loads(outputs)), error,
        attempts, first_seen, updated,
    )
