"""JupyterLab as a person uses it: the server on a free loopback port opens every notebook source
as a notebook, running notebook 01 in its kernel writes the same outputs as `make`, and headless
Chromium shows the notebook."""

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from nkestimates.lab import command, prepare

from conftest import NEEDS_CHROMIUM, ROOT

TOKEN = "test-token"
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]-*.py"))
TABLES = ("data/estimates.csv", "data/mentions.csv", "data/vocabulary.csv", "data/datapackage.json")

pytestmark = pytest.mark.xdist_group("browser")  # one server for the module, and the browser tests' browser, in one worker


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    def __init__(self, root: Path, port: int):
        self.root, self.url = root, f"http://127.0.0.1:{port}"

    def api(self, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(f"{self.url}/api/{path}", method="POST" if body else "GET",
                                         data=json.dumps(body).encode() if body else None,
                                         headers={"Authorization": f"token {TOKEN}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of the project's inputs (its outputs removed)."""
    root = tmp_path_factory.mktemp("lab-project")
    for folder in ("seeds", "notebooks", "params"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("executed"))
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns(*(Path(t).name for t in TABLES)))
    environment = {**prepare(root), "JUPYTER_RUNTIME_DIR": str(root / "build/runtime")}
    port = free_port()
    log = open(root / "build/lab.log", "w")
    server = subprocess.Popen(command(root, port, open_browser=False, token=TOKEN), cwd=root, env=environment,
                              stdout=log, stderr=subprocess.STDOUT)
    lab = Lab(root, port)
    for _ in range(600):  # up to a minute
        try:
            lab.api("status")
            break
        except OSError:
            assert server.poll() is None, (root / "build/lab.log").read_text()
            time.sleep(0.1)
    yield lab
    server.terminate()
    server.wait(timeout=60)
    log.close()


def test_server_listens_on_loopback_only(lab):
    assert lab.url.startswith("http://127.0.0.1:")
    assert "--ServerApp.ip=127.0.0.1" in command(ROOT, 8888, open_browser=False)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_each_notebook_source_opens_as_a_notebook(lab, name):
    model = lab.api(f"contents/notebooks/{name}?type=notebook&content=1")
    assert model["type"] == "notebook" and model["format"] == "json"
    cells = model["content"]["cells"]
    assert any("parameters" in cell["metadata"].get("tags", []) for cell in cells)
    assert sum(cell["cell_type"] == "markdown" for cell in cells) >= 2


def test_running_notebook_01_in_jupyterlab_writes_what_make_writes(lab):
    """The kernel starts in notebooks/; the notebook finds the project root itself."""
    path = "notebooks/01-estimate-catalogue.py"
    session = lab.api("sessions", {"path": path, "type": "notebook", "name": "", "kernel": {"name": "python3"}})
    client = BlockingKernelClient(connection_file=str(lab.root / "build/runtime" /
                                                      f"kernel-{session['kernel']['id']}.json"))
    client.load_connection_file()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        cells = lab.api(f"contents/{path}?type=notebook&content=1")["content"]["cells"]
        for cell in (c for c in cells if c["cell_type"] == "code"):
            reply = client.execute_interactive(cell["source"], timeout=300, output_hook=lambda _: None)
            assert reply["content"]["status"] == "ok", cell["source"]
    finally:
        client.stop_channels()
    for table in TABLES:
        assert (lab.root / table).read_bytes() == (ROOT / table).read_bytes(), table


@NEEDS_CHROMIUM
def test_jupyterlab_shows_the_notebook_in_a_browser(lab, browser):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.set_window_size(1280, 900)
    browser.get(f"{lab.url}/lab/tree/notebooks/02-how-estimates-vary.py?token={TOKEN}")
    WebDriverWait(browser, 120).until(
        lambda b: len(b.find_elements("css selector", ".jp-NotebookPanel .jp-Cell")) >= 5)
    shots = ROOT / "build/screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(shots / "jupyterlab.png"))
    headings = [h.text for h in browser.find_elements("css selector", ".jp-NotebookPanel h1")]
    assert any("How the estimates vary" in heading for heading in headings)
