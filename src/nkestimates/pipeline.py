"""Run the notebooks in order through papermill, in one Python process, with checked parameters.

Notebook sources are jupytext py:percent files in notebooks/; executed notebooks are written to
notebooks/executed/ with papermill's timestamps stripped and stable cell ids, so that a rerun
gives the same bytes. A failed run keeps every previous output and saves the failed notebook
as notebooks/executed/<name>.failed.ipynb.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path
from typing import Callable

import jupytext
import nbformat
import papermill
from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError

from .errors import InputError, NotebookError
from .files import check_writable, read_yaml, without_lines, write_text_atomic
from .schema import raise_all

NOTEBOOKS = Path("notebooks")
EXECUTED = NOTEBOOKS / "executed"
CELL_TIMEOUT_SECONDS = 600
KERNEL = "python3"


def notebook_sources(folder: Path = NOTEBOOKS) -> list[Path]:
    return sorted(folder.glob("[0-9][0-9]-*.py"))


def load_params(path: Path) -> dict:
    if not Path(path).is_file():
        raise InputError(path, "parameter file not found", "Give an existing params/*.yaml file")
    params = read_yaml(Path(path))
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise InputError(path, "parameters must be a mapping of name: value", "See params/default.yaml")
    return without_lines(params)


def declared_parameters(source: Path) -> dict[str, object]:
    """The parameters a notebook declares in its 'parameters' cell, with their default values."""
    declared = papermill.inspect_notebook(jupytext.read(source))
    return {name: ast.literal_eval(spec["default"]) for name, spec in declared.items()}


def _type_ok(default: object, value: object) -> bool:
    if default is None or value is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def check_params(params: dict, path: Path, sources: list[Path]) -> dict[Path, dict]:
    """Split params between the notebooks that declare them; refuse unknown or ill-typed ones."""
    declared = {source: declared_parameters(source) for source in sources}
    known = {name: default for names in declared.values() for name, default in names.items()}
    raise_all([InputError(path, f"unknown parameter '{name}'", f"Use one of: {', '.join(sorted(known))}")
               if name not in known else
               InputError(path, f"parameter '{name}' should be {type(known[name]).__name__}, "
                          f"got {type(value).__name__} {value!r}", "Correct its value")
               for name, value in params.items() if name not in known or not _type_ok(known[name], value)])
    return {source: {n: params[n] for n in names if n in params} for source, names in declared.items()}


def normalise(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop what differs between runs: papermill metadata, timings, random cell ids."""
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("jupytext", None)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:03d}"
        for key in ("papermill", "execution"):
            cell.metadata.pop(key, None)
    return notebook


def kernel_environment(root: Path) -> None:
    """A private IPython and matplotlib config, so a user's startup files do not leak in; the
    kernel logs errors only (its notice about local TCP transport is not the user's concern)."""
    for variable, folder in (("IPYTHONDIR", "build/ipython"), ("MPLCONFIGDIR", "build/matplotlib")):
        (root / folder).mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str((root / folder).resolve())
    profile = root / "build/ipython/profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n')
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"
    os.environ["PYTHONHASHSEED"] = "0"


def reports(notebook: nbformat.NotebookNode) -> list[str]:
    """What cells tagged 'report' printed: messages the build shows on the terminal."""
    return [line for cell in notebook.cells if "report" in cell.metadata.get("tags", [])
            for output in cell.get("outputs", []) if output.get("name") == "stdout"
            for line in output["text"].splitlines()]


def execute(source: Path, parameters: dict, root: Path, timeout: int = CELL_TIMEOUT_SECONDS,
            progress: Callable[[str], None] = print, variant: str = "") -> Path:
    """Execute one notebook; write it to notebooks/executed/ only if every cell succeeded."""
    target = root / EXECUTED / f"{source.stem}{'-' + variant if variant else ''}.ipynb"
    failed = target.with_suffix(".failed.ipynb")
    name, kept = source.relative_to(root), failed.relative_to(root)
    try:
        papermill.execute_notebook(
            jupytext.read(source), str(failed), parameters=parameters, kernel_name=KERNEL,
            cwd=str(root), progress_bar=False, execution_timeout=timeout,
        )
    except PapermillExecutionError as error:
        raise NotebookError(f"{name} failed in cell {error.exec_count}: {error.ename}: {error.evalue} "
                            f"(the executed notebook is kept at {kept})") from None
    except CellTimeoutError as error:
        raise NotebookError(f"{name} timed out: a cell ran longer than {timeout} s "
                            f"({str(error).splitlines()[0]}); the partial notebook is kept at {kept}") from None
    notebook = normalise(nbformat.read(failed, as_version=4))
    write_text_atomic(target, nbformat.writes(notebook) + "\n")
    for line in reports(notebook):
        progress(f"    {line}")
    failed.unlink()
    return target


def split_variants(params: dict, path: Path, sources: list[Path]) -> dict[Path, dict[str, dict]]:
    """`variants: {NN: {name: {parameter: value}}}` runs notebook NN once per named variant."""
    variants = params.pop("variants", None) or {}
    if not isinstance(variants, dict):
        raise InputError(path, "'variants' must map a notebook number to named parameter sets", "See params/default.yaml")
    result = {}
    for number, named in variants.items():
        matching = [s for s in sources if s.stem.startswith(str(number))]
        if not matching or not isinstance(named, dict):
            raise InputError(path, f"variants for '{number}' name no notebook or no parameter sets",
                             "Give a notebook number and a mapping of variant names to parameters")
        result[matching[0]] = {str(name): dict(values or {}) for name, values in named.items()}
    return result


def check_inputs(params_path: Path, params: dict, variants: dict, sources: list[Path], root: Path) -> None:
    """Every input the runs read, and every run's parameter values, checked before any notebook runs."""
    from .checks import check_project

    defaults = {name: value for source in sources for name, value in declared_parameters(source).items()}
    settings = [{**defaults, **params, **overrides}
                for named in [{"": {}}, *variants.values()] for overrides in named.values()]
    check_project(settings, params_path, root)


def check(params_path: Path, root: Path = Path(".")) -> None:
    """Check a parameter file and every input it names, without running a notebook."""
    sources = notebook_sources(Path(root) / NOTEBOOKS)
    params = load_params(params_path)
    variants = split_variants(params, params_path, sources)
    check_params(params, params_path, sources)
    check_inputs(params_path, params, variants, sources, Path(root))


def run(params_path: Path, only: list[str] | None = None, root: Path = Path("."),
        progress: Callable[[str], None] = print, timeout: int = CELL_TIMEOUT_SECONDS) -> list[Path]:
    """Run the selected notebooks (all by default) in order with the parameters in params_path."""
    root = Path(root).resolve()
    sources = notebook_sources(root / NOTEBOOKS)
    params = load_params(params_path)
    variants = split_variants(params, params_path, sources)
    base = check_params(params, params_path, sources)
    runs = []
    for source in sources:
        if only and not any(source.stem.startswith(o) for o in only):
            continue
        for variant, overrides in (variants.get(source) or {"": {}}).items():
            merged = check_params({**params, **overrides}, params_path, sources)[source] if overrides else base[source]
            runs.append((source, variant, merged))
    if only and not runs:
        raise InputError("--only", f"no notebook matches {only}", "Give a notebook's number, e.g. 01")
    check_writable(root / EXECUTED)
    check_inputs(params_path, params, variants, sources, root)
    kernel_environment(root)
    written = []
    for number, (source, variant, parameters) in enumerate(runs, 1):
        label = f"{source.relative_to(root)}{' (' + variant + ')' if variant else ''}"
        progress(f"[{number}/{len(runs)}] {label} ...")
        written.append(execute(source, parameters, root, timeout, progress, variant))
    return written
