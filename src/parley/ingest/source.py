"""Where a document came from: a file, or a member of an archive (``bundle.zip!news/a.html``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parley.ingest.detect import SUFFIX_HINTS

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Source:
    """``label`` names the input in messages and records (full path, ``!member`` for archive
    members); ``name`` is the file name part that document ids are made from."""

    label: str
    name: str

    @property
    def stem(self) -> str:
        """The name without its format extensions: ``z.txt.gz`` -> ``z``, ``b.zip!x/a.html`` -> ``b.zip!x/a``."""
        name = self.name
        for _ in range(2):
            dot = name.rfind(".")
            if dot <= max(name.rfind("/"), name.rfind("!")) or name[dot:].lower() not in SUFFIX_HINTS:
                break
            name = name[:dot]
        return name

    def member(self, name: str) -> Source:
        """A member of this archive (control characters in its name shown as ``?``: messages stay one line)."""
        name = _CONTROL.sub("?", name)
        return Source(f"{self.label}!{name}", f"{self.name}!{name}")

    def unwrapped(self) -> Source:
        """The content of this .gz file: the same label, the name without ``.gz``/``.tgz``."""
        lower = self.name.lower()
        if lower.endswith(".tgz"):
            return Source(self.label, self.name[:-4] + ".tar")
        return Source(self.label, self.name[:-3] if lower.endswith(".gz") else self.name)
