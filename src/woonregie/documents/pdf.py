"""HTML to PDF with WeasyPrint (Debian's Pango underneath): paged, real text, no network.

Only `data:` URLs are fetched: a gemeente's template can embed its logo as a data URL, but can
never make the server fetch a file or a URL (no server-side request forgery through a template).
"""

from __future__ import annotations


def to_pdf(html: str) -> bytes:
    # Imported here: WeasyPrint (with Pango through cffi) takes about a second to import, which
    # every command line call would otherwise pay, printing or not.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
