"""Tracing a figure back to its producer: the evidence notebook 04 lays out for each case.

The notebook is built twice. The student version shows the evidence only: the articles' own
words, the producer's own publication, and the facts with their sources. The teacher version
adds the conclusions: what changed on the way, the flags, the registry's caveats, the method
and sample behind the figure, and the worked answers. Every text from an edited file is
escaped, or rendered from Markdown with raw HTML disabled; only http(s) addresses become links.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd
from IPython.display import HTML
from markdown_it import MarkdownIt

from .articles import mention_anchor, page_name, plain_value, quote_anchor, reading_page_name
from .charts import in_printed_order
from .errors import InputError
from .files import without_lines
from .method_charts import change_words, lineage_lanes
from .options import VERSIONS
from .registry import SOURCES, Registry
from .schema import Answers, is_web_address, read_checked
from .seeds import load_manifest
from .transparency import checklist
from .wording import dated, outlet_name, term_words

ARTICLES = "articles"  # the article reader pages, beside the notebook's page in reports/
e = html.escape


def check_version(version: str) -> None:
    if version not in VERSIONS:
        raise InputError("version", f"unknown version '{version}'", f"Use one of {list(VERSIONS)}")


def safe_link(url: str, where: str, text: str | None = None) -> str:
    """An <a> for an http(s) address; anything else in a URL field is an error, never a link."""
    if not is_web_address(url):
        raise InputError(where, f"'{str(url)[:80]}' is not an http(s) address",
                         "Give the evidence as an http:// or https:// URL")
    bare = ' class="url"' if text is None else ""  # the address is its text: printed once
    return f'<a href="{e(str(url).strip())}"{bare}>{e(text or str(url).strip())}</a>'


def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def markdown(text: str) -> str:
    """Markdown from an edited file as HTML; raw HTML in it is shown as text, never run."""
    return _markdown().render(str(text))


def publication_facts(registry: Registry, publication_id: str, version: str = "teacher") -> HTML:
    """What the research recorded about the producer's publication, with the sources of these facts
    (often coverage of the publication rather than the publication, which the student reads to
    answer the questions); the teacher version adds the method, the sample and the registry's
    caveats, which hold the conclusions."""
    check_version(version)
    publication = registry.publications[publication_id]
    where = f"{SOURCES} (publication {publication_id})"
    producer = registry.producers[publication["producer"]]["name"]
    online = publication.get("url")  # often coverage of the publication, not the publication: named by its site
    facts = [("Producer", e(producer)), ("Publication", e(publication.get("title", ""))),
             ("Where the research found it", safe_link(online, where, urlparse(str(online).strip()).netloc) if online else ""),
             ("Published", e(str(publication.get("date_published") or "unknown"))),
             ("What it published", e(str(publication.get("measured") or "not recorded")))]
    if version == "teacher":
        method = publication.get("method")
        facts += [("Method", e(registry.vocabularies["method"].get(method, "")) if method else "not recorded"),
                  ("How it was produced", e(" ".join(str(publication.get("method_description") or "").split()))),
                  ("Sample size", e(str(publication.get("sample_size") or "not recorded"))),  # a desk review has none
                  ("Caveats (conclusions)", e(" ".join(str(publication.get("caveats") or "").split())))]
    facts.append(("How sure these facts are", e(registry.vocabularies["confidence"].get(
        publication.get("confidence", ""), str(publication.get("confidence", ""))))))
    links = [safe_link(url, where) for url in publication.get("evidence_urls") or []]
    facts.append(("Where these facts come from",
                  "<ul>" + "".join(f"<li>{link}</li>" for link in links) + "</ul>" if links else "no sources recorded"))
    rows = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts if value)
    return HTML('<section class="evidence"><h3>What the research recorded about the producer’s publication</h3>'
                f'<dl>{rows}</dl></section>')


def _quote_block(row, version: str, extra: str = "") -> str:
    """One article's words, linked to the article: the teacher version to its page, whose notes
    name the flags (the answers a student is asked to find); the student version to its reading copy."""
    source = (f"— {e(outlet_name(row.outlet, row.seed))}, "
              f"{e(dated(row.published, row.date_basis, as_printed=version != 'teacher'))}")
    if version == "teacher":
        anchor = f"{ARTICLES}/{page_name(row.seed)}#{mention_anchor(row.number_start)}"
        source += f' · <a href="{e(anchor)}">read it in the article</a>'
    else:  # the article's reading copy: its text, without the project's notes
        source += f' · <a href="{ARTICLES}/{e(reading_page_name(row.seed))}#{quote_anchor(row.start)}">read the article</a>'
    return f"<li><blockquote>“{e(row.quote)}”</blockquote><p>{source}{extra}</p></li>"


def printings(rows: pd.DataFrame, registry: Registry, publication_id: str, measure: str,
              version: str = "teacher") -> HTML:
    """Each article's words for one traced figure; the teacher version adds what each changed from
    the producer's figure, its flags and its transparency score."""
    check_version(version)
    lanes = [(f, v) for p, f, v in lineage_lanes(rows, registry) if p["id"] == publication_id and f["measure"] == measure]
    if not lanes:
        return HTML("<p>No article in the table prints this figure.</p>")
    figure, versions = lanes[0]
    versions = in_printed_order(versions)  # both versions: the table's order would tell the dates it infers
    scores = checklist(versions, registry).set_index("estimate_id").score
    items = []
    for row in versions.itertuples():
        extra = f" · credited to “{e(row.producer_as_written)}”" if row.producer_as_written else " · credits no source"
        if version == "teacher":
            found = change_words(row, figure)
            extra += (f"<br><strong>Changed from the producer’s figure:</strong> {e(found)}. "
                      f"<strong>Flags:</strong> {e(_flag_words(row.flags))}. "
                      f"<strong>Transparency:</strong> {scores.get(row.estimate_id, 0)} of 6.")
        items.append(_quote_block(row, version, extra))
    count = {1: "One article prints", 2: "Two articles print", 3: "Three articles print"}.get(
        len(versions), f"{len(versions)} articles print")
    return HTML(f"<p>{count} this figure, in these words:</p><ol class=\"printings\">{''.join(items)}</ol>")


def _flag_words(flags: str) -> str:
    return ", ".join(term_words(f) for f in flags.split(";") if f) or "none"


def quotes(estimates: pd.DataFrame, version: str = "teacher", **where) -> HTML:
    """The articles' words for the rows matching where (column=value); flags in the teacher version."""
    check_version(version)
    selected = estimates
    for column, value in where.items():
        selected = selected[selected[column] == value]
    selected = in_printed_order(selected)  # quote 2 is the same quote in both versions
    items = [_quote_block(r, version, f"<br><strong>Flags:</strong> {e(_flag_words(r.flags))}." if version == "teacher" else "")
             for r in selected.itertuples()]
    return HTML(f"<ol class=\"printings\">{''.join(items)}</ol>")


def vague_figures(rows: pd.DataFrame, version: str = "teacher") -> HTML:
    """The vague quantities as printed; the teacher version adds how the table reads each and who
    stands behind it."""
    check_version(version)
    vague = in_printed_order(rows[rows.kind == "vague"])
    items = []
    for r in vague.itertuples():
        extra = ""
        if version == "teacher":
            extra = (f"<br><strong>Read as:</strong> {e(plain_value(r.value_low, r.value_high, '', r.unit))}. "
                     f"<strong>Producer:</strong> {e(r.producer)}.")
        items.append(_quote_block(r, version, extra))
    return HTML(f"<ol class=\"printings\">{''.join(items)}</ol>")


def undated(seeds_dir: Path, version: str = "teacher") -> HTML:
    """The articles that print no date; the teacher version adds how the table dates them and why."""
    check_version(version)
    manifest = load_manifest(Path(seeds_dir))
    items = []
    for entry in (x for x in manifest.values() if x["date_basis"] != "stated"):
        article = page_name(entry["file"]) if version == "teacher" else reading_page_name(entry["file"])
        text = (f'<a href="{ARTICLES}/{e(article)}">{e(outlet_name(entry["outlet"], entry["file"]))}</a>'
                f"{', ' + e(entry['headline']) if not str(entry['headline']).startswith('(') else ''}")
        if version == "teacher":
            text += (f"<br><strong>Dated in the table:</strong> {e(str(entry['published'] or 'unknown'))} "
                     f"({e(entry['date_basis'])}). {e(' '.join(str(entry.get('date_evidence', '')).split()))}")
        items.append(f"<li>{text}</li>")
    return HTML(f"<ul>{''.join(items)}</ul>")


def flag_glossary(registry: Registry) -> HTML:
    """Every flag the table can carry and what it means: words for what can go wrong with a figure."""
    items = "".join(f"<dt>{e(term_words(flag))}</dt><dd>{e(meaning)}</dd>"
                    for flag, meaning in sorted(registry.vocabularies["flag"].items()))
    return HTML(f'<dl class="glossary" id="flag-glossary">{items}</dl>')


def answer(answers_path: Path, version: str, case: str) -> HTML:
    """The worked answer to a case, in the teacher version; a note in the student version."""
    check_version(version)
    if version == "student":
        return HTML("<p><em>Answers are in the teacher version of this handout.</em></p>")
    answers = without_lines(read_checked(Path(answers_path), Answers).data)
    return HTML(f'<section class="answer"><h3>Worked answers</h3>{markdown(answers[case])}</section>')


def version_title(version: str) -> HTML:
    """The handout's visible title, saying which version it is, so printouts are told apart."""
    check_version(version)
    note = ("Evidence and questions; the answers are in the teacher version." if version == "student"
            else "With the answers and the conclusions: not for students before the exercise.")
    return HTML(f'<p class="version-banner"><strong>{version.capitalize()} version.</strong> {e(note)}</p>')
