"""Notebooks run through papermill inside the test run; bad input stops the build cleanly."""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

from nkestimates.errors import InputError, NotebookError
from nkestimates.pipeline import check, run

from conftest import FIXTURES, ROOT

OUTPUTS = ("data/estimates.csv", "data/mentions.csv", "data/vocabulary.csv", "data/datapackage.json",
           "notebooks/executed/01-estimate-catalogue.ipynb")


def write_params(project: Path, name: str = "default", **params) -> Path:
    """params/default.yaml (the set that publishes) of the project copy, or another named set."""
    path = project / "params" / f"{name}.yaml"
    defaults = yaml.safe_load((ROOT / "params" / "default.yaml").read_text())
    path.write_text(yaml.safe_dump({**defaults, **params}))
    return path


def snapshot(project: Path) -> dict:
    return {name: (project / name).read_bytes() for name in OUTPUTS}


def test_notebook_01_on_a_fixture_folder(project):
    shutil.copytree(FIXTURES / "mini", project / "mini")
    params = write_params(project, "mini", seeds_dir="mini/seeds", annotations_dir="mini/annotations",
                          output_dir="out", data_dir="out")
    [executed] = run(params, only=["01"], root=project, progress=lambda _: None)
    out = project / "build/mini/out"  # a new output folder, staged and published like data/
    assert not (project / "out").exists()
    estimates = pd.read_csv(out / "estimates.csv", dtype=str, keep_default_na=False)
    assert estimates.estimate_id.tolist() == ["wire-share-70-80", "wire-hiding", "wire-price", "wire-price"]
    assert estimates.loc[0, ["value_low", "value_high", "qualifier", "outlet"]].tolist() == [
        "70", "80", "about", "Wire (fixture)"]
    mentions = pd.read_csv(out / "mentions.csv", dtype=str, keep_default_na=False)
    assert mentions.status.value_counts().to_dict() == {"estimate": 4, "excluded": 2}
    assert (out / "datapackage.json").exists()
    notebook = nbformat.read(executed, as_version=4)
    assert "papermill" not in notebook.metadata
    assert [c.id for c in notebook.cells] == [f"cell-{i:03d}" for i in range(len(notebook.cells))]
    text = "".join(o.get("text", "") for c in notebook.cells for o in c.get("outputs", []))
    assert "estimates.csv" in text


def test_an_output_folder_that_exists_in_the_project_is_never_written_through(project):
    (project / "out").mkdir()
    (project / "out/estimates.csv").write_text("a person's own table\n")
    params = write_params(project, "own", output_dir="out", data_dir="out")
    run(params, only=["01"], root=project, progress=lambda _: None)
    assert (project / "out/estimates.csv").read_text() == "a person's own table\n"
    assert (project / "build/own/out/estimates.csv").read_bytes() == (ROOT / "data/estimates.csv").read_bytes()


def test_a_sets_output_folders_are_checked_where_it_writes_them(project):
    (project / "build/mine").mkdir(parents=True)
    (project / "build/mine/figures").write_text("a file where the set's figures go")
    with pytest.raises(InputError, match="parameter 'figures_dir': folder 'figures' cannot be written"):
        check(write_params(project, "mine"), root=project)
    check(project / "params/default.yaml", root=project)  # the published figures/ is writable


@pytest.mark.parametrize("name", ["...", "..", ".staging-x", "ipython"])
def test_a_set_whose_name_is_no_folder_of_its_own_is_refused(project, name):
    before = snapshot(project)
    with pytest.raises(InputError, match=f"its outputs would go to build/{re.escape(name)}, which is not a folder"):
        run(write_params(project, name, year_min=2015), root=project, progress=lambda _: None)
    assert snapshot(project) == before


def test_a_link_at_a_sets_build_folder_is_refused(project):
    (project / "build").mkdir(exist_ok=True)
    (project / "build/linked").symlink_to("..")
    with pytest.raises(InputError, match="remove build/linked if it is a link"):
        check(write_params(project, "linked"), root=project)


def test_a_build_folder_that_is_a_link_is_refused(project):
    shutil.rmtree(project / "build", ignore_errors=True)
    (project / "build").symlink_to("data")  # a set's outputs would land among the committed tables
    before = snapshot(project)
    with pytest.raises(InputError, match="build: is a link"):
        run(write_params(project, "mine"), only=["01"], root=project, progress=lambda _: None)
    assert snapshot(project) == before


@pytest.mark.parametrize("target", ["seeds", "data/registry", "data/annotations"])
def test_an_output_folder_that_links_into_an_input_folder_is_refused(project, target):
    shutil.rmtree(project / "figures")
    (project / "figures").symlink_to(target, target_is_directory=True)
    with pytest.raises(InputError, match="folder 'figures' is inside an input folder \\(it is a link\\)"):
        check(project / "params/default.yaml", root=project)


def test_a_link_to_the_default_set_is_another_set(project):
    (project / "params/alias.yaml").symlink_to("default.yaml")
    from nkestimates.pipeline import destination
    assert destination(project / "params/alias.yaml", project) == project / "build/alias"
    assert destination(project / "params/default.yaml", project) == project


def test_two_long_sets_never_share_a_folder(project):
    from nkestimates.pipeline import destination
    measures = "share_nk_women_in_china_trafficked,share_defectors_trafficked,share_trafficked_into_prostitution"
    folders = {destination(project / "params/default.yaml", project, {"measures": f"[{measures},{last}]"})
               for last in ("nk_refugees_in_china", "sex_trade_revenue")}
    assert len(folders) == 2 and all(len(folder.name) <= 120 for folder in folders)


def test_a_parameter_without_a_value_is_refused_before_anything_runs(project):
    with pytest.raises(InputError, match="parameter 'seeds_dir' should be str, got no value"):
        check(write_params(project, "empty", seeds_dir=None), root=project)


def test_checking_a_parameter_set_creates_no_folder(project):
    check(write_params(project, "new", output_dir="new/tables", data_dir="new/tables", figures_dir="new/figures"),
          root=project)
    assert not (project / "new").exists()


BAD_VARIANTS = {
    "a name that is a path": ({"04": {"../../data/evil": {"version": "teacher"}}}, "is not a plain name"),
    "a number that names no notebook": ({"0": {"a": {"year_min": 2010}}}, "name no notebook"),
    "a parameter the notebook does not read": ({"02": {"narrow": {"version": "teacher"}}},
                                               "variant 'narrow' sets ['version'], which notebook 02 does not read"),
}


@pytest.mark.parametrize("name", BAD_VARIANTS)
def test_bad_variants_are_refused_before_anything_runs(project, name):
    variants, message = BAD_VARIANTS[name]
    before = snapshot(project)
    with pytest.raises(InputError, match=re.escape(message)):
        run(write_params(project, "variants", variants=variants), root=project, progress=lambda _: None)
    assert snapshot(project) == before and not (project / "build/variants").exists()


def test_a_rerun_gives_the_same_bytes(project, monkeypatch):
    from nkestimates import pipeline

    made, make = [], pipeline._page
    monkeypatch.setattr(pipeline, "_page", lambda path: made.append(path) or make(path))
    params = write_params(project)
    before = snapshot(project)
    run(params, only=["01"], root=project, progress=lambda _: None)
    assert snapshot(project) == before
    # the report's page of the notebook was made while the run went on (nbconvert made ready first)
    assert made[0] is None and [path.name for path in made[1:]] == ["01-estimate-catalogue.ipynb"]


# --- bad input: each stops with a clear message and leaves every output untouched ----------

def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_estimate(project: Path, seed: str, entry: str) -> None:
    path = project / "data/annotations" / f"{Path(seed).stem}.yaml"
    _edit(path, "estimates:\n", "estimates:\n" + entry)


DUPLICATE = """  - id: s001-kfi-share-60
    mentions:
      - quote: "Guanxi"
"""
ANNOTATION = "data/annotations/004_5d75bbe7d8ec6f52.yaml"
SEED = "seeds/004_5d75bbe7d8ec6f52.txt"

BAD_INPUTS = {
    "missing seeds folder": (lambda p: shutil.rmtree(p / "seeds"), "parameter 'seeds_dir': folder 'seeds' not found"),
    "empty seeds folder": (lambda p: [f.unlink() for f in (p / "seeds").glob("*.txt")], "no seed articles"),
    "seed not UTF-8": (lambda p: (p / SEED).write_bytes(b"\xff\xfe caf\xe9"), "not UTF-8"),
    "empty seed": (lambda p: (p / SEED).write_bytes(b""), "empty or only whitespace"),
    "whitespace seed": (lambda p: (p / SEED).write_bytes(b" \n\t\n"), "empty or only whitespace"),
    "changed seed": (lambda p: (p / SEED).write_bytes((p / SEED).read_bytes() + b" More."),
                     "annotations again"),
    "annotated seed not in manifest": (lambda p: [(p / "seeds/new.txt").write_text("Some 5 people."),
                                                  (p / "data/annotations/new.yaml").write_text("seed: new.txt\n")],
                                       "annotated but not in the manifest"),
    "quote not in seed": (lambda p: _edit(p / ANNOTATION, "as many as 200,000 North Koreans are living",
                                          "as many as 200,000 North Koreans were living"),
                          "quote not found in the seed"),
    "ambiguous quote": (lambda p: _edit(p / ANNOTATION, "are sold into sex slavery in China, report says", ""),
                        "occurs 2 times"),
    "offset past the end": (lambda p: _edit(p / ANNOTATION, "    reason: narrative_detail",
                                            "    reason: narrative_detail\n    offset: 99999"),
                            "past the end of the seed"),
    "duplicate id": (lambda p: _edit(p / ANNOTATION, "id: s004-kfi-share-60", "id: s001-kfi-share-60"),
                     "duplicate estimate id"),
    "unknown vocabulary term": (lambda p: _edit(p / ANNOTATION, "measure: nk_refugees_in_china",
                                                "measure: refugees"), "unknown measure 'refugees'"),
    "unknown producer alias": (lambda p: _edit(p / ANNOTATION, "producer_as_written: Korean Future Initiative",
                                               "producer_as_written: London-based nonprofit"),
                               "unknown producer alias"),
    "value disagrees with quote": (lambda p: _edit(p / ANNOTATION, "value_high: 200000", "value_high: 250000"),
                                   "disagrees with the quote"),
    "malformed annotation": (lambda p: _edit(p / ANNOTATION, "estimates:\n", "estimates: [\n"), "malformed YAML"),
    "annotation missing a field": (lambda p: _edit(p / ANNOTATION, "    geography: China\n", ""),
                                   "lacks 'geography'"),
    "number annotated twice": (lambda p: _edit(p / ANNOTATION, "    reason: label\n",
                                               "    reason: label\n  - quote: \"one-child policy\"\n    reason: label\n"),
                               "annotated twice"),
    "unknown flag": (lambda p: _edit(p / ANNOTATION, "flags: [attribution_unconfirmed]\n", "flags: [misnamed]\n"),
                     "unknown flag 'misnamed'"),
    "registry alias on two producers": (lambda p: _edit(p / "data/registry/sources.yaml", "aliases: [iNews]",
                                                        "aliases: [iNews, Korean Future Initiative]"),
                                        "belongs to two producers"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_stops_the_build_and_keeps_outputs(project, name):
    breaks, message = BAD_INPUTS[name]
    breaks(project)
    params = write_params(project)
    before = snapshot(project)
    with pytest.raises((InputError, NotebookError)) as error:  # checked before the run, or in it
        run(params, only=["01"], root=project, progress=lambda _: None)
    assert message in str(error.value)
    assert isinstance(error.value, InputError) or (
        "01-estimate-catalogue" in str(error.value) and "InputError" in str(error.value))
    assert len(str(error.value).splitlines()) == 1
    assert snapshot(project) == before
    assert not list((project / "data").glob(".staging-*"))


def test_quote_not_found_names_file_line_and_closest_passage(project):
    BAD_INPUTS["quote not in seed"][0](project)
    with pytest.raises(InputError) as error:
        run(write_params(project), only=["01"], root=project, progress=lambda _: None)
    assert "004_5d75bbe7d8ec6f52.yaml:" in str(error.value)
    assert "closest passage is \"" in str(error.value) and "are living" in str(error.value)


BAD_PARAMS = {
    "unknown parameter": ({"seed_dir": "seeds"}, "unknown parameter 'seed_dir'"),
    "ill-typed parameter": ({"output_dir": 3}, "parameter 'output_dir' should be str, got int"),
}


@pytest.mark.parametrize("name", BAD_PARAMS)
def test_bad_parameters_fail_before_anything_runs(project, name):
    params, message = BAD_PARAMS[name]
    before = snapshot(project)
    with pytest.raises(InputError, match=message):
        run(write_params(project, **params), root=project, progress=lambda _: None)
    assert snapshot(project) == before


def test_missing_params_file(project):
    with pytest.raises(InputError, match="parameter file not found"):
        run(project / "params" / "nope.yaml", root=project)


def test_unwritable_output_folder(project):
    before = snapshot(project)
    params = write_params(project, output_dir="seeds/manifest.yaml/out")
    with pytest.raises(InputError, match="parameter 'output_dir': folder 'seeds/manifest.yaml/out' cannot be written"):
        run(params, only=["01"], root=project, progress=lambda _: None)
    assert snapshot(project) == before


def test_failing_cell_names_notebook_and_cell_and_keeps_failed_notebook(project):
    (project / "notebooks/05-broken.py").write_text("# %%\nx = 1\n\n# %%\nraise ValueError('broken on purpose')\n")
    with pytest.raises(NotebookError) as error:
        run(write_params(project), only=["05"], root=project, progress=lambda _: None)
    assert "notebooks/05-broken.py failed in cell 2: ValueError: broken on purpose" in str(error.value)
    assert (project / "notebooks/executed/05-broken.failed.ipynb").exists()
    assert not (project / "notebooks/executed/05-broken.ipynb").exists()


def test_notebooks_wait_only_for_the_runs_whose_outputs_they_read(project):
    from nkestimates.pipeline import dependencies, plan

    runs, _ = plan(project / "params/default.yaml", None, project)
    names = [f"{source.stem[:2]}{variant}" for source, variant, _ in runs]
    assert names == ["01", "02", "03", "04student", "04teacher"]
    # 02-04 read data/, which 01 writes; they write only figures/, which none of them reads
    assert dependencies(runs) == [[], [0], [0], [0], [0]]
    (project / "notebooks/05-reads-nothing.py").write_text("# %%\nprint('no parameters')\n")
    runs, _ = plan(project / "params/default.yaml", None, project)
    assert dependencies(runs)[-1] == [0, 1, 2, 3, 4]  # it may read anything: it waits for all


def test_a_notebook_source_edited_in_place_is_read_anew(project):
    from nkestimates.pipeline import declared_parameters

    source = project / "notebooks/05-edited.py"
    source.write_text('# %% tags=["parameters"]\nyear_min = 1990\n', encoding="utf-8")
    assert declared_parameters(source) == {"year_min": 1990}
    source.write_text('# %% tags=["parameters"]\nyear_min = 2015\n', encoding="utf-8")  # same size, same second
    assert declared_parameters(source) == {"year_min": 2015}
    bad = '# %% tags=["parameters"]\nyear_min = Path("x")\n'
    for name in ("06-first.py", "07-same-text.py"):  # one text, parsed once: each error names its own file
        (project / "notebooks" / name).write_text(bad, encoding="utf-8")
        with pytest.raises(InputError, match=rf"{name}: parameter 'year_min'"):
            declared_parameters(project / "notebooks" / name)


def test_a_failure_beside_a_running_notebook_prints_one_line(project):
    # two notebooks at once (each names only data_dir), without a jupytext header: one fails while
    # the other runs, and the run stops both without a word from the kernels' event loop
    for name, body in (("05-waits", "import time\ntime.sleep(20)"), ("06-fails", "raise ValueError('broken')")):
        (project / f"notebooks/{name}.py").write_text(f'# %% tags=["parameters"]\ndata_dir = "data"\n\n# %%\n{body}\n')
    failed = subprocess.run([str(ROOT / ".venv/bin/estimates"), "run", "params/default.yaml", "--only", "05", "06"],
                            cwd=project, capture_output=True, text=True, timeout=300)
    assert failed.returncode == 2 and failed.stderr.splitlines() == [
        "error: notebooks/06-fails.py failed in cell 3: ValueError: broken (the executed notebook is kept at "
        "notebooks/executed/06-fails.failed.ipynb)"], failed.stderr


def test_a_parameter_default_that_is_no_plain_value_is_named(project):
    (project / "notebooks/05-odd.py").write_text('# %% tags=["parameters"]\ndata_dir = Path("data")\n')
    with pytest.raises(InputError, match=r"05-odd.py: parameter 'data_dir' has a default that is not a plain value"):
        run(write_params(project), only=["05"], root=project, progress=lambda _: None)


def test_cell_timeout_is_reported(project):
    (project / "notebooks/05-slow.py").write_text("# %%\nimport time\ntime.sleep(30)\n")
    with pytest.raises(NotebookError, match="timed out: a cell ran longer than 1 s"):
        run(write_params(project), only=["05"], root=project, progress=lambda _: None, timeout=1)


# --- what a change reruns ---------------------------------------------------------------------

def started(lines: list[str]) -> list[str]:
    """The notebooks a run executed, from its progress lines."""
    return [line.split("] ", 1)[1].removesuffix(" ...") for line in lines if line.startswith("[") and line.endswith(" ...")
            and "notebooks/" in line]


def test_an_annotation_edit_that_changes_no_table_reruns_notebook_01_only(project):
    annotation = sorted((project / "data/annotations").glob("*.yaml"))[0]
    annotation.write_text(annotation.read_text(encoding="utf-8") + "# checked again\n", encoding="utf-8")
    before, lines = snapshot(project), []
    run(project / "params/default.yaml", root=project, progress=lines.append, if_changed=True)
    assert started(lines) == ["notebooks/01-estimate-catalogue.py"]
    assert snapshot(project) == before


def test_a_deleted_or_edited_output_is_rebuilt(project):
    table = project / "data/estimates.csv"
    before = table.read_bytes()
    table.write_text("edited by hand\n")  # or deleted: either way the outputs' stamp no longer matches
    lines = []
    run(project / "params/default.yaml", only=["01"], root=project, progress=lines.append, if_changed=True)
    assert lines[0] == "[outputs] changed or deleted since the last run: every step is rebuilt"
    assert table.read_bytes() == before
    assert lines[-1].startswith("Not run, and built from other inputs than they now have: 02-")  # forgotten: rerun
    lines = []
    run(project / "params/default.yaml", only=["01"], root=project, progress=lines.append, if_changed=True)
    assert lines[-1] == "Everything is up to date."


def test_a_run_of_some_notebooks_names_those_it_left_stale(project):
    annotation = sorted((project / "data/annotations").glob("*.yaml"))[0]
    text = annotation.read_text(encoding="utf-8")
    annotation.write_text(re.sub(r"(\n    notes: >-\n +)", r"\1Checked again. ", text, count=1), encoding="utf-8")
    lines = []
    run(project / "params/default.yaml", only=["01"], root=project, progress=lines.append, if_changed=True)
    assert lines[-1].startswith("Not run, and built from other inputs than they now have: 02-how-estimates-vary, "
                                "03-how-methods-differ, 04-tracing-the-claims-student, 04-tracing-the-claims-teacher.")
    lines = []
    run(project / "params/default.yaml", only=["01"], root=project, progress=lines.append, if_changed=True)
    assert lines[-2:] == [lines[-2], "Everything is up to date."] and lines[-2].startswith("Not run")  # still said


def test_a_manifest_headline_edit_rewrites_the_report(project):
    manifest = project / "seeds/manifest.yaml"
    old = "North Korean women trafficked into sex trade in China"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, "A headline corrected"), encoding="utf-8")
    run(project / "params/default.yaml", only=["01"], root=project, progress=lambda _: None, if_changed=True)
    index = (project / "reports/index.html").read_text(encoding="utf-8")
    assert "A headline corrected" in index and old not in index  # the article's text still prints its own
    assert not list((project / "build").glob(".staging-*"))  # published: its staging folder is gone


def test_make_after_make_report_reruns_only_what_the_edit_made_stale(project):
    from nkestimates.pipeline import publish_report

    manifest = project / "seeds/manifest.yaml"
    old = "North Korean women trafficked into sex trade in China"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(old, "A headline corrected"), encoding="utf-8")
    publish_report(project)  # `make report`: the report pages change, and the stamps say so
    lines = []
    run(project / "params/default.yaml", only=["01"], root=project, progress=lines.append, if_changed=True)
    assert lines[0] == "[1/1] notebooks/01-estimate-catalogue.py ..."  # no "[outputs] changed": all stale


def test_a_parameter_edit_reruns_only_the_notebooks_that_read_it(project):
    params = project / "params/default.yaml"
    params.write_text(params.read_text(encoding="utf-8").replace("show_context: false", "show_context: true"))
    lines = []
    run(params, root=project, progress=lines.append, if_changed=True)
    assert started(lines) == ["notebooks/02-how-estimates-vary.py"]


def test_a_notebook_depends_on_the_package_modules_it_imports_and_theirs():
    from nkestimates.stamps import package_modules

    modules = package_modules((ROOT / "notebooks/02-how-estimates-vary.py").read_text(encoding="utf-8"))
    assert {"__init__", "charts", "figures", "registry", "errors", "files"} <= modules  # files: through errors' users
    assert not {"cli", "report", "drafts", "pipeline", "tracing"} & modules
    assert package_modules("from . import (") >= {"cli", "report", "pipeline"}  # unreadable: every module
    inside = "def f():\n    from .tracing import (\n        x,\n    )\n    import nkestimates.lab as lab\n" \
             "from nkestimates import (report,\n    cli)  # brackets over lines\n"
    assert package_modules(inside) == package_modules("from . import tracing, lab, report, cli")  # and theirs


# --- kernels ---------------------------------------------------------------------------------

def test_kernels_listen_on_unix_sockets_removed_when_they_stop(tmp_path):
    """A kernel's channels are Unix sockets in a private folder, not TCP ports: a port chosen
    free can be taken by another process's kernel before this one binds it, which then hangs."""
    from nkestimates.execution import Job, _socket_folder, execute_all

    notebook = tmp_path / "channels.py"
    notebook.write_text("# %%\nimport psutil\nprint(len({c.laddr for c in psutil.Process().net_connections('unix')"
                        f" if c.laddr.startswith({_socket_folder()!r})}}))\n", encoding="utf-8")
    (executed,) = execute_all([Job(notebook, {}, tmp_path / "channels.failed.ipynb", notebook.name)], tmp_path, 60)
    assert executed.cells[0].outputs[0].text == "5\n"  # shell, IOPub, stdin, control, heartbeat
    assert list(Path(_socket_folder()).iterdir()) == []


def test_socket_folders_of_killed_runs_are_removed_by_the_next(tmp_path, monkeypatch):
    """A run killed with SIGKILL cannot remove its socket folder; the next run that starts a
    kernel removes every folder named after a process that is gone, and nothing else."""
    from nkestimates.execution import remove_left_socket_folders

    gone = subprocess.Popen([sys.executable, "-c", ""])
    gone.wait()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    kept = {f"nkestimates-{os.getpid()}-abc", "nkestimates-def", "nkestimates-x-1", "other-1-abc"}
    for name in kept | {f"nkestimates-{gone.pid}-ghi"}:
        (tmp_path / name).mkdir()
        (tmp_path / name / "a.json").touch()
    remove_left_socket_folders()
    assert {path.name for path in tmp_path.iterdir()} == kept


def test_a_run_waiting_for_a_core_goes_before_a_kernel_that_would_start_ahead():
    import asyncio

    from nkestimates.execution import AHEAD, RUN, Cores

    async def scenario():
        cores = Cores(2)
        await cores.take(RUN)  # the first notebook runs alone
        first_ahead = asyncio.ensure_future(cores.take(AHEAD))
        second_ahead, stopped = asyncio.ensure_future(cores.take(AHEAD)), asyncio.ensure_future(cores.take(AHEAD))
        await asyncio.sleep(0)
        assert first_ahead.done() and not second_ahead.done()  # the idle core, and only it
        second_run, third_run = asyncio.ensure_future(cores.take(RUN)), asyncio.ensure_future(cores.take(RUN))
        await asyncio.sleep(0)
        assert second_run.done() and not third_run.done()  # a run never waits for a kernel started ahead
        stopped.cancel()
        cores.give_back(RUN)
        await asyncio.sleep(0)
        assert third_run.done() and not second_ahead.done()  # the freed core goes to the run waiting for it
        cores.give_back(RUN)
        cores.give_back(RUN)
        cores.give_back(AHEAD)
        await asyncio.sleep(0)
        assert second_ahead.done() and stopped.cancelled() and cores.taken == {RUN: 0, AHEAD: 1}

    asyncio.run(scenario())


def test_the_next_notebooks_kernel_imports_its_modules_while_the_first_runs(tmp_path):
    """On a machine with a core to spare, a notebook's kernel starts, and imports what the
    notebook imports, while the run it comes after is still working; the executed notebook is as
    it would be otherwise. One that turns out not to be needed is shut down unrun."""
    import psutil

    from nkestimates.execution import Job, execute_all

    (tmp_path / "marked.py").write_text("import os, pathlib\npathlib.Path(f'imported-{os.getpid()}').touch()\n")
    waits = "import glob, time\nfor _ in range(300):\n    if len(glob.glob('imported-*')) == 2:\n        break\n" \
            "    time.sleep(0.1)\nprint(len(glob.glob('imported-*')))\n"  # up to 30 s for the other two kernels
    sources = {"first": waits, "second": "import marked\nprint('ran')\n", "unneeded": "import marked\nprint('ran')\n"}
    for name, code in sources.items():
        (tmp_path / f"{name}.py").write_text(f"# %%\n{code}", encoding="utf-8")
    jobs = [Job(tmp_path / f"{name}.py", {}, tmp_path / f"{name}.failed.ipynb", name, after=[0] if index else [],
                ready=lambda name=name: name != "unneeded") for index, name in enumerate(sources)]
    others = set(psutil.Process().children(recursive=True))  # a browser the worker started for other tests
    first, second, unneeded = execute_all(jobs, tmp_path, 60, slots=3)
    assert first.cells[0].outputs[0].text == "2\n"  # both kernels had imported, while the first notebook ran
    assert unneeded is None and [cell.execution_count for cell in second.cells] == [1]
    assert second.cells[0].outputs[0].text == "ran\n" and set(psutil.Process().children(recursive=True)) <= others


@pytest.mark.parametrize("module, message", [
    ("import time\ntime.sleep(30)\n", "timed out: its imports ran longer than 2 s, the limit of a cell"),
    ("import os\nos._exit(1)\n", "stopped: its kernel died"),
])
def test_an_import_that_hangs_or_kills_a_kernel_started_ahead_is_reported_by_its_cell(tmp_path, module, message):
    from nkestimates.execution import Job, execute_all

    (tmp_path / "bad.py").write_text(module, encoding="utf-8")
    (tmp_path / "first.py").write_text("# %%\nimport time\ntime.sleep(1)\n", encoding="utf-8")
    (tmp_path / "second.py").write_text("# %%\nimport bad\n", encoding="utf-8")
    jobs = [Job(tmp_path / f"{name}.py", {}, tmp_path / f"{name}.failed.ipynb", f"{name}.py", after=after)
            for name, after in (("first", []), ("second", [0]))]
    with pytest.raises(NotebookError, match=f"second.py {message}"):
        execute_all(jobs, tmp_path, 2, slots=2)
