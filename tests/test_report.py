"""The HTML report: self-contained, escaped, rebuilt byte for byte, complete, readable on a phone,
and a handout whose student version gives away no answer."""

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
import yaml

from nkestimates.errors import InputError
from nkestimates.pipeline import execute, run
from nkestimates.report import build
from nkestimates.schema import ANSWER_CASES
from nkestimates.tracing import answer, markdown, safe_link
from nkestimates.wording import outlet_name, term_words, unreadable_numbers

from conftest import FIXTURES, ROOT

REPORTS = ROOT / "reports"
PAGES = sorted(p.relative_to(REPORTS).as_posix() for p in REPORTS.rglob("*.html"))
STUDENT, TEACHER = "04-tracing-the-claims-student.html", "04-tracing-the-claims-teacher.html"


def read(page: str) -> str:
    return (REPORTS / page).read_text(encoding="utf-8")


class Text(HTMLParser):
    """The text a person reads on a page: visible text and alt and title attributes, not code."""

    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.parts += [value for name, value in attrs if name in ("alt", "title", "aria-label") and value]

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def visible_text(page_html: str) -> str:
    parser = Text()
    parser.feed(page_html)
    return " ".join(parser.parts)


def test_a_page_made_while_the_notebooks_ran_is_the_one_the_report_writes(tmp_path):
    from nkestimates import report
    from nkestimates.pipeline import pages_ahead

    executed = tmp_path / "02-how-estimates-vary.ipynb"
    executed.write_bytes((ROOT / "notebooks/executed/02-how-estimates-vary.ipynb").read_bytes() + b" ")  # new bytes
    with pages_ahead() as page_ahead:
        page_ahead(None)
        page_ahead(executed)
    made = report._reader_page.cache_info()
    assert report.notebook_page(executed) == report._reader_page.__wrapped__(executed.read_bytes(), executed.stem)
    assert report._reader_page.cache_info().hits == made.hits + 1  # converted once, ahead


def test_report_rebuilds_byte_for_byte(tmp_path):
    written = build(ROOT, tmp_path / "reports")
    assert sorted(p.relative_to(tmp_path / "reports").as_posix() for p in written) == PAGES
    for path in written:
        name = path.relative_to(tmp_path / "reports").as_posix()
        assert path.read_bytes() == (REPORTS / name).read_bytes(), name


@pytest.mark.parametrize("page", PAGES)
def test_pages_load_nothing_from_the_network_and_fit_a_phone(page):
    text = read(page)
    assert not re.search(r"<link\b|\bsrc=[\"']https?:|@import|<script[^>]*\bsrc=|<iframe", text)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text
    assert "@media print" in text
    scripts = re.findall(r"<script\b", text, re.IGNORECASE)
    assert len(scripts) == (1 if page == "index.html" else 0), "only the index runs its one inline script"


@pytest.mark.parametrize("page", PAGES)
def test_amounts_are_written_for_people(page):
    """No scientific notation ('1e+03k') and no raw floats ('60.0') in what a reader reads."""
    assert unreadable_numbers(visible_text(read(page))) == [], page


def test_figure_index_text_is_written_for_people_without_paths_or_seed_ids():
    figures = pd.read_csv(ROOT / "figures/index.csv", dtype=str, keep_default_na=False)
    for column in ("title", "alt_text", "source"):
        for text in figures[column]:
            assert unreadable_numbers(text) == [], text
            assert not re.search(r"\w+/\w+\.(csv|yaml|json)|\bseed \d{3}\b|Unidentified outlet", text), text


def test_pages_show_no_code():
    for page in REPORTS.glob("0*.html"):
        text = page.read_text(encoding="utf-8")
        assert "from nkestimates" not in text and "import pandas" not in text, page.name


def test_every_chart_in_a_notebook_page_has_its_own_alt_text():
    for path in REPORTS.glob("0*.html"):
        text = path.read_text(encoding="utf-8")
        assert "No description has been provided" not in text, path.name
        assert all(len(alt) > 40 for alt in re.findall(r'<img[^>]*alt="([^"]*)"', text)), path.name


def test_index_has_contents_a_figure_grid_linking_to_figure_pages_and_the_data():
    text = read("index.html")
    figures = pd.read_csv(ROOT / "figures/index.csv", dtype=str, keep_default_na=False)
    assert 'aria-label="Contents"' in text
    for row in figures.itertuples():
        assert f'<a href="figures/{row.figure}.html"><img src="../figures/{row.figure}.png"' in text
        figure_page = read(f"figures/{row.figure}.html")
        assert f'alt="{html.escape(row.alt_text)}"' in figure_page and f"{row.figure}.csv" in figure_page
        assert html.escape(row.title) in figure_page and "data/estimates.csv" in figure_page
    for name in ("estimates.csv", "mentions.csv", "datapackage.json"):
        assert f'href="../data/{name}"' in text


def test_every_estimate_row_has_its_quote_plain_value_and_a_link_to_its_article():
    text = read("index.html")
    estimates = pd.read_csv(ROOT / "data/estimates.csv", dtype=str, keep_default_na=False)
    rows = re.findall(r'<tr id="row-([^"]+)">(.*?)</tr>', text, re.S)
    assert len(rows) == len(estimates)
    for row_id, cells in rows:
        assert 'href="articles/' in cells and "<mark>" in cells
    over = next(cells for row_id, cells in rows if row_id.startswith("s000-kfi-share-over-60"))
    assert "more than 60%" in over and "over 60%" in over


def test_every_article_page_marks_exactly_the_numbers_in_mentions_csv():
    mentions = pd.read_csv(ROOT / "data/mentions.csv", dtype=str, keep_default_na=False)
    for seed, found in mentions.groupby("seed"):
        text = read(f"articles/{seed.rsplit('.', 1)[0]}.html")
        marked = re.findall(r'<a class="m (\w+)" id="n(\d+)"', text)
        assert sorted(marked) == sorted(zip(found.status, found.start)), seed
        for row in found[found.status == "estimate"].itertuples():
            assert f'index.html#row-{row.estimate_id}-{row.start}"' in text
        for row in found[found.status == "excluded"].itertuples():
            assert f"excluded as <em>{row.reason.replace('_', ' ')}</em>" in text
        assert f'href="articles/{seed.rsplit(".", 1)[0]}.html"' in read("index.html")


def test_an_article_note_says_whom_an_unconfirmed_attribution_probably_names():
    from nkestimates.registry import load_registry

    registry = load_registry(ROOT / "data/registry")
    estimates = pd.read_csv(ROOT / "data/estimates.csv", dtype=str, keep_default_na=False)
    flagged = estimates[estimates["flags"].str.split(";").map(lambda flags: "attribution_unconfirmed" in flags)]
    for row in flagged.itertuples():
        note = re.search(rf'id="note-n{row.number_start}">(.*?)</li>', read(f"articles/{row.seed[:-4]}.html"), re.S)
        producer = html.unescape(re.search(r"<dt>Producer</dt><dd>(.*?)</dd>", note[1])[1])
        guess = registry.probable_producer(row.producer, row.publication_id, row.flags.split(";"))
        assert ("probably" in producer) == bool(guess), (row.estimate_id, producer)
        assert guess in (row.producer, "") or f"probably {guess}:" in producer, (row.estimate_id, producer)


def test_the_articles_counts_add_up_to_the_index_total():
    text = read("index.html")
    total = re.search(r"<p>(\d+) estimates in (\d+) printed numbers", text)
    listed = re.findall(r"(\d+) estimates in (\d+) printed numbers, (\d+) numbers excluded", text)
    assert len(listed) == len(list((ROOT / "seeds").glob("*.txt")))
    assert [sum(int(item[i]) for item in listed) for i in (0, 1)] == [int(total[1]), int(total[2])]
    mentions = pd.read_csv(ROOT / "data/mentions.csv", dtype=str, keep_default_na=False)
    assert sum(int(item[2]) for item in listed) == (mentions.status == "excluded").sum()


def test_compilation_excerpts_show_their_own_outlet_and_date():
    text = read("articles/003_bbd5d6720fae4efe.html")
    assert "Excerpt: The Boston Globe, An Auschwitz In Korea · 2004-02-08" in text
    assert "Excerpt: Voice of America, Human Trafficking In North Korea · 2012-08-09" in text


def test_student_handout_gives_away_no_answer_that_the_teacher_version_gives():
    student, teacher = visible_text(read(STUDENT)), visible_text(read(TEACHER))
    assert "(student version)" in re.search(r"<h1[^>]*>(.*?)</h1>", read(STUDENT)).group(1)
    assert "(teacher version)" in re.search(r"<h1[^>]*>(.*?)</h1>", read(TEACHER)).group(1)
    answers = yaml.safe_load((ROOT / "notebooks/answers/04-tracing-the-claims.yaml").read_text())
    sources = yaml.safe_load((ROOT / "data/registry/sources.yaml").read_text())
    conclusions = [" ".join(str(p[field]).split()) for producer in sources["producers"]
                   for p in producer.get("publications", []) for field in ("caveats", "method_description")
                   if p.get(field)]  # what the registry concludes about a publication, and how it was made
    for conclusion in ["Worked answers", "Changed from the producer", "Flags:", "Caveats", *conclusions]:
        assert conclusion not in student, conclusion
    assert teacher.count("Worked answers") == len(answers) and "Changed from the producer" in teacher
    student_words = " ".join(re.sub(r"[^\w%$.,]+", " ", student).split())
    for text in answers.values():
        words = re.sub(r"[`*]", "", text).split()
        assert " ".join(words[1:8]) not in student and " ".join(words[1:8]) in teacher
        for at in range(len(words) - 7):  # no eight words of an answer in a row, anywhere in the student's page
            run = " ".join(re.sub(r"[^\w%$.,]+", " ", " ".join(words[at : at + 8])).split())
            assert run not in student_words, run
    for span in re.findall(r"\d[\d,]* to \d[\d,]*", " ".join(" ".join(text.split()) for text in answers.values())):
        assert span not in student, span  # a band an answer works out ("10,000 to 99,999") is not in a question
    for ordinal in set(re.findall(r"\b\d+(?:st|nd|rd|th)\b", " ".join(answers.values()))):  # a count the student makes
        assert not re.search(rf"\b{ordinal}\b", student), ordinal
    glossary_free = re.sub(r'<dl class="glossary".*?</dl>', "", read(STUDENT), flags=re.S)
    flags = yaml.safe_load((ROOT / "data/registry/vocabularies.yaml").read_text())["flag"]
    for flag in flags:
        assert flag not in glossary_free and term_words(flag) not in visible_text(glossary_free), flag


def linked_pages(page: str) -> set[str]:
    """The report pages a page links to (not its anchors, pictures or web addresses), relative to reports/."""
    folder = (REPORTS / page).parent
    return {(folder / href).resolve().relative_to(REPORTS.resolve()).as_posix()
            for href in re.findall(r'href="([^"#:]+\.html)(?:#[^"]*)?"', read(page))}


def test_nothing_a_student_can_open_from_the_handout_shows_an_answer():
    """The handout and every page it links to: no index (it leads to the teacher version and the
    flags), no annotated article, no date the table infers (case 6 asks for it)."""
    seeds = yaml.safe_load((ROOT / "seeds/manifest.yaml").read_text())
    inferred = [entry for entry in seeds if entry["date_basis"] != "stated"]
    reachable = linked_pages(STUDENT)
    assert reachable and all(re.fullmatch(r"articles/\w+-text\.html", page) for page in reachable), reachable
    for page in [STUDENT, *reachable]:
        assert "index.html" not in read(page) and TEACHER not in read(page), page
        text = visible_text(read(page))
        assert not re.search(r"inferred \d{4}", text) and "Flags:" not in text and "Estimates (" not in text, page
    for entry in inferred:
        copy = read(f"articles/{entry['file'].rsplit('.', 1)[0]}-text.html")
        assert visible_text(copy).count(str(entry["published"])) == (ROOT / "seeds" / entry["file"]).read_text(
            encoding="utf-8").count(str(entry["published"])), entry["file"]  # only where the article prints it
    for target, anchor in re.findall(r'href="(articles/[^"#]+)#([^"]+)"', read(STUDENT)):
        assert f'id="{anchor}"' in read(target), (target, anchor)  # each quote's link lands on it
    for quoted in re.findall(r"— ([^<]+?), ([^,<·]+?)(?: ·|</p>)", read(STUDENT)):
        if quoted[0].startswith("unidentified"):
            assert quoted[1].strip() == "undated" and re.search(r", article \d{3}$", quoted[0]), quoted


def test_the_handouts_charts_show_figures_as_printed():
    """The charts in the handout name no traced producer and no date the table infers."""
    index = pd.read_csv(ROOT / "figures/index.csv", dtype=str, keep_default_na=False).set_index("figure")
    estimates = pd.read_csv(ROOT / "data/estimates.csv", dtype=str, keep_default_na=False)
    handout = [name for name in index.index if index.notebook[name] == "04-tracing-the-claims"]
    assert handout
    for name in handout:
        alt, drawn = index.alt_text[name], pd.read_csv(ROOT / f"figures/{name}.csv", dtype=str, keep_default_na=False)
        inferred = estimates[estimates.estimate_id.isin(drawn.estimate_id) & (estimates.date_basis != "stated")]
        assert "cites" not in alt and "traced to" not in alt, name
        articles = drawn[drawn.estimate_id != ""]
        for column in {"flags", "producer", "publication_id", "method", "year"} & set(articles):
            assert (articles[column] == "").all(), (name, column)  # what the articles do not print
        undated = articles.estimate_id.isin(inferred.estimate_id).tolist()
        assert undated == sorted(undated), name  # undated last: their order tells no inferred date
        assert (articles.published[undated] == "").all(), name
        for row in inferred.itertuples():  # two unidentified websites told apart by their articles' numbers
            assert f"{outlet_name(row.outlet, row.seed)} (undated)" in alt, name
            assert f"{outlet_name(row.outlet, row.seed)} ({row.published[:4]})" not in alt, name


def test_every_chart_in_a_notebook_page_is_its_saved_picture_linked_full_size():
    """Shown from figures/ (not copied into the page), the very bytes the executed notebook shows."""
    for path in REPORTS.glob("0*.html"):
        text = path.read_text(encoding="utf-8")
        charts = re.findall(r'<a href="\.\./figures/([^"]+\.png)" title="Open the chart full size"><img [^>]*'
                            r'src="\.\./figures/([^"]+\.png)"', text)
        assert len(charts) == text.count("<img ") and "base64" not in text, path.name
        assert all(link == shown for link, shown in charts), path.name
        notebook = nbformat.read(ROOT / "notebooks/executed" / f"{path.stem}.ipynb", as_version=4)
        embedded = [base64.b64decode(output["data"]["image/png"]) for cell in notebook.cells
                    for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
        assert embedded == [(ROOT / "figures" / shown).read_bytes() for _, shown in charts], path.name


def test_handout_evidence_urls_are_links_and_only_http_ever_becomes_one():
    student = read(STUDENT)
    # the publication's address is named by its site: it is often coverage, not the publication itself
    assert '<dt>Where the research found it</dt><dd><a href="https://time.com/5593352/north-korea-women-sex-slavery-china/">time.com</a>' \
        in student
    assert safe_link("https://example.org/a?b=1&c=2", "x") == (
        '<a href="https://example.org/a?b=1&amp;c=2" class="url">https://example.org/a?b=1&amp;c=2</a>')
    assert safe_link("https://example.org/", "x", "a report") == '<a href="https://example.org/">a report</a>'
    for bad in ("javascript:alert(1)", "data:text/html,<script>x</script>", "ftp://example.org", "example.org"):
        with pytest.raises(InputError, match="not an http"):
            safe_link(bad, "sources.yaml")


def test_markup_in_edited_answers_is_shown_as_text_never_run(tmp_path):
    answers = tmp_path / "answers.yaml"
    markup = "|\n  <script>alert('answer')</script> <img src=x onerror=alert(1)>\n  [click](javascript:alert(2)) **bold**\n"
    answers.write_text("".join(f"{case}: {markup}" for case in ANSWER_CASES), encoding="utf-8")
    rendered = answer(answers, "teacher", ANSWER_CASES[0]).data
    assert "<script" not in rendered and "<img" not in rendered and 'href="javascript:' not in rendered
    assert "&lt;script&gt;" in rendered and "<strong>bold</strong>" in rendered
    assert markdown("<b>x</b>") == "<p>&lt;b&gt;x&lt;/b&gt;</p>\n"


def test_markup_in_answers_does_not_run_on_the_teacher_page(project):
    path = project / "notebooks/answers/04-tracing-the-claims.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "sixty-percent: |\n", "sixty-percent: |\n  <script>alert('x')</script><img src=x onerror=alert(1)>\n", 1)
    path.write_text(text, encoding="utf-8")
    execute(project / "notebooks/04-tracing-the-claims.py", {"version": "teacher", "figures_dir": "build/figures"},
            project, progress=lambda _: None, variant="teacher")  # the teacher version alone
    build(project, project / "reports")
    teacher = (project / "reports" / TEACHER).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert" in teacher and "<script>alert" not in teacher and "<img src=x" not in teacher


def test_notebook_04_builds_both_versions(project):
    run(project / "params/default.yaml", only=["04"], root=project, progress=lambda _: None)
    executed = project / "notebooks/executed"
    assert "Worked answers" in (executed / "04-tracing-the-claims-teacher.ipynb").read_text()
    assert "Worked answers" not in (executed / "04-tracing-the-claims-student.ipynb").read_text()
    for name in ("student", "teacher"):
        committed = ROOT / f"notebooks/executed/04-tracing-the-claims-{name}.ipynb"
        assert (executed / committed.name).read_bytes() == committed.read_bytes()


@pytest.mark.parametrize("file, page, item", [("sources.yaml", "- https://time.com/5593352/", "item 1 of 'evidence_urls'"),
                                               ("sources.yaml", "https://en.yna.co.kr/", "'url'"),
                                               ("facts.yaml", "https://", "item 1 of 'evidence_urls'"),
                                               ("context.yaml", "https://docslib.org/", "item 1 of 'evidence_urls'")])
def test_an_address_that_is_not_http_stops_the_build(project, file, page, item):
    path = project / "data/registry" / file
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(page, page.replace("https://", "javascript:alert(1)//"), 1), encoding="utf-8")
    # refused by the check, with its line, before a notebook runs
    with pytest.raises(InputError, match=rf"{file}:\d+: {re.escape(item)}: 'javascript:alert\(1\)//\S*' "
                                         r"is not an http\(s\) address"):
        run(project / "params/default.yaml", only=["04"], root=project, progress=lambda _: None)


def test_a_link_is_made_only_of_an_http_address():
    assert safe_link("https://example.org/?a=1&b=<2>", "x") == \
        '<a href="https://example.org/?a=1&amp;b=&lt;2&gt;" class="url">https://example.org/?a=1&amp;b=&lt;2&gt;</a>'
    with pytest.raises(InputError, match="not an http"):
        safe_link("javascript:alert(1)", "sources.yaml (publication x)")


def test_a_seed_containing_markup_is_shown_as_text(project):
    seed = project / "seeds/xss.txt"
    seed.write_text("<script>alert('seed')</script> Some 5,000 people fled in 2024.\n", encoding="utf-8")
    with open(project / "seeds/manifest.yaml", "a", encoding="utf-8") as manifest:
        manifest.write(f"- file: xss.txt\n  sha256: {hashlib.sha256(seed.read_bytes()).hexdigest()}\n"
                       "  outlet: Test outlet\n  headline: markup\n  published: '2024'\n  date_basis: stated\n")
    (project / "data/annotations/xss.yaml").write_text(
        "seed: xss.txt\nestimates:\n  - id: xss-5000\n    mentions:\n"
        "      - quote: \"<script>alert('seed')</script> Some 5,000 people fled\"\n"
        "    value_low: 5000\n    value_high: 5000\n    qualifier: about\n    unit: people\n"
        "    measure: nk_refugees_in_china\n    population: people who fled\n    population_group: nk_defectors_in_china\n"
        "    geography: China\n    year: 2024\n    year_basis: stated\n    producer_as_written: ''\n"
        "    method: unstated\n    claim_type: estimate\n    flags: []\nexcluded: []\n", encoding="utf-8")
    run(project / "params/default.yaml", only=["01"], root=project, progress=lambda _: None)
    pages = build(project, project / "reports")
    for page in pages:
        assert "<script>alert" not in page.read_text(encoding="utf-8"), page.name
    escaped = "&lt;script&gt;alert(&#x27;seed&#x27;)&lt;/script&gt;"
    assert escaped in (project / "reports/index.html").read_text()
    assert escaped in (project / "reports/articles/xss.html").read_text()


@pytest.mark.xdist_group("new-articles")  # one shared run, built by one worker
def test_a_new_unannotated_article_gets_a_reader_page_with_every_number_unreviewed(new_articles_run, tmp_path):
    project, _ = new_articles_run
    article = next(FIXTURES.glob("articles/*.txt"))
    build(project, tmp_path / "reports")
    text = (tmp_path / f"reports/articles/{article.stem}.html").read_text(encoding="utf-8")
    mentions = pd.read_csv(project / "data/mentions.csv", dtype=str, keep_default_na=False)
    found = mentions[mentions.seed == article.name]
    assert len(found) and set(re.findall(r'<a class="m (\w+)"', text)) <= {"unreviewed", "excluded"}
    assert text.count('<a class="m unreviewed"') == (found.status == "unreviewed").sum()
    assert f"articles/{article.stem}.html" in (tmp_path / "reports/index.html").read_text()
