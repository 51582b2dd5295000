# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · The estimate catalogue
#
# News about North Korean human trafficking quotes many numbers. This notebook reads the seed
# articles, finds **every number** in them, and joins each one to what a person decided about
# it (`data/annotations/`) and to what is known of its producer (`data/registry/`). It writes:
#
# * `data/estimates.csv` — one row per mention of an estimate, each with its verbatim quote;
# * `data/mentions.csv` — every number found, and whether it is an estimate or why not;
# * `data/vocabulary.csv` and `data/datapackage.json` — the data dictionary, validated
#   against the tables.
#
# Every input is checked first: seeds against their checksums, quotes against the seed text,
# annotated values against the values read from the quote, terms against the vocabularies.
# A mistake stops the build with a message naming the file and line, and the previous outputs
# stay as they were.

# %%
from nkestimates.paths import work_in_project_root

work_in_project_root()  # paths are relative to the project root, wherever Jupyter was started

# %% tags=["parameters"]
seeds_dir = "seeds"
annotations_dir = "data/annotations"
registry_dir = "data/registry"
output_dir = "data"

# %%
from pathlib import Path

import pandas as pd

from nkestimates.catalogue import build
from nkestimates.datapackage import write_outputs
from nkestimates.drafts import write_drafts

pd.set_option("display.max_colwidth", 60)
catalogue = build(Path(seeds_dir), Path(annotations_dir), Path(registry_dir))

# %% [markdown]
# ## Coverage
#
# Every number the detector finds is either part of an estimate, excluded with a reason, or
# still waiting for review. For the committed seeds nothing may be left unreviewed.

# %%
catalogue.coverage()

# %% [markdown]
# Numbers that are not estimates, by reason. Dates, years, ages, durations, clock times,
# measurements, ratings, citation markers and exchange rates are excluded by rule; the rest
# by a person, in the annotation file.

# %%
catalogue.exclusions().to_frame()

# %% [markdown]
# A new article (a `.txt` in the seeds folder with no annotation file yet) is read like the
# others, but its numbers stay unreviewed — and out of the charts — until a person decides about
# them. The build writes a draft annotation file for it, listing every number with a quote,
# the values read and a guess of its kind, and the outlet and date the text shows.

# %% tags=["report"]
drafts = write_drafts(catalogue, Path(seeds_dir), Path(annotations_dir))
for path in drafts.written:
    print(f"draft annotations written to {path}")
for path in drafts.removed:
    print(f"every number in {path.name.removesuffix('.draft.yaml')}.txt is reviewed: its draft is removed")
for seed, count in catalogue.needs_review().items():
    print(f"{count} numbers in {seed} need review")

# %% [markdown]
# ## Writing the tables
#
# The tables and the data dictionary are written to a staging folder, validated with
# Frictionless against the dictionary, and only then moved into place.

# %%
for path in write_outputs(catalogue, Path(registry_dir), Path(output_dir)):
    print(path)

# %% [markdown]
# ## The estimates
#
# One row per mention. The same figure printed twice in one article shares its
# `estimate_id`. Flags mark where an article disagrees with the primary source it cites.

# %%
pd.set_option("display.max_rows", len(catalogue.estimates))  # every row, not the first and last five
catalogue.estimates[["estimate_id", "number", "value_low", "value_high", "unit", "measure",
                     "year", "outlet", "producer", "claim_type", "flags"]]

# %% [markdown]
# Estimates by what they measure and how they were produced:

# %%
pd.crosstab(catalogue.estimates.drop_duplicates("estimate_id").measure,
            catalogue.estimates.drop_duplicates("estimate_id").claim_type)
