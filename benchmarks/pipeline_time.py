"""Print the pipeline's wall time beside its floor, each notebook's time, the time of a no-op
`make`, and the time of `make test` (the whole suite).

The floor: as many notebooks as the pipeline runs, each holding only the real notebook's
imports, executed in the same process the same way: one kernel each, in the same order, each
after the same runs, as many at once as the pipeline runs, kernels started ahead alike. A second floor runs them one after
another (the cost of starting the kernels and importing, without using more than one core).
The difference between pipeline and floor is the time the analysis itself takes.

Rendering alone: the CPU time matplotlib's savefig takes to write every figure in every format,
the notebooks' cells run once more in this process (figures to a folder that is then deleted).
It is work no schedule can avoid while the figures are drawn as they are: the pipeline cannot
take less than the floor's CPU time and that time, spread over every core.

Run from the project root:  .venv/bin/python benchmarks/pipeline_time.py
(--no-tests leaves out `make test`).
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import matplotlib.figure
from IPython.utils.capture import capture_output

from nkestimates.execution import Job, cores, execute_all, import_statements, parameterised, read_source
from nkestimates.pipeline import EXECUTED, NOTEBOOKS, dependencies, kernel_environment, plan, run

ROOT = Path(__file__).resolve().parents[1]
DONE = re.compile(r"^\[\d+/\d+\] done: (?P<name>.+) \((?P<seconds>[\d.]+) s\)$")
ENVIRONMENT = dict(os.environ)  # as it was before a run set the kernels' (the floor's in a folder it deletes)


def floor_jobs(folder: Path, runs: list) -> list[Job]:
    """One job per notebook run, on a notebook holding only the real notebook's imports, after
    the same runs as the real one."""
    (folder / NOTEBOOKS).mkdir(parents=True)
    jobs = []
    for (source, variant, _), after in zip(runs, dependencies(runs)):
        floor_code = import_statements(read_source(source))
        floor = folder / NOTEBOOKS / f"{source.stem}{variant}.py"
        floor.write_text(f"# %%\n{floor_code}\n", encoding="utf-8")
        jobs.append(Job(floor, {}, folder / EXECUTED / f"{floor.stem}.failed.ipynb", floor.name, after))
    return jobs


def rendering_seconds(runs: list, folder: Path) -> float:
    """CPU seconds spent in Figure.savefig when the cells of every run that draws figures run in
    this process, writing the figures in folder."""
    spent = [0.0]
    savefig = matplotlib.figure.Figure.savefig

    def counted(figure, *args, **kwargs):
        start = time.process_time()
        try:
            return savefig(figure, *args, **kwargs)
        finally:
            spent[0] += time.process_time() - start

    matplotlib.figure.Figure.savefig = counted
    try:
        for source, _, parameters in runs:
            if "figures_dir" in parameters:
                notebook = parameterised(source, {**parameters, "figures_dir": str(folder)})
                namespace = {"__name__": "__main__"}
                with capture_output():  # what the cells display
                    for cell in notebook.cells:
                        if cell.cell_type == "code":
                            exec(compile(cell.source, str(source), "exec"), namespace)
    finally:
        matplotlib.figure.Figure.savefig = savefig
    return spent[0]


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU time used so far by this process and the processes it started that have ended (the
    kernels)."""
    return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
               for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))


def timed_cpu(action) -> tuple[float, float]:
    """The wall time and the CPU time of action."""
    before = cpu_seconds()
    wall = timed(action)
    return wall, cpu_seconds() - before


class Lines:
    """The run's progress lines, each with the time it was printed."""

    def __init__(self) -> None:
        self.lines: list[tuple[float, str]] = []

    def __call__(self, line: str) -> None:
        self.lines.append((time.perf_counter(), line))

    def notebooks(self) -> list[tuple[str, float]]:
        """Each notebook run's own time, from the lines that say it is done."""
        return [(match["name"], float(match["seconds"])) for _, line in self.lines if (match := DONE.match(line))]

    def since(self, start: str) -> float:
        """Seconds from the line starting with start to the last line."""
        begun = next(when for when, line in self.lines if line.startswith(start))
        return self.lines[-1][0] - begun


def main() -> None:
    lines = Lines()
    params = ROOT / "params/default.yaml"
    pipeline, pipeline_cpu = timed_cpu(lambda: run(params, root=ROOT, progress=lines))
    lines("end")
    runs, _ = plan(params, None, ROOT)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        jobs = floor_jobs(folder, runs)
        (folder / EXECUTED).mkdir(parents=True)
        kernel_environment(folder)
        floor, floor_cpu = timed_cpu(lambda: execute_all(jobs, folder, 600))
        one_at_a_time = timed(lambda: execute_all(jobs, folder, 600, slots=1))
        rendering = rendering_seconds(runs, folder / "figures")
    make = ["make", "-s"]
    subprocess.run(make, cwd=ROOT, check=True, capture_output=True, env=ENVIRONMENT)
    noop = timed(lambda: subprocess.run(make, cwd=ROOT, check=True, capture_output=True, env=ENVIRONMENT))
    count = len(runs)  # notebook 04 runs twice (student and teacher)
    print(f"pipeline ({count} notebook runs, up to {cores()} at once):  {pipeline:6.2f} s")
    print(f"floor (import-only runs, the same way):      {floor:6.2f} s")
    print(f"analysis beyond the floor:                   {pipeline - floor:6.2f} s")
    print(f"ratio to the floor:                          {pipeline / floor:6.2f}")
    print(f"floor one run at a time:                     {one_at_a_time:6.2f} s "
          f"(pipeline / it: {pipeline / one_at_a_time:.2f})")
    print(f"CPU time: pipeline {pipeline_cpu:.2f} s, floor {floor_cpu:.2f} s, rendering alone "
          f"(savefig, every format) {rendering:.2f} s")
    least = max(floor, (floor_cpu + rendering) / cores())
    print(f"least the pipeline can take while it renders (floor's and rendering's CPU time on {cores()} cores): "
          f"{least:.2f} s (ratio {least / floor:.2f})")
    for name, seconds in lines.notebooks():
        print(f"  {name:<50} {seconds:6.2f} s")
    print(f"  {'report, then publishing':<50} {lines.since('[report]'):6.2f} s")
    print(f"no-op make:                                  {noop:6.3f} s")
    if "--no-tests" not in sys.argv:
        finished = []
        tests = timed(lambda: finished.append(subprocess.run([*make, "test"], cwd=ROOT, capture_output=True,
                                                             text=True, env=ENVIRONMENT)))
        summary = (finished[0].stdout.strip().splitlines() or [""])[-1].strip("= ")
        print(f"make test:                                   {tests:6.2f} s ({summary})")


if __name__ == "__main__":
    main()
