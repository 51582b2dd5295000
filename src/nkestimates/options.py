"""The values the notebooks' parameters choose from: figure formats, output styles and handout
versions; and which parameters name the folders a notebook writes. Free of matplotlib and
IPython, so that checking a parameter set stays quick."""

OUTPUT_PARAMETERS = ("output_dir", "figures_dir")  # folders a notebook writes: not its inputs

FORMATS = ("svg", "png", "pdf")
STYLES = {
    # width: every chart's width in inches; narrow_width: charts that fit one print column;
    # dpi of the PNG; base font size. The web has one width for every chart.
    "web": {"width": 8.0, "narrow_width": 8.0, "dpi": 150, "font": 10},
    "print": {"width": 7.0, "narrow_width": 3.4, "dpi": 300, "font": 9},
}
VERSIONS = ("student", "teacher")  # notebook 04: evidence and questions; with conclusions and answers

WIDTH_NAMES = {"two_column": "width", "one_column": "narrow_width"}  # print_widths' names: STYLES' keys


def print_width_problems(style: str, print_widths: dict | None) -> list[str]:
    """What is wrong with the print_widths parameter ({one_column: inches, two_column: inches})."""
    if print_widths and style != "print":
        return [f"is read by the print style only, and style is '{style}'"]
    return [f"'{name}: {inches}' is not a column width" for name, inches in (print_widths or {}).items()
            if name not in WIDTH_NAMES or isinstance(inches, bool) or not isinstance(inches, (int, float))
            or not 2 <= inches <= 12]


PRINT_WIDTHS_FIX = f"Give {sorted(WIDTH_NAMES)} in inches, between 2 and 12, with style: print"
