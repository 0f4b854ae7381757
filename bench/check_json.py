"""A reference for bench_check_core's `contract` timing: Python's json.loads and json.dumps of the
very same check request, the same number of times per run, median of runs.

    build/release/bench/bench_check_core --request | python3 bench/check_json.py [ITERATIONS [RUNS]]

Prints one line: "python    <ns> ns/op   json.loads+json.dumps ...". This only parses the request
and writes it back; the C contract also applies the rules and writes a larger result.
"""
import json
import statistics
import sys
import time


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    text = sys.stdin.read()
    json.dumps(json.loads(text))  # refuse bad input before timing
    times = []
    for _ in range(runs + 1):  # the first run warms up and is not counted
        t0 = time.perf_counter_ns()
        for _ in range(iterations):
            json.dumps(json.loads(text))
        times.append((time.perf_counter_ns() - t0) / iterations)
    times = times[1:]
    print("python    %9.0f ns/op     json.loads+json.dumps, %d bytes (%d per run) [%.0f-%.0f]"
          % (statistics.median(times), len(text.encode()), iterations, min(times), max(times)))


main()
