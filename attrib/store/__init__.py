"""The quote database: analysed articles in SQLite, shaped for queries and Datasette.

`schema` builds and upgrades the tables (forward-only migrations), `db` opens the
file and writes articles, `queries` answers questions. Reading, analysing and
storing a corpus is `attrib.run.ingest`. The CLI in `attrib/cli/store.py` is a thin
layer over these.
"""

from attrib.store.db import database_path, open_database, store_articles
from attrib.store.queries import QuoteFilters, quotes, speakers, sql, who_said

__all__ = [
    "database_path", "open_database", "store_articles", "QuoteFilters", "quotes", "speakers", "sql", "who_said",
]
