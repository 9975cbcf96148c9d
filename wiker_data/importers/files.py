"""Opening a data file as it is published: plain, zipped (INSEE) or gzipped (geo-sirene).

The kind of file is told from its first bytes, not its name. The text is streamed: nothing
reads the whole file into memory, and the fraction of the file read so far (in compressed
bytes, from the file on disk) drives the progress bars.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from wiker_data.importers import ImportFailed, Reason

_ZIP, _GZIP = b"PK\x03\x04", b"\x1f\x8b"


class _Counting(io.RawIOBase):
    """A file read through, counting the bytes read from disk."""

    def __init__(self, raw: BinaryIO):
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return self.raw.seekable()

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def readinto(self, buffer) -> int:
        read = self.raw.readinto(buffer)
        self.count += read or 0  # a zip's directory, read first, is a few bytes of the whole
        return read


@contextmanager
def open_binary(path: str | Path) -> Iterator[tuple[BinaryIO, Callable[[], float]]]:
    """Yield the file's bytes (the first .csv member of a zip, a gzip's content) and a function
    giving the fraction of the file read.

    Raises ImportFailed for a file that cannot be read or a zip without a CSV member; a damaged
    or truncated archive fails while it is read (READ_ERRORS).
    """
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the caller is done
    except OSError as error:
        raise ImportFailed(path, Reason("problem.unreadable", error=error.strerror or str(error))) from None
    size = Path(path).stat().st_size or 1
    counting = _Counting(raw)
    try:
        magic = raw.read(4)
        raw.seek(0)
        if magic.startswith(_ZIP):
            binary = _zip_member(path, counting)
        elif magic.startswith(_GZIP):
            binary = gzip.GzipFile(fileobj=io.BufferedReader(counting, 1 << 20))
        else:
            binary = io.BufferedReader(counting, 1 << 20)
        yield binary, lambda: min(counting.count / size, 1.0)
    finally:
        raw.close()


@contextmanager
def open_text(
    path: str | Path, encoding: str = "utf-8"
) -> Iterator[tuple[io.TextIOBase, Callable[[], float]]]:
    """Yield the file's text (the first .csv member of a zip) and a function giving the fraction read."""
    with open_binary(path) as (binary, fraction_read):
        yield io.TextIOWrapper(binary, encoding=encoding, newline=""), fraction_read


def require_columns(path: str | Path, header: Iterable[str], required: tuple[str, ...], kind: str) -> None:
    """Raise ImportFailed naming the `required` columns the header lacks (the file should be `kind`)."""
    present = set(header)
    if missing := [name for name in required if name not in present]:
        key = "problem.lacks_column" if len(missing) == 1 else "problem.lacks_columns"
        raise ImportFailed(path, Reason(key, columns=", ".join(missing), kind=kind))


MAX_LINE_CHARS = 1 << 20  # 1 MiB: a SIRENE row has about 600 characters, a Matomo export's 300


def capped_lines(path: str | Path, text: TextIO) -> Iterator[str]:
    """Yield the lines of `text`; raise ImportFailed, naming the line, at one longer than
    MAX_LINE_CHARS (a compressed file can hide a line of gigabytes: it is never read whole)."""
    number = 0
    while line := text.readline(MAX_LINE_CHARS + 1):
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise ImportFailed(path, Reason("problem.line_too_long", line=number))
        yield line


def csv_header(path: str | Path) -> list[str]:
    """Return the column names of a comma-separated UTF-8 file's first line (ImportFailed: empty)."""
    try:
        with open_text(path) as (text, _):
            header = next(csv.reader(capped_lines(path, text)), None)
    except READ_ERRORS as error:
        raise ImportFailed(path, read_problem(error, "UTF-8", 0)) from None
    if header is None:
        raise ImportFailed(path, Reason("problem.empty"))
    return [name.strip().lstrip("\ufeff") for name in header]


def _zip_member(path: str | Path, counting: _Counting) -> BinaryIO:
    try:
        archive = zipfile.ZipFile(counting)
    except (zipfile.BadZipFile, OSError):
        raise ImportFailed(path, Reason("problem.zip_damaged")) from None
    members = [info for info in archive.infolist() if info.filename.lower().endswith(".csv")]
    if not members:
        raise ImportFailed(path, Reason("problem.zip_without_csv"))
    return archive.open(members[0])


# What reading a damaged archive or text raises, and how to say it.
READ_ERRORS = (
    UnicodeDecodeError,
    csv.Error,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    gzip.BadGzipFile,
    OSError,
)


def read_problem(error: BaseException, encoding: str, row: int) -> str:
    """Return the sentence that names what went wrong reading the file after `row` rows."""
    if isinstance(error, UnicodeDecodeError):
        return Reason("problem.not_decoded_near", encoding=encoding, row=row + 1, error=error.reason)
    if isinstance(error, csv.Error):
        return Reason("problem.not_csv_near", row=row + 1, error=str(error))
    if isinstance(error, EOFError):
        return Reason("problem.ends_early", row=row + 1)
    return Reason("problem.damaged_near", row=row + 1, error=str(error))


@contextmanager
def csv_records(
    path: str | Path,
    required: tuple[str, ...],
    kind: str,
    progress: Callable[[float], None] | None = None,
) -> Iterator[tuple[dict[str, int], Iterator[tuple[int, list[str]]]]]:
    """Yield the columns by name and the records (row number, fields) of a comma-separated UTF-8 file.

    Raises ImportFailed for an empty file, a missing `required` column (the message says the file
    should be `kind`), a row of another width than the header (a truncated or damaged file), or
    text that cannot be read; blank lines are passed over. `progress` gets the fraction read.
    """
    with open_text(path) as (text, fraction_read):
        position = [1]  # the row reached, for the message of an error raised while reading

        def records(reader: Iterator[list[str]], width: int) -> Iterator[tuple[int, list[str]]]:
            for number, fields in enumerate(reader, start=2):
                position[0] = number
                if len(fields) != width:
                    if not any(fields):
                        continue
                    raise ImportFailed(
                        path, Reason("problem.row_width", row=number, fields=len(fields), width=width)
                    )
                if progress is not None and number % 50_000 == 0:
                    progress(fraction_read())
                yield number, fields

        try:
            reader = csv.reader(capped_lines(path, text))
            header = next(reader, None)
            if header is None:
                raise ImportFailed(path, Reason("problem.empty"))
            columns = {name.strip().lstrip("\ufeff"): index for index, name in enumerate(header)}
            require_columns(path, columns, required, kind)
            yield columns, records(reader, len(header))
        except READ_ERRORS as error:
            raise ImportFailed(path, read_problem(error, "UTF-8", position[0])) from None
    if progress is not None:
        progress(1.0)
