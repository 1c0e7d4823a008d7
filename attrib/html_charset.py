"""A web page's declared charset, checked against its bytes (`html_page`).

trafilatura guesses an encoding well, but trusts a declared one that decodes: a page
saying `utf-8` that is Windows-1251 comes out as Arabic letters, without a word.
"""

from __future__ import annotations

import re
from typing import Optional, Union

# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# which browsers look for within the first 1024 bytes (a little more here).
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
CHARSET_SNIFF_BYTES = 4096
# What a page that lies about its charset is likely to be in.
LEGACY_ENCODINGS = (
    "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "koi8_r", "iso8859_15",
    "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr",
)
# UTF-8 read as Windows-1252 or Latin-1: "Ã©" for "é", "â€™" for "’".
MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2\u20ac[\u0098-\u009d\u2122\u0153\u201c\u201d\u2018\u2019\u00a6]")


def html_page(data: bytes, path: str) -> tuple[Union[bytes, str], Optional[str]]:
    """The page for trafilatura, and a warning when its declared charset lies.

    A charset the bytes can't be decoded in, or a single-byte one declared on bytes that are
    valid UTF-8 (as good as never by chance), is a lie: the page is decoded here, as
    UTF-8 if it is, else as charset_normalizer guesses, and the warning says so."""
    match = DECLARED_CHARSET.search(data[:CHARSET_SNIFF_BYTES])
    if match is None:
        return data, None
    declared = match.group(1).decode("ascii").lower()
    try:
        data.decode(declared)
    except LookupError:
        pass  # a name Python doesn't know: trafilatura guesses, as with no declaration
    except UnicodeDecodeError:
        encoding = _guess_encoding(data)
        return data.decode(encoding, errors="replace"), _charset_warning(path, declared, encoding)
    else:
        if declared.replace("-", "").replace("_", "") in ("utf8", "ascii", "usascii"):
            return data, None
        if not data.isascii() and _is_utf8(data) and "16" not in declared and "32" not in declared:
            return data.decode("utf-8"), _charset_warning(path, declared, "utf-8")
    return data, None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _guess_encoding(data: bytes) -> str:
    """UTF-8 if the bytes are, else the legacy encoding charset_normalizer finds least
    chaotic, Windows-1252 (the commonest mislabelled one) winning ties: on a page of
    mostly ASCII several fit as well, and its wider guesses (Urdu's cp1006 for a
    Russian word in English text) are wrong."""
    if _is_utf8(data):
        return "utf-8"
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
    best = matches.best()
    if best is None:
        return "cp1252"
    # A match stands for every encoding that decodes the bytes the same way.
    if any("cp1252" in m.could_be_from_charset and m.chaos <= best.chaos for m in matches):
        return "cp1252"
    return best.encoding


def _charset_warning(path: str, declared: str, encoding: str) -> str:
    return f"{path}: the page says its charset is {declared}, but it is not; read as {encoding}"
