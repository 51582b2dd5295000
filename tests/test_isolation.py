"""Parameter runs never touch the published outputs: any set but params/default.yaml, and any
-p override, writes everything under build/<name>/, with a report that stands on its own."""

import errno
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
from PIL import Image

from nkestimates.publish import STAGING_PREFIX as STAGING

from conftest import ROOT

ESTIMATES = ROOT / ".venv/bin/estimates"
LINK = re.compile(r'(?:href|src)="([^"#:]+)"')


def git_status() -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout


def estimates(*args, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([str(ESTIMATES), *args], cwd=cwd, capture_output=True, text=True, timeout=1200)


def broken_links(folder: Path) -> list[str]:
    """Links in the report's pages that do not lead to a file inside folder."""
    broken = []
    for page in (folder / "reports").glob("*.html"):
        for link in LINK.findall(page.read_text(encoding="utf-8")):
            target = (page.parent / unquote(link)).resolve()
            if not target.is_file() or not target.is_relative_to(folder.resolve()):
                broken.append(f"{page.name}: {link}")
    return broken


def differing_pages(folder: Path, project: Path) -> list[str]:
    """The project's report pages whose copy in folder differs from them or is missing."""
    copied = lambda page: folder / "reports" / page.name  # noqa: E731
    return [page.name for page in (project / "reports").glob("*.html")
            if not copied(page).is_file() or copied(page).read_bytes() != page.read_bytes()]


def test_print_set_and_an_override_leave_the_repository_as_it_was():
    before = git_status()
    # notebooks 01 and 04 (one with a table, one with charts): every run works in a staging folder
    # and publishes where destination() says; 02 and 03 with the print set: test_charts.py. The
    # override runs 02 alone, for one measure: it reads the published table
    overridden = ROOT / "build/default+year_min=2015+formats=_png_+measures=_share_nk_women_in_china_trafficked_"
    shutil.rmtree(overridden, ignore_errors=True)  # the override's first run starts from the published tables
    printed = estimates("run", "params/print.yaml", "--only", "01", "04")
    assert printed.returncode == 0, printed.stderr
    override = estimates("run", "params/default.yaml", "-p", "year_min=2015", "-p", "formats=[png]",
                         "-p", "measures=[share_nk_women_in_china_trafficked]", "--only", "02")
    assert override.returncode == 0, override.stderr
    assert git_status() == before

    folder = ROOT / "build/print"
    assert "build/print/" in printed.stdout
    assert (folder / "reports/index.html").is_file() and broken_links(folder) == []
    index = pd.read_csv(folder / "figures/index.csv", dtype=str)
    png = Image.open(folder / "figures" / f"{index.figure.iloc[0]}.png")
    assert round(png.info["dpi"][0]) == 300  # the print style, not the published web style
    assert (folder / "notebooks/executed/04-tracing-the-claims.ipynb").is_file()

    assert str(overridden.relative_to(ROOT)) in override.stdout
    drawn = pd.concat(pd.read_csv(p, dtype=str) for p in (overridden / "figures").glob("02-*.csv"))
    assert set(drawn.measure) == {"share_nk_women_in_china_trafficked"} and drawn.year.dropna().astype(int).min() >= 2015
    assert not list((overridden / "figures").glob("*.svg"))


# The copies of the report are made from a copy of the project: a run in the repository itself
# (above) holds its lock, and a report there would wait for it.

def test_report_out_writes_a_self_contained_folder(project):
    folder = project / "build/copy"
    result = estimates("report", "--out", str(folder), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (folder / "reports/index.html").is_file() and broken_links(folder) == []
    assert (folder / "data/estimates.csv").read_bytes() == (project / "data/estimates.csv").read_bytes()
    assert differing_pages(folder, project) == []


def test_report_out_replaces_only_an_earlier_copy(project):
    from nkestimates.pipeline import publish_report

    folder = project / "build/copy"
    publish_report(project, folder)
    publish_report(project, folder)  # an earlier copy is replaced
    (folder / "reports/notes.txt").write_text("a person's own notes")
    refused = estimates("report", "--out", str(folder), cwd=project)
    assert refused.returncode == 2 and "holds what an earlier copy of the report did not write (reports/notes.txt)" \
        in refused.stderr, refused.stderr
    assert (folder / "reports/notes.txt").read_text() == "a person's own notes"


def test_report_out_on_another_file_system_is_copied_in_whole(project, monkeypatch):
    """A file cannot be moved across file systems (EXDEV): each is copied beside its place in the
    copy, then swapped in, and the staging folder is removed."""
    from nkestimates.pipeline import publish_report

    real, crossed = os.replace, []

    def replace(source, target):
        if STAGING in str(source) and STAGING not in str(target):  # from the staging folder to the copy
            crossed.append(target)
            raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))
        return real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    folder = project / "build/copy"
    publish_report(project, folder)
    assert crossed and broken_links(folder) == [] and not list(folder.rglob(".*.tmp"))
    assert differing_pages(folder, project) == []
    assert not list((project / "build").glob(f"{STAGING}*"))


def test_report_out_never_follows_a_link(tmp_path):
    folder, elsewhere = tmp_path / "copy", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "own.txt").write_text("kept")
    folder.mkdir()
    (folder / "figures").symlink_to(elsewhere)
    refused = estimates("report", "--out", str(folder))
    assert refused.returncode == 2 and "(figures (a link))" in refused.stderr, refused.stderr
    assert [p.name for p in elsewhere.iterdir()] == ["own.txt"]


def test_report_out_may_not_write_into_the_project():
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "data").iterdir()}
    refused = estimates("report", "--out", "data")
    assert refused.returncode == 2 and "is inside the project. Give a folder outside it, or under build/" \
        in refused.stderr, refused.stderr
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "data").iterdir()} == before
