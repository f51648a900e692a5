"""Python's multiprocessing side of the processes benchmark.

Runs every measurement once in this fresh interpreter and prints one JSON object
(metric name -> value) on stdout. bench/processes_bench.py starts this script and the
Java program alternately and compares the medians.

Each workload mirrors jconc.bench.ProcessesBench; keep them in step.
"""
import json
import multiprocessing as mp
import statistics
import sys
import threading
import time

QUICK = "--quick" in sys.argv
SCALE = 0.1 if QUICK else 1.0


def n(count):
    return max(2, int(count * SCALE))


def noop():
    pass


def start_join_ms(method, count):
    """Start a process running an empty function and join it; milliseconds per process."""
    ctx = mp.get_context(method)
    p = ctx.Process(target=noop)  # warm-up (starts the forkserver, imports)
    p.start()
    p.join()
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        p = ctx.Process(target=noop)
        p.start()
        p.join()
        times.append(time.perf_counter() - t0)
        assert p.exitcode == 0
    return statistics.median(times) * 1e3


def produce(q, count, payload):
    for i in range(count):
        q.put(payload if payload is not None else i)
    q.put(None)


def queue_per_s(count, payload):
    """A child puts `count` items, the parent gets them: items per second from first to last get."""
    q = mp.Queue()
    p = mp.Process(target=produce, args=(q, count, payload))
    p.start()
    first = q.get()
    t0 = time.perf_counter()
    received = 1
    while q.get() is not None:
        received += 1
    elapsed = time.perf_counter() - t0
    p.join()
    assert received == count, received
    return (count - 1) / elapsed


def echo(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(msg)
    conn.close()


def pipe_round_trip_us(count):
    """The parent sends an int through a Pipe, the child sends it back; microseconds per round trip."""
    parent, child = mp.Pipe()
    p = mp.Process(target=echo, args=(child,))
    p.start()
    for i in range(100):  # warm-up
        parent.send(i)
        parent.recv()
    t0 = time.perf_counter()
    for i in range(count):
        parent.send(i)
        assert parent.recv() == i
    elapsed = time.perf_counter() - t0
    parent.send(None)
    p.join()
    return elapsed / count * 1e6


def dict_sets(shared, ready, go, done, worker, count):
    ready.put(worker)
    go.wait()
    for i in range(count):
        shared[f"w{worker}-{i}"] = i
    done.put(worker)


def list_appends(shared, ready, go, done, worker, count):
    ready.put(worker)
    go.wait()
    for i in range(count):
        shared.append(i)
    done.put(worker)


def manager_per_s(kind, workers=4, per_worker=2500):
    """4 processes write into one Manager dict (or list) at once, released together once all
    are up; operations per second from the release to the last worker's "done"."""
    with mp.Manager() as manager:
        shared = manager.dict() if kind == "dict" else manager.list()
        ready, go, done = mp.Queue(), mp.Event(), mp.Queue()
        target = dict_sets if kind == "dict" else list_appends
        ps = [mp.Process(target=target, args=(shared, ready, go, done, w, per_worker)) for w in range(workers)]
        for p in ps:
            p.start()
        for _ in ps:
            ready.get()
        t0 = time.perf_counter()
        go.set()
        for _ in ps:
            done.get()
        elapsed = time.perf_counter() - t0
        for p in ps:
            p.join()
        assert len(shared) == workers * per_worker, len(shared)
        return workers * per_worker / elapsed


def square(x):
    return x * x


def pool_apply_async_per_s(count):
    """Pool(2).apply_async with a callback, `count` tasks; tasks per second until the last callback."""
    with mp.Pool(2) as pool:
        pool.map(square, range(100))  # warm-up: workers started
        done = threading.Event()
        results = []

        def callback(value):
            results.append(value)
            if len(results) == count:
                done.set()

        t0 = time.perf_counter()
        for i in range(count):
            pool.apply_async(square, (i,), callback=callback)
        done.wait(120)
        elapsed = time.perf_counter() - t0
        assert len(results) == count, len(results)
        return count / elapsed


def main():
    result = {
        "start_join_ms_spawn": start_join_ms("spawn", n(10)),
        "start_join_ms_forkserver": start_join_ms("forkserver", n(20)),
        "start_join_ms_fork": start_join_ms("fork", n(50)),
        "queue_ints_per_s": queue_per_s(n(100_000), None),
        "queue_1k_per_s": queue_per_s(n(50_000), bytes(1024)),
        "pipe_round_trip_us": pipe_round_trip_us(n(5000)),
        "manager_dict_sets_per_s": manager_per_s("dict", per_worker=n(2500)),
        "manager_list_appends_per_s": manager_per_s("list", per_worker=n(2500)),
        "pool_apply_async_per_s": pool_apply_async_per_s(n(10_000)),
        "runtime": "Python " + sys.version.split()[0],
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
