"""The HTML report: self-contained, escaped, rebuilt byte for byte, and complete."""

import hashlib
import html
import re

import pandas as pd
import pytest

from nkestimates.pipeline import run
from nkestimates.report import build, index_page

from conftest import ROOT

REPORTS = ROOT / "reports"


def test_report_rebuilds_byte_for_byte(tmp_path):
    written = build(ROOT, tmp_path / "reports")
    assert sorted(p.name for p in written) == sorted(p.name for p in REPORTS.glob("*.html"))
    for path in written:
        assert path.read_bytes() == (REPORTS / path.name).read_bytes(), path.name


@pytest.mark.parametrize("page", sorted(p.name for p in REPORTS.glob("*.html")))
def test_pages_load_nothing_from_the_network_and_run_no_script(page):
    text = (REPORTS / page).read_text(encoding="utf-8")
    assert "<script" not in text.lower()
    assert not re.search(r"<link\b|src=[\"']https?:|@import", text)


def test_pages_show_no_code():
    for page in REPORTS.glob("0*.html"):
        text = page.read_text(encoding="utf-8")
        assert "from nkestimates" not in text and "import pandas" not in text, page.name


def test_index_lists_every_figure_with_its_alt_text_and_the_data():
    text = (REPORTS / "index.html").read_text(encoding="utf-8")
    figures = pd.read_csv(ROOT / "figures/index.csv", dtype=str, keep_default_na=False)
    for row in figures.itertuples():
        assert f'src="../figures/{row.figure}.png"' in text
        assert f'alt="{html.escape(row.alt_text)}"' in text
    for name in ("estimates.csv", "mentions.csv", "datapackage.json"):
        assert f'href="../data/{name}"' in text


def test_article_text_is_escaped():
    estimates = pd.DataFrame([{"estimate_id": "x", "quote": "<script>alert('seed')</script> 5 people",
                               "value_low": "5", "value_high": "5", "unit": "people", "outlet": "<b>Outlet</b>",
                               "published": "2024", "producer": "P", "flags": ""}])
    figures = pd.DataFrame(columns=["figure", "title", "alt_text", "source", "notebook"])
    text = index_page([], figures, estimates)
    assert "<script>" not in text and "&lt;script&gt;alert(&#x27;seed&#x27;)&lt;/script&gt;" in text
    assert "&lt;b&gt;Outlet&lt;/b&gt;" in text


def test_student_version_has_questions_only_and_teacher_version_answers():
    student = (REPORTS / "04-tracing-the-claims-student.html").read_text(encoding="utf-8")
    teacher = (REPORTS / "04-tracing-the-claims-teacher.html").read_text(encoding="utf-8")
    for text in (student, teacher):
        assert text.count("Questions") >= 6
    assert "Worked answers" not in student and teacher.count("Worked answers") == 6


def test_notebook_04_builds_both_versions(project):
    run(project / "params/default.yaml", only=["04"], root=project, progress=lambda _: None)
    executed = project / "notebooks/executed"
    assert "Worked answers" in (executed / "04-tracing-the-claims-teacher.ipynb").read_text()
    assert "Worked answers" not in (executed / "04-tracing-the-claims-student.ipynb").read_text()
    for name in ("student", "teacher"):
        committed = ROOT / f"notebooks/executed/04-tracing-the-claims-{name}.ipynb"
        assert (executed / committed.name).read_bytes() == committed.read_bytes()


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
    assert "&lt;script&gt;alert(&#x27;seed&#x27;)&lt;/script&gt;" in (project / "reports/index.html").read_text()
