"""A run publishes as one transaction: killed at any point (SIGINT, SIGTERM, SIGKILL, make
killed, a failing cell, a full disk, a kill while files are being moved), the published outputs
are afterwards all as before or all new, with no temporary file left; and the kernel dies with
the run."""

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from nkestimates.pipeline import run
from nkestimates.publish import DATA, OUTPUT_FOLDERS, recover

from conftest import ROOT

ESTIMATES = ROOT / ".venv/bin/estimates"
RUN = ["run", "params/default.yaml"]
KILLED_AT_CALL = """
import os, signal, sys
from nkestimates import cli, {module}
real, calls = {module}.{function}, []
def counted(*args, **kwargs):
    calls.append(1)
    if len(calls) == {calls} and {refused}:
        raise PermissionError(13, "Permission denied", str(args[-1]))
    result = real(*args, **kwargs)
    if len(calls) == {calls}:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
{module}.{function} = counted
sys.exit(cli.main(sys.argv[1:]))
"""


def killed_at_call(project: Path, module: str, function: str, calls: int, args: list[str], refused: bool = False
                   ) -> subprocess.CompletedProcess:
    """A run killed (SIGKILL) as soon as nkestimates.module.function has returned calls times:
    at an exact point, however fast the machine; with refused, that call fails instead, as a
    file system refuses a write (Permission denied on its last argument)."""
    hook = KILLED_AT_CALL.format(module=module, function=function, calls=calls, refused=refused)
    return subprocess.run([sys.executable, "-c", hook, *args], cwd=project, timeout=1200,
                          capture_output=True, text=True)


def outputs(project: Path) -> dict[str, str]:
    """Every published file (and any temporary one among them) with a digest of its bytes."""
    files = [p for p in (project / DATA).iterdir() if p.is_file()]
    files += [p for folder in OUTPUT_FOLDERS if (project / folder).exists() for p in (project / folder).rglob("*")
              if p.is_file()]
    return {p.relative_to(project).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def start(project: Path, args: list[str]) -> subprocess.Popen:
    """A run as started from a terminal: Ctrl-C stops it (a test worker may ignore SIGINT, and a
    child inherits that)."""
    return subprocess.Popen(args, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def wait_for(process: subprocess.Popen, marker: str) -> list[str]:
    lines = []
    for line in process.stdout:
        lines.append(line)
        if marker in line:
            return lines
    raise AssertionError(f"the run ended before {marker!r}: {''.join(lines)}")


def stop_at(project: Path, marker: str, number: int, delay: float = 0.5, args: list[str] | None = None) -> int:
    """Start a run, send signal number once marker is printed (and delay has passed); the exit code.
    Every process the run started must be gone soon after."""
    process = start(project, args or [str(ESTIMATES), *RUN])
    wait_for(process, marker)
    time.sleep(delay)
    family = psutil.Process(process.pid).children(recursive=True)
    assert family, "the run has started no kernel"
    os.kill(process.pid, number)
    process.stdout.read()
    code = process.wait(timeout=120)
    gone, alive = psutil.wait_procs(family, timeout=15)
    assert not alive, f"still running after the run was stopped: {alive}"
    return code


@pytest.fixture
def changed_project(project: Path) -> Path:
    """A project copy whose next run changes the data, every figure, the notebooks and the report."""
    default = project / "params/default.yaml"
    default.write_text(default.read_text().replace("style: web", "style: print"))
    annotation = sorted((project / "data/annotations").glob("*.yaml"))[0]
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(re.sub(r"(\n    notes: >-\n +)", r"\1Checked again. ", text, count=1), encoding="utf-8")
    assert annotation.read_text(encoding="utf-8") != text
    return project


ONLY_01 = [str(ESTIMATES), *RUN, "--only", "01"]  # a run that reaches its report soonest


KILLS = {  # where the run is stopped: (marker printed, signal, delay after it, command, exit code)
    "SIGKILL in the first notebook": ("[1/5]", signal.SIGKILL, 0.5, None, -signal.SIGKILL),  # it takes 1 s
    "SIGINT in the second": ("[2/5]", signal.SIGINT, 0.5, None, 130),  # it takes 3 s
    "SIGTERM in a later one": ("[2/2]", signal.SIGTERM, 0.5, [*ONLY_01, "03"], 130),
}


@pytest.mark.parametrize("kill", KILLS)
def test_a_killed_run_leaves_outputs_all_old(changed_project, kill):
    project = changed_project
    marker, number, delay, args, code = KILLS[kill]
    old = outputs(project)
    (project / "figures/.02-left-over.svg.abc.tmp").write_text("a temporary file of a killed writer")
    assert stop_at(project, marker, number, delay=delay, args=args) == code
    assert outputs(project) == old  # and the temporary file a killed writer left is gone


def test_a_run_killed_while_writing_the_report_leaves_outputs_all_old(changed_project):
    project = changed_project
    old = outputs(project)
    # the third page the report writes (notebook 01's is the first): the report is half written
    killed = killed_at_call(project, "report", "write_text_atomic", 3, [*RUN, "--only", "01"])
    assert killed.returncode == -signal.SIGKILL and "[report]" in killed.stdout, killed.stdout + killed.stderr
    assert outputs(project) == old


def test_killing_make_stops_the_run_under_it(changed_project):
    project = changed_project
    old = outputs(project)
    shutil.copy(ROOT / "Makefile", project)
    (project / ".venv").symlink_to(ROOT / ".venv")
    make = ["make", "-o", ".venv/.installed", "-o", "requirements.lock", "-o", "pyproject.toml"]
    assert stop_at(project, "[2/5]", signal.SIGKILL, args=make) == -signal.SIGKILL
    assert outputs(project) == old  # stop_at waited until every process under make was gone


def test_a_failing_cell_after_a_notebook_that_succeeded_publishes_nothing(changed_project):
    project = changed_project
    old = outputs(project)
    # a full disk in the last notebook run, after notebook 01 wrote new data: nothing is published
    (project / "notebooks/05-disk-full.py").write_text(
        "# %%\nraise OSError(28, 'No space left on device')\n", encoding="utf-8")
    failed = subprocess.run([*ONLY_01, "05"], cwd=project, capture_output=True, text=True, timeout=1200)
    assert failed.returncode == 2 and "No space left on device" in failed.stderr
    assert "[1/2] notebooks/01-estimate-catalogue.py" in failed.stdout
    (project / "notebooks/05-disk-full.py").unlink()
    (project / "notebooks/executed/05-disk-full.failed.ipynb").unlink()
    assert outputs(project) == old


def test_a_run_killed_while_moving_is_finished_by_the_next(changed_project):
    project = changed_project
    old = outputs(project)
    only = ["--only", "01"]  # new tables and report pages: files in more than one folder to move
    killed = killed_at_call(project, "publish", "_move", 3, [*RUN, *only])
    assert killed.returncode == -signal.SIGKILL
    recover(project)
    new = outputs(project)
    changed = {name for name in old.keys() | new.keys() if old.get(name) != new.get(name)}
    assert "data/estimates.csv" in changed and any(name.startswith("reports/") for name in changed), changed
    assert not list((project / "build").glob(".staging-*"))

    # and the outputs are the new ones in full: nothing is left to rebuild
    lines = []
    run(project / RUN[1], only=only[1:], root=project, progress=lines.append, if_changed=True)
    assert lines[-1] == "Everything is up to date." and not [line for line in lines if line.startswith("[")], lines
    assert outputs(project) == new


def test_a_move_refused_part_way_names_the_file_and_the_next_run_finishes_it(changed_project):
    project = changed_project
    only = ["--only", "01"]  # new tables, notebook and report: enough to be cut short part-way
    refused = killed_at_call(project, "publish", "_move", 3, [*RUN, *only], refused=True)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr, refused.stderr
    assert "publishing stopped part-way (Permission denied)" in refused.stderr
    # the output, named from where the command ran, not the copy in the staging folder
    assert re.match(r"error: (data|figures|notebooks|reports)/", refused.stderr) and ".staging-" not in refused.stderr
    assert "the next run finishes publishing" in refused.stderr
    assert len(list((project / "build").glob(".staging-*"))) == 1  # its journal is kept

    lines = []
    run(project / RUN[1], only=only[1:], root=project, progress=lines.append, if_changed=True)
    assert lines[-1] == "Everything is up to date." and not [line for line in lines if line.startswith("[")], lines
    assert not list((project / "build").glob(".staging-*"))


def test_a_folder_that_cannot_be_written_stops_publishing_before_any_file_moves(tmp_path, monkeypatch):
    from nkestimates import publish

    stage, destination = tmp_path / "stage", tmp_path / "project"
    for folder, text in ((stage, "new"), (destination, "old")):
        for name in ("figures/a.svg", "reports/index.html"):
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    monkeypatch.setattr(publish, "unwritable_reason",
                        lambda folder: "Read-only file system" if folder.name == "reports" else None)
    with pytest.raises(publish.InputError, match=r"reports: output folder cannot be written \(Read-only"):
        publish.commit(stage, destination)
    assert [(destination / name).read_text() for name in ("figures/a.svg", "reports/index.html")] == ["old", "old"]
    assert not (stage / publish.JOURNAL).exists()


def test_a_journal_publishes_stamps_last_and_into_the_project_wherever_it_has_moved(tmp_path):
    from nkestimates import publish

    project = tmp_path / "project"
    stage = project / "build/.staging-test"
    for name in ("notebooks/executed/stamps.json", "reports/index.html", "figures/a.svg"):
        (stage / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / name).write_text("new")
    journal = publish._plan(stage, project)
    assert journal["move"][-1] == "notebooks/executed/stamps.json"  # a publish cut short reads as stale
    (stage / publish.JOURNAL).write_text(json.dumps(journal))
    moved = tmp_path / "moved"
    project.rename(moved)
    publish.recover(moved)
    assert (moved / "reports/index.html").read_text() == "new" and not project.exists()
