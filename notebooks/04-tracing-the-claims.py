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
# sometimes changed it. This handout follows the figures and phrases of six cases from a set of
# news articles back to where they came from. For each case you get the evidence: the articles'
# own words, and what the project's research recorded about the producer's own publication (its
# source registry: a list of producers, their publications and facts about them). The research
# often read coverage of a publication rather than the publication itself; each box says how sure
# its facts are and where they were read. Then questions.
#
# The handout is built twice: a **student** version with the evidence and the questions, and a
# **teacher** version that adds the conclusions (what changed on the way, the flags, the
# caveats) and worked answers.

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
print_widths = {}  # print style only: {"one_column": inches, "two_column": inches}
version = "student"  # "student": evidence and questions; "teacher": with conclusions and answers
answers_path = "notebooks/answers/04-tracing-the-claims.yaml"

# %%
from pathlib import Path

from IPython.display import display

from nkestimates import charts, tracing
from nkestimates.figures import FigureIndex, figure_list, use_style
from nkestimates.registry import load_registry

settings = use_style(style, print_widths)
registry = load_registry(Path(registry_dir))
estimates, mentions = charts.load_tables(Path(data_dir))
rows = charts.chart_rows(estimates, mentions, include_anecdotes=True)
index = FigureIndex(Path(figures_dir), "04-tracing-the-claims", tuple(formats))
tracing.version_title(version)

# %% [markdown]
# ## Words for what can go wrong with a figure
#
# Three words first. The **producer** is the organisation or person that made a figure: a survey
# team, a rights group, a government office. The **primary source** is the producer's own
# publication, the report or database where the figure first appeared. A **qualifier** is the
# word that hedges a number: "about", "over", "up to", "at least".
#
# This project marks each figure it found with flags: words for what can go wrong with a figure.
# Use them in your answers (the teacher's version names the flags each case carries):

# %%
tracing.flag_glossary(registry)

# %% [markdown]
# ## Case 1 · A share of about 60 percent, printed three ways
#
# Three articles print a share of North Korean women in China who are trafficked, each close to
# 60 percent and each crediting the Korea Future Initiative in its own words. Read what each
# article says (and the whole article, through its link), then what the producer itself
# published.

# %%
tracing.printings(rows, registry, "kfi_2019_sex_slaves", "share_nk_women_in_china_trafficked", version)

# %%
tracing.publication_facts(registry, "kfi_2019_sex_slaves", version)

# %% [markdown]
# Other organisations have published shares of their own. The chart sets the articles' figures
# beside them (below the line, as hollow diamonds: other producers' estimates, which no article
# here prints). It also shows a fourth printing of
# the same kind of share, one that credits "rights groups" rather than the Korea Future Initiative:

# %%
group = rows[rows.measure == "share_nk_women_in_china_trafficked"]
chart = charts.measure_chart("share_nk_women_in_china_trafficked", group, registry, settings,
                             show_context=True, name_prefix="04-context", as_printed=True)
display(index.save(chart))

# %% [markdown]
# **Questions**
# 1. List every difference between the producer's figure and each article's: value,
#    qualifier, year, population, outcome, the producer's name.
# 2. One article says the figure is "based on their testimonies": those of the 45 victims it
#    names in the sentence before (open the article). Can 45 interviews give a share of all North
#    Korean women in China? What would you need?
# 3. How would you check a figure like this before printing it?
# 4. How do the other estimates on the chart compare with the articles' figures? Are they
#    measuring the same thing?

# %%
tracing.answer(answers_path, version, "sixty-percent")

# %% [markdown]
# ## Case 2 · "For the nineteenth consecutive year"
#
# Each year the U.S. State Department publishes a report that places every country in one of
# several tiers. One article reports the 2019 ranking of North Korea with an ordinal. Read the article, then
# the report it describes.

# %%
tracing.printings(rows, registry, "tip_2019", "tip_tier3_consecutive_years", version)

# %%
tracing.publication_facts(registry, "tip_2019", version)

# %% [markdown]
# **Questions**
# 1. Which year of the streak was 2019? What does the primary source say?
# 2. What does a Tier 3 ranking measure — and what does it not measure?
# 3. How could the article's author have checked the ordinal?

# %%
tracing.answer(answers_path, version, "nineteenth-year")

# %% [markdown]
# ## Case 3 · A total from a documentation database
#
# An article about trafficked women cites a large total from a database of interviews with
# defectors. Read the sentence in its paragraph (open the article through its link), then what
# the database records.

# %%
tracing.quotes(estimates, version, publication_id="nkdb_database")

# %%
tracing.publication_facts(registry, "nkdb_database", version)

# %% [markdown]
# **Questions**
# 1. What does the 82,000 count? What would a count of trafficking cases be?
# 2. How does the sentence's place in the article shape what a reader takes it to mean?
# 3. What can a running total of recorded cases tell a reader, and what can it not?

# %%
tracing.answer(answers_path, version, "database-total")

# %% [markdown]
# ## Case 4 · 200,000 prisoners
#
# The same number of people held in North Korea's prison camps appears in articles from 2003 to
# 2012. Read the printings below and the investigation of January 2003 they may go back to; the
# chart adds a later printing and later estimates.

# %%
tracing.printings(rows, registry, "nbc_2003_gulag", "prison_camp_population", version)

# %%
tracing.publication_facts(registry, "nbc_2003_gulag", version)

# %%
group = rows[rows.measure == "prison_camp_population"]
chart = charts.measure_chart("prison_camp_population", group, registry, settings,
                             show_context=True, name_prefix="04-context", as_printed=True)
display(index.save(chart))

# %% [markdown]
# **Questions**
# 1. Which printings say where the 200,000 came from? Could it come from the January 2003
#    investigation, and what could that investigation's sources tell?
# 2. What do later estimates say, and why might the number have changed?
# 3. *The Hidden Gulag*, a report the U.S. Committee for Human Rights in North Korea published
#    in 2003, says "scores of thousands of prisoners" (Case 5 quotes it; one web page collects it
#    with two of the printings above). What does that tell you about 200,000?
# 4. What should a reporter ask before repeating this figure?

# %%
tracing.answer(answers_path, version, "prison-camps")

# %% [markdown]
# ## Case 5 · "Tens of thousands", "hundreds — if not thousands"
#
# Some articles give no number at all but a phrase that names an order of magnitude. Here is
# each such figure in the articles, in the words quoted (one printing of each; the link opens the
# article there):

# %%
tracing.vague_figures(rows, version)

# %% [markdown]
# **Questions**
# 1. What can "tens of thousands" support, and what can it not?
# 2. Who stands behind "hundreds — if not thousands — of North Koreans trafficked each year"?
# 3. A chart could draw "tens of thousands" as a single point or as a band. Which is honest, where
#    would you put it, and why?

# %%
tracing.answer(answers_path, version, "vague-quantities")

# %% [markdown]
# ## Case 6 · Articles with no date
#
# Some articles carry no date. Open each one and look for what places it in time:

# %%
tracing.undated(Path(seeds_dir), version)

# %% [markdown]
# **Questions**
# 1. What in each text dates it? How sure is each date?
# 2. What does a date inferred from what a text mentions tell you about when it was written, and
#    what does it not?
# 3. How does an undated article change what you can say about when a figure was printed?

# %%
tracing.answer(answers_path, version, "undated-articles")

# %% [markdown]
# ## Figures drawn for this handout

# %%
figure_list(index.write())
