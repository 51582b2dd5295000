"""Publishing a run's outputs as one transaction.

A run works in a staging folder under build/ that mirrors the project: inputs are symbolic links
to the real ones, outputs are copies of the previous outputs. Notebooks and the report write
there only. When the whole run has succeeded, a journal listing every file to move and to delete
is written into the staging folder, and then the files are moved into place. A run that stops
before the journal leaves the published outputs byte for byte as they were; one that stops while
moving is completed by the next run (`recover`), so the outputs end all old or all new.
"""

from __future__ import annotations

import errno
import fcntl
import filecmp
import itertools
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import Iterable, Iterator

from .errors import InputError
from .files import unwritable_folder, unwritable_reason, write_text_atomic
from .paths import named_relative_to
from .schema import raise_all
from .stamps import NEVER_READ, STAMPS

DATA = "data"  # its files are written by code, its subfolders are edited by people
OUTPUT_FOLDERS = ("figures", "notebooks/executed", "reports")  # written by code only
NOT_MIRRORED = {".git", ".venv", "build"}
STAGING_PREFIX = ".staging-"
JOURNAL = ".publish.json"
TEMPORARY = (".*.tmp", ".staging-*", ".write-check.*")
COPY_RECORD = ".report-copy.json"  # in a folder `estimates report --out` wrote: the files it holds


def build_folder(root: Path) -> Path:
    folder = root / "build"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """One run at a time in a project: a second one waits for the first to end."""
    with open(build_folder(root) / ".run.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("waiting for another run in this project to end ...", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def _is_output(relative: PurePosixPath, entry: Path, tables: set[str]) -> bool:
    return str(relative) in OUTPUT_FOLDERS or (str(relative.parent) in tables and entry.is_file())


def _inside_output_folders(folder: str) -> bool:
    """figures/ and the like are staged whole, as outputs (copied only from a set's own earlier run)."""
    return any(folder == name or folder.startswith(f"{name}/") for name in OUTPUT_FOLDERS)


def _holds_outputs(relative: PurePosixPath, folders: set[str]) -> bool:
    return any(folder == str(relative) or folder.startswith(f"{relative}/") for folder in (*OUTPUT_FOLDERS, *folders))


def _is_draft(relative: PurePosixPath, holders: set[str]) -> bool:
    return str(relative.parent) in holders and any(relative.match(pattern) for pattern in NEVER_READ)


def _link_inputs(root: Path, stage: Path, tables: set[str], holders: set[str],
                 relative: PurePosixPath = PurePosixPath()) -> None:
    """Link every input of root into stage; folders that hold outputs become real folders (their
    inputs linked one by one), so that nothing a run writes reaches root through a link."""
    for entry in sorted((root / relative).iterdir()):
        inner = relative / entry.name
        if (str(inner) in NOT_MIRRORED or entry.name.startswith(STAGING_PREFIX) or _is_output(inner, entry, tables)
                or _is_draft(inner, holders)):
            continue
        if _holds_outputs(inner, tables | holders) and entry.is_dir():
            (stage / inner).mkdir()
            _link_inputs(root, stage, tables, holders, inner)
        else:
            (stage / inner).symlink_to(entry.resolve())


def _drafts_in(folder: Path, holders: Iterable[str]) -> Iterator[tuple[str, Path]]:
    """(holder, draft) for every draft file in folder's draft folders."""
    for holder in sorted(holders):
        for pattern in NEVER_READ:
            yield from ((holder, draft) for draft in sorted((folder / holder).glob(pattern)) if draft.is_file())


def _link_drafts(published: Path, stage: Path, holders: set[str]) -> None:
    """Link the drafts the run's own outputs hold (which a person may be editing) into stage,
    where the run rewrites them: a parameter set's drafts, not those of another set."""
    for holder, draft in _drafts_in(published, holders):
        if (stage / holder).is_dir():
            (stage / holder / draft.name).symlink_to(draft.resolve())


def _copy_outputs(previous: Path, stage: Path, folders: tuple[str, ...], tables: set[str]) -> None:
    ignore = shutil.ignore_patterns(*TEMPORARY, "*.failed.ipynb")
    for folder in folders:
        if (previous / folder).is_dir():
            shutil.copytree(previous / folder, stage / folder, ignore=ignore, symlinks=True, dirs_exist_ok=True)
    for folder in sorted(tables):
        for entry in sorted((previous / folder).glob("[!.]*")) if (previous / folder).is_dir() else []:
            if entry.is_file() and not entry.is_symlink():
                (stage / folder).mkdir(parents=True, exist_ok=True)
                shutil.copy2(entry, stage / folder / entry.name)


@contextmanager
def staging(root: Path, previous: Path | None, outputs: Iterable[str] = (), drafts: Iterable[str] = (),
            published: Path | None = None) -> Iterator[Path]:
    """A staging folder mirroring root's inputs and the outputs in previous (the data tables of
    root when previous is None); removed when the block ends, published or not. outputs: the
    folders, relative to root, that a run writes files into (like data/, whose subfolders are
    inputs); drafts: input folders a run may add files to (draft annotations beside the
    annotations), published like its outputs into published (root by default), whose drafts
    the stage holds."""
    folders = {PurePosixPath(folder).as_posix() for folder in outputs}
    tables = {DATA} | {folder for folder in folders if not _inside_output_folders(folder)}
    holders = {PurePosixPath(folder).as_posix() for folder in drafts}
    stage = Path(tempfile.mkdtemp(dir=build_folder(root), prefix=STAGING_PREFIX))
    try:
        _link_inputs(root, stage, tables, holders)
        _link_drafts(published or root, stage, holders)
        _copy_outputs(previous or root, stage, OUTPUT_FOLDERS if previous else (), tables)
        for folder in OUTPUT_FOLDERS:
            (stage / folder).mkdir(parents=True, exist_ok=True)
        yield stage
    except InputError as error:
        _name_in_project(error, stage)
        raise
    finally:
        if not (stage / JOURNAL).is_file():  # one stopped while moving is finished by `recover`
            shutil.rmtree(stage, ignore_errors=True)


def _name_in_project(error: InputError, stage: Path) -> None:
    """Name the files the error names in the staging folder as the project's."""
    for each in (error, *getattr(error, "errors", [])):
        each.where = named_relative_to(each.where, stage)
        each.args = tuple(named_relative_to(str(arg), stage) for arg in each.args)


def output_files(folder: Path) -> list[Path]:
    """The outputs in folder (a project, a build/<name> folder or a stage): every file in the
    output folders and the data tables, but stamps.json, failed notebooks kept for reading and
    temporary files."""
    found = [path for name in OUTPUT_FOLDERS if (folder / name).is_dir() for path in (folder / name).rglob("*")]
    found += list((folder / DATA).iterdir()) if (folder / DATA).is_dir() else []
    return sorted(path for path in found if path.is_file() and not path.is_symlink() and path != folder / STAMPS
                  and not path.name.endswith(".failed.ipynb") and not _temporary(path.name))


def _written_files(stage: Path) -> list[str]:
    """Every regular file in stage that a run wrote (not reached through a link), relative."""
    found = []
    for folder, folders, files in os.walk(stage):
        folders[:] = [f for f in folders if not (Path(folder) / f).is_symlink()]
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink() and name != JOURNAL and not _temporary(name):
                found.append(path.relative_to(stage).as_posix())
    return sorted(found)


def _temporary(name: str) -> bool:
    return any(PurePosixPath(name).match(pattern) for pattern in TEMPORARY)


def _removed_drafts(stage: Path, destination: Path, drafts: Iterable[str]) -> list[str]:
    """The drafts in destination's draft folders that the run removed from stage."""
    return [f"{holder}/{draft.name}" for holder, draft in _drafts_in(destination, drafts)
            if not os.path.lexists(stage / holder / draft.name)]


def _plan(stage: Path, destination: Path, drafts: Iterable[str] = ()) -> dict:
    written = _written_files(stage)
    move = [rel for rel in written
            if not (destination / rel).is_file() or not filecmp.cmp(stage / rel, destination / rel, shallow=False)]
    kept = set(written)
    delete = sorted([path.relative_to(destination).as_posix() for folder in OUTPUT_FOLDERS
                     if (destination / folder).is_dir() for path in (destination / folder).rglob("*")
                     if path.is_file() and path.relative_to(destination).as_posix() not in kept]
                    + _removed_drafts(stage, destination, drafts))
    move.sort(key=lambda relative: relative == STAMPS.as_posix())  # last: a publish that stops part-way reads as stale
    # relative to the staging folder, which lies in the project: a moved project finds its own outputs
    return {"destination": os.path.relpath(destination.absolute(), stage.absolute()), "move": move, "delete": delete}


def _move(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(source, 0o644)
    try:
        os.replace(source, target)
    except OSError as error:  # another file system: copy beside the target, then replace
        if error.errno != errno.EXDEV:
            raise
        temporary = target.with_name(f".{target.name}.tmp")
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
        source.unlink()


def _apply(stage: Path, journal: dict) -> None:
    """Move and delete as the journal says; a failure names the file and keeps the journal, so
    that the next run finishes the job once the cause is fixed."""
    destination = Path(os.path.normpath(stage / journal["destination"]))
    for relative in journal["move"] + journal["delete"]:
        try:
            if relative in journal["delete"]:
                (destination / relative).unlink(missing_ok=True)
            elif (stage / relative).exists():
                _move(stage / relative, destination / relative)
        except OSError as error:
            raise InputError(destination / relative, f"publishing stopped part-way ({error.strerror})",
                             "Make it writable again: the next run finishes publishing (until then some outputs "
                             "are new and some old)") from None


def _unwritable_folders(destination: Path, journal: dict) -> list[InputError]:
    folders = sorted({(destination / relative).parent for relative in journal["move"] + journal["delete"]})
    return [unwritable_folder(folder, reason) for folder in folders if (reason := unwritable_reason(folder))]


def commit(stage: Path, destination: Path, drafts: Iterable[str] = ()) -> list[str]:
    """Move what the run wrote into destination and delete the outputs it no longer writes (and
    the drafts it removed from the draft folders, drafts), after checking that every folder it
    touches can be written. Returns the paths changed, relative to destination."""
    journal = _plan(stage, destination, drafts)
    if journal["move"] or journal["delete"]:
        raise_all(_unwritable_folders(destination, journal))
        write_text_atomic(stage / JOURNAL, json.dumps(journal, indent=1))
        _apply(stage, journal)
        (stage / JOURNAL).unlink()  # published: the staging folder goes (a kept journal is one stopped part-way)
    return journal["move"] + journal["delete"]


def recover(root: Path) -> None:
    """Finish publishing what a stopped run had committed to; drop the staging of runs that
    stopped before. Call it holding `exclusive(root)`."""
    for stage in sorted(build_folder(root).glob(f"{STAGING_PREFIX}*")):
        if (stage / JOURNAL).is_file():
            _apply(stage, json.loads((stage / JOURNAL).read_text(encoding="utf-8")))
        shutil.rmtree(stage, ignore_errors=True)


def remove_temporaries(destination: Path) -> None:
    """Temporary files a stopped writer left among the outputs."""
    found = [path for folder in OUTPUT_FOLDERS if (destination / folder).is_dir()
             for path in (destination / folder).rglob(".*")]
    found += list((destination / DATA).glob(".*")) if (destination / DATA).is_dir() else []
    for path in found:
        if _temporary(path.name):
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)


def check_copy_folder(folder: Path, root: Path) -> None:
    """A folder a copy of the report may be written to: outside the project (or under build/),
    and new, empty or holding only what an earlier copy wrote, with no link in it, since a copy
    replaces what is there."""
    folder, root = folder.absolute(), root.absolute()
    if folder.resolve().is_relative_to(root.resolve()) and not folder.resolve().is_relative_to(build_folder(root).resolve()):
        raise InputError("--out", f"'{folder}' is inside the project", "Give a folder outside it, or under build/")
    if folder.exists() and not folder.is_dir():
        raise InputError("--out", f"'{folder}' is a file", "Give a folder")
    record = folder / COPY_RECORD
    earlier = set(json.loads(record.read_text(encoding="utf-8"))) | {COPY_RECORD} if record.is_file() else set()
    if others := list(itertools.islice(_foreign_files(folder, earlier), 3)):
        raise InputError("--out", f"'{folder}' holds what an earlier copy of the report did not write "
                         f"({', '.join(others)}{', ...' if len(others) == 3 else ''})",
                         "Give a new or empty folder: a copy replaces what is there")


def _foreign_files(folder: Path, earlier: set[str]) -> Iterator[str]:
    """Files and links under folder that are not among earlier (a link, even one an earlier copy
    wrote, would lead the copy elsewhere); a folder that cannot be read counts as foreign."""
    def unreadable(error: OSError) -> None:
        raise InputError("--out", f"'{error.filename}' cannot be read ({error.strerror})",
                         "Give a new or empty folder") from None

    for here, folders, files in os.walk(folder, onerror=unreadable) if folder.is_dir() else ():
        for name in sorted(folders) + sorted(files):
            relative = (Path(here) / name).relative_to(folder).as_posix()
            if (Path(here) / name).is_symlink():
                yield relative + " (a link)"
            elif name in files and relative not in earlier:
                yield relative


def commit_copy(stage: Path, folder: Path) -> None:
    """Publish stage into folder as a copy of the report, recording the files it holds."""
    written = _written_files(stage)
    commit(stage, folder)
    write_text_atomic(folder / COPY_RECORD, json.dumps(written, indent=1))
