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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs and committed outputs, to break in a test."""
    for folder in ("seeds", "data", "notebooks", "params", "figures"):
        shutil.copytree(ROOT / folder, tmp_path / folder,
                        ignore=shutil.ignore_patterns("*.failed.ipynb", ".staging-*"))
    return tmp_path
