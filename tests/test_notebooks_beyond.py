"""Runs the notebooks beyond the tutorial (23-29) headless and checks their key results.

Each notebook is executed once per kernel and edition (conftest.executed_notebook); every test
reads the outputs of cells tagged in the notebook's metadata (for example ``s23-volatile-flag``),
in the English and the Chinese edition. As for the thread notebooks,
JCONC_NOTEBOOK_KERNEL=jconc-jdk25 runs the same checks on JDK 25; notebook 29 (virtual
threads, JDK 21+) is always checked on every installed test kernel: on JDK 17 it must say what it
needs and skip without errors, on JDK 21+ it must measure.
"""
import re

import pytest

from conftest import KERNELS, NOTEBOOK_KERNEL as KERNEL, NOTEBOOK_EDITIONS, course_notebooks, executed_notebook
from test_notebooks_run_clean import unintended_errors
from test_notebooks_threads import cell, number, stdout

# The notebooks after the tutorial's 22 sections.
BEYOND = [name for name in course_notebooks() if int(name[:2]) > 22]


def executed(name, edition, kernel=KERNEL):
    """notebooks[/zh]/<name> executed on `kernel` once per session, with its outputs."""
    return executed_notebook(name, edition, kernel)


def jdk_feature(nb):
    return int(number(r"this kernel runs Java (\d+)", stdout(nb, "s29-jdk")))


@pytest.mark.parametrize("name", BEYOND)
def test_no_cell_waits_for_an_answer(name, edition):
    """The browser suites run these notebooks unattended."""
    nb = executed(name, edition)
    assert "input(" not in "".join(c.source for c in nb.cells if c.cell_type == "code")


FLAG_REPORT = r"main: stop = true; (\d+) ms later the worker is (STILL RUNNING|finished)"


def flag_outcome(text):
    """'running' or 'finished', checked against the summary line the cell prints."""
    m = re.search(FLAG_REPORT, text)
    assert m, f"the program's report is missing:\n{text}"
    if m.group(2) == "STILL RUNNING":
        assert int(m.group(1)) >= 1000, "the program waited a whole second before it reported"
        assert "never saw the flag" in text
        return "running"
    assert "worker: saw the flag after" in text and "saw the flag" in text
    return "finished"


def test_s23_a_stop_flag_without_volatile_may_never_be_seen_and_with_volatile_always_is(edition):
    nb = executed("23_memory_model.ipynb", edition)
    # The memory model allows the plain loop to run for ever or to end: both are reported honestly
    # (HotSpot's C2 kept it running in 20 of 20 runs on JDK 17 and 25 here; a quick-compiler run ends).
    plain = flag_outcome(stdout(nb, "s23-plain-flag"))
    quick = flag_outcome(stdout(nb, "s23-c1-flag"))
    print(f"non-volatile flag: default JIT {plain}, C1 only {quick}")
    # A volatile write happens-before the later reads: this one is guaranteed.
    fixed = stdout(nb, "s23-volatile-flag")
    assert flag_outcome(fixed) == "finished"
    assert "with volatile: the loop saw the flag" in fixed


def test_s23_volatile_is_not_atomic_and_start_join_order_plain_fields(edition):
    nb = executed("23_memory_model.ipynb", edition)
    out = stdout(nb, "s23-volatile-not-atomic")
    lost = number(r"volatile counter, 20 threads x 500 read-yield-write: \d+ of 10000, lost (\d+)", out)
    assert lost > 0, "a volatile read-yield-write loses updates"
    assert "AtomicInteger, 20 threads x 500 incrementAndGet: 10000 of 10000, lost 0" in out
    hb = stdout(nb, "s23-start-join")
    assert "[1, 4, 9, 16, 25, 36, 49, 64]" in hb and "all correct: true" in hb


def test_s24_two_locks_in_opposite_order_deadlock_are_named_and_ended_and_both_fixes_finish(edition):
    nb = executed("24_deadlock_lock_ordering.ipynb", edition)
    assert "after 1 s: alice alive true, bob alive true" in stdout(nb, "s24-deadlock")
    magic = cell(nb, "s24-threads-magic")
    shown = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in magic.outputs)
    cycle = re.search(r"DEADLOCK: .*", shown)
    assert cycle, f"%threads names the cycle:\n{shown}"
    assert "'alice' waits for ReentrantLock" in cycle.group(0) and "held by 'bob'" in cycle.group(0)
    assert "'bob' waits for ReentrantLock" in cycle.group(0) and "held by 'alice'" in cycle.group(0)
    found = stdout(nb, "s24-find-deadlock")
    assert "deadlocked threads: [alice, bob]" in found
    assert "alice waits for" in found and "held by bob" in found
    assert "after interrupt(): alice alive false, bob alive false" in stdout(nb, "s24-end")
    sync = stdout(nb, "s24-synchronized")
    assert "deadlocked monitor waiters: 2" in sync
    assert "after interrupt(): carol BLOCKED, dave BLOCKED" in sync, "a monitor wait ignores interrupt()"
    assert "[program exited with status 0" in sync, "the program ended, and its deadlocked threads with it"
    assert "one global order: both finished true, 2 x 10000 transfers" in stdout(nb, "s24-ordered")
    polite = stdout(nb, "s24-trylock")
    assert "tryLock with a timeout: both finished true, 2 x 10000 transfers" in polite
    assert number(r"(\d+) back-offs", polite) >= 0


def test_s25_interrupts_stop_cooperative_code_and_a_swallowed_one_is_lost(edition):
    nb = executed("25_cancellation.ipynb", edition)
    assert "after interrupt(): true" in stdout(nb, "s25-cpu-loop")
    assert "the thread that swallows it is still running: true" in stdout(nb, "s25-swallow")
    back = stdout(nb, "s25-back-door")
    assert "after the back door: stubborn alive false" in back
    assert number(r"interrupts it swallowed: (\d+)", back) >= 1
    assert "the thread that restores it is still running: false" in stdout(nb, "s25-restore")
    cancel = stdout(nb, "s25-future-cancel")
    assert "cooperative task: cancelled true, still running false" in cancel
    assert "swallowing task:  cancelled true, still running true" in cancel
    assert "get() on a cancelled future: CancellationException" in cancel
    assert "pool terminated after the back door: true" in cancel


def test_s26_executor_lifecycle_batches_and_composition(edition):
    nb = executed("26_executors.ipynb", edition)
    life = stdout(nb, "s26-lifecycle")
    assert "after shutdown(): isShutdown true, isTerminated false" in life
    assert "a task submitted after shutdown(): RejectedExecutionException" in life
    assert "awaitTermination: true; the 8 queued tasks all ran: sum of squares 204" in life
    assert re.search(r"shutdownNow\(\): 8 tasks never started, terminated true", stdout(nb, "s26-shutdown-now"))
    close = stdout(nb, "s26-close")
    if number(r"JDK (\d+):", close) >= 19:
        assert "ExecutorService is AutoCloseable; after the try block, terminated true" in close
        assert "task in a try-with-resources pool" in close
    else:
        assert "ExecutorService is not AutoCloseable (it is from JDK 19); after finally, terminated true" in close
        assert "task in a pool closed in finally" in close
    batch = stdout(nb, "s26-invoke-all")
    assert "answers in order: [Beijing:7, Shanghai:8, Guangzhou:9, Shenzhen:8, Chengdu:7]" in batch
    ms = number(r"5 tasks of 200 ms on 5 threads: (\d+) ms", batch)
    assert 190 <= ms < 950, "five 200 ms tasks at once: about 200 ms, far from 1000"
    assert "the pool's threads are daemons: false" in batch
    comp = stdout(nb, "s26-completable")
    for line in ("thenApply: price with tax 113", "thenCombine: in yuan 802.3", "exceptionally: -1",
                 "exceptionally: NumberFormatException, using -1", "allOf: 10 tasks done, total 55"):
        assert line in comp
    parallelism = number(r"common pool: parallelism (\d+)", comp)
    assert parallelism == max(1, number(r"common pool: parallelism \d+, cores (\d+)", comp) - 1)


def test_s27_a_blocking_queue_hands_over_every_item_once_and_merge_loses_no_count(edition):
    nb = executed("27_producer_consumer.ipynb", edition)
    q = stdout(nb, "s27-blocking-queue")
    assert "sum of the items consumed: 500500 (expected 500500)" in q
    per = dict((k, int(v)) for k, v in re.findall(r"(consumer-\d)=(\d+)", q))
    assert sorted(per) == ["consumer-1", "consumer-2", "consumer-3"]
    assert sum(per.values()) == 1000
    assert 1 <= number(r"most items ever queued at once: (\d+)", q) <= 10
    lost = number(r"counted \d+ of 10000, lost (\d+)", stdout(nb, "s27-check-then-act"))
    assert lost > 0, "get-then-put with a yield between loses counts"
    merged = stdout(nb, "s27-merge")
    assert "counted 10000 of 10000, lost 0" in merged
    assert "{lock=2000, pipe=2000, process=2000, queue=2000, thread=2000}" in merged


def test_s28_fork_join_and_parallel_streams_count_the_same_and_speed_up_at_most_by_the_cores(edition):
    nb = executed("28_fork_join.ipynb", edition)
    seq = stdout(nb, "s28-sequential")
    assert "plain loop: 78498 primes below 1000000" in seq
    fj = stdout(nb, "s28-fork-join")
    ps = stdout(nb, "s28-parallel-stream")
    assert "78498 primes" in fj and "78498 primes" in ps and "all three counts agree: true" in ps
    cores = number(r"cores: (\d+)", ps)
    load = number(r"system load average: ([\d.]+)", ps)
    assert cores == number(r"cores available to this JVM: (\d+)", seq)
    cell_thread = re.search(r"this cell's thread: (.+)", ps).group(1)
    pieces = re.search(r"threads that ran pieces of a parallel stream: \[(.*)\]", ps).group(1).split(", ")
    assert all(t == cell_thread or t.startswith("ForkJoinPool.commonPool-worker-") for t in pieces), pieces
    for speedup in (number(r"speedup ([\d.]+)x", fj), number(r"speedup ([\d.]+)x", ps)):
        # No more than the cores (with room for a sequential best-of-three slowed by other programs).
        assert 0 < speedup <= 1.5 * cores + 0.5
        if cores >= 2 and load < 0.3:
            # only meaningful on an idle machine; a loaded CI box shares its cores with others
            assert speedup > 1.3, "fork/join computes on several cores at once"


@pytest.mark.parametrize("kernel, edition", [(kernel, edition) for kernel in KERNELS for edition in
                                             (NOTEBOOK_EDITIONS if kernel == "jconc" else ["en"])])
def test_s29_virtual_threads_measured_on_jdk21_and_explained_on_older_jdks(kernel, edition):
    nb = executed("29_virtual_threads.ipynb", edition, kernel)
    assert not unintended_errors(nb), unintended_errors(nb)
    feature = jdk_feature(nb)
    ten = stdout(nb, "s29-ten-thousand")
    pinning = stdout(nb, "s29-pinning")
    if feature < 21:
        intro = stdout(nb, "s29-jdk")
        assert f"virtual threads: need JDK 21 or newer; this kernel runs JDK {feature}." in intro
        assert "./install.sh --java /path/to/jdk21+/bin/java" in intro
        for out in (ten, pinning):
            assert out.strip() == f"skipped: virtual threads need JDK 21 or newer (this kernel: JDK {feature})"
        return
    platform = number(r"on a pool of 500 platform threads: (\d+) ms", ten)
    virtual = number(r"on 10000 virtual threads: (\d+) ms", ten)
    assert platform >= 2000, "20 waves of 100 ms sleeps"
    assert 100 <= virtual < platform, "10000 virtual threads sleep at once"
    ms = number(r"sleeping 50 ms inside synchronized: (\d+) ms", pinning)
    if feature >= 24:
        assert ms < 400, "not pinned: the 8 waves of a pinned run would take at least 400 ms"
        assert "synchronized does not pin (JEP 491)" in pinning
    else:
        assert ms >= 400, "pinned: 8 waves of 50 ms"
    print(f"{kernel}: platform pool {platform:.0f} ms, virtual {virtual:.0f} ms, synchronized sleepers {ms:.0f} ms")
