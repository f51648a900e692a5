"""Runs the process notebooks headless against the jconc kernel and checks their key results.

Each notebook is executed once per session and edition (conftest.executed_notebook, kernel
"jconc"); the tests read the text output of the cells tagged in the notebook's metadata, in the
English and the Chinese edition (the ``edition`` fixture).
"""
import re

from conftest import NOTEBOOK_KERNEL as KERNEL, cell_output_text, executed_notebook


def run(name, edition):
    """Executes notebooks[/zh]/<name> once and returns {tag: text output of that cell}.

    No cell may end in an error: the notebooks catch the failures they demonstrate.
    """
    nb = executed_notebook(name, edition)
    errors = [cell_output_text(c) for c in nb.cells
              if any(o.get("output_type") == "error" for o in c.get("outputs", []))]
    assert not errors, f"{name}: cells failed:\n" + "\n---\n".join(errors)
    outputs = {}
    for cell in nb.cells:
        for tag in cell.get("metadata", {}).get("tags", []):
            outputs[tag] = cell_output_text(cell)
    return outputs


def number(text, label):
    """The number printed after `label` on its line."""
    return number_after(text, re.escape(label))


def number_after(text, label_pattern):
    """The number printed after a label that matches the regular expression `label_pattern`: the
    label as each edition prints it, for example r"(?:kernel|内核) pid:"."""
    m = re.search(f"(?:{label_pattern})" + r"\s*(-?[0-9]+(?:\.[0-9]+)?)", text)
    assert m, f"no {label_pattern!r} in:\n{text}"
    return float(m.group(1))


# ---- S13 ----

def test_s13_ten_children_have_distinct_pids_and_the_kernel_as_parent(edition):
    out = run("13_processes.ipynb", edition)["s13-ten"]
    kernel = int(number_after(out, r"(?:kernel|内核) pid:"))
    lines = re.findall(r"hello bob (\d)(?: from pid|, 来自 pid) (\d+), (?:parent|父进程) (\d+)", out)
    assert sorted(int(n) for n, _, _ in lines) == list(range(10)), out
    assert len({pid for _, pid, _ in lines}) == 10, out
    assert {int(parent) for _, _, parent in lines} == {kernel}, out
    assert kernel not in {int(pid) for _, pid, _ in lines}
    assert re.search(r"(?:distinct child pids|不同的子进程 pid 个数): 10", out), out


def test_s13_one_child_runs_a_cell_function_with_its_argument(edition):
    out = run("13_processes.ipynb", edition)["s13-one"]
    kernel = int(number_after(out, r"(?:kernel|内核) pid:"))
    child = int(number_after(out, r"(?:child|子进程) pid:"))
    assert re.search(rf"hello bob(?: from pid|, 来自 pid) {child}, (?:parent|父进程) {kernel}", out), out
    assert re.search(r"(?:exit code|退出码): 0", out), out


def test_s13_a_thread_inside_a_child_runs_in_that_child(edition):
    out = run("13_processes.ipynb", edition)["s13-thread"]
    pids = set(re.findall(r"(?:in|位于) pid (\d+)\)", out))
    assert "hello World" in out and "Thread World" in out, out
    assert len(pids) == 1, out
    assert re.search(r"(?:child exit code|子进程退出码): 0", out), out


def test_s13_child_errors_and_unserializable_captures_are_reported(edition):
    nb = run("13_processes.ipynb", edition)
    assert re.search(r"(?:exit code|退出码): 1", nb["s13-error"]) and "ArithmeticException" in nb["s13-error"], nb["s13-error"]
    assert "is not Serializable" in nb["s13-unserializable"] and "java.lang.Thread" in nb["s13-unserializable"]


def test_s13_python_reports_pickling_errors_at_start_with_spawn_and_late_only_from_a_queue(edition):
    out = run("13_processes.ipynb", edition)["s13-python-pickling"]
    if re.search(r"skipped|已跳过", out):
        return
    assert "python, spawn: start() raised PicklingError in the parent" in out, out
    assert "python, fork: start() pickled nothing, the child ran, exit code 0" in out, out
    late = out.index("python, Queue.put(a lambda): returned normally")
    assert out.index("PicklingError", late) > late, "the feeder thread reports after put returned"


# ---- S14 ----

def test_s14_parent_and_child_pids_agree_from_both_sides(edition):
    out = run("14_pid.ipynb", edition)["s14-check"]
    assert re.search(r"(?:child pid matches|子进程 pid 一致): true", out), out
    assert re.search(r"(?:child's parent is the kernel|子进程的父进程是内核): true", out), out
    info = run("14_pid.ipynb", edition)["s14-info"]
    assert "TheParentProcess" in info and "ChildProcess" in info, info
    assert re.search(r"(?:process name|进程名): MainProcess", info), info


# ---- S15 ----

def test_s15_the_queue_payload_arrives_equal(edition):
    out = run("15_process_queue.ipynb", edition)["s15-queue"]
    assert "[Hello, null, World]" in out, out
    assert re.search(r"(?:payload arrives equal|收到的数据与发出的相等): true", out), out


def test_s15_records_defined_in_a_cell_travel_through_the_queue(edition):
    out = run("15_process_queue.ipynb", edition)["s15-records"]
    assert re.search(r"orders received: 9 from 3 processes|收到的订单: 9 个, 来自 3 个进程", out), out
    assert re.search(r"(?:all are Order records|全部是 Order 记录): true", out), out


def test_s15_a_top_level_variable_is_null_in_a_fresh_child(edition):
    out = run("15_process_queue.ipynb", edition)["s15-pitfall"]
    assert re.search(r"(?:exit code|退出码): 1", out) and "NullPointerException" in out, out


# ---- S16 ----

def test_s16_the_pipe_payload_arrives_equal_and_works_both_ways(edition):
    nb = run("16_pipe.ipynb", edition)
    assert re.search(r"(?:payload arrives equal|收到的数据与发出的相等): true", nb["s16-pipe"]), nb["s16-pipe"]
    assert "[1, 4, 9, 16, 25]" in nb["s16-duplex"], nb["s16-duplex"]
    assert "EOFException" in nb["s16-eof"], nb["s16-eof"]
    # one round trip is two hand-offs between processes: microseconds, far below a millisecond
    # sleep, and never zero (nothing is that fast)
    assert 1 <= number_after(nb["s16-roundtrip"], "pipe round trip: median|管道往返一次: 中位数") < 5000, nb["s16-roundtrip"]


def test_s16_poll_waits_its_timeout_and_sees_a_value_at_once(edition):
    out = run("16_pipe.ipynb", edition)["s16-poll"]
    m = re.search(r"poll\(200 ms\) -> false(?: after|, 用时) (\d+) ms", out)
    assert m and int(m.group(1)) >= 199, out
    assert "poll() -> true, recv() -> now" in out, out


def test_s16_eof_when_the_child_ends_without_closing_and_pythons_parent_copy_pitfall(edition):
    nb = run("16_pipe.ipynb", edition)
    out = nb["s16-eof-child-ended"]
    assert "recv: last words" in out, out
    assert re.search(r"(?:recv after the child ended without closing|子进程没有关闭就结束之后再 recv): EOFException", out), out
    py = nb["s16-python-eof"]
    if not re.search(r"skipped|已跳过", py):
        assert "python: ['Hello', None, 'World']" in py, py
        assert "the child has ended; anything to read within 1 s (EOF counts): False" in py, py
        assert "once the parent closes its own copy of child_conn: EOFError" in py, py


# ---- S17 ----

def test_s17_the_managed_list_holds_the_ten_child_pids(edition):
    out = run("17_manager.ipynb", edition)["s17-manager"]
    assert "{k1=v1, k2=v2}" in out, out
    assert re.search(r"pids in the list: 10, distinct: 10, all of them children: true"
                     r"|列表中的 pid: 10 个, 互不相同的: 10 个, 全部是子进程: true", out), out


def test_s17_read_modify_write_loses_updates_without_a_lock_and_none_under_a_process_lock(edition):
    out = run("17_manager.ipynb", edition)["s17-atomic"]
    lost = number_after(out, "lost updates:|丢失的更新:")
    assert 0 < lost < 800, out
    assert number_after(out, "without a lock:|不加锁:") + lost == 800, out
    assert re.search(r"with a ProcessLock: 800 of 800|使用 ProcessLock: 800 \(共 800 次\)", out), out


# ---- S18 ----

def test_s18_critical_sections_under_the_process_lock_never_overlap(edition):
    out = run("18_process_lock.ipynb", edition)["s18-overlap"]
    assert re.search(r"critical sections with the lock: 50 from 10 processes|加锁时的临界区: 50 个, 来自 10 个进程", out), out
    assert re.search(r"(?:overlapping critical sections with the lock|加锁时相互重叠的临界区): 0", out), out
    # ten children released together from the start line, each inside for 5 x 10 ms
    assert number_after(out, "overlapping critical sections without the lock:|不加锁时相互重叠的临界区:") >= 1, out
    hello = run("18_process_lock.ipynb", edition)["s18-hello"]
    assert sorted(int(n) for n in re.findall(r"hello world (\d)", hello)) == list(range(10)), hello


def test_s18_a_crashed_holder_gives_the_lock_back(edition):
    out = run("18_process_lock.ipynb", edition)["s18-crash"]
    assert re.search(r"(?:lock free again|锁重新可用): true", out), out
    py = run("18_process_lock.ipynb", edition)["s18-python-crash"]
    if not re.search(r"skipped|已跳过", py):
        assert "python: crashed child's exit code: 3; lock free again within 2 s: False" in py, py


# ---- S19 ----

def test_s19_every_pool_callback_arrives_in_the_kernel(edition):
    out = run("19_process_pool.ipynb", edition)["s19-async"]
    kernel = int(number_after(out, r"(?:kernel|内核) pid:"))
    calls = re.findall(r"end_call>> (\d+) \((?:callback in|回调所在) pid (\d+)\)", out)
    assert sorted(int(v) for v, _ in calls) == list(range(100, 110)), out
    assert {int(p) for _, p in calls} == {kernel}, out
    assert re.search(r"callbacks received: 10 of 10|收到的回调: 10 个 \(共 10 个\)", out), out
    assert out.index("end\n") < out.index("end_call>>"), "applyAsync must return before the results arrive"


def test_s19_tasks_ran_in_the_pool_workers(edition):
    pool_pids = set(re.findall(r"\d+", run("19_process_pool.ipynb", edition)["s19-pool"].split(":", 1)[1]))
    table = run("19_process_pool.ipynb", edition)["s19-table"]
    worker_pids = set(re.findall(r"^\s*\d+\s+\d+\s+(\d+)", table, re.M))
    assert worker_pids and worker_pids <= pool_pids, table


def test_s19_timeline_shows_each_worker_process_and_two_waves_of_tasks(edition):
    nb = run("19_process_pool.ipynb", edition)
    out = nb["s19-waves"]
    assert re.search(r"(?:worker rows|工作进程的行数): 5", out), out
    assert re.search(r"(?:task bars|任务条数): 10", out), out
    assert re.search(r"(?:waves|批数): 2", out), out
    picture = nb["s19-timeline"]
    assert "pid " in picture, picture


def test_s19_serial_apply_takes_about_n_times_longer_than_apply_async(edition):
    out = run("19_process_pool.ipynb", edition)["s19-serial"]
    assert "[100, 101, 102, 103, 104, 105, 106, 107, 108, 109]" in out, out
    ratio = number_after(out, "(?:ratio|耗时之比) apply/applyAsync:")
    assert 2.5 <= ratio <= 10, f"serial/async = {ratio}, expected about 5 (pool of 5)"


def test_s19_map_and_error_callbacks(edition):
    out = run("19_process_pool.ipynb", edition)["s19-map"]
    assert "map: [101, 102, 103, 104, 105, 106]" in out, out
    assert re.search(r"error callback:|错误回调:", out) and "ArithmeticException" in out, out
    assert "ready: true, successful: false" in out, out


# ---- S01, S09, S22 (process parts and the thread parts written with them) ----

def test_s01_a_threads_change_is_seen_and_a_childs_is_not(edition):
    nb = run("01_threads_and_processes.ipynb", edition)
    assert re.search(r"(?:main thread sees after the thread|线程结束后，主线程看到): counter = 42", nb["s01-thread"]), nb["s01-thread"]
    assert "counter = 42" in re.split(r"kernel sees|子进程结束后，内核看到", nb["s01-process"])[0], nb["s01-process"]
    assert re.search(r"(?:kernel sees after the child process|子进程结束后，内核看到): counter = 0", nb["s01-process"]), nb["s01-process"]
    assert re.search(r"(?:the child starts with|子进程启动时) counter = 7", nb["s01-copy"]), nb["s01-copy"]
    assert re.search(r"(?:kernel sees after the fork-like child|类 fork 子进程结束后，内核看到): counter = 7", nb["s01-copy"]), nb["s01-copy"]


def test_s01_thread_and_process_start_times_are_measured(edition):
    out = run("01_threads_and_processes.ipynb", edition)["s01-start-time"]
    zh = edition == "zh"
    thread = number(out, "线程 start+join:" if zh else "thread start+join:")
    cold = number(out, "进程 start+join（冷启动 JVM）:" if zh else "process start+join (cold JVM):")
    warm = number(out, "进程 start+join（热备用）:" if zh else "process start+join (warm standby):")
    micros = re.search(r"(?:thread|线程) start\+join: [\d.]+ ms \((\d+) µs\)", out)
    assert micros and abs(int(micros.group(1)) - thread * 1000) <= 1, "the thread's cost also in microseconds"
    assert thread * 10 < cold, "a thread starts at least ten times faster than a JVM boots"
    assert warm < cold, "the warm standby saves the JVM boot"


def test_s09_daemon_threads_are_not_waited_for_and_normal_ones_are(edition):
    nb = run("09_daemon.ipynb", edition)
    assert re.search(r"main ends|main 结束", nb["s09-daemon-threads"]), nb["s09-daemon-threads"]
    assert "done t-" not in nb["s09-daemon-threads"], nb["s09-daemon-threads"]
    assert len(re.findall(r"done t-\d+", nb["s09-normal-threads"])) == 50, nb["s09-normal-threads"]


def test_s09_a_daemon_child_process_ends_with_its_parent(edition):
    nb = run("09_daemon.ipynb", edition)
    assert re.search(r"daemon grandchild gone within 2 s of its parent's end: true|父进程结束后 2 秒内，守护孙进程已消失: true",
                     nb["s09-daemon-process"]), nb["s09-daemon-process"]
    out = nb["s09-normal-process"]
    assert re.search(r"parent still running 1 s later \(waiting for its non-daemon child\): true|1 秒后父进程仍在运行（在等它的非守护子进程）: true", out), out
    assert re.search(r"grandchild gone within 2 s of its parent's end: true|父进程结束后 2 秒内，孙进程已消失: true", out), out


def test_s09_the_guarantee_is_jconcs_a_java_process_and_a_python_daemon_child_outlive_their_parent(edition):
    nb = run("09_daemon.ipynb", edition)
    out = nb["s09-java-process-outlives"]
    assert re.search(r"the JVM that started sleep was killed, exit code|启动 sleep 的 JVM 已被杀死，退出码", out), out
    assert re.search(r"its java\.lang\.Process still running 1 s later: true|1 秒后它的 java\.lang\.Process 仍在运行: true", out), out
    assert re.search(r"after destroy\(\): gone within 2 s: true|destroy\(\) 之后，2 秒内已消失: true", out), out
    py = nb["s09-python-daemon"]
    if not re.search(r"skipped|跳过", py):
        assert "parent ended by a normal exit (exit code 0); its daemon child still running: False" in py, py
        assert "parent ended by SIGTERM (exit code -15); its daemon child still running: True" in py, py


def test_s22_io_and_cpu_bound_work_measured_with_threads_and_processes(edition):
    nb = run("22_io_bound_vs_cpu_bound.ipynb", edition)
    io = nb["s22-io"]
    # the labels of each edition, in the order the cells print them
    chinese = edition == "zh"
    sequential, threads, processes = ("IO 依次执行:", "IO 多线程:", "IO 多进程:") if chinese else \
        ("io sequential:", "io threads:", "io processes:")
    assert number(io, sequential) >= 1600, "eight 200 ms waits one after another"
    assert 200 <= number(io, threads) < 1000, "eight 200 ms waits at the same time: about one"
    assert number(io, processes) >= 200, io
    cpu = nb["s22-cpu"]
    for label in (("CPU 依次执行:", "CPU 多线程:", "CPU 多进程:", "CPU 进程池:") if chinese else
                  ("cpu sequential:", "cpu threads:", "cpu processes:", "cpu pool:")):
        assert number(cpu, label) > 0, cpu
    m = re.search(r"CPU 多线程加速比: ([\d.]+)x \(这里最多 (\d+) 倍: (\d+) 个任务, (\d+) 个核\)" if chinese else
                  r"cpu threads speed-up: ([\d.]+)x \(at most (\d+) here: (\d+) tasks, (\d+) cores\)", cpu)
    assert m, cpu
    speedup, bound, tasks, cores = float(m.group(1)), int(m.group(2)), int(m.group(3)), int(m.group(4))
    assert tasks == 2 * min(cores, 8) and bound == min(tasks, cores), "at most 16 tasks, whatever the core count"
    # the ratio of two measured times: a margin for a sequential run slowed by other programs
    assert 0 < speedup <= bound * 1.5, cpu
    table = f"表格: 8 个 IO 密集型任务和 {tasks} 个 CPU 密集型任务" if chinese else f"table: 8 IO-bound and {tasks} CPU-bound tasks"
    assert table in nb["s22-table"], nb["s22-table"]


# ---- robustness: no child outlives the kernel ----

def test_kill_minus_9_of_the_kernel_leaves_no_child_after_two_seconds():
    import os
    import signal
    import time
    from jupyter_client.manager import KernelManager

    km = KernelManager(kernel_name=KERNEL)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=120)
        code = (
            "var sleeper = new ChildProcess(() -> Thread.sleep(120_000)).daemon(true).start();\n"
            "var pool = new Pool(2);\n"
            "pool.map(x -> x, List.of(1, 2));\n"
            "Thread.sleep(500);\n"
            "System.out.println(\"children \" + ProcessHandle.current().children()"
            ".map(h -> String.valueOf(h.pid())).collect(java.util.stream.Collectors.joining(\" \")));\n"
        )
        out = []
        kc.execute_interactive(code, timeout=120,
                               output_hook=lambda m: out.append(m["content"].get("text", ""))
                               if m["msg_type"] == "stream" else None)
        line = next(l for l in "".join(out).splitlines() if l.startswith("children "))
        pids = [int(p) for p in line.split()[1:]]
        assert len(pids) >= 3, line          # the sleeper and two pool workers (and maybe a standby)

        os.kill(km.provisioner.process.pid, signal.SIGKILL)
        deadline = time.monotonic() + 2.0
        alive = pids
        while alive and time.monotonic() < deadline:
            time.sleep(0.02)
            alive = [p for p in pids if _alive(p)]
        assert alive == [], f"children still alive 2 s after kill -9 of the kernel: {alive}"
    finally:
        kc.stop_channels()
        km.cleanup_resources()


def _alive(pid):
    """Whether pid runs (a zombie waiting to be reaped counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
