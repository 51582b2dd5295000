"""The fact-check rules: each kind of error a careful reader found, re-introduced into a copy of
the inputs, stops the build with a message naming the file, the line and what to do."""

import re
from pathlib import Path

import pandas as pd
import pytest

from nkestimates.catalogue import build
from nkestimates.errors import InputError
from nkestimates.factcheck import paragraph_around, passages_naming_the_producer, sentence_around
from nkestimates.mentions import find_mentions, find_vague_shares
from nkestimates.pipeline import run
from nkestimates.registry import load_registry
from nkestimates.seeds import Excerpt, Seed
from nkestimates.transparency import checklist

from conftest import REGISTRY

A000 = "data/annotations/000_66e3012caa50f2b4.yaml"
A001 = "data/annotations/001_7af18c4dca68cfdb.yaml"
A002 = "data/annotations/002_37d71dc0addc464f.yaml"
A003 = "data/annotations/003_bbd5d6720fae4efe.yaml"
A004 = "data/annotations/004_5d75bbe7d8ec6f52.yaml"
SOURCES = "data/registry/sources.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _block(project: Path, annotation: str, estimate_id: str) -> tuple[str, str]:
    """The text of one estimate's entry, to edit inside it only."""
    text = (project / annotation).read_text(encoding="utf-8")
    match = re.search(rf"(?ms)^  - id: {re.escape(estimate_id)}\n.*?(?=^  - id: |^excluded:)", text)
    return text, match.group()


def _edit_estimate(project: Path, annotation: str, estimate_id: str, old: str, new: str) -> None:
    text, block = _block(project, annotation, estimate_id)
    assert old in block, (estimate_id, old)
    (project / annotation).write_text(text.replace(block, block.replace(old, new, 1)), encoding="utf-8")


def _build(project: Path):
    return build(project / "seeds", project / "data/annotations", project / "data/registry")


ERRORS = {
    # 1. a year the text does not state, and a year that is not there
    "year stated but not printed": (
        lambda p: _edit_estimate(p, A003, "s003-chosun-2008-payment-350-yuan", "year_basis: inferred",
                                 "year_basis: stated"),
        A003, "year_basis 'stated' but 2007 is printed neither in the quote's sentence"),
    "year stated from a report's title": (
        lambda p: _edit_estimate(p, A003, "s003-drl-2020-rest-days", "year_basis: inferred", "year_basis: stated"),
        A003, "year_basis 'stated' but 2020 is printed neither in the quote's sentence nor in its excerpt's "
              "date line, other than in a report's name"),
    "year stated from an edition named in the sentence": (
        lambda p: _edit_estimate(p, A003, "s003-drl-2020-slavery-2-6-million", "year: 2016\n    year_basis: inferred",
                                 "year: 2018\n    year_basis: stated"),
        A003, "year_basis 'stated' but 2018 is printed neither in the quote's sentence nor in its excerpt's "
              "date line, other than in a report's name"),
    "year inferred without saying how": (
        lambda p: _edit_estimate(p, A003, "s003-freedomhouse-2018-tens-of-thousands", "Year inferred -", "Year from the edition -"),
        A003, "year 2017 is 'inferred' but the notes do not say how"),
    "year empty with a basis": (
        lambda p: _edit_estimate(p, A002, "s002-grc-refugees-150-200k", "year_basis: unknown",
                                 "year_basis: publication"),
        A002, "year None with year_basis 'publication'"),
    "printing's year for a figure traced to an earlier one": (
        lambda p: _edit_estimate(p, A001, "s001-defectors-trafficked-74-6", "    year: 2018\n    year_basis: inferred\n",
                                 "    year: 2019\n    year_basis: publication\n"),
        A001, "year 2019 ('publication') is later than 2018, the year of the figure of publication 'kic_2018_survey'"),
    "reused figure dated by its reprint": (
        lambda p: _edit_estimate(p, A002, "s002-sex-trade-105-million", "    year: 2019\n    year_basis: inferred\n",
                                 "    year: 2023\n    year_basis: publication\n"),
        A002, "year 2023 ('publication') is later than 2019, the year of the figure of publication 'kfi_2019_sex_slaves'"),
    "publication year other than the printing's": (
        lambda p: _edit_estimate(p, A000, "s000-hrw-victims-mostly-women", "    year: 2023\n", "    year: 2099\n"),
        A000, "year 2099 is 'publication' but the article was printed in 2023"),
    "stated year the primary source contradicts": (
        lambda p: _edit_estimate(p, A000, "s000-kfi-share-over-60", "    year: 2019\n    year_basis: inferred\n",
                                 "    year: 2023\n    year_basis: stated\n"),
        A000, "year 2023 ('stated') is later than 2019"),
    # 2. a sample size that belongs to something else
    "sample size of the interviews": (
        lambda p: _edit_estimate(p, A004, "s004-kfi-share-60", "    claim_type: estimate\n",
                                 "    sample_size: 45\n    claim_type: estimate\n"),
        A004, "sample_size 45 is neither printed in the quote's paragraph nor the sample_size of "
              "publication 'kfi_2019_sex_slaves'"),
    # 3. a producer named where the article names none
    "description as a producer": (
        lambda p: _edit_estimate(p, A003, "s003-sdut-2005-famine-2-3-million", 'producer_as_written: ""\n'
                                 "    producer: natsios", "producer_as_written: the best estimates"),
        A003, "unknown producer alias 'the best estimates'"),
    "producer taken from another passage": (
        lambda p: _edit_estimate(p, A003, "s003-sdut-2005-ever-confined",
                                 'producer_as_written: ""\n    producer: unattributed',
                                 "producer_as_written: The Hidden Gulag"),
        A003, "producer_as_written 'The Hidden Gulag' is printed neither in this quote's paragraph"),
    # 4. flags without a fact, or with a fact about something else
    "flag without a fact": (
        lambda p: _edit_estimate(p, A000, "s000-kfi-share-over-60", "    because: {re_dated: kfi_report_2019, ",
                                 "    because: {"),
        A000, "flag 're_dated' names no registry fact"),
    "date doubt as attribution doubt": (
        lambda p: _edit_estimate(p, A003, "s003-hidden-gulag-2003-scores-of-thousands", "    flags: []\n",
                                 "    flags: [attribution_unconfirmed]\n"
                                 "    because: {attribution_unconfirmed: kfi_report_2019}\n"),
        A003, "fact 'kfi_report_2019' does not support flag 'attribution_unconfirmed'"),
    "fact about another publication": (
        lambda p: _edit_estimate(p, A001, "s001-kfi-interviews-45", "population_reworded: kfi_45_interviewees",
                                 "population_reworded: kic_survey_200"),
        A001, "fact 'kic_survey_200' concerns publication 'kic_2018_survey', not 'kfi_2019_sex_slaves'"),
    "fact about a publication the estimate does not trace to": (
        lambda p: _edit_estimate(p, A003, "s003-globe-2004-camp-deaths", "    flags: []\n",
                                 "    flags: [superseded]\n    because: {superseded: nbc_200000_superseded}\n"),
        A003, "fact 'nbc_200000_superseded' concerns publication 'nbc_2003_gulag', not 'none'"),
    "fact about another producer": (
        lambda p: _edit_estimate(p, A002, "s002-grc-refugees-150-200k", "    flags: [inconsistent_baseline]\n"
                                 "    because: {inconsistent_baseline: grc_conflicting_baselines}",
                                 "    flags: [inconsistent_baseline, producer_misnamed]\n    because: "
                                 "{inconsistent_baseline: grc_conflicting_baselines, producer_misnamed: kfi_name}"),
        A002, "fact 'kfi_name' concerns producer 'korea_future', not 'grc'"),
    "fact about another estimate": (
        lambda p: _edit_estimate(p, A003, "s003-globe-2004-camp-deaths", "    flags: []\n",
                                 "    flags: [no_primary_source]\n    because: {no_primary_source: blog_400000_unsourced}\n"),
        A003, "fact 'blog_400000_unsourced' concerns estimates ['s003-blog-2003-camp-deaths-400000'], not this one"),
    "fact that does not exist": (
        lambda p: _edit_estimate(p, A001, "s001-tier3-nineteenth-year", "wrong_ordinal: tip_2019_17th",
                                 "wrong_ordinal: tip_2019"),
        A001, "flag 'wrong_ordinal' names an unknown fact 'tip_2019'"),
    # 5. a population group wider or narrower than the quote
    "all prisoners as political prison camps": (
        lambda p: _edit_estimate(p, A003, "s003-hidden-gulag-2003-scores-of-thousands",
                                 "measure: prisoner_population", "measure: prison_camp_population"),
        A003, "population_group 'nk_prisoners' is not one measure 'prison_camp_population' describes"),
    "anecdote counted as a whole group": (
        lambda p: _edit_estimate(p, A003, "s003-latimes-2005-salary-260", "population_group: individual",
                                 "population_group: nk_overseas_workers"),
        A003, "claim_type 'anecdote' with population_group 'nk_overseas_workers'"),
    "group figure with one person's group": (
        lambda p: _edit_estimate(p, A003, "s003-bbc-2004-promised-wage", "population_group: nk_refugee_workers_in_china",
                                 "population_group: individual"),
        A003, "claim_type 'estimate' with population_group 'individual'"),
    # 6. a quantity excluded as something else
    "working hours excluded as a clock time": (
        lambda p: _replace_estimate_by_exclusion(p, "s003-rummel-camp-working-hours",
                                                 '  - quote: "forced to work from 5 am to 8 pm"\n'
                                                 "    number: from 5 am to 8 pm\n    reason: time\n"),
        A003, "'from 5 am to 8 pm' is excluded as a clock time"),
    "vague share excluded by a rule's reason": (
        lambda p: _edit(p / A003, "    reason: off_subject\n", "    reason: rating\n"),
        A003, "the vague share 'Most of' is excluded as 'rating'"),
    # 8. an alias that silently matches the wrong producer
    "description outside its article": (
        lambda p: _edit_estimate(p, A003, "s003-afp-2007-refugees-tens-of-thousands",
                                 'producer_as_written: ""\n    producer: reporting',
                                 "producer_as_written: rights groups"),
        A003, "'rights groups' is not a name; it stands for a producer only in 002_37d71dc0addc464f.txt"),
    "one printing credited with another printing's words": (
        lambda p: _edit_estimate(p, A002, "s002-grc-share-70-80",
                                 '        producer_as_written: ""  # the body names no source where it prints the range\n',
                                 ""),
        A002, "producer_as_written 'rights groups' is printed neither in this quote's paragraph"),
    "a printing credited to another producer": (
        lambda p: _edit_estimate(p, A002, "s002-thousands-trafficked", "        producer_as_written: rights groups\n",
                                 "        producer_as_written: iNews\n"),
        A002, "this printing credits 'iNews', which stands for 'inews', but the estimate's producer is 'grc'"),
    "explicit producer against the alias": (
        lambda p: _edit_estimate(p, A002, "s002-grc-refugees-150-200k", "producer_as_written: The group\n",
                                 "producer_as_written: The group\n    producer: korea_future\n"),
        A002, "producer 'korea_future' conflicts with 'The group', which stands for 'grc'"),
    # a producer and a publication of different producers
    "publication of another producer": (
        lambda p: _edit_estimate(p, A002, "s002-sex-trade-105-million",
                                 'producer_as_written: ""\n    producer: korea_future', "producer_as_written: iNews"),
        A002, "publication 'kfi_2019_sex_slaves' belongs to producer 'korea_future', but the estimate's "
              "producer is 'inews'"),
    "traced figure left unattributed": (
        lambda p: _edit_estimate(p, A001, "s001-defectors-trafficked-74-6", "producer: kic", "producer: unattributed"),
        A001, "the article names no producer and the figure traces to publication 'kic_2018_survey', but the "
              "producer is 'unattributed'"),
    "fact-check against a publication nobody researched": (
        lambda p: _edit_estimate(p, A003, "s003-drl-2020-rest-days", "claim_type], source: []}",
                                 "claim_type], source: [value_low]}"),
        A003, "which no research covers (confidence: not researched)"),
    "fact-check record comparing a wording the registry does not record": (
        lambda p: _edit_estimate(p, A003, "s003-globe-2004-camps-200000", "source: [value_low, value_high, year,",
                                 "source: [value_low, value_high, qualifier, year,"),
        A003, "compares the qualifier with publication 'nbc_2003_gulag', whose own wording of prison_camp_population "
              "the registry does not record"),
    "fact-check record comparing a value the registry does not record": (
        lambda p: _edit_estimate(p, A002, "s002-grc-share-70-80", "source: [year,", "source: [value_low, year,"),
        A002, "compares ['value_low'] with publication 'grc_2023_red_zone', which records no figure of "
              "share_nk_women_in_china_trafficked"),
    # a flag stating a finding on a fact the research could not confirm, and a top printed as a top
    "a finding flagged on an unconfirmed fact": (
        lambda p: _edit(p / "data/registry/facts.yaml", "  supports: [attribution_unconfirmed]\n  confidence: unconfirmed",
                        "  supports: [top_of_range, attribution_unconfirmed]\n  confidence: unconfirmed"),
        "data/registry/facts.yaml", "fact 'nkdb_revenue_range' is 'unconfirmed' but supports top_of_range, "
                                    "which state a finding"),
    "the top of a range flagged where the article says it is a top": (
        lambda p: (_edit(p / "data/registry/facts.yaml", "    uncritically.\n  supports: [figure_reused]",
                         "    uncritically.\n  supports: [figure_reused, top_of_range]"),  # nkdb_range_from_2012
                   _edit_estimate(p, A003, "s003-medill-2015-revenue-2-3-billion",
                                  "flags: [attribution_unconfirmed, figure_reused]",
                                  "flags: [attribution_unconfirmed, figure_reused, top_of_range]"),
                   _edit_estimate(p, A003, "s003-medill-2015-revenue-2-3-billion",
                                  "figure_reused: nkdb_range_from_2012}",
                                  "figure_reused: nkdb_range_from_2012, top_of_range: nkdb_range_from_2012}")),
        A003, "flag 'top_of_range' on a figure the article prints as an upper bound (qualifier up_to)"),
    "a finding flagged on a fact nobody researched": (
        lambda p: _edit(p / "data/registry/facts.yaml", "  supports: [attribution_unconfirmed]\n  confidence: unconfirmed",
                        "  supports: [top_of_range, attribution_unconfirmed]\n  confidence: not researched"),
        "data/registry/facts.yaml", "fact 'nkdb_revenue_range' is 'not researched' but supports top_of_range"),
    # an excerpt dated by its edition's name, as if the text printed the date
    "an edition taken for a date line": (
        lambda p: _edit(p / "seeds/manifest.yaml", "      published: \"2018\"\n      date_basis: inferred\n",
                        "      published: \"2018\"\n"),
        "seeds/manifest.yaml", "'Freedom House Country Report, 2018 Edition' is dated 2018 as stated, but its text "
                               "prints 2018 only in a report's name"),
    # an edition's name taken for the year its figures describe
    "an edition's year inferred for a figure of an earlier year": (
        lambda p: _edit_estimate(p, A003, "s003-drl-2020-slavery-2-6-million", "year: 2016", "year: 2018"),
        A003, "year 2018 ('inferred') is later than 2016, the year of the figure of publication 'gsi_2018'"),
    # a producer compared with a publication that a placeholder producer's row only infers
    "a placeholder's producer compared with the publication inferred": (
        lambda p: _edit_estimate(p, A003, "s003-blog-2003-camps-up-to-200000", "source: [value_low, value_high, year,",
                                 "source: [value_low, value_high, year, producer,"),
        A003, "compares the producer with publication 'nbc_2003_gulag', but the estimate's producer "
              "'unidentified_report' stands for no producer"),
    "fact-check record with an unknown field": (
        lambda p: _edit_estimate(p, A004, "s004-kfi-share-60", "seed: [value_low,", "seed: [valeu_low,"),
        A004, "the fact-check record names unknown fields ['valeu_low']"),
}


def _replace_estimate_by_exclusion(project: Path, estimate_id: str, exclusion: str) -> None:
    text, block = _block(project, A003, estimate_id)
    text = text.replace(block, "")
    (project / A003).write_text(text.replace("excluded:\n", "excluded:\n" + exclusion, 1), encoding="utf-8")


@pytest.mark.parametrize("name", ERRORS)
def test_a_reintroduced_error_stops_the_build(project, name):
    breaks, annotation, message = ERRORS[name]
    _build(project)  # the committed inputs pass
    breaks(project)
    with pytest.raises(InputError) as error:
        _build(project)
    assert message in str(error.value)
    assert re.search(rf"{re.escape(Path(annotation).name)}:\d+: ", str(error.value)), str(error.value)


def test_a_year_kept_at_the_printing_says_why(project):
    """A figure newer than the linked publication's passes when the notes say why the year is kept."""
    _edit_estimate(project, A002, "s002-sex-trade-105-million", "    year: 2019\n    year_basis: inferred\n",
                   "    year: 2023\n    year_basis: publication\n")
    _edit_estimate(project, A002, "s002-sex-trade-105-million", "Year inferred:", "Year kept: (for the test) the "
                   "producer re-estimated it in 2023. Formerly:")
    years = _build(project).estimates.set_index("estimate_id").year
    assert str(years["s002-sex-trade-105-million"]) == "2023"


def test_the_pipeline_stops_on_a_fact_check_error_and_keeps_outputs(project):
    ERRORS["flag without a fact"][0](project)
    before = (project / "data/estimates.csv").read_bytes()
    with pytest.raises(InputError, match="names no registry fact"):
        run(project / "params/default.yaml", only=["01"], root=project, progress=lambda _: None)
    assert (project / "data/estimates.csv").read_bytes() == before


def test_a_description_does_not_name_the_producer():
    registry = load_registry(REGISTRY)
    rows = pd.DataFrame({
        "estimate_id": ["a", "b", "c"], "outlet": "x", "published": "2023", "number": "1", "measure": "m",
        "claim_type": "estimate", "producer_as_written": ["the group", "Global Rights Compliance", ""],
        "publication_id": "", "method": "unstated", "sample_size": "", "flags": "", "year_basis": "unknown",
        "date_basis": "stated", "producer": "Global Rights Compliance",
    })
    named = checklist(rows, registry).set_index("estimate_id")["article names the producer"]
    assert named.to_dict() == {"a": False, "b": True, "c": False}


def test_a_publication_is_traced_only_where_the_research_confirmed_it_or_the_article_is_the_producers_own():
    registry = load_registry(REGISTRY)
    rows = pd.DataFrame({
        "estimate_id": ["confirmed", "unconfirmed", "own", "untraced"], "outlet": ["x", "x", "Freedom House", "x"],
        "producer": ["Global Rights Compliance", "Global Rights Compliance", "Freedom House", "Unattributed"],
        "publication_id": ["grc_2023_red_zone", "grc_2023_red_zone", "", ""],
        "flags": ["", "no_method_published;attribution_unconfirmed", "", ""],
        "published": "2023", "number": "1", "measure": "m", "claim_type": "estimate", "producer_as_written": "",
        "method": "unstated", "sample_size": "", "year_basis": "unknown", "date_basis": "stated",
    })
    traced = checklist(rows, registry).set_index("estimate_id")["primary publication traced"]
    assert traced.to_dict() == {"confirmed": True, "unconfirmed": False, "own": True, "untraced": False}


@pytest.mark.parametrize("text, value_low, value_high, qualifier", [
    ("Most of the victims are women", 50, None, "more_than"),
    ("who are a majority of the defectors", 50, None, "more_than"),
    ("The vast majority of workers", 50, None, "more_than"),
    ("nearly all of them", 50, None, "more_than"),
    ("Almost the entire salary", 50, None, "more_than"),
    ("only a minority of cases", None, 50, "less_than"),
    ("they mostly head to China", 50, None, "more_than"),
    ("in most cases employing firms paid salaries", 50, None, "more_than"),
    ("which gives them only a fraction of the money", None, 50, "less_than"),
])
def test_vague_shares_are_found_as_shares(text, value_low, value_high, qualifier):
    [mention] = find_vague_shares(text)
    assert (mention.value_low, mention.value_high, mention.qualifier, mention.unit, mention.kind) == (
        value_low, value_high, qualifier, "percent", "vague_share")
    assert mention in find_mentions(text)


@pytest.mark.parametrize("text", ["the most vulnerable", "the most common form", "almost entirely",
                                  "a fraction of the cost"])
def test_superlatives_are_not_vague_shares(text):
    assert [m for m in find_mentions(text) if m.kind == "vague_share"] == []


@pytest.mark.parametrize("passage, printed", [
    ("The Walk Free Foundation, in its 2018 Global Slavery Index, estimated", False),
    ("according to the 2018 Country Reports on Human Rights Practices", False),
    ("the Global Slavery Index 2018 put it at", False),
    ("In 2018, the foundation estimated", True),
    ("in its 2018 Global Slavery Index, estimated that in 2018 one in ten", True),
    ("by 2018 North Korea had", True),
])
def test_a_year_in_a_reports_name_is_no_stated_year(passage, printed):
    from nkestimates.factcheck import prints_the_year

    assert prints_the_year(2018, passage) is printed


def test_sentence_and_paragraph_around_a_quote():
    text = "First line.\nA 2019 report. It said 60 percent. Then more.\nNext paragraph."
    start = text.index("60")
    assert sentence_around(text, start, start + 10) == "It said 60 percent. "
    assert paragraph_around(text, start, start + 10) == "A 2019 report. It said 60 percent. Then more."


def test_a_producer_may_be_named_in_the_paragraph_before_or_in_the_excerpts_first_line():
    text = ("Old Report Title\n\nOther text.\n\nAnna Kim, who fled in 2004, spoke first.\n\n"
            "\"I was sold for 585 dollars,\" she said.\n\nNext paragraph by Lee.")
    excerpts = (Excerpt(0, "x", "", "unknown", ""), Excerpt(text.index("Other"), "y", "", "unknown", ""))
    seed = Seed("s.txt", text, excerpts)
    start = text.index("I was sold")
    passages = passages_naming_the_producer(seed, start, start + 10)
    assert "Anna Kim" in passages and "585 dollars" in passages and "Other text." in passages
    assert "Old Report Title" not in passages and "Lee" not in passages


def test_a_reports_byline_under_its_title_may_name_the_producer_but_not_its_body():
    text = ("2020 Country Report\n\nBureau of Labor, 30 March 2021\n\nA long first paragraph of the body, naming "
            + "the Ministry of Truth " + "and going on " * 20 + ".\n\nMore text.\n\nWorkers worked 12 hours a day.")
    seed = Seed("s.txt", text, (Excerpt(0, "x", "", "unknown", ""),))
    start = text.index("Workers")
    passages = passages_naming_the_producer(seed, start, start + 10)
    assert "2020 Country Report" in passages and "Bureau of Labor" in passages
    assert "Ministry of Truth" not in passages  # a paragraph of the body is no byline
