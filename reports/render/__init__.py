"""Render an Analysis to a PDF briefing: Jinja2 to HTML, WeasyPrint to PDF.

`Renderer` holds the per-process state (template environment, parsed CSS, fonts); get one
per process with `renderer_for(templates_dir, render_settings)`.
"""

from __future__ import annotations

import functools
import os
import re
import tomllib
from datetime import UTC, date, datetime
from pathlib import Path

import jinja2

from reports.config import RenderSettings
from reports.errors import ConfigError, RenderError
from reports.models import Analysis, Rendered
from reports.render import templates, words
from reports.render.pdf import PdfRenderer


class Renderer:
    def __init__(self, templates_dir: Path | None, settings: RenderSettings | None = None) -> None:
        self.templates_dir = templates_dir
        self.settings = settings or RenderSettings()
        self.env = templates.environment(templates_dir)
        try:
            # Compile up front: a broken template is the user's to fix before any article
            # is marked failed because of it.
            for name in ("briefing.html", "digest.html"):
                self.env.get_template(name)
            css, _ = templates.source_of(templates_dir, "briefing.css")
            for code in words.tables(templates_dir):
                self.footer_css(code)
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"template labels.toml: {error}") from error
        except (ValueError, KeyError) as error:
            raise ConfigError(f"template labels.toml: {error}") from error
        except jinja2.TemplateSyntaxError as error:
            raise ConfigError(f"template {error.filename or error.name}, line {error.lineno}: {error.message}") from error
        except jinja2.TemplateNotFound as error:
            raise ConfigError(f"template not found: {error.name}") from error
        css += f"\n@page {{ size: {self.settings.page_size}; }}\n"
        roots = tuple(p for p in (templates_dir, templates.default_templates_dir()) if p is not None)
        variant = None if self.settings.pdf_variant == "none" else self.settings.pdf_variant
        try:
            self._pdf = PdfRenderer(css, asset_roots=roots, base_dir=roots[0], pdf_variant=variant)
        except RenderError as error:
            raise ConfigError(str(error)) from error

    def briefing_html(self, analysis: Analysis, briefing_date: date) -> str:
        """The briefing in its article's language: its words, dates and numbers."""
        body, omitted = capped_body(analysis.paragraphs)
        html = self._html(
            "briefing.html", analysis.language, analysis=analysis, briefing_date=briefing_date, body=body,
            omitted_words=omitted,
        )
        return with_language(html, analysis.language)

    def briefing(self, analysis: Analysis, briefing_date: date) -> Rendered:
        html = self.briefing_html(analysis, briefing_date)
        pdf, pages = self._pdf.render(html, before=self.footer_css(analysis.language))
        return Rendered(article_id=analysis.id, pdf=pdf, pages=pages)

    def document(self, template: str, **context: object) -> tuple[bytes, int]:
        """Any template rendered to PDF with the briefing stylesheet, in the config's
        language (`[render] language`, the digest's front page): (bytes, pages)."""
        language = self.settings.language
        html = with_language(self._html(template, language, **context), language)
        return self._pdf.render(html, before=self.footer_css(language))

    def footer_css(self, language: str) -> str:
        """The page footer ("Page 1 of 2") in the page's language, from labels.toml's
        `page_of`: CSS the stylesheet comes after, so a user's briefing.css may still set it."""
        return words.page_footer_css(words.labels(self.templates_dir, language))

    def plain(self, html: str) -> tuple[bytes, int]:
        """HTML to an untagged PDF with the briefing stylesheet (the digest's page numbers)."""
        return self._pdf.render(html, plain=True)

    def _html(self, name: str, language: str, **context: object) -> str:
        """`language`: the page's; the template gets it as `language`, its words as `t`."""
        context = {
            "created": created_timestamp(), "theme": self.settings.theme, "language": language,
            "t": words.labels(self.templates_dir, language), **context,
        }
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as error:
            raise RenderError(f"template {error.filename or error.name}, line {error.lineno}: {error.message}") from error
        except jinja2.TemplateError as error:
            raise RenderError(f"template {template_line(error, name)}: {error}") from error


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)
_LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def with_language(html: str, language: str) -> str:
    """The page with its root `<html lang>` set to the article's language, whatever the
    template wrote: WeasyPrint writes it as the PDF's /Lang (what a screen reader speaks in)
    and hyphenates in it where the stylesheet asks for `hyphens: auto`. Set here, so a
    user's own briefing template gets it too."""
    tag = _HTML_TAG.search(html)
    if tag is None:
        return html
    bare = _LANG_ATTRIBUTE.sub("", tag.group(0))
    new = f'{bare[:5]} lang="{language}"{bare[5:]}'
    return html[: tag.start()] + new + html[tag.end() :]


def template_line(error: BaseException, name: str) -> str:
    """"briefing.html, line 12" for an error raised while a template ran. Jinja rewrites the
    traceback so each template frame carries the template's file and line: the innermost one
    is where the error is (a block of the file that extends another, or a macro it calls)."""
    where = None
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(templates.TEMPLATE_SUFFIXES):
            where = f"{filename}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where or name


# A briefing prints the article after the analysis, but a 5 MB file must not become a
# 1,000-page PDF: the text shown is capped (the analysis still reads all of it).
MAX_BODY_CHARS = 40_000
MAX_PARAGRAPH_CHARS = 6_000


def capped_body(stories: tuple[tuple[str, ...], ...]) -> tuple[list[list[str]], int]:
    """The stories of paragraphs to print, and how many words were left out."""
    shown: list[list[str]] = []
    budget, omitted = MAX_BODY_CHARS, 0
    for story in stories:
        kept: list[str] = []
        for paragraph in story:
            if budget <= 0:
                omitted += len(paragraph.split())
                continue
            text = templates.clip(paragraph, min(MAX_PARAGRAPH_CHARS, max(budget, 2)))
            omitted += len(paragraph.split()) - len(text.split())
            budget -= len(text)
            kept.append(text)
        if kept:
            shown.append(kept)
    return shown, max(0, omitted)


def created_timestamp() -> str:
    """The PDF's creation date: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


@functools.cache
def renderer_for(templates_dir: Path | None, settings: RenderSettings | None = None) -> Renderer:
    return Renderer(templates_dir, settings)
