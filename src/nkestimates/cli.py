"""The `estimates` command."""

from __future__ import annotations

import argparse
import csv
import os
import sys
from importlib.metadata import version
from pathlib import Path

from .errors import InputError, NotebookError
from .lifetime import Interrupted
from .paths import named_relative_to

MENTION_HEADER = ["file", "start", "end", "text", "value_low", "value_high", "unit", "kind", "qualifier"]
STDIN = "-"


def read_article(name: str) -> str:
    """A text file's contents (or standard input's, for '-'), as UTF-8."""
    path = Path(name)
    try:
        data = sys.stdin.buffer.read() if name == STDIN else path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "file not found", "Check the path") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a text file", f"Give text files, e.g. {path}/*.txt") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})", "Check the file and its permissions") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError("standard input" if name == STDIN else path, f"not UTF-8 (byte {error.start})",
                         "Convert the text to UTF-8") from None


def mentions_command(args: argparse.Namespace) -> None:
    from .numbers import format_value  # each command imports what it uses: `--version` starts at once
    from .mentions import find_mentions

    texts = [(name, read_article(name)) for name in args.files]  # all readable before any output
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(MENTION_HEADER)
    for name, text in texts:
        for m in find_mentions(text):
            writer.writerow([name, m.start, m.end, m.text, format_value(m.value_low),
                             format_value(m.value_high), m.unit, m.kind, m.qualifier])


def run_command(args: argparse.Namespace) -> None:
    from .lifetime import die_with_make
    from .pipeline import parse_overrides, run

    die_with_make()
    run(Path(args.params), only=args.only, progress=lambda line: print(line, flush=True),
        overrides=parse_overrides(args.set), if_changed=args.if_changed)


def check_command(args: argparse.Namespace) -> None:
    from .pipeline import check

    check(Path(args.params))
    print(f"ok: every input named by {args.params} is valid")


def report_command(args: argparse.Namespace) -> None:
    from .lifetime import die_with_make
    from .pipeline import publish_report

    die_with_make()
    print(publish_report(Path("."), None if args.out is None else Path(args.out)))


def show_command(args: argparse.Namespace) -> None:
    from .show import describe

    print(describe(args.estimate_id))


def lab_command(args: argparse.Namespace) -> None:
    from .lab import start

    start(Path("."), port=args.port, open_browser=not args.no_browser)


def port_number(text: str) -> int:
    """A TCP port to listen on, 1 to 65535 (argparse reports anything else as a usage error)."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="estimates", description=__doc__)
    top.add_argument("--version", action="version", version=f"%(prog)s {version('nkestimates')}")
    commands = top.add_subparsers(dest="command", required=True)

    mentions = commands.add_parser("mentions", help="print every number in FILE... as CSV ('-': standard input)")
    mentions.add_argument("files", nargs="+", metavar="FILE")
    mentions.set_defaults(handler=mentions_command)

    run = commands.add_parser("run", help="run the notebooks with a parameter file")
    run.add_argument("params", help="a parameter file, e.g. params/default.yaml")
    run.add_argument("--only", nargs="+", metavar="NOTEBOOK", help="notebook numbers to run, e.g. 01")
    run.add_argument("-p", dest="set", action="append", default=[], metavar="NAME=VALUE",
                     help="override one parameter (repeatable); the outputs go to build/<name>/")
    run.add_argument("--if-changed", action="store_true",
                     help="skip each notebook whose inputs are those its outputs were built from")
    run.set_defaults(handler=run_command)
    check = commands.add_parser("check", help="check every input people edit, without running notebooks")
    check.add_argument("params", nargs="?", default="params/default.yaml",
                       help="the parameter file naming the inputs (default: params/default.yaml)")
    check.set_defaults(handler=check_command)

    report = commands.add_parser("report", help="rebuild the HTML report from the published outputs")
    report.add_argument("--out", metavar="DIR",
                        help="write a self-contained copy to DIR (DIR/reports/index.html with its figures and data)")
    report.set_defaults(handler=report_command)

    show = commands.add_parser("show", help="print one estimate: its rows, quotes in context, primary source")
    show.add_argument("estimate_id", metavar="ESTIMATE_ID")
    show.set_defaults(handler=show_command)

    lab = commands.add_parser("lab", help="open the notebooks in JupyterLab on 127.0.0.1 with the project's kernel")
    lab.add_argument("--port", type=port_number, default=8888)
    lab.add_argument("--no-browser", action="store_true")
    lab.set_defaults(handler=lab_command)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        args.handler(args)
    except (InputError, NotebookError) as error:
        for line in str(error).splitlines():
            print(f"error: {named_relative_to(line, Path.cwd(), Path.cwd().resolve())}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, Interrupted) as error:
        print(f"error: interrupted ({str(error) or 'Ctrl-C'}); nothing half-written was published", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, like other tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    return 0
