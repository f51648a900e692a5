"""Python's threading side of the threads benchmark.

Runs every measurement once in this fresh interpreter and prints one JSON object
(metric name -> value) on stdout. bench/threads_bench.py starts this script and
the Java program alternately and compares the medians.

Each workload mirrors jconc.bench.ThreadsBench line for line; keep them in step.
"""
import json
import statistics
import sys
import threading
import time

QUICK = "--quick" in sys.argv


def median_of(rounds, fn):
    return statistics.median(fn() for _ in range(rounds))


def thread_start_join_us(n=200 if QUICK else 1000):
    """Start a thread with an empty target and join it, n times; microseconds per thread."""
    def noop():
        pass
    t0 = time.perf_counter()
    for _ in range(n):
        t = threading.Thread(target=noop)
        t.start()
        t.join()
    return (time.perf_counter() - t0) / n * 1e6


def lock_pair_ns(n=200_000 if QUICK else 1_000_000):
    """acquire() + release() of an uncontended threading.Lock; nanoseconds per pair."""
    lock = threading.Lock()
    t0 = time.perf_counter()
    for _ in range(n):
        lock.acquire()
        lock.release()
    return (time.perf_counter() - t0) / n * 1e9


def contended_counter_per_s(threads=4, per_thread=50_000 if QUICK else 200_000):
    """4 threads each increment a shared counter under one Lock; increments per second."""
    lock = threading.Lock()
    counter = [0]
    start = threading.Barrier(threads + 1)

    def work():
        start.wait()
        for _ in range(per_thread):
            with lock:
                counter[0] += 1

    ts = [threading.Thread(target=work) for _ in range(threads)]
    for t in ts:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    elapsed = time.perf_counter() - t0
    assert counter[0] == threads * per_thread, counter[0]
    return threads * per_thread / elapsed


def event_ping_pong_us(n=1000 if QUICK else 5000):
    """Two threads hand a turn back and forth with two Events; microseconds per round trip."""
    ping, pong = threading.Event(), threading.Event()

    def responder():
        for _ in range(n):
            ping.wait()
            ping.clear()
            pong.set()

    t = threading.Thread(target=responder)
    t.start()
    t0 = time.perf_counter()
    for _ in range(n):
        ping.set()
        pong.wait()
        pong.clear()
    elapsed = time.perf_counter() - t0
    t.join()
    return elapsed / n * 1e6


def cpu_work(n):
    """Pure CPU: an integer hash loop (the same arithmetic as the Java side)."""
    x = 0
    for i in range(n):
        x = (x * 31 + i) & 0xFFFFFFFF
    return x


def cpu_speedup(n=300_000 if QUICK else 2_000_000):
    """Two equal CPU-bound jobs: sequential time / time on 2 threads."""
    t0 = time.perf_counter()
    cpu_work(n)
    cpu_work(n)
    sequential = time.perf_counter() - t0
    ts = [threading.Thread(target=cpu_work, args=(n,)) for _ in range(2)]
    t0 = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    parallel = time.perf_counter() - t0
    return sequential / parallel


def main():
    rounds = 3
    thread_start_join_us(50)  # warm-up
    result = {
        "thread_start_join_us": median_of(rounds, thread_start_join_us),
        "lock_pair_ns": median_of(rounds, lock_pair_ns),
        "contended_counter_per_s": median_of(rounds, contended_counter_per_s),
        "event_ping_pong_us": median_of(rounds, event_ping_pong_us),
        "cpu_speedup_2_threads": median_of(rounds, cpu_speedup),
        "runtime": "Python " + sys.version.split()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
