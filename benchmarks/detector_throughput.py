"""The detector beside two established number readers, quantulum3 and Microsoft's
Recognizers-Text, on the same text: throughput, and recall per form of number.

Times are CPU times of the process (time.process_time), so that other work on a shared machine
does not skew the comparison.

- Throughput of `find_mentions` on the seeds and the fixture articles repeated to 1.25, 2.5,
  5 and 10 MB (time should grow linearly with size), and its peak memory (tracemalloc).
- The peers, each in the benchmark environment (build/bench-venv: `make bench-env`), parsed line
  by line (their fastest use) over one copy of the same text; the ratio of throughputs. Every
  throughput is the best of three passes.
- Recall per form against tests/fixtures/articles/gold.yaml. This detector must get the value
  right, both ends of a range and the open side of a bound; a peer scores when any one value
  it gives for an overlapping span equals either end (or is that share written as a fraction,
  0.2 for 20 percent). Items with a `kind` are not quantities: only this detector's kind is
  checked.

Run from the project root:  make bench
"""

from __future__ import annotations

import json
import math
import subprocess
import time
import tracemalloc
from collections import defaultdict
from pathlib import Path

import yaml

from nkestimates.mentions import detect_mentions, find_mentions

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests/fixtures/articles"
BENCH_PYTHON = ROOT / "build/bench-venv/bin/python"
PEERS = ("quantulum3", "recognizers")
SIZES_MB = (1.25, 2.5, 5, 10)


def sources() -> list[Path]:
    return sorted((ROOT / "seeds").glob("*.txt")) + sorted(ARTICLES.glob("*.txt"))


def corpus(megabytes: float) -> str:
    one = "\n\n".join(p.read_text(encoding="utf-8") for p in sources())
    copies = math.ceil(megabytes * 1e6 / len(one.encode("utf-8")))
    return "\n\n".join([one] * copies)


def megabytes_per_second(text: str, repeats: int = 3) -> tuple[float, float, int]:
    """Throughput in MB per CPU second (the best of a few passes), the CPU seconds, and the
    mentions found."""
    seconds = math.inf
    for _ in range(repeats):
        start = time.process_time()
        count = len(detect_mentions(text))
        seconds = min(seconds, time.process_time() - start)
    return len(text.encode("utf-8")) / 1e6 / seconds, seconds, count


def throughput() -> None:
    print("this detector (find_mentions over the seeds and fixtures, repeated):")
    for size in SIZES_MB:
        text = corpus(size)
        speed, seconds, count = megabytes_per_second(text)
        megabytes = len(text.encode("utf-8")) / 1e6
        print(f"  {megabytes:6.2f} MB  {seconds:7.2f} s  {speed:6.2f} MB/s  "
              f"{seconds / megabytes:6.3f} s per MB  {count:,} mentions")
    text = corpus(SIZES_MB[-1])
    tracemalloc.start()
    detect_mentions(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak memory while detecting in {len(text.encode('utf-8')) / 1e6:.1f} MB: {peak / 1e6:.0f} MB "
          f"(the text itself: {len(text.encode('utf-8')) / 1e6:.0f} MB)")


def gold_items() -> list[tuple[Path, int, int, dict]]:
    gold = yaml.safe_load((ARTICLES / "gold.yaml").read_text(encoding="utf-8"))
    items = []
    for name, entries in gold.items():
        text = (ARTICLES / name).read_text(encoding="utf-8")
        cursor = 0
        for item in entries:
            start = text.index(str(item["text"]), cursor)
            items.append((ARTICLES / name, start, start + len(str(item["text"])), item))
            cursor = start
    return items


def close(a, b) -> bool:
    return a is not None and b is not None and math.isclose(float(a), float(b), rel_tol=1e-3)


def ours_right(mention, item: dict) -> bool:
    if "kind" in item:
        return mention.kind == item["kind"]
    ends = ((mention.value_low, item["low"]), (mention.value_high, item["high"]))
    return all(close(found, wanted) if wanted is not None else found is None for found, wanted in ends)


def peer_right(values: list[float], item: dict) -> bool:
    wanted = [v for v in (item["low"], item["high"]) if v is not None]
    return any(close(value, w) or close(value * 100, w) for value in values for w in wanted)


def run_peer(peer: str, files: list[Path]) -> dict:
    completed = subprocess.run([str(BENCH_PYTHON), str(ROOT / "benchmarks/peer_worker.py"), peer,
                                *map(str, files)], capture_output=True, text=True, check=True)
    return json.loads(completed.stdout)


def compare_with_peers() -> None:
    if not BENCH_PYTHON.exists():
        print("peers: skipped - their environment is missing; run `make bench-env` first")
        return
    files = sources()
    peers = {peer: run_peer(peer, files) for peer in PEERS}
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    ours, _, _ = megabytes_per_second(corpus(1))
    print(f"\nthroughput on the same text ({len(text):,} characters; the peers line by line):")
    print(f"  {'this detector':14} {ours * 1000:10.0f} kB/s")
    for peer, result in peers.items():
        theirs = result["characters"] / 1e6 / result["seconds"]
        print(f"  {peer:14} {theirs * 1000:10.1f} kB/s   this detector is {ours / theirs:,.0f}x faster")
    recall_table(peers)


def recall_table(peers: dict) -> None:
    ours_found = {p: find_mentions(p.read_text(encoding="utf-8")) for p in {i[0] for i in gold_items()}}
    hits: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, int] = defaultdict(int)
    for path, start, end, item in gold_items():
        form = item.get("form") or f"not a quantity: {item['kind']}"
        totals[form] += 1
        hits[form]["ours"] += any(ours_right(m, item) for m in ours_found[path] if m.start < end and start < m.end)
        if "kind" in item:
            continue
        for peer, result in peers.items():
            spans = result["quantities"][str(path)]
            hits[form][peer] += any(peer_right(q[2:], item) for q in spans if q[0] < end and start < q[1])
    print(f"\nrecall per form on the fixture articles ({sum(totals.values())} gold items):")
    print(f"  {'form':36} {'items':>5} {'this detector':>14} " + " ".join(f"{p:>12}" for p in peers))
    overall = defaultdict(int)
    for form in sorted(totals):
        row = f"  {form:36} {totals[form]:5} {hits[form]['ours']:14}"
        for peer in peers:
            row += f" {'-' if form.startswith('not') else hits[form][peer]:>12}"
            overall[peer] += hits[form][peer]
        overall["ours"] += hits[form]["ours"]
        behind = [p for p in peers if hits[form][p] > hits[form]["ours"]]
        print(row + (f"   BEHIND {', '.join(behind)}" if behind else ""))
    quantities = sum(n for form, n in totals.items() if not form.startswith("not"))
    print(f"  {'all':36} {sum(totals.values()):5} {overall['ours']:14} "
          + " ".join(f"{overall[p]:>12}" for p in peers) + f"   (peers: of {quantities} quantities)")


if __name__ == "__main__":
    throughput()
    compare_with_peers()
