"""The data dictionary: a Frictionless data package describing every column and vocabulary term,
written beside the tables and validated against them."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import frictionless
import pandas as pd

from .catalogue import Catalogue
from .errors import InputError
from .files import read_yaml, without_lines

COLUMNS = "columns.yaml"
TABLES = {"estimates": "estimates.csv", "mentions": "mentions.csv", "vocabulary": "vocabulary.csv"}


def vocabulary_table(catalogue: Catalogue) -> pd.DataFrame:
    rows = [{"vocabulary": name, "term": term, "description": description}
            for name, terms in sorted(catalogue.registry.vocabularies.items())
            for term, description in sorted(terms.items())]
    return pd.DataFrame(rows, columns=["vocabulary", "term", "description"])


def _field(column: dict, vocabularies: dict) -> dict:
    field = {"name": column["name"], "type": column.get("type", "string"),
             "description": " ".join(column["description"].split())}
    constraints = {}
    if column.get("required"):
        constraints["required"] = True
    if vocabulary := column.get("vocabulary"):
        terms = sorted(vocabularies[vocabulary])
        constraints["enum"] = terms
        field["description"] += f" Terms: see vocabulary '{vocabulary}' in vocabulary.csv."
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor(registry_dir: Path, catalogue: Catalogue) -> dict:
    columns = without_lines(read_yaml(registry_dir / COLUMNS))
    resources = []
    for name, path in TABLES.items():
        spec = columns[name]
        resources.append({
            "name": name, "path": path, "profile": "tabular-data-resource", "format": "csv",
            "encoding": "utf-8", "description": " ".join(spec["description"].split()),
            "schema": {"fields": [_field(c, catalogue.registry.vocabularies) for c in spec["columns"]],
                       "missingValues": [""]},
        })
    return {"name": "north-korea-trafficking-estimates", "title": columns["title"],
            "description": " ".join(columns["description"].split()), "resources": resources}


def _check_columns(descriptor_: dict, tables: dict[str, pd.DataFrame], registry_dir: Path) -> None:
    for resource in descriptor_["resources"]:
        documented = [f["name"] for f in resource["schema"]["fields"]]
        actual = list(tables[resource["name"]].columns)
        if documented != actual:
            raise InputError(registry_dir / COLUMNS, f"the columns documented for {resource['name']} "
                             f"{documented} differ from the table's {actual}",
                             "Document every column, in the table's order")


def _validate(folder: Path) -> None:
    report = frictionless.validate(folder / "datapackage.json")
    if not report.valid:
        errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
        errors += [error.message for error in report.errors]
        raise InputError(folder / "datapackage.json", "the tables do not match the data dictionary: "
                         + "; ".join(errors[:3]), "Fix the annotation or the column documentation")


def write_outputs(catalogue: Catalogue, registry_dir: Path, output_dir: Path) -> list[Path]:
    """Write tables and data dictionary to a staging folder, validate, then move them into place."""
    output_dir.mkdir(parents=True, exist_ok=True)
    tables = {"estimates": catalogue.estimates, "mentions": catalogue.mentions,
              "vocabulary": vocabulary_table(catalogue)}
    package = descriptor(registry_dir, catalogue)
    _check_columns(package, tables, registry_dir)
    staging = Path(tempfile.mkdtemp(dir=output_dir, prefix=".staging-"))
    try:
        for name, table in tables.items():
            table.to_csv(staging / TABLES[name], index=False, lineterminator="\n")
        (staging / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
        _validate(staging)
        written = []
        for name in [*TABLES.values(), "datapackage.json"]:
            os.chmod(staging / name, 0o644)
            os.replace(staging / name, output_dir / name)
            written.append(output_dir / name)
        return written
    finally:
        shutil.rmtree(staging, ignore_errors=True)
