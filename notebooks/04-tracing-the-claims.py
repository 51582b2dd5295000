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
# # 04 · Tracing the claims
#
# A number in a news story has a history: an organisation produced it, by some method, about
# some population, at some time; a press release summarised it; articles repeated it, and
# sometimes changed it. This notebook follows six figures from the seed articles back to
# where they came from, using the project's source registry (`data/registry/sources.yaml`),
# whose facts come from published coverage with evidence URLs and a confidence marker.
#
# Each case ends with questions. This notebook is built twice: a **student** version with the
# questions only, and a **teacher** version with worked answers.
#
# ## The transparency checklist
#
# Every estimate gets a score out of six, computed from the table's columns — one point for
# each thing a reader can check:

# %%
from nkestimates.paths import work_in_project_root

work_in_project_root()  # paths are relative to the project root, wherever Jupyter was started

# %% tags=["parameters"]
data_dir = "data"
registry_dir = "data/registry"
seeds_dir = "seeds"
figures_dir = "figures"
formats = ["svg", "png"]
style = "web"
version = "student"  # "student": questions only; "teacher": with worked answers
answers_path = "notebooks/answers/04-tracing-the-claims.yaml"

# %%
from pathlib import Path

import pandas as pd
from IPython.display import display

from nkestimates import charts, tracing
from nkestimates.figures import FigureIndex, use_style
from nkestimates.registry import load_registry
from nkestimates.transparency import CHECKS, checklist

pd.set_option("display.max_colwidth", None)
settings = use_style(style)
registry = load_registry(Path(registry_dir))
estimates, mentions = charts.load_tables(Path(data_dir))
rows = charts.chart_rows(estimates, mentions, include_anecdotes=True)
index = FigureIndex(Path(figures_dir), "04-tracing-the-claims", tuple(formats))
scores = checklist(estimates, registry)
pd.Series(CHECKS, name="what it checks").to_frame()

# %% [markdown]
# How the estimates score:

# %%
scores.score.value_counts().sort_index(ascending=False).rename("estimates").to_frame()

# %% [markdown]
# ## Case 1 · "About 60 percent" becomes "over 60%"
#
# Three articles print a share of about 60 percent of North Korean women in China trafficked,
# all crediting the Korea Future Initiative. What did the producer publish, and what did each
# article make of it?

# %%
tracing.publication_facts(registry, "kfi_2019_sex_slaves")

# %%
tracing.printings(rows, registry, "kfi_2019_sex_slaves", "share_nk_women_in_china_trafficked")

# %% [markdown]
# Beside the articles' figures, other estimates of the same share (dashed; from the registry's
# context layer, never part of the articles' table):

# %%
group = rows[rows.measure == "share_nk_women_in_china_trafficked"]
chart = charts.measure_chart("share_nk_women_in_china_trafficked", group, registry, settings,
                             show_context=True, name_prefix="04-context")
index.save(chart.fig, chart.name, chart.rows, chart.title, chart.alt_text, chart.source)
display(chart.fig)

# %% [markdown]
# **Questions**
# 1. List every difference between the producer's figure and each article's: value,
#    qualifier, year, population, outcome, the producer's name.
# 2. Seed 001 says the figure is "based on" 45 testimonies. Can 45 interviews give a share of
#    all North Korean women in China? What would you need?
# 3. How would you check a figure like this before printing it?
# 4. The other estimates range widely. Are they measuring the same thing?

# %%
tracing.answer(answers_path, version, "sixty-percent")

# %% [markdown]
# ## Case 2 · "For the nineteenth consecutive year"

# %%
tracing.publication_facts(registry, "tip_2019")

# %%
tracing.printings(rows, registry, "tip_2019", "tip_tier3_consecutive_years")

# %% [markdown]
# **Questions**
# 1. Which year of the streak was 2019? What does the primary source say?
# 2. What does a Tier 3 ranking measure — and what does it not measure?
# 3. How could the article's author have checked the ordinal?

# %%
tracing.answer(answers_path, version, "nineteenth-year")

# %% [markdown]
# ## Case 3 · A database total presented as trafficking cases

# %%
tracing.publication_facts(registry, "nkdb_database")

# %%
tracing.rows_for(estimates, publication_id="nkdb_database")[["outlet", "published", "quote", "flags"]]

# %% [markdown]
# **Questions**
# 1. What does the 82,000 count? What would a count of trafficking cases be?
# 2. How does the sentence's place in the article shape what a reader takes it to mean?
# 3. What does a documentation total measure — prevalence, or the effort to document?

# %%
tracing.answer(answers_path, version, "database-total")

# %% [markdown]
# ## Case 4 · 200,000 prisoners, printed for a decade

# %%
tracing.publication_facts(registry, "nbc_2003_gulag")

# %%
tracing.printings(rows, registry, "nbc_2003_gulag", "prison_camp_population")

# %%
group = rows[rows.measure == "prison_camp_population"]
chart = charts.measure_chart("prison_camp_population", group, registry, settings,
                             show_context=True, name_prefix="04-context")
index.save(chart.fig, chart.name, chart.rows, chart.title, chart.alt_text, chart.source)
display(chart.fig)

# %% [markdown]
# **Questions**
# 1. Where did the 200,000 come from, and how was it produced?
# 2. What do later estimates say, and why might the number have changed?
# 3. The Hidden Gulag, printed beside it in the same compilation, says "scores of thousands".
#    What does that tell you?
# 4. What should a reporter ask before repeating a figure first published years ago?

# %%
tracing.answer(answers_path, version, "prison-camps")

# %% [markdown]
# ## Case 5 · "Tens of thousands", "hundreds — if not thousands"
#
# Vague quantities are in the table as the order of magnitude they name:

# %%
tracing.vague_figures(rows)

# %% [markdown]
# **Questions**
# 1. What can "tens of thousands" support, and what can it not?
# 2. Who stands behind "hundreds — if not thousands — of North Koreans trafficked each year"?
# 3. Why do the charts draw these as bands rather than points?

# %%
tracing.answer(answers_path, version, "vague-quantities")

# %% [markdown]
# ## Case 6 · Articles with no date
#
# Two seeds carry no date. The manifest says how the table dates them:

# %%
tracing.undated(Path(seeds_dir))

# %% [markdown]
# **Questions**
# 1. What in each text dates it? How sure is each date?
# 2. What does an inferred date give you — the date of writing, or the earliest possible one?
# 3. How does an undated article change what you can say about when a figure was printed?

# %%
tracing.answer(answers_path, version, "undated-articles")

# %%
index.write()[["figure", "title"]]
