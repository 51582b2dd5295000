"""Figures: each draws exactly the table rows it should, in both formats, indexed with alt text."""

import math
import re

import pandas as pd
import pytest
import yaml
from PIL import Image

from nkestimates.charts import chart_rows, load_tables, measure_groups, shape
from nkestimates.errors import InputError
from nkestimates.pipeline import run

from conftest import ROOT

FIGURES = ROOT / "figures"


def read_index(folder=FIGURES):
    return pd.read_csv(folder / "index.csv", dtype=str, keep_default_na=False)


def drawn(name, folder=FIGURES):
    return pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)


def test_every_indexed_figure_exists_in_both_formats_and_nothing_else_lies_around():
    index = read_index()
    assert list(index.columns) == ["figure", "title", "alt_text", "source", "notebook"]
    expected = {f"{name}.{suffix}" for name in index.figure for suffix in ("svg", "png", "csv")} | {"index.csv"}
    assert {p.name for p in FIGURES.iterdir()} == expected
    assert (index.alt_text.str.len() > 80).all() and index.source.str.startswith("Source: ").all()


def test_each_measure_chart_draws_exactly_its_rows_from_the_table():
    estimates, mentions = load_tables(ROOT / "data")
    rows = chart_rows(estimates, mentions)
    groups = dict(measure_groups(rows))
    names = {f"02-estimates-{m.replace('_', '-')}": m for m in groups}
    assert set(names) == {f for f in read_index().figure if f.startswith("02-estimates-")}
    table = estimates.set_index(["seed", "number_start"])
    for name, measure in names.items():
        csv = drawn(name)
        assert csv.estimate_id.tolist() == groups[measure].estimate_id.tolist()
        assert (csv.measure == measure).all() and (csv.claim_type != "anecdote").all()
        for row in csv.itertuples():
            source = table.loc[(row.seed, row.number_start)]
            assert (source.estimate_id, source.number) == (row.estimate_id, row.number)
            assert float(row.value_low or "nan") == pytest.approx(float(source.value_low or "nan"), nan_ok=True)
            assert float(row.value_high or "nan") == pytest.approx(float(source.value_high or "nan"), nan_ok=True)


def test_titles_state_numbers_computed_from_the_rows_drawn():
    index = read_index().set_index("figure")
    for name, title in index.title.items():
        if name.startswith("02-estimates-"):
            assert title.startswith(f"{len(drawn(name))} printed figures")
    prison = drawn("02-timeline-prison-camp-population")
    repeats = prison[prison.value_high.isin(["200000"]) | prison.value_low.isin(["200000"])]
    years = repeats.outlet.map(dict(zip(prison.outlet, prison.published.str[:4])))
    assert len(repeats) == 3 and "printed three times" in index.title["02-timeline-prison-camp-population"]
    assert f"from {years.min()} to {years.max()}" in index.title["02-timeline-prison-camp-population"]


def test_a_repeated_figure_is_called_repeated_only_when_every_printing_is_traced_to_one_estimate(catalogue):
    from nkestimates.charts import timeline
    from nkestimates.figures import use_style

    estimates, mentions = load_tables(ROOT / "data")
    rows = chart_rows(estimates, mentions)
    prison = rows[rows.measure == "prison_camp_population"]
    repeated = prison.value_low.eq(200_000) | prison.value_high.eq(200_000)
    style, registry = use_style("web"), catalogue.registry
    traced = prison.assign(publication_id=prison.publication_id.where(~repeated, "nbc_2003_gulag"))
    untraced = traced.assign(publication_id=traced.publication_id.where(~repeated.cumsum().eq(3), ""))
    titles = [timeline("prison_camp_population", table, registry, style).title for table in (traced, untraced)]
    assert titles[0].endswith("repeated rather than re-measured")
    assert "printed three times" in titles[1] and "re-measured" not in titles[1]


def test_a_timeline_joins_only_printings_of_one_traced_estimate(catalogue):
    from nkestimates.charts import timeline
    from nkestimates.figures import use_style

    estimates, mentions = load_tables(ROOT / "data")
    prison = chart_rows(estimates, mentions).query("measure == 'prison_camp_population'")
    traced = prison.publication_id.ne("") & prison.duplicated("publication_id", keep=False)
    assert 0 < traced.sum() < len(prison)  # two printings of NBC's 200,000; VOA's, of unknown source, is not joined
    chart = timeline("prison_camp_population", prison, catalogue.registry, use_style("web"))
    dashed = [line for line in chart.fig.axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == traced.sum() - 1
    assert sorted(dashed[0].get_xdata()) == sorted(prison[traced].published_year)


def test_titles_say_how_figures_agree_and_how_far_they_spread(catalogue):
    from nkestimates.charts import measure_chart, overview
    from nkestimates.figures import use_style

    estimates, mentions = load_tables(ROOT / "data")
    rows, style, registry = chart_rows(estimates, mentions), use_style("web"), catalogue.registry
    title = lambda measure, table: measure_chart(measure, table, registry, style).title
    prison = rows[rows.measure == "prison_camp_population"]  # up to 200,000; about 200,000 twice
    assert title("prison_camp_population", prison).endswith("all say 200,000 (one as “up to”)")  # the bound is named
    hours = rows[rows.measure == "working_hours_per_day"]  # youth brigades, workers abroad, camp prisoners
    groups = hours.population_group.nunique()
    assert groups > 1 and f", of {groups} different groups, range from" in title("working_hours_per_day", hours)
    assert "different groups" not in title("prison_camp_population", prison)
    deaths = rows[rows.measure == "prison_camp_deaths"]  # 400,000 and "hundreds of thousands"
    assert title("prison_camp_deaths", deaths).endswith("both within “hundreds of thousands”")
    people = rows[rows.unit == "people"]
    groups = people[people.population_group != "study_participants"]  # not the 45 victims KFI interviewed
    low, high = groups.value_low.fillna(groups.value_high).min(), groups.value_high.fillna(groups.value_low).max()
    spread = f"span {math.log10(high / low):.1f} orders of magnitude, from “thousands” to 3 million"
    chart = overview(rows, registry, style)
    assert len(groups) < len(people) and spread in chart.title and len(chart.rows) == len(groups)
    footer = " ".join(" ".join(t.get_text().split()) for t in chart.fig.findobj(lambda a: hasattr(a, "get_text")))
    assert "1 count of the people a study interviewed, not of a population" in footer
    assert "1 count of people a year, a flow rather than a group" in footer  # "hundreds—if not thousands" a year
    near = people[people.value_low.between(150_000, 200_000) & people.value_high.between(150_000, 200_000)]
    assert "differ by a factor of 1.3" in overview(near, registry, style).title


def test_the_lineage_title_lists_only_what_changed(catalogue):
    from nkestimates.figures import use_style
    from nkestimates.method_charts import FLAGGED_CHANGES, lineage

    estimates, mentions = load_tables(ROOT / "data")
    rows, style = chart_rows(estimates, mentions), use_style("web")
    title = lineage(rows, catalogue.registry, style).title
    assert title.endswith("its value, qualifier, year, producer, population or method")
    unflagged = rows.assign(flags=rows["flags"].str.replace("|".join(FLAGGED_CHANGES), "", regex=True))
    assert lineage(unflagged, catalogue.registry, style).title.endswith("its value, qualifier or year")


def test_the_lineage_leaves_out_printings_in_an_undated_article_and_says_so(catalogue):
    from nkestimates.figures import use_style
    from nkestimates.method_charts import lineage

    estimates, mentions = load_tables(ROOT / "data")
    rows = chart_rows(estimates, mentions)
    undated = rows.assign(published_year=rows.published_year.where(rows.seed != rows.seed.iloc[0]))
    chart = lineage(undated, catalogue.registry, use_style("web"))  # it used to stop on the missing year
    texts = " ".join(" ".join(t.get_text().split()) for t in chart.fig.findobj(lambda a: hasattr(a, "get_text")))
    assert "in an article whose date is unknown" in texts


def test_a_qualifier_is_compared_only_where_the_producer_s_wording_is_recorded():
    from types import SimpleNamespace

    from nkestimates.method_charts import changes

    printed = SimpleNamespace(value_low=None, value_high=200_000.0, qualifier="up_to", unit="people", flags="")
    producer = {"value_low": 200_000, "value_high": 200_000, "year": 2003}
    assert changes(printed, {**producer, "qualifier": None}) == []
    assert changes(printed, {**producer, "qualifier": "about"}) == ["“about” → “up to”"]
    assert changes(printed, {**producer, "qualifier": ""}) == ["“up to” added"]
    assert changes(SimpleNamespace(**{**vars(printed), "qualifier": ""}), {**producer, "qualifier": "about"}) == [
        "“about” dropped"]


def test_a_change_to_a_figure_whose_attribution_is_unconfirmed_says_so():
    from types import SimpleNamespace

    from nkestimates.method_charts import change_words

    printed = SimpleNamespace(value_low=60.0, value_high=None, qualifier="more_than", unit="percent", flags="")
    producer = {"value_low": 60, "value_high": 60, "year": 2019, "qualifier": "about"}
    assert change_words(printed, producer) == "“about” → “more than”"
    unconfirmed = SimpleNamespace(**{**vars(printed), "flags": "qualifier_changed;attribution_unconfirmed"})
    assert change_words(unconfirmed, producer) == (
        "“about” → “more than” (if it is this figure: the attribution is unconfirmed)")
    assert change_words(SimpleNamespace(**{**vars(unconfirmed), "value_low": 60.0, "value_high": 60.0,
                                           "qualifier": "about"}), producer) == "no change found"


def test_vague_quantities_and_bounds_are_drawn_as_such():
    estimates, mentions = load_tables(ROOT / "data")
    rows = chart_rows(estimates, mentions).set_index("estimate_id")
    assert shape(rows.loc["s003-afp-2007-refugees-tens-of-thousands"]) == "vague"
    assert shape(rows.loc["s004-kfi-refugees-up-to-200000"]) == "upper bound"
    assert shape(rows.loc["s000-kfi-share-over-60"]) == "lower bound"
    assert shape(rows.loc["s002-grc-share-70-80"]) == "range"


def test_every_method_has_a_family_and_every_measure_a_label(catalogue):
    vocabularies = catalogue.registry.vocabularies
    assert set(vocabularies["method_family"]) == set(vocabularies["method"])
    assert set(vocabularies["measure_label"]) == set(vocabularies["measure"])


def test_transparency_and_lineage_rows_come_from_the_table():
    estimates = pd.read_csv(ROOT / "data/estimates.csv", dtype=str, keep_default_na=False)
    transparency = drawn("03-transparency")
    assert set(transparency.estimate_id) <= set(estimates.estimate_id)
    assert transparency.score.astype(int).between(0, 6).all()
    lineage = drawn("03-lineage")
    printed = lineage[lineage.drawn_from == "data/estimates.csv"]
    assert set(printed.estimate_id) <= set(estimates.estimate_id)
    over = printed.set_index("estimate_id").changes["s000-kfi-share-over-60"]
    assert "“about” → “more than”" in over and "re-dated 2019 → 2023" in over


def test_notebooks_02_and_03_with_the_print_set_and_filters(project):
    out = project / "build/test/print-figures"  # where a set other than default.yaml publishes
    params = yaml.safe_load((ROOT / "params/print.yaml").read_text())
    params.update(figures_dir="print-figures", measures=["prison_camp_population", "nk_refugees_in_china"],
                  year_max=2012, include_anecdotes=True, formats=["png", "pdf"])
    path = project / "params/test.yaml"
    path.write_text(yaml.safe_dump(params))
    run(path, only=["02", "03"], root=project, progress=lambda _: None)
    index = read_index(out)
    assert set(index.notebook) == {"02-how-estimates-vary", "03-how-methods-differ"}
    assert not list(out.glob("*.svg"))
    widths = {Image.open(out / f"{name}.png").size[0] for name in index.figure}
    assert widths <= {round((w + 0.2) * 300) for w in params["print_widths"].values()}
    for name in index.figure:
        assert (out / f"{name}.png").exists() and (out / f"{name}.pdf").read_bytes().startswith(b"%PDF")
        assert b"CreationDate" not in (out / f"{name}.pdf").read_bytes()
        csv = drawn(name, out)
        if "measure" in csv:
            assert set(csv.measure) <= set(params["measures"]), name
        if "year" in csv and name.startswith("02-"):
            known = pd.to_numeric(csv.year, errors="coerce").dropna()  # an unknown year is kept
            assert (known <= 2012).all(), name
    assert "02-estimates-prison-camp-population" in set(index.figure)
    assert "02-estimates-share-nk-women-in-china-trafficked" not in set(index.figure)


@pytest.mark.parametrize("change, message", [
    ({"style": "glossy"}, "parameter 'style': \\['glossy'\\] not known"),
    ({"formats": ["gif"]}, "parameter 'formats'"),
])
def test_bad_chart_parameters_fail_with_a_clear_message(project, tmp_path, change, message):
    params = {**yaml.safe_load((ROOT / "params/default.yaml").read_text()), **change,
              "figures_dir": str(tmp_path / "bad-figures")}
    path = project / "params/test.yaml"
    path.write_text(yaml.safe_dump(params))
    with pytest.raises(InputError, match=message):  # checked before any notebook runs
        run(path, only=["02"], root=project, progress=lambda _: None)
    assert not (tmp_path / "bad-figures" / "index.csv").exists()


def test_every_web_chart_has_one_width():
    widths = {Image.open(path).size[0] for path in FIGURES.glob("*.png")}
    assert len(widths) == 1


def test_labels_name_outlets_as_readers_know_them_and_keep_the_seed_id_in_the_data():
    for path in FIGURES.glob("0[24]-*.csv"):
        csv = drawn(path.stem)
        if "outlet" in csv and "seed" in csv:
            assert not csv.outlet.str.contains(r"seed \d|Unidentified outlet").any(), path.name
            assert (csv.seed[csv.outlet == "unidentified website"] != "").all()


def test_footer_is_at_most_three_lines_without_paths_and_notes_what_a_parameter_hides():
    from nkestimates.charts import all_chart_rows, filter_note, footer_text
    from nkestimates.figures import use_style
    from nkestimates.registry import load_registry

    registry = load_registry(ROOT / "data/registry")
    estimates, mentions = load_tables(ROOT / "data")
    settings = use_style("web")
    rows = chart_rows(estimates, mentions)
    hidden = all_chart_rows(estimates, mentions, None, 1990, 2010, False)
    hidden = hidden[hidden.hidden_by != ""]
    note = filter_note(hidden)
    assert "(parameter year_max)" in note and "anecdotes, figures about one person" in note
    assert "include_anecdotes" not in note  # a printed chart says what an anecdote is, not a parameter's name
    footer = footer_text(rows, registry, settings["width"], [note])
    import textwrap
    from nkestimates.charts import footer_characters
    assert len(textwrap.wrap(footer, footer_characters(settings["width"]))) <= 3
    assert not re.search(r"\w/\w|\.csv|\.yaml|seed \d", footer)


def test_a_figure_of_unknown_year_is_filtered_by_the_year_its_article_was_printed():
    from nkestimates.charts import all_chart_rows, filter_note

    estimates, mentions = load_tables(ROOT / "data")
    rows = all_chart_rows(estimates, mentions, None, 1990, 2030, True)
    undated = rows[rows.year.isna() & rows.published_year.notna()]  # an undated article's are always drawn
    assert not undated.empty and (rows[rows.year.isna()].hidden_by == "").all()  # the published range keeps all
    for year_min, year_max, parameter in ((int(undated.published_year.max()) + 1, 3000, "year_min"),
                                          (1000, int(undated.published_year.min()) - 1, "year_max")):
        rows = all_chart_rows(estimates, mentions, None, year_min, year_max, True)
        assert (rows[rows.year.isna() & rows.published_year.notna()].hidden_by == f"{parameter}:undated").all()
        note = filter_note(rows[rows.hidden_by != ""])
        assert f"of unknown year printed {'before the first' if parameter == 'year_min' else 'after the last'} year " \
               f"(parameter {parameter})" in note, note


@pytest.mark.parametrize("low, high, qualifier, unit, words", [
    (100000, 999999, "", "people", "100,000 to 999,999"),
    (2000000, 999999999, "", "USD per year", "$2 million to $1 billion"),
    (60, None, "more_than", "percent", "more than 60%"),
    (None, 200000, "up_to", "people", "up to 200,000"),
    (74.6, 74.6, "about", "percent", "about 74.6%"),
    (2600000, 2600000, "", "people", "2.6 million"),
    (None, 0.15, "less_than", "USD per month", "less than $0.15"),
    (0.15, None, "less_than", "USD per month", "less than $0.15"),
])
def test_amounts_in_plain_words(low, high, qualifier, unit, words):
    from nkestimates.wording import unreadable_numbers, value_words

    assert value_words(low, high, qualifier, unit) == words
    assert unreadable_numbers(words) == []


def test_short_amounts_for_axes_never_use_scientific_notation():
    from nkestimates.wording import number_short, unreadable_numbers

    assert [number_short(v) for v in (999999, 99999, 1e10, 45)] == ["1M", "100k", "10bn", "45"]
    assert unreadable_numbers("100k–1e+03k, $1e+03M, 60.0") == ["1e+03k", "1e+03M", "60.0"]


def test_labels_wrap_and_shorten_by_rule_never_mid_word():
    from nkestimates.wording import outlet_name, wrap_label

    name = "U.S. State Department, 2020 Country Reports on Human Rights Practices"
    label = wrap_label(name, 20)
    assert label.replace("\n", " ") == "U.S. State Dept., 2020 Human Rights Report"
    assert all(word in name or word in ("Dept.,", "Report") for word in label.split())
    assert outlet_name("Unidentified outlet (seed 001)") == "unidentified website"
    assert outlet_name("UCA News") == "UCA News"


def test_a_report_printing_its_own_figures_is_not_said_to_cite_its_producer():
    from nkestimates.charts import attribution
    from nkestimates.registry import load_registry

    registry = load_registry(ROOT / "data/registry")
    rows = chart_rows(*load_tables(ROOT / "data")).set_index("estimate_id", drop=False)
    own = rows.loc["s003-drl-2020-overseas-hours-12-16"]  # the 2020 Country Reports, by the bureau that wrote them
    cited = rows.loc["s003-drl-2020-slavery-2-6-million"]  # the same report, quoting Walk Free
    assert attribution(own, registry).startswith("its own figure (U.S. Department of State, Bureau")
    assert attribution(cited, registry) == "cites Walk Free Foundation"
    titles = pd.read_csv(FIGURES / "index.csv", dtype=str).set_index("figure").title
    assert "of them cite" not in titles["02-estimates-working-hours-per-day"]  # the report's own are no citations


def test_a_format_no_longer_asked_for_is_removed_with_the_run_that_drops_it(tmp_path):
    import matplotlib.pyplot as plt
    from nkestimates.figures import Chart, FigureIndex, use_style

    use_style("web")

    def draw(formats):
        index = FigureIndex(tmp_path, "02-test", formats)
        index.save(Chart(plt.figure(), "02-test-chart", "A title", "Alt text.", "A source", pd.DataFrame({"a": [1]})))
        index.write()

    draw(("svg", "png", "pdf"))
    draw(("svg", "png"))
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "02-test-chart.csv", "02-test-chart.png", "02-test-chart.svg", "index.csv"]


def test_a_misnamed_producer_is_shown_as_the_article_writes_it():
    from nkestimates.charts import attribution
    from nkestimates.registry import load_registry

    registry = load_registry(ROOT / "data/registry")
    estimates, _ = load_tables(ROOT / "data")
    misnamed = estimates[estimates["flags"].str.split(";").map(lambda flags: "producer_misnamed" in flags)]
    assert len(misnamed)
    for row in misnamed.itertuples():
        assert attribution(row, registry) == f"cites “{row.producer_as_written}” ({row.producer})"
    row = misnamed.iloc[0]  # a row as a Series, whose .flags is pandas' own attribute
    assert attribution(row, registry) == f"cites “{row.producer_as_written}” ({row.producer})"


def test_an_unconfirmed_attribution_is_labelled_probable():
    from nkestimates.charts import attribution
    from nkestimates.registry import load_registry

    registry = load_registry(ROOT / "data/registry")
    is_placeholder = registry.names_no_producer
    estimates, _ = load_tables(ROOT / "data")
    flagged = estimates[estimates["flags"].str.split(";").map(lambda flags: "attribution_unconfirmed" in flags)]
    traced = [row for row in flagged.itertuples() if row.publication_id and not is_placeholder(row.producer)
              and (not row.producer_as_written or not registry.is_name(row.producer_as_written))]
    assert traced
    for row in traced:
        assert f"(probably {row.producer}, unconfirmed)" in attribution(row, registry)
    placeholders = [row for row in flagged.itertuples() if is_placeholder(row.producer)]
    for row in placeholders:  # 'this report': the producer of the publication the research infers, if any
        owner = registry.publications.get(row.publication_id, {}).get("producer")
        probable = f"(probably {registry.producers[owner]['name']}, unconfirmed)" if owner else "probably"
        assert (probable in attribution(row, registry)) == bool(owner)
    assert {bool(row.publication_id) for row in placeholders} == {True, False}
    named = [row for row in flagged.itertuples() if not is_placeholder(row.producer) and row.producer_as_written
             and registry.is_name(row.producer_as_written) and "producer_misnamed" not in row.flags]
    assert named  # the article names the producer rightly; the research could not confirm the figure is its
    for row in named:
        assert attribution(row, registry) == f"cites {row.producer} (unconfirmed)"


def test_a_footer_says_which_traced_publications_are_unconfirmed():
    from nkestimates.charts import traced_producers
    from nkestimates.registry import load_registry

    registry = load_registry(ROOT / "data/registry")
    estimates, _ = load_tables(ROOT / "data")
    unconfirmed = estimates["flags"].str.split(";").map(lambda flags: "attribution_unconfirmed" in flags)
    seen = set()
    traced = estimates[estimates.publication_id != ""]
    for (_, publication_id), printings in traced.groupby(["measure", "publication_id"]):  # as a chart draws them
        publication = registry.publications[publication_id]
        named = f"{registry.producers[publication['producer']]['name']} ({publication['year'] or 'n.d.'}"
        all_unconfirmed = unconfirmed[printings.index].all()
        assert traced_producers(printings, registry) == [named + (", unconfirmed)" if all_unconfirmed else ")")]
        seen.add(all_unconfirmed)
    assert seen == {True, False}
