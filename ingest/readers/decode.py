"""Bytes → text for plain-text files and web pages, with the encodings Chinese offices actually use.

Order: a BOM decides (UTF-8, UTF-16, UTF-32); then a declared charset (web
pages) if the bytes fit it; then strict UTF-8; then GB18030 (a superset of GBK
and GB2312) against Big5, scored by how much of the result reads as Chinese —
every GBK byte pair is also a legal Big5 or GB18030 pair, so "decodes without
error" alone cannot tell them apart. Only a file with a few stray bytes is
decoded with replacement characters, and then with a warning.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ingest.errors import NotTextError, UndecodableTextError

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

# Declared web-page charsets → the codec that decodes what such pages really contain.
_DECLARED_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030"}

_CJK_PUNCT = frozenset("，。、；：？！“”‘’（）《》〔〕【】—…·「」『』〈〉％＋－／")
_MAX_BAD_SHARE = 0.01  # stray undecodable bytes tolerated (with a warning) per byte of input
_MAX_CONTROL_SHARE = 0.01
_SCORE_SAMPLE = 100_000  # characters scored per candidate: enough to tell, cheap on big files
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_NEWLINES = re.compile(r"\r\n?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def _chinese_score(text: str) -> float:
    """How plausibly ``text`` is Chinese prose: +1 per common character, -3 per unlikely one."""
    text = text[:_SCORE_SAMPLE]
    if not text:
        return 0.0
    good = bad = 0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80 or 0x4E00 <= cp < 0xA000 or ch in _CJK_PUNCT or 0xFF01 <= cp < 0xFF5F:
            good += 1
        elif (
            0xE000 <= cp < 0xF900  # private use: unmapped vendor codes
            or 0x3100 <= cp < 0x3130  # bopomofo: GB punctuation read as Big5
            or 0x2500 <= cp < 0x2580  # box drawing
            or 0x3040 <= cp < 0x3100  # kana
            or 0xAC00 <= cp < 0xD7B0  # hangul
            or 0x0370 <= cp < 0x0530  # greek, cyrillic
            or 0xF900 <= cp < 0xFB00  # compatibility ideographs
            or 0xFE10 <= cp < 0xFE70  # vertical / small forms
            or cp == 0xFFFD
        ):
            bad += 1
    return (good - 3 * bad) / len(text)


def _gb_reads_better(data: bytes, utf8: str) -> bool:
    gb = _strict(data, "gb18030")
    return gb is not None and bool(_CJK.search(gb)) and _chinese_score(gb) > _chinese_score(utf8)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _gb_label(data: bytes) -> str:
    return "gbk" if _strict(data, "gbk") is not None else "gb18030"


def _best_effort(data: bytes, file: str) -> Decoded:
    """A file with a few bad bytes (a cut-off last character, a stray byte) still reads, with a warning."""
    best: tuple[int, str, str] | None = None
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        bad = text.count("\ufffd")
        if best is None or bad < best[0]:
            best = (bad, codec, text)
    assert best is not None
    bad, codec, text = best
    if bad > _MAX_BAD_SHARE * len(data) or _chinese_score(text) < 0.5:
        raise UndecodableTextError(file, detail=f" ({bad} undecodable byte sequences)")
    return Decoded(text, codec, (f"{bad} undecodable byte sequence(s) replaced by U+FFFD (read as {codec})",))


def _bomless_utf16(data: bytes) -> Decoded | None:
    """UTF-16 saved without a BOM (NULs beside every ASCII byte), if the result reads as text."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        text = _strict(data, codec)
        if text is not None and "\x00" not in text and _chinese_score(text) > 0.8:
            return Decoded(text, codec, (f"no byte-order mark: read as {codec.upper()}",))
    return None


def _detect(data: bytes, file: str, declared: str | None) -> Decoded:
    for bom, label, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is None:
                raise UndecodableTextError(
                    file, detail=f" (it starts with a {label} BOM but is not valid {label})"
                )
            return Decoded(text.lstrip("\ufeff"), label)
    if b"\x00" in data:
        unmarked = _bomless_utf16(data)
        if unmarked is not None:
            return unmarked
        data = data.rstrip(b"\x00")  # NUL padding some exporters leave at the end
    if b"\x00" in data:
        raise NotTextError(
            file,
            what="binary data (NUL bytes), not a text document; UTF-16 text needs a BOM — or save it as UTF-8",
        )
    warnings: list[str] = []
    if declared:
        codec = _DECLARED_ALIASES.get(declared.lower(), declared.lower())
        text = _strict(data, codec)
        if text is not None:
            label = _gb_label(data) if codec == "gb18030" else codecs.lookup(codec).name
            return Decoded(text, label)
        warnings.append(f"declared charset {declared!r} does not fit the bytes; the encoding was detected")
    text = _strict(data, "utf-8")
    # A few GBK characters can also be valid UTF-8 (通知 → ֪ͨ): UTF-8 without any Chinese loses to GB.
    if text is not None and (text.isascii() or _CJK.search(text) or not _gb_reads_better(data, text)):
        return Decoded(text, "utf-8", tuple(warnings))
    nearly = data.decode("utf-8", errors="replace")
    stray = nearly.count("\ufffd")
    long_enough = len(data) >= 200 or _strict(data, "gb18030") is None  # short GBK can be near-UTF-8
    if text is None and stray <= max(1, len(data) // 1000) and _CJK.search(nearly) and long_enough:
        # Valid UTF-8 but for a cut-off last character or a stray byte: GBK would read it as mojibake.
        note = f"{stray} undecodable byte sequence(s) replaced by U+FFFD (read as utf-8)"
        return Decoded(nearly, "utf-8", (*warnings, note))
    candidates = [(c, t) for c in ("gb18030", "big5") if (t := _strict(data, c)) is not None]
    if candidates:
        scored = sorted(candidates, key=lambda ct: _chinese_score(ct[1]), reverse=True)
        codec, text = scored[0]
        # Big5 must clearly beat GB18030: GBK text is far more common and must never be misread.
        if (
            codec == "big5"
            and len(scored) == 2
            and _chinese_score(text) - _chinese_score(scored[1][1]) < 0.05
        ):
            codec, text = scored[1]
        label = _gb_label(data) if codec == "gb18030" else "big5"
        return Decoded(text, label, tuple(warnings))
    best = _best_effort(data, file)
    return Decoded(best.text, best.encoding, tuple(warnings) + best.warnings)


def decode_text(data: bytes, file: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text with ``'\\n'`` line ends, or raise E102/E104 naming ``file``."""
    decoded = _detect(data, file, declared)
    text = _NEWLINES.sub("\n", decoded.text)
    controls = len(_CONTROL.findall(text))
    if controls > max(8, _MAX_CONTROL_SHARE * len(text)):
        raise NotTextError(
            file,
            what=f"binary data ({controls} control characters), not a text document (read as {decoded.encoding})",
        )
    return Decoded(text, decoded.encoding, decoded.warnings)


__all__ = ["Decoded", "decode_text"]
