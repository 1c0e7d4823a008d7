"""A Doc's text, kept: `doc.text` joins every token again on each access, and the
extractors read it inside loops and from several modules for the same article."""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc


class _TextOf:
    """The last document's text. It holds the Doc itself, so the identity check cannot
    be fooled by a reused id."""

    def __init__(self) -> None:
        self.doc: Optional[Doc] = None
        self.text = ""

    def __call__(self, doc: Doc) -> str:
        if doc is not self.doc:
            self.doc, self.text = doc, doc.text
        return self.text


text_of = _TextOf()
