from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS, ANNOTATIONS, REGISTRY = ROOT / "seeds", ROOT / "data" / "annotations", ROOT / "data" / "registry"
FIXTURES = ROOT / "tests" / "fixtures"
MEMORY_FOLDER, MEMORY_FOLDER_ROOM = Path("/dev/shm"), 2 * 1024**3  # a RAM-backed file system, and the free space asked
TEMPORARY_PLACES = ("TMPDIR", "TEMP", "TMP", "PYTEST_DEBUG_TEMPROOT")  # where a person may have put temporary files
# Modules whose tests run notebooks, servers or a browser, slowest first. They are handed to the
# parallel workers before the quick tests, which then even out when each worker ends.
SLOW_FIRST = ("test_transaction.py", "test_isolation.py", "test_new_article.py", "test_lab.py", "test_make.py",
              "test_report.py", "test_pipeline.py", "test_validation.py", "test_browser.py")

# The same generated examples on every run and every machine (seeded from each test's source), so
# that a reviewer who reruns the suite gets the result it gave here. `--hypothesis-profile=explore`
# draws new ones each run, to look for what these miss.
settings.register_profile("reproducible", derandomize=True, database=None)
settings.register_profile("explore")
settings.load_profile("reproducible")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Compiled modules kept, and temporary folders in memory.

    A system that sets PYTHONDONTWRITEBYTECODE makes every worker, kernel and command compile the
    package again, and pytest rewrite every test module's asserts again: 1.6 s of each worker's
    collection, some 7 s of CPU time per suite run on 2 cores. The suite writes them (to the
    __pycache__ folders git ignores), for itself and the processes it starts.

    Temporary folders in memory (Linux's /dev/shm) when it is writable, has room, and no other
    place was chosen (--basetemp, or TMPDIR, TEMP, TMP, PYTEST_DEBUG_TEMPROOT). A suite run
    writes and removes some 2 GB of project copies and kernel outputs (at most about 100 MB at
    once); on a disk's file system that cost the system some 13 s of CPU time. A failing test's
    folder is kept, in memory, until the next run replaces it. The workers, kernels and commands
    inherit TMPDIR."""
    sys.dont_write_bytecode = False
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if config.option.basetemp or any(os.environ.get(name) for name in TEMPORARY_PLACES) \
            or not _has_room(MEMORY_FOLDER):
        return
    os.environ["TMPDIR"] = str(MEMORY_FOLDER)
    tempfile.tempdir = None  # pytest's output capture has already asked, and tempfile remembers the answer


def _has_room(folder: Path) -> bool:
    return folder.is_dir() and os.access(folder, os.W_OK) and shutil.disk_usage(folder).free >= MEMORY_FOLDER_ROOM


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """One worker more than the machine has cores (`-n auto`): a worker waiting on a kernel or a
    command it started leaves its core idle, and the extra worker fills those waits. Measured on
    2 cores: 54.0-54.7 s with 3 workers, 55.8-58.4 s with 2, 57.4 s with 4."""
    from nkestimates.execution import cores

    return cores() + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    order = {name: rank for rank, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(SLOW_FIRST)))


CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
NEEDS_CHROMIUM = pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="Chromium and ChromeDriver are not "
                                    "installed (Debian packages chromium, chromium-driver)")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Headless Chromium, started once per worker for every test that looks at a page (the
    report's, JupyterLab's); each test sets the window size it needs."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--hide-scrollbars", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


@pytest.fixture(autouse=True)
def environment_kept():
    """Each test starts from the worker's environment: a run points the kernels' IPython and
    matplotlib folders into its own project (kernel_environment), which a passing test's
    temporary folder takes with it when it is removed."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture(scope="session")
def catalogue():
    from nkestimates.catalogue import build  # here, not at the top: pytest's controlling process never needs it

    return build(SEEDS, ANNOTATIONS, REGISTRY)


def copy_project(folder: Path) -> Path:
    """A copy of the project's inputs and committed outputs in folder (with matplotlib's font
    cache, if there is one, so that the copy's kernels do not each list the system's fonts)."""
    for name in ("seeds", "data", "notebooks", "params", "figures", "reports"):
        shutil.copytree(ROOT / name, folder / name, ignore=shutil.ignore_patterns("*.failed.ipynb", ".staging-*"))
    for cache in (ROOT / "build/matplotlib").glob("fontlist-*.json"):
        (folder / "build/matplotlib").mkdir(parents=True, exist_ok=True)
        shutil.copy(cache, folder / "build/matplotlib" / cache.name)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's inputs and committed outputs, to break in a test."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def new_articles_run(tmp_path_factory) -> tuple[Path, list[str]]:
    """A project copy with every fixture article added to its seeds, built once for the whole
    test run (notebooks 01 and 02; the first worker to need it builds it, the others wait) for
    the tests that only read what the run wrote; (the copy, the lines it printed)."""
    from nkestimates.files import folder_locked
    from nkestimates.pipeline import run

    shared = tmp_path_factory.getbasetemp()
    shared = shared.parent if os.environ.get("PYTEST_XDIST_WORKER") else shared  # every worker's run
    project, printed = shared / "new-articles", shared / "new-articles.log"
    with folder_locked(shared):
        if not printed.exists():
            copy_project(project)
            for article in (FIXTURES / "articles").glob("*.txt"):
                shutil.copy(article, project / "seeds" / article.name)
            lines = []
            run(project / "params/default.yaml", only=["01", "02"], root=project, progress=lines.append)
            printed.write_text("\n".join(lines), encoding="utf-8")
    return project, printed.read_text(encoding="utf-8").splitlines()
