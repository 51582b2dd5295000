"""Saving figures reproducibly: SVG, PNG and PDF at one fixed width per style, the CSV of the rows
drawn, and the figure index."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, SVG, Image
from matplotlib.transforms import Bbox

from .errors import InputError
from .files import atomic_path, folder_locked, write_text_atomic
from .tables import INDEX_COLUMNS
from .options import FORMATS, PRINT_WIDTHS_FIX, STYLES, WIDTH_NAMES, print_width_problems

INDEX = "index.csv"
MARGIN_INCHES = 0.1  # white space around every chart
# Okabe–Ito: distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]


def use_style(style: str, print_widths: dict | None = None) -> dict:
    """Deterministic, font-stable matplotlib settings for one output style; print_widths
    ({one_column: inches, two_column: inches}, from the parameter set) sets the print widths."""
    if style not in STYLES:
        raise InputError("style", f"unknown style '{style}'", f"Use one of {sorted(STYLES)}")
    settings = dict(STYLES[style])
    if problems := print_width_problems(style, print_widths):
        raise InputError("print_widths", problems[0], PRINT_WIDTHS_FIX)
    for name, inches in (print_widths or {}).items():
        settings[WIDTH_NAMES[name]] = float(inches)
    matplotlib.rcParams.update({
        "svg.hashsalt": "nkestimates", "svg.fonttype": "path", "text.parse_math": False, "font.family": "DejaVu Sans",
        "text.hinting": "no_hinting",
        "font.size": settings["font"], "axes.titlesize": settings["font"] + 3,
        "axes.titleweight": "bold", "axes.titlelocation": "left", "axes.spines.top": False,
        "axes.spines.right": False, "figure.dpi": 100, "savefig.dpi": settings["dpi"],
        "axes.axisbelow": True, "grid.color": "#dddddd", "grid.linewidth": 0.6,
    })
    return settings


def _options(fmt: str) -> dict:
    """savefig's options for one format: no date or software version (a rebuild gives the same
    bytes); PNGs at zlib level 3, which for these charts is quicker than the default and smaller."""
    metadata = {"svg": {"Date": None}, "png": {"Software": None}, "pdf": {"CreationDate": None}}[fmt]
    return {"metadata": metadata, **({"pil_kwargs": {"compress_level": 3}} if fmt == "png" else {})}


@dataclass
class Chart:
    """A drawn chart, with what its index row and page say of it and the rows it draws."""

    fig: plt.Figure
    name: str
    title: str
    alt_text: str
    source: str
    rows: pd.DataFrame


def layout_renderer(fig: plt.Figure):
    """The renderer every measurement of fig's layout uses. Matplotlib keeps the sizes of text per
    renderer and makes a new renderer whenever the figure is resized; one renderer at the
    figure's dpi measures each text once, however often the layout is fitted."""
    if getattr(fig, "nk_renderer", None) is None:
        fig.nk_renderer = fig.canvas.get_renderer()
    return fig.nk_renderer


def page_box(fig: plt.Figure) -> Bbox | str:
    """What to save, in inches: everything drawn, on a page exactly the chart's width wide."""
    width = getattr(fig, "nk_width", None)
    if width is None:
        return "tight"
    drawn_box = fig.get_tightbbox(layout_renderer(fig))
    left = drawn_box.x0 - MARGIN_INCHES
    return Bbox.from_extents(left, drawn_box.y0 - MARGIN_INCHES, left + width + 2 * MARGIN_INCHES,
                             drawn_box.y1 + MARGIN_INCHES)


@dataclass
class FigureIndex:
    """Figures written by one notebook; the shared index keeps other notebooks' rows."""

    folder: Path
    notebook: str
    formats: tuple[str, ...] = FORMATS
    rows: list[dict] = field(default_factory=list)

    def __post_init__(self):
        unknown = set(self.formats) - set(FORMATS)
        if unknown:
            raise InputError("formats", f"unknown output format {sorted(unknown)}", f"Use {list(FORMATS)}")
        self.folder = Path(self.folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def save(self, chart: Chart) -> Image | SVG:
        """Write the chart's .svg/.png and .csv (exactly the rows drawn), and index it; return the
        chart as saved, for the notebook to show without drawing it again."""
        box = page_box(chart.fig)
        for fmt in self.formats:
            with atomic_path(self.folder / f"{chart.name}.{fmt}") as temporary:
                chart.fig.savefig(temporary, format=fmt, bbox_inches=box, **_options(fmt))
        shown = self._shown(chart.fig, chart.name, box, chart.alt_text)
        write_text_atomic(self.folder / f"{chart.name}.csv", chart.rows.to_csv(index=False, lineterminator="\n"))
        self.rows.append({"figure": chart.name, "title": chart.title, "alt_text": chart.alt_text,
                          "source": chart.source, "notebook": self.notebook})
        plt.close(chart.fig)
        return shown

    def _shown(self, fig: plt.Figure, name: str, box: Bbox | str, alt_text: str) -> Image | SVG:
        """The saved PNG (or SVG) itself, at the size the screen shows a chart; a PNG drawn in
        memory only when neither format is saved."""
        if "png" not in self.formats and "svg" in self.formats:
            return SVG(data=(self.folder / f"{name}.svg").read_text(encoding="utf-8"))
        if "png" in self.formats:
            png = (self.folder / f"{name}.png").read_bytes()
        else:
            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", bbox_inches=box, **_options("png"))
            png = buffer.getvalue()
        pixels = int.from_bytes(png[16:20], "big")  # the width in the PNG's header
        return Image(data=png, format="png", metadata={"alt": alt_text, "figure": name},  # the report's <img alt>, link
                     width=round(pixels * matplotlib.rcParams["figure.dpi"] / matplotlib.rcParams["savefig.dpi"]))

    def write(self) -> pd.DataFrame:
        """Replace this notebook's rows in the index, delete its figures that are gone, and
        return this notebook's rows."""
        with folder_locked(self.folder):  # other notebooks may be updating the index at the same time
            return self._write()

    def _write(self) -> pd.DataFrame:
        path = self.folder / INDEX
        old = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(
            columns=INDEX_COLUMNS)
        mine = old[old.notebook == self.notebook]
        for gone in set(mine.figure) - {r["figure"] for r in self.rows}:
            for suffix in (*FORMATS, "csv"):
                (self.folder / f"{gone}.{suffix}").unlink(missing_ok=True)
        for row in self.rows:  # a format no longer asked for: its old file would be shown as the figure
            for suffix in set(FORMATS) - set(self.formats):
                (self.folder / f"{row['figure']}.{suffix}").unlink(missing_ok=True)
        index = pd.concat([old[old.notebook != self.notebook], pd.DataFrame(self.rows, columns=INDEX_COLUMNS)])
        index = index.sort_values("figure", kind="stable").reset_index(drop=True)
        buffer = io.StringIO()
        index.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        write_text_atomic(path, buffer.getvalue())
        return pd.DataFrame(self.rows, columns=INDEX_COLUMNS)


def figure_list(figures: pd.DataFrame) -> HTML:
    """The figures a notebook wrote, each title linked to its PNG (figures/ is beside the notebooks
    and the report's pages)."""
    items = "".join(f'<li><a href="../figures/{html.escape(row.figure)}.png">{html.escape(row.title)}</a></li>'
                    for row in figures.itertuples())
    return HTML(f'<ul class="figure-list">{items}</ul>')
