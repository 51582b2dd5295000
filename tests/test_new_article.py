"""Adding an article: the build succeeds, says what needs review, and drafts its annotations."""

import shutil

import pandas as pd
import pytest
import yaml

from nkestimates.errors import InputError
from nkestimates.pipeline import run

from conftest import FIXTURES

ARTICLES = FIXTURES / "articles"


def test_new_articles_are_read_reported_and_drafted(project):
    for article in ARTICLES.glob("*.txt"):
        shutil.copy(article, project / "seeds" / article.name)
    params = project / "params" / "default.yaml"
    lines = []
    run(params, only=["01", "02"], root=project, progress=lines.append)
    mentions = pd.read_csv(project / "data/mentions.csv", dtype=str, keep_default_na=False)
    for article in ARTICLES.glob("*.txt"):
        unreviewed = mentions[(mentions.seed == article.name) & (mentions.status == "unreviewed")]
        assert f"    {len(unreviewed)} numbers in {article.name} need review" in lines
        draft_path = project / "data/annotations" / f"{article.stem}.draft.yaml"
        assert f"    draft annotations written to data/annotations/{article.stem}.draft.yaml" in lines
        draft = yaml.safe_load(draft_path.read_text(encoding="utf-8"))
        assert draft["seed"] == article.name and draft["estimates"] == [] and draft["excluded"] == []
        assert [item["number"] for item in draft["review"]] == unreviewed.text.tolist()
        text = article.read_text(encoding="utf-8")
        for item in draft["review"]:
            assert item["number"] in item["quote"] and " ".join(item["quote"].split()) in " ".join(text.split())
    # the committed seeds are untouched, and nothing unreviewed reaches the charts
    committed = mentions[mentions.seed.str.match(r"^\d{3}_")]
    assert (committed.status != "unreviewed").all()
    drawn = pd.concat(pd.read_csv(p, dtype=str) for p in (project / "figures").glob("02-*.csv"))
    assert not set(drawn.seed) & {a.name for a in ARTICLES.glob("*.txt")}


def test_draft_guesses_outlet_and_date_from_the_text(project):
    shutil.copy(ARTICLES / "wire-copy.txt", project / "seeds")
    run(project / "params/default.yaml", only=["01"], root=project, progress=lambda _: None)
    header = (project / "data/annotations/wire-copy.draft.yaml").read_text(encoding="utf-8")
    assert "#     outlet: Reuters" in header and "#     published: '2024-06-03'" in header
    assert "#     sha256: " in header


def test_annotated_article_missing_from_manifest_is_an_error(project):
    shutil.copy(ARTICLES / "wire-copy.txt", project / "seeds")
    (project / "data/annotations/wire-copy.yaml").write_text("seed: wire-copy.txt\nestimates: []\n")
    with pytest.raises(InputError, match="annotated but not in the manifest"):  # checked before the run
        run(project / "params/default.yaml", only=["01"], root=project, progress=lambda _: None)
