"""Compressed files and archives (gzip, zip, tar), read in memory with bounded expansion.

    for name, data in zip_members(data, src, budget):   # (member name, bytes) or a Rejected

Nothing is ever written to disk. Every expansion draws on one ``Budget`` per input file: at most
``max_archive_bytes`` in all, at most ``max_archive_ratio`` times the compressed size, and at most
``max_file_bytes`` per member; going past any of them stops that archive with a clear error (E052).
Member names that could escape a folder (absolute, ``..``) are rejected (E053).
"""

from __future__ import annotations

import gzip
import io
import re
import tarfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from parley.config import Config
from parley.errors import E, ParleyError
from parley.ingest.source import Source
from parley.records import Rejected

MAX_NESTING = 4  # archives inside archives, at most this deep
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass
class Budget:
    """How many more bytes one input file may expand to."""

    left: int  # bytes still allowed in all
    compressed: int  # bytes of the outermost compressed input
    ratio: int  # most expansion allowed over ``compressed``
    per_file: int  # most bytes one member may hold
    used: int = 0

    @classmethod
    def for_input(cls, size: int, config: Config) -> Budget:
        return cls(config.max_archive_bytes, max(size, 1), config.max_archive_ratio, config.max_file_bytes)

    def cap(self) -> int:
        """The most bytes the next member may expand to before a limit is hit."""
        return max(min(self.left, self.per_file, self.compressed * self.ratio - self.used), 0)

    def check(self, n: int, label: str) -> None:
        """A ``ParleyError`` (E051 or E052) when ``n`` more bytes would pass a limit."""
        if n > self.per_file:
            raise ParleyError(E.E051, path=label, limit=self.per_file)
        if n > self.left:
            raise ParleyError(E.E052, path=label, detail=f"max_archive_bytes ({self.left + self.used} bytes)")
        if self.used + n > self.compressed * self.ratio:
            raise ParleyError(E.E052, path=label, detail=f"max_archive_ratio ({self.ratio} x {self.compressed} bytes)")

    def take(self, n: int, label: str) -> None:
        """Count ``n`` expanded bytes, after ``check``."""
        self.check(n, label)
        self.left -= n
        self.used += n


def gunzip(data: bytes, src: Source, budget: Budget) -> bytes:
    """The content of gzip data (all members), reading at most what the budget allows."""
    limit = budget.cap()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(limit + 1)
    except (OSError, EOFError, zlib.error) as err:
        raise ParleyError(E.E054, path=src.label, detail=_reason(err)) from err
    budget.take(len(out), src.label)  # raises when the content went past the cap
    return out


def zip_members(data: bytes, src: Source, budget: Budget) -> Iterator[tuple[Source, bytes] | Rejected]:
    """The regular members of a zip archive, in order; unsafe names are rejected."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise ParleyError(E.E054, path=src.label, detail=_reason(err)) from err
    for info in infos:
        if info.is_dir():
            continue
        member = src.member(info.filename)
        if unsafe_name(info.filename):
            yield Rejected(member.label, "E053", E.E053.format(path=src.label, member=member.name.rpartition("!")[2]))
            continue
        budget.check(info.file_size, member.label)  # the declared size; the real one is counted below
        try:
            with archive.open(info) as f:
                content = f.read(budget.cap() + 1)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError) as err:
            yield Rejected(member.label, "E054", E.E054.format(path=member.label, detail=_reason(err)))
            continue
        budget.take(len(content), member.label)
        yield member, content


def tar_members(data: bytes, src: Source, budget: Budget) -> Iterator[tuple[Source, bytes] | Rejected]:
    """The regular files of a tar archive (links and devices are skipped); unsafe names are rejected."""
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
            for info in archive:
                if not info.isfile():
                    continue
                member = src.member(info.name)
                if unsafe_name(info.name):
                    yield Rejected(
                        member.label, "E053", E.E053.format(path=src.label, member=member.name.rpartition("!")[2])
                    )
                    continue
                budget.check(info.size, member.label)  # a tar's bytes were counted when it was read
                handle = archive.extractfile(info)
                yield member, handle.read() if handle else b""
    except (tarfile.TarError, OSError, EOFError) as err:
        raise ParleyError(E.E054, path=src.label, detail=_reason(err)) from err


def unsafe_name(name: str) -> bool:
    """True for a member name that is absolute or climbs out of its folder (``../../etc/passwd``)."""
    posix = name.replace("\\", "/")
    return posix.startswith("/") or bool(_DRIVE.match(posix)) or ".." in posix.split("/") or "\x00" in name


def _reason(err: BaseException) -> str:
    text = str(err) or type(err).__name__
    return f"{type(err).__name__}: {text}" if not text.startswith(type(err).__name__) else text
