"""`reports doctor`: check a set-up before its first morning, one line per part, with the fix.

    config      the file loads (unknown keys and bad values are named)
    templates   they compile and render the sample briefing of reports/probe.py to a PDF
    fonts       every font family the templates name is one fontconfig has (else WeasyPrint
                falls back to another face), and HarfBuzz subsets them into the PDF
    inbox, out  readable and writable, with free space
    ledger      opens read-only and passes PRAGMA integrity_check
    schedule    the time zone, and when the next digest is due
    feed ...    each feed answers one conditional GET (its items are not fetched)
    email       the SMTP server answers, STARTTLS and AUTH work (no message is sent)
    dask        the scheduler answers, with its workers (when cluster.address is set)

The doctor changes nothing: no folder, ledger or file is made. The write test opens an unnamed
temporary file (O_TMPFILE on Linux), which leaves nothing behind even when it succeeds, and
is a real write, so it also tells the truth when run as root or on a read-only mount.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from reports.config import Settings, load_settings
from reports.errors import ReportsError

MIN_FREE_BYTES = 100_000_000  # a briefing is ~100 KB: room for a long backlog and its digests
GENERIC_FAMILIES = {
    "serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-serif", "ui-sans-serif",
    "ui-monospace", "ui-rounded", "math", "emoji", "fangsong", "inherit", "initial", "unset", "revert",
}
# Where templates name fonts: CSS declarations and SVG/HTML attributes.
_FONT_FAMILY = re.compile(r"""font-family\s*(?::\s*(?P<css>[^;{}<>]+)|=\s*(?P<q>["'])(?P<attr>.*?)(?P=q))""")
_FONT_FILES = ("briefing.css", "briefing.html", "charts.html", "digest.html")


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str | None = None

    def line(self) -> str:
        fix = f" -- fix: {self.fix}" if self.fix and not self.ok else ""
        return f"{'ok  ' if self.ok else 'FAIL'}  {self.name:<10} {self.detail}{fix}"

    def to_json(self) -> dict[str, object]:
        return asdict(self)


def run(config: Path | None, now: datetime | None = None) -> list[Check]:
    """Every check, in order. A config that does not load is the one failure reported."""
    try:
        settings = load_settings(config)
    except ReportsError as error:
        return [Check("config", False, str(error), "correct the key named above (README: Configuration)")]
    source = settings.source or "no reports.toml: the defaults"
    checks = [Check("config", True, str(source))]
    rendered: list[bytes] = []
    parts: list[tuple[str, Callable[[], Check]]] = [
        ("templates", lambda: _templates(settings, rendered)),
        ("fonts", lambda: _fonts(settings)),
        ("subsetting", lambda: _subsetting(rendered)),
        ("inbox", lambda: _folder("inbox", settings.paths.inbox, "paths.inbox")),
        ("out", lambda: _folder("out", settings.paths.out, "paths.out")),
        ("ledger", lambda: _ledger(settings.paths.out)),
        ("schedule", lambda: _schedule(settings, now)),
    ]
    parts += [(f"feed {feed.url}", lambda f=feed: _feed(settings, f)) for feed in settings.feeds]  # type: ignore[misc]
    parts.append(("email", lambda: _email(settings)))
    if settings.cluster.address:
        parts.append(("dask", lambda: _dask(settings.cluster.address or "")))
    return checks + [_contained(name, check) for name, check in parts]


def _contained(name: str, check: Callable[[], Check]) -> Check:
    """One check that raises unexpectedly is one failed line, not the end of the doctor."""
    try:
        return check()
    except Exception as error:  # noqa: BLE001 (the doctor reports whatever a check met)
        return Check(name, False, f"{type(error).__name__}: {error}", "report this as a bug")


# -- templates and fonts ------------------------------------------------------------------------


def _templates(settings: Settings, rendered: list[bytes]) -> Check:
    from reports.probe import check_templates

    folder = settings.paths.user_templates()
    where = f"{folder} over the defaults" if folder else "the packaged defaults"
    try:
        result = check_templates(folder, settings.render, date.today(), sentences=settings.analysis.sentences, pdf=True)
    except ReportsError as error:
        fix = "correct the template at that line, or remove your copy to use the default"
        return Check("templates", False, str(error), fix)
    assert result is not None
    rendered.append(result.pdf)
    return Check("templates", True, f"{where}: a sample briefing renders ({result.pages} pages)")


def font_stacks(templates_dir: Path | None) -> Iterator[tuple[str, list[str]]]:
    """(template name, named families) of each font-family the templates in use declare."""
    from reports.render import templates

    for name in _FONT_FILES:
        try:
            text, _ = templates.source_of(templates_dir, name)
        except Exception:  # noqa: BLE001 (a missing template is the templates check's to report)
            continue
        for match in _FONT_FAMILY.finditer(text):
            value = match.group("css") or match.group("attr") or ""
            if "{{" in value or "{%" in value:
                continue
            families = [f.strip().strip("\"'").strip() for f in value.split(",")]
            named = [f for f in families if f and f.lower() not in GENERIC_FAMILIES and not f.startswith("var(")]
            if named:
                yield name, named


def fontconfig_has(family: str) -> bool:
    """Whether fontconfig, through the library WeasyPrint loads, has a face of this family
    (it always answers with some face: the question is whether it is the one asked for)."""
    from weasyprint.text.ffi import ffi, fontconfig

    pattern = fontconfig.FcPatternCreate()
    try:
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcConfigSubstitute(ffi.NULL, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        match = fontconfig.FcFontMatch(ffi.NULL, pattern, result)
        if match == ffi.NULL:
            return False
        try:
            value = ffi.new("FcChar8 **")
            index = 0
            while fontconfig.FcPatternGetString(match, b"family", index, value) == fontconfig.FcResultMatch:
                if ffi.string(value[0]).decode(errors="replace").casefold() == family.casefold():
                    return True
                index += 1
            return False
        finally:
            fontconfig.FcPatternDestroy(match)
    finally:
        fontconfig.FcPatternDestroy(pattern)


def _fonts(settings: Settings) -> Check:
    found: dict[str, bool] = {}
    missing: list[str] = []
    stacks = 0
    for name, families in font_stacks(settings.paths.user_templates()):
        stacks += 1
        for family in families:
            if family not in found:
                found[family] = fontconfig_has(family)
        if not any(found[f] for f in families):
            stack = ", ".join(f'"{f}"' for f in families)
            missing.append(f"{name}: {stack}")
    if missing:
        return Check(
            "fonts", False, f"no installed font for {'; '.join(dict.fromkeys(missing))}",
            "install the font (fc-list : family lists those fontconfig has) or name an installed one in font-family",
        )
    used = sorted(f for f, ok in found.items() if ok)
    return Check("fonts", True, f"{stacks} font-family declarations, installed: {', '.join(used) or 'generic only'}")


def _subsetting(rendered: list[bytes]) -> Check:
    """HarfBuzz subsets fonts into the PDF (WeasyPrint falls back to fontTools without it)."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    version = ">= 4.1" if harfbuzz.hb_version_atleast(4, 1, 0) else "< 4.1"
    if harfbuzz_subset is None or not harfbuzz.hb_version_atleast(4, 1, 0):
        return Check(
            "subsetting", False, f"HarfBuzz {version} without the subset library (WeasyPrint falls back to fontTools)",
            "install libharfbuzz-subset0 (Debian/Ubuntu) or harfbuzz >= 4.1",
        )
    if not rendered:
        return Check("subsetting", True, f"HarfBuzz {version} with hb-subset (no sample PDF to look into)")
    fonts = _embedded_fonts(rendered[0])
    whole = [f for f in fonts if "+" not in f]
    if not fonts or whole:
        detail = "no font embedded in the sample PDF" if not fonts else f"not subset: {', '.join(whole)}"
        return Check("subsetting", False, detail, "check the WeasyPrint and HarfBuzz installation (.ci/setup)")
    names = sorted({f.split("+", 1)[1] for f in fonts})
    detail = f"HarfBuzz {version}: {len(fonts)} subset fonts in the sample ({', '.join(names)})"
    return Check("subsetting", True, detail)


def _embedded_fonts(pdf: bytes) -> list[str]:
    import io

    from pypdf import PdfReader

    names: set[str] = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            base = font.get_object().get("/BaseFont")
            if base:
                names.add(str(base).lstrip("/"))
    return sorted(names)


# -- folders and ledger ----------------------------------------------------------------------


def _folder(name: str, path: Path, key: str) -> Check:
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if existing != path:
        if name == "inbox":
            return Check(name, False, f"{path} does not exist", f"create it, or set {key}")
        note = f"{path} does not exist yet: the first run makes it in {existing}"
    else:
        note = str(path)
    if not existing.is_dir():
        return Check(name, False, f"{existing} is not a folder", f"set {key} to a folder")
    try:
        entries = sum(1 for _ in existing.iterdir())
    except OSError as error:
        fix = f"give this user read access, or set {key}"
        return Check(name, False, f"{existing} cannot be read: {error.strerror}", fix)
    problem = _unwritable(existing)
    if problem:
        return Check(name, False, f"{existing} is not writable: {problem}", 
                     f"give this user write access, or set {key}")
    free = shutil.disk_usage(existing).free
    if free < MIN_FREE_BYTES:
        return Check(name, False, f"{note}: only {free / 1e6:.0f} MB free", "free some space, or set retention.keep_days")
    count = f", {entries} entries" if existing == path else ""
    return Check(name, True, f"{note}: readable, writable, {free / 1e9:.1f} GB free{count}")


def _unwritable(folder: Path) -> str | None:
    """Why a file cannot be made in `folder`, found by making one that has no name."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return None
    except OSError as error:
        return error.strerror or str(error)


def _readonly_ledger(out: Path) -> sqlite3.Connection | None:
    """The ledger opened so that nothing is written, not even a -shm file: `immutable` when no
    run has a write-ahead log open (nothing could be missed), else read-only."""
    from reports.ledger import LEDGER_NAME

    path = out / LEDGER_NAME
    if not path.is_file():
        return None
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=5)


def _ledger(out: Path) -> Check:
    try:
        connection = _readonly_ledger(out)
    except sqlite3.Error as error:
        return Check("ledger", False, f"cannot open: {error}", "check the file's permissions")
    if connection is None:
        return Check("ledger", True, "none yet: the first run makes it")
    try:
        verdict = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        articles = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error as error:
        return Check("ledger", False, f"unreadable: {error}", "restore it from a backup, or move it aside to start afresh")
    finally:
        connection.close()
    if verdict != ["ok"]:
        return Check(
            "ledger", False, f"integrity check failed: {'; '.join(verdict[:3])}",
            "restore it from a backup, or move it aside to start afresh (articles would be briefed again)",
        )
    return Check("ledger", True, f"integrity ok, {articles} articles")


# -- schedule ------------------------------------------------------------------------------------


def next_digest(now: datetime, digest_at: tuple[str, ...]) -> datetime | None:
    """The first digest time after `now` (aware, in the schedule's zone)."""
    slots = []
    for day in (now.date(), now.date() + timedelta(days=1)):
        for hhmm in digest_at:
            hour, minute = map(int, hhmm.split(":"))
            slots.append(datetime.combine(day, time(hour, minute), tzinfo=now.tzinfo))
    later = [slot for slot in slots if slot > now]
    return min(later) if later else None


def _schedule(settings: Settings, now: datetime | None) -> Check:
    schedule = settings.schedule
    if schedule.timezone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            zone = ZoneInfo(schedule.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return Check(
                "schedule", False, f"time zone {schedule.timezone!r} is not known",
                "set schedule.timezone to an IANA name such as Europe/London (install tzdata if none is)",
            )
        local = (now or datetime.now(zone)).astimezone(zone)
        label = schedule.timezone
    else:
        local = (now or datetime.now()).astimezone()
        label = f"{local.tzname()}, this machine's (schedule.timezone is not set)"
    upcoming = next_digest(local, schedule.digest_at)
    if upcoming is None:
        return Check("schedule", True, f"time zone {label}; no digest_at times: digests only on demand")
    wait = upcoming - local
    hours, minutes = divmod(int(wait.total_seconds()) // 60, 60)
    return Check(
        "schedule", True,
        f"time zone {label}, now {local:%Y-%m-%d %H:%M}; next digest {upcoming:%Y-%m-%d %H:%M}"
        f" (in {hours} h {minutes:02d} min); scans every {schedule.scan_minutes} min",
    )


# -- network ---------------------------------------------------------------------------------


def _feed(settings: Settings, feed: object) -> Check:
    from reports import feeds

    name = feeds.feed_name(feed)  # type: ignore[arg-type]
    url = feed.url  # type: ignore[attr-defined]
    etag = modified = None
    try:
        connection = _readonly_ledger(settings.paths.out)
    except sqlite3.Error:
        connection = None
    if connection is not None:
        try:
            row = connection.execute("SELECT etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
            etag, modified = row if row else (None, None)
        except sqlite3.Error:
            pass
        finally:
            connection.close()
    try:
        response = feeds.Client(settings.fetch).get(url, etag=etag, modified=modified, delay=False)
        if response.status == 304:
            return Check(f"feed {name}", True, f"{url}: 304 not modified since the last scan")
        entries = feeds.parse(response.body, response.headers.get("content-type", ""), url)
    except feeds.FetchError as error:
        return Check(f"feed {name}", False, f"{url}: {error}", "check the feed's url, and that this machine reaches it")
    return Check(f"feed {name}", True, f"{url}: {response.status}, {len(entries)} entries (none fetched)")


def _email(settings: Settings) -> Check:
    from reports.deliver import SmtpMailer
    from reports.errors import SendError

    email = settings.email
    if not email.enabled:
        return Check("email", True, "off (email.enabled = false)")
    if not email.recipients:
        return Check("email", False, "no recipients", "list them in email.recipients")
    password = settings.smtp_password()
    if email.username and password is None:
        return Check(
            "email", False, f"{email.password_env} is not set (the password for {email.username!r})",
            f"set {email.password_env} in the environment (e.g. the service's EnvironmentFile)",
        )
    try:
        offered = SmtpMailer(email, password).verify()
    except SendError as error:
        text = str(error)
        if "cannot reach" in text:
            fix = "check email.host and email.port, and that this machine reaches the server"
        elif "login" in text:
            fix = f"check email.username and the password in {email.password_env}"
        elif "TLS" in text:
            fix = "check email.security; for a private CA set email.ca_file"
        else:
            fix = "check the [email] settings"
        return Check("email", False, text, fix)
    return Check("email", True, f"{email.host}:{email.port} answers: {offered}; no message sent")


def _dask(address: str) -> Check:
    try:
        from distributed import Client
    except ImportError:
        return Check("dask", False, "cluster.address is set but Dask is not installed", "pip install 'reports[dask]'")
    try:
        client = Client(address, timeout=5, set_as_default=False)
    except (OSError, TimeoutError) as error:
        return Check("dask", False, f"cannot reach the scheduler at {address}: {error}", "start it, or check cluster.address")
    try:
        workers = len(client.scheduler_info().get("workers", {}))
    finally:
        client.close()
    if not workers:
        return Check("dask", False, f"{address} answers but has no workers", "start workers: dask worker " + address)
    return Check("dask", True, f"{address}: {workers} workers")
