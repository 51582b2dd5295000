"""The `estimates` command."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from .catalogue import format_value
from .errors import InputError, NotebookError
from .mentions import find_mentions
from .seeds import read_text

MENTION_HEADER = ["file", "start", "end", "text", "value_low", "value_high", "unit", "kind", "qualifier"]


def mentions_command(args: argparse.Namespace) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(MENTION_HEADER)
    for path in args.files:
        for m in find_mentions(read_text(Path(path))):
            writer.writerow([path, m.start, m.end, m.text, format_value(m.value_low),
                             format_value(m.value_high), m.unit, m.kind, m.qualifier])


def run_command(args: argparse.Namespace) -> None:
    from .pipeline import run

    run(Path(args.params), only=args.only, progress=lambda line: print(line, flush=True))


def check_command(args: argparse.Namespace) -> None:
    from .pipeline import check

    check(Path(args.params))
    print(f"ok: every input named by {args.params} is valid")


def report_command(args: argparse.Namespace) -> None:
    from .report import build

    for path in build(Path("."), Path(args.out)):
        print(path)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="estimates", description=__doc__)
    commands = top.add_subparsers(dest="command", required=True)
    mentions = commands.add_parser("mentions", help="print every number in FILE... as CSV")
    mentions.add_argument("files", nargs="+", metavar="FILE")
    mentions.set_defaults(handler=mentions_command)
    run = commands.add_parser("run", help="run the notebooks with a parameter file")
    run.add_argument("params", help="a parameter file, e.g. params/default.yaml")
    run.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="notebook numbers to run, e.g. 01")
    run.set_defaults(handler=run_command)
    check = commands.add_parser("check", help="check every input people edit, without running notebooks")
    check.add_argument("params", nargs="?", default="params/default.yaml",
                       help="the parameter file naming the inputs (default: params/default.yaml)")
    check.set_defaults(handler=check_command)
    report = commands.add_parser("report", help="write the HTML report from the executed notebooks")
    report.add_argument("--out", default="reports", help="output folder (default: reports)")
    report.set_defaults(handler=report_command)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.handler(args)
    except (InputError, NotebookError) as error:
        for line in str(error).splitlines():
            print(f"error: {line}", file=sys.stderr)
        return 2
    return 0
