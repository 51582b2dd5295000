"""One error type for bad input: it names the file (and line), says what is wrong and what to do."""

from __future__ import annotations

import re
from pathlib import Path


class InputError(Exception):
    """One problem on one line: line breaks in what it quotes are shown escaped."""

    def __init__(self, where: str | Path, problem: str, fix: str, line: int | None = None):
        self.where = f"{where}:{line}" if line else str(where)
        one_line = f"{self.where}: {problem}. {fix}"
        super().__init__(re.sub(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]", lambda m: repr(m.group())[1:-1], one_line))


class NotebookError(Exception):
    """A notebook failed: the message names the notebook, the cell and the reason."""
