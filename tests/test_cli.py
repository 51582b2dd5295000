"""The command line as people use it: one-line errors and no traceback, standard input, a closed
pipe, every problem of a parameter file at once, one estimate shown with its sources.

The commands run in this process, through the function the installed `estimates` script calls
(starting Python for each costs some 0.4 s); the script itself is run by the tests of its version
and of a closed pipe, and by the other test files' runs."""

import contextlib
import io
import re
import subprocess
from types import SimpleNamespace
from unittest import mock

import pandas as pd
import pytest
import yaml

from nkestimates import cli
from nkestimates.show import in_context

from conftest import ROOT

ESTIMATES = ROOT / ".venv/bin/estimates"


def estimates(*args, stdin: bytes = b"", cwd=ROOT) -> SimpleNamespace:
    """The exit code and the bytes written to standard output and error of `estimates *args`."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            mock.patch("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")):
        try:
            code = cli.main(list(args))
        except SystemExit as exit:  # argparse: a usage error, or --version
            code = exit.code or 0
    return SimpleNamespace(returncode=code, stdout=out.getvalue().encode(), stderr=err.getvalue().encode())


def test_version():
    result = subprocess.run([str(ESTIMATES), "--version"], capture_output=True, timeout=300)  # the installed script
    assert result.returncode == 0 and result.stdout.decode().startswith("estimates ")


def test_mentions_reads_standard_input():
    result = estimates("mentions", "-", stdin="Some 70-80 percent of 200 people.".encode())
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and lines[1] == "-,0,18,Some 70-80 percent,70,80,percent,percent,about"


@pytest.mark.parametrize("make_input, message", [
    (lambda tmp: tmp / "missing.txt", "missing.txt: file not found"),
    (lambda tmp: tmp, "is a folder, not a text file"),
    (lambda tmp: (tmp / "latin1.txt").write_bytes(b"caf\xe9 50 people") and tmp / "latin1.txt",
     "latin1.txt: not UTF-8 (byte 3)"),
])
def test_mentions_file_errors_are_one_line(tmp_path, make_input, message):
    result = estimates("mentions", str(make_input(tmp_path)))
    error = result.stderr.decode()
    assert result.returncode == 2 and result.stdout.decode() == ""
    assert error.count("\n") == 1 and message in error and "Traceback" not in error


def test_non_utf8_standard_input_is_one_line():
    result = estimates("mentions", "-", stdin=b"\xff\xfe")
    assert result.returncode == 2 and result.stderr.decode() == (
        "error: standard input: not UTF-8 (byte 0). Convert the text to UTF-8\n")


def test_a_closed_pipe_ends_quietly():
    result = subprocess.run(f"'{ESTIMATES}' mentions seeds/*.txt seeds/*.txt | head -n 2", shell=True,
                            cwd=ROOT, capture_output=True, timeout=300)
    assert result.stdout.decode().count("\n") == 2
    assert result.stderr.decode() == ""


def test_run_reports_every_problem_of_a_parameter_file_at_once(tmp_path):
    params = yaml.safe_load((ROOT / "params/default.yaml").read_text())
    params.update(seed_dir="seeds", year_min="1990", formats="svg")
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    result = estimates("run", str(path))
    lines = result.stderr.decode().splitlines()
    assert result.returncode == 2 and "Traceback" not in result.stderr.decode()
    assert len(lines) == 3 and all(line.startswith(f"error: {path}:") for line in lines)
    assert any("unknown parameter 'seed_dir'" in line for line in lines)
    assert any("'year_min' should be int, got str '1990'" in line for line in lines)
    assert any("'formats' should be list, got str 'svg'" in line for line in lines)


@pytest.mark.parametrize("override, message", [
    ("year_min=soon", "error: -p: parameter 'year_min' should be int, got str 'soon'"),
    ("colour=red", "error: -p: unknown parameter 'colour'"),
    ("year_min", "error: -p: 'year_min' is not name=value"),
])
def test_overrides_are_checked_like_the_file(override, message):
    result = estimates("run", "params/default.yaml", "-p", override)
    assert result.returncode == 2 and result.stderr.decode().splitlines() == [
        line for line in result.stderr.decode().splitlines() if line.startswith("error: ")]
    assert message in result.stderr.decode()


def test_show_prints_rows_quote_in_context_and_primary_source():
    table = pd.read_csv(ROOT / "data/estimates.csv", dtype=str, keep_default_na=False)
    row = table[table.publication_id != ""].iloc[0]
    result = estimates("show", row.estimate_id)
    out = result.stdout.decode()
    assert result.returncode == 0 and out.startswith(row.estimate_id + "\n")
    assert f"»{row.quote}«" in " ".join(out.split())
    assert "primary source" in out and row.publication_id in table.publication_id.values
    assert f"  number: {row.number}" in out


def test_show_unknown_id_is_one_line():
    result = estimates("show", "no-such-estimate")
    assert result.returncode == 2 and result.stderr.decode().count("\n") == 1


def test_quote_in_context_is_its_sentence():
    text = "First one. The figure is 60 percent, it says. Last one."
    start = text.index("60 percent")
    assert in_context(text, start, start + 10) == "The figure is »60 percent«, it says."


PATH_OVERRIDES = {
    "output_dir=../../data": "parameter 'output_dir': '../../data' leads outside the project",
    "figures_dir=/figures": "parameter 'figures_dir': '/figures' is an absolute path",
    "figures_dir=seeds": "parameter 'figures_dir': folder 'seeds' is inside an input folder",
    "seeds_dir=../seeds": "parameter 'seeds_dir': '../seeds' leads outside the project",
    f"figures_dir={ROOT / 'figures'}": "parameter 'figures_dir': '" + str(ROOT / "figures") + "' is an absolute path",
    f"output_dir={ROOT / 'data'}": "is an absolute path",
    "figures_dir=.": "parameter 'figures_dir': '.' is the project root",
    "seeds_dir=": "parameter 'seeds_dir': is empty",
    "output_dir=out": "notebook 01 writes the tables to output_dir ['out'] but the notebooks that chart them read",
}


@pytest.mark.parametrize("override", PATH_OVERRIDES)
def test_a_run_may_not_write_outside_its_folder_or_among_the_inputs(override):
    from nkestimates.errors import InputError
    from nkestimates.pipeline import parse_overrides, run

    before = {p: p.stat().st_mtime_ns for p in (ROOT / "data").glob("*.csv")}
    with pytest.raises(InputError) as error:
        run(ROOT / "params/default.yaml", root=ROOT, overrides=parse_overrides([override]), progress=print)
    assert str(error.value).startswith("-p: ") and PATH_OVERRIDES[override] in str(error.value)
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "data").glob("*.csv")} == before


def test_a_path_refused_comes_through_the_command_line_as_one_line():
    result = estimates("run", "params/default.yaml", "-p", "output_dir=../../data")
    assert result.returncode == 2 and result.stderr.decode() == (
        "error: -p: parameter 'output_dir': '../../data' leads outside the project. Give a path relative to the "
        "project root, without '..' (a run's outputs go under build/<name>/)\n")


def test_an_input_error_names_the_file_from_where_the_command_runs(project):
    (project / "seeds/manifest.yaml").write_text("- file: [\n")
    result = estimates("run", "params/default.yaml", "--only", "01", cwd=project)
    assert result.returncode == 2 and result.stderr.decode().startswith("error: seeds/manifest.yaml:2: malformed YAML")


@pytest.mark.parametrize("damage, message", [
    (lambda p: (p / "data/estimates.csv").write_text("garbage\n"), "data/estimates.csv: lacks 33 of its columns"),
    (lambda p: (p / "figures/index.csv").unlink(), "figures/index.csv: not found. Rebuild the outputs"),
    (lambda p: (p / "figures/03-lineage.png").unlink(), "figures/03-lineage.png: not found, though figures/index.csv"),
    (lambda p: (p / "notebooks/executed/01-estimate-catalogue.ipynb").write_text("{"),
     "notebooks/executed/01-estimate-catalogue.ipynb: is not a notebook the build wrote"),
    (lambda p: (p / "notebooks/executed/02-how-estimates-vary.ipynb").write_text("{}"),  # JSON, but no notebook
     "notebooks/executed/02-how-estimates-vary.ipynb: is not a notebook the build wrote"),
    (lambda p: (p / "data/estimates.csv").write_text((p / "data/estimates.csv").read_text().replace(",2019,", ",soon,", 1)),
     "data/estimates.csv: column 'year' holds 'soon', not a number"),
    (lambda p: (p / "seeds/manifest.yaml").write_text("- file: [\n"), "seeds/manifest.yaml:2: malformed YAML"),
])
def test_a_damaged_output_is_named_by_report_and_show(project, damage, message):
    """Named as the project's file, not the copy in the report's staging folder."""
    from nkestimates.errors import InputError
    from nkestimates.pipeline import publish_report
    from nkestimates.show import describe

    damage(project)
    with pytest.raises(InputError, match=f"^{re.escape(message)}"):
        publish_report(project)
    if "estimates.csv" in message:
        with pytest.raises(InputError, match=re.escape(message)):
            describe("s004-kfi-refugees-up-to-200000", project)


@pytest.mark.parametrize("port", ["-1", "99999999", "http"])
def test_a_port_out_of_range_is_a_usage_error(port):
    result = estimates("lab", "--port", port)
    assert result.returncode == 2 and "is not a port number (1 to 65535)" in result.stderr.decode()
