"""Dask worker preload (`dask worker --preload tests/dask_other_version.py`): this worker has
another version of reports, as importlib.metadata tells it, and notes in the file named by
$REPORTS_TEST_BRIEFED_LOG every article it briefs (none, if it is kept out as it must be)."""

import os
from importlib import metadata

from reports import cluster

_real_version = getattr(metadata.version, "real", metadata.version)


def _version(name: str) -> str:
    return "0.0.0+another" if name == "reports" else _real_version(name)


_version.real = _real_version
metadata.version = _version

_real_brief = getattr(cluster.brief, "wrapped", cluster.brief)


def _brief_and_note(job):
    with open(os.environ["REPORTS_TEST_BRIEFED_LOG"], "a", encoding="utf-8") as log:
        log.write(job.article.source + "\n")
    return _real_brief(job)


_brief_and_note.wrapped = _real_brief
cluster.brief = _brief_and_note
