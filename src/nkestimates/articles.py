"""Article reader pages: a seed's text, escaped, with every number the detector found marked by
its status (estimate, excluded, unreviewed) in a way that reads without colour, each estimate
linked to its note and its row in the report's table, each exclusion with its reason.

A new article that nobody has annotated yet gets the same page, every number marked unreviewed,
so reviewing a draft is reading the article with its numbers marked."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from .registry import Registry
from .seeds import Seed
from .wording import dated, outlet_name, term_words, value_words

# Symbol after each marked number, and the words a screen reader says for it.
MARKS = {
    "estimate": ("◆", "estimate"),
    "excluded": ("✕", "excluded"),
    "unreviewed": ("?", "not yet reviewed"),
}
LEGEND = (
    '<p class="legend">How the numbers are marked: '
    '<span class="m estimate">solid underline ◆</span> an estimate in the table (follow it to its row); '
    '<span class="m excluded">dotted underline ✕</span> a number excluded, with the reason; '
    '<span class="m unreviewed">dashed box ?</span> a number nobody has reviewed yet.</p>')


def page_name(seed_name: str) -> str:
    return f"{Path(seed_name).stem}.html"


def row_anchor(estimate_id: str, number_start: str) -> str:
    """The id of an estimate's row in the report's table of every estimate."""
    return f"row-{estimate_id}-{number_start}"


def reading_page_name(seed_name: str) -> str:
    """The article's reading copy: its text and what it prints, without the project's notes."""
    return f"{Path(seed_name).stem}-text.html"


def quote_anchor(start) -> str:
    """The id of the place a quote starts in an article's reading copy."""
    return f"q{start}"


def mention_anchor(start) -> str:
    return f"n{start}"


SINGULAR = {"people": "person", "countries": "country", "women": "woman", "men": "man", "children": "child"}


def unit_words(unit: str, one: bool = False) -> str:
    """What follows an amount: 'people', 'per year' ('person', 'year' after one); nothing for a
    bare percent or dollar."""
    for sign in ("percent", "USD"):
        if unit.startswith(sign):
            return unit[len(sign):].strip()
    first, _, rest = unit.partition(" ")
    if one:
        first = SINGULAR.get(first, first[:-1] if first.endswith("s") else first)
    return f"{first} {rest}".strip()


def plain_value(low: str, high: str, qualifier: str, unit: str, vague: bool = False) -> str:
    """The value in plain words with its unit: 'about 200,000 people', '$105 million per year',
    'at least 1 person'."""
    number = lambda v: float(v) if v not in ("", None) else None
    words = value_words(number(low), number(high), qualifier, unit)
    one = {number(low), number(high)} - {None} == {1.0}
    return f"{words} {unit_words(unit, one)}".strip() + (" (vague)" if vague else "")


def _marked_text(seed: Seed, mentions: pd.DataFrame, as_printed: bool = False,
                 quotes: frozenset[int] = frozenset()) -> str:
    """The seed's text, escaped, with each mention wrapped, each excerpt headed by its outlet and
    date (as_printed: the date only when the text prints it) and each quote start an anchor."""
    e = html.escape
    cuts = sorted({0, len(seed.text)} | {int(m) for m in mentions.start} | {int(m) for m in mentions.end}
                  | {x.start for x in seed.excerpts} | quotes)
    by_start = {int(m.start): m for m in mentions.itertuples()}
    heads = {x.start: x for x in seed.excerpts} if len(seed.excerpts) > 1 else {}
    parts, open_until = [], None
    for begin, end in zip(cuts, cuts[1:]):
        if begin in heads:
            x = heads[begin]
            parts.append(f'<span class="excerpt-head">Excerpt: {e(outlet_name(x.outlet))}'
                         f'{", " + e(x.headline) if x.headline and not x.headline.startswith("(") else ""}'
                         f' · {e(dated(x.published, x.date_basis, as_printed))}</span>')
        if begin in quotes:  # opened from the handout: says whose words follow, beside the words
            x = seed.excerpt_at(begin)
            whose = f"{outlet_name(x.outlet, seed.name)}, {dated(x.published, x.date_basis, as_printed)}"
            parts.append(f'<span class="quote-start" id="{quote_anchor(begin)}" data-whose="{e(whose)}"></span>')
        mention = by_start.get(begin)
        if mention is not None:
            symbol, words = MARKS[mention.status]
            parts.append(f'<a class="m {mention.status}" id="{mention_anchor(begin)}" '
                         f'href="#note-{mention_anchor(begin)}" aria-label="{e(mention.text)}, {words}">')
            open_until = int(mention.end)
        parts.append(e(seed.text[begin:end]))
        if open_until == end:
            parts.append(f'<sup aria-hidden="true">{symbol}</sup></a>')
            open_until = None
    return "".join(parts)


def _estimate_note(mention, rows: dict, registry: Registry, depth: str) -> str:
    """The note of a mention of an estimate; rows: the article's rows by (estimate id, number start)."""
    e = html.escape
    r = rows.get((mention.estimate_id, str(mention.start)))
    if r is None:
        return f"<li>Estimate {e(mention.estimate_id)}</li>"
    flags = [f for f in r.flags.split(";") if f]
    meanings = registry.vocabularies["flag"]
    flag_items = "".join(f"<li><strong>{e(term_words(f))}</strong>: {e(meanings.get(f, ''))}</li>" for f in flags)
    producer = r.producer + (f" (the article says “{r.producer_as_written}”)"
                             if r.producer_as_written and r.producer_as_written != r.producer else "")
    if guess := registry.probable_producer(r.producer, r.publication_id, flags):
        producer += (" (probably: the attribution is unconfirmed)" if guess == r.producer
                     else f" (probably {guess}: the attribution is unconfirmed)")
    elif not r.producer_as_written and r.publication_id:
        producer += " (traced; the article names no producer)"
    year = f"{r.year} ({r.year_basis})" if r.year else "unknown"
    return (f'<li class="note estimate" id="note-{mention_anchor(mention.start)}"><p><strong>◆ “{e(r.number)}”</strong> '
            f'= {e(plain_value(r.value_low, r.value_high, r.qualifier, r.unit, mention.kind == "vague"))} · '
            f'<a href="#{mention_anchor(mention.start)}">back to the text</a> · '
            f'<a href="{depth}index.html#{row_anchor(r.estimate_id, r.number_start)}">row in the table</a></p>'
            f"<dl><dt>Measure</dt><dd>{e(registry.vocabularies['measure_label'].get(r.measure, r.measure))}</dd>"
            f"<dt>Year</dt><dd>{e(year)}</dd><dt>Producer</dt><dd>{e(producer)}</dd>"
            f"<dt>Estimate id</dt><dd><code>{e(r.estimate_id)}</code></dd>"
            + (f"<dt>Notes</dt><dd>{e(r.notes)}</dd>" if r.notes else "")
            + (f"<dt>Flags</dt><dd><ul>{flag_items}</ul></dd>" if flags else "<dt>Flags</dt><dd>none</dd>")
            + "</dl></li>")


def _other_note(mention, registry: Registry) -> str:
    e = html.escape
    back = f'<a href="#{mention_anchor(mention.start)}">back to the text</a>'
    if mention.status == "excluded":
        reason = registry.vocabularies["reason"].get(mention.reason, "")
        return (f'<li class="note excluded" id="note-{mention_anchor(mention.start)}">✕ “{e(mention.text)}”: '
                f'excluded as <em>{e(term_words(mention.reason))}</em> — {e(reason)} · {back}</li>')
    return (f'<li class="note unreviewed" id="note-{mention_anchor(mention.start)}">? “{e(mention.text)}”: '
            f"not yet reviewed (read as {e(mention.kind)}) · {back}</li>")


def _title(seed: Seed, as_printed: bool = False) -> str:
    page = seed.excerpts[0]
    date = dated(page.published, page.date_basis, as_printed)
    return (page.headline if page.headline and not page.headline.startswith("(") else
            f"Untitled article ({outlet_name(page.outlet, seed.name)}, {date})" if seed.in_manifest
            else f"New article {seed.name}")


def reading_copy(seed: Seed, quotes: frozenset[int] = frozenset()) -> tuple[str, str]:
    """(title, body HTML) of an article as a reader meets it: its text, outlet and the date it
    prints, without the project's notes, flags or inferred dates (the student handout links here,
    to the start of a quote)."""
    e = html.escape
    page = seed.excerpts[0]
    title = _title(seed, as_printed=True)
    text = _marked_text(seed, pd.DataFrame(columns=["start", "end"]), True, quotes)
    compilation = (f"<p>This page collects {len(seed.excerpts)} excerpts from different outlets and years, each "
                   "under a grey heading that names its outlet and date. A link to a quote leads to the quote; "
                   "the heading above it says where and when it was printed.</p>" if len(seed.excerpts) > 1 else "")
    body = (f"<h1>{e(title)}</h1><p class=\"byline\">{e(outlet_name(page.outlet, seed.name))} · "
            f"{e(dated(page.published, page.date_basis, as_printed=True))}</p>{compilation}"
            f'<div class="article-text">{text}</div>')
    return title, body


def article_body(seed: Seed, mentions: pd.DataFrame, estimates: pd.DataFrame, registry: Registry,
                 depth: str = "../") -> tuple[str, str]:
    """(title, body HTML) of one article's reader page."""
    e = html.escape
    page = seed.excerpts[0]
    title = _title(seed)
    counts = mentions.status.value_counts()
    summary = ", ".join(f"{counts.get(s, 0)} {w}" for s, w in
                        (("estimate", "estimates"), ("excluded", "excluded"), ("unreviewed", "not yet reviewed")))
    source = (f"{e(outlet_name(page.outlet))} · {e(dated(page.published, page.date_basis))}" if seed.in_manifest
              else "A new article, not yet in the manifest or annotated: every number is marked for review.")
    notes = {"estimate": [], "excluded": [], "unreviewed": []}
    rows = {(r.estimate_id, r.number_start): r for r in estimates.itertuples()}
    for mention in mentions.itertuples():
        notes[mention.status].append(_estimate_note(mention, rows, registry, depth)
                                     if mention.status == "estimate" else _other_note(mention, registry))
    sections = "".join(f"<h2>{heading} ({len(notes[status])})</h2><ol class=\"notes\">{''.join(notes[status])}</ol>"
                       for status, heading in (("estimate", "Estimates"), ("excluded", "Excluded numbers"),
                                               ("unreviewed", "Numbers not yet reviewed")) if notes[status])
    body = (f"<h1>{e(title)}</h1><p class=\"byline\">{source}<br>Seed file <code>{e(seed.name)}</code>; "
            f"{len(mentions)} numbers found: {summary}.</p>{LEGEND}"
            f'<div class="article-text">{_marked_text(seed, mentions)}</div>{sections}')
    return title, body
