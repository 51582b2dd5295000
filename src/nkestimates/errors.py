"""One error type for bad input: it names the file (and line), says what is wrong and what to do."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    def __init__(self, where: str | Path, problem: str, fix: str, line: int | None = None):
        self.where = f"{where}:{line}" if line else str(where)
        super().__init__(f"{self.where}: {problem}. {fix}")


class NotebookError(Exception):
    """A notebook failed: the message names the notebook, the cell and the reason."""
