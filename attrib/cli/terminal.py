"""What the command line asks of the terminal: its width, and whether to use colour.

Colour only on a terminal, and never when $NO_COLOR is set to anything
(https://no-color.org). The width is the terminal's ($COLUMNS first); a pipe gets 80
columns, so a table piped to a file or `less` reads as it would on a small terminal.
"""

from __future__ import annotations

import os
import shutil
from typing import TextIO


def color_wanted(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def terminal_width() -> int:
    return shutil.get_terminal_size().columns
