"""Executing notebooks: each in its own kernel, parameterised as papermill does, as many at once
as the machine has cores, each after the runs whose outputs it reads.

The kernels are driven from one event loop in a helper thread, so that a signal (Ctrl-C,
SIGTERM) reaches the main thread, which cancels every run: each shuts its kernel down and none
is written. An executed notebook is written once, when it ends, not after every cell.
"""

from __future__ import annotations

import ast
import asyncio
import atexit
import copy
import functools
import math
import os
import shutil
import tempfile
import threading
import time
import uuid
from queue import Empty
from concurrent.futures import Future
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Callable

import jupytext
import nbformat
from jupyter_client import AsyncKernelClient, AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from papermill.parameterize import parameterize_notebook
from traitlets import Type, default

from .errors import NotebookError
from .paths import shown

KERNEL = "python3"
STOP_SECONDS = 60  # how long a stopped run waits for its kernels to shut down


@dataclass
class Job:
    """One notebook run. ready() is called once the runs it comes after (their numbers) have
    ended, and returns False when the run is not needed (its outputs are up to date); done()
    receives the executed notebook."""

    source: Path
    parameters: dict
    failed: Path  # where the notebook is written if a cell fails
    label: str  # how messages name the notebook
    after: list[int] = field(default_factory=list)
    ready: Callable[[], bool] = lambda: True
    certain: Callable[[], bool] = lambda: True  # needed whatever the earlier runs write: its kernel may start ahead
    done: Callable[[nbformat.NotebookNode], None] = lambda notebook: None
    step: str = ""  # where progress lines place the run: "[2/5]"
    variant: str = ""  # progress lines name it after the notebook

    @property
    def run_name(self) -> str:
        return f"{self.label} ({self.variant})" if self.variant else self.label


class ReadyClient(AsyncKernelClient):
    """A kernel client that is ready as soon as the kernel has answered a kernel_info request on
    both channels (jupyter_client's also waits for 0.2 s of silence on IOPub, for every kernel)."""

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while time.monotonic() < deadline:
            request = self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=1)
            except Empty:
                reply = None
            if reply and reply["msg_type"] == "kernel_info_reply" and await self._idle_after(request):
                self._handle_kernel_info_reply(reply)
                return
            if not await self.is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
        raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")

    async def _idle_after(self, request: str) -> bool:
        """Whether IOPub reports the kernel idle after request: it is connected, and holds nothing
        more from the kernel's start (False if it stays quiet: not connected yet, ask again)."""
        while True:
            try:
                message = await self.iopub_channel.get_msg(timeout=0.05)
            except Empty:
                return False
            if (message["msg_type"] == "status" and message["content"]["execution_state"] == "idle"
                    and message["parent_header"].get("msg_id") == request):
                return True


SOCKET_FOLDER_PREFIX = "nkestimates-"


@functools.cache
def _socket_folder() -> str:
    """A private folder for this process's kernel sockets, named after the process and removed
    when it ends."""
    remove_left_socket_folders()
    folder = tempfile.mkdtemp(prefix=f"{SOCKET_FOLDER_PREFIX}{os.getpid()}-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def remove_left_socket_folders() -> None:
    """Remove the socket folders of processes that were killed before they could (SIGKILL)."""
    for left in Path(tempfile.gettempdir()).glob(f"{SOCKET_FOLDER_PREFIX}*-*"):
        pid = left.name.removeprefix(SOCKET_FOLDER_PREFIX).split("-")[0]
        if pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(left, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal is sent: only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's
        pass
    return True


class KernelManager(AsyncKernelManager):
    """Starts kernels with a ReadyClient; notices a stopped kernel is gone within 10 ms
    (jupyter_client looks every 100 ms); and, where the system has them, connects through Unix
    sockets in a private folder: TCP ports are chosen free, then bound by the kernel, so two
    processes starting kernels at once can choose the same port, and that kernel hangs."""

    client_factory = Type(ReadyClient, klass=AsyncKernelClient)

    @default("transport")
    def _unix_sockets(self) -> str:
        return "ipc" if os.name == "posix" else "tcp"

    @default("connection_file")
    def _in_socket_folder(self) -> str:  # the sockets are named after it
        return os.path.join(_socket_folder(), f"{uuid.uuid4().hex[:12]}.json") if self.transport == "ipc" else ""

    async def _async_wait(self, pollinterval: float = 0.01) -> None:
        await super()._async_wait(pollinterval)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def read_source(source: Path) -> nbformat.NotebookNode:
    """The notebook a jupytext source file holds."""
    return parse_source(Path(source).read_text(encoding="utf-8"), Path(source).suffix)


def parse_source(text: str, extension: str) -> nbformat.NotebookNode:
    """The notebook a jupytext source's text holds; a copy, which the caller may change."""
    return copy.deepcopy(_parsed(text, extension))


@functools.lru_cache(maxsize=32)
def _parsed(text: str, extension: str) -> nbformat.NotebookNode:
    """Parsed once per content in a process: a run, and every check before it, reads each source
    several times, and a test's project copy holds the same sources at a new path."""
    return jupytext.reads(text, {"extension": extension})


def parameterised(source: Path, parameters: dict) -> nbformat.NotebookNode:
    """The notebook as papermill prepares it: every cell tagged (if only with []), and the
    parameters in a cell after the one tagged 'parameters'."""
    notebook = read_source(source)
    notebook.metadata["papermill"] = {"parameters": {}}
    for cell in notebook.cells:
        cell.metadata.setdefault("tags", [])
    return parameterize_notebook(notebook, parameters, kernel_name=KERNEL, language="python") if parameters else notebook


def _failed_cell(notebook: nbformat.NotebookNode) -> int | None:
    return next((cell.execution_count for cell in notebook.cells if cell.cell_type == "code"
                 and any(output.output_type == "error" for output in cell.get("outputs", []))), None)


def _client(job: Job, folder: Path, timeout: int) -> NotebookClient:
    return NotebookClient(parameterised(job.source, job.parameters), timeout=timeout, kernel_name=KERNEL,
                          startup_timeout=60, kernel_manager_class=KernelManager,
                          shutdown_kernel="immediate",  # its work is done: a graceful stop can take seconds
                          resources={"metadata": {"path": str(folder)}})


def import_statements(notebook: nbformat.NotebookNode) -> str:
    """The import statements at the top level of the notebook's code cells."""
    found = []
    for cell in notebook.cells:
        try:
            tree = ast.parse(cell.source) if cell.cell_type == "code" else None
        except SyntaxError:  # a cell of IPython magics
            continue
        found += [ast.get_source_segment(cell.source, node) for node in getattr(tree, "body", [])
                  if isinstance(node, (ast.Import, ast.ImportFrom))]
    return "\n".join(found)


async def started_ahead(job: Job, folder: Path, timeout: int) -> NotebookClient:
    """A client whose kernel has started in folder and imported what the job's notebook imports,
    out of the notebook's record (silent, no execution count), while the runs the job comes after
    still work; its notebook then runs without waiting for either."""
    client = _client(job, folder, timeout)
    client.km = client.create_kernel_manager()
    try:
        await client.async_start_new_kernel()
        await client.async_start_new_kernel_client()
        if problem := await _imports_problem(client.kc, import_statements(client.nb), timeout):
            raise NotebookError(f"{job.label} {problem}")
    except BaseException:
        await asyncio.shield(_shut_down(client))
        raise
    return client


async def _imports_problem(kernel: AsyncKernelClient, imports: str, timeout: int) -> str | None:
    """What went wrong while the kernel ran imports, out of the notebook's record: None if they
    ran (an import that fails does so again in the notebook's cell, where the run reports it)."""
    request = kernel.execute(imports, silent=True, store_history=False)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            reply = await kernel.get_shell_msg(timeout=0.5)
        except Empty:
            if not await kernel.is_alive():
                return "stopped: its kernel died while importing its modules"
            continue
        if reply["parent_header"].get("msg_id") == request:
            return None
    return f"timed out: its imports ran longer than {timeout} s, the limit of a cell"


async def execute_one(job: Job, folder: Path, timeout: int, client: NotebookClient | None = None
                      ) -> nbformat.NotebookNode:
    """Execute the job's parameterised notebook with folder as its working folder (in client's
    kernel, if one was started ahead), and shut its kernel down whatever happens (stopped while
    starting, too); a failed one is written to job.failed for a person to read, and raises
    NotebookError."""
    client = client or _client(job, folder, timeout)
    try:
        return await client.async_execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as error:
        if asyncio.current_task().cancelling():  # the run was stopped: its kernel is being shut down
            raise asyncio.CancelledError from None
        job.failed.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(client.nb, job.failed)
        raise NotebookError(f"{job.label} {_problem(error, client.nb, timeout)}"
                            f" is kept at {shown(job.failed)})") from None
    finally:
        await asyncio.shield(_shut_down(client))


async def _shut_down(client: NotebookClient) -> None:
    """Shut the client's kernel down, if it has not been already."""
    atexit.unregister(client._cleanup_kernel)
    if client.km is not None:
        await client._async_cleanup_kernel()


def _problem(error: Exception, notebook: nbformat.NotebookNode, timeout: int) -> str:
    """What went wrong, up to where the kept notebook is named."""
    if isinstance(error, CellExecutionError):
        return f"failed in cell {_failed_cell(notebook)}: {error.ename}: {error.evalue} (the executed notebook"
    if isinstance(error, CellTimeoutError):
        return f"timed out: a cell ran longer than {timeout} s ({str(error).splitlines()[0]}; the partial notebook"
    return f"stopped: its kernel died ({error}; the partial notebook"


RUN, AHEAD = "run", "ahead"  # what a core is taken for: a notebook's run, or a kernel started ahead of it


class Cores:
    """The cores the runs share: at most count notebooks run at once, and a kernel starts ahead
    of its notebook only on a core that no run and no other such kernel takes (while the first
    notebook runs alone, the next one's kernel starts). A run waiting for a core gets it first."""

    def __init__(self, count: int) -> None:
        self.count = count
        self.taken = {RUN: 0, AHEAD: 0}
        self.waiting: list[tuple[str, asyncio.Future]] = []  # in the order they asked

    def _free(self, kind: str) -> bool:
        return self.taken[RUN] + (self.taken[AHEAD] if kind == AHEAD else 0) < self.count

    async def take(self, kind: str) -> None:
        granted = asyncio.get_running_loop().create_future()
        self.waiting.append((kind, granted))
        self._hand_out()
        try:
            await granted
        except asyncio.CancelledError:
            if granted.done() and not granted.cancelled():  # handed over just as it was stopped
                self.give_back(kind)
            raise

    def give_back(self, kind: str) -> None:
        self.taken[kind] -= 1
        self._hand_out()

    def _hand_out(self) -> None:
        self.waiting = [(kind, granted) for kind, granted in self.waiting if not granted.done()]  # less stopped ones
        for kind, granted in sorted(self.waiting, key=lambda waiter: waiter[0] != RUN):  # runs first, in turn
            if self._free(kind):
                self.taken[kind] += 1
                self.waiting.remove((kind, granted))
                granted.set_result(None)

    @asynccontextmanager
    async def taken_for(self, kind: str) -> AsyncIterator[None]:
        await self.take(kind)
        try:
            yield
        finally:
            self.give_back(kind)


async def _execute_all(jobs: list[Job], folder: Path, timeout: int, slots: int,
                       progress: Callable[[str], None]) -> list[nbformat.NotebookNode | None]:
    """Every job, each once those it comes after have ended, at most slots at once; the first
    failure cancels the rest. A job certain to run may start its kernel ahead (see Cores)."""
    limit = Cores(slots)
    tasks: list[asyncio.Task] = []

    async def one(job: Job):
        client, ahead = None, False  # ahead: a core taken to start the kernel ahead, until the run has one
        try:
            if job.after and job.certain():
                await limit.take(AHEAD)
                ahead = True
                client = await started_ahead(job, folder, timeout)
            for earlier in job.after:
                await tasks[earlier]
            if not job.ready():
                return None
            async with limit.taken_for(RUN):
                if ahead:
                    ahead = False
                    limit.give_back(AHEAD)
                progress(f"{job.step} {job.run_name} ...")
                begun = time.perf_counter()
                notebook = await execute_one(job, folder, timeout, client)
        finally:
            if ahead:
                limit.give_back(AHEAD)
            if client is not None:  # started ahead: shut down here if it was not needed or never ran
                await asyncio.shield(_shut_down(client))
        job.done(notebook)
        progress(f"{job.step} done: {job.run_name} ({time.perf_counter() - begun:.1f} s)")
        return notebook

    tasks.extend(asyncio.ensure_future(one(job)) for job in jobs)
    try:
        return await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)  # every kernel shut down


def execute_all(jobs: list[Job], folder: Path, timeout: int, slots: int | None = None,
                progress: Callable[[str], None] = lambda line: None) -> list[nbformat.NotebookNode | None]:
    """Execute the jobs (see _execute_all); the executed notebooks in job order, None for a job
    that was not needed. A signal in the main thread stops every kernel before it is raised."""
    loop = asyncio.new_event_loop()
    ended = threading.Event()
    thread = threading.Thread(target=loop.run_forever, name="notebook kernels", daemon=True)
    thread.start()

    async def everything():
        try:
            return await _execute_all(jobs, folder, timeout, slots or cores(), progress)
        finally:
            ended.set()

    result: Future = asyncio.run_coroutine_threadsafe(everything(), loop)
    try:
        return result.result()
    except BaseException:
        if not result.done():  # interrupted here: stop every run, and let each kernel shut down
            result.cancel()
            ended.wait(STOP_SECONDS)
        raise
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_SECONDS)
        if not thread.is_alive():
            _cancel_leftovers(loop)
            loop.close()


def _cancel_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    """Cancel and await what a stopped client left pending (nbclient's check that its kernel is
    alive), so that closing the loop destroys no pending task and prints nothing."""
    pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
    for task in pending:
        task.cancel()
    if pending:
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
