"""Text as read, made safe to analyse, store and print: done once, by the readers.

A lone surrogate (JSON allows `"\\ud800"`) can't be encoded as UTF-8, so the first
hash, write or print of it fails; it becomes U+FFFD, one character for one, so no
offset moves. NUL and the other C0 and C1 control characters mean nothing in an
article and some of them drive a terminal (ESC starts its escape sequences): each
becomes a space, one for one, so offsets stay offsets into the input's own text
(gold annotations of it among others), except tab and the line ends (LF, and CR,
which Windows line ends hold), kept as they are.
The article then carries a warning that says what was changed.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from attrib.errors import location
from attrib.model import Article

LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 but tab, LF and CR; DEL; C1.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The Article fields that hold text from the input (warning is attrib's own).
TEXT_FIELDS = tuple(f.name for f in fields(Article) if f.name not in ("source_line", "warning"))


def sanitize_text(text: str) -> tuple[str, int, int]:
    """`text` with lone surrogates and control characters replaced, one for one, and how
    many of each there were."""
    text, replaced = LONE_SURROGATE.subn("\ufffd", text)
    text, blanked = CONTROL.subn(" ", text)
    return text, blanked, replaced


def sanitize_article(article: Article) -> Article:
    """The article with every text field sanitised, and a warning naming its file (and
    line) when anything was changed."""
    changes: dict[str, str] = {}
    dropped = replaced = 0
    for name in TEXT_FIELDS:
        value = getattr(article, name)
        if not isinstance(value, str):
            continue
        clean, d, r = sanitize_text(value)
        if d or r:
            changes[name] = clean
            dropped += d
            replaced += r
    if not changes:
        return article
    said = []
    if dropped:
        said.append(f"{dropped} control character{'s' if dropped != 1 else ''} replaced by spaces")
    if replaced:
        said.append(f"{replaced} invalid character{'s' if replaced != 1 else ''} (lone surrogates) replaced by U+FFFD")
    detail = ", ".join(said)
    where = location(article.source_path or article.id, article.source_line)
    warning = f"{article.warning}; {detail}" if article.warning else f"{where}: {detail}"
    return replace(article, **changes, warning=warning)
