"""Charts of how the methods behind the figures differ (notebook 03)."""

from __future__ import annotations

import re
import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import PatchCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .charts import (FAMILY_COLOURS, Chart, drawn, filter_note, finish, footer_text, new_axes, nothing_to_draw,
                     printed_year, source_line, spell_amount)
from .wording import listed, outlet_name, term_words, wrap_label
from .registry import Registry
from .transparency import CHECKS

CHANGE_COLOUR = "#D55E00"  # Okabe–Ito vermillion: what changed on the way
YES, NO = "#0072B2", "#E8E8E8"


def method_by_measure(rows: pd.DataFrame, registry: Registry, settings: dict,
                      hidden: pd.DataFrame | None = None) -> Chart:
    """Which methods stand behind which measures: a dot per measure and method, sized by count."""
    if rows.empty:
        return nothing_to_draw("03-method-by-measure", "estimates", settings)
    labels, families = registry.vocabularies["measure_label"], registry.vocabularies["method_family"]
    counts = rows.groupby(["measure", "method"]).size().rename("estimates").reset_index()
    methods = sorted(counts.method.unique(), key=lambda m: (list(FAMILY_COLOURS).index(families[m]), m))
    measures = sorted(counts.measure.unique(), key=lambda m: labels[m].casefold())  # as a reader alphabetises
    fig, ax = new_axes(settings, 0.4 + 0.3 * len(measures))
    for c in counts.itertuples():
        x, y = methods.index(c.method), measures.index(c.measure)
        ax.scatter(x, y, s=60 + 70 * (c.estimates - 1), color=FAMILY_COLOURS[families[c.method]], zorder=3)
        if c.estimates > 1:
            ax.annotate(str(c.estimates), (x, y), ha="center", va="center", color="white",
                        fontsize=settings["font"] - 2, fontweight="bold", zorder=4)
    ax.set_xticks(range(len(methods)), [term_words(m) for m in methods], rotation=40, ha="left",
                  fontsize=settings["font"] - 1)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(measures)), [labels[m] for m in measures], fontsize=settings["font"] - 1)
    ax.set_xlim(-0.6, len(methods) - 0.4)
    ax.set_ylim(len(measures) - 0.5, -0.5)
    ax.grid(True)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    unsupported = rows.method[rows.method.map(families).eq("no method given")]
    measured = rows.method[rows.method.map(families).eq("measured")]
    named = lambda methods: ", ".join(term_words(m) for m in sorted(set(methods)))
    title = (f"{len(unsupported)} of {len(rows)} estimates rest on no stated method ({named(unsupported)}); "
             f"only {len(measured)} on a measurement ({named(measured)})")
    subtitle = ("How each estimate was produced (columns), by what it measures (rows); dot size and "
                "number: how many estimates. Colour: method family.")
    present = sorted({families[m] for m in methods}, key=list(FAMILY_COLOURS).index)
    handles = [Patch(color=FAMILY_COLOURS[f], label=f) for f in present]
    footer = footer_text(rows, registry, settings["width"],
                         ["Methods as described by the articles and the source registry.", filter_note(hidden)])
    finish(fig, ax, title, subtitle, footer, handles, settings["width"])
    alt = (f"Matrix of {len(rows)} estimates by method and measure. "
           + "; ".join(f"{labels[c.measure]}: {c.estimates} by {term_words(c.method)}"
                       for c in counts.itertuples()) + f". {title}.")
    return Chart(fig, "03-method-by-measure", title, alt, source_line(rows, registry), drawn(rows))


def transparency_matrix(table: pd.DataFrame, rows: pd.DataFrame, registry: Registry, settings: dict,
                        hidden: pd.DataFrame | None = None) -> Chart:
    """One row per estimate, one column per check: what a reader can verify."""
    if table.empty:
        return nothing_to_draw("03-transparency", "estimates", settings)
    checks = list(CHECKS)
    fig, ax = new_axes(settings, 0.3 + 0.24 * len(table))
    passed = table[checks].to_numpy()
    colours = [YES if ok else NO for ok in passed.ravel()]  # one artist for every cell: quick to lay out and draw
    ax.add_collection(PatchCollection([plt.Rectangle((x - 0.42, y - 0.4), 0.84, 0.8) for y, x in np.ndindex(passed.shape)],
                                      facecolors=colours, edgecolors=colours), autolim=False)
    for y, score in enumerate(table.score):
        ax.annotate(f"{score}/6", (len(checks) - 0.3, y), va="center", fontsize=settings["font"] - 2)
    labels = pd.Series([f"{wrap_label(outlet_name(r.outlet), 200)}, {printed_year(r)}: “{r.number}”"
                        for r in table.itertuples()])
    twins = labels.str.lower().duplicated(keep=False)  # "thousands" of women and of defectors: say of what
    measures = table.measure.map(registry.vocabularies["measure_label"]).reset_index(drop=True)
    labels = labels.where(~twins, labels + " (" + measures + ")")
    ax.set_yticks(range(len(table)), labels, fontsize=settings["font"] - 2)
    ax.set_xticks(range(len(checks)), checks, fontsize=settings["font"] - 2, rotation=35, ha="left",
                  rotation_mode="anchor")
    ax.xaxis.tick_top()
    ax.set_xlim(-0.5, len(checks) + 0.2)
    ax.set_ylim(len(table) - 0.5, -0.5)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    full = (table.score == len(checks)).sum()
    weakest = table.score.min()
    title = (f"{full} of {len(table)} estimates pass all six transparency checks; "
             f"{(table.score == weakest).sum()} pass only {weakest}")
    subtitle = ("For each estimate (rows, most transparent first), whether a reader can check who produced it, "
                "from which publication, how, on how many people, for which population and which year.")
    handles = [Patch(color=YES, label="yes"), Patch(color=NO, label="no")]
    footer = footer_text(rows, registry, settings["width"],
                         ["Checks computed from the table's source and method columns.", filter_note(hidden)])
    finish(fig, ax, title, subtitle, footer, handles, settings["width"])
    alt = (f"Matrix of {len(table)} estimates against six transparency checks. "
           + "; ".join(f"{c}: {int(table[c].sum())} of {len(table)}" for c in checks) + f". {title}.")
    return Chart(fig, "03-transparency", title, alt, source_line(rows, registry), table)


# --- lineage: how figures change as they travel --------------------------------------------------

LINEAGE_CHARACTERS = 50  # the text beside each lane wraps at this many characters
PRINTED_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
# The flags that mark a change on the way, with the part of the figure each changes.
FLAGGED_CHANGES = {"producer_misnamed": "producer", "population_reworded": "population", "outcome_reworded": "outcome",
                   "scope_misdescribed": "scope", "method_misdescribed": "method"}
CHANGED_PARTS = ("value", "qualifier", "year", *FLAGGED_CHANGES.values())  # in the order titles list them


def _numbers(low, high) -> set[float]:
    return {float(v) for v in (low, high) if v is not None and not pd.isna(v)}


def changes(row, original: dict) -> list[str]:
    """What an article changed relative to the producer's own figure."""
    return [text for _, text in changed_parts(row, original)]


def changed_parts(row, original: dict) -> list[tuple[str, str]]:
    """(part of the figure, what happened to it) for each change an article made to the producer's figure."""
    found = []
    if _numbers(row.value_low, row.value_high) != _numbers(original["value_low"], original["value_high"]):
        found.append(("value", f"value {_wording(original, row.unit)} → {_wording(row._asdict(), row.unit)}"))
    elif original.get("qualifier") is not None and (row.qualifier or "") != original["qualifier"]:
        # a producer's qualifier of None: its wording is not recorded, so no change can be claimed
        before, after = (term_words(q or "") for q in (original["qualifier"], row.qualifier))
        found.append(("qualifier", f"“{before}” dropped" if not after else f"“{after}” added" if not before
                      else f"“{before}” → “{after}”"))
    flags = set(row.flags.split(";"))
    if "re_dated" in flags:
        found.append(("year", redating(getattr(row, "quote", ""), original["year"])))
    found += [(part, term_words(flag)) for flag, part in FLAGGED_CHANGES.items() if flag in flags]
    return found


def change_words(row, original: dict) -> str:
    """What an article changed, in words, or what a printing that changed nothing can say; a change
    to a figure the research could not confirm is the producer's is said as such."""
    found = changes(row, original)
    if not found:
        return no_change(row, original)
    unconfirmed = "attribution_unconfirmed" in row.flags.split(";")
    return "; ".join(found) + (" (if it is this figure: the attribution is unconfirmed)" if unconfirmed else "")


def no_change(row, original: dict) -> str:
    """What a printing that changed nothing found can say: its qualifier is not compared where
    the registry does not record the producer's own wording."""
    if original.get("qualifier") is None and row.qualifier:
        return f"same value; “{term_words(row.qualifier)}” not compared (the producer's wording is not recorded)"
    return "no change found"


def redating(quote: str, year: int) -> str:
    """A re-dated figure: the producer's year and the year the quote prints instead, when it prints one."""
    printed = sorted(set(PRINTED_YEAR.findall(quote)) - {str(year)})
    return f"re-dated {year} → {printed[0]}" if printed else f"re-dated (the producer's year is {year})"


def _wording(figure: dict, unit: str) -> str:
    low, high = figure["value_low"], figure["value_high"]
    low = None if low is None or pd.isna(low) else float(low)
    high = None if high is None or pd.isna(high) else float(high)
    if figure.get("qualifier") == "about" and low == high:
        return f"about {spell_amount(low, unit)}"
    if low is None:
        return f"≤{spell_amount(high, unit)}"
    if high is None:
        return f"≥{spell_amount(low, unit)}"
    return spell_amount(low, unit) if low == high else f"{spell_amount(low, unit)}–{spell_amount(high, unit)}"


def published_year(publication: dict, figure: dict) -> int:
    """The year the producer published its figure (the 2018 Global Slavery Index's figures describe
    2016): where a lineage starts."""
    published = str(publication.get("date_published") or "")[:4]
    return int(published) if published.isdigit() else publication.get("year") or figure["year"]


def lineage_lanes(rows: pd.DataFrame, registry: Registry) -> list[tuple[dict, dict, pd.DataFrame]]:
    """(publication, its own figure, the articles' versions) for each traced figure."""
    lanes = []
    for pid, group in rows[rows.publication_id != ""].groupby("publication_id", sort=True):
        publication = registry.publications[pid]
        for figure in publication.get("figures", []):
            versions = group[group.measure == figure["measure"]]
            if len(versions):
                lanes.append((publication, figure, versions))
    return lanes


def lineage(rows: pd.DataFrame, registry: Registry, settings: dict, hidden: pd.DataFrame | None = None) -> Chart:
    """Each traced figure: the producer's own version, then each article's, by year, with what changed.

    Nodes are numbered; beside each lane a block of text says, per number, who printed what and
    what changed, so no label can collide with another.
    """
    undated = rows[rows.published_year.isna() & (rows.publication_id != "")]  # no year on the axis to place them
    lanes = lineage_lanes(rows[rows.published_year.notna()], registry)
    if not lanes:
        return nothing_to_draw("03-lineage", "figure traced to a primary publication", settings)
    labels = registry.vocabularies["measure_label"]
    size = settings["font"] - 2
    line = (size + 4) / 72  # y axis is in inches, so text blocks and lanes share one scale
    blocks, drawn_rows, changed, parts, said, y = [], [], 0, set(), {}, 0.3
    years = [published_year(p, f) for p, f, _ in lanes] + [year for _, _, v in lanes for year in v.published_year]
    close = 0.06 * (max(years) - min(years) + 3) if years else 1  # years closer than this would overlap
    stack = 0.24  # inches between circles stacked at one year, so each sits at its true year
    for publication, figure, versions in lanes:
        producer = registry.producers[publication["producer"]]["name"]
        unit = versions.unit.iloc[0]
        origin = published_year(publication, figure)
        entries, taken = [], [origin]
        for number, row in enumerate(versions.itertuples(), 1):
            found_parts = changed_parts(row, figure)
            found = [text for _, text in found_parts]
            changed += bool(found)
            parts.update(part for part, _ in found_parts)
            x = row.published_year
            level = sum(abs(t - x) < close for t in taken)
            taken.append(x)
            said[row.estimate_id] = change_words(row, figure)
            text = (f"{number}  {wrap_label(row.outlet, 200)}, {printed_year(row)}: “{row.number}” — "
                    f"{said[row.estimate_id]}")
            entries.append((x, level, number, textwrap.wrap(text, LINEAGE_CHARACTERS, subsequent_indent="    "), found, row))
        heading = wrap_label(f"{producer} ({origin}): {_wording(figure, unit)}", LINEAGE_CHARACTERS - 6)
        height = line * (heading.count("\n") + 1 + sum(len(e[3]) for e in entries))
        blocks.append((y, publication, figure, origin, heading, entries))
        y += max(height, 0.5, stack * max(e[1] for e in entries) + 0.4) + 0.3
    fig, ax = new_axes(settings, y)
    for lane_y, publication, figure, origin, heading, entries in blocks:
        centre = lane_y + line / 2
        ax.plot(origin, centre, marker="s", markersize=9, color="#000000", zorder=3)
        text_at = ax.get_yaxis_transform()
        ax.text(1.03, lane_y, heading, transform=text_at, va="top", fontsize=size, fontweight="bold")
        drawn_rows.append({"drawn_from": f"registry:{publication['id']}", "estimate_id": "",
                           "measure": figure["measure"], "outlet": registry.producers[publication["producer"]]["name"],
                           "year": origin, "value_low": figure["value_low"],
                           "value_high": figure["value_high"], "qualifier": figure.get("qualifier") or "",
                           "changes": ""})
        text_y = lane_y + line * (heading.count("\n") + 1)
        for x, level, number, wrapped, found, row in entries:
            colour = CHANGE_COLOUR if found else "#0072B2"
            at = centre + stack * level
            ax.annotate("", (x, at), xytext=(origin, centre),
                        arrowprops={"arrowstyle": "-|>", "color": "#999999", "lw": 1,
                                    "connectionstyle": "arc3,rad=-0.3", "shrinkA": 5, "shrinkB": 5})
            ax.plot(x, at, marker="o", markersize=13, color=colour, zorder=3)
            ax.text(x, at, str(number), ha="center", va="center", color="white", fontsize=size,
                    fontweight="bold", zorder=4)
            ax.text(1.03, text_y, "\n".join(wrapped), transform=text_at, va="top", fontsize=size,
                    color=colour, linespacing=1.15)
            text_y += line * len(wrapped)
            drawn_rows.append({"drawn_from": "data/estimates.csv", "estimate_id": row.estimate_id,
                               "measure": row.measure, "outlet": row.outlet, "year": row.published_year,
                               "value_low": row.value_low, "value_high": row.value_high,
                               "qualifier": row.qualifier, "changes": "; ".join(found)})
    ax.set_yticks([b[0] + line / 2 for b in blocks],
                  ["\n".join(textwrap.wrap(labels[b[2]["measure"]], 22)) for b in blocks], fontsize=size + 1)
    years = [b[3] for b in blocks] + [e[0] for b in blocks for e in b[5]]
    ax.set_xlim(min(years) - 1.5, max(years) + 1.5)
    ax.set_ylim(y - 0.1, 0)
    ax.grid(axis="x")
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0f}"))
    table = pd.DataFrame(drawn_rows)
    printed = table[table.estimate_id != ""]
    title = f"{changed} of {len(printed)} printings of a traced figure changed something on the way"
    if parts:
        title += ": its " + listed([part for part in CHANGED_PARTS if part in parts])
    subtitle = ("Each lane follows one figure from its producer (black square, at the year it was published) "
                "to the articles that printed it (numbered circles, at the year they printed it; stacked below "
                "when the years are close).")
    handles = [Line2D([], [], marker="s", color="#000000", ls="", label="producer's own figure (registry)"),
               Line2D([], [], marker="o", color=CHANGE_COLOUR, ls="", label="printed with a change"),
               Line2D([], [], marker="o", color="#0072B2", ls="",
                      label="printed with no change found in what is recorded")]
    drawn_estimates = rows[rows.estimate_id.isin(printed.estimate_id)]
    hidden_lanes = [v for _, _, v in lineage_lanes(hidden, registry)] if hidden is not None else []
    footer = footer_text(drawn_estimates, registry, settings["width"],
                         ["Producers' own figures from the source registry, with its evidence links.",
                          filter_note(pd.concat(hidden_lanes) if hidden_lanes else None),
                          f"Not placed: {len(undated)} printing{'s' if len(undated) > 1 else ''} in an article "
                          "whose date is unknown." if len(undated) else ""])
    finish(fig, ax, title, subtitle, footer, handles, settings["width"])
    alt = (f"Lineage chart of {len(blocks)} figures traced to their producers, in {len(printed)} printings. "
           + "; ".join(f"{r.outlet} {int(r.year)}: {said[r.estimate_id]}" for r in printed.itertuples())
           + f". {title}.")
    return Chart(fig, "03-lineage", title, alt, source_line(drawn_estimates, registry), table)
