"""Threads: jconc (Java threads, JDK locks and jconc's helpers) vs Python's threading.

Alternates a fresh JVM running jconc.bench.ThreadsBench and a fresh CPython running
reference/py_threads.py, several times, and prints the medians and ratios.
"""
import argparse
import sys

import benchlib as b

METRICS = [
    b.Metric("thread_start_join_us", "thread start + join (new Thread vs threading.Thread)", "us", "lower",
             ("ratio", 3.0), "≥ 3x faster"),
    b.Metric("jconc_thread_start_join_us", "thread start + join via jconc Threads.start", "us", "lower",
             reference_key="thread_start_join_us"),
    b.Metric("virtual_thread_start_join_us", "thread start + join, virtual thread (JDK 21+) vs threading.Thread",
             "us", "lower", ("ratio", 3.0), "≥ 3x faster", reference_key="thread_start_join_us"),
    b.Metric("lock_pair_ns", "uncontended lock acquire+release (ReentrantLock vs Lock)", "ns", "lower"),
    b.Metric("mutex_pair_ns", "uncontended lock acquire+release (jconc Mutex vs Lock)", "ns", "lower",
             reference_key="lock_pair_ns"),
    b.Metric("contended_counter_per_s", "4-thread contended counter (ReentrantLock vs Lock)", "/s", "higher"),
    b.Metric("mutex_contended_counter_per_s", "4-thread contended counter (jconc Mutex vs Lock)", "/s",
             "higher", reference_key="contended_counter_per_s"),
    b.Metric("event_ping_pong_us", "Event ping-pong round trip (jconc Event vs Event)", "us", "lower"),
    b.Metric("cpu_speedup_2_threads", "CPU-bound work, 2 threads vs sequential (speedup)", "x", "higher",
             ("min", 1.8), "jconc ≥ 1.8x"),
]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    flags = ["--quick"] if args.quick else []

    java_virtual = b.java_with_virtual_threads()

    def jconc():
        values = b.run_json([b.java_command(), "-cp", b.bench_classpath(), "jconc.bench.ThreadsBench", *flags],
                            timeout=600)
        if java_virtual:
            values.update(b.run_json([java_virtual, "-cp", b.bench_classpath(), "jconc.bench.ThreadsBench",
                                      "--virtual-only", *flags], timeout=600))
        return values

    def reference():
        return b.run_json([b.reference_python(), str(b.BENCH_DIR / "reference" / "py_threads.py"), *flags],
                          timeout=600)

    collected = b.alternate({"jconc": jconc, "reference": reference}, args.runs)
    rows = b.outcomes(METRICS, collected)
    runtimes = {side: next((r["runtime"] for r in runs if "runtime" in r), "?")
                for side, runs in collected.items()}
    notes = [b.RATIO_NOTE,
             f"{args.runs} alternating runs; jconc side: {runtimes['jconc']}; "
             f"reference: {runtimes['reference']} threading; virtual threads on "
             f"{next((r['runtime_virtual'] for r in collected['jconc'] if 'runtime_virtual' in r), 'no JDK 21+ found')}. Each run takes the median of "
             f"several measured rounds (the JVM after warm-up)."]
    md = b.table("Threads: jconc vs Python threading", rows, "Python threading", notes)
    b.save("threads", md, collected)
    print(md)


if __name__ == "__main__":
    sys.exit(main())
