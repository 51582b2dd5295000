"""Run quantulum3 line by line (its fastest use) over files; print JSON of quantities and timing.

Runs in the separate benchmark environment (build/bench-venv), never in the project's own.
Usage: python quantulum_worker.py FILE...
"""

import json
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from quantulum3 import parser  # noqa: E402

parser.parse("warm up 5 percent")  # loads its unit tables; not timed
result, characters, start = {}, 0, time.perf_counter()
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    characters += len(text)
    found, offset = [], 0
    for line in text.splitlines(keepends=True):
        for quantity in parser.parse(line):
            found.append([offset + quantity.span[0], offset + quantity.span[1], quantity.value])
        offset += len(line)
    result[path] = found
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "characters": characters, "quantities": result}))
