"""The project root, found from wherever a notebook runs (the root, notebooks/, JupyterLab)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT_MARKER = Path("params/default.yaml")


def project_root(start: Path | None = None) -> Path:
    """The nearest folder, from start (the working folder) upwards, that holds params/default.yaml."""
    here = Path(start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if (folder / ROOT_MARKER).is_file():
            return folder
    raise FileNotFoundError(f"no project root (a folder with {ROOT_MARKER}) above {here}")


def work_in_project_root() -> None:
    """Make the project root the working folder, so relative paths mean the same everywhere."""
    os.chdir(project_root())


def shown(path: Path) -> str:
    """A path as a person reads it: relative to the working folder when inside it."""
    path, here = Path(path).absolute(), Path.cwd().absolute()
    return str(path.relative_to(here)) if path.is_relative_to(here) else str(path)


def shown_in_project(path: Path) -> str:
    """Where a file really is (through links: a run reads its inputs in a staging folder through
    links), relative to the nearest project folder around the working folder that holds it."""
    real, here = Path(path).resolve(), Path.cwd().absolute()
    for folder in (here, *here.parents):
        if (folder / ROOT_MARKER).is_file() and real.is_relative_to(folder.resolve()):
            return str(real.relative_to(folder.resolve()))
    return str(real)


def named_relative_to(text: str, *folders: Path) -> str:
    """text, with the files it names inside any of folders named relative to it."""
    for folder in folders:
        text = text.replace(f"{folder}{os.sep}", "")
    return text
