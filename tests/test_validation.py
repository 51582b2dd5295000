"""Bad input of every kind: each problem named with its file and line (or parameter) and what to
do, every problem of a run at once, and no published output changed."""

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from nkestimates.annotations import closest_passage, load_annotation, locate_quote
from nkestimates.errors import InputError, NotebookError
from nkestimates.mentions import find_mentions
from nkestimates.pipeline import check, execute, run
from nkestimates.registry import load_registry
from nkestimates.schema import FIELD_NAMES

from conftest import REGISTRY, ROOT, SEEDS

ANSWERS = "notebooks/answers/04-tracing-the-claims.yaml"
ANNOTATION = "data/annotations/004_5d75bbe7d8ec6f52.yaml"
SEED = "seeds/004_5d75bbe7d8ec6f52.txt"
MANIFEST = "seeds/manifest.yaml"
OUTPUT_FOLDERS = ("data", "figures", "notebooks/executed")


def snapshot(project: Path) -> dict:
    """The published outputs (not the inputs under data/, not a failed notebook kept for reading)."""
    return {path: path.read_bytes() for folder in OUTPUT_FOLDERS for path in sorted((project / folder).rglob("*"))
            if path.is_file() and not {"annotations", "registry"} & set(path.parts)
            and not path.name.endswith(".failed.ipynb")}


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / name
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(project: Path, name: str, text: str) -> int:
    lines = (project / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b]\n"
DATA_LINE = "    value_high: 200000\n"  # a line of the 004 annotation's second estimate

# name: (how to break a copy of the project, file, text on the line named (None: no line), message)
def insert_nul(project: Path) -> None:
    """A NUL byte inside seed 004's first line, with the manifest's checksum updated to match."""
    import hashlib

    seed = project / SEED
    old = hashlib.sha256(seed.read_bytes()).hexdigest()
    seed.write_bytes(seed.read_bytes().replace(b"Thousands", b"Thou\x00sands", 1))
    edit(project, MANIFEST, old, hashlib.sha256(seed.read_bytes()).hexdigest())


BAD_INPUTS = {
    "empty required field": (lambda p: edit(p, ANNOTATION, "    geography: China", '    geography: ""'),
                             ANNOTATION, 'geography: ""', "'geography' is empty"),
    "unknown vocabulary in the column documentation": (
        lambda p: edit(p, "data/registry/columns.yaml", "vocabulary: method,", "vocabulary: methods,"),
        "data/registry/columns.yaml", "vocabulary: methods,", "names an unknown vocabulary 'methods'"),
    "misspelt field": (lambda p: edit(p, ANNOTATION, "    measure: nk_refugees_in_china", "    measure: nk_refugees_in_china\n    publicaton: kfi_2019"),
                       ANNOTATION, "publicaton:", "unknown field 'publicaton'. Did you mean 'publication'?"),
    "duplicate key": (lambda p: edit(p, ANNOTATION, DATA_LINE, DATA_LINE + "    value_high: 250000\n"),
                      ANNOTATION, "value_high: 250000", "duplicate key 'value_high'"),
    "second estimates block": (lambda p: edit(p, ANNOTATION, "excluded:", "estimates: []\nexcluded:"),
                               ANNOTATION, "estimates: []", "duplicate key 'estimates'"),
    "unit the measure is not counted in": (
        lambda p: edit(p, ANNOTATION, DATA_LINE + "    qualifier: up_to\n    unit: people", DATA_LINE + "    qualifier: up_to\n    unit: percent"),
        ANNOTATION, "as many as 200,000 North Koreans", "unit 'percent' is not one measure 'nk_refugees_in_china' is counted in (people)"),
    "a printing's unit not in the vocabulary": (
        lambda p: edit(p, ANNOTATION, '      - quote: "estimated that as many as 200,000 North Koreans are living as refugees in China"',
                       '      - quote: "estimated that as many as 200,000 North Koreans are living as refugees in China"\n        unit: furlongs'),
        ANNOTATION, "as many as 200,000 North Koreans", "unknown unit 'furlongs'"),
    "offset not a number": (lambda p: edit(p, ANNOTATION, "    reason: narrative_detail",
                                           "    reason: narrative_detail\n    offset: \"abc\""),
                            ANNOTATION, "offset:", "'offset' should be a whole number, got 'abc'"),
    "value in words": (lambda p: edit(p, ANNOTATION, DATA_LINE, "    value_high: two hundred thousand\n"),
                       ANNOTATION, "two hundred thousand", "'value_high' should be a number"),
    "string for an entry": (lambda p: edit(p, ANNOTATION, "excluded:\n", "excluded:\n  - just a quote\n"),
                            ANNOTATION, "just a quote", "item 1 of 'excluded' should be a mapping of fields"),
    "missing starts_with": (lambda p: edit(p, MANIFEST, "    - starts_with: \"CAUTION:\"\n", "    - \n"),
                            MANIFEST, None, "lacks 'starts_with'"),
    "excerpt start printed twice": (lambda p: edit(p, MANIFEST, '- starts_with: "CAUTION:"', '- starts_with: "North Korea"'),
                                    MANIFEST, 'starts_with: "North Korea"', "is printed more than once"),
    "fact about an unknown producer": (lambda p: edit(p, "data/registry/facts.yaml", "  producer: korea_future", "  producer: no_such_producer"),
                                       "data/registry/facts.yaml", None, "unknown producer 'no_such_producer'"),
    "fact about two things": (lambda p: edit(p, "data/registry/facts.yaml", "  producer: korea_future",
                                             "  producer: korea_future\n  estimates: [s004-kfi-refugees-up-to-200000]"),
                              "data/registry/facts.yaml", None, "concerns producer and estimates"),
    "a number annotated twice": (lambda p: edit(p, ANNOTATION, "    reason: label\n", "    reason: label\n  - quote: "
                                                "\"The one-child policy in China\"  # again\n    reason: narrative_detail\n"),
                                 ANNOTATION, "# again", "is annotated twice (also on line 81)"),
    "a control character in the manifest": (lambda p: edit(p, MANIFEST, "  outlet: UCA News", '  outlet: "UCA\\x1bNews"'),
                                            MANIFEST, 'outlet: "UCA', "the text holds the control character '\\x1b'"),
    "a carriage return in the manifest": (lambda p: edit(p, MANIFEST, "  outlet: UCA News", '  outlet: "UCA\\rNews"'),
                                          MANIFEST, 'outlet: "UCA', "the text holds the control character '\\r'"),
    "an estimate without a value": (lambda p: edit(p, ANNOTATION, DATA_LINE, "    value_high: null\n    value_override: kept\n"),
                                    ANNOTATION, "as many as 200,000 North Koreans",
                                    "value_low and value_high are both empty"),
    "a blank outlet": (lambda p: edit(p, MANIFEST, "  outlet: UCA News", '  outlet: " "'), MANIFEST, 'outlet: " "',
                       "is blank"),
    "an unknown date basis with a date": (
        lambda p: edit(p, MANIFEST, '  published: "2023-03-28"\n  date_basis: stated', '  published: "2023-03-28"\n'
                       "  date_basis: unknown"), MANIFEST, "- file: 002_", "date_basis is 'unknown' but 'published' gives"),
    "an excerpt dated after its page": (lambda p: edit(p, MANIFEST, 'published: "2009-06"', 'published: "2031-06"'),
                                        MANIFEST, None, "excerpts dated 2031-06, after the page that prints them"),
    "an entry for no measure": (lambda p: edit(p, "data/registry/vocabularies.yaml", "  nk_refugees_in_china: nk_defectors_in_china",
                                               "  nk_refugees_in_china: nk_defectors_in_china\n  nk_refugee_in_china: nk_defectors_in_china"),
                                "data/registry/vocabularies.yaml", "nk_refugee_in_china:",
                                "measure_population_group has an entry for 'nk_refugee_in_china', which is no measure"),
    "a group the vocabulary lacks": (
        lambda p: edit(p, "data/registry/vocabularies.yaml", "  nk_refugees_in_china: nk_defectors_in_china",
                       "  nk_refugees_in_china: nk_defectors_in_chinaa"),
        "data/registry/vocabularies.yaml", "nk_defectors_in_chinaa", "names 'nk_defectors_in_chinaa', which vocabulary"),
    "a flag given twice": (lambda p: edit(p, ANNOTATION, "    flags: [attribution_unconfirmed]",
                                          "    flags: [attribution_unconfirmed, attribution_unconfirmed]"),
                           ANNOTATION, "flags: [attribution_unconfirmed, attribution_unconfirmed]",
                           "names ['attribution_unconfirmed'] more than once"),
    "a context bound without its value": (
        lambda p: edit(p, "data/registry/context.yaml", "value_low: 64, value_high: 64, qualifier: \"\"",
                       "value_low: null, value_high: 64, qualifier: more_than"),
        "data/registry/context.yaml", "qualifier: more_than", "qualifier 'more_than' bounds a figure, but value_low is empty"),
    "an address without a host": (lambda p: edit(p, "data/registry/context.yaml", '"https://docslib.org/doc/10320102/north-korean-migrants-in-china", "https://providencemag',
                                                 '"https://", "https://providencemag'),
                                  "data/registry/context.yaml", '"https://", ', "is not an http(s) address"),
    "a term the build writes removed": (lambda p: edit(p, "data/registry/vocabularies.yaml", "\n  unreviewed:", "\n  unreviewd:"),
                                        "data/registry/vocabularies.yaml", "status:", "vocabulary 'status' lacks 'unreviewed'"),
    "a column left undocumented": (lambda p: edit(p, "data/registry/columns.yaml", "    - {name: note, description:",
                                                  "    - {name: notes_moved, description:"),
                                   "data/registry/columns.yaml", None, "the columns documented for mentions"),
    "impossible date": (lambda p: edit(p, MANIFEST, 'published: "2023-03-28"', "published: 2023-13-45"),
                        MANIFEST, "2023-13-45", "'2023-13-45' is not a real date"),
    "inverted values under value_override": (
        lambda p: edit(p, "data/annotations/002_37d71dc0addc464f.yaml", "value_high: 999999999", "value_high: 100"),
        "data/annotations/002_37d71dc0addc464f.yaml", None, "value_low 2e+06 is greater than value_high 100"),
    "infinite value": (lambda p: edit(p, ANNOTATION, DATA_LINE, "    value_high: .inf\n"),
                       ANNOTATION, ".inf", "'value_high' must be a finite number"),
    "overflowing value": (lambda p: edit(p, ANNOTATION, DATA_LINE, "    value_high: 1.0e+400\n"),
                          ANNOTATION, "1.0e+400", "'value_high' must be a finite number"),
    "not a number": (lambda p: edit(p, ANNOTATION, DATA_LINE, "    value_high: .nan\n"),
                     ANNOTATION, ".nan", "'value_high' must be a finite number"),
    "second manifest entry": (lambda p: edit(p, MANIFEST, "- file: 001_7af18c4dca68cfdb.txt", "- file: 000_66e3012caa50f2b4.txt  # copied"),
                              MANIFEST, "# copied", "a second entry for 000_66e3012caa50f2b4.txt"),
    "renamed vocabulary": (lambda p: edit(p, "data/registry/vocabularies.yaml", "\nmeasure:\n", "\nmeasures:\n"),
                           "data/registry/vocabularies.yaml", None, "vocabularies ['measure'] are missing"),
    "renamed answer key": (lambda p: edit(p, "notebooks/answers/04-tracing-the-claims.yaml", "sixty-percent:", "sixty-per-cent:"),
                           "notebooks/answers/04-tracing-the-claims.yaml", None, "answers ['sixty-percent'] are missing"),
    "empty answer": (lambda p: (p / ANSWERS).write_text(yaml.safe_dump(
                         {**yaml.safe_load((p / ANSWERS).read_text()), "undated-articles": "  "})),
                     "notebooks/answers/04-tracing-the-claims.yaml", None, "answers ['undated-articles'] are empty"),
    "impossible publication date": (lambda p: edit(p, "data/registry/sources.yaml", 'date_published: "2019-05-20"', 'date_published: "2019-02-30"'),
                                    "data/registry/sources.yaml", "2019-02-30", "is not a real date"),
    "context value not finite": (lambda p: edit(p, "data/registry/context.yaml", "value_low: 64,", "value_low: .inf,"),
                                 "data/registry/context.yaml", ".inf", "must be a finite number"),
    "unknown column field": (lambda p: edit(p, "data/registry/columns.yaml", "title:", "titel: x\ntitle:"),
                             "data/registry/columns.yaml", "titel", "unknown field 'titel'"),
    "alias bomb in an annotation": (lambda p: (p / ANNOTATION).write_text(BOMB), ANNOTATION, "*a", "an alias (*name) is not allowed"),
    "alias bomb in the registry": (lambda p: (p / "data/registry/sources.yaml").write_text(BOMB),
                                   "data/registry/sources.yaml", "*a", "an alias (*name) is not allowed"),
    "huge annotation": (lambda p: (p / ANNOTATION).write_text("# " + "x" * 3_000_000), ANNOTATION, None, "larger than"),
    "nesting bomb in an annotation": (lambda p: (p / ANNOTATION).write_text("x: " + "[" * 200_000 + "]" * 200_000),
                                      ANNOTATION, None, "nested more than 100 levels deep"),
    "annotation renamed to .yml": (lambda p: (p / ANNOTATION).rename(p / ANNOTATION.replace(".yaml", ".yml")),
                                   ANNOTATION.replace(".yaml", ".yml"), None,
                                   f"is never read: annotations are files named <seed>.yaml. Rename it to "
                                   f"{Path(ANNOTATION).name}"),
    "notes among the annotations": (lambda p: (p / "data/annotations/notes.txt").write_text("to do"),
                                    "data/annotations/notes.txt", None, "Rename it to <seed>.yaml, after the seed"),
    "folder among the annotations": (lambda p: (p / "data/annotations/old").mkdir(), "data/annotations/old", None,
                                     "is a folder, never read"),
    "annotation without its seed": (lambda p: (p / ANNOTATION).rename(p / "data/annotations/005_gone.yaml"),
                                    "data/annotations/005_gone.yaml", None, "annotates 005_gone.txt, which is not in the seeds folder"),
    "deleted seed": (lambda p: (p / SEED).unlink(), MANIFEST, "- file: 004_5d75bbe7d8ec6f52.txt",
                     "lists 004_5d75bbe7d8ec6f52.txt, which is not in the seeds folder"),
    "a NUL byte in a seed": (insert_nul, SEED, "Thou", "holds the control character '\\x00' (not text)"),
    "other file in seeds": (lambda p: (p / "seeds/notes.md").write_text("notes"), "seeds/notes.md", None, "is never read"),
    "hidden article in seeds": (lambda p: (p / "seeds/.new.txt").write_text("Some 300 women."), "seeds/.new.txt", None,
                                "is a hidden file, so it is never read as an article"),
    "second sources file in the registry": (lambda p: (p / "data/registry/sources2.yaml").write_text("producers: []\n"),
                                            "data/registry/sources2.yaml", None, "is never read"),
    "folder in seeds": (lambda p: (p / "seeds/more.txt").mkdir(), "seeds/more.txt", None, "is not a readable file"),
    "symlink loop in seeds": (lambda p: (p / "seeds/loop.txt").symlink_to(p / "seeds/loop.txt"), "seeds/loop.txt", None,
                              "is not a readable file"),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_is_named_with_file_and_line_and_outputs_stay(project, name):
    breaks, file, text, message = BAD_INPUTS[name]
    breaks(project)
    before = snapshot(project)
    with pytest.raises(InputError) as error:
        run(project / "params/default.yaml", root=project, progress=lambda _: None)
    lines = [line for line in str(error.value).splitlines() if message in line]
    assert lines, str(error.value)
    where = f"{project / file}:{line_of(project, file, text)}:" if text else f"{project / file}"
    assert lines[0].startswith(where), (lines[0], where)
    assert len(lines[0]) < 400
    assert snapshot(project) == before


def test_every_error_is_listed_at_once(project):
    for name in ("misspelt field", "impossible date", "renamed answer key", "other file in seeds"):
        BAD_INPUTS[name][0](project)
    with pytest.raises(InputError) as error:
        check(project / "params/default.yaml", root=project)
    lines = str(error.value).splitlines()
    for name in ("misspelt field", "impossible date", "renamed answer key", "other file in seeds"):
        assert any(BAD_INPUTS[name][3] in line for line in lines), name


def test_estimates_check_lists_every_error_on_its_own_line(project, monkeypatch, capsys):
    from nkestimates.cli import main

    for name in ("misspelt field", "other file in seeds"):
        BAD_INPUTS[name][0](project)
    monkeypatch.chdir(project)
    assert main(["check"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert lines[0].startswith("error: seeds/notes.md: is never read")
    assert lines[1].startswith(f"error: {ANNOTATION}:{line_of(project, ANNOTATION, 'publicaton')}: unknown field")


def test_estimates_check_passes_on_the_project(monkeypatch, capsys):
    from nkestimates.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["check"]) == 0 and capsys.readouterr().out.startswith("ok:")


def test_a_new_article_without_annotation_is_allowed(project):
    (project / "seeds/005_new.txt").write_text("Some 5,000 people fled.\n", encoding="utf-8")
    check(project / "params/default.yaml", root=project)


BAD_PARAMS = {
    "year_min after year_max": ({"year_min": 2031, "year_max": 2030}, "year_min", "is after year_max"),
    "unknown measure": ({"measures": ["refugees"]}, "measures", "['refugees'] not known"),
    "measure not a name": ({"measures": [["a"]]}, "measures", "[['a']] not known"),
    "format not a name": ({"formats": [{"svg": 1}]}, "formats", "not known"),
    "unknown format": ({"formats": ["jpg"]}, "formats", "['jpg'] not known"),
    "unknown style": ({"style": "poster"}, "style", "['poster'] not known"),
    "no format": ({"formats": []}, "formats", "lacks png: the report and the notebooks show every figure"),
    "no png": ({"formats": ["svg"]}, "formats", "lacks png"),
    "a format twice": ({"formats": ["svg", "svg"]}, "formats", "names ['svg'] more than once"),
    "a print width in the web style": ({"print_widths": {"one_column": 3.4}}, "print_widths",
                                       "is read by the print style only, and style is 'web'"),
    "a print width out of range": ({"style": "print", "print_widths": {"one_column": -3}}, "print_widths",
                                   "'one_column: -3' is not a column width"),
    "a print width misnamed": ({"style": "print", "print_widths": {"one_col": 2.0}}, "print_widths",
                               "'one_col: 2.0' is not a column width"),
    "ill-typed year": ({"year_min": "1990"}, "year_min", "should be int"),
    "unknown parameter": ({"year_mn": 1990}, "year_mn", "unknown parameter"),
    "no seeds folder": ({"seeds_dir": "nowhere"}, "seeds_dir", "folder 'nowhere' not found. Create it"),
    "a registry that is a file": ({"registry_dir": "seeds/manifest.yaml"}, "registry_dir",
                                  "'seeds/manifest.yaml' is not a folder"),
    "no answers file": ({"answers_path": "nowhere.yaml"}, "answers_path", "file 'nowhere.yaml' not found"),
    "answers that are a folder": ({"answers_path": "seeds"}, "answers_path", "'seeds' is not a file"),
}


@pytest.mark.parametrize("name", BAD_PARAMS)
def test_bad_parameter_values_name_the_parameter(project, name):
    values, parameter, message = BAD_PARAMS[name]
    path = project / "params/test.yaml"
    path.write_text(yaml.safe_dump({**yaml.safe_load((ROOT / "params/default.yaml").read_text()), **values}))
    before = snapshot(project)
    with pytest.raises(InputError, match=re.escape(message)) as error:
        run(path, root=project, progress=lambda _: None)
    assert f"'{parameter}'" in str(error.value) and str(error.value).startswith(str(path))
    assert snapshot(project) == before


@pytest.mark.parametrize("values, message", [
    ({"answers_path": "nowhere.yaml"}, "parameter 'answers_path': file 'nowhere.yaml' not found"),
    ({"figures_dir": "seeds"}, "parameter 'figures_dir': folder 'seeds' is inside an input folder"),
])
def test_a_variants_bad_value_is_named_on_its_own_line(project, values, message):
    params = yaml.safe_load((ROOT / "params/default.yaml").read_text())
    params["variants"]["04"]["teacher"].update(values)
    path = project / "params/test.yaml"
    path.write_text(yaml.safe_dump(params, sort_keys=False))
    lines = path.read_text().splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.strip() == yaml.safe_dump(values).strip())
    assert lines[line - 2].strip() in ("teacher:", "version: teacher")  # the teacher's, not the top-level one
    with pytest.raises(InputError, match=f"^{re.escape(f'{path}:{line}: {message}')}"):
        run(path, only=["04"], root=project, progress=lambda _: None)


def test_alias_bomb_in_parameters(project):
    path = project / "params/test.yaml"
    path.write_text(BOMB)
    with pytest.raises(InputError, match=r"test.yaml:2: an alias \(\*name\) is not allowed"):
        run(path, root=project, progress=lambda _: None)


def test_a_long_quote_with_a_typo_gets_a_short_message_showing_where_it_parts():
    text = (SEEDS / "003_bbd5d6720fae4efe.txt").read_text(encoding="utf-8")
    words = text.split()
    start = len(words) // 3
    quote = words[start:start + 600]
    quote[400] = quote[400] + "x"
    with pytest.raises(InputError) as error:
        locate_quote(text, " ".join(quote), Path("a.yaml"), 7)
    assert str(error.value).startswith("a.yaml:7: quote not found") and len(str(error.value)) < 300
    assert quote[399].rstrip("x") in closest_passage(text, " ".join(quote))


def test_a_data_dictionary_failure_names_the_annotation_line(project, catalogue):
    from nkestimates.datapackage import write_outputs

    edit(project, "data/registry/columns.yaml", "{name: producer_as_written,", "{name: producer_as_written, required: true,")
    with pytest.raises(InputError) as error:
        write_outputs(catalogue, project / "data/registry", project / "data")
    row = catalogue.estimates[catalogue.estimates.producer_as_written == ""].iloc[0]
    path = f"data/annotations/{Path(row.seed).stem}.yaml"
    entry = line_of(project, path, f"id: {row.estimate_id}")
    line = entry + next(i for i, text in enumerate((project / path).read_text().splitlines()[entry - 1:])
                        if "producer_as_written:" in text)
    assert str(error.value).startswith(f"{ROOT / path}:{line}: 'producer_as_written' does not fit the data dictionary")
    assert ".staging" not in str(error.value) and not list((project / "data").glob(".staging-*"))


def test_a_full_disk_names_the_output_not_a_temporary_file(tmp_path, monkeypatch):
    from nkestimates.files import write_text_atomic

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_text", full)
    with pytest.raises(InputError, match=r"figure.csv: cannot be written \(No space left on device\)"):
        write_text_atomic(tmp_path / "figure.csv", "a,b\n")
    assert list(tmp_path.iterdir()) == []


# --- property-based: random shapes for an annotation, random parameter sets --------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30), st.floats(allow_nan=True),
                    st.text(max_size=12), st.sampled_from(["2023-13-45", "", "people", "about"]))
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(min_size=1, max_size=8))
SHAPES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=6)), max_leaves=25)


@pytest.fixture(scope="module")
def seed_004():
    text = (ROOT / SEED).read_text(encoding="utf-8")
    return text, find_mentions(text), load_registry(REGISTRY)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(estimates=st.lists(SHAPES, max_size=3), excluded=SHAPES)
def test_any_annotation_shape_is_read_or_refused_with_file_and_line(tmp_path_factory, seed_004, estimates, excluded):
    path = tmp_path_factory.mktemp("annotation") / "004_5d75bbe7d8ec6f52.yaml"
    document = {"seed": "004_5d75bbe7d8ec6f52.txt", "estimates": estimates, "excluded": excluded}
    path.write_text(yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True))
    try:
        load_annotation(path, "004_5d75bbe7d8ec6f52.txt", *seed_004)
    except InputError as error:
        for line in str(error).splitlines():
            assert re.match(rf"{re.escape(str(path))}(:\d+)?: .+\. .+", line), line


VALID_004 = yaml.safe_load((ROOT / ANNOTATION).read_text(encoding="utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_valid_annotation_with_one_field_changed_is_read_or_refused_with_file_and_line(
        tmp_path_factory, seed_004, data):
    document = copy.deepcopy(VALID_004)
    section = data.draw(st.sampled_from(["estimates", "excluded"]))
    entry = data.draw(st.sampled_from(document[section]))
    if data.draw(st.booleans()) and entry.get("mentions"):
        entry = data.draw(st.sampled_from(entry["mentions"]))
    key = data.draw(st.one_of(st.sampled_from(sorted(entry)), KEYS))
    if data.draw(st.booleans()):
        entry.pop(key, None)
    else:
        entry[key] = data.draw(SHAPES)
    path = tmp_path_factory.mktemp("annotation") / "004_5d75bbe7d8ec6f52.yaml"
    path.write_text(yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True))
    try:
        load_annotation(path, "004_5d75bbe7d8ec6f52.txt", *seed_004)
    except InputError as error:
        for line in str(error).splitlines():
            assert re.match(rf"{re.escape(str(path))}:\d+: .+\. .+", line), line


def test_a_yaml_file_read_again_is_as_written_whatever_the_last_reader_changed(tmp_path):
    from nkestimates.files import read_yaml_document

    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    for path in (first, second):
        path.write_text("estimates:\n  - quote: about 60 percent\n", encoding="utf-8")
    read = read_yaml_document(first)
    read.data["estimates"][0]["quote"] = "changed by a caller"
    again = read_yaml_document(second)  # the same text, parsed once: each reader has its own copy
    assert again.path == second and again.data["estimates"][0]["quote"] == "about 60 percent"
    first.write_text("estimates:\n  - quote: 70 percent\n", encoding="utf-8")
    assert read_yaml_document(first).data["estimates"][0]["quote"] == "70 percent"


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("ab:-[]{}&*!|>'\"#?,\n  \t.0123456789")), max_size=80))
def test_any_text_is_read_as_yaml_or_refused_with_the_file(tmp_path_factory, text):
    from nkestimates.files import read_yaml

    path = tmp_path_factory.mktemp("yaml") / "edited.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        read_yaml(path)
    except InputError as error:
        assert str(error).startswith(str(path)) and len(str(error).splitlines()) == 1


MEASURES = sorted(load_registry(REGISTRY).vocabularies["measure"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@example(measures=["sex_trade_revenue"], year_min=1990, year_max=2030, include_anecdotes=False, show_context=False)
@example(measures=[], year_min=2024, year_max=2030, include_anecdotes=False, show_context=True)
@given(measures=st.lists(st.sampled_from(MEASURES + ["no_such_measure"]), max_size=3, unique=True),
       year_min=st.integers(1800, 2100), year_max=st.integers(1800, 2100), include_anecdotes=st.booleans(),
       show_context=st.booleans())
def test_any_parameter_set_is_refused_by_name_or_drawn(project_inputs, measures, year_min, year_max,
                                                       include_anecdotes, show_context):
    from nkestimates import charts, method_charts
    from nkestimates.figures import use_style
    from nkestimates.transparency import checklist

    project, registry, estimates, mentions = project_inputs
    params = {**yaml.safe_load((ROOT / "params/default.yaml").read_text()), "measures": measures,
              "year_min": year_min, "year_max": year_max, "include_anecdotes": include_anecdotes,
              "show_context": show_context}
    path = project / "params/test.yaml"
    path.write_text(yaml.safe_dump(params))
    try:
        check(path, root=project, inputs=False)  # the inputs are the committed ones: checked elsewhere
    except InputError as error:
        assert "parameter 'measures'" in str(error) or "parameter 'year_min'" in str(error)
        return
    style = use_style("web")
    rows = charts.chart_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
    drawn = [charts.overview(rows, registry, style), method_charts.method_by_measure(rows, registry, style),
             method_charts.lineage(rows, registry, style),
             method_charts.transparency_matrix(checklist(estimates[estimates.estimate_id.isin(rows.estimate_id)],
                                                         registry), rows, registry, style)]
    drawn += [charts.measure_chart(m, g, registry, style, show_context=show_context) for m, g in charts.measure_groups(rows)]
    drawn += [charts.timeline(m, rows[rows.measure == m], registry, style) for m in charts.timeline_measures(rows)]
    for chart in drawn:
        assert chart.title
        charts.plt.close(chart.fig)


@pytest.fixture(scope="module")
def project_inputs(tmp_path_factory):
    import shutil

    from nkestimates import charts

    project = tmp_path_factory.mktemp("project")
    for folder in ("seeds", "data", "notebooks", "params"):
        shutil.copytree(ROOT / folder, project / folder, ignore=shutil.ignore_patterns("executed"))
    return (project, load_registry(REGISTRY), *charts.load_tables(ROOT / "data"))


# --- the same errors come through a notebook run --------------------------------------------------

def test_an_annotation_error_comes_through_notebook_01_as_in_the_check(project):
    BAD_INPUTS["misspelt field"][0](project)
    with pytest.raises(InputError) as checked:
        check(project / "params/default.yaml", root=project)
    before = snapshot(project)
    with pytest.raises(NotebookError) as error:
        execute(project / "notebooks/01-estimate-catalogue.py", {}, project, progress=lambda _: None)
    assert str(checked.value).replace(f"{project}/", "") in str(error.value)
    assert len(str(error.value).splitlines()) == 1
    assert snapshot(project) == before


def test_a_renamed_answer_comes_through_notebook_04_as_in_the_check(project):
    BAD_INPUTS["renamed answer key"][0](project)
    with pytest.raises(InputError) as checked:
        check(project / "params/default.yaml", root=project)
    with pytest.raises(NotebookError) as error:
        execute(project / "notebooks/04-tracing-the-claims.py", {"version": "teacher", "figures_dir": "build/f"},
                project, progress=lambda _: None, variant="teacher")
    assert str(checked.value).replace(f"{project}/", "") in str(error.value)


def test_notebook_02_draws_an_empty_selection(project):
    executed = execute(project / "notebooks/02-how-estimates-vary.py",
                       {"measures": ["tip_tier3_consecutive_years"], "year_min": 2024,
                        "figures_dir": "build/figures"}, project, progress=lambda _: None)
    assert executed.exists()
    assert "Nothing to draw" in (project / "build/figures/index.csv").read_text()


def test_check_validates_the_tables_against_the_data_dictionary_as_notebook_01_does(project):
    from nkestimates.pipeline import check

    edit(project, "data/registry/columns.yaml", "    - {name: year, type: integer,", "    - {name: year, type: boolean,")
    with pytest.raises(InputError, match=r"'year' does not fit the data dictionary.*columns.yaml"):
        check(project / "params/default.yaml", root=project)


@pytest.mark.parametrize("address, valid", [
    ("https://example.org/report.pdf", True), ("http://example.org:8080/x", True), ("https://", False),
    ("https://exa mple.org/x", False), ("https://example.org:99999/", False), ("javascript:alert(1)", False),
])
def test_a_web_address_has_a_scheme_a_host_no_space_and_a_port_that_is_a_port(address, valid):
    from nkestimates.schema import is_web_address

    assert is_web_address(address) is valid


def test_a_character_that_takes_no_room_splits_no_number_and_is_no_part_of_a_quote():
    text = "Some 150,\u200b000 women, an estimated 74.6\u2060% of them sold.\ufeff"
    found = find_mentions(text)
    assert [(m.text, m.value_low, m.unit) for m in found] == [
        ("Some 150,\u200b000", 150000, ""), ("an estimated 74.6\u2060%", 74.6, "percent")]
    assert all(text[m.start:m.end] == m.text for m in found)
    # a quote typed as the page shows it finds the article's text, and one copied with them does too
    for quote in ("Some 150,000 women", "Some 150,\u200b000 women"):
        assert locate_quote(text, quote, Path("a.yaml"), 3) == (0, 19)
    assert locate_quote(text.replace("\u200b", ""), "Some 150,\u200b000 women", Path("a.yaml"), 3) == (0, 18)
