"""Processes: jconc's process API (child JVMs) vs Python's multiprocessing.

Alternates a fresh JVM running jconc.bench.ProcessesBench and a fresh CPython running
reference/py_processes.py, several times, and prints the medians and ratios.
"""
import argparse
import sys

import benchlib as b

METRICS = [
    b.Metric("start_join_ms_cold", "Process start+join: jconc cold vs Python spawn", "ms", "lower",
             ("ratio", 1.0), "no slower than spawn", reference_key="start_join_ms_spawn"),
    b.Metric("start_join_ms_warm", "Process start+join: jconc warm standby vs Python forkserver", "ms",
             "lower", ("ratio", 1.0), "faster than forkserver", reference_key="start_join_ms_forkserver"),
    b.Metric("start_join_ms_warm_back_to_back", "Process start+join: jconc back to back vs Python forkserver",
             "ms", "lower", reference_key="start_join_ms_forkserver"),
    b.Metric("start_join_ms_warm_vs_fork", "Process start+join: jconc warm standby vs Python fork", "ms",
             "lower", jconc_key="start_join_ms_warm", reference_key="start_join_ms_fork"),
    b.Metric("queue_ints_per_s", "Queue throughput, ints", "/s", "higher", ("ratio", 3.0), "≥ 3x"),
    b.Metric("queue_1k_per_s", "Queue throughput, 1 KiB payloads", "/s", "higher", ("ratio", 3.0), "≥ 3x"),
    b.Metric("pipe_round_trip_us", "Pipe ping-pong round trip", "us", "lower", ("ratio", 1.0), "no slower"),
    b.Metric("manager_dict_sets_per_s", "Manager dict sets from 4 processes", "/s", "higher",
             ("ratio", 3.0), "≥ 3x"),
    b.Metric("manager_list_appends_per_s", "Manager list appends from 4 processes", "/s", "higher",
             ("ratio", 3.0), "≥ 3x"),
    b.Metric("pool_apply_async_per_s", "Pool(2) applyAsync + callback", "/s", "higher",
             ("ratio", 2.0), "≥ 2x"),
]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    flags = ["--quick"] if args.quick else []

    def jconc():
        return b.run_json([b.java_command(), "-cp", b.bench_classpath(), "jconc.bench.ProcessesBench", *flags],
                          timeout=900)

    def reference():
        return b.run_json([b.reference_python(), str(b.BENCH_DIR / "reference" / "py_processes.py"), *flags],
                          timeout=900)

    collected = b.alternate({"jconc": jconc, "reference": reference}, args.runs)
    rows = b.outcomes(METRICS, collected)
    runtimes = {side: next((r["runtime"] for r in runs if "runtime" in r), "?")
                for side, runs in collected.items()}
    errors = sorted({r["error"] for runs in collected.values() for r in runs if "error" in r})
    notes = [b.RATIO_NOTE,
             f"{args.runs} alternating runs; jconc side: {runtimes['jconc']}; "
             f"reference: {runtimes['reference']} multiprocessing (Queue, Pipe, Manager and Pool "
             f"with the default start method, fork). Start+join is the median of single starts "
             f"after a warm-up start; jconc's warm start waits (untimed) until its standby child is up, "
             f"back to back does not (a standby may still be booting)."]
    notes += [f"A run failed (details in results/processes-raw.json): {e.splitlines()[0][:200]}" for e in errors]
    md = b.table("Processes: jconc vs Python multiprocessing", rows, "Python multiprocessing", notes)
    b.save("processes", md, collected)
    print(md)


if __name__ == "__main__":
    sys.exit(main())
