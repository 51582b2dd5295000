"""Detection throughput, peak memory and recall, beside quantulum3 on the same text.

- Throughput of `find_mentions` on the seeds and the fixture articles repeated to 1.25, 2.5,
  5 and 10 MB: time should grow linearly with size.
- Peak memory (tracemalloc) while detecting in the 10 MB corpus.
- quantulum3 (in its own environment, build/bench-venv: `make bench-env`), parsed line by line,
  on one copy of the same corpus; the ratio of throughputs.
- Recall of both on the fixture articles against tests/fixtures/articles/gold.yaml.

Run from the project root:  make bench
"""

from __future__ import annotations

import json
import math
import subprocess
import time
import tracemalloc
from pathlib import Path

import yaml

from nkestimates.mentions import find_mentions

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests/fixtures/articles"
QUANTULUM = ROOT / "build/bench-venv/bin/python"
SIZES_MB = (1.25, 2.5, 5, 10)


def sources() -> list[Path]:
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted(ARTICLES.glob("*.txt"))


def corpus(megabytes: float) -> str:
    one = "\n\n".join(p.read_text(encoding="utf-8") for p in sources())
    copies = math.ceil(megabytes * 1e6 / len(one.encode("utf-8")))
    return "\n\n".join([one] * copies)


def throughput() -> None:
    print("detector throughput (find_mentions over the seeds and fixtures, repeated):")
    for size in SIZES_MB:
        text = corpus(size)
        start = time.perf_counter()
        count = len(find_mentions(text))
        seconds = time.perf_counter() - start
        megabytes = len(text.encode("utf-8")) / 1e6
        print(f"  {megabytes:6.2f} MB  {seconds:7.2f} s  {megabytes / seconds:6.2f} MB/s  "
              f"{seconds / megabytes:6.3f} s per MB  {count:,} mentions")
    text = corpus(SIZES_MB[-1])
    tracemalloc.start()
    find_mentions(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak memory while detecting in {len(text.encode('utf-8')) / 1e6:.1f} MB: {peak / 1e6:.0f} MB "
          f"(the text itself: {len(text.encode('utf-8')) / 1e6:.0f} MB)")


def gold_spans() -> dict[Path, list[tuple[int, int, dict]]]:
    gold = yaml.safe_load((ARTICLES / "gold.yaml").read_text(encoding="utf-8"))
    spans = {}
    for name, items in gold.items():
        text = (ARTICLES / name).read_text(encoding="utf-8")
        cursor, found = 0, []
        for item in items:
            start = text.index(str(item["text"]), cursor)
            found.append((start, start + len(str(item["text"])), item))
            cursor = start
        spans[ARTICLES / name] = found
    return spans


def close(a, b) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-3)


def recall(found: dict[Path, list], strict: bool) -> tuple[int, int]:
    """Gold quantities found: overlapping span and the right value (both ends when strict)."""
    hits = total = 0
    for path, items in gold_spans().items():
        for start, end, item in items:
            total += 1
            overlapping = [f for f in found[path] if f[0] < end and start < f[1]]
            if strict:
                hits += any((item["low"] is None or close(f[2], item["low"])) and
                            (item["high"] is None or close(f[3], item["high"])) and
                            (item["low"] is not None or f[2] is None) and (item["high"] is not None or f[3] is None)
                            for f in overlapping)
            else:
                hits += any(close(f[2], item["low"]) or close(f[2], item["high"]) for f in overlapping)
    return hits, total


def compare_with_quantulum() -> None:
    if not QUANTULUM.exists():
        print("quantulum3: skipped - its environment is missing; run `make bench-env` first")
        return
    files = [str(p) for p in sources()]
    result = json.loads(subprocess.run([str(QUANTULUM), str(ROOT / "benchmarks/quantulum_worker.py"), *files],
                                       capture_output=True, text=True, check=True).stdout)
    theirs = result["characters"] / 1e6 / result["seconds"]
    text = corpus(1)
    start = time.perf_counter()
    find_mentions(text)
    ours = len(text) / 1e6 / (time.perf_counter() - start)
    print(f"quantulum3 on the same text ({result['characters']:,} characters, line by line): "
          f"{theirs * 1000:.1f} kB/s; this detector: {ours:.2f} MB/s; ratio {ours / theirs:,.0f}x")
    ours_found = {Path(p): [(m.start, m.end, m.value_low, m.value_high) for m in
                            find_mentions(Path(p).read_text(encoding="utf-8"))] for p in files}
    theirs_found = {Path(p): [tuple(q) for q in found] for p, found in result["quantities"].items()}
    hits, total = recall(ours_found, strict=True)
    their_hits, _ = recall(theirs_found, strict=False)
    print(f"recall on the fixture articles ({total} gold quantities): this detector {hits}/{total} "
          f"({hits / total:.0%}, both ends of a range and the open side of a bound must be right); "
          f"quantulum3 {their_hits}/{total} ({their_hits / total:.0%}, any one value right)")


if __name__ == "__main__":
    throughput()
    compare_with_quantulum()
