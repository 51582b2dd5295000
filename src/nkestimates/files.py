"""Reading the files people edit safely (with line numbers), and writing outputs atomically.

People-edited YAML is read with a size limit, without aliases (an alias bomb cannot expand),
refusing duplicate keys, and with dates left as text for the schema to check.
"""

from __future__ import annotations

import fcntl
import functools
import os
import pickle
import re
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml

from .errors import InputError

# Characters no article holds: NUL, ESC and the other controls (C0, DEL, C1) but tab, line breaks
# (a seed may end its lines with CR LF) and page breaks.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# In a value of a file people edit, a carriage return or page break too: YAML reads a line break
# as "\n", so these come only from escapes, and they would split a row of the tables.
VALUE_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

MAX_YAML_BYTES = 2_000_000
MAX_YAML_DEPTH = 100  # lists and mappings inside each other; far beyond any file a person writes
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_OPEN, _CLOSE = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent, yaml.SequenceEndEvent)


class RefusedYaml(yaml.MarkedYAMLError):
    """Valid YAML the project refuses (an alias, a duplicate key), with what to do instead."""

    def __init__(self, problem: str, fix: str, mark):
        super().__init__(problem=problem, problem_mark=mark)
        self.fix = fix


class LineLoader(yaml.CSafeLoader):
    """A safe YAML loader (libyaml's parser) that records each mapping's line number under the
    key '__line__', refuses duplicate keys, and reads dates as text. Aliases and deep nesting
    are refused before it runs (refuse_aliases_and_depth)."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def construct_mapping(self, node, deep=False):
        first_lines = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                if key in first_lines:
                    raise RefusedYaml(f"duplicate key '{key}' (first on line {first_lines[key]})",
                                      "Keep one of them (merge their contents if both matter)", key_node.start_mark)
                first_lines[key] = key_node.start_mark.line + 1
            except TypeError:  # an unhashable key: the constructor below names it
                pass
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


@dataclass(frozen=True)
class YamlDocument:
    """A YAML file as read: its data (mappings carry '__line__') and its node tree for lines."""

    path: Path
    data: object
    root: yaml.Node | None

    def line(self, location: tuple = ()) -> int | None:
        """The line of the value at location (keys and list indexes), or of its nearest parent."""
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for part in location:
            if isinstance(node, yaml.MappingNode):
                match = [(k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)]
                if not match:
                    break
                key, node = match[-1]
                line = key.start_mark.line + 1
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line + 1
            else:
                break
        return line


def _text(path: Path) -> str:
    if path.is_dir():
        raise InputError(path, "is a folder, not a file", "Give the path of a YAML file")
    try:
        if path.stat().st_size > MAX_YAML_BYTES:
            raise InputError(path, f"larger than {MAX_YAML_BYTES:,} bytes", "Split it or remove what is not needed")
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise InputError(path, "file not found", "Check the path") from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start})", "Save the file as UTF-8") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})", "Check the file and its permissions") from None


def refuse_aliases_and_depth(text: str) -> None:
    """Refuse an alias (an alias bomb cannot expand) and nesting deeper than MAX_YAML_DEPTH (the
    parser would exhaust the stack), reading the events alone."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise RefusedYaml("an alias (*name) is not allowed here", "Write the value out in full", event.start_mark)
        depth += isinstance(event, _OPEN) - isinstance(event, _CLOSE)
        if depth > MAX_YAML_DEPTH:
            raise RefusedYaml(f"nested more than {MAX_YAML_DEPTH} levels deep", "Flatten the structure",
                              event.start_mark)


def read_yaml_document(path: Path) -> YamlDocument:
    path = Path(path)
    text = _text(path)
    try:
        data, root = _parsed(text)
        return YamlDocument(path, pickle.loads(data), root)  # a copy of the data: the caller may change it
    except RefusedYaml as error:
        raise InputError(path, error.problem, error.fix, error.problem_mark.line + 1) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise InputError(path, f"malformed YAML ({problem})", "Fix the YAML syntax", line) from None
    except RecursionError:
        raise InputError(path, "nested too deeply", "Flatten the structure") from None


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> tuple[bytes, yaml.Node | None]:
    """The data (pickled) and node tree of a YAML text, parsed once per content in a process: a
    run reads some files more than once, and a test's project copy holds the same files at a new
    path."""
    loader = LineLoader(text)
    try:
        refuse_aliases_and_depth(text)
        root = loader.get_single_node()
        return pickle.dumps(loader.construct_document(root) if root is not None else None), root
    finally:
        loader.dispose()


def read_yaml(path: Path):
    return read_yaml_document(path).data


def without_lines(value):
    """The data read, without the loader's '__line__' bookkeeping."""
    if isinstance(value, dict):
        return {k: without_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [without_lines(v) for v in value]
    return value


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside target; it replaces target only if the block succeeds.
    A failure to write (a full disk, no permission) names target, never the temporary file."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise unwritable_folder(target.parent, error.strerror) from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except OSError as error:
        raise InputError(target, f"cannot be written ({error.strerror})",
                         "Free disk space or fix the folder's permissions, then run again") from None
    finally:
        temporary.unlink(missing_ok=True)


def write_text_atomic(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="\n")


def unwritable_reason(folder: Path) -> str | None:
    """Why outputs cannot be written to folder, or None if they can; a missing folder, by the
    nearest folder above it that exists (which is left as it was)."""
    existing = next(path for path in (folder, *folder.absolute().parents) if path.exists())
    if not existing.is_dir():
        return "Not a directory"
    try:
        with tempfile.NamedTemporaryFile(dir=existing, prefix=".write-check."):
            return None
    except OSError as error:
        return error.strerror or type(error).__name__


def check_writable(folder: Path) -> None:
    """Fail before any work if outputs cannot be written to folder."""
    if reason := unwritable_reason(folder):
        raise unwritable_folder(folder, reason)


def unwritable_folder(folder: Path, reason: str) -> InputError:
    """The error for an output folder that cannot be written, naming the folder."""
    return InputError(folder, f"output folder cannot be written ({reason})",
                      "Choose a writable output folder or fix its permissions")


@contextmanager
def folder_locked(folder: Path) -> Iterator[None]:
    """Hold folder for the block: notebooks running at once update a file in it one at a time."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # releases the lock
