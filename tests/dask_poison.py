"""Dask worker preload (`dask worker --preload tests/dask_poison.py`): an article saying so kills
its worker process outright, as a crash in a C library or the kernel's OOM killer would."""

import os

from reports import cluster

# Dask may import a preload twice: wrap the real `brief` only once.
_real_brief = getattr(cluster.brief, "wrapped", cluster.brief)


def _brief_or_die(job):
    if "KILLS ITS WORKER" in job.article.text:
        os._exit(1)
    return _real_brief(job)


_brief_or_die.wrapped = _real_brief
cluster.brief = _brief_or_die
