"""How much two processes can gain on this machine, apart from policyparse.

Runs the same amount of work in one process and split over two, for two kinds of work: a pure
arithmetic loop (fits in the core's L1 cache) and an allocation-heavy loop (``json.loads`` of a
large document: what a parser mostly does). On a machine with two real cores both scale ~2x;
where the two vCPUs share a core's caches and memory bandwidth, only the first does. Prints one
line per kind: ``kind  one-process seconds  two-process seconds  speed-up``.

    python benchmarks/scaling_probe.py
"""

from __future__ import annotations

import json
import multiprocessing as mp
import time


def _arith(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i * i
    return time.perf_counter() - t


def _alloc(n: int) -> float:
    s = json.dumps([{"a": i, "b": str(i) * 5, "c": [i] * 10} for i in range(20000)])
    t = time.perf_counter()
    for _ in range(n):
        json.loads(s)
    return time.perf_counter() - t


def probe() -> dict[str, dict[str, float]]:
    ctx = mp.get_context("spawn")
    out: dict[str, dict[str, float]] = {}
    for name, fn, total in (("arithmetic", _arith, 40_000_000), ("allocation", _alloc, 40)):
        with ctx.Pool(1) as p:
            one = p.map(fn, [total])[0]
        with ctx.Pool(2) as p:
            two = max(p.map(fn, [total // 2, total // 2]))
        out[name] = {"one_process_s": round(one, 3), "two_processes_s": round(two, 3), "speedup": round(one / two, 2)}
    return out


if __name__ == "__main__":
    for kind, r in probe().items():
        print(f"{kind:<11} {r['one_process_s']:7.3f} {r['two_processes_s']:7.3f} {r['speedup']:5.2f}x")
