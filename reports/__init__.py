"""reports: news articles in, dated PDF briefings out.

    from reports import load_settings, run, analyze
    report = run(load_settings(), date.today())

Names are imported on first use (PEP 562), so `import reports` (and `reports --help`) stays
fast: the analysis and rendering libraries load only when something needs them.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Analysis",
    "Article",
    "ArticleError",
    "ConfigError",
    "Failure",
    "ReportsError",
    "RunReport",
    "Settings",
    "analyze",
    "load_settings",
    "run",
]

_WHERE = {
    "Analysis": "reports.models",
    "Article": "reports.models",
    "Failure": "reports.models",
    "RunReport": "reports.models",
    "ArticleError": "reports.errors",
    "ConfigError": "reports.errors",
    "ReportsError": "reports.errors",
    "Settings": "reports.config",
    "load_settings": "reports.config",
    "analyze": "reports.analysis",
    "run": "reports.pipeline",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'reports' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)
