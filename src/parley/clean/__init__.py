"""parley.clean: from scraped text or HTML to the articles' own reporting.

    from parley.clean import clean_document, html_to_text, load_rules

    articles = clean_document(doc)              # list[Article], [] when nothing is left
    text, meta = html_to_text(html)             # main text + title/date/url/outlet found in the page
    rules = load_rules(Path("extra.toml"))      # shipped heuristics plus a user's additions

The heuristics live in ``data/boilerplate.toml`` (named groups, validated when loaded).
"""

from parley.clean.dates import find_date
from parley.clean.document import clean_document, headline_end, with_headline, without_headline
from parley.clean.html import html_to_text
from parley.clean.rules import Rules, default_rules, load_rules

__all__ = [
    "Rules", "clean_document", "default_rules", "find_date", "headline_end", "html_to_text", "load_rules",
    "with_headline", "without_headline",
]  # fmt: skip
