"""A report as JSON: the Report dataclass as it is, tiers keyed "1".."4", spans as
[start, end] lists of character offsets into each article's text."""

from __future__ import annotations

import json

from attrib.report.data import Report


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
