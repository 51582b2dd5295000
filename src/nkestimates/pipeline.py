"""Run the notebooks with checked parameters (papermill's parameter cell), each in its own kernel,
at once where one does not read what another writes (see execution.py).

Notebook sources are jupytext py:percent files in notebooks/; executed notebooks are written to
notebooks/executed/ without run metadata or timings and with stable cell ids, so that a rerun
gives the same bytes. A run works in a staging folder and publishes all it wrote at once, only
if every notebook and the report succeeded (see publish.py): a failed or interrupted run leaves
every previous output as it was and keeps the failed notebook as
notebooks/executed/<name>.failed.ipynb. params/default.yaml publishes into the project; any
other parameter set, or overridden parameters, into build/<name>/.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import nbformat
import papermill
import yaml

from . import stamps
from .errors import InputError
from .execution import Job, execute_all, parse_source
from .options import OUTPUT_PARAMETERS
from .paths import shown
from .files import check_writable, read_yaml, without_lines, write_text_atomic
from .schema import raise_all
from .lifetime import stoppable, uninterrupted
from .publish import (DATA, check_copy_folder, commit, commit_copy, exclusive, output_files, recover,
                      remove_temporaries, staging)

NOTEBOOKS = Path("notebooks")
EXECUTED = NOTEBOOKS / "executed"
REPORTS = "reports"
REPORT_INPUTS = ("seeds", "data/registry")  # read by report.build as well as the published outputs
DEFAULT_PARAMS = Path("params/default.yaml")
CELL_TIMEOUT_SECONDS = 600


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


def parse_overrides(overrides: list[str]) -> dict:
    """`name=value` pairs from the command line; each value is read as YAML (2000, [a, b], true)."""
    parsed = {}
    for item in overrides:
        name, equals, text = item.partition("=")
        if not equals or not name.strip():
            raise InputError("-p", f"'{item}' is not name=value", "Write e.g. -p year_min=2000")
        try:
            parsed[name.strip()] = yaml.safe_load(text) if text.strip() else ""
        except yaml.YAMLError:
            raise InputError("-p", f"the value of '{name}' cannot be read ({text!r})",
                             "Quote it or write it as in a parameter file") from None
    return parsed


def declared_parameters(source: Path) -> dict[str, object]:
    """The parameters a notebook declares in its 'parameters' cell, with their default values."""
    source = Path(source)
    defaults = {}
    for name, default in _parameter_cell(source.read_text(encoding="utf-8"), source.suffix):
        try:
            defaults[name] = ast.literal_eval(default)
        except (ValueError, SyntaxError):
            raise InputError(source, f"parameter '{name}' has a default that is not a plain value ({default})",
                             "Give it a literal: a string, number, list or dict") from None
    return defaults


@functools.lru_cache(maxsize=32)
def _parameter_cell(text: str, extension: str) -> tuple[tuple[str, str], ...]:
    """(name, default as written) of each parameter a source declares, read once per content."""
    notebook = parse_source(text, extension)
    notebook.metadata.setdefault("kernelspec", {"name": "python3", "language": "python"})  # a source without header
    return tuple((name, spec["default"]) for name, spec in papermill.inspect_notebook(notebook).items())


def _type_ok(default: object, value: object) -> bool:
    if value is None or default is None:
        return default is None
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))


def _key_lines(path: Path) -> dict[str, int]:
    """The line of each top-level name in a parameter file."""
    try:
        node = yaml.compose(Path(path).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, ValueError, yaml.YAMLError):
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(key.value): key.start_mark.line + 1 for key, _ in node.value}


def check_params(params: dict, path: Path, sources: list[Path], overridden: Iterable[str] = ()
                 ) -> dict[Path, dict]:
    """Split params between the notebooks that declare them; refuse unknown or ill-typed ones,
    all of them at once."""
    declared = {source: declared_parameters(source) for source in sources}
    known = {name: default for names in declared.values() for name, default in names.items()}
    lines, overridden = _key_lines(path), set(overridden)
    problems = []
    for name, value in params.items():
        where = ("-p", None) if name in overridden else (path, lines.get(name))
        if name not in known:
            problems.append(InputError(where[0], f"unknown parameter '{name}'",
                                       f"Use one of: {', '.join(sorted(known))}", where[1]))
        elif not _type_ok(known[name], value):
            got = "no value" if value is None else f"{type(value).__name__} {value!r}"
            problems.append(InputError(where[0], f"parameter '{name}' should be {type(known[name]).__name__}, "
                                       f"got {got}", "Correct its value", where[1]))
    raise_all(problems)
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
    kernel logs errors only and keeps no command history (a run is not an interactive session)."""
    for variable, folder in (("IPYTHONDIR", "build/ipython"), ("MPLCONFIGDIR", "build/matplotlib")):
        (root / folder).mkdir(parents=True, exist_ok=True)
        os.environ[variable] = str((root / folder).resolve())
    profile = root / "build/ipython/profile_default"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "ipython_kernel_config.py").write_text('c.IPKernelApp.log_level = "ERROR"\n'
                                                      'c.HistoryManager.enabled = False\n')
    os.environ["JUPYTER_PREFER_ENV_PATH"] = "1"
    os.environ["PYTHONHASHSEED"] = "0"


def reports(notebook: nbformat.NotebookNode) -> list[str]:
    """What cells tagged 'report' printed: messages the build shows on the terminal."""
    return [line for cell in notebook.cells if "report" in cell.metadata.get("tags", [])
            for output in cell.get("outputs", []) if output.get("name") == "stdout"
            for line in output["text"].splitlines()]


def execute(source: Path, parameters: dict, stage: Path, timeout: int = CELL_TIMEOUT_SECONDS,
            progress: Callable[[str], None] = print, variant: str = "", kept: Path | None = None) -> Path:
    """Execute one notebook in stage (its working folder); write it to stage's notebooks/executed/
    only if every cell succeeded. A failed notebook is written to kept, for a person to read."""
    target = stage / EXECUTED / f"{target_name(source, variant)}.ipynb"
    job = Job(source, parameters, kept or target.with_suffix(".failed.ipynb"), str(NOTEBOOKS / source.name))
    kernel_environment(stage)
    [notebook] = execute_all([job], stage, timeout)
    return _write_executed(notebook, target, progress)


def _write_executed(notebook: nbformat.NotebookNode, target: Path, progress: Callable[[str], None]) -> Path:
    write_text_atomic(target, nbformat.writes(normalise(notebook)) + "\n")
    for line in reports(notebook):
        progress(f"    {line}")
    return target


def named_paths(parameters: dict, outputs: bool = False) -> list[str]:
    """The paths a notebook's parameters name: what it reads, or (outputs) the folders it writes."""
    return [value for name, value in sorted(parameters.items())
            if isinstance(value, str) and value and (name in OUTPUT_PARAMETERS) == outputs]


def _overlap(first: Path, second: Path) -> bool:
    return first.is_relative_to(second) or second.is_relative_to(first)


def dependencies(runs: list[tuple[Path, str, dict]]) -> list[list[int]]:
    """For each run, the earlier runs it comes after: those writing a folder or file it reads,
    or all of them when its parameters (given or declared) name nothing it reads."""
    parameters = [{**declared_parameters(source), **given} for source, _, given in runs]
    reads = [[Path(p) for p in named_paths(values)] for values in parameters]
    writes = [[Path(p) for p in named_paths(values, outputs=True)] for values in parameters]
    return [[earlier for earlier in range(number) if not reads[number]
             or any(_overlap(read, written) for read in reads[number] for written in writes[earlier])]
            for number in range(len(runs))]


def target_name(source: Path, variant: str = "") -> str:
    return f"{source.stem}{'-' + variant if variant else ''}"


VARIANT_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*", re.IGNORECASE)  # it becomes part of file names
SET_NAME = re.compile(r"[a-z0-9][\w.=+,-]*", re.IGNORECASE)  # a parameter set's folder under build/
BUILD_FOLDERS = ("ipython", "matplotlib", "bench-venv")  # build/ folders a run or `make bench` uses


def split_variants(params: dict, path: Path, sources: list[Path]) -> dict[Path, dict[str, dict]]:
    """`variants: {NN: {name: {parameter: value}}}` runs notebook NN once per named variant."""
    variants = params.pop("variants", None) or {}
    if not isinstance(variants, dict):
        raise InputError(path, "'variants' must map a notebook number to named parameter sets", "See params/default.yaml")
    result, problems = {}, []
    for number, named in variants.items():
        matching = [s for s in sources if s.stem.split("-")[0] == str(number)]
        if not matching or not isinstance(named, dict):
            raise InputError(path, f"variants for '{number}' name no notebook or no parameter sets",
                             "Give a notebook's two-digit number and a mapping of variant names to parameters")
        declared = declared_parameters(matching[0])
        named = {name: values or {} for name, values in named.items()}
        for name, values in named.items():
            if not VARIANT_NAME.fullmatch(str(name)):
                problems.append(InputError(path, f"variant name '{name}' (notebook {number}) is not a plain name",
                                           "Use letters, digits, '-' and '_' only: it becomes part of file names"))
            if not isinstance(values, dict):
                problems.append(InputError(path, f"variant '{name}' (notebook {number}) is not a mapping of parameters",
                                           "Write it as {parameter: value}"))
            elif unknown := sorted(set(values) - set(declared)):
                problems.append(InputError(path, f"variant '{name}' sets {unknown}, which notebook {number} does not "
                                           "read", f"Use its parameters: {', '.join(sorted(declared))}"))
        result[matching[0]] = {str(name): dict(values) for name, values in named.items() if isinstance(values, dict)}
    raise_all(problems)
    return result


def check_tables_folder(runs: list[tuple[Path, str, dict]], path: Path, overridden: Iterable[str] = ()) -> None:
    """A run that builds the tables (output_dir) and charts them (data_dir) must use one folder,
    or its charts would describe other tables than it wrote (overridden: the -p names)."""
    settings = [{**declared_parameters(source), **values} for source, _, values in runs]
    written = {values["output_dir"] for values in settings if "output_dir" in values}
    read = {values["data_dir"] for values in settings if "data_dir" in values}
    where = ("-p", None) if {"output_dir", "data_dir"} & set(overridden) else (path, _key_lines(path).get("output_dir"))
    if written and read and written != read:
        raise InputError(where[0], f"notebook 01 writes the tables to output_dir {sorted(written)} but the notebooks "
                         f"that chart them read data_dir {sorted(read)}", "Give output_dir and data_dir the same "
                         "folder, or run the notebooks apart with --only", where[1])


def check_inputs(params_path: Path, params: dict, variants: dict, sources: list[Path], root: Path,
                 inputs: bool = True, overrides: dict | None = None, tables: bool = False) -> None:
    """Every input the runs read (unless inputs is False), and every run's parameter values,
    checked before any notebook runs, for the folder the run will write (overrides: the -p values)."""
    from .checks import check_project

    defaults = {name: value for source in sources for name, value in declared_parameters(source).items()}
    settings, places = [{**defaults, **params}], [{}]
    for source, named in variants.items():
        for variant, values in named.items():  # a variant's value is found on its own line
            settings.append({**defaults, **params, **values})
            places.append({name: ("variants", source.stem.split("-")[0], variant, name) for name in values})
    check_project(settings, params_path, root, inputs, destination(params_path, root, overrides), overrides or {},
                  tables, places)


def check(params_path: Path, root: Path = Path("."), inputs: bool = True) -> None:
    """Check a parameter file and every input it names (only its values with inputs=False),
    without running a notebook."""
    plan(params_path, None, Path(root), inputs=inputs, tables=inputs)  # the tables validated too, as 01 will


def plan(params_path: Path, only: list[str] | None, root: Path, overrides: dict | None = None, inputs: bool = True,
         tables: bool = False) -> tuple[list[tuple[Path, str, dict]], set[str]]:
    """(notebook, variant, parameters) of every notebook run, checked before anything runs; and
    the input paths the parameters of every notebook (run or not) name."""
    sources = notebook_sources(root / NOTEBOOKS)
    params = {**load_params(params_path), **(overrides or {})}
    variants = split_variants(params, params_path, sources)
    base = check_params(params, params_path, sources, overrides or {})
    runs = []
    for source in sources:
        if only and not any(o in (source.stem.split("-")[0], source.stem) for o in only):
            continue
        for variant, values in (variants.get(source) or {"": {}}).items():
            merged = check_params({**params, **values}, params_path, sources)[source] if values else base[source]
            runs.append((source, variant, merged))
    if only and not runs:
        raise InputError("--only", f"no notebook matches {only}", "Give a notebook's number, e.g. 01")
    check_inputs(params_path, params, variants, sources, root, inputs, overrides, tables)
    check_tables_folder(runs, params_path, overrides or {})
    return runs, {path for names in base.values() for path in named_paths(names)}


def destination(params_path: Path, root: Path, overrides: dict | None = None) -> Path:
    """Where a run publishes: the project itself for params/default.yaml as it is, else
    build/<parameter-set name>/ (with the overrides in the name)."""
    if os.path.abspath(params_path) == os.path.abspath(root / DEFAULT_PARAMS) and not overrides:
        return root  # the file itself, not a link to it: a link is another set's name
    name = Path(params_path).stem + "".join(f"+{key}={value}" for key, value in (overrides or {}).items())
    name = re.sub(r"[^\w.=+,-]+", "_", name)
    if len(name) > 120:  # cut, with a digest of the whole, so that two long sets never share a folder
        name = f"{name[:111]}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
    target = root / "build" / name
    build = root / "build"
    if build.is_symlink() or (build.exists() and build.resolve() != root.resolve() / "build"):
        raise InputError(Path("build"), "is a link, so a run's outputs would go elsewhere in the project or outside it",
                         "Remove the link; a run makes build/ as a folder of its own")
    if not SET_NAME.fullmatch(name) or name in BUILD_FOLDERS or target.is_symlink() or \
            (target.exists() and target.resolve() != (root / "build").resolve() / name):
        raise InputError(params_path, f"its outputs would go to build/{name}, which is not a folder of its own",
                         "Rename the parameter file with letters and digits (e.g. params/mine.yaml), and remove "
                         f"build/{name} if it is a link")
    return target


def notebook_digest(stage: Path, source: Path, parameters: dict, named_elsewhere: Iterable[str] = ()) -> str:
    """What a notebook's outputs depend on: its source, its parameters, the package's modules it
    imports, and the files and folders its input parameters name, less the folders inside them
    that only other notebooks' parameters name (data/annotations inside data, for notebook 02)."""
    digest = stamps.Digest().data("notebook", source.read_bytes())
    digest.text("parameters", json.dumps(parameters, sort_keys=True, default=str))
    digest.code(stamps.package_modules(source.read_text(encoding="utf-8")))
    named = named_paths(parameters)
    inputs = [stage / value for value in named if (stage / value).exists()]
    others = [stage / value for value in sorted(set(named_elsewhere) - set(named))
              if any((stage / value).is_relative_to(folder) for folder in inputs)]
    return digest.paths(stage, inputs, leave_out=others).hexdigest()


def report_digest(stage: Path) -> str:
    """What the report is built from: the executed notebooks, the figures, the tables, and the
    seeds and registry its article pages quote and name."""
    executed = [p for p in sorted((stage / EXECUTED).glob("*.ipynb"))]
    data = [p for p in sorted((stage / DATA).glob("[!.]*")) if p.is_file() and not p.is_symlink()]
    read = [stage / folder for folder in REPORT_INPUTS if (stage / folder).exists()]
    return stamps.Digest().code().paths(stage, [*executed, stage / "figures", *data, *read]).hexdigest()


OUTPUTS = "outputs"  # the stamp of the published outputs as the last run left them


def outputs_digest(stage: Path) -> str:
    return stamps.Digest().paths(stage, output_files(stage)).hexdigest()


def _stamps_of_intact_outputs(stage: Path, if_changed: bool, progress: Callable[[str], None]) -> dict:
    """What each step was last built from; nothing, if an output was deleted or edited since (then
    every step is stale: which one wrote the file is not recorded)."""
    built = stamps.read(stage)
    if built and built.get(OUTPUTS) != outputs_digest(stage):
        if if_changed:
            progress("[outputs] changed or deleted since the last run: every step is rebuilt")
        return {}
    return built


def write_report(stage: Path) -> None:
    from .report import build

    shutil.rmtree(stage / REPORTS, ignore_errors=True)
    build(stage, Path(REPORTS))


def _page(path: Path | None) -> None:
    """The report page of an executed notebook; with None, nbconvert imported and ready."""
    from .report import notebook_page, prepare_pages

    notebook_page(path) if path else prepare_pages()


@contextmanager
def pages_ahead() -> Iterator[Callable[[Path | None], None]]:
    """A function that starts converting an executed notebook to its report page (None: importing
    nbconvert) in a thread of its own, while the other notebooks run; the report then finds the
    page made (report.py remembers pages by content). A page that fails here fails again, with
    its message, when the report is written."""
    pool = ThreadPoolExecutor(1, thread_name_prefix="report pages")

    def page_ahead(path: Path | None) -> None:
        pool.submit(_page, path)

    try:
        yield page_ahead
    except BaseException:
        pool.shutdown(cancel_futures=True)  # waits for the page being made only: no thread outlives the run
        raise
    pool.shutdown()  # every page made before the report is written


def _published_line(line: str, stage: Path, published: Path) -> str:
    """A line a notebook printed, ending in the path (relative to the project) of a file the run
    wrote in stage, with the path where it is published (published: the run's folder, relative
    to the project: build/<name>/ for a set other than the default)."""
    words = line.split(" ")
    for first in range(len(words)):
        relative = Path(" ".join(words[first:]))
        if words[first] and not relative.is_absolute() and (stage / relative).is_file() \
                and not (stage / relative).is_symlink():
            return " ".join([*words[:first], str(published / relative)])
    return line


def _run_notebooks(stage: Path, runs: list, named: set[str], built: dict, target: Path, published: Path,
                   if_changed: bool, timeout: int, progress: Callable[[str], None]) -> list[Path]:
    """Execute the notebook runs in stage, at once where one does not read what another writes
    (those whose inputs changed, with if_changed), and record each one's digest in built; the
    executed notebooks as they will be published into target (published: target relative to the
    project). named: the input paths every notebook's parameters name."""
    ran: dict[int, Path] = {}

    def job(number: int, source: Path, variant: str, parameters: dict, after: list[int]) -> Job:
        name = target_name(source, variant)

        def certain() -> bool:  # stale whatever the runs before it write
            return not if_changed or name not in built or not (stage / EXECUTED / f"{name}.ipynb").exists()

        def ready() -> bool:
            key = notebook_digest(stage, source, parameters, named)
            if not certain() and built.get(name) == key:
                return False
            built[name] = key
            page_ahead(None)  # the report will be written: get ready while this notebook runs
            return True

        def done(notebook: nbformat.NotebookNode) -> None:
            said = lambda line: progress(_published_line(line, stage, published))
            page_ahead(_write_executed(notebook, stage / EXECUTED / f"{name}.ipynb", said))
            ran[number] = target / EXECUTED / f"{name}.ipynb"

        return Job(source, parameters, target / EXECUTED / f"{name}.failed.ipynb", str(NOTEBOOKS / source.name),
                   after, ready, certain, done, step=f"[{number + 1}/{len(runs)}]", variant=variant)

    jobs = [job(number, *run, after) for number, (run, after) in enumerate(zip(runs, dependencies(runs)))]
    with pages_ahead() as page_ahead:
        execute_all(jobs, stage, timeout, progress=progress)
    return [ran[number] for number in sorted(ran)]


def _run_report(stage: Path, built: dict, if_changed: bool, progress: Callable[[str], None]) -> None:
    key = report_digest(stage)
    if not (stage / "figures/index.csv").is_file():
        progress("[report] skipped: there are no figures yet (run notebooks 02-04)")
    elif not (if_changed and built.get("report") == key and (stage / REPORTS / "index.html").exists()):
        progress("[report] reports/index.html ...")
        write_report(stage)
        built["report"] = key


def run(params_path: Path, only: list[str] | None = None, root: Path = Path("."),
        progress: Callable[[str], None] = print, timeout: int = CELL_TIMEOUT_SECONDS,
        overrides: dict | None = None, if_changed: bool = False) -> list[Path]:
    """Run the selected notebooks (all by default) in order with the parameters in params_path,
    then the report, in a staging folder; publish everything at once only if all succeeded.
    With if_changed, skip each step whose inputs are those it was last built from."""
    root = Path(root).resolve()
    runs, named = plan(params_path, only, root, overrides)
    target = destination(params_path, root, overrides)
    with exclusive(root), stoppable():
        recover(root)
        remove_temporaries(target)
        has_outputs = (target / EXECUTED).is_dir()
        if has_outputs:
            check_writable(target / EXECUTED)
        outputs = {values[name] for _, _, values in runs for name in OUTPUT_PARAMETERS if name in values}
        drafts = {values["annotations_dir"] for _, _, values in runs if "annotations_dir" in values}
        with staging(root, target if has_outputs else None, outputs, drafts, target) as stage:
            kernel_environment(root)
            built = _stamps_of_intact_outputs(stage, if_changed, progress)
            ran = _run_notebooks(stage, runs, named, built, target, target.relative_to(root), if_changed, timeout,
                                 progress)
            _run_report(stage, built, if_changed, progress)
            stale = _left_stale(stage, params_path, root, overrides, runs, named, built) if only else []
            built[OUTPUTS] = outputs_digest(stage)
            stamps.write(stage, built)
            with uninterrupted():
                changed = commit(stage, target, drafts)
    if stale:
        progress(f"Not run, and built from other inputs than they now have: {', '.join(stale)}. "
                 "Run them too (`make` runs whatever is stale)")
    if not ran and not changed:
        progress("Everything is up to date.")
    elif target != root:
        progress(f"Outputs of {Path(params_path).name} written to {shown(target)}/ "
                 f"(report: {shown(target / REPORTS / 'index.html')})")
    return ran


def _left_stale(stage: Path, params_path: Path, root: Path, overrides: dict | None, runs: list, named: set[str],
                built: dict) -> list[str]:
    """The notebook runs that --only left out whose inputs are no longer those they were built from
    (the charts, after `--only 01` changed the tables)."""
    every, _ = plan(params_path, None, root, overrides, inputs=False)
    chosen = {target_name(source, variant) for source, variant, _ in runs}
    return [name for source, variant, parameters in every if (name := target_name(source, variant)) not in chosen
            and built.get(name) != notebook_digest(stage, source, parameters, named)]


def publish_report(root: Path = Path("."), out: Path | None = None) -> Path:
    """Rebuild the report from the published outputs; with out, write a self-contained copy there
    (the report in out/reports/ with the executed notebooks, figures and data it links to)."""
    root = Path(root).resolve()
    if out:
        check_copy_folder(Path(out), root)
    with exclusive(root), stoppable():
        recover(root)
        with staging(root, root) as stage:
            built = stamps.read(stage)
            intact = built.get(OUTPUTS) == outputs_digest(stage)
            write_report(stage)
            if intact and not out:  # the stamps stay true: `make` after `make report` rebuilds nothing
                stamps.write(stage, {**built, "report": report_digest(stage), OUTPUTS: outputs_digest(stage)})
            with uninterrupted():
                commit_copy(stage, Path(out).resolve()) if out else commit(stage, root)
    return (Path(out) if out else root) / REPORTS / "index.html"
