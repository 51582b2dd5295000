"""JupyterLab for this project: on 127.0.0.1 only, the project's kernel and settings, and the
notebook sources (jupytext py:percent files) opening as notebooks."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .pipeline import kernel_environment

# jupytext's contents manager reads and saves notebooks/*.py as notebooks; this makes a double
# click open them as notebooks too, not as text.
# The lab asks nothing of the network: no news, no update check, no extension manager.
SETTINGS = {"@jupyterlab/docmanager-extension:plugin": {"defaultViewers": {"python": "Jupytext Notebook"}},
            "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
            "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False}}
CONFIG = Path("build/jupyter")


def command(root: Path, port: int, open_browser: bool, token: str | None = None) -> list[str]:
    """The command line that starts JupyterLab; call `prepare` first."""
    options = {"ip": "127.0.0.1", "port": port, "root_dir": str(Path(root).resolve()),
               "open_browser": open_browser, "allow_root": os.geteuid() == 0}  # root: as in containers and CI
    argv = [sys.executable, "-m", "jupyterlab", *(f"--ServerApp.{k}={v}" for k, v in options.items())]
    return argv + ([f"--IdentityProvider.token={token}"] if token is not None else [])


def prepare(root: Path) -> dict[str, str]:
    """Write the lab settings under build/ and return the environment JupyterLab runs in: the
    kernel's private IPython and matplotlib configuration, as in a build."""
    root = Path(root).resolve()
    labconfig = root / CONFIG / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "default_setting_overrides.json").write_text(json.dumps(SETTINGS, indent=1) + "\n")
    kernel_environment(root)
    return {**os.environ, "JUPYTER_CONFIG_PATH": str(root / CONFIG)}


def start(root: Path, port: int = 8888, open_browser: bool = True) -> None:
    environment = prepare(root)
    argv = command(root, port, open_browser)
    os.execve(argv[0], argv, environment)
