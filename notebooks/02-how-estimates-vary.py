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
# # 02 · How the estimates vary
#
# The catalogue (notebook 01) holds every figure the articles print. Here each figure is drawn
# as what it is: a point as a dot (hollow when the article says "about"), a range as a bar, a
# bound ("more than", "up to") as a line from its value to the edge of the axis, with an arrowhead
# on the open side, and a vague quantity ("tens of thousands") as a hatched band over the order of magnitude it names — never as a made-up
# point. Colour shows how the figure was produced. Every title is computed from the rows drawn;
# every figure is saved as SVG and PNG (and PDF with the print parameter set) with the CSV of exactly those rows. When a
# parameter keeps figures off a chart, the chart's footer says how many and which parameter.

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
show_context = False  # also draw other producers' estimates (data/registry/context.yaml)
print_widths = {}  # print style only: {"one_column": inches, "two_column": inches}

# %%
from pathlib import Path

from IPython.display import display

from nkestimates import charts
from nkestimates.figures import FigureIndex, figure_list, use_style
from nkestimates.registry import load_registry

settings = use_style(style, print_widths)
registry = load_registry(Path(registry_dir))
estimates, mentions = charts.load_tables(Path(data_dir))
rows = charts.chart_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
hidden = charts.hidden_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
index = FigureIndex(Path(figures_dir), "02-how-estimates-vary", tuple(formats))
print(f"{len(rows)} estimates to draw across {rows.measure.nunique()} measures")

# %% [markdown]
# ## Every measure with two or more estimates
#
# One chart per measure, oldest printing at the top. Labels give the outlet, the year it
# printed the figure and the producer it cites.

# %%
for measure, group in charts.measure_groups(rows):
    chart = charts.measure_chart(measure, group, registry, settings,
                                 left_out=(rows.measure == measure).sum() - len(group), show_context=show_context,
                                 hidden=hidden[hidden.measure == measure])
    display(index.save(chart))

# %% [markdown]
# ## Repeated, not re-measured
#
# For measures printed across many years, a timeline shows when a figure is printed again
# rather than measured again: a dashed line joins a printing to the first printing of the same
# estimate (both traced to one publication). A printing whose source is unknown is not joined: the
# same number may be another estimate.

# %%
for measure in charts.timeline_measures(rows):
    chart = charts.timeline(measure, rows[rows.measure == measure], registry, settings,
                            hidden=hidden[hidden.measure == measure])
    display(index.save(chart))

# %% [markdown]
# ## All counts of people at once
#
# The counts span several orders of magnitude, so the axis is logarithmic.

# %%
chart = charts.overview(rows, registry, settings, hidden=hidden)
display(index.save(chart))

# %%
figure_list(index.write())
