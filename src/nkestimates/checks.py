"""Every input a person edits, checked at once before any notebook runs (`estimates check`).

The parameter values, the seeds and manifest, the annotations, the registry, the column
documentation and the worked answers: all problems are collected and raised together, each
naming its file and line (or parameter) and what to do.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Iterable

from .catalogue import build
from .datapackage import COLUMNS, documented_tables, write_outputs
from .errors import InputError
from .files import read_yaml_document, unwritable_reason
from .options import FORMATS, OUTPUT_PARAMETERS, PRINT_WIDTHS_FIX, STYLES, VERSIONS, print_width_problems
from .registry import CONTEXT, FACTS, SOURCES, VOCABULARIES, Registry, load_registry
from .schema import AnnotationFile, Answers, Columns, errors_of, raise_all, read_checked, repeated
from .seeds import check_annotation_folder, load_seeds


REGISTRY_FILES = (SOURCES, FACTS, CONTEXT, VOCABULARIES, COLUMNS)


def check_registry_folder(folder: Path) -> None:
    """Every file in the registry folder is one the build reads: anything else (a file saved under
    another name, a second sources file) would be ignored, so it stops the build."""
    raise_all([InputError(path, f"is never read: the registry is the files {', '.join(REGISTRY_FILES)}",
                          "Move what it holds into one of them, or move it out of the folder")
               for path in sorted(folder.iterdir() if folder.is_dir() else [])
               if not path.name.startswith(".") and path.name not in REGISTRY_FILES])


def _caught(errors: list[InputError], function, *args):
    """function(*args), or None with its input errors added to errors."""
    try:
        return function(*args)
    except InputError as error:
        errors += errors_of(error)
        return None


def _year_problems(settings: dict):
    low, high = settings.get("year_min"), settings.get("year_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield "year_min", f"{low} is after year_max {high}", "Give year_min no later than year_max"


def _choice_problems(settings: dict, registry: Registry | None):
    measures = tuple(registry.vocabularies["measure"]) if registry else None
    for name, allowed in (("measures", measures), ("formats", FORMATS), ("style", tuple(STYLES)),
                          ("version", VERSIONS)):
        values = settings.get(name)
        values = values if isinstance(values, list) else [] if values is None else [values]
        wrong = [value for value in values if allowed is not None and not (isinstance(value, str) and value in allowed)]
        if wrong:
            yield name, f"{wrong!r} not known", (f"Use {' or '.join(allowed)}" if len(allowed) < 5 else
                                                "Use names from data/registry/vocabularies.yaml ([] for all)")


def _figure_problems(settings: dict):
    for name in ("formats", "measures"):
        values = settings.get(name)
        if isinstance(values, list) and (twice := repeated(values)):
            yield name, f"names {twice} more than once", "Give each once"
    if isinstance(settings.get("formats"), list) and "png" not in settings["formats"]:
        yield "formats", "lacks png: the report and the notebooks show every figure from its PNG", \
            f"Add png (with any of {', '.join(f for f in FORMATS if f != 'png')})"
    if isinstance(settings.get("print_widths"), dict):
        for problem in print_width_problems(settings.get("style"), settings["print_widths"]):
            yield "print_widths", problem, PRINT_WIDTHS_FIX


def _folder_problems(settings: dict, root: Path, target: Path):
    """An output folder the run cannot write, where the run will write it (target: the project
    for params/default.yaml, else build/<name>); a path refused as such is never probed."""
    for name in OUTPUT_PARAMETERS:
        value = settings.get(name)
        if isinstance(value, str) and not _path_problem(value, root) and (reason := unwritable_reason(target / value)):
            yield name, f"folder '{value}' cannot be written ({reason})", \
                "Choose a writable folder (not a file), or fix its permissions"


PATH_PARAMETERS = ("seeds_dir", "annotations_dir", "registry_dir", "data_dir", "answers_path", *OUTPUT_PARAMETERS)
INPUT_FOLDERS = ("seeds_dir", "annotations_dir", "registry_dir")
INPUT_PARAMETERS = (*INPUT_FOLDERS, "answers_path")  # the inputs checked: the tables are outputs
# Inputs that must be there before a run (annotations are written into a new folder as drafts).
REQUIRED_INPUTS = {
    "seeds_dir": (Path.is_dir, "Create it and put the articles in it, or give the articles' folder (seeds)"),
    "registry_dir": (Path.is_dir, "Give the registry's folder (data/registry), relative to the project root"),
    "answers_path": (Path.is_file, "Give the worked answers' file (notebooks/answers/04-tracing-the-claims.yaml)"),
}


def _path_problem(value: str, root: Path) -> str | None:
    """Why a path parameter's value cannot be used, or None."""
    if not value.strip():
        return "is empty"
    if Path(value).is_absolute():
        return f"'{value}' is an absolute path"
    if ".." in Path(value).parts:
        return f"'{value}' leads outside the project"
    if not (root / value).resolve().is_relative_to(root.resolve()):
        return f"'{value}' leads outside the project through a link"
    return None


def _path_problems(settings: dict, root: Path):
    """A path that is empty, absolute or outside the project, or an output folder that is the
    project itself or inside an input folder: a run would write where only params/default.yaml
    may write, or over what people edit."""
    paths = {name: settings[name] for name in PATH_PARAMETERS if isinstance(settings.get(name), str)}
    for name, value in paths.items():
        if problem := _path_problem(value, root):
            yield name, problem, "Give a path relative to the project root, without '..' (a run's outputs go under " \
                                 "build/<name>/)"
    for name, (kind, holding) in REQUIRED_INPUTS.items():
        if name in paths and not _path_problem(paths[name], root) and not kind(root / paths[name]):
            what = "folder" if kind is Path.is_dir else "file"
            yield name, f"'{paths[name]}' is not a {what}" if (root / paths[name]).exists() else \
                f"{what} '{paths[name]}' not found", holding
    inputs = [paths[name] for name in INPUT_FOLDERS if paths.get(name, "").strip()]
    for name in OUTPUT_PARAMETERS:
        if not paths.get(name, "").strip():
            continue
        resolved = (root / paths[name]).resolve()
        if resolved == root.resolve():
            yield name, f"'{paths[name]}' is the project root", "Write outputs to a folder of their own (data, figures)"
        elif any(Path(paths[name]).is_relative_to(folder) or resolved.is_relative_to((root / folder).resolve())
                 for folder in inputs):  # as written, or through a link ("figures -> seeds")
            link = "" if resolved == root.resolve() / paths[name] else " (it is a link)"
            yield name, f"folder '{paths[name]}' is inside an input folder{link}", \
                "Write outputs to a folder of their own (data, figures), never among the seeds, annotations or " \
                "registry; remove a link that leads there"


def parameter_problems(settings: dict, path: Path, registry: Registry | None, root: Path, target: Path | None = None,
                       overridden: Iterable[str] = (), place: dict | None = None) -> list[InputError]:
    """Values of the right type that the notebooks still cannot use, each naming its parameter
    (and its line, unless it was given with -p). target: where the run writes its outputs;
    place: where in the file a variant sets a parameter (its keys), if not at the top level."""
    document = read_yaml_document(path) if Path(path).is_file() else None
    found = [*_path_problems(settings, root), *_year_problems(settings), *_choice_problems(settings, registry),
             *_figure_problems(settings), *_folder_problems(settings, root, target or root)]
    located = lambda name: document.line((place or {}).get(name, (name,))) if document else None  # noqa: E731
    return [InputError("-p", f"parameter '{name}': {what}", fix) if name in overridden else
            InputError(path, f"parameter '{name}': {what}", fix, located(name)) for name, what, fix in found]


def _distinct(errors: list[InputError]) -> list[InputError]:
    return list({str(error): error for error in errors}.values())


def check_project(runs: list[dict], path: Path, root: Path = Path("."), inputs: bool = True,
                  target: Path | None = None, overridden: Iterable[str] = (), tables: bool = False,
                  places: list[dict] | None = None) -> None:
    """The inputs named by each run's parameters (a run per variant; the inputs each names) and
    the parameter values; with inputs=False, the parameter values only. A path parameter that
    is wrong stops the check before any input is read from it. target: where the run writes;
    overridden: the parameters given with -p; tables: also write the tables in a temporary folder
    and validate them against the data dictionary, as notebook 01 will; places: for each run,
    where in the file its variant sets a parameter."""
    places = places or [{}] * len(runs)
    problems = lambda registry: _distinct([  # noqa: E731
        e for run, place in zip(runs, places) for e in parameter_problems(run, path, registry, root, target, overridden,
                                                                          place)])
    if any(list(_path_problems(run, root)) for run in runs):
        raise_all(problems(None))
    errors, registry = [], None
    for named in {tuple(run.get(name) for name in INPUT_PARAMETERS): run for run in runs}.values():
        found = _input_problems(named, root, errors, tables) if inputs else \
            _caught(errors, load_registry, root / named["registry_dir"])
        registry = registry or found
    raise_all(_distinct(errors) + problems(registry))


def _validated_tables(registry_dir: Path, catalogue) -> None:
    with tempfile.TemporaryDirectory() as folder:
        write_outputs(catalogue, registry_dir, Path(folder))


def _input_problems(settings: dict, root: Path, errors: list[InputError], tables: bool = False) -> Registry | None:
    """Add every problem of the inputs settings names to errors; the registry, if it is readable."""
    at = lambda name: root / settings[name]  # noqa: E731 - paths are relative to the project root
    registry = _caught(errors, load_registry, at("registry_dir"))
    _caught(errors, check_registry_folder, at("registry_dir"))
    seeds = _caught(errors, load_seeds, at("seeds_dir"))
    catalogue = None
    if registry and seeds:
        catalogue = _caught(errors, build, at("seeds_dir"), at("annotations_dir"), at("registry_dir"))
    elif names := sorted(path.name for path in at("seeds_dir").glob("*.txt")):
        # the build cannot run: still check the annotation files' names and shape
        _caught(errors, check_annotation_folder, at("annotations_dir"), names)
        for annotation in sorted(at("annotations_dir").glob("*.yaml")):
            _caught(errors, read_checked, annotation, AnnotationFile)
    if catalogue:  # the data dictionary, as notebook 01 will write it
        _caught(errors, _validated_tables if tables else documented_tables, at("registry_dir"), catalogue)
    else:
        _caught(errors, read_checked, at("registry_dir") / COLUMNS, Columns)
    if settings.get("answers_path"):
        _caught(errors, read_checked, at("answers_path"), Answers)
    return registry
