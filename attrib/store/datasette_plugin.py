"""attrib's Datasette plugin: columns hidden by default on a table's page.

Datasette's metadata can describe columns but not hide them, so a table whose
metadata names `hidden_columns` under `plugins.attrib` (the span columns of
`attributions`, in attrib/data/datasette.json) is shown without them: a request for
its HTML page that chooses no columns (`_col`, `_nocol`) is redirected to the same
page with `_nocol` for each. JSON and CSV keep every column.
"""

from __future__ import annotations

from typing import Any, Optional
from urllib.parse import parse_qsl, unquote, urlencode

from datasette import hookimpl


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def hide_columns(scope: dict[str, Any], receive, send) -> None:
            location = with_hidden_columns(datasette, scope) if scope.get("type") == "http" else None
            if location is None:
                await app(scope, receive, send)
                return
            await send({"type": "http.response.start", "status": 302, "headers": [[b"location", location.encode()]]})
            await send({"type": "http.response.body", "body": b""})

        return hide_columns

    return wrap


def with_hidden_columns(datasette, scope: dict[str, Any]) -> Optional[str]:
    """The URL hiding the table's hidden columns, or None to serve the request as it is."""
    parts = scope["path"].strip("/").split("/")
    # A table's HTML page is /database/table; /database/table.json is an export.
    if len(parts) != 2 or "." in parts[1]:
        return None
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if any(key in ("_col", "_nocol") for key, _ in query):
        return None
    database, table = (unquote(part) for part in parts)
    config = datasette.plugin_config("attrib", database=database, table=table, fallback=False) or {}
    hidden = config.get("hidden_columns")
    if not hidden:
        return None
    query += [("_nocol", column) for column in hidden]
    return f"{scope.get('root_path', '')}{scope['path']}?{urlencode(query)}"
