"""Charts of how the estimates vary: each estimate drawn as what it is.

A point is a dot (hollow when approximate), a range a bar, a bound a line from its value to the
edge of the axis with an arrowhead at the open side, and a vague quantity ("tens of thousands") a hatched band over the order of magnitude it
names. Titles and annotations are computed from the rows drawn.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullFormatter

from .figures import Chart, layout_renderer
from .tables import ESTIMATE_COLUMNS, MENTION_COLUMNS, read_table
from .numbers import OPEN_ABOVE, OPEN_BELOW
from .registry import Registry
from .wording import (ANECDOTE, LOWER_BOUNDS, UNIDENTIFIED_OUTLET, UPPER_BOUNDS, amount, dated, in_sentence,
                      listed, outlet_name, value_words, wrap_label)

FAMILY_COLOURS = {
    "measured": "#0072B2", "modelled or extrapolated": "#E69F00", "interviews or testimony": "#009E73",
    "official assessment or compilation": "#CC79A7", "no method given": "#8C8C8C",
}
DRAWN_COLUMNS = ["estimate_id", "seed", "number_start", "number", "value_low", "value_high", "qualifier", "unit", "measure",
                 "population", "year", "outlet", "published", "producer", "publication_id", "method", "claim_type", "flags"]


# --- the rows to draw ------------------------------------------------------------------------

def load_tables(data_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (read_table(Path(data_dir) / "estimates.csv", ESTIMATE_COLUMNS),
            read_table(Path(data_dir) / "mentions.csv", MENTION_COLUMNS))


def chart_rows(estimates: pd.DataFrame, mentions: pd.DataFrame, measures: list[str] | None = None,
               year_min: int | None = None, year_max: int | None = None,
               include_anecdotes: bool = False) -> pd.DataFrame:
    """One row per estimate (its US-dollar mention where one exists), filtered by the parameters."""
    rows = all_chart_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
    return rows[rows.hidden_by == ""].drop(columns="hidden_by").reset_index(drop=True)


def hidden_rows(estimates: pd.DataFrame, mentions: pd.DataFrame, measures: list[str] | None = None,
                year_min: int | None = None, year_max: int | None = None,
                include_anecdotes: bool = False) -> pd.DataFrame:
    """The rows a parameter keeps off the charts, with the parameter that hides each."""
    rows = all_chart_rows(estimates, mentions, measures, year_min, year_max, include_anecdotes)
    return rows[rows.hidden_by != ""].reset_index(drop=True)


def all_chart_rows(estimates: pd.DataFrame, mentions: pd.DataFrame, measures: list[str] | None,
                   year_min: int | None, year_max: int | None, include_anecdotes: bool) -> pd.DataFrame:
    """Every estimate as a chart row; hidden_by names the parameter that filters it out, if any."""
    kinds = mentions.set_index(["seed", "start"]).kind
    rows = estimates.assign(
        kind=[kinds.get((s, n), "") for s, n in zip(estimates.seed, estimates.number_start)],
        in_usd=estimates.unit.str.startswith("USD"),
    )
    rows = rows.sort_values(["estimate_id", "in_usd"], ascending=[True, False], kind="stable")
    rows = rows.drop_duplicates("estimate_id").drop(columns="in_usd")
    for column in ("value_low", "value_high", "year"):
        rows[column] = pd.to_numeric(rows[column], errors="coerce")
    rows["published_year"] = pd.to_numeric(rows.published.str[:4], errors="coerce")
    rows["outlet"] = rows.outlet.map(outlet_name)
    hidden_by = pd.Series("", index=rows.index)
    if not include_anecdotes:
        hidden_by[rows.claim_type == "anecdote"] = "include_anecdotes"
    # a figure of unknown year is filtered by the year its article was printed, the latest it can be
    undated = rows.year.isna()
    if year_min is not None:
        hidden_by[rows.year < year_min] = "year_min"
        hidden_by[undated & (rows.published_year < year_min)] = "year_min:undated"
    if year_max is not None:
        hidden_by[rows.year > year_max] = "year_max"
        hidden_by[undated & (rows.published_year > year_max)] = "year_max:undated"
    if measures:
        hidden_by[~rows.measure.isin(measures)] = "measures"
    rows["hidden_by"] = hidden_by
    return rows.sort_values(["published_year", "year", "seed", "number_start"], kind="stable").reset_index(drop=True)


def in_printed_order(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows by the dates their articles print, those that print none last (in the order the table
    dates them would tell the dates it infers)."""
    undated = rows.date_basis != "stated"
    return pd.concat([rows[~undated], rows[undated].sort_values(["seed", "number_start"], kind="stable")])


def context_rows(registry: Registry, measure: str, unit: str) -> pd.DataFrame:
    """Other credible estimates of one measure (data/registry/context.yaml), shaped like chart rows."""
    entries = [e for e in registry.context if e["measure"] == measure]
    rows = pd.DataFrame([{
        "estimate_id": "", "seed": "", "number_start": "", "number": e["note"] or "", "unit": unit,
        "value_low": e["value_low"], "value_high": e["value_high"], "qualifier": e["qualifier"] or "",
        "measure": measure, "year": e["year"], "outlet": e["producer"], "published": str(e["year"] or ""),
        "producer": e["producer"], "publication_id": "", "method": e["method"], "claim_type": "context",
        "flags": "", "kind": "", "published_year": e["year"], "evidence": " ".join(e["evidence_urls"]),
        "population": e["note"] or "", "population_group": "",
    } for e in entries])
    if rows.empty:
        return rows
    for column in ("value_low", "value_high", "year", "published_year"):
        rows[column] = pd.to_numeric(rows[column], errors="coerce")
    return rows.sort_values(["published_year", "producer"], kind="stable", na_position="last")


def shape(row) -> str:
    if row.kind == "vague":
        return "vague"
    if row.qualifier in OPEN_ABOVE:
        return "lower bound"
    if row.qualifier in OPEN_BELOW:
        return "upper bound"
    return "range" if row.value_low != row.value_high else "point"


AS_PRINTED_COLUMNS = [c for c in DRAWN_COLUMNS if c not in ("year", "producer", "publication_id", "method", "flags")]


def drawn(rows: pd.DataFrame, as_printed: bool = False) -> pd.DataFrame:
    """The columns of the rows drawn, as the figure's CSV holds them; as printed, only what the
    articles print (no date the table infers, nothing the research traced or flagged)."""
    if as_printed:
        return drawn(rows).assign(published=rows.published.where(rows.date_basis == "stated", ""))[AS_PRINTED_COLUMNS]
    out = rows[DRAWN_COLUMNS].copy()
    for column in ("value_low", "value_high"):
        out[column] = out[column].map(lambda v: "" if pd.isna(v) else f"{v:.10g}")
    out["year"] = out["year"].map(lambda v: "" if pd.isna(v) else str(int(v)))
    out["number_start"] = out["number_start"].astype(str)
    return out


# --- words and numbers -------------------------------------------------------------------------

def format_amount(value: float, unit: str) -> str:
    """For axis ticks: '10k', '2.6M', '60%', '$105M'."""
    return amount(value, unit, short=True)


def spell_amount(value: float, unit: str) -> str:
    """For titles and text: '60%', '200,000', '2.6 million', '$105 million'."""
    return amount(value, unit)


def describe_value(row, short: bool = False) -> str:
    """'about 60%', '70% to 80%', 'more than 60%', 'up to 200,000', '10,000 to 99,999 (vague)'."""
    return value_words(row.value_low, row.value_high, row.qualifier, row.unit, vague=shape(row) == "vague",
                       short=short)


LABEL_CHARACTERS = 30  # row labels wrap at this many characters


def is_own_publication(row, registry: Registry) -> bool:
    """Whether the printing is the producer's own publication: the outlet is the producer (Freedom
    House's report), or its publication, dated the same and named by the outlet (the 2020 Country
    Reports printing the figures of the bureau that wrote them)."""
    if row.outlet == row.producer:
        return True
    publication = registry.publications.get(row.publication_id) if row.publication_id else None
    return bool(publication) and str(publication.get("date_published") or "") == str(row.published) \
        and str(publication.get("title") or "").split(":")[0] in row.outlet


def attribution(row, registry: Registry, as_printed: bool = False) -> str:
    """Whom the article credits: 'cites X' only when it names X rightly, its own words when it
    describes or misnames X ('cites “rights groups” (X)', 'cites “Korean Future Initiative” (X)'); a
    figure traced without the article's help says so, and one whose attribution is unconfirmed says
    'probably' ('cites X (unconfirmed)' where the article names X rightly). As printed: the
    article's own words, and nothing traced."""
    if as_printed:
        return f"credits “{row.producer_as_written}”" if row.producer_as_written else "credits no source"
    producer = row.producer
    placeholder = registry.names_no_producer(producer)
    if placeholder:  # in a sentence: 'an unidentified report'
        producer = producer[0].lower() + producer[1:]
    if is_own_publication(row, registry):
        return f"its own figure ({producer})"
    flags = (row["flags"] if isinstance(row, pd.Series) else row.flags).split(";")  # a Series' .flags is pandas' own
    guess = registry.probable_producer(row.producer, row.publication_id, flags)
    probable = f"probably {guess}, unconfirmed" if guess else ""
    if row.producer_as_written and ("producer_misnamed" in flags or not registry.is_name(row.producer_as_written)):
        return f"cites “{row.producer_as_written}” ({probable or producer})"
    if row.producer_as_written:
        return f"cites {producer}" + (" (unconfirmed)" if probable else "")
    if row.publication_id:
        return f"cites no source ({probable or 'traced to ' + producer})"
    return "cites no source"


def printed_year(row, as_printed: bool = False) -> str:
    """The year a figure was printed, 'inferred 2019' where the table infers it; as printed,
    'undated' there (what the article itself shows)."""
    return dated(str(row.published)[:4], row.date_basis, as_printed)


def printed_outlet(row, as_printed: bool = False) -> str:
    """The outlet of a row; as printed, an unidentified website is told apart from another by its
    article's number (both are 'undated' then)."""
    return outlet_name(row.outlet, row.seed) if as_printed else row.outlet


def row_label(row, registry: Registry, with_population: bool = False, as_printed: bool = False) -> str:
    if row.claim_type == "context":
        return (f"{wrap_label(row.producer, LABEL_CHARACTERS)}, {printed_year(row)}\n"
                f"{wrap_label(row.population or 'other estimate', LABEL_CHARACTERS)}")
    label = (f"{wrap_label(printed_outlet(row, as_printed), LABEL_CHARACTERS)}, {printed_year(row, as_printed)}\n"
             f"{wrap_label(attribution(row, registry, as_printed), LABEL_CHARACTERS)}")
    return label + (f"\nof: {wrap_label(row.population, LABEL_CHARACTERS)}" if with_population else "")


def source_line(rows: pd.DataFrame, registry: Registry, as_printed: bool = False) -> str:
    """'Source: …' built from the rows drawn and the registry, never typed; as printed: with the
    dates the articles print and without the producers the research traced."""
    outlets = sorted({f"{r.outlet} ({printed_year(r, as_printed)})" for r in rows.itertuples()})
    text = "Source: figures as printed by " + "; ".join(outlets)
    producers = [] if as_printed else traced_producers(rows, registry)
    if producers:
        text += ". Traced to " + "; ".join(producers)
    return text + "."


def traced_publications(rows: pd.DataFrame, registry: Registry) -> list[dict]:
    return [registry.publications[pid] for pid in sorted(set(rows.publication_id) - {""})]


def traced_producers(rows: pd.DataFrame, registry: Registry) -> list[str]:
    """Each publication the rows trace to, as its producer's name and year, 'unconfirmed' where
    the research could not confirm it for any of the rows (flag attribution_unconfirmed)."""
    named = []
    for publication_id in sorted(set(rows.publication_id) - {""}):
        publication = registry.publications[publication_id]
        flags = rows["flags"][rows.publication_id == publication_id].str.split(";")
        unconfirmed = ", unconfirmed" if all("attribution_unconfirmed" in f for f in flags) else ""
        named.append(f"{registry.producers[publication['producer']]['name']} "
                     f"({publication['year'] or 'n.d.'}{unconfirmed})")
    return named


FOOTER_LINES = 3


def footer_text(rows: pd.DataFrame, registry: Registry, width: float, notes: list[str] = (),
                as_printed: bool = False) -> str:
    """The chart's footer, at most three lines: the full source when it fits, else a count of
    outlets and producers (the figure page and its data file list them)."""
    notes = " ".join(n for n in notes if n)
    full = f"{source_line(rows, registry, as_printed)} {notes}".strip()
    if len(textwrap.wrap(full, footer_characters(width))) <= FOOTER_LINES:
        return full
    years = rows.published_year.dropna()
    span = f", {int(years.min())}–{int(years.max())}" if len(years) else ""
    outlets = rows.outlet.where(rows.outlet != UNIDENTIFIED_OUTLET, rows.seed).nunique()  # each unidentified one
    producers = 0 if as_printed else len({publication["producer"] for publication in traced_publications(rows, registry)})
    traced = f"; traced to {producers} producer{'s' if producers != 1 else ''}" if producers else ""
    short = (f"Source: {len(rows)} printings by {outlets} outlets{span}{traced}. "  # a figure may be printed twice
             "Each outlet and producer is listed in the data file. " + notes).strip()
    return short


INTERVIEWED = "interviewed"  # hidden_by of a study's interviewees on a chart of populations (no parameter)
FLOW = "flow"  # hidden_by of a count of people a year on a chart of populations (no parameter)
FILTERED_OUT = {"year_min": "figure before the first year", "year_max": "figure after the last year",
                "year_min:undated": "figure of unknown year printed before the first year",
                "year_max:undated": "figure of unknown year printed after the last year",
                "measures": "figure of another measure"}


def filter_note(hidden: pd.DataFrame | None) -> str:
    """'Not shown: 2 anecdotes, figures about one person or workplace.' or 'Not shown: 1 figure
    before the first year (parameter year_min).' when a parameter filters the chart."""
    if hidden is None or hidden.empty:
        return ""
    parts = []
    for parameter, count in hidden.hidden_by.value_counts().sort_index().items():
        if parameter == "include_anecdotes":  # in words a reader knows, not a parameter's name
            parts.append(f"{count} anecdote{'s' if count > 1 else ''}, {'figures' if count > 1 else 'a figure'} "
                         f"{ANECDOTE}")
        elif parameter == INTERVIEWED:
            parts.append(f"{count} count{'s' if count > 1 else ''} of the people a study interviewed, "
                         "not of a population")
        elif parameter == FLOW:
            parts.append(f"{count} count{'s' if count > 1 else ''} of people a year, a flow rather than a group")
        else:
            noun = FILTERED_OUT[parameter]
            parts.append(f"{count} {noun.replace('figure ', 'figures ', 1) if count > 1 else noun} "
                         f"(parameter {parameter.split(':')[0]})")
    return "Not shown: " + "; ".join(parts) + "."


def family(method: str, registry: Registry) -> str:
    return registry.vocabularies["method_family"][method]


# --- drawing -------------------------------------------------------------------------------------

def _axis_limits(rows: pd.DataFrame, log: bool) -> tuple[float, float]:
    values = pd.concat([rows.value_low, rows.value_high]).dropna()
    if rows.unit.iloc[0].startswith("percent"):
        return 0, 100
    low, high = values.min(), values.max()
    if log:  # room on each side: a figure is never drawn at an edge, where a bound's arrow ends
        return 10 ** np.floor(np.log10(low) - 0.15), 10 ** np.ceil(np.log10(high) + 0.15)
    return 0, high * 1.25


def use_log_scale(rows: pd.DataFrame) -> bool:
    values = pd.concat([rows.value_low, rows.value_high]).dropna()
    return not rows.unit.iloc[0].startswith("percent") and values.min() > 0 and values.max() / values.min() >= 100


def format_axis(ax, unit: str, log: bool, axis: str = "x") -> None:
    target = ax.xaxis if axis == "x" else ax.yaxis
    if log:
        (ax.set_xscale if axis == "x" else ax.set_yscale)("log")
        target.set_major_locator(LogLocator(base=10))
        target.set_minor_formatter(NullFormatter())
    target.set_major_formatter(FuncFormatter(lambda v, _: format_amount(v, unit)))


def draw_estimate(ax, row, position: float, colour: str, limits: tuple[float, float], vertical: bool = False,
                  thickness: float = 0.5) -> None:
    """One estimate at position (y for horizontal charts, x for vertical ones)."""
    if row.claim_type == "context":
        return draw_context(ax, row, position, limits)

    def line(a, b, **kw):
        xs, ys = ([position, position], [a, b]) if vertical else ([a, b], [position, position])
        ax.plot(xs, ys, solid_capstyle="butt", **kw)

    def dot(v, filled=True):
        xy = (position, v) if vertical else (v, position)
        ax.plot(*xy, marker="o", markersize=8, color=colour, markerfacecolor=colour if filled else "white",
                markeredgewidth=2, zorder=3)

    def arrow(start, end):
        xy, xytext = ((position, end), (position, start)) if vertical else ((end, position), (start, position))
        ax.annotate("", xy=xy, xytext=xytext, arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 2,
                                                            "shrinkA": 0, "shrinkB": 0, "mutation_scale": 14},
                    zorder=2, annotation_clip=False)

    kind = shape(row)
    if kind == "vague":
        if vertical:
            ax.bar(position, row.value_high - row.value_low, bottom=row.value_low, width=thickness, color=colour,
                   alpha=0.3, hatch="///", edgecolor=colour, linewidth=1)
        else:
            ax.barh(position, row.value_high - row.value_low, left=row.value_low, height=thickness, color=colour,
                    alpha=0.3, hatch="///", edgecolor=colour, linewidth=1)
    elif kind == "range":
        line(row.value_low, row.value_high, color=colour, lw=6, alpha=0.9)
    elif kind == "lower bound":
        arrow(row.value_low, limits[1])
        dot(row.value_low)
    elif kind == "upper bound":
        arrow(row.value_high, limits[0])
        dot(row.value_high)
    else:
        dot(row.value_low, filled=row.qualifier != "about")


CONTEXT_COLOUR = "#333333"


def draw_context(ax, row, position: float, limits: tuple[float, float]) -> None:
    """Another producer's estimate: dashed and hollow, so it never passes for an article's figure."""
    style = {"color": CONTEXT_COLOUR, "lw": 1.5, "ls": (0, (3, 2))}
    diamond = {"marker": "D", "markersize": 7, "color": CONTEXT_COLOUR, "markerfacecolor": "white", "zorder": 3}
    kind = shape(row)
    if kind == "range":
        ax.plot([row.value_low, row.value_high], [position, position], **style)
        ax.plot([row.value_low, row.value_high], [position, position], ls="", **diamond)
    elif kind in ("lower bound", "upper bound"):
        value = row.value_low if kind == "lower bound" else row.value_high
        edge = limits[1] if kind == "lower bound" else limits[0]
        ax.annotate("", xy=(edge, position), xytext=(value, position), annotation_clip=False,
                    arrowprops={"arrowstyle": "-|>", "shrinkA": 0, "shrinkB": 0, **style})
        ax.plot(value, position, **diamond)
    else:
        ax.plot(row.value_low, position, **diamond)


BOUND_LABEL = "bound: arrow to the axis edge on its open side"


def legend_handles(families: list[str], shapes: list[str]) -> list:
    handles = [Patch(color=FAMILY_COLOURS[f], label=f) for f in families]
    samples = {
        "point": Line2D([], [], marker="o", color="#444444", linestyle="", markersize=7, label="point (hollow: about)"),
        "range": Line2D([], [], color="#444444", lw=6, label="range"),
        "lower bound": Line2D([], [], color="#444444", lw=2, marker=">", markersize=6, label=BOUND_LABEL),
        "upper bound": Line2D([], [], color="#444444", lw=2, marker=">", markersize=6, label=BOUND_LABEL),
        "vague": Patch(facecolor="#cccccc", hatch="///", edgecolor="#444444", label="vague (order of magnitude)"),
    }
    seen = []
    for s in shapes:
        if samples[s].get_label() not in [h.get_label() for h in seen]:
            seen.append(samples[s])
    return handles + seen


LABEL_WIDTH_INCHES = 2.6  # room the row labels take to the left of the axes, before fitting


def footer_characters(width: float) -> int:
    """How many characters of footer text fit on one line of a chart width inches wide."""
    return int(width * 72 / ((plt.rcParams["font.size"] - 2) * 0.6))


def new_axes(settings: dict, height: float):
    """A figure that is all axes; labels, titles and footer go around it and are kept by the
    tight bounding box on saving, so nothing overlaps or is clipped whatever its length."""
    fig = plt.figure(figsize=(max(settings["width"] - LABEL_WIDTH_INCHES, 2.0), height))
    return fig, fig.add_axes((0, 0, 1, 1))


def fit_width(fig, ax, width: float):
    """Widen or narrow the axes until the axes with their labels are width inches wide; the box
    they then take, in pixels."""
    fig.nk_width = width  # the width FigureIndex.save crops or pads every format to
    for _ in range(4):
        box = ax.get_tightbbox(layout_renderer(fig))
        excess = box.width / fig.dpi - width
        if -0.05 <= excess <= 0.01:
            return box
        fig.set_size_inches(max(fig.get_figwidth() - excess - 0.02, 1.0), fig.get_figheight())
    return ax.get_tightbbox(layout_renderer(fig))


def finish(fig, ax, title: str, subtitle: str, footer: str, handles: list, width: float) -> None:
    """Title (the finding) and subtitle (what is measured) above, legend and source below; the
    whole chart exactly width inches wide."""
    size = plt.rcParams["font.size"]
    box = fit_width(fig, ax, width).transformed(fig.transFigure.inverted())
    inches = lambda points: points / 72 / fig.get_figheight()
    wrap = int(width * 72 / (size * 0.6))
    sub = fig.text(box.x0, box.y1 + inches(10), "\n".join(textwrap.wrap(subtitle, wrap)), ha="left",
                   va="bottom", fontsize=size, color="#333333")
    ax.annotate("\n".join(textwrap.wrap(title, int(width * 72 / ((size + 3) * 0.62)))), xy=(0, 1), xycoords=sub, xytext=(0, 6),
                textcoords="offset points", ha="left", va="bottom", fontsize=size + 3, fontweight="bold",
                annotation_clip=False)
    anchor = fig.text(box.x0, box.y0 - inches(10), "", ha="left", va="top")
    if handles:
        anchor = fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(box.x0, box.y0 - inches(10)),
                            ncol=1 if width < 5 else 2, frameon=False, fontsize=size - 1, borderaxespad=0, handlelength=2.2)
    ax.annotate("\n".join(textwrap.wrap(footer, footer_characters(width))), xy=(0, 0), xycoords=anchor, xytext=(0, -8),
                textcoords="offset points", ha="left", va="top", fontsize=size - 2, color="#555555",
                annotation_clip=False)


PRINTED_COLOUR = "#0072B2"  # every figure drawn as printed: the method behind it is not shown


def range_chart(rows: pd.DataFrame, registry: Registry, settings: dict, as_printed: bool = False):
    """Every estimate of one measure, oldest at the top, coloured by method family; as printed:
    one colour, labelled with the dates and credits the articles print (nothing the table infers
    or the research traces)."""
    log = use_log_scale(rows)
    mixed = rows[rows.claim_type != "context"].population_group.nunique() > 1
    labels = [row_label(r, registry, mixed, as_printed) for r in rows.itertuples()]
    line = (settings["font"] - 1) * 1.25 / 72  # inches per label line
    fig, ax = new_axes(settings, 0.3 + len(rows) * max(0.55, line * (max(l.count("\n") for l in labels) + 1.6)))
    format_axis(ax, rows.unit.iloc[0], log)
    limits = _axis_limits(rows, log)
    ax.set_xlim(*limits)
    for position, row in enumerate(rows.itertuples()):
        colour = PRINTED_COLOUR if as_printed else FAMILY_COLOURS[family(row.method, registry)]
        draw_estimate(ax, row, position, colour, limits)
        anchor = row.value_high if not pd.isna(row.value_high) else row.value_low
        text = f"“{row.number}”" if row.claim_type != "context" else describe_value(row, short=True)
        ax.annotate(text, (anchor, position), xytext=(8, 7), textcoords="offset points",
                    fontsize=settings["font"] - 1, color="#222222", va="bottom",
                    fontstyle="italic" if row.claim_type == "context" else "normal")
    first_context = (rows.claim_type == "context").idxmax() if (rows.claim_type == "context").any() else None
    if first_context is not None:
        ax.axhline(first_context - 0.5, color="#999999", lw=0.8)
        ax.annotate("below: other producers' estimates, not printed in the articles",
                    (0.005, first_context - 0.53), xycoords=("axes fraction", "data"), va="bottom",
                    fontsize=settings["font"] - 2, color="#555555", fontstyle="italic")
    ax.set_yticks(range(len(rows)), labels, fontsize=settings["font"] - 1)
    ax.set_ylim(len(rows) - 0.4, -0.8)
    ax.grid(axis="x")
    ax.tick_params(axis="y", length=0)
    articles = rows[rows.claim_type != "context"]
    families = [] if as_printed else sorted({family(m, registry) for m in articles.method},
                                            key=list(FAMILY_COLOURS).index)
    handles = legend_handles(families, sorted({shape(r) for r in articles.itertuples()}))
    if as_printed:  # one colour for every printed figure: the method behind it is not shown
        handles.insert(0, Patch(color=PRINTED_COLOUR, label="figure as an article printed it"))
    if first_context is not None:
        handles.append(Line2D([], [], color=CONTEXT_COLOUR, ls=(0, (3, 2)), marker="D", markerfacecolor="white",
                              label="other estimate (context, not in the articles)"))
    return fig, ax, handles


def timeline_chart(rows: pd.DataFrame, registry: Registry, settings: dict):
    """Figures by the year they were printed; a printing of an estimate printed before is joined to
    its first printing."""
    log = use_log_scale(rows)
    fig, ax = new_axes({**settings, "width": settings["narrow_width"]}, 3.6)
    format_axis(ax, rows.unit.iloc[0], log, axis="y")
    limits = _axis_limits(rows, log)
    ax.set_ylim(*limits)
    years = rows.published_year
    ax.set_xlim(years.min() - 1, years.max() + 1.5)
    labels = []
    for row, repeat in zip(rows.itertuples(), repeats(rows, same_estimate=True)):
        colour = FAMILY_COLOURS[family(row.method, registry)]
        draw_estimate(ax, row, row.published_year, colour, limits, vertical=True)
        anchor = row.value_high if not pd.isna(row.value_high) else row.value_low
        label = f"{wrap_label(row.outlet, 24)}\n{wrap_label('“' + row.number + '”', 24)}"
        right_half = row.published_year > (years.min() + years.max()) / 2
        labels.append(ax.annotate(label, (row.published_year, anchor), xytext=(-6 if right_half else 6, 4),
                                  textcoords="offset points", fontsize=settings["font"] - 2, va="bottom",
                                  ha="right" if right_half else "left"))
        if repeat is not None:
            first = rows.loc[repeat]
            ax.plot([first.published_year, row.published_year], [repeated_value(first)] * 2, color="#555555",
                    lw=1, ls="--", zorder=1)
    separate_labels(fig, labels)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4 if settings["narrow_width"] < 5 else "auto"))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:.0f}"))
    ax.grid(axis="y")
    ax.set_xlabel("Year printed")
    families = sorted({family(m, registry) for m in rows.method}, key=list(FAMILY_COLOURS).index)
    handles = legend_handles(families, sorted({shape(r) for r in rows.itertuples()}))
    handles.append(Line2D([], [], color="#555555", lw=1, ls="--", label="same estimate printed again"))
    return fig, ax, handles


def separate_labels(fig, labels: list, directions: list[int] | None = None) -> None:
    """Move each label (up, or down where its direction is -1) until it overlaps none placed before."""
    renderer = layout_renderer(fig)
    placed = []
    for label, direction in zip(labels, directions or [1] * len(labels)):
        x, y = label.get_position()
        box = label.get_window_extent(renderer)
        while any(box.overlaps(other) for other in placed):
            y += 6 * direction
            label.set_position((x, y))
            box = label.get_window_extent(renderer)
        placed.append(box)


def repeated_value(row) -> float:
    return row.value_high if not pd.isna(row.value_high) else row.value_low


def repeats(rows: pd.DataFrame, same_estimate: bool = False) -> list:
    """For each row, the index of an earlier-printed row with the same figure, or None; with
    same_estimate, only where both trace to one publication (a figure whose source is unknown may
    be another estimate of the same number)."""
    result, seen = [], {}
    for index, row in rows.iterrows():
        key = (repeated_value(row), row.publication_id if same_estimate else "")
        earlier = seen.get(key)
        traced = not same_estimate or bool(row.publication_id)
        result.append(earlier if earlier is not None and shape(row) != "vague" and traced else None)
        if shape(row) != "vague":
            seen.setdefault(key, index)
    return result


def overview_chart(rows: pd.DataFrame, registry: Registry, settings: dict):
    """Every count of people on a log axis: a group of rows per measure, largest measure first."""
    labels = registry.vocabularies["measure_label"]
    largest = rows.value_high.fillna(rows.value_low).groupby(rows.measure).max()
    measures = largest.sort_values(ascending=False).index.tolist()
    positions, centres, y = [], {}, 0.0
    for measure in measures:
        count = (rows.measure == measure).sum()
        centres[measure] = y + 0.35 * (count - 1) / 2
        positions += [(measure, y + 0.35 * i) for i in range(count)]
        y += 0.35 * (count - 1) + 0.9
    fig, ax = new_axes(settings, 0.3 + 0.42 * y)
    format_axis(ax, "people", log=True)
    limits = _axis_limits(rows.assign(unit="people"), log=True)
    ax.set_xlim(*limits)
    slots = iter(p for m in measures for (mm, p) in positions if mm == m)
    ordered = pd.concat([rows[rows.measure == m] for m in measures])
    for row, position in zip(ordered.itertuples(), slots):
        draw_estimate(ax, row, position, FAMILY_COLOURS[family(row.method, registry)], limits, thickness=0.28)
    ax.set_yticks(list(centres.values()), [labels[m] for m in measures])
    ax.set_ylim(y - 0.6, -0.5)
    ax.grid(axis="x")
    ax.tick_params(axis="y", length=0)
    families = sorted({family(m, registry) for m in rows.method}, key=list(FAMILY_COLOURS).index)
    return fig, ax, legend_handles(families, sorted({shape(r) for r in rows.itertuples()}))


# --- the charts of notebook 02, with titles and alt text computed from the rows ---------------

def _extent(rows: pd.DataFrame) -> tuple[float, float]:
    lows = rows.value_low.fillna(rows.value_high)
    highs = rows.value_high.fillna(rows.value_low)
    return lows.min(), highs.max()


def _extent_words(rows: pd.DataFrame) -> tuple[str, str]:
    """The lowest and highest figure for a title: a vague end in the article's own words."""
    unit = rows.unit.iloc[0]
    lows, highs = rows.value_low.fillna(rows.value_high), rows.value_high.fillna(rows.value_low)
    ends = []
    for values, pick in ((lows, lows.idxmin()), (highs, highs.idxmax())):
        row = rows.loc[pick]
        ends.append(f"“{row.number.lower()}”" if row.kind == "vague" else spell_amount(values[pick], unit))
    return ends[0], ends[1]


def _spread(rows: pd.DataFrame) -> str:
    """How far the figures spread, for a title: 'range from 60% to 80%', 'all say 200,000'; a few
    figures of which one is open below ('up to 200,000') are each named, so that no bound reads as
    lying within the range of the others."""
    open_below = rows.value_low.isna() & rows.value_high.notna() & (rows.kind != "vague")
    if open_below.any() and not _one_number(rows) and len(rows) <= 3:
        described = list(dict.fromkeys(describe_value(r) for r in rows.itertuples()))
        if len(described) > 1:
            return ": " + listed(described, "and")
    low_words, high_words = _extent_words(rows)
    return f" range from {low_words} to {high_words}" if low_words != high_words else _agreement(rows, low_words)


BOUND_WORDS = {q: f"“{words}”" for q, words in {**LOWER_BOUNDS, **UPPER_BOUNDS}.items()}


def _one_number(rows: pd.DataFrame) -> bool:
    """Whether every figure prints the same number (whatever its qualifier)."""
    return pd.concat([rows.value_low, rows.value_high]).dropna().nunique() == 1


def _agreement(rows: pd.DataFrame, words: str) -> str:
    """How figures whose lowest and highest ends read the same agree: each gives that figure
    (whatever its qualifier), or each lies within the vague amount that makes both ends."""
    every = "both" if len(rows) == 2 else "all"
    identical = _one_number(rows) or len(rows[["value_low", "value_high", "kind"]].drop_duplicates()) == 1
    if not identical:
        return f", {every} within {words}"
    bounds = [BOUND_WORDS[q] for q in rows.qualifier if q in BOUND_WORDS]  # the same number as a bound
    count = "one" if len(bounds) == 1 else len(bounds)
    as_bound = f" ({count} as {listed(sorted(set(bounds)), 'or')})" if bounds else ""
    return f" {every} say {words}{as_bound}"


def printed_value(row) -> str:
    """The value as the article prints it: '60%', or its words where it prints a span of clock
    times ('“from 5 am to 8 pm”, read as 15 hours per day')."""
    return f"“{row.number}”, read as {describe_value(row)}," if row.kind == "time" else describe_value(row)


def _alt_items(rows: pd.DataFrame, registry: Registry, as_printed: bool = False) -> str:
    def credit(row) -> str:
        words = attribution(row, registry, as_printed)
        return "is " + words if words.startswith("its own") else words  # "prints 20 and is its own figure"

    items = "; ".join(f"{printed_outlet(r, as_printed)} ({printed_year(r, as_printed)}) prints {printed_value(r)} and "
                      f"{credit(r)}" for r in rows.itertuples())
    return items[:1].upper() + items[1:]  # a sentence of the alt text: "Unidentified website (…) prints …"


def measure_groups(rows: pd.DataFrame) -> list[tuple[str, pd.DataFrame]]:
    """Measures with two or more estimates in one unit (a figure in another unit is left out)."""
    groups = []
    for measure, group in rows.groupby("measure", sort=True):
        unit = group.unit.value_counts().index[0]
        same_unit = group[group.unit == unit]
        if len(same_unit) >= 2:
            groups.append((measure, same_unit))
    return groups


def measure_chart(measure: str, rows: pd.DataFrame, registry: Registry, settings: dict,
                  left_out: int = 0, show_context: bool = False, name_prefix: str = "02-estimates",
                  hidden: pd.DataFrame | None = None, as_printed: bool = False) -> Chart:
    """Every printed figure of one measure (see range_chart), titled with how far they spread."""
    label = in_sentence(registry.vocabularies["measure_label"][measure])
    unit = rows.unit.iloc[0]
    rows = in_printed_order(rows) if as_printed else rows
    context = context_rows(registry, measure, unit) if show_context else pd.DataFrame()
    groups = rows.population_group.nunique()  # "of 3 different groups": the reader sees they are not one quantity
    title = f"{len(rows)} printed figures for {label}{f', of {groups} different groups,' if groups > 1 else ''}{_spread(rows)}"
    own = [is_own_publication(row, registry) for row in rows.itertuples()]
    top = rows[rows.producer_as_written.map(registry.is_name) & ~pd.Series(own, index=rows.index, dtype=bool)
               ].producer.value_counts()  # named, not described, and not the report's own figures
    if len(top) and top.iloc[0] >= 2 and not as_printed:
        title += f"; {top.iloc[0]} of them cite {top.index[0]}"
    if len(context):
        low, high = context.value_low.fillna(context.value_high).min(), context.value_high.fillna(context.value_low).max()
        others = spell_amount(low, unit) if low == high else f"{spell_amount(low, unit)} to {spell_amount(high, unit)}"
        title += f"; other estimates: {others}"
    undated = "; undated ones last." if rows.published_year.isna().any() else "."
    subtitle = registry.vocabularies["measure"][measure] + " Oldest printing at the top" + (
        undated if as_printed else "; colour: the method behind each figure.") + (
        " Log scale: each step is ten times the last." if use_log_scale(pd.concat([rows, context])) else "")
    notes = [f"Not drawn: {left_out} {'figure' if left_out == 1 else 'figures'} in another unit." if left_out else "",
             filter_note(hidden)]
    table = drawn(rows, as_printed)
    credit = ""  # the other producers, credited in the footer and in the source line alike
    if len(context):  # what the other estimates count is the reader's to judge (a question of notebook 04)
        subtitle += " Below the line, as hollow diamonds: other producers' published estimates, for context."
        credit = "Other estimates, as reported in secondary coverage: " + "; ".join(
            f"{r.producer} ({'undated' if pd.isna(r.year) else int(r.year)})" for r in context.itertuples()) + "."
        notes.append(credit)
        table = pd.concat([table.assign(drawn_from="data/estimates.csv"),
                           drawn(context).assign(drawn_from="data/registry/context.yaml")], ignore_index=True)
    fig, ax, handles = range_chart(pd.concat([rows, context], ignore_index=True), registry, settings, as_printed)
    finish(fig, ax, title, subtitle, footer_text(rows, registry, settings["width"], notes, as_printed), handles,
           settings["width"])
    alt = f"Chart of {len(rows)} figures for {label}, each drawn as printed. {_alt_items(rows, registry, as_printed)}. {title}."
    if len(context):
        alt += " Other estimates for context: " + "; ".join(
            f"{r.producer} ({'n.d.' if pd.isna(r.year) else int(r.year)}): {describe_value(r)}"
            for r in context.itertuples()) + "."
    source = " ".join(filter(None, (source_line(rows, registry, as_printed), credit)))
    return Chart(fig, f"{name_prefix}-{measure.replace('_', '-')}", title, alt, source, table)


def timeline_measures(rows: pd.DataFrame, min_years: int = 3) -> list[str]:
    """Measures printed in at least min_years different years."""
    years = rows.groupby("measure").published_year.nunique()
    return sorted(years[years >= min_years].index)


def timeline(measure: str, rows: pd.DataFrame, registry: Registry, settings: dict,
             hidden: pd.DataFrame | None = None) -> Chart:
    label = in_sentence(registry.vocabularies["measure_label"][measure])
    rows = rows.reset_index(drop=True)
    first, last = int(rows.published_year.min()), int(rows.published_year.max())
    repeated = [i for i in repeats(rows) if i is not None]
    if repeated:
        first_row = rows.loc[pd.Series(repeated).mode().iloc[0]]
        group = [first_row.name] + [row for row, source in enumerate(repeats(rows)) if source == first_row.name]
        years = rows.loc[group].published_year
        value = spell_amount(repeated_value(first_row), first_row.unit)
        times = {2: "twice", 3: "three times"}.get(len(group), f"{len(group)} times")
        sources = rows.loc[group].publication_id.fillna("")
        repeated_only = sources.nunique() == 1 and sources.iloc[0] != ""  # each printing traced to one estimate
        title = (f"The figure of {value} {label} was printed {times} from {int(years.min())} to "
                 f"{int(years.max())}" + (", repeated rather than re-measured" if repeated_only else ""))
    else:
        title = f"Figures for {label} printed from {first} to {last}"
    subtitle = registry.vocabularies["measure"][measure] + " By the year each figure was printed."
    fig, ax, handles = timeline_chart(rows, registry, settings)
    footer = footer_text(rows, registry, settings["narrow_width"], [filter_note(hidden)])
    finish(fig, ax, title, subtitle, footer, handles, settings["narrow_width"])
    alt = f"Timeline of {len(rows)} figures for {label} printed {first}-{last}. {_alt_items(rows, registry)}. {title}."
    return Chart(fig, f"02-timeline-{measure.replace('_', '-')}", title, alt, source_line(rows, registry),
                 drawn(rows))


def nothing_to_draw(name: str, what: str, settings: dict) -> Chart:
    """The figure for an empty selection: it says there is nothing to draw, and why."""
    fig, ax = new_axes(settings, 0.8)
    ax.set_axis_off()
    title = f"Nothing to draw: no {what} in this selection"
    subtitle = "The parameters (measures, year_min, year_max, include_anecdotes) leave no figure of this kind."
    finish(fig, ax, title, subtitle, "Widen the selection to draw this chart.", [], settings["width"])
    return Chart(fig, name, title, f"{title}. {subtitle}", "", pd.DataFrame(columns=DRAWN_COLUMNS))


def overview(rows: pd.DataFrame, registry: Registry, settings: dict, hidden: pd.DataFrame | None = None) -> Chart:
    """Every count of a group of people; the people a study interviewed (45 victims) are not a
    population, nor is a count of people a year a group: the footer says they are left out."""
    counted = rows[rows.unit == "people"]
    interviewees = counted.population_group == "study_participants"
    people = counted[~interviewees]
    flows = rows[rows.unit.str.startswith("people per ")]
    if people.empty:
        return nothing_to_draw("02-overview-counts", "counts of people", settings)
    low, high = _extent(people)
    low_words, high_words = _extent_words(people)
    orders = np.log10(high / low)
    spread = f"span {orders:.1f} orders of magnitude" if orders >= 1 else f"differ by a factor of {high / low:.1f}"
    title = f"Counts of people in these articles {spread}, from {low_words} to {high_words}"
    subtitle = ("Every figure that counts a group of people, on a log scale: one group per measure, its "
                "figures one below another, oldest at the top. Colour: the method behind each figure.")
    fig, ax, handles = overview_chart(people, registry, settings)
    left_out = (counted[interviewees].assign(hidden_by=INTERVIEWED), flows.assign(hidden_by=FLOW))
    hidden = pd.concat([frame for frame in (hidden, *left_out) if frame is not None])
    hidden = hidden[hidden.unit.str.startswith("people")]
    footer = footer_text(people, registry, settings["width"], [filter_note(hidden)])
    finish(fig, ax, title, subtitle, footer, handles, settings["width"])
    alt = (f"Overview of {len(people)} figures counting people across "
           f"{people.measure.nunique()} measures on a log scale. {title}.")
    return Chart(fig, "02-overview-counts", title, alt, source_line(people, registry), drawn(people))
