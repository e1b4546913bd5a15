"""Bytes to text: BOMs, invalid UTF-8 and binary files, each with a clear word to the user."""

from __future__ import annotations

import codecs
from dataclasses import dataclass


class BinaryFileError(Exception):
    """The file holds binary data, not text."""


@dataclass
class Decoded:
    text: str
    encoding: str
    lossy: bool
    warnings: list[str]


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes. Invalid UTF-8 is replaced with U+FFFD and reported; such a document is marked
    lossy so that no fix is ever written back to it."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding, False, [])
            except UnicodeDecodeError as exc:
                return Decoded(
                    data.decode(encoding, errors="replace"),
                    encoding,
                    True,
                    [f"invalid {encoding} at byte {exc.start}; undecodable bytes shown as U+FFFD"],
                )
    if b"\x00" in data[:8192]:
        raise BinaryFileError("binary file (NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, [])
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > max(16, len(text) // 10):
            raise BinaryFileError(f"not UTF-8 text ({bad} undecodable bytes)") from None
        return Decoded(
            text,
            "utf-8",
            True,
            [f"invalid UTF-8 at byte {exc.start} ({bad} undecodable byte sequence(s) replaced with U+FFFD)"],
        )


def encode_like(text: str, original: bytes) -> bytes:
    """``text`` in the encoding of ``original``, with the same byte-order mark (a UTF-16 file written big-endian
    stays big-endian): what a fix writes back. Line endings are whatever ``text`` holds; fixes never touch them."""
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                       (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if original.startswith(bom):
            body = text[1:] if text.startswith("\ufeff") else text
            return bom + body.encode(codec)
    return text.encode("utf-8")
