"""The data dictionary: a Frictionless data package describing every column and vocabulary term,
written beside the tables and validated against them."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from .catalogue import Catalogue, annotation_path
from .errors import InputError
from .files import read_yaml_document, unwritable_folder
from .schema import Columns, read_checked, repeated

COLUMNS = "columns.yaml"
TABLES = {"estimates": "estimates.csv", "mentions": "mentions.csv", "vocabulary": "vocabulary.csv"}


def vocabulary_table(catalogue: Catalogue) -> pd.DataFrame:
    rows = [{"vocabulary": name, "term": term, "description": description}
            for name, terms in sorted(catalogue.registry.vocabularies.items())
            for term, description in sorted(terms.items())]
    return pd.DataFrame(rows, columns=["vocabulary", "term", "description"])


def _field(column: dict, vocabularies: dict, where: Path) -> dict:
    field = {"name": column["name"], "type": column.get("type", "string"),
             "description": " ".join(column["description"].split())}
    constraints = {}
    if column.get("required"):
        constraints["required"] = True
    if vocabulary := column.get("vocabulary"):
        if vocabulary not in vocabularies:
            raise InputError(where, f"column '{column['name']}' names an unknown vocabulary '{vocabulary}'",
                             "Use a vocabulary of vocabularies.yaml", column["__line__"])
        terms = sorted(vocabularies[vocabulary])
        constraints["enum"] = terms
        field["description"] += f" Terms: see vocabulary '{vocabulary}' in vocabulary.csv."
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor(registry_dir: Path, catalogue: Catalogue) -> dict:
    columns = read_checked(registry_dir / COLUMNS, Columns).data
    resources = []
    for name, path in TABLES.items():
        spec = columns[name]
        resources.append({
            "name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8", "description": " ".join(spec["description"].split()),
            "schema": {"fields": [_field(c, catalogue.registry.vocabularies, registry_dir / COLUMNS)
                                  for c in spec["columns"]],
                       "missingValues": [""]},
        })
    return {"name": "north-korea-trafficking-estimates", "title": columns["title"],
            "description": " ".join(columns["description"].split()), "resources": resources}


def _check_columns(descriptor_: dict, tables: dict[str, pd.DataFrame], registry_dir: Path) -> None:
    for resource in descriptor_["resources"]:
        documented = [f["name"] for f in resource["schema"]["fields"]]
        actual = list(tables[resource["name"]].columns)
        if documented != actual:
            undocumented = [c for c in actual if c not in documented]
            absent = [c for c in documented if c not in actual]
            twice = repeated(documented)
            differences = "; ".join(f"{what} {columns}" for what, columns in (
                ("not documented:", undocumented), ("not in the table:", absent), ("documented twice:", twice))
                if columns) or "documented in another order"
            raise InputError(registry_dir / COLUMNS, f"the columns documented for {resource['name']} differ from "
                             f"the table's ({differences})", "Document every column once, in the table's order")


def _estimate_line(path: Path, estimate_id: str, field: str | None) -> int | None:
    document = read_yaml_document(path)
    entries = document.data.get("estimates") or []
    index = next((i for i, e in enumerate(entries) if e["id"] == estimate_id), None)
    return document.line(("estimates", index, field or "id")) if index is not None else None


def _origin(catalogue: Catalogue, registry_dir: Path, table: str, row_number: int | None,
            field: str | None) -> tuple[Path, int | None]:
    """The file (and line) a person edits to change a row of a table: its annotation entry, its
    seed, or the vocabularies."""
    tables = {"estimates": catalogue.estimates, "mentions": catalogue.mentions}
    if table not in tables or not row_number or row_number - 2 >= len(tables[table]):
        return registry_dir / ("vocabularies.yaml" if table == "vocabulary" else COLUMNS), None
    row = tables[table].iloc[row_number - 2]  # frictionless counts the header as row 1
    path = annotation_path(catalogue.annotations_dir, row.seed)
    if row.get("estimate_id") and path.exists():
        return path, _estimate_line(path, row.estimate_id, field)
    return (path if path.exists() else Path(row.seed)), None


def _validate(folder: Path, catalogue: Catalogue, registry_dir: Path) -> None:
    """Validate the staged tables against the dictionary; a failure names the file that made the row."""
    import frictionless  # here, not above: checking a run's inputs reads the descriptor, not the tables

    report = frictionless.validate(folder / "datapackage.json")
    if report.valid:
        return
    for task in report.tasks:
        for error in task.errors:
            field = getattr(error, "field_name", None)
            where, line = _origin(catalogue, registry_dir, task.name, getattr(error, "row_number", None), field)
            raise InputError(where, f"{f'{field!r} ' if field else ''}does not fit the data dictionary "
                             f"({error.note or error.title})",
                             f"Correct it, or the column's documentation in {registry_dir / COLUMNS}", line)
    raise InputError(registry_dir / COLUMNS, f"the data dictionary is not valid ({report.errors[0].message})",
                     "Correct the column documentation")


def documented_tables(registry_dir: Path, catalogue: Catalogue) -> tuple[dict, dict[str, pd.DataFrame]]:
    """The data dictionary and the tables it documents, every column documented in order."""
    tables = {"estimates": catalogue.estimates, "mentions": catalogue.mentions,
              "vocabulary": vocabulary_table(catalogue)}
    package = descriptor(registry_dir, catalogue)
    _check_columns(package, tables, registry_dir)
    return package, tables


def write_outputs(catalogue: Catalogue, registry_dir: Path, output_dir: Path) -> list[Path]:
    """Write tables and data dictionary to a staging folder, validate, then move them into place."""
    output_dir.mkdir(parents=True, exist_ok=True)
    package, tables = documented_tables(registry_dir, catalogue)
    try:
        staging = Path(tempfile.mkdtemp(dir=output_dir, prefix=".staging-"))
    except OSError as error:
        raise unwritable_folder(output_dir, error.strerror) from None
    try:
        for name, table in tables.items():
            table.to_csv(staging / TABLES[name], index=False, lineterminator="\n")
        (staging / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
        _validate(staging, catalogue, registry_dir)
        written = []
        for name in [*TABLES.values(), "datapackage.json"]:
            os.chmod(staging / name, 0o644)
            os.replace(staging / name, output_dir / name)
            written.append(output_dir / name)
        return written
    except OSError as error:  # a full disk: name the folder, never the staging copy
        raise InputError(output_dir, f"the tables cannot be written ({error.strerror})",
                         "Free disk space or fix the folder's permissions, then run again") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
