"""Every input a person edits, checked at once before any notebook runs (`estimates check`).

The parameter values, the seeds and manifest, the annotations, the registry, the column
documentation and the worked answers: all problems are collected and raised together, each
naming its file and line (or parameter) and what to do.
"""

from __future__ import annotations

from pathlib import Path

from .catalogue import build
from .datapackage import COLUMNS, descriptor
from .errors import InputError
from .files import read_yaml_document, unwritable_reason
from .options import FORMATS, OUTPUT_PARAMETERS, PRINT_WIDTHS_FIX, STYLES, VERSIONS, print_width_problems
from .registry import CONTEXT, FACTS, SOURCES, VOCABULARIES, Registry, load_registry
from .schema import AnnotationFile, Answers, Columns, errors_of, raise_all, read_checked
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


def _year_problems(settings: dict, registry: Registry | None, root: Path):
    low, high = settings.get("year_min"), settings.get("year_max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield "year_min", f"{low} is after year_max {high}", "Give year_min no later than year_max"


def _choice_problems(settings: dict, registry: Registry | None, root: Path):
    measures = tuple(registry.vocabularies["measure"]) if registry else None
    for name, allowed in (("measures", measures), ("formats", FORMATS), ("style", tuple(STYLES)),
                          ("version", VERSIONS)):
        values = settings.get(name)
        values = values if isinstance(values, list) else [] if values is None else [values]
        wrong = [value for value in values if allowed is not None and not (isinstance(value, str) and value in allowed)]
        if wrong:
            yield name, f"{wrong!r} not known", (f"Use {' or '.join(allowed)}" if len(allowed) < 5 else
                                                "Use names from data/registry/vocabularies.yaml ([] for all)")


def _figure_problems(settings: dict, registry: Registry | None, root: Path):
    if settings.get("formats") == []:
        yield "formats", "is empty: no figure would be drawn, and the report shows figures", \
            f"Give at least one of {', '.join(FORMATS)} (png for the report)"
    if isinstance(settings.get("print_widths"), dict):
        for problem in print_width_problems(settings.get("style"), settings["print_widths"]):
            yield "print_widths", problem, PRINT_WIDTHS_FIX


def _folder_problems(settings: dict, registry: Registry | None, root: Path):
    for name in OUTPUT_PARAMETERS:
        if isinstance(settings.get(name), str) and (reason := unwritable_reason(root / settings[name])):
            yield name, f"folder '{settings[name]}' cannot be written ({reason})", \
                "Choose a writable folder (not a file), or fix its permissions"


PATH_PARAMETERS = ("seeds_dir", "annotations_dir", "registry_dir", "data_dir", "answers_path", *OUTPUT_PARAMETERS)
INPUT_FOLDERS = ("seeds_dir", "annotations_dir", "registry_dir")


def _path_problems(settings: dict, registry: Registry | None, root: Path):
    """A path that is empty, absolute or outside the project, or an output folder that is the
    project itself or inside an input folder: a run would write where only params/default.yaml
    may write, or over what people edit."""
    paths = {name: settings[name] for name in PATH_PARAMETERS if isinstance(settings.get(name), str)}
    for name, value in paths.items():
        if not value.strip():
            yield name, "is empty", "Give a path relative to the project root, as in params/default.yaml"
        elif Path(value).is_absolute() or ".." in Path(value).parts or \
                not (root / value).resolve().is_relative_to(root.resolve()):
            what = "is an absolute path" if Path(value).is_absolute() else "leads outside the project"
            yield name, f"'{value}' {what}", \
                "Give a path relative to the project root, without '..' (a run's outputs go under build/<name>/)"
    inputs = [paths[name] for name in INPUT_FOLDERS if paths.get(name, "").strip()]
    for name in OUTPUT_PARAMETERS:
        if not paths.get(name, "").strip():
            continue
        if (root / paths[name]).resolve() == root.resolve():
            yield name, f"'{paths[name]}' is the project root", "Write outputs to a folder of their own (data, figures)"
        elif any(Path(paths[name]).is_relative_to(folder) for folder in inputs):
            yield name, f"folder '{paths[name]}' is inside an input folder", \
                "Write outputs to a folder of their own (data, figures), never among the seeds, annotations or registry"


def parameter_problems(settings: dict, path: Path, registry: Registry | None, root: Path) -> list[InputError]:
    """Values of the right type that the notebooks still cannot use, each naming its parameter."""
    document = read_yaml_document(path) if Path(path).is_file() else None
    return [InputError(path, f"parameter '{name}': {what}", fix, document.line((name,)) if document else None)
            for check in (_path_problems, _year_problems, _choice_problems, _figure_problems, _folder_problems)
            for name, what, fix in check(settings, registry, root)]


def _each_once(errors: list[InputError]) -> list[InputError]:
    return list({str(error): error for error in errors}.values())


def check_project(runs: list[dict], path: Path, root: Path = Path("."), inputs: bool = True) -> None:
    """The inputs named by each run's parameters (the first run's paths; a run per variant) and
    the parameter values; with inputs=False, the parameter values only. A path parameter that
    is wrong stops the check before any input is read from it."""
    if any(list(_path_problems(run, None, root)) for run in runs):
        raise_all(_each_once([e for run in runs for e in parameter_problems(run, path, None, root)]))
    errors = []
    registry = _input_problems(runs[0], root, errors) if inputs else \
        _caught(errors, load_registry, root / runs[0]["registry_dir"])
    raise_all(_each_once(errors + [e for run in runs for e in parameter_problems(run, path, registry, root)]))


def _input_problems(settings: dict, root: Path, errors: list[InputError]) -> Registry | None:
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
        _caught(errors, descriptor, at("registry_dir"), catalogue)
    else:
        _caught(errors, read_checked, at("registry_dir") / COLUMNS, Columns)
    if settings.get("answers_path"):
        _caught(errors, read_checked, at("answers_path"), Answers)
    return registry
