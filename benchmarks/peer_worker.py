"""Run an established number reader line by line over files; print JSON of what it found and the
CPU time it took. Runs in the benchmark environment (build/bench-venv), never in the project's own.

Usage: python peer_worker.py quantulum3|recognizers FILE...
Each quantity is [start, end, value, ...]: every value the reader gives for it (both ends of a
range, the amount of a currency), so that recall can count any one of them as right.
"""

import json
import re
import sys
import time
import warnings

warnings.filterwarnings("ignore")
REPEATS = 3
NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")


def quantulum3():
    from quantulum3 import parser

    parser.parse("warm up 5 percent")  # loads its unit tables; not timed

    def read(line):
        return [[q.span[0], q.span[1], q.value] for q in parser.parse(line)]

    return read


def recognizers():
    from recognizers_number import NumberRecognizer
    from recognizers_number_with_unit import NumberWithUnitRecognizer
    from recognizers_text import Culture

    numbers = NumberRecognizer(Culture.English)
    units = NumberWithUnitRecognizer(Culture.English)
    models = [numbers.get_number_model(), numbers.get_percentage_model(), units.get_currency_model()]
    for model in models:  # builds its regular expressions; not timed
        model.parse("warm up 5 percent and $3")

    def read(line):
        found = []
        for model in models:
            for result in model.parse(line):
                values = [float(v) for v in NUMBER.findall(json.dumps(result.resolution or {}))]
                found.append([result.start, result.end + 1, *values])  # its end is inclusive
        return found

    return read


read = {"quantulum3": quantulum3, "recognizers": recognizers}[sys.argv[1]]()
texts = {path: open(path, encoding="utf-8").read() for path in sys.argv[2:]}
best = None
for _ in range(REPEATS):  # the best of a few passes, as for this detector
    result, start = {}, time.process_time()
    for path, text in texts.items():
        found, offset = [], 0
        for line in text.splitlines(keepends=True):
            found += [[offset + q[0], offset + q[1], *q[2:]] for q in read(line)]
            offset += len(line)
        result[path] = found
    seconds = time.process_time() - start
    best = seconds if best is None else min(best, seconds)
characters = sum(len(text) for text in texts.values())
print(json.dumps({"seconds": best, "characters": characters, "quantities": result}))
