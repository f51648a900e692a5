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
from test_notebooks_threads import cell, number, shows, stdout

# The notebooks after the tutorial's 22 sections.
BEYOND = [name for name in course_notebooks() if int(name[:2]) > 22]


def executed(name, edition, kernel=KERNEL):
    """notebooks[/zh]/<name> executed on `kernel` once per session, with its outputs."""
    return executed_notebook(name, edition, kernel)


def jdk_feature(nb):
    return int(number(r"(?:this kernel runs Java|本内核运行的是 Java) (\d+)", stdout(nb, "s29-jdk")))


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
        assert shows(text, "never saw the flag", "始终没有看到标志")
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
    assert shows(fixed, "with volatile: the loop saw the flag", "加上 volatile: 循环看到了标志")


def test_s23_volatile_is_not_atomic_and_start_join_order_plain_fields(edition):
    nb = executed("23_memory_model.ipynb", edition)
    out = stdout(nb, "s23-volatile-not-atomic")
    lost = number(r"(?:volatile counter, 20 threads x 500 read-yield-write: \d+ of 10000, lost"
                  r"|volatile 计数器, 20 个线程 x 500 次 读-让出-写: \d+ / 10000, 丢失) (\d+)", out)
    assert lost > 0, "a volatile read-yield-write loses updates"
    assert shows(out, "AtomicInteger, 20 threads x 500 incrementAndGet: 10000 of 10000, lost 0",
            "AtomicInteger, 20 个线程 x 500 次 incrementAndGet: 10000 / 10000, 丢失 0")
    hb = stdout(nb, "s23-start-join")
    assert "[1, 4, 9, 16, 25, 36, 49, 64]" in hb and shows(hb, "all correct: true", "全部正确: true")


def test_s24_two_locks_in_opposite_order_deadlock_are_named_and_ended_and_both_fixes_finish(edition):
    nb = executed("24_deadlock_lock_ordering.ipynb", edition)
    deadlock = stdout(nb, "s24-deadlock")
    assert shows(deadlock, "after 1 s: alice alive true, bob alive true", "1 s 后: alice 存活 true, bob 存活 true")
    magic = cell(nb, "s24-threads-magic")
    shown = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in magic.outputs)
    cycle = re.search(r"DEADLOCK: .*", shown)
    assert cycle, f"%threads names the cycle:\n{shown}"
    assert "'alice' waits for ReentrantLock" in cycle.group(0) and "held by 'bob'" in cycle.group(0)
    assert "'bob' waits for ReentrantLock" in cycle.group(0) and "held by 'alice'" in cycle.group(0)
    found = stdout(nb, "s24-find-deadlock")
    assert shows(found, "deadlocked threads: [alice, bob]", "死锁的线程: [alice, bob]")
    assert ("alice waits for" in found and "held by bob" in found) or ("alice 等待" in found and "持有者 bob" in found)
    end = stdout(nb, "s24-end")
    assert shows(end, "after interrupt(): alice alive false, bob alive false",
            "interrupt() 之后: alice 存活 false, bob 存活 false")
    sync = stdout(nb, "s24-synchronized")
    assert shows(sync, "deadlocked monitor waiters: 2", "在监视器上死锁的线程数: 2")
    assert shows(sync, "after interrupt(): carol BLOCKED, dave BLOCKED",
            "interrupt() 之后: carol BLOCKED, dave BLOCKED"), "a monitor wait ignores interrupt()"
    assert "[program exited with status 0" in sync, "the program ended, and its deadlocked threads with it"
    ordered = stdout(nb, "s24-ordered")
    assert shows(ordered, "one global order: both finished true, 2 x 10000 transfers",
            "统一的加锁顺序: 两个线程都已结束 true, 2 x 10000 次转账")
    polite = stdout(nb, "s24-trylock")
    assert shows(polite, "tryLock with a timeout: both finished true, 2 x 10000 transfers",
            "带超时的 tryLock: 两个线程都已结束 true, 2 x 10000 次转账")
    assert number(r"退让 (\d+) 次" if edition == "zh" else r"(\d+) back-offs", polite) >= 0


def test_s25_interrupts_stop_cooperative_code_and_a_swallowed_one_is_lost(edition):
    nb = executed("25_cancellation.ipynb", edition)
    loop = stdout(nb, "s25-cpu-loop")
    assert re.search(r"after interrupt\(\): true|CPU 循环已结束: true", loop), loop
    swallow = stdout(nb, "s25-swallow")
    assert shows(swallow, "the thread that swallows it is still running: true",
            "吞掉中断的线程仍在运行: true")
    back = stdout(nb, "s25-back-door")
    assert shows(back, "after the back door: stubborn alive false", "走后门之后: stubborn 存活 false")
    assert number(r"(?:interrupts it swallowed|它吞掉的中断次数): (\d+)", back) >= 1
    restore = stdout(nb, "s25-restore")
    assert shows(restore, "the thread that restores it is still running: false",
            "恢复中断状态的线程仍在运行: false")
    cancel = stdout(nb, "s25-future-cancel")
    assert shows(cancel, "cooperative task: cancelled true, still running false",
            "配合的任务:     已取消 true, 仍在运行 false")
    assert shows(cancel, "swallowing task:  cancelled true, still running true",
            "吞掉中断的任务: 已取消 true, 仍在运行 true")
    assert shows(cancel, "get() on a cancelled future: CancellationException",
            "对已取消的 future 调用 get(): CancellationException")
    assert shows(cancel, "pool terminated after the back door: true", "走后门之后, 线程池已终止: true")


def test_s26_executor_lifecycle_batches_and_composition(edition):
    nb = executed("26_executors.ipynb", edition)
    life = stdout(nb, "s26-lifecycle")
    chinese = edition == "zh"
    assert ("shutdown() 之后: isShutdown true, isTerminated false" if chinese else
            "after shutdown(): isShutdown true, isTerminated false") in life
    assert ("shutdown() 之后提交的任务: RejectedExecutionException" if chinese else
            "a task submitted after shutdown(): RejectedExecutionException") in life
    assert ("awaitTermination: true; 排队的 8 个任务全都执行了: 平方和 204" if chinese else
            "awaitTermination: true; the 8 queued tasks all ran: sum of squares 204") in life
    assert re.search(r"shutdownNow\(\): 8 个任务从未开始, 已终止 true" if chinese else
                     r"shutdownNow\(\): 8 tasks never started, terminated true", stdout(nb, "s26-shutdown-now"))
    close = stdout(nb, "s26-close")
    if number(r"JDK (\d+):", close) >= 19:
        assert ("ExecutorService 是 AutoCloseable; try 块之后, 已终止 true" if chinese else
                "ExecutorService is AutoCloseable; after the try block, terminated true") in close
        assert ("try-with-resources 线程池里的任务" if chinese else "task in a try-with-resources pool") in close
    else:
        assert ("ExecutorService 不是 AutoCloseable (从 JDK 19 起才是); finally 之后, 已终止 true" if chinese else
                "ExecutorService is not AutoCloseable (it is from JDK 19); after finally, terminated true") in close
        assert ("在 finally 里关闭的线程池里的任务" if chinese else "task in a pool closed in finally") in close
    batch = stdout(nb, "s26-invoke-all")
    assert (("按顺序的结果: " if chinese else "answers in order: ")
            + "[Beijing:7, Shanghai:8, Guangzhou:9, Shenzhen:8, Chengdu:7]") in batch
    ms = number(r"5 个线程上的 5 个 200 ms 任务: (\d+) ms" if chinese else r"5 tasks of 200 ms on 5 threads: (\d+) ms", batch)
    assert 190 <= ms < 950, "five 200 ms tasks at once: about 200 ms, far from 1000"
    assert ("线程池的线程是守护线程: false" if chinese else "the pool's threads are daemons: false") in batch
    comp = stdout(nb, "s26-completable")
    for line in (("thenApply: 含税价格 113", "thenCombine: 折合人民币 802.3", "exceptionally: -1",
                  "exceptionally: NumberFormatException, 改用 -1", "allOf: 10 个任务完成, 合计 55") if chinese else
                 ("thenApply: price with tax 113", "thenCombine: in yuan 802.3", "exceptionally: -1",
                  "exceptionally: NumberFormatException, using -1", "allOf: 10 tasks done, total 55")):
        assert line in comp
    pool = r"公共池里运行: 并行度 (\d+)" if chinese else r"common pool: parallelism (\d+)"
    cores = r"公共池里运行: 并行度 \d+, 核数 (\d+)" if chinese else r"common pool: parallelism \d+, cores (\d+)"
    assert number(pool, comp) == max(1, number(cores, comp) - 1)


def test_s27_a_blocking_queue_hands_over_every_item_once_and_merge_loses_no_count(edition):
    nb = executed("27_producer_consumer.ipynb", edition)
    q = stdout(nb, "s27-blocking-queue")
    assert shows(q, "sum of the items consumed: 500500 (expected 500500)", "消费掉的元素之和: 500500 (应为 500500)")
    per = dict((k, int(v)) for k, v in re.findall(r"(consumer-\d)=(\d+)", q))
    assert sorted(per) == ["consumer-1", "consumer-2", "consumer-3"]
    assert sum(per.values()) == 1000
    assert 1 <= number(r"(?:most items ever queued at once|队列里同时排队的元素最多有): (\d+)", q) <= 10
    lost = number(r"(?:counted \d+ of 10000, lost|计数 \d+ / 10000, 丢失) (\d+)", stdout(nb, "s27-check-then-act"))
    assert lost > 0, "get-then-put with a yield between loses counts"
    merged = stdout(nb, "s27-merge")
    assert shows(merged, "counted 10000 of 10000, lost 0", "计数 10000 / 10000, 丢失 0")
    assert "{lock=2000, pipe=2000, process=2000, queue=2000, thread=2000}" in merged


def test_s28_fork_join_and_parallel_streams_count_the_same_and_speed_up_at_most_by_the_cores(edition):
    nb = executed("28_fork_join.ipynb", edition)
    seq = stdout(nb, "s28-sequential")
    assert shows(seq, "plain loop: 78498 primes below 1000000", "普通循环: 78498 个质数 (小于 1000000)")
    fj = stdout(nb, "s28-fork-join")
    ps = stdout(nb, "s28-parallel-stream")
    primes = "78498 个质数" if edition == "zh" else "78498 primes"
    assert primes in fj and primes in ps
    assert shows(ps, "all three counts agree: true", "三种方法的计数一致: true")
    cores = number(r"(?:cores|核数): (\d+)", ps)
    load = number(r"(?:system load average|系统平均负载): ([\d.]+)", ps)
    assert cores == number(r"(?:cores available to this JVM|这个 JVM 可用的核数): (\d+)", seq)
    cell_thread = re.search(r"(?:this cell's thread|本单元格的线程): (.+)", ps).group(1)
    pieces = re.search(r"(?:threads that ran pieces of a parallel stream|执行过并行流任务块的线程): \[(.*)\]", ps)
    pieces = pieces.group(1).split(", ")
    assert all(t == cell_thread or t.startswith("ForkJoinPool.commonPool-worker-") for t in pieces), pieces
    for speedup in (number(r"(?:speedup|加速比) ([\d.]+)x", fj), number(r"(?:speedup|加速比) ([\d.]+)x", ps)):
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
        assert shows(intro, f"virtual threads: need JDK 21 or newer; this kernel runs JDK {feature}.",
                f"虚拟线程: 需要 JDK 21 或更新版本; 本内核运行的是 JDK {feature}。")
        assert "./install.sh --java /path/to/jdk21+/bin/java" in intro
        for out in (ten, pinning):
            assert out.strip() in (f"skipped: virtual threads need JDK 21 or newer (this kernel: JDK {feature})",
                                   f"已跳过: 虚拟线程需要 JDK 21 或更新版本 (本内核: JDK {feature})")
        return
    platform = number(r"(?:on a pool of 500 platform threads|500 个平台线程的线程池): (\d+) ms", ten)
    virtual = number(r"(?:on 10000 virtual threads|10000 个虚拟线程): (\d+) ms", ten)
    assert platform >= 2000, "20 waves of 100 ms sleeps"
    assert 100 <= virtual < platform, "10000 virtual threads sleep at once"
    ms = number(r"(?:sleeping 50 ms inside synchronized|在 synchronized 里睡眠 50 ms): (\d+) ms", pinning)
    if feature >= 24:
        assert ms < 400, "not pinned: the 8 waves of a pinned run would take at least 400 ms"
        assert shows(pinning, "synchronized does not pin (JEP 491)", "synchronized 不会钉住载体线程 (JEP 491)")
    else:
        assert ms >= 400, "pinned: 8 waves of 50 ms"
    print(f"{kernel}: platform pool {platform:.0f} ms, virtual {virtual:.0f} ms, synchronized sleepers {ms:.0f} ms")
