"""The SQLite ledger under the output folder: what was seen, rendered, failed (and later, sent).

An article is keyed by its content hash, so a changed file is a new article and the same
text under another name is not. An article is marked `rendered` only after its PDF is in
place, so a crash between the two leaves it to be rendered again, never lost.
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
SCHEMA_VERSION = 1

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


_COLUMNS = "key, article_id, source, status, run_date, title, outputs, error, attempts, first_seen, updated"


def _entry(row: tuple) -> Entry:
    (key, article_id, source, status, run_date, title, outputs, error, attempts, first_seen, updated) = row
    return Entry(
        key, article_id, source, status, run_date, title, tuple(json.loads(outputs)), error,
        attempts, first_seen, updated,
    )
