"""The HTML report: every executed notebook as a reader's page (no code), every figure with its
alt text, and the data files. Self-contained: opens from the file system, loads nothing from the
network, and rebuilds byte for byte."""

from __future__ import annotations

import html
from pathlib import Path

import nbformat
import pandas as pd
from nbconvert import HTMLExporter

from .files import write_text_atomic

STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.8em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; }
figure { margin: 1.5em 0 2.5em; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.9em; color: #444; } .source { color: #666; font-size: 0.85em; }
table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ddd; padding: 3px 6px;
       vertical-align: top; } pre { white-space: pre-wrap; }
nav a { margin-right: 1em; }
"""
DATA_FILES = ("estimates.csv", "mentions.csv", "vocabulary.csv", "datapackage.json")


def page(title: str, body: str, back: bool = True) -> str:
    nav = '<nav><a href="index.html">← Report index</a></nav>\n' if back else ""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{nav}{body}\n</body>\n</html>\n")


def notebook_page(path: Path) -> tuple[str, str]:
    """(title, HTML) of an executed notebook for readers: outputs and prose, no code."""
    notebook = nbformat.read(path, as_version=4)
    exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                            exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(notebook)
    title = next((line.lstrip("# ").strip() for cell in notebook.cells if cell.cell_type == "markdown"
                  for line in cell.source.splitlines() if line.startswith("# ")), path.stem)
    if path.stem.endswith(("-student", "-teacher")):
        title += f" ({path.stem.rsplit('-', 1)[1]} version)"
    return title, page(title, body)


def index_page(pages: list[tuple[str, str]], figures: pd.DataFrame, estimates: pd.DataFrame) -> str:
    e = html.escape
    parts = ["<h1>How the news counts North Korean human trafficking</h1>",
             "<p>Every estimate printed in five news articles, traced to a verbatim quote, with charts of how "
             "the figures vary and how the methods behind them differ.</p>",
             "<h2>Notebooks</h2>", "<ul>"]
    parts += [f'<li><a href="{e(href)}">{e(title)}</a></li>' for title, href in pages]
    parts += ["</ul>", "<h2>Figures</h2>"]
    for row in figures.itertuples():
        parts.append(
            f'<figure id="{e(row.figure)}"><img src="../figures/{e(row.figure)}.png" alt="{e(row.alt_text)}">'
            f"<figcaption><strong>{e(row.title)}</strong><br>{e(row.alt_text)}<br>"
            f'<span class="source">{e(row.source)} Files: <a href="../figures/{e(row.figure)}.svg">SVG</a>, '
            f'<a href="../figures/{e(row.figure)}.png">PNG</a>, '
            f'<a href="../figures/{e(row.figure)}.csv">data drawn (CSV)</a>.</span></figcaption></figure>')
    parts += ["<h2>Data</h2>", "<ul>"]
    parts += [f'<li><a href="../data/{name}">{name}</a></li>' for name in DATA_FILES]
    parts += ["</ul>", "<h2>Every estimate</h2>", "<table><tr><th>id</th><th>quote</th><th>value</th>"
              "<th>outlet</th><th>producer</th><th>flags</th></tr>"]
    for row in estimates.itertuples():
        value = "–".join(v for v in dict.fromkeys([row.value_low, row.value_high]) if v) or ""
        parts.append(f"<tr><td>{e(row.estimate_id)}</td><td>{e(row.quote)}</td><td>{e(value)} {e(row.unit)}</td>"
                     f"<td>{e(row.outlet)} ({e(row.published)})</td><td>{e(row.producer)}</td>"
                     f"<td>{e(row.flags)}</td></tr>")
    parts.append("</table>")
    return page("How the news counts North Korean human trafficking", "\n".join(parts), back=False)


def build(root: Path = Path("."), out: Path = Path("reports")) -> list[Path]:
    root, out = Path(root), Path(root) / out
    written, links = [], []
    for path in sorted((root / "notebooks/executed").glob("[0-9][0-9]-*.ipynb")):
        if path.name.endswith(".failed.ipynb"):
            continue
        title, text = notebook_page(path)
        target = out / f"{path.stem}.html"
        write_text_atomic(target, text)
        written.append(target)
        links.append((title, target.name))
    figures = pd.read_csv(root / "figures/index.csv", dtype=str, keep_default_na=False)
    estimates = pd.read_csv(root / "data/estimates.csv", dtype=str, keep_default_na=False)
    write_text_atomic(out / "index.html", index_page(links, figures, estimates))
    return [out / "index.html", *written]
