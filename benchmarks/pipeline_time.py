"""Print the pipeline's wall time beside its floor, each notebook's time, the time of a no-op
`make`, and the time of `make test` (the whole suite).

The floor: as many notebooks as the pipeline runs, each holding only the real notebook's
imports, executed the same way (papermill, one kernel each) in the same process. The
difference is the time the analysis itself takes.

Run from the project root:  .venv/bin/python benchmarks/pipeline_time.py
(--no-tests leaves out `make test`).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from itertools import cycle, islice
import tempfile
import time
from pathlib import Path

from nkestimates.pipeline import EXECUTED, NOTEBOOKS, execute, kernel_environment, notebook_sources, run

ROOT = Path(__file__).resolve().parents[1]
IMPORT = re.compile(r"^(?:from \S+ import .+|import .+)$", re.M)
ENVIRONMENT = dict(os.environ)  # as it was before a run set the kernels' (the floor's in a folder it deletes)


def floor_notebooks(folder: Path) -> list[Path]:
    """One notebook per real notebook, with only its import lines."""
    (folder / NOTEBOOKS).mkdir(parents=True)
    made = []
    for source in notebook_sources(ROOT / NOTEBOOKS):
        imports = "\n".join(IMPORT.findall(source.read_text(encoding="utf-8")))
        target = folder / NOTEBOOKS / source.name
        target.write_text(f"# %%\n{imports}\n", encoding="utf-8")
        made.append(target)
    return made


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


class StepClock:
    """The time of each step of a run, from the progress lines that start a step ("[2/5] ...")."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []
        self._last: tuple[str, float] | None = None

    def __call__(self, line: str) -> None:
        if line.startswith("["):
            self.stop()
            self._last = (line.split("] ", 1)[1].removesuffix(" ..."), time.perf_counter())

    def stop(self) -> None:
        if self._last:
            self.steps.append((self._last[0], time.perf_counter() - self._last[1]))
            self._last = None


def main() -> None:
    executed, clock = [], StepClock()
    pipeline = timed(lambda: executed.extend(run(ROOT / "params/default.yaml", root=ROOT, progress=clock)))
    clock.stop()
    count = len(executed)  # notebook 04 runs twice (student and teacher)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        notebooks = list(islice(cycle(floor_notebooks(folder)), count))
        (folder / EXECUTED).mkdir(parents=True)
        kernel_environment(folder)
        floor = timed(lambda: [execute(n, {}, folder, variant=str(i)) for i, n in enumerate(notebooks)])
    make = ["make", "-s"]
    subprocess.run(make, cwd=ROOT, check=True, capture_output=True, env=ENVIRONMENT)
    noop = timed(lambda: subprocess.run(make, cwd=ROOT, check=True, capture_output=True, env=ENVIRONMENT))
    print(f"pipeline ({count} notebook runs, one process): {pipeline:6.2f} s")
    print(f"floor ({count} import-only notebook runs):     {floor:6.2f} s")
    print(f"analysis beyond the floor:                 {pipeline - floor:6.2f} s")
    print(f"ratio to the floor:                        {pipeline / floor:6.2f}")
    for step, seconds in clock.steps:
        print(f"  {step:<48} {seconds:6.2f} s")
    print(f"no-op make:                                {noop:6.3f} s")
    if "--no-tests" not in sys.argv:
        finished = []
        tests = timed(lambda: finished.append(subprocess.run([*make, "test"], cwd=ROOT, capture_output=True,
                                                             text=True, env=ENVIRONMENT)))
        summary = (finished[0].stdout.strip().splitlines() or [""])[-1].strip("= ")
        print(f"make test:                                 {tests:6.2f} s ({summary})")


if __name__ == "__main__":
    main()
