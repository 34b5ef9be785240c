#!/usr/bin/env python3
"""CPython asyncio on SimLoop's workloads (standard library only), for a side-by-side row in bench/README.md.

Workloads (the same as bench/SimLoop.Benchmarks/Workloads.cs):
  ping-pong    two tasks hand a value back and forth through futures; each side creates the next future.
               Reported per hand-over ("half"): ns per step.
  timers       1,000,000 loop.call_later timers with seeded random delays in [1 ms, 1 h), run until all fired.
               Reported as timers created and fired per second.
  cancelled    100,000 call_later timers cancelled (handle.cancel()) in a seeded random order, then run past them.
  compression  1,000 tasks each awaiting asyncio.sleep(1) for one simulated hour (starts staggered by 1 ms).

Timers run on virtual time, as in SimLoop: the loop's clock is a counter and the selector's select(timeout)
moves it forward by the timeout instead of sleeping. Everything else is the stock asyncio event loop.

Usage: python3 bench/python/asyncio_bench.py [--halves N] [--timers N] [--cancelled N] [--tasks N] [--repeat R]
       python3 bench/python/asyncio_bench.py --only ping-pong --json   (one JSON object; the bench's `ratios` mode)
"""

import argparse
import asyncio
import gc
import json
import platform
import random
import selectors
import sys
import time


class VirtualSelector(selectors.SelectSelector):
    """A selector whose select() moves the loop's virtual clock by the timeout instead of waiting."""

    def __init__(self):
        super().__init__()
        self.loop = None

    def select(self, timeout=None):
        if timeout is not None and timeout > 0 and self.loop is not None:
            self.loop._vnow += timeout
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        self._vnow = 0.0
        selector = VirtualSelector()
        super().__init__(selector)
        selector.loop = self

    def time(self):
        return self._vnow


def ping_pong(halves):
    loop = VirtualTimeLoop()
    state = {"remaining": halves, "wakeups": 0}
    first = loop.create_future()
    state["handoff"] = first

    async def side(is_first):
        if not is_first:
            state["wakeups"] += 1
            if await first < 0:
                return
        while True:
            mine = loop.create_future()
            other = state["handoff"]
            state["handoff"] = mine
            state["remaining"] -= 1
            if state["remaining"] <= 0:
                other.set_result(-1)
                return
            other.set_result(1)
            value = await mine
            state["wakeups"] += 1
            if value < 0:
                return

    async def main():
        a = loop.create_task(side(True))
        b = loop.create_task(side(False))
        await a
        await b

    start = time.perf_counter()
    loop.run_until_complete(main())
    elapsed = time.perf_counter() - start
    loop.close()
    assert state["wakeups"] == halves, state["wakeups"]
    return elapsed


def due_times(count, seed=42):
    rnd = random.Random(seed)
    return [rnd.uniform(0.001, 3600.0) for _ in range(count)]


def timers(count):
    delays = due_times(count)
    loop = VirtualTimeLoop()
    fired = [0]

    def cb():
        fired[0] += 1

    start = time.perf_counter()
    for d in delays:
        loop.call_later(d, cb)
    done = loop.create_future()
    loop.call_later(3601.0, done.set_result, None)
    loop.run_until_complete(done)
    elapsed = time.perf_counter() - start
    loop.close()
    assert fired[0] == count, fired[0]
    return elapsed


def cancelled(count):
    delays = due_times(count)
    order = list(range(count))
    random.Random(7).shuffle(order)
    loop = VirtualTimeLoop()
    fired = [0]

    def cb():
        fired[0] += 1

    start = time.perf_counter()
    handles = [loop.call_later(d, cb) for d in delays]
    max_heap = 0
    for i in order:
        handles[i].cancel()
        max_heap = max(max_heap, len(loop._scheduled))
    done = loop.create_future()
    loop.call_later(3601.0, done.set_result, None)
    loop.run_until_complete(done)
    elapsed = time.perf_counter() - start
    loop.close()
    assert fired[0] == 0
    return elapsed


def compression(tasks):
    loop = VirtualTimeLoop()
    count = [0]

    async def worker(i):
        await asyncio.sleep(i / 1000.0)
        while loop.time() < 3600.0:
            await asyncio.sleep(1.0)
            count[0] += 1

    async def main():
        await asyncio.gather(*(worker(i) for i in range(tasks)))

    start = time.perf_counter()
    loop.run_until_complete(main())
    elapsed = time.perf_counter() - start
    simulated = loop.time()
    loop.close()
    return elapsed, simulated, count[0]


def best(fn, arg, repeat):
    results = []
    for _ in range(repeat):
        gc.collect()
        results.append(fn(arg))
    return min(results), sorted(results)[len(results) // 2]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--halves", type=int, default=100_000)
    p.add_argument("--timers", type=int, default=1_000_000)
    p.add_argument("--cancelled", type=int, default=100_000)
    p.add_argument("--tasks", type=int, default=1000, help="compression workload tasks; 0 to skip")
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--only", choices=["ping-pong"], help="run only this workload")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    a = p.parse_args()

    if a.only == "ping-pong":
        ping_pong(1000)  # warm-up
        b, m = best(ping_pong, a.halves, a.repeat)
        result = {"python": platform.python_version(), "halves": a.halves, "repeat": a.repeat,
                  "pingPongNsPerStepBest": b / a.halves * 1e9, "pingPongNsPerStepMedian": m / a.halves * 1e9}
        if a.json:
            print(json.dumps(result))
        else:
            print(f"ping-pong (futures): {result['pingPongNsPerStepBest']:.0f} ns per step "
                  f"(median {result['pingPongNsPerStepMedian']:.0f}), {a.halves} steps")
        sys.stdout.flush()
        return

    print(f"# {platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
          f"asyncio stock loop on virtual time; best and median of {a.repeat} runs")
    ping_pong(1000)  # warm-up
    b, m = best(ping_pong, a.halves, a.repeat)
    print(f"ping-pong (futures): {b / a.halves * 1e9:.0f} ns per step (median {m / a.halves * 1e9:.0f}), {a.halves} steps")
    b, m = best(timers, a.timers, a.repeat)
    print(f"timers (call_later): {a.timers / b:,.0f} timers created+fired per second (median {a.timers / m:,.0f}); "
          f"{b / a.timers * 1e9:.0f} ns per timer")
    b, m = best(cancelled, a.cancelled, a.repeat)
    print(f"cancelled timers (call_later + cancel): {b / a.cancelled * 1e9:.0f} ns per timer (median {m / a.cancelled * 1e9:.0f})")
    if a.tasks > 0:
        elapsed, simulated, n = compression(a.tasks)
        print(f"compression: {a.tasks} tasks x asyncio.sleep(1) for 1 h: {n:,} sleeps in {elapsed:.2f} s wall, "
              f"{simulated / elapsed:,.0f} simulated s per wall s, {n / elapsed:,.0f} sleeps per wall s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
