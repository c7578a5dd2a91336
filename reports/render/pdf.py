"""HTML to PDF with WeasyPrint, safely and once-per-process where it can be.

WeasyPrint is imported here and nowhere else, and only when a briefing is rendered: the
import costs about a second, which `--help`, `analyze` and `status` never pay.

Article text is untrusted. Besides Jinja's autoescaping, the URL fetcher below refuses every
URL except `data:` and files inside the templates folders: WeasyPrint's default fetcher would
follow `file:` and `http:` URLs and could embed /etc/passwd in a PDF.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from reports.errors import RenderError


class UnsafeURL(ValueError):
    """A URL the renderer refuses to fetch (WeasyPrint logs it and skips the resource)."""


@functools.cache
def _weasyprint() -> Any:
    import weasyprint

    return weasyprint


def safe_fetcher(roots: tuple[Path, ...]) -> Any:
    """A WeasyPrint URLFetcher that serves `data:` URLs and files under `roots`, nothing else."""
    weasyprint = _weasyprint()
    allowed = tuple(root.resolve() for root in roots)

    class SafeFetcher(weasyprint.urls.URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(url2pathname(unquote(urlsplit(url).path))).resolve()
                if any(path.is_relative_to(root) for root in allowed) and path.is_file():
                    return super().fetch(path.as_uri(), headers)
            raise UnsafeURL(f"refused to fetch {url[:200]!r}: only template assets are allowed")

    return SafeFetcher(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=5)


class PdfRenderer:
    """Renders HTML to PDF bytes. Keep one per process: the stylesheet is parsed once and
    one FontConfiguration is shared, which saves ~20% per briefing."""

    def __init__(
        self, css_text: str, asset_roots: tuple[Path, ...], base_dir: Path, pdf_variant: str | None = None
    ) -> None:
        weasyprint = _weasyprint()
        from weasyprint.text.fonts import FontConfiguration

        self._fonts = FontConfiguration()
        self._variant = pdf_variant
        self._fetcher = safe_fetcher(asset_roots)
        self._base_url = base_dir.resolve().as_uri() + "/"
        try:
            self._css = weasyprint.CSS(
                string=css_text, base_url=self._base_url, url_fetcher=self._fetcher, font_config=self._fonts
            )
        except Exception as error:  # tinycss2/WeasyPrint raise assorted errors on bad CSS
            raise RenderError(f"the stylesheet could not be parsed: {error}") from error
        self._before: dict[str, Any] = {}

    def render(
        self, html: str, metadata: dict[str, str] | None = None, *, plain: bool = False, before: str = ""
    ) -> tuple[bytes, int]:
        """`plain`: no PDF variant and no tags (the digest's page-number overlay). `before`: CSS
        that the stylesheet may override (the page footer's words in the page's language)."""
        weasyprint = _weasyprint()
        try:
            sheets = [self._sheet(before), self._css] if before else [self._css]
            document = weasyprint.HTML(
                string=html, base_url=self._base_url, url_fetcher=self._fetcher
            ).render(stylesheets=sheets, font_config=self._fonts)
            return document.write_pdf(pdf_variant=None if plain else self._variant), len(document.pages)
        except RecursionError as error:
            raise RenderError("the article is nested too deeply to lay out") from error
        except Exception as error:
            raise RenderError(f"WeasyPrint failed: {type(error).__name__}: {error}") from error

    def _sheet(self, css_text: str) -> Any:
        """`css_text` parsed once (a language's footer: one per language the run meets)."""
        if css_text not in self._before:
            self._before[css_text] = _weasyprint().CSS(
                string=css_text, base_url=self._base_url, url_fetcher=self._fetcher, font_config=self._fonts
            )
        return self._before[css_text]
