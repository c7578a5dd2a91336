"""Settings: defaults <- reports.toml <- command-line overrides. The environment is read here only.

Each section is a frozen dataclass whose fields are the keys it accepts; a key that is not a
field, or a value of the wrong kind, is refused with a ConfigError naming `section.key`.
Relative paths in the file are relative to the file's folder; without a file, to the
working directory.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reports.errors import ConfigError

CONFIG_NAME = "reports.toml"
THEMES = ("standard", "compact")
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3b", "none")
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")
_SCHEDULER = re.compile(r"^(tcp|tls|ws|wss)://[^\s/:]+(:\d{1,5})?$")


@dataclass(frozen=True)
class PathsSettings:
    inbox: Path = Path("seeds")
    """Folder of incoming articles, read recursively."""
    out: Path = Path("out")
    """Output root: one dated folder per run day, plus the ledger."""
    templates: Path = Path("templates")
    """Files here override the packaged templates by name."""

    def user_templates(self) -> Path | None:
        """The templates folder, if there is one; else only the packaged templates are used."""
        return self.templates if self.templates.is_dir() else None


@dataclass(frozen=True)
class ScheduleSettings:
    timezone: str | None = None
    """IANA time zone that decides "today" and the digest times; unset: the machine's."""
    scan_minutes: int = 15
    """The daemon looks for new articles this often."""
    scan_seconds: int = 0
    """If above 0, the scan interval in seconds instead of scan_minutes (busy inboxes, tests)."""
    digest_at: tuple[str, ...] = ("07:00",)
    """Local HH:MM times at which the day's digest is made and e-mailed."""


@dataclass(frozen=True)
class EmailSettings:
    enabled: bool = False
    host: str = "localhost"
    port: int = 587
    security: str = "starttls"
    """"starttls" | "ssl" | "none"."""
    username: str | None = None
    password_env: str = "REPORTS_SMTP_PASSWORD"
    """Name of the environment variable holding the SMTP password (never the password)."""
    sender: str = "Briefings <briefings@localhost>"
    recipients: tuple[str, ...] = ()
    """Addresses, plain or with a display name; or `[[email.recipients]]` tables (address, name,
    sections), whose To: values land here and whose sections in `recipient_tables`."""
    recipient_tables: tuple[Recipient, ...] = field(default=(), metadata={"internal": True})
    """Not a key: set by the loader from `recipients` (what it cannot hold, the sections)."""
    attach: str = "digest"
    """"digest" | "articles" | "both"."""
    max_bytes: int = 20_000_000
    """Attachments above this are split over several messages."""
    timeout: int = 30
    """Seconds to wait for the SMTP server before the send is left pending for a retry."""
    ca_file: str | None = None
    """A PEM file of CA certificates to trust for TLS instead of the system's (a private CA)."""


@dataclass(frozen=True)
class Recipient:
    """One `[[email.recipients]]` table, or one plain address of the list."""

    address: str = ""
    """The address, alone or with a display name: "Bob Night Editor <bob@example.org>"."""
    name: str | None = None
    """A display name, when `address` has none."""
    sections: tuple[str, ...] = ()
    """The digest sections this recipient gets (names of `[[sections]]`, or "Other"); empty: all."""

    @property
    def formatted(self) -> str:
        """The To: header value, "Name <address>" when there is a name."""
        from email.utils import formataddr, parseaddr

        shown, bare = parseaddr(self.address)
        return formataddr((self.name or shown, bare)) if (self.name or shown) else bare


@dataclass(frozen=True)
class SectionMatch:
    """What puts a story in a section: any of these (keywords in its title, key phrases or summary,
    whole words, any case; the feed it came from; an inbox folder it was read from)."""

    keywords: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    folders: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionSettings:
    """One `[[sections]]` table: a named group of the digest's front page."""

    name: str = ""
    match: SectionMatch = field(default_factory=SectionMatch)


@dataclass(frozen=True)
class AnalysisSettings:
    sentences: int = 3
    """Summary length in sentences."""
    language: str = "auto"
    """The language of articles that do not declare one (an ISO 639-1 code such as "fr" or
    "de"), or "auto" to detect it from each article's text. An article's own declaration
    (`<html lang>`, `og:locale`, front matter, a jsonl "language") always wins."""


@dataclass(frozen=True)
class RenderSettings:
    page_size: str = "A4"
    """"A4" | "Letter"."""
    theme: str = "standard"
    """"standard" (one or two pages, with the article) | "compact" (one page, no article text)."""
    pdf_variant: str = "pdf/ua-1"
    """"pdf/ua-1" (tagged, for screen readers) | "pdf/a-3b" (archival) | "none"."""
    language: str = "en"
    """The language of the digest's front page, a two-letter code such as "fr" or "de" (its
    words from templates/labels.toml, its date in the language by Babel). Each briefing is
    written in its own article's language whatever this says."""


@dataclass(frozen=True)
class ClusterSettings:
    """Where articles are briefed: locally (the default) or on a Dask cluster."""

    address: str | None = None
    """The Dask scheduler, e.g. "tcp://host:8786"; unset: a local process pool (`--workers`)."""
    worker_wait_seconds: float = 120.0
    """A run with articles to brief waits this long for a first worker to join the scheduler,
    then stops (exit 1) and leaves the articles to the next run."""


@dataclass(frozen=True)
class FeedSettings:
    """One `[[feeds]]` table: an RSS or Atom feed whose new items are fetched and briefed."""

    url: str = ""
    """The feed's http(s) address."""
    name: str | None = None
    """How reports name the feed, and its archive folder under `<inbox>/feeds/`; default: its host."""


@dataclass(frozen=True)
class FetchSettings:
    """How feeds and their pages are fetched."""

    timeout_seconds: float = 20.0
    """Per request: connecting, and each wait for data."""
    max_bytes: int = 5_000_000
    """A feed or page larger than this is refused."""
    max_redirects: int = 5
    delay_seconds: float = 1.0
    """Politeness: at least this long between two requests to the same host."""
    retry_minutes: int = 15
    """After a feed fails, wait this long before trying it again, doubling per failure (up to a day)."""
    user_agent: str = "reports/0.1 (news briefing feed reader)"
    """Sent with every request; add a contact address so publishers can reach you."""
    allow_internal_links: bool = False
    """Follow item links to loopback, private or link-local addresses. Off: only the feed's own
    host may be internal (an intranet feed works), so a feed cannot point the fetcher at other
    machines inside the network."""


@dataclass(frozen=True)
class RetentionSettings:
    """How long day folders are kept (the ledger is never pruned)."""

    keep_days: int = 0
    """0: keep every day folder; N: after each run, remove day folders more than N days older
    than the run's date (`reports prune --dry-run` shows which)."""


@dataclass(frozen=True)
class Settings:
    paths: PathsSettings = field(default_factory=PathsSettings)
    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    email: EmailSettings = field(default_factory=EmailSettings)
    analysis: AnalysisSettings = field(default_factory=AnalysisSettings)
    render: RenderSettings = field(default_factory=RenderSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    retention: RetentionSettings = field(default_factory=RetentionSettings)
    feeds: tuple[FeedSettings, ...] = ()
    """The `[[feeds]]` tables, in order."""
    sections: tuple[SectionSettings, ...] = ()
    """The `[[sections]]` tables, in the digest's order; stories matching none are "Other"."""
    source: Path | None = None
    """The file these settings came from, if any."""

    def smtp_password(self) -> str | None:
        """The SMTP password from the environment variable the config names."""
        return os.environ.get(self.email.password_env) or None

    def readers(self) -> tuple[Recipient, ...]:
        """The e-mail recipients with their sections (`email.recipients` holds their To: values)."""
        return self.email.recipient_tables or tuple(Recipient(address) for address in self.email.recipients)

    def replace(self, **sections: Any) -> Settings:
        """A copy with some fields of some sections replaced: replace(paths={"out": p})."""
        changes = {
            name: dataclasses.replace(getattr(self, name), **values)
            for name, values in sections.items()
            if values
        }
        return dataclasses.replace(self, **changes)


PAGE_SIZES = ("A4", "Letter")

_SECTIONS: dict[str, type] = {
    "paths": PathsSettings,
    "schedule": ScheduleSettings,
    "email": EmailSettings,
    "analysis": AnalysisSettings,
    "render": RenderSettings,
    "fetch": FetchSettings,
    "cluster": ClusterSettings,
    "retention": RetentionSettings,
}


def load_settings(path: Path | None = None, cwd: Path | None = None) -> Settings:
    """Read `path`, or `reports.toml` in `cwd` if present, else return the defaults."""
    cwd = cwd or Path.cwd()
    if path is None and (cwd / CONFIG_NAME).is_file():
        path = cwd / CONFIG_NAME
    if path is None:
        return _resolve(Settings(), cwd)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"config file not found: {path}") from error
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    settings = from_mapping(data, source=Path(path))
    return _resolve(settings, Path(path).resolve().parent)


def from_mapping(data: dict[str, Any], source: Path | None = None) -> Settings:
    sections: dict[str, Any] = {}
    for name, values in data.items():
        if name == "feeds":
            sections["feeds"] = _feeds(values)
            continue
        if name == "sections":
            sections["sections"] = _digest_sections(values)
            continue
        if name not in _SECTIONS:
            raise ConfigError(f"unknown section [{name}] (known: {', '.join([*_SECTIONS, 'feeds', 'sections'])})")
        if not isinstance(values, dict):
            raise ConfigError(f"[{name}] must be a table")
        if name == "email" and isinstance(values.get("recipients"), list):
            tables = _recipients(values["recipients"])
            values = {**values, "recipients": [r.formatted for r in tables]}
            sections[name] = dataclasses.replace(_section(name, _SECTIONS[name], values), recipient_tables=tables)
            continue
        sections[name] = _section(name, _SECTIONS[name], values)
    if "render" in sections:
        render = sections["render"]
        sections["render"] = dataclasses.replace(render, page_size=_canonical(render.page_size, PAGE_SIZES))
    settings = Settings(**sections, source=source)
    _validate(settings)
    return settings


def _section(name: str, cls: type, values: dict[str, Any]) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls) if not f.metadata.get("internal")}
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in fields:
            raise ConfigError(f"unknown key {name}.{key} (known: {', '.join(fields)})")
        kwargs[key] = _coerce(f"{name}.{key}", fields[key].default, value)
    return cls(**kwargs)


def _feeds(values: Any) -> tuple[FeedSettings, ...]:
    """`[[feeds]]`: an array of tables, each refused by its position, e.g. `feeds[2].url`."""
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise ConfigError("feeds must be an array of tables: [[feeds]] with url = \"https://...\"")
    feeds = tuple(_section(f"feeds[{i}]", FeedSettings, table) for i, table in enumerate(values, start=1))
    names: set[str] = set()
    for i, feed in enumerate(feeds, start=1):
        if not re.match(r"^https?://[^/\s]+", feed.url):
            raise ConfigError(f"feeds[{i}].url must be an http:// or https:// address, not {feed.url!r}")
        name = (feed.name or feed.url).casefold()
        if name in names:
            raise ConfigError(f"feeds[{i}]: {feed.name or feed.url!r} is listed twice")
        names.add(name)
    return feeds


def _recipients(values: list[Any]) -> tuple[Recipient, ...]:
    """`email.recipients`: plain addresses and `[[email.recipients]]` tables, in one list."""
    found = []
    for i, value in enumerate(values, start=1):
        if isinstance(value, str):
            value = {"address": value}
        if not isinstance(value, dict):
            raise ConfigError(f"email.recipients[{i}] must be an address or a table with address, name, sections")
        recipient = _section(f"email.recipients[{i}]", Recipient, value)
        if not is_address(recipient.address):
            raise ConfigError(f"email.recipients[{i}].address: {recipient.address!r} is not an e-mail address")
        found.append(recipient)
    return tuple(found)


def _digest_sections(values: Any) -> tuple[SectionSettings, ...]:
    """`[[sections]]`: name, and match = { keywords, feeds, folders }; refused by position."""
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise ConfigError('sections must be an array of tables: [[sections]] with name = "..." and match = { keywords = [...] }')
    found = []
    for i, table in enumerate(values, start=1):
        match = table.get("match", {})
        if not isinstance(match, dict):
            raise ConfigError(f"sections[{i}].match must be a table (known: keywords, feeds, folders)")
        rest = {k: v for k, v in table.items() if k != "match"}
        section = _section(f"sections[{i}]", SectionSettings, rest)
        found.append(dataclasses.replace(section, match=_section(f"sections[{i}].match", SectionMatch, match)))
    names: set[str] = set()
    for i, section in enumerate(found, start=1):
        if not section.name.strip():
            raise ConfigError(f"sections[{i}].name must be a non-empty name")
        if section.name.casefold() in names or section.name.casefold() == "other":
            raise ConfigError(f"sections[{i}].name: {section.name!r} is used twice (\"Other\" is the rest)")
        names.add(section.name.casefold())
        if not any(dataclasses.astuple(section.match)):
            raise ConfigError(f"sections[{i}].match must name keywords, feeds or folders")
    return tuple(found)


def _coerce(key: str, default: Any, value: Any) -> Any:
    """Check `value` against the kind of the field's default."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{key} must be true or false, not {value!r}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{key} must be a number, not {value!r}")
        return float(value)
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{key} must be a whole number, not {value!r}")
        return value
    if isinstance(default, Path):
        if not isinstance(value, str) or not value:
            raise ConfigError(f"{key} must be a path string, not {value!r}")
        return Path(value).expanduser()
    if isinstance(default, tuple):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{key} must be a list of strings, not {value!r}")
        return tuple(value)
    if not isinstance(value, str):
        raise ConfigError(f"{key} must be a string, not {value!r}")
    return value


def _validate(settings: Settings) -> None:
    schedule, email = settings.schedule, settings.email
    if settings.retention.keep_days < 0:
        raise ConfigError(f"retention.keep_days must be 0 (keep all) or more, not {settings.retention.keep_days}")
    if schedule.timezone is not None:
        try:
            zoneinfo.ZoneInfo(schedule.timezone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise ConfigError(f"schedule.timezone: unknown time zone {schedule.timezone!r}") from error
    if schedule.scan_minutes < 1:
        raise ConfigError("schedule.scan_minutes must be at least 1")
    if schedule.scan_seconds < 0:
        raise ConfigError("schedule.scan_seconds must be 0 (use scan_minutes) or more")
    for when in schedule.digest_at:
        if not _TIME.match(when):
            raise ConfigError(f"schedule.digest_at: {when!r} is not a HH:MM time")
    _one_of("email.security", email.security, ("starttls", "ssl", "none"))
    _one_of("email.attach", email.attach, ("digest", "articles", "both"))
    _one_of("render.page_size", settings.render.page_size, PAGE_SIZES)
    _one_of("render.theme", settings.render.theme, THEMES)
    _one_of("render.pdf_variant", settings.render.pdf_variant, PDF_VARIANTS)
    if not 1 <= email.port <= 65535:
        raise ConfigError(f"email.port must be between 1 and 65535, not {email.port}")
    if email.max_bytes < 10_000:
        raise ConfigError("email.max_bytes must be at least 10000")
    if not 1 <= email.timeout <= 600:
        raise ConfigError(f"email.timeout must be between 1 and 600 seconds, not {email.timeout}")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", email.password_env):
        raise ConfigError(f"email.password_env must name an environment variable, not {email.password_env!r}")
    for address in email.recipients:
        if not is_address(address):
            raise ConfigError(f"email.recipients: {address!r} is not an e-mail address")
    known = {s.name.casefold() for s in settings.sections} | {"other"}
    for i, reader in enumerate(settings.readers(), start=1):
        for name in reader.sections:
            if name.casefold() not in known:
                choices = ", ".join([*(s.name for s in settings.sections), "Other"])
                raise ConfigError(f"email.recipients[{i}].sections: no section {name!r} (known: {choices})")
    if email.enabled and not email.recipients:
        raise ConfigError("email.recipients must list at least one address when email.enabled is true")
    if not 1 <= settings.analysis.sentences <= 50:
        raise ConfigError("analysis.sentences must be between 1 and 50")
    if not re.fullmatch(r"[a-z]{2}", settings.render.language):
        raise ConfigError(f'render.language must be a two-letter code such as "en" or "fr", not {settings.render.language!r}')
    if settings.analysis.language != "auto" and not re.fullmatch(r"[a-z]{2}", settings.analysis.language):
        raise ConfigError(f'analysis.language must be "auto" or a two-letter code such as "fr", not {settings.analysis.language!r}')
    _validate_fetch(settings.fetch)
    validate_cluster(settings.cluster)


def is_address(value: str) -> bool:
    """One address, bare or with a display name ("Bob Night Editor <bob@example.org>")."""
    from email.utils import getaddresses

    found = getaddresses([value])
    return len(found) == 1 and bool(_ADDRESS.match(found[0][1]))


def validate_cluster(cluster: ClusterSettings) -> None:
    """Also called for `--cluster`, which bypasses the file."""
    if cluster.address is not None and not _SCHEDULER.match(cluster.address):
        raise ConfigError(
            f"cluster.address must be a Dask scheduler address like tcp://host:8786, not {cluster.address!r}"
        )
    if not 0 < cluster.worker_wait_seconds <= 86_400:
        raise ConfigError(f"cluster.worker_wait_seconds must be above 0 and at most a day, not {cluster.worker_wait_seconds}")


def _validate_fetch(fetch: FetchSettings) -> None:
    if not 0 < fetch.timeout_seconds <= 300:
        raise ConfigError(f"fetch.timeout_seconds must be above 0 and at most 300, not {fetch.timeout_seconds}")
    if fetch.max_bytes < 10_000:
        raise ConfigError("fetch.max_bytes must be at least 10000")
    if not 0 <= fetch.max_redirects <= 20:
        raise ConfigError(f"fetch.max_redirects must be between 0 and 20, not {fetch.max_redirects}")
    if not 0 <= fetch.delay_seconds <= 60:
        raise ConfigError(f"fetch.delay_seconds must be between 0 and 60, not {fetch.delay_seconds}")
    if fetch.retry_minutes < 0:
        raise ConfigError("fetch.retry_minutes must be 0 (retry every scan) or more")
    if not fetch.user_agent.strip() or any(c in fetch.user_agent for c in "\r\n"):
        raise ConfigError("fetch.user_agent must be one non-empty line")


def _canonical(value: str, allowed: tuple[str, ...]) -> str:
    """The allowed spelling of a value given in another case ("letter" -> "Letter")."""
    return next((choice for choice in allowed if choice.casefold() == value.casefold()), value)


def _one_of(key: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ConfigError(f"{key} must be one of {', '.join(map(repr, allowed))}, not {value!r}")


def _resolve(settings: Settings, base: Path) -> Settings:
    paths, email = settings.paths, settings.email
    if email.ca_file is not None:
        ca_file = _absolute(Path(email.ca_file).expanduser(), base)
        if not ca_file.is_file():
            raise ConfigError(f"email.ca_file: {ca_file} is not a file")
        email = dataclasses.replace(email, ca_file=str(ca_file))
    return dataclasses.replace(
        settings,
        paths=PathsSettings(
            inbox=_absolute(paths.inbox, base),
            out=_absolute(paths.out, base),
            templates=_absolute(paths.templates, base),
        ),
        email=email,
    )


def _absolute(path: Path, base: Path) -> Path:
    return path if path.is_absolute() else base / path
