"""A transparency checklist for each estimate, computed from the table's source and method columns."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .charts import is_own_publication
from .registry import Registry

REWORDED = {"population_reworded", "outcome_reworded", "scope_misdescribed"}
CHECKS = {
    "article names the producer": "The article names who produced the figure (a description such as 'the group' or 'the best estimates' does not count).",
    "primary publication traced": "The figure traces to a primary publication in the source registry, and the research confirmed that the producer published it; or the article is the producer's own publication.",
    "method known": "How the figure was produced is known (its method family is not 'no method given').",
    "sample size known": "A sample size is stated or traced.",
    "population as measured": "The article describes the population and outcome the producer measured.",
    "year of the figure stated": "The article states the year or period the figure refers to.",
}


def check_list() -> HTML:
    """The six checks, each with what it means, for readers."""
    items = "".join(f"<dt>{html.escape(check)}</dt><dd>{html.escape(meaning)}</dd>" for check, meaning in CHECKS.items())
    return HTML(f'<dl class="checks">{items}</dl>')


def checklist(estimates: pd.DataFrame, registry: Registry) -> pd.DataFrame:
    """One row per estimate: each check passed or not, and the score (checks passed, 0 to 6)."""
    rows = estimates.drop_duplicates("estimate_id")
    families = registry.vocabularies["method_family"]
    flags = rows["flags"].str.split(";").map(set)
    table = pd.DataFrame({
        "estimate_id": rows.estimate_id, "outlet": rows.outlet, "published": rows.published,
        "date_basis": rows.date_basis,
        "number": rows.number, "measure": rows.measure, "claim_type": rows.claim_type,
        "article names the producer": rows.producer_as_written.map(registry.is_name),
        "primary publication traced": ((rows.publication_id != "") & ~flags.map({"attribution_unconfirmed"}.issubset))
                                      | pd.Series([is_own_publication(r, registry) for r in rows.itertuples()],
                                                  index=rows.index, dtype=bool),
        "method known": rows.method.map(families) != "no method given",
        "sample size known": rows.sample_size != "",
        "population as measured": [not (f & REWORDED) for f in flags],
        "year of the figure stated": rows.year_basis.isin(["stated", "period"]),
    })
    table["score"] = table[list(CHECKS)].sum(axis=1)
    return table.sort_values(["score", "published", "estimate_id"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)
