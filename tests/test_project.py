"""The set-up: one lock file, conda environment agreeing with it, the command-line tool."""

import os
import subprocess
import sys

import pytest
import yaml

from nkestimates.cli import MENTION_HEADER, main

from conftest import ROOT


def test_environment_yml_installs_from_the_lock_file():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "conda-forge" in environment["channels"]
    [pip] = [d for d in environment["dependencies"] if isinstance(d, dict)]
    assert "-r requirements.lock" in pip["pip"]
    python = [d for d in environment["dependencies"] if isinstance(d, str) and d.startswith("python=")]
    assert python == [f"python={sys.version_info.major}.{sys.version_info.minor}"]


def test_every_dependency_is_pinned_and_installed_at_that_version():
    from importlib.metadata import version

    for line in (ROOT / "requirements.lock").read_text().splitlines():
        name, pinned = line.split("==")
        assert version(name) == pinned, name


@pytest.mark.xdist_group("scheduling")
def test_grouped_tests_are_sent_to_one_worker(request):
    """Tests that share one server or one run carry an xdist_group; pytest-xdist keeps a group on
    one worker only if it can mark the test's id (pytest 9.2 no longer lets it, see the lock)."""
    if os.environ.get("PYTEST_XDIST_WORKER") and request.config.getvalue("loadgroup"):
        assert request.node.nodeid.endswith("@scheduling")


def test_mentions_command_prints_csv(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("About 70\u201380 percent, ¥24,000 ($3,500) in 2019.", encoding="utf-8")
    assert main(["mentions", str(article)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ",".join(MENTION_HEADER) == "file,start,end,text,value_low,value_high,unit,kind,qualifier"
    assert lines[1:] == [
        f"{article},0,19,About 70\u201380 percent,70,80,percent,percent,about",
        f"{article},21,28,\"¥24,000\",24000,24000,CNY,money,",
        f"{article},30,36,\"$3,500\",3500,3500,USD,money,",
        f"{article},41,45,2019,2019,2019,,year,",
    ]


def test_mentions_command_reports_bad_file(capsys, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff")
    assert main(["mentions", str(bad)]) == 2
    assert "bad.txt: not UTF-8" in capsys.readouterr().err


def test_console_script_is_installed():
    result = subprocess.run([str(ROOT / ".venv/bin/estimates"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "mentions" in result.stdout
