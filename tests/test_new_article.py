"""Adding an article: the build succeeds, says what needs review, and drafts its annotations in
the shape the build accepts, so that reviewing is checking and cutting and pasting."""

import re
import shutil
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from nkestimates.catalogue import build
from nkestimates.drafts import guess_author, guess_headline, guess_outlet, write_drafts
from nkestimates.errors import InputError, NotebookError
from nkestimates.pipeline import run

from conftest import FIXTURES

ARTICLES = FIXTURES / "articles"
WORKED = "overseas-workers"  # the README's worked example


def quiet(_):
    pass


@pytest.mark.xdist_group("new-articles")  # one shared run, built by one worker
def test_new_articles_are_read_reported_and_drafted(new_articles_run):
    project, lines = new_articles_run
    mentions = pd.read_csv(project / "data/mentions.csv", dtype=str, keep_default_na=False)
    for article in ARTICLES.glob("*.txt"):
        unreviewed = mentions[(mentions.seed == article.name) & (mentions.status == "unreviewed")]
        assert f"    {len(unreviewed)} numbers in {article.name} need review" in lines
        draft_path = project / "data/annotations" / f"{article.stem}.draft.yaml"
        assert f"    draft annotations written to data/annotations/{article.stem}.draft.yaml" in lines
        draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
        assert draft["seed"] == article.name
        drafted = [m for entry in draft["estimates"] for m in entry["mentions"]] + draft["excluded"]
        assert Counter(str(item["number"]) for item in drafted) == Counter(unreviewed.text)
        text = " ".join(article.read_text(encoding="utf-8").split())
        for item in drafted:
            assert str(item["number"]) in item["quote"] and item["quote"] in text
    # the committed seeds are untouched, and nothing unreviewed reaches the charts
    committed = mentions[mentions.seed.str.match(r"^\d{3}_")]
    assert (committed.status != "unreviewed").all()
    drawn = pd.concat(pd.read_csv(p, dtype=str) for p in (project / "figures").glob("02-*.csv"))
    assert not set(drawn.seed) & {a.name for a in ARTICLES.glob("*.txt")}


@pytest.mark.xdist_group("new-articles")  # one shared run, built by one worker
def test_quotes_are_whole_words_and_entries_have_every_field(new_articles_run):
    project, _ = new_articles_run
    draft = yaml.safe_load((project / "data/annotations/survey-findings.draft.yaml").read_text(encoding="utf-8"))
    text = " " + " ".join((ARTICLES / "survey-findings.txt").read_text(encoding="utf-8").split()) + " "
    for entry in draft["estimates"]:
        assert {"id", "mentions", "value_low", "value_high", "qualifier", "unit", "measure", "population",
                "population_group", "geography", "year", "year_basis", "producer_as_written", "method",
                "claim_type"} <= set(entry)
        quote = entry["mentions"][0]["quote"]
        at = text.index(quote)
        assert not text[at - 1].isalnum() and not text[at + len(quote)].isalnum()  # never cut inside a word
    assert len({entry["id"] for entry in draft["estimates"]}) == len(draft["estimates"])


@pytest.mark.xdist_group("new-articles")  # one shared run, built by one worker
def test_draft_guesses_outlet_and_date_from_the_text(new_articles_run):
    project, _ = new_articles_run
    header = (project / "data/annotations/wire-copy.draft.yaml").read_text(encoding="utf-8")
    assert "#     outlet: Reuters" in header and "#     published: '2024-06-03'" in header
    assert "#     sha256: " in header and "# guess: the dateline" in header


@pytest.mark.parametrize("text, outlet, author", [
    ("Headline of the day here\n\nBy Min-ji Park, Staff Reporter\n\nAsia Labour Monitor, 18 September 2025\n",
     "Asia Labour Monitor", "Min-ji Park"),
    ("Some headline words here\n\nBy Jane Roe, The Korea Herald\n\nText.", "The Korea Herald", "Jane Roe"),
    ("By WITW Staff on May 22, 2019\n\nText.", "UNKNOWN - fill in", "WITW Staff"),
])
def test_a_byline_names_an_author_not_an_outlet(text, outlet, author):
    assert guess_outlet(text).value == outlet and guess_author(text) == author


@pytest.mark.parametrize("text, headline, site", [
    ("Skip to main content\n\nWomen sold across the border, report says | Daily NK\n\nText.",
     "Women sold across the border, report says", "Daily NK"),
    ("UCA News\n\nNorth Korean women trafficked into sex trade in China\n\nText.",
     "North Korean women trafficked into sex trade in China", "unknown"),
    ("SEOUL, June 3, 2024 (Reuters) – A long first paragraph that reads as a sentence.\n", "(no headline in the text)",
     "unknown"),
])
def test_a_headline_is_told_from_a_site_name(text, headline, site):
    found_headline, found_site = guess_headline(text)
    assert (found_headline.value, found_site.value) == (headline, site)


def _blocks(section: str) -> list[str]:
    """The entries of a draft's list, each with its comment line, as the text a person cuts."""
    blocks, current = [], []
    for line in section.splitlines():
        if line.startswith("  # ") and current:
            blocks.append("\n".join(current).strip("\n") + "\n")
            current = []
        if line.strip():
            current.append(line)
    return blocks + (["\n".join(current) + "\n"] if current else [])


def _sections(draft: str) -> tuple[str, list[str], list[str]]:
    header, body = draft.split("\nseed: ", 1)
    estimates, excluded = body.split("\nestimates:", 1)[1].split("\nexcluded:", 1)
    return header, _blocks(estimates), _blocks(excluded)


# What the reviewer writes in where the draft could not guess a measure (and the unit, where the
# measure is counted in another than the draft guessed); the other numbers without one fit no
# measure of the vocabulary, and the reviewer excludes them.
DECISIONS = {"less-than-200": ("worker_take_home_pay", "nk_overseas_workers"),
             "15000-rubles": ("worker_monthly_wage", "individual"),
             "some-20": ("host_countries", "nk_overseas_workers", "countries"),
             "1-2-2-3-billion": ("overseas_labour_revenue", "nk_overseas_workers")}


def _review(block: str) -> tuple[str, str]:
    """A person's review of one drafted estimate: keep it as drafted, fill in what the draft
    could not guess, or move it to `excluded:`. Returns the section and the text to paste."""
    entry = yaml.safe_load(block.replace("\n  ", "\n")[2:])[0]
    filled = {"population_group: ''": "population_group: nk_overseas_workers",
              "population: ''": "population: North Korean workers abroad", "geography: ''": "geography: Russia and China"}
    for empty, answer in filled.items():  # what the draft could not guess
        block = block.replace(empty, answer)
    if entry["measure"]:  # a person would also correct the guesses; the build takes them as they are
        return "estimates", block
    decision = DECISIONS.get(entry["id"].removeprefix(f"{WORKED}-"), "narrative_detail")
    if isinstance(decision, tuple):
        measure, group, *unit = decision
        block = re.sub(r"(?m)^(  +unit: ).*$", rf"\g<1>{unit[0]}", block) if unit else block
        return "estimates", block.replace("measure: ''", f"measure: {measure}").replace(
            "population_group: nk_overseas_workers", f"population_group: {group}")
    item = entry["mentions"][0]
    return "excluded", yaml.safe_dump([{"quote": item["quote"], "number": str(item["number"]), "reason": decision}],
                                      allow_unicode=True, width=1000).replace("- ", "  - ", 1).replace("\n  ", "\n    ")


def _mention(block: str) -> tuple[str, str]:
    entry = yaml.safe_load(block.replace("\n  ", "\n")[2:])[0]
    item = entry["mentions"][0] if "mentions" in entry else entry
    return item["quote"], str(item["number"])


def _paste(annotation: list[str], section: str, text: str) -> None:
    annotation.insert(annotation.index(f"{section}:") + 1, text.rstrip("\n"))


def test_worked_example_goes_from_draft_to_reviewed_file_by_cut_and_paste(project):
    shutil.copy(ARTICLES / f"{WORKED}.txt", project / "seeds")
    params, annotations = project / "params/default.yaml", project / "data/annotations"
    run(params, only=["01"], root=project, progress=quiet)
    header, estimates, excluded = _sections((annotations / f"{WORKED}.draft.yaml").read_text(encoding="utf-8"))
    assert len(estimates) + len(excluded) >= 20
    entry_lines = header.split("# manifest entry")[1].splitlines()
    manifest = "\n".join(line[4:] for line in entry_lines if line.startswith("#   "))
    assert "outlet: Asia Labour Monitor" in manifest and "headline: North Korean workers abroad" in manifest
    with open(project / "seeds/manifest.yaml", "a", encoding="utf-8") as out:
        out.write(manifest + "\n")
    # first half now: the rest stays unreviewed and gets a draft of its own
    annotation = [f"seed: {WORKED}.txt", "estimates:", "excluded:"]
    half = len(estimates) // 2
    for block in estimates[:half]:
        _paste(annotation, *_review(block))
    (annotations / f"{WORKED}.yaml").write_text("\n".join(annotation) + "\n", encoding="utf-8")
    lines = []
    run(params, only=["01"], root=project, progress=lines.append)
    left = len(estimates) - half + len(excluded)
    assert f"    {left} numbers in {WORKED}.txt need review" in lines
    _, estimates_left, excluded_left = _sections((annotations / f"{WORKED}.draft.yaml").read_text(encoding="utf-8"))
    # the same numbers and quotes (the guesses may improve: they learn from the reviewed half)
    assert [_mention(b) for b in estimates_left + excluded_left] == [_mention(b) for b in estimates[half:] + excluded]
    for block in estimates_left:
        _paste(annotation, *_review(block))
    for block in excluded_left:
        _paste(annotation, "excluded", block)
    (annotations / f"{WORKED}.yaml").write_text("\n".join(annotation) + "\n", encoding="utf-8")
    lines = []
    run(params, only=["01"], root=project, progress=lines.append)
    assert not [line for line in lines if "need review" in line]
    assert f"    every number in {WORKED}.txt is reviewed: its draft is removed" in lines
    assert not (annotations / f"{WORKED}.draft.yaml").exists()
    mentions = pd.read_csv(project / "data/mentions.csv", dtype=str, keep_default_na=False)
    mine = mentions[mentions.seed == f"{WORKED}.txt"]
    assert len(mine[mine.status == "estimate"]) >= 15 and not (mine.status == "unreviewed").any()


def test_annotated_article_missing_from_manifest_is_an_error(project):
    shutil.copy(ARTICLES / "wire-copy.txt", project / "seeds")
    (project / "data/annotations/wire-copy.yaml").write_text("seed: wire-copy.txt\nestimates: []\n")
    with pytest.raises(InputError, match="annotated but not in the manifest"):  # checked before the run
        run(project / "params/default.yaml", only=["01"], root=project, progress=quiet)


def test_a_set_other_than_default_writes_its_drafts_under_build(project):
    shutil.copy(ARTICLES / f"{WORKED}.txt", project / "seeds")
    other = project / "params/other.yaml"
    other.write_text((project / "params/default.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    lines = []
    run(other, only=["01"], root=project, progress=lines.append)
    assert (project / f"build/other/data/annotations/{WORKED}.draft.yaml").is_file()
    assert f"    draft annotations written to build/other/data/annotations/{WORKED}.draft.yaml" in lines
    assert not list((project / "data/annotations").glob("*.draft.yaml"))  # the inputs people edit are untouched



def _redraft(project) -> Path:
    """The draft of the worked example, written as notebook 01 writes it (the package called directly)."""
    annotations = project / "data/annotations"
    [path], _ = write_drafts(build(project / "seeds", annotations, project / "data/registry"), project / "seeds",
                             annotations)
    return path


def _drafted(project) -> tuple[Path, str, list[str], list[str]]:
    """The worked example added and drafted: its draft, the draft's text, estimate and excluded entries."""
    shutil.copy(ARTICLES / f"{WORKED}.txt", project / "seeds")
    path = _redraft(project)
    text = path.read_text(encoding="utf-8")
    _, estimates, excluded = _sections(text)
    return path, text, estimates, excluded


def _changed_geography(block: str) -> str:
    """The entry in block as a person corrects it in the draft."""
    changed = re.sub(r"(?m)^(    geography: ).*$", r"\1Russia and China", block)
    assert changed != block
    return changed


def _line_of(text: str, block: str) -> int:
    """The line of the entry in block (after its comment) in text."""
    return text[:text.index(block)].count("\n") + 2


def test_an_entry_changed_in_the_draft_stops_the_build_rather_than_being_lost(project):
    path, drafted, estimates, excluded = _drafted(project)
    changed = _changed_geography(estimates[1])
    moved = excluded[0].replace("reason: label", "reason: narrative_detail")
    edited = drafted.replace(estimates[1], changed).replace(excluded[0], moved)
    assert moved != excluded[0]
    path.write_text(edited, encoding="utf-8")
    with pytest.raises(NotebookError) as refused:  # the draft is rewritten only when an input changed
        run(project / "params/default.yaml", only=["01"], root=project, progress=quiet)
    for block, key in ((changed, "estimates"), (moved, "excluded")):
        assert (f"data/annotations/{WORKED}.draft.yaml:{_line_of(edited, block)}: an entry under '{key}' was changed "
                f"here") in str(refused.value)
    assert f"Cut it into {WORKED}.yaml beside it" in str(refused.value)
    assert path.read_text(encoding="utf-8") == edited  # the person's work is as they left it
    # a changed entry deleted from the draft is drafted again; one only written another way is no change
    reformatted = excluded[0].replace("    number: third", "    number: 'third'")
    assert reformatted != excluded[0]
    path.write_text(edited.replace(changed, "").replace(moved, reformatted), encoding="utf-8")
    assert _redraft(project).read_text(encoding="utf-8") == drafted


def test_a_changed_entry_already_copied_into_the_annotations_is_not_kept_in_the_draft(project):
    path, drafted, estimates, _ = _drafted(project)
    header = drafted.split("# manifest entry")[1].splitlines()
    with open(project / "seeds/manifest.yaml", "a", encoding="utf-8") as out:
        out.write("\n".join(line[4:] for line in header if line.startswith("#   ")) + "\n")
    reviewed = _changed_geography(estimates[1])
    path.write_text(drafted.replace(estimates[1], reviewed), encoding="utf-8")  # changed in the draft, then copied
    (project / "data/annotations" / f"{WORKED}.yaml").write_text(
        f"seed: {WORKED}.txt\nestimates:\n{reviewed}excluded: []\n", encoding="utf-8")
    assert _mention(estimates[1]) not in [_mention(b) for b in _sections(_redraft(project).read_text("utf-8"))[1]]


def test_a_draft_the_build_cannot_read_stops_it(project):
    path, drafted, _, _ = _drafted(project)
    path.write_text(drafted.replace("estimates:\n", "estimates:\n  - [\n", 1), encoding="utf-8")
    with pytest.raises(InputError, match=rf"data/annotations/{WORKED}\.draft\.yaml:\d+: malformed YAML"):
        _redraft(project)


def test_another_parameter_set_keeps_to_its_own_drafts(project):
    path, drafted, estimates, _ = _drafted(project)
    changed = _changed_geography(estimates[1])
    edited = drafted.replace(estimates[1], changed)
    path.write_text(edited, encoding="utf-8")
    own = project / f"build/other/data/annotations/{WORKED}.draft.yaml"
    own.parent.mkdir(parents=True)
    own.write_text(edited, encoding="utf-8")
    other = project / "params/other.yaml"
    other.write_text((project / "params/default.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(NotebookError) as refused:
        run(other, only=["01"], root=project, progress=quiet)
    assert f"build/other/data/annotations/{WORKED}.draft.yaml:{_line_of(edited, changed)}" in str(refused.value)
    assert str(refused.value).count("an entry under") == 1  # not for the default set's draft, which it never writes
