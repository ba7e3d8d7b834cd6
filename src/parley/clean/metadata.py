"""Page metadata (title, author, publication date, address, site name) read with trafilatura.

    page_metadata(html) -> {"title": ..., "author": ..., "date": "2019-03-01", "url": ..., "outlet": ...}

parley's own extractor (``parley.clean.html``) gives the main text and its own metadata;
trafilatura's metadata fills what that leaves out (always the author: parley's has none). A page
trafilatura cannot read (broken or hostile markup) gives ``{}``, never an error.
"""

from __future__ import annotations

import logging

from parley.clean.dates import parse_iso

log = logging.getLogger("parley")

# trafilatura's names -> parley's
FIELDS = {"title": "title", "author": "author", "date": "date", "url": "url", "sitename": "outlet"}
MAX_CHARS = 5_000_000  # longer pages are not given to lxml for metadata


def page_metadata(html: str) -> dict[str, str]:
    """The metadata trafilatura finds in ``html`` (keys present when found; dates ISO)."""
    if not html.strip() or len(html) > MAX_CHARS:
        return {}
    from trafilatura import extract_metadata

    try:
        found = extract_metadata(html, extensive=False)
    except Exception:  # lxml and its callers fail in many ways on hostile markup
        log.debug("trafilatura could not read the page's metadata", exc_info=True)
        return {}
    meta: dict[str, str] = {}
    for theirs, ours in FIELDS.items():
        value = getattr(found, theirs, None)
        if isinstance(value, str) and value.strip():
            meta[ours] = value.strip()
    date = parse_iso(meta.pop("date", ""))
    return {**meta, "date": date} if date else meta
