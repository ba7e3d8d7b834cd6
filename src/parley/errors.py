"""parley's error catalogue: every user-facing error has a code and says how to fix it."""

from __future__ import annotations

from enum import Enum


class E(Enum):
    """Error codes and their message templates (format with keyword arguments)."""

    E001 = "{path}: no such file or folder. Check the path, or run from the folder that holds it."
    E002 = (
        "{path}: unsupported file type '{suffix}'. parley reads plain text, HTML, RSS/Atom feeds, WARC, JSON Lines"
        " and CSV files (also in .gz, .zip and .tar archives); see README, Input."
    )
    E003 = "{path}: could not decode the text ({detail}). Save it as UTF-8, or check it is not binary."
    E004 = "{path}:{line}: not valid JSON ({detail}). Each line of a .jsonl file must be one JSON object."
    E005 = "{path}:{line}: the record has no non-empty '{field}' field. Add it, or map it with --field (README, Input)."
    E006 = "{path}: the file is empty or holds no article text after cleaning."
    E007 = "{path}: could not be read ({detail})."
    E008 = "{path}: skipped: the text is not in English ({detail}). It is stored; parley codes English only."
    E010 = "{path}: malformed knowledge-base entry at {where}: {detail}. Fix the data file."
    E020 = "{path}: cannot open the database ({detail}). Is another parley process writing to it?"
    E021 = "{path}: no database here. Run `parley run FILES --db {path}` first."
    E030 = "could not process {path}: {detail}. The rest of the batch goes on; rerun with --verbose."
    E040 = "{path}: bad configuration ({detail})."
    E041 = "{path}: cannot write the output here: {detail}."
    E042 = "Spark is not available ({detail}). Install it with `pip install 'parley[spark]'`; it needs Java 17+."
    E070 = "{path}:{line}: not a fetchable URL ({detail}). Give one http(s):// URL per line; '#' starts a comment."
    E071 = "{url}: the server answered HTTP {status} ({reason}). Check the URL; parley does not ask again on a rerun."
    E072 = "{url}: server error HTTP {status} after {attempts} attempts. The next `parley fetch` tries it again."
    E073 = "{url}: no answer ({detail}) after {attempts} attempts. Check the address or raise --timeout; reruns retry."
    E074 = "{url}: the page is larger than {limit} bytes; abandoned. Raise --max-bytes if it really is an article."
    E075 = "{url}: content type '{ctype}' is not a text page. parley fetches HTML, XHTML, RSS/Atom/XML and plain text."
    E076 = "{url}: {robots} disallows it for parley; not fetched. Remove it from the list, or ask the site's owner."
    E077 = "{url}: {robots} could not be read ({detail}), so the site counts as closed for now. A rerun tries again."
    E078 = "{url}: bad redirect ({detail}). Give the page's final address in the URL list."
    E079 = "{path}: cannot read the URL list ({detail}). Give a UTF-8 text file with one URL per line."
    E050 = "the spaCy model '{model}' is not installed. Run `make demo` (or pip install {package})."
    E059 = (
        "the learned classifier needs '{package}' and torch, which are not installed. Run `make demo` (or pip "
        "install 'parley[learned]'), or leave out --learned to code with the rules alone."
    )
    E080 = "{path}: cannot read the dictionary ({detail}). Check the path; a dictionary is a text file."
    E081 = "{path}:{line}: {detail}. Fix the line (see docs/actors-import.md); the rest of the file goes on."
    E082 = "{path}: nothing to import ({detail}). Is it a PETRARCH/TABARI actors or agents dictionary?"
    E083 = "{path}: no actors were imported from this file into {db}. `parley actors list --db {db}` shows them."
    E051 = "{path}: larger than max_file_bytes ({limit} bytes); not read. Split it, or raise max_file_bytes."
    E052 = (
        "{path}: expands past {detail}; it looks like a decompression bomb and was not read further."
        " Raise max_archive_bytes / max_archive_ratio if it is genuine."
    )
    E053 = "{path}!{member}: unsafe member name (absolute, or with '..'); skipped. Rename it inside the archive."
    E054 = "{path}: corrupt or truncated compressed data ({detail}). Recompress it, or check the download finished."
    E055 = "{path}: not a readable RSS/Atom feed ({detail})."
    E056 = "{path}: not a readable WARC file ({detail})."
    E057 = "{path}: archives nested deeper than {depth} levels; skipped. Unpack the outer archive first."
    E058 = "{path}: {detail}; the text was read anyway, with the bad parts replaced or removed."

    def format(self, **kwargs: object) -> str:
        return f"[{self.name}] " + self.value.format(**kwargs)


class ParleyError(Exception):
    """An error a user can act on; ``str()`` is the catalogue message."""

    def __init__(self, code: E, **kwargs: object) -> None:
        self.code = code
        self.kwargs = kwargs
        super().__init__(code.format(**kwargs))
