"""make as people run it: its help matches the README, a seed whose name has spaces is built, and
deleting a seed is noticed (staleness is decided by content, not by make's file list)."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

# The environment is the project's own: make must not try to reinstall it in the copy.
MAKE = ["make", "-o", ".venv/.installed", "-o", "requirements.lock", "-o", "pyproject.toml"]


def make(project: Path, *targets: str) -> subprocess.CompletedProcess:
    return subprocess.run([*MAKE, *targets], cwd=project, capture_output=True, text=True, timeout=1200)


@pytest.fixture
def made(project: Path) -> Path:
    """The project copy with its Makefile and the project's environment."""
    shutil.copy(ROOT / "Makefile", project)
    (project / ".venv").symlink_to(ROOT / ".venv")
    return project


def test_readme_lists_what_make_help_prints():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"`make help` lists every target:\n\n```\n(.*?)```", readme, re.S).group(1)
    printed = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert block == printed


def test_a_fresh_copy_is_up_to_date(made):
    result = make(made)
    assert result.returncode == 0 and "Everything is up to date." in result.stdout, result.stdout + result.stderr


def test_a_seed_named_with_spaces_is_built(made):
    (made / "seeds/my new article.txt").write_text("Some 3,000 people crossed in 2019.", encoding="utf-8")
    result = make(made, "catalogue")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No rule to make target" not in result.stderr
    assert "numbers in my new article.txt need review" in result.stdout


def test_deleting_a_seed_is_noticed(made):
    deleted = sorted((made / "seeds").glob("*.txt"))[-1]
    deleted.unlink()
    result = make(made, "catalogue")
    assert "Nothing to be done" not in result.stdout + result.stderr
    assert "Everything is up to date." not in result.stdout
    # the manifest still lists it: the build stops on that line rather than publish without it
    assert result.returncode != 0 and "seeds/manifest.yaml:" in result.stderr and deleted.name in result.stderr
