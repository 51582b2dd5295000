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
# # 03 · How the methods differ
#
# A figure is only as good as the way it was produced. This notebook asks three questions of
# the catalogue: which kinds of method stand behind which figures; what a reader can check
# about each estimate (a transparency checklist computed from the table); and how figures
# change as they travel from the organisation that produced them to the articles that print
# them.

# %%
from nkestimates.paths import work_in_project_root

work_in_project_root()  # paths are relative to the project root, wherever Jupyter was started

# %% tags=["parameters"]
data_dir = "data"
registry_dir = "data/registry"
figures_dir = "figures"
measures = []  # empty: every measure
year_min = 1990
year_max = 2030
include_anecdotes = False
formats = ["svg", "png"]
style = "web"
print_widths = {}  # print style only: {"one_column": inches, "two_column": inches}

# %%
from pathlib import Path

from IPython.display import display

from nkestimates import charts, method_charts
from nkestimates.figures import FigureIndex, figure_list, use_style
from nkestimates.registry import load_registry
from nkestimates.transparency import check_list, checklist

settings = use_style(style, print_widths)
registry = load_registry(Path(registry_dir))
estimates, mentions = charts.load_tables(Path(data_dir))
rows = charts.chart_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
hidden = charts.hidden_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
index = FigureIndex(Path(figures_dir), "03-how-methods-differ", tuple(formats))

# %% [markdown]
# ## Method by measure
#
# Methods come from the annotations and the source registry. Families group them: *measured*
# (a survey, a database, a caseload), *modelled or extrapolated*, *interviews or testimony*,
# *official assessment or compilation*, and *no method given*.

# %%
chart = method_charts.method_by_measure(rows, registry, settings, hidden)
display(index.save(chart))

# %% [markdown]
# ## What a reader can check
#
# Six checks, each computed from the table's columns:

# %%
check_list()

# %%
table = checklist(estimates[estimates.estimate_id.isin(rows.estimate_id)], registry)
chart = method_charts.transparency_matrix(table, rows, registry, settings, hidden)
display(index.save(chart))

# %% [markdown]
# ## How figures change on the way
#
# For every figure traced to a primary publication whose own figure the registry records, the
# producer's version is set beside each article's. A changed value or qualifier is computed
# from the table; a re-dated year, a reworded population, outcome or scope, a misdescribed method
# or a misnamed producer comes from the estimate's flags, each backed by a registry fact.

# %%
chart = method_charts.lineage(rows, registry, settings, hidden)
display(index.save(chart))

# %%
figure_list(index.write())
