"""Render an Analysis to a PDF briefing: Jinja2 to HTML, WeasyPrint to PDF.

`Renderer` holds the per-process state (template environment, parsed CSS, fonts); build one
per process with `renderer_for(templates_dir, page_size)` and call `briefing(analysis)`.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import jinja2

from reports.errors import ConfigError, RenderError
from reports.models import Analysis, Rendered
from reports.render import templates
from reports.render.pdf import PdfRenderer


class Renderer:
    def __init__(self, templates_dir: Path | None, page_size: str = "A4") -> None:
        self.templates_dir = templates_dir
        self.page_size = page_size
        self.env = templates.environment(templates_dir)
        try:
            # Compile up front: a broken template is the user's to fix before any article
            # is marked failed because of it.
            self.env.get_template("briefing.html")
            css, _ = templates.source_of(templates_dir, "briefing.css")
        except jinja2.TemplateSyntaxError as error:
            raise ConfigError(f"template {error.filename or error.name}, line {error.lineno}: {error.message}") from error
        except jinja2.TemplateNotFound as error:
            raise ConfigError(f"template not found: {error.name}") from error
        css += f"\n@page {{ size: {page_size}; }}\n"
        roots = tuple(p for p in (templates_dir, templates.default_templates_dir()) if p is not None)
        try:
            self._pdf = PdfRenderer(css, asset_roots=roots, base_dir=roots[0])
        except RenderError as error:
            raise ConfigError(str(error)) from error

    def briefing_html(self, analysis: Analysis, briefing_date: date) -> str:
        return self._html("briefing.html", analysis=analysis, briefing_date=briefing_date)

    def briefing(self, analysis: Analysis, briefing_date: date) -> Rendered:
        html = self.briefing_html(analysis, briefing_date)
        pdf, pages = self._pdf.render(html)
        return Rendered(article_id=analysis.id, pdf=pdf, pages=pages)

    def document(self, template: str, **context: object) -> tuple[bytes, int]:
        """Any template rendered to PDF with the briefing stylesheet: (bytes, pages)."""
        return self._pdf.render(self._html(template, **context))

    def _html(self, name: str, **context: object) -> str:
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as error:
            raise RenderError(f"template {error.filename or error.name}, line {error.lineno}: {error.message}") from error
        except jinja2.TemplateError as error:
            raise RenderError(f"template {name}: {error}") from error


@functools.cache
def renderer_for(templates_dir: Path | None, page_size: str = "A4") -> Renderer:
    return Renderer(templates_dir, page_size)
