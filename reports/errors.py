"""Every error `reports` raises on purpose.

    ReportsError
    ├── ConfigError          bad or unknown configuration, bad CLI values  -> exit 2
    ├── LockedError          another run or daemon holds the output folder -> exit 2
    ├── SendError            the SMTP server did not take a message; it stays pending
    │                        (`permanent`: refused for good, marked failed) -> exit 1
    ├── ClusterLost          the Dask scheduler went away mid-run: the run stops, what was
    │                        written is recorded, a re-run briefs the rest -> exit 1
    └── ArticleError         one article cannot be briefed; the run goes on -> exit 1
        ├── ReadError        unreadable, undecodable, empty or not an article
        ├── AnalysisError    the text could not be analysed
        └── RenderError      the template or WeasyPrint failed for this article

Stages raise an ArticleError subclass; only `pipeline` catches them, records the failure in
the ledger and carries on with the next article.
"""

from __future__ import annotations


class ReportsError(Exception):
    """Base of every error raised on purpose."""


class ConfigError(ReportsError):
    """The configuration or a command-line value is wrong; the message names the key."""


class LockedError(ReportsError):
    """Another `reports` process is working on the same output folder."""


class SendError(ReportsError):
    """A message was not delivered. The text never holds the SMTP password."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class ClusterLost(ReportsError):
    """The connection to the Dask scheduler failed or was lost; no article is to blame."""


class ArticleError(ReportsError):
    """One article cannot be briefed. The message is the reason shown to the user."""


class ReadError(ArticleError):
    pass


class AnalysisError(ArticleError):
    pass


class RenderError(ArticleError):
    pass
