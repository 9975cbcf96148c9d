"""Delimited text files as their publishers write them: the encoding and the separator are told
from the file itself, and a file that still cannot be read is described as it looks, decoded.

Encodings: UTF-16 with its byte-order mark, little- or big-endian (Matomo's exports, Excel's
"Unicode text"); UTF-8 with or without its BOM; otherwise Windows-1252 (older INSEE files, Excel's
French CSV), named latin-1 when the file has none of the bytes where the two differ. UTF-16 without
a BOM is recognised from its zero bytes. Separators: `;` (INSEE, Excel in French), `,` (Matomo's
CSV, files re-saved elsewhere) and tab (Matomo's TSV "for Excel"), sniffed with `csv.Sniffer`,
then each tried on the header line against the importer's known layouts. CRLF or LF line ends.
A field whose UTF-8 was once read as Windows-1252 and saved again (« RhÃ´ne », a re-saved copy)
can be read as it was written with `repaired`.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from wiker_data.importers import ImportFailed, Reason

DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "';'", ",": "','"}  # and tab, said in the reader's language
SAMPLE_BYTES = 1 << 16  # enough for the header and a few dozen rows to sniff from
SHOWN_CHARACTERS = 60  # of the first line, in a message
_CHUNK = 1 << 16
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")  # where Windows-1252 and latin-1 differ
_CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")
# What Windows-1252 makes of UTF-8's continuation bytes (0x80-0xBF); after « Ã » or « Â », the
# trace of UTF-8 read as Windows-1252. French never has it (« Âge » has a letter after its « Â »).
_CONTINUATIONS = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_TWICE_ENCODED = re.compile(f"[\u00c2\u00c3][{re.escape(_CONTINUATIONS)}]")

Layout = TypeVar("Layout")


@dataclass(frozen=True)
class TextFormat:
    """How a file is written: `codec` to open it with, `encoding` as shown, `byte_order` of a
    UTF-16 file ("utf-16-le"/"utf-16-be", else None), and the separator."""

    codec: str  # "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252" or "latin-1"
    encoding: str  # "utf-8", "utf-16", "cp1252" or "latin-1"
    delimiter: str = ","
    byte_order: str | None = None

    def ends_with_newline(self, path: str | Path) -> bool:
        """Return whether the file ends with a line break."""
        codec = self.byte_order or ("utf-8" if self.codec == "utf-8-sig" else self.codec)
        with open(path, "rb") as raw:
            raw.seek(0, 2)
            raw.seek(max(raw.tell() - 4, 0))
            tail = raw.read()
        return any(tail.endswith(char.encode(codec)) for char in "\r\n")


def repaired(text: str) -> str:
    """Return `text` as written when its UTF-8 was read as Windows-1252 (« RhÃ´ne »: « Rhône »)."""
    if not _TWICE_ENCODED.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:  # not text that Windows-1252 made of UTF-8 after all
        return text


def _unreadable(path: str | Path, error: OSError) -> ImportFailed:
    return ImportFailed(path, Reason("problem.unreadable", error=error.strerror or str(error)))


def _utf16_without_bom(start: bytes) -> str | None:
    """Return the byte order of UTF-16 text without its BOM, told from where its zeros are."""
    even, odd = start[0::2].count(0), start[1::2].count(0)
    if max(even, odd) < len(start) // 4:  # mostly ASCII text in UTF-16 is half zeros
        return None
    return "utf-16-be" if even > odd else "utf-16-le"


def detect_encoding(path: str | Path) -> TextFormat:
    """Return the file's encoding (a TextFormat with the default separator); reads it in chunks."""
    try:
        with open(path, "rb") as raw:
            start = raw.read(4096)
            if byte_order := _UTF16_BOMS.get(start[:2]):
                return TextFormat("utf-16", "utf-16", byte_order=byte_order)
            if b"\x00" in start and (byte_order := _utf16_without_bom(start)):
                return TextFormat(byte_order, "utf-16", byte_order=byte_order)
            raw.seek(0)
            decoder = codecs.getincrementaldecoder("utf-8")()
            utf8, cp1252_only, cp1252_undefined = True, False, False
            while chunk := raw.read(_CHUNK):
                if utf8:
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        utf8 = False
                cp1252_only = cp1252_only or _CP1252_ONLY.search(chunk) is not None
                cp1252_undefined = cp1252_undefined or _CP1252_UNDEFINED.search(chunk) is not None
            if utf8:
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    utf8 = False
    except OSError as error:
        raise _unreadable(path, error) from None
    if utf8:
        return TextFormat("utf-8-sig", "utf-8")
    if cp1252_only and not cp1252_undefined:
        return TextFormat("cp1252", "cp1252")
    return TextFormat("latin-1", "latin-1")


def _sample_lines(path: str | Path, text_format: TextFormat) -> list[str]:
    """Return the lines of the file's start that are not blank, decoded (the last may be cut)."""
    try:
        with open(path, "rb") as raw:
            start = raw.read(SAMPLE_BYTES)
    except OSError as error:
        raise _unreadable(path, error) from None
    decoder = codecs.getincrementaldecoder(text_format.codec)(errors="replace")
    text = decoder.decode(start, final=len(start) < SAMPLE_BYTES)
    return [line for line in text.lstrip("\ufeff").splitlines() if line.strip()]


def shown_line(line: str) -> str:
    """Return a line as a message quotes it: decoded, tabs and control characters escaped, shortened."""
    escaped = "".join(
        "\\t" if char == "\t" else f"\\x{ord(char):02x}" if ord(char) < 32 else char
        for char in line.lstrip("\ufeff")
    )
    cut = escaped[:SHOWN_CHARACTERS] + "…" if len(escaped) > SHOWN_CHARACTERS else escaped
    return f'"{cut}"'


def _encoding_name(text_format: TextFormat) -> str:
    names = {"utf-8": "UTF-8", "cp1252": "Windows-1252", "latin-1": "latin-1"}
    if text_format.encoding == "utf-16":
        name = f"UTF-16{(text_format.byte_order or '')[-2:].upper()}"
        return name if text_format.codec == text_format.byte_order else Reason("word.with_bom", encoding=name)
    return names[text_format.encoding]


def detect_format(
    path: str | Path, layout_of: Callable[[list[str]], Layout]
) -> tuple[TextFormat, list[str], Layout]:
    """Return the file's format (encoding and separator), its header fields and their layout.

    `layout_of(header)` returns the layout of a header or raises ImportFailed. The separator sniffed
    from the file's start is tried first, then `;`, `,` and tab, each on the first line that is not
    blank. Raises ImportFailed for an empty file, or, when no separator gives a known header, with
    the problem of the likeliest one, the encoding and separators tried and the first line, decoded.
    """
    text_format = detect_encoding(path)
    lines = _sample_lines(path, text_format)
    if not lines:
        raise ImportFailed(path, Reason("problem.empty"))
    try:
        sniffed = [csv.Sniffer().sniff("\n".join(lines[:20]), delimiters="".join(DELIMITERS)).delimiter]
    except csv.Error:
        sniffed = []
    tried: list[tuple[int, str, ImportFailed]] = []
    for delimiter in dict.fromkeys([*sniffed, *DELIMITERS]):
        header = next(csv.reader([lines[0]], delimiter=delimiter), [])
        try:
            layout = layout_of(header)
        except ImportFailed as failed:
            tried.append((len(header), delimiter, failed))
            continue
        found = TextFormat(text_format.codec, text_format.encoding, delimiter, text_format.byte_order)
        return found, header, layout
    _, _, likeliest = max(tried, key=lambda item: item[0])  # the first of the widest headers
    separators = ", ".join(
        DELIMITER_NAMES[delimiter] for delimiter in DELIMITERS if delimiter in DELIMITER_NAMES
    )
    raise ImportFailed(
        path,
        Reason(
            "problem.unknown_format",
            problem=likeliest.problem,
            encoding=_encoding_name(text_format),
            separators=Reason("word.separators", tab=Reason("word.tab"), others=separators),
            line=shown_line(lines[0]),
        ),
    )
