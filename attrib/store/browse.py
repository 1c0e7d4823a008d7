"""Browsing the quote database in Datasette, with attrib's metadata: what each table
and column holds, full-text search on `attributions_view`, the span columns hidden by
default, and ready queries (anonymous share by publisher, a speaker's statements,
low-confidence attributions to check). `attrib db browse` runs it.

The metadata is data (attrib/data/datasette.json). Datasette keys a database's
metadata by its name, the file name without extension, so it is placed under that
name when used. Datasette itself is optional (`pip install datasette`, or the dev
extra): it is imported only here, when asked for.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, Sequence

from attrib.errors import StoreError
from attrib.lexicons import read_data_file


def datasette_metadata(database: str | Path) -> dict[str, Any]:
    """Datasette metadata for the quote database at `database` (a path, or its name)."""
    data = read_data_file("datasette.json")
    name = Path(database).stem
    return {key: value for key, value in data.items() if key != "database"} | {"databases": {name: data["database"]}}


def register_plugin() -> None:
    """Register attrib's Datasette plugin (hidden columns), once."""
    try:
        from datasette.plugins import pm
    except ImportError:
        raise StoreError("Datasette is not installed: pip install datasette") from None
    from attrib.store import datasette_plugin

    if not pm.is_registered(datasette_plugin):
        pm.register(datasette_plugin, name="attrib")


def serve(path: Path, options: Sequence[str] = ()) -> None:
    """Run `datasette serve` on the database at `path` with attrib's metadata and
    plugin; `options` go to Datasette as they are (--port 8002, --open, ...)."""
    if not path.is_file():
        raise StoreError(f"{path}: no database here (run `attrib ingest` first, or give --db)")
    register_plugin()
    from datasette.cli import cli

    with tempfile.TemporaryDirectory(prefix="attrib-datasette-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(datasette_metadata(path), indent=2), encoding="utf-8")
        cli.main(["serve", str(path), "--metadata", str(metadata), *options], prog_name="attrib db browse")
