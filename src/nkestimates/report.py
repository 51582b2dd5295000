"""The HTML report: every executed notebook as a reader's page (no code), a page per figure, a
reader page per article, and an index with contents, a grid of figures and the table of every
estimate (sortable and filterable by a small inline script; it reads without it). Self-contained:
opens from the file system, loads nothing from the network, works on a phone, prints on A4 and
Letter, and rebuilds byte for byte."""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter

from .articles import (article_body, mention_anchor, page_name, plain_value, reading_copy,
                       reading_page_name, row_anchor)
from .errors import InputError
from .files import write_text_atomic
from .registry import load_registry
from .seeds import load_seeds
from .tables import ESTIMATE_COLUMNS, INDEX_COLUMNS, MENTION_COLUMNS, REBUILD, read_table
from .wording import ANECDOTE, dated, outlet_name, term_words

TITLE = "How the news counts North Korean human trafficking"
STYLE = """
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem;
       color: #222; line-height: 1.5; overflow-wrap: break-word; }
h1 { font-size: 1.6em; line-height: 1.25; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
img, svg { max-width: 100%; height: auto; }
a { color: #0b5cad; }
nav.top { font-size: 0.9em; margin-bottom: 1em; } nav.top a { margin-right: 1em; }
.contents ol { padding-left: 1.4em; }
.scroll, .jp-OutputArea-output, .output_html, .jp-RenderedHTMLCommon { overflow-x: auto; max-width: 100%; }
table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ddd; padding: 3px 6px;
       vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(15rem, 1fr)); gap: 1rem; padding: 0;
        list-style: none; }
.grid li { border: 1px solid #ddd; padding: 0.5rem; }
.grid img { display: block; width: 100%; height: 11rem; object-fit: contain; object-position: top; background: #fff; }
.grid a { text-decoration: none; } .grid span { display: block; font-size: 0.85em; margin-top: 0.4rem; }
.figure-page img { border: 1px solid #eee; } .source, .byline { color: #555; font-size: 0.9em; }
.article-text { white-space: pre-wrap; border-left: 3px solid #ddd; padding-left: 0.8rem; }
.excerpt-head { display: block; margin: 1.2em 0 0.3em; padding: 0.2em 0.5em; background: #f0f0f0;
                font-weight: bold; font-size: 0.9em; white-space: normal; }
.quote-start { scroll-margin-top: 30vh; }
.quote-start:target::before { content: "▶ " attr(data-whose) ": "; background: #fff3b0; font-weight: bold; }
a.m { color: inherit; text-decoration: none; padding: 0 1px; }
.m.estimate { border-bottom: 3px solid #0072B2; background: #e3f0fa; font-weight: bold; }
.m.excluded { border-bottom: 2px dotted #777; color: #555; }
.m.unreviewed { border: 2px dashed #D55E00; }
.m sup { font-size: 0.7em; margin-left: 1px; }
.version-banner { border: 2px solid #222; padding: 0.4em 0.6em; }
blockquote { margin: 0.3em 0 0.2em; padding-left: 0.8em; border-left: 3px solid #999; font-style: italic; }
ol.printings li { margin-bottom: 0.8em; } .answer { border: 2px solid #009E73; padding: 0 0.8em; margin: 1em 0; }
.anchor-link { display: none; }
.legend { font-size: 0.9em; background: #fafafa; border: 1px solid #eee; padding: 0.5em; }
ol.notes li { margin-bottom: 0.6em; } dl { margin: 0.3em 0; display: grid;
       grid-template-columns: max-content minmax(0, 1fr); gap: 0 0.8em; } dt { font-weight: bold; }
dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.controls { margin: 0.5em 0; display: flex; flex-wrap: wrap; gap: 0.5em; align-items: center; }
.controls input { font-size: 1em; padding: 0.3em; min-width: 12rem; flex: 1; }
th button { font: inherit; font-weight: bold; background: none; border: none; padding: 0; cursor: pointer;
            text-align: left; color: inherit; }
th[aria-sort="ascending"] button::after { content: " ▲"; } th[aria-sort="descending"] button::after { content: " ▼"; }
table.estimates td.quote { min-width: 16rem; } table.estimates mark { background: #fff2a8; }
@media (max-width: 40rem) { dl { grid-template-columns: 1fr; } dd { margin: 0 0 0.5em 1em; }
                            h1 { font-size: 1.35em; }
                            .chart { overflow-x: auto; } .chart img { max-width: none; width: 46rem; } }
@media print {
  @page { size: auto; margin: 15mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.top, .controls { display: none; }
  a { color: inherit; }
  main a[href^="http"]:not(.url)::after { content: " (" attr(href) ")"; font-size: 0.85em; overflow-wrap: anywhere; }
  .screen-only { display: none; }
  .scroll, .jp-OutputArea-output, .output_html { overflow: visible; }
  table { font-size: 8pt; } tr, figure, img, .grid li, ol.notes li, ol.printings li { break-inside: avoid; }
  .grid { grid-template-columns: repeat(2, 1fr); }
  h2, h3 { break-after: avoid; }
  .figure-page img { max-height: 210mm; width: auto; max-width: 100%; }
}
"""
SORT_SCRIPT = """
(function () {
  var table = document.getElementById('estimates-table');
  if (!table) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var box = document.createElement('div'); box.className = 'controls';
  var label = document.createElement('label'); label.textContent = 'Filter: ';
  var input = document.createElement('input'); input.type = 'search';
  input.placeholder = 'outlet, producer, measure, flag…'; label.appendChild(input);
  var count = document.createElement('span'); count.setAttribute('aria-live', 'polite');
  box.appendChild(label); box.appendChild(count);
  table.parentNode.parentNode.insertBefore(box, table.parentNode);
  function filter() {
    var words = input.value.toLowerCase().split(/\\s+/).filter(Boolean), shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !keep; if (keep) shown++;
    });
    count.textContent = shown + ' of ' + rows.length + ' rows';
  }
  input.addEventListener('input', filter); filter();
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell, column) {
    var button = document.createElement('button'); button.type = 'button';
    while (cell.firstChild) button.appendChild(cell.firstChild);
    cell.appendChild(button);
    button.addEventListener('click', function () {
      var ascending = cell.getAttribute('aria-sort') !== 'ascending';
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
      cell.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      function key(row) { var c = row.cells[column]; return c.hasAttribute('data-sort') ? c.getAttribute('data-sort') : c.textContent.trim(); }
      rows.sort(function (a, b) {
        var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
        var order = (!isNaN(nx) && !isNaN(ny) && String(nx) === x && String(ny) === y) ? nx - ny
          : x.localeCompare(y, 'en', {numeric: true});
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
"""
DATA_FILES = (("estimates.csv", "every estimate, one row per printed number"),
              ("mentions.csv", "every number in the articles, with its status"),
              ("vocabulary.csv", "what each code in the tables means"),
              ("datapackage.json", "the tables' schema"))
IMAGE_FORMATS = ("png", "svg", "pdf")


def page(title: str, body: str, depth: int = 0, script: str = "", to_index: bool = True) -> str:
    """A complete page; depth is how many folders below reports/ it lives. A page for students
    (not to_index) has no link to the index, which leads to the teacher's version and the flags."""
    up = "../" * depth
    nav = f'<nav class="top"><a href="{up}index.html">← Report index</a></nav>\n' if to_index and title != TITLE else ""
    script = f"<script>{script}</script>\n" if script else ""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{nav}<main>\n{body}\n"
            f"</main>\n{script}</body>\n</html>\n")


NO_ALT = 'alt="No description has been provided for this image"'  # nbconvert's stand-in
CHART = re.compile(r'<img\b[^>]*src="data:image/png[^>]*>')


EMBEDDED = re.compile(r'src="data:image/png;base64,[^"]*"')


def linked_chart(picture: str, image_tag: str) -> str:
    """A chart as wide as the page, and on a phone wide enough to read (scrolled sideways in its
    box), linked to its PNG to open full size."""
    return (f'<div class="chart"><a href="{picture}" title="Open the chart full size">{image_tag}</a></div>'
            '<p class="source screen-only">On a phone, scroll the chart sideways; tap or click it to open it '
            'full size.</p>')


def with_chart_links(body: str, notebook: nbformat.NotebookNode) -> str:
    """Each chart with its own alt text, shown from its PNG in figures/ (the same bytes the
    notebook embeds, loaded once, not copied into the page) and linked to it full size; the alt
    text and the figure's name are kept in its output's metadata."""
    charts = iter([output.get("metadata", {}).get("image/png", {}) for cell in notebook.cells
                   for output in cell.get("outputs", []) if "image/png" in output.get("data", {})])

    def linked(image: re.Match) -> str:
        chart = next(charts, {})
        tag = image.group(0).replace(NO_ALT, f'alt="{html.escape(chart.get("alt") or "Chart")}"')
        if not chart.get("figure"):
            return tag
        picture = f"../figures/{html.escape(chart['figure'])}.png"
        tag = EMBEDDED.sub(f'src="{picture}"', tag)
        return linked_chart(picture, tag)

    return CHART.sub(linked, body)


@functools.cache
def reader_exporter() -> HTMLExporter:
    """nbconvert's exporter of notebooks for readers: outputs and prose, no code (one for every
    page: it compiles its templates once)."""
    return HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)


def prepare_pages() -> None:
    """Compile the exporter's templates, which the first page would otherwise wait for."""
    reader_exporter().from_notebook_node(nbformat.v4.new_notebook())


def notebook_page(path: Path, name: Path | None = None) -> tuple[str, str]:
    """(title, HTML) of an executed notebook for readers: outputs and prose, no code; one that is
    not a notebook stops with its name (name: how to call it, the path by default)."""
    try:
        return _reader_page(path.read_bytes(), path.stem)
    except NotANotebook as error:
        raise InputError(name or path, f"is not a notebook the build wrote ({error})", REBUILD) from None


class NotANotebook(Exception):
    """Bytes nbformat cannot read as a notebook (the name of what it raised)."""


@functools.lru_cache(maxsize=16)
def _reader_page(executed: bytes, stem: str) -> tuple[str, str]:
    """The page of an executed notebook's bytes: a run that did not change a notebook does not
    convert it again in the same process."""
    try:
        notebook = nbformat.reads(executed.decode("utf-8"), as_version=4)
    except Exception as error:  # not UTF-8, not JSON, not a notebook: nbformat raises many kinds
        raise NotANotebook(type(error).__name__) from None
    body, _ = reader_exporter().from_notebook_node(notebook)
    body = with_chart_links(body, notebook)
    title = next((line.lstrip("# ").strip() for cell in notebook.cells if cell.cell_type == "markdown"
                  for line in cell.source.splitlines() if line.startswith("# ")), stem)
    if stem.endswith(("-student", "-teacher")):
        version = f" ({stem.rsplit('-', 1)[1]} version)"
        title += version
        body = re.sub(r"(<h1\b[^>]*>)(.*?)(<a class=\"anchor-link\"|</h1>)",
                      lambda m: m.group(1) + m.group(2) + html.escape(version) + m.group(3), body, count=1)
    return title, page(title, body, to_index=not stem.endswith("-student"))


def figure_page(row, formats: list[str], notebook: tuple[str, str]) -> str:
    e = html.escape
    links = ", ".join(f'<a href="../../figures/{e(row.figure)}.{fmt}">{fmt.upper()}</a>' for fmt in formats)
    body = (f'<article class="figure-page"><h1>{e(row.title)}</h1>'
            + linked_chart(f"../../figures/{e(row.figure)}.png",
                           f'<img src="../../figures/{e(row.figure)}.png" alt="{e(row.alt_text)}">') +
            f"<h2>What the chart shows</h2><p>{e(row.alt_text)}</p><p class=\"source\">{e(row.source)}</p>"
            f"<h2>Files</h2><ul><li>The chart: {links}</li>"
            f'<li><a href="../../figures/{e(row.figure)}.csv">The rows drawn (CSV)</a>, each with its estimate id</li>'
            f'<li><a href="../../data/estimates.csv">The whole table (CSV)</a></li></ul>'
            f'<p>From the notebook <a href="../{e(notebook[1])}">{e(notebook[0])}</a>.</p></article>')
    return page(row.title, body, depth=1)


def notebook_link(notebook: str, pages: list[tuple[str, str]]) -> tuple[str, str]:
    """(title, href) of the page of the notebook that drew a figure (the student version of 04)."""
    return next(((title, href) for title, href in pages if href.startswith(notebook)), (notebook, f"{notebook}.html"))


def anecdote_note(estimates: pd.DataFrame) -> str:
    """'; 11 of the estimates are anecdotes (about one person or workplace), which the charts leave out'."""
    anecdotes = estimates[estimates.claim_type == "anecdote"].estimate_id.nunique()
    return (f"; {anecdotes} of the estimates are anecdotes ({ANECDOTE}), which the charts leave out"
            if anecdotes else "")


def estimates_table(estimates: pd.DataFrame, mentions: pd.DataFrame, registry) -> str:
    """Every estimate with its quote, the number as printed and in plain words; sortable."""
    e = html.escape
    kinds = mentions.set_index(["seed", "start"]).kind.to_dict()
    labels = registry.vocabularies["measure_label"]
    head = ("<thead><tr><th>Article</th><th>Quote</th><th>As printed</th><th>In plain numbers</th>"
            "<th>Measure</th><th>Year</th><th>Producer</th><th>Flags</th><th>Estimate id</th></tr></thead>")
    rows = []
    for r in estimates.itertuples():
        start, end = int(r.number_start) - int(r.start), int(r.number_end) - int(r.start)
        quote = (e(r.quote[:start]) + f"<mark>{e(r.quote[start:end])}</mark>" + e(r.quote[end:])
                 if 0 <= start < end <= len(r.quote) else e(r.quote))
        vague = kinds.get((r.seed, r.number_start)) == "vague"
        sort_value = r.value_low or r.value_high
        article = f"{page_name(r.seed)}#{mention_anchor(r.number_start)}"
        rows.append(
            f'<tr id="{row_anchor(r.estimate_id, r.number_start)}">'
            f'<td data-sort="{e(r.published)}"><a href="articles/{e(article)}">{e(outlet_name(r.outlet))}</a>, '
            f"{e(dated(r.published, r.date_basis))}</td><td class=\"quote\">{quote}</td><td>{e(r.number)}</td>"
            f'<td data-sort="{e(sort_value)}">{e(plain_value(r.value_low, r.value_high, r.qualifier, r.unit, vague))}</td>'
            f"<td>{e(labels.get(r.measure, r.measure))}</td><td>{e(r.year)}</td><td>{e(r.producer)}</td>"
            f"<td>{e(', '.join(term_words(f) for f in r.flags.split(';') if f))}</td>"
            f"<td><code>{e(r.estimate_id)}</code></td></tr>")
    return (f'<div class="scroll"><table id="estimates-table" class="estimates">{head}<tbody>{"".join(rows)}'
            "</tbody></table></div>")


def index_page(pages: list[tuple[str, str]], figures: pd.DataFrame, estimates: pd.DataFrame,
               mentions: pd.DataFrame, articles: list[tuple[str, str, str]], registry) -> str:
    e = html.escape
    sections = (("notebooks", "Notebooks"), ("articles", "Articles"), ("figures", "Figures"),
                ("estimates", "Every estimate"), ("data", "Data"))
    parts = [f"<h1>{TITLE}</h1>",
             "<p>Every estimate printed in the seed articles, traced to a verbatim quote, with charts of how "
             "the figures vary and how the methods behind them differ.</p>",
             '<nav class="contents" aria-label="Contents"><h2 id="contents">Contents</h2><ol>'
             + "".join(f'<li><a href="#{key}">{label}</a></li>' for key, label in sections) + "</ol></nav>",
             '<h2 id="notebooks">Notebooks</h2><ul>']
    parts += [f'<li><a href="{e(href)}">{e(title)}</a></li>' for title, href in pages]
    parts += ["</ul>", '<h2 id="articles">Articles</h2>',
              "<p>Each article's text with every number marked: estimates, excluded numbers and numbers not yet "
              "reviewed.</p><ul>"]
    parts += [f'<li><a href="articles/{e(href)}">{e(title)}</a> — {e(summary)}</li>' for title, href, summary in articles]
    parts += ["</ul>", '<h2 id="figures">Figures</h2><ul class="grid">']
    for row in figures.itertuples():
        parts.append(f'<li><a href="figures/{e(row.figure)}.html"><img src="../figures/{e(row.figure)}.png" '
                     f'alt=""><span>{e(row.title)}</span></a></li>')
    parts += ["</ul>", '<h2 id="estimates">Every estimate</h2>',
              f"<p>{estimates.estimate_id.nunique()} estimates in {len(estimates)} printed numbers"
              f"{anecdote_note(estimates)}. Each article links to the number in its text. The year is the one "
              "the figure describes; the article's date is beside its name. Click a column heading to sort; "
              "type to filter.</p>",
              estimates_table(estimates, mentions, registry), '<h2 id="data">Data</h2>', "<ul>"]
    parts += [f'<li><a href="../data/{name}">{name}</a>: {what}</li>' for name, what in DATA_FILES]
    parts.append("</ul>")
    return page(TITLE, "\n".join(parts), script=SORT_SCRIPT)


def article_pages(root: Path, out: Path, estimates: pd.DataFrame, mentions: pd.DataFrame, registry,
                  handout: tuple[str, str] | None = None) -> tuple[list[Path], list[tuple[str, str, str]]]:
    """Each article's annotated page, and its reading copy (linking back to the handout, (title, href))."""
    back = f'<nav class="top"><a href="../{html.escape(handout[1])}">← {html.escape(handout[0])}</a></nav>' \
        if handout else ""
    written, listing = [], []
    for seed in load_seeds(root / "seeds"):
        found = mentions[mentions.seed == seed.name].assign(start=lambda m: m.start.astype(int)).sort_values("start")
        title, body = article_body(seed, found, estimates[estimates.seed == seed.name], registry)
        target = out / "articles" / page_name(seed.name)
        write_text_atomic(target, page(title, body, depth=1))
        quotes = frozenset(estimates[estimates.seed == seed.name].start.astype(int))
        reading_title, reading_body = reading_copy(seed, quotes)
        reading = out / "articles" / reading_page_name(seed.name)
        write_text_atomic(reading, page(reading_title, back + reading_body, depth=1, to_index=False))
        written += [target, reading]
        counts = found.status.value_counts()
        outlet = outlet_name(seed.excerpts[0].outlet) or "new article"
        estimated = found[found.status == "estimate"].estimate_id.nunique()  # as the index counts them
        listing.append((f"{outlet}: {title}" if outlet not in title else title, target.name,
                        f"{estimated} estimates in {counts.get('estimate', 0)} printed numbers, "
                        f"{counts.get('excluded', 0)} numbers excluded, {counts.get('unreviewed', 0)} not yet reviewed"))
    return written, listing


def build(root: Path = Path("."), out: Path = Path("reports")) -> list[Path]:
    root, out = Path(root), Path(root) / out
    written, links = [], []
    for path in sorted((root / "notebooks/executed").glob("[0-9][0-9]-*.ipynb")):
        if path.name.endswith(".failed.ipynb"):
            continue
        title, text = notebook_page(path, path.relative_to(root))
        target = out / f"{path.stem}.html"
        write_text_atomic(target, text)
        written.append(target)
        links.append((title, target.name))
    figures = read_table(root / "figures/index.csv", INDEX_COLUMNS, "figures/index.csv")
    for row in figures.itertuples():
        formats = [f for f in IMAGE_FORMATS if (root / "figures" / f"{row.figure}.{f}").exists()]
        if "png" not in formats:  # every page shows a figure from its PNG
            raise InputError(f"figures/{row.figure}.png", "not found, though figures/index.csv lists it", REBUILD)
        target = out / "figures" / f"{row.figure}.html"
        write_text_atomic(target, figure_page(row, formats, notebook_link(row.notebook, links)))
        written.append(target)
    estimates = read_table(root / "data/estimates.csv", ESTIMATE_COLUMNS, "data/estimates.csv")
    mentions = read_table(root / "data/mentions.csv", MENTION_COLUMNS, "data/mentions.csv")
    registry = load_registry(root / "data/registry")
    handout = next((link for link in links if link[1].endswith("-student.html")), None)
    pages, articles = article_pages(root, out, estimates, mentions, registry, handout)
    written += pages
    write_text_atomic(out / "index.html", index_page(links, figures, estimates, mentions, articles, registry))
    stale = {p for folder in ("figures", "articles") for p in (out / folder).glob("*.html")} - set(written)
    for path in stale:
        path.unlink()
    return [out / "index.html", *written]
