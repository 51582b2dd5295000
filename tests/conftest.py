from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from nkestimates.catalogue import build

ROOT = Path(__file__).resolve().parents[1]
SEEDS, ANNOTATIONS, REGISTRY = ROOT / "seeds", ROOT / "data" / "annotations", ROOT / "data" / "registry"
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def catalogue():
    return build(SEEDS, ANNOTATIONS, REGISTRY)


def copy_project(folder: Path) -> Path:
    """A copy of the project's inputs and committed outputs in folder."""
    for name in ("seeds", "data", "notebooks", "params", "figures"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("*.failed.ipynb", ".staging-*"))
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs and committed outputs, to break in a test."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def new_articles_run(tmp_path_factory) -> tuple[Path, list[str]]:
    """A project copy with every fixture article added to its seeds, built once (notebooks 01
    and 02) for the tests that only read what the run wrote; (the copy, the lines it printed)."""
    from nkestimates.pipeline import run

    project = copy_project(tmp_path_factory.mktemp("new-articles"))
    for article in (FIXTURES / "articles").glob("*.txt"):
        shutil.copy(article, project / "seeds" / article.name)
    lines = []
    run(project / "params/default.yaml", only=["01", "02"], root=project, progress=lines.append)
    return project, lines
