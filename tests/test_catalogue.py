"""The committed tables: complete, traceable to the seeds, and reproduced by a fresh build."""

import csv
import hashlib
import json

import frictionless
import pandas as pd
import pytest
import yaml

from nkestimates.numbers import format_value
from nkestimates.datapackage import vocabulary_table
from nkestimates.mentions import find_mentions
from nkestimates.seeds import load_manifest

from conftest import ANNOTATIONS, ROOT, SEEDS

DATA = ROOT / "data"


def read(name):
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


def seed_text(name):
    return (SEEDS / name).read_bytes().decode("utf-8")


def test_seeds_match_their_checksums():
    manifest = load_manifest(SEEDS)
    assert sorted(manifest) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for name, entry in manifest.items():
        assert hashlib.sha256((SEEDS / name).read_bytes()).hexdigest() == entry["sha256"], name


def test_every_quote_and_number_is_at_its_offsets():
    for row in read("estimates.csv").itertuples():
        text = seed_text(row.seed)
        assert text[int(row.start):int(row.end)] == row.quote
        assert text[int(row.number_start):int(row.number_end)] == row.number
        assert int(row.start) <= int(row.number_start) < int(row.number_end) <= int(row.end)


def test_an_exclusion_note_reaches_the_mentions_table():
    mentions = pd.read_csv(ROOT / "data/mentions.csv", dtype=str, keep_default_na=False)
    notes = [entry["note"] for path in (ROOT / "data/annotations").glob("*.yaml")
             for entry in yaml.safe_load(path.read_text(encoding="utf-8")).get("excluded") or [] if entry.get("note")]
    assert notes and sorted(mentions.note[mentions.note != ""]) == sorted(" ".join(n.split()) for n in notes)
    assert (mentions.note[mentions.status != "excluded"] == "").all()


def test_every_mention_is_dispositioned_and_none_unreviewed():
    mentions = read("mentions.csv")
    assert set(mentions.status) <= {"estimate", "excluded"}
    assert (mentions[mentions.status == "excluded"].reason != "").all()
    assert (mentions[mentions.status == "estimate"].estimate_id != "").all()


def test_mentions_table_holds_every_number_the_detector_finds():
    mentions = read("mentions.csv")
    for path in SEEDS.glob("*.txt"):
        found = [(m.start, m.text) for m in find_mentions(seed_text(path.name))]
        listed = mentions[mentions.seed == path.name]
        assert found == list(zip(listed.start.astype(int), listed.text))


def overridden_estimates() -> set[str]:
    """Ids of the estimates whose annotation gives a value_override (with its reason)."""
    ids = set()
    for path in ANNOTATIONS.glob("*.yaml"):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("estimates") or []:
            if entry.get("value_override") or any(m.get("value_override") for m in entry["mentions"]):
                ids.add(entry["id"])
    return ids


def test_estimate_values_agree_with_the_parsed_mention_unless_overridden_with_a_reason():
    mentions = read("mentions.csv").set_index(["seed", "start"])
    overridden = overridden_estimates()
    for row in read("estimates.csv").itertuples():
        parsed = mentions.loc[(row.seed, row.number_start)]
        assert parsed.status == "estimate" and parsed.estimate_id == row.estimate_id
        if row.estimate_id not in overridden:
            assert (row.value_low, row.value_high) == (parsed.value_low, parsed.value_high), row.estimate_id


def test_bounds_leave_the_open_side_empty():
    estimates = read("estimates.csv")
    assert (estimates[estimates.qualifier.isin(["more_than", "at_least"])].value_high == "").all()
    assert (estimates[estimates.qualifier.isin(["up_to", "less_than"])].value_low == "").all()
    points = estimates[(estimates.value_low != "") & (estimates.value_high != "")]
    assert (points.value_low.astype(float) <= points.value_high.astype(float)).all()


def test_percentages_are_in_percent():
    estimates = read("estimates.csv")
    shares = estimates[estimates.unit == "percent"]
    values = pd.to_numeric(pd.concat([shares.value_low, shares.value_high]), errors="coerce").dropna()
    assert (values > 1).all() and (values <= 100).all()


def test_vocabulary_terms_are_valid(catalogue):
    vocabulary = catalogue.registry.vocabularies
    estimates = read("estimates.csv")
    for column in ("measure", "population_group", "year_basis", "method", "claim_type", "unit"):
        assert set(estimates[column]) <= set(vocabulary[column]), column
    flags = {f for value in estimates["flags"] for f in value.split(";") if f}
    assert flags <= set(vocabulary["flag"])


def test_data_dictionary_describes_every_column_and_validates():
    package = json.loads((DATA / "datapackage.json").read_text())
    for resource in package["resources"]:
        with open(DATA / resource["path"], newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle))
        assert [f["name"] for f in resource["schema"]["fields"]] == header
        assert all(f["description"] for f in resource["schema"]["fields"])
    assert frictionless.validate(DATA / "datapackage.json").valid


def test_committed_tables_equal_a_fresh_build(catalogue):
    assert catalogue.estimates.to_csv(index=False, lineterminator="\n") == (DATA / "estimates.csv").read_text()
    assert catalogue.mentions.to_csv(index=False, lineterminator="\n") == (DATA / "mentions.csv").read_text()
    assert vocabulary_table(catalogue).to_csv(index=False, lineterminator="\n") == (DATA / "vocabulary.csv").read_text()


def test_compilation_rows_carry_the_excerpts_outlet_and_date():
    estimates = read("estimates.csv").set_index("estimate_id")
    assert estimates.loc["s003-voa-2012-camps-200000", ["outlet", "published"]].tolist() == [
        "Voice of America", "2012-08-09"]
    assert estimates.loc["s003-globe-2004-camps-200000", "outlet"] == "The Boston Globe"


def test_one_figure_printed_twice_is_one_estimate_with_two_rows():
    estimates = read("estimates.csv")
    rows = estimates[estimates.estimate_id == "s002-grc-share-70-80"]
    assert len(rows) == 2 and rows.start.nunique() == 2


def test_every_flag_names_the_registry_fact_behind_it(catalogue):
    facts = catalogue.registry.facts
    for row in read("estimates.csv").itertuples():
        flags = [f for f in row.flags.split(";") if f]
        evidence = dict(item.split("=") for item in row.flag_evidence.split(";") if item)
        assert sorted(evidence) == sorted(flags), row.estimate_id
        for flag, fact in evidence.items():
            assert fact == "quote" or flag in facts[fact]["supports"], (row.estimate_id, flag)


def test_years_and_sample_sizes_follow_their_rules():
    estimates = read("estimates.csv")
    assert ((estimates.year == "") == (estimates.year_basis == "unknown")).all()
    assert (estimates.fact_check != "").all()


def test_known_discrepancies_are_flagged():
    flags = read("estimates.csv").drop_duplicates("estimate_id").set_index("estimate_id")["flags"].str.split(";")
    assert {"re_dated", "qualifier_changed"} <= set(flags["s000-kfi-share-over-60"])
    assert "wrong_ordinal" in flags["s001-tier3-nineteenth-year"]
    assert "scope_misdescribed" in flags["s002-nkdb-thousands-of-women"]
    assert "population_reworded" in flags["s003-globe-2004-annual-death-rate"]
    assert "producer_misnamed" in flags["s004-kfi-share-60"]


@pytest.mark.parametrize("value, text", [(60.0, "60"), (74.6, "74.6"), (None, ""), (2.3e9, "2300000000"),
                                         (100 / 3, "33.333333")])
def test_format_value(value, text):
    assert format_value(value) == text
