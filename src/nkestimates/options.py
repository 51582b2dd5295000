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
