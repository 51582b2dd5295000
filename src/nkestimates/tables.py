"""Reading back the tables the build wrote (the data tables, the figure index): one that is
missing, unreadable or without its columns stops with its name and how to rebuild it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import InputError

# The columns of data/estimates.csv and data/mentions.csv in order (data/registry/columns.yaml documents them).
ESTIMATE_COLUMNS = [
    "estimate_id", "seed", "quote", "start", "end", "number", "number_start", "number_end",
    "value_low", "value_high", "qualifier", "unit", "measure", "population", "population_group",
    "geography", "year", "year_basis", "outlet", "published", "date_basis", "producer",
    "producer_as_written", "publication_id", "publication", "publication_year", "method", "sample_size",
    "claim_type", "flags", "notes", "flag_evidence", "fact_check",
]
MENTION_COLUMNS = [
    "seed", "start", "end", "text", "value_low", "value_high", "unit", "kind", "qualifier",
    "status", "estimate_id", "reason", "note",
]
INDEX_COLUMNS = ["figure", "title", "alt_text", "source", "notebook"]  # figures/index.csv

REBUILD = ("Rebuild the outputs: run the parameter set without --only (`make rebuild` for the published ones); "
           "code writes them, never a person")


# Columns whose cells are numbers or empty.
NUMBER_COLUMNS = {"start", "end", "number_start", "number_end", "value_low", "value_high", "year", "publication_year",
                  "sample_size"}


def read_table(path: Path, columns: list[str], name: str | Path | None = None) -> pd.DataFrame:
    """The CSV at path, every cell as text; name: how an error names it (the path by default)."""
    where = name or path
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(where, "not found", REBUILD) from None
    except (OSError, ValueError, UnicodeDecodeError) as error:  # pandas' parser errors are ValueErrors
        raise InputError(where, f"cannot be read as a table ({type(error).__name__})", REBUILD) from None
    if missing := [column for column in columns if column not in table.columns]:
        raise InputError(where, f"lacks {len(missing)} of its columns ({', '.join(missing[:3])}"
                         f"{', ...' if len(missing) > 3 else ''}): it is not the table the build writes", REBUILD)
    for column in sorted(NUMBER_COLUMNS & set(columns)):
        cells = table[column]
        if len(wrong := cells[(cells != "") & pd.to_numeric(cells, errors="coerce").isna()]):
            raise InputError(where, f"column '{column}' holds '{wrong.iloc[0]}', not a number (line {wrong.index[0] + 2})",
                             REBUILD)
    return table
