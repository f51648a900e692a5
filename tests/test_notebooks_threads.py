"""Runs the thread-side notebooks headless against the jconc kernel and checks their key results.

Each notebook is executed once per session and edition (conftest.executed_notebook); every test
reads the outputs of cells tagged in the notebook's metadata (for example ``s10-lost-updates``),
in the English and the Chinese edition (the ``edition`` fixture).
"""
import re

from conftest import EDITIONS, NOTEBOOK_KERNEL, executed_notebook


def executed(name, edition):
    """notebooks[/zh]/<name> executed once per session, with its outputs."""
    return executed_notebook(name, edition)


def cell(nb, tag):
    matches = [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]
    assert len(matches) == 1, f"exactly one cell tagged {tag}"
    return matches[0]


def stdout(nb, tag):
    return "".join(o.get("text", "") for o in cell(nb, tag).get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def stderr(nb, tag):
    return "".join(o.get("text", "") for o in cell(nb, tag).get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stderr")


def svgs(nb, tag):
    return [o["data"]["image/svg+xml"] for o in cell(nb, tag).get("outputs", [])
            if o.get("output_type") in ("display_data", "update_display_data", "execute_result")
            and "image/svg+xml" in o.get("data", {})]


def number(pattern, text):
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not found in:\n{text}"
    return float(m.group(1))


def shows(text, english, chinese):
    """Whether `text` holds a line as the English edition prints it or as its Chinese twin does."""
    return english in text or chinese in text


def test_s02_three_threads_print_and_sleep_at_the_same_time(edition):
    nb = executed("02_a_small_concurrent_script.ipynb", edition)
    out = stdout(nb, "s02-three-threads")
    for name in ("t1", "t2", "t3"):
        assert f"task {name}" in out
    elapsed = number(r"(?:一共 |(?=\d+ ms in all))(\d+) ms", stdout(nb, "s02-elapsed"))
    assert 450 <= elapsed < 1200, "three 500 ms sleeps overlap: about 500 ms, far from 1500"
    assert re.search(r"t4 (?:finished|已结束): true", stdout(nb, "s02-python-style"))


def test_s03_both_ways_run_and_run_is_not_start(edition):
    nb = executed("03_two_ways_to_start_a_thread.ipynb", edition)
    direct = stdout(nb, "s03-direct")
    assert re.search(r"task t1 (?:on thread|运行在线程) t1", direct) and re.search(r"task t2 (?:on thread|运行在线程) t2", direct)
    assert re.search(r"task t3 (?:on thread|运行在线程) t3", stdout(nb, "s03-python-style"))
    sub = stdout(nb, "s03-subclass")
    assert "run task t1" in sub and "run task t2" in sub
    lines = stdout(nb, "s03-run-vs-start").splitlines()
    cell_thread = lines[0].split(":", 1)[1].strip()
    assert lines[1] in (f"run() executes on: {cell_thread}", f"run() 运行在: {cell_thread}")
    assert lines[2] in ("run() executes on: who-am-i", "run() 运行在: who-am-i")


def test_s04_io_bound_work_speeds_up_and_cpu_bound_is_measured(edition):
    nb = executed("04_when_threads_help.ipynb", edition)
    io = stdout(nb, "s04-io")
    assert number(r"(?:speedup|加速比) ([\d.]+)x", io) > 2.5
    cpu = stdout(nb, "s04-cpu")
    speedup = number(r"(?:speedup|加速比) ([\d.]+)x", cpu)
    busy = number(r"(?:CPU time / wall time\)|CPU 时间 / 墙钟时间）): ([\d.]+)", cpu)
    cores = number(r"(?:cores|核数): (\d+)", cpu)
    load = number(r"(?:load average before the run|运行前的系统平均负载): ([\d.]+)", cpu)
    assert speedup > 0 and busy > 0
    assert busy <= cores + 0.25, "no more cores can be busy at once than there are"
    if cores >= 2 and load < 0.3:
        # only meaningful on an idle machine; a loaded CI box shares its cores with others
        assert busy > 1.3, "Java threads compute on two cores at once"
    py = stdout(nb, "s04-python")
    assert "python threads, cpu-bound" in py or re.search(r"skipped|跳过", py)


def test_s05_the_cell_returns_before_fifty_threads_finish_and_their_output_still_arrives(edition):
    nb = executed("05_starting_many_threads.ipynb", edition)
    out = stdout(nb, "s05-fifty")
    assert len(re.findall(r"^task t-\d+$", out, re.M)) == 50
    assert number(r"(?:现在有 (?=\d+ 个线程存活)|(?=\d+ threads alive now))(\d+)", out) >= 2
    main_line = re.search(r"main: (?:started 50 threads|用 \d+ ms 启动了 50 个线程)", out)
    assert main_line, out
    main_at = main_line.start()
    done = [m.start() for m in re.finditer(r"^done t-\d+$", out, re.M)]
    assert done, "the threads' late output lands in the cell that started them"
    assert main_at < min(done), "the main thread went on before any thread finished"
    assert len(done) == 50
    assert re.search(r"(?:threads alive now|现在存活的线程数): 1", stdout(nb, "s05-after"))


def test_s06_join_in_the_loop_takes_n_sleeps_and_join_after_takes_one(edition):
    nb = executed("06_join.ipynb", edition)
    inside = number(r"(?:took|用时) (\d+) ms", stdout(nb, "s06-join-in-loop"))
    after = number(r"(?:took|用时) (\d+) ms", stdout(nb, "s06-join-after"))
    assert 1900 <= inside < 4000, "10 threads x 200 ms one after another"
    assert 190 <= after < 800, "10 threads x 200 ms at the same time"
    for tag in ("s06-join-in-loop", "s06-join-after"):
        pictures = svgs(nb, tag)
        assert pictures, f"a timeline picture in {tag}"
        assert all(f">t-{i}<" in pictures[-1] for i in range(10)), "one row per thread"
        assert "(recording" not in pictures[-1], "the final picture replaced the live one"


def test_s07_active_count_means_what_the_tutorial_means(edition):
    nb = executed("07_current_and_active_threads.ipynb", edition)
    cur = stdout(nb, "s07-current")
    assert re.search(r"I am the child thread:|我是子线程:", cur) and re.search(r"I am the main thread:|我是主线程:", cur)
    out = stdout(nb, "s07-active-count")
    assert re.search(r"(?m)^(?:active threads|线程个数): 2$", out), out
    assert re.search(r"(?m)^(?:active threads after join|join 之后的线程个数): 1$", out), out
    assert number(r"(?:all threads of this JVM|这个 JVM 的全部线程数): (\d+)", stdout(nb, "s07-all-threads")) > 2
    py = stdout(nb, "s07-python")
    if not re.search(r"skipped|跳过", py):
        assert "threading.active_count() = 2, threads of the OS process = 3" in py, \
            "Python counts its threading.Thread objects, not the _thread one"


def test_s08_one_set_releases_ten_waiting_threads_and_timeouts_report_false(edition):
    nb = executed("08_event.ipynb", edition)
    out = stdout(nb, "s08-event")
    assert out.count("Start...") == 10
    assert re.search(r"(?:threads waiting for the event|等待事件的线程数): 10", out), out
    answer = re.search(r"(?:answer|回答): True", out)
    assert answer, "headless, input() returns the given answer"
    assert answer.start() < out.index("End..."), "nobody got past the event before the answer"
    assert out.count("End...") == 10
    assert re.search(r"threads that got past the event: 10 of 10|通过事件的线程数: 10（共 10 个）", out), out
    timeout = stdout(nb, "s08-timeout")
    assert re.search(r"(?:nobody sets it: returned false after|没有人 set: 返回 false，用时) \d+ ms", timeout)
    assert re.search(r"(?:set after 100 ms: returned true after|有人在 100 ms 后 set: 返回 true，用时) \d+ ms", timeout)
    assert re.search(r"isSet after set\(\): true; after clear\(\): false|set\(\) 之后 isSet: true；clear\(\) 之后: false", timeout)


def test_s10_lost_updates_without_a_lock_and_exact_counts_with_one(edition):
    nb = executed("10_lock.ipynb", edition)
    lost = number(r"(?:lost updates without a lock|不加锁时丢失的更新): (\d+)", stdout(nb, "s10-lost-updates"))
    assert lost > 0
    assert re.search(r"with a Mutex: number = 50000 \(expected 50000\), lost 0|用 Mutex: number = 50000（应为 50000），丢失 0，",
                     stdout(nb, "s10-mutex"))
    assert re.search(r"number\+\+: number = \d+ (?:of 1000000, lost|/ 1000000，丢失) \d+", stdout(nb, "s10-plain-plusplus"))
    idioms = stdout(nb, "s10-java-idioms")
    for name in ("synchronized", "ReentrantLock", "AtomicInteger"):
        assert re.search(rf"{name}:\s+1000000(?: in|，用时)", idioms), name
    py = stdout(nb, "s10-python")
    if not re.search(r"skipped|跳过", py):
        assert number(r"with_call: lost updates (\d+)", py) > 0, "Python 3 loses updates too"


def test_s11_rlock_finishes_and_the_plain_lock_deadlocks_and_is_ended(edition):
    nb = executed("11_rlock.ipynb", edition)
    assert re.search(r"RLock (?:version finished|版本运行结束): num = 10, num2 = 10", stdout(nb, "s11-rlock"))
    assert re.search(r"10 of 10 threads still blocked after 1 s: deadlock|1 s 后 10 个线程中仍有 10 个阻塞: 死锁",
                     stdout(nb, "s11-lock-deadlock"))
    who = stdout(nb, "s11-who-waits")
    assert len(re.findall(r"ITSELF|它自己", who)) == 1
    assert len(re.findall(r"^lock-run3-\d+ (?:is|处于) WAITING", who, re.M)) == 10
    magic = cell(nb, "s11-threads-magic")
    shown = "".join(o.get("text", "") + str(o.get("data", {}).get("text/plain", "")) for o in magic.outputs)
    assert "lock-run3-" in shown, "%threads names the waiting threads"
    assert re.search(r"after interrupt\(\): 0 threads alive|interrupt\(\) 之后: 0 个线程仍存活", stdout(nb, "s11-end"))
    t = stdout(nb, "s11-timeout")
    assert re.search(r"second acquire by the holder within 200 ms: false \(held by the caller itself\)"
                     r"|持有者在 200 ms 内再次获取: false \(持有者: 调用者自己\)", t)
    assert re.search(r"(?:second acquire of an RLock by its holder|RLock 的持有者再次获取): true, (?:hold count|持有计数) 2", t)
    assert re.search(r"(?:nested synchronized on one object: depth|在同一个对象上嵌套 synchronized: 深度) 2, "
                     r"(?:no deadlock|没有死锁)", stdout(nb, "s11-java"))
    java = stdout(nb, "s11-java-locks")
    assert re.search(r"Semaphore\(1\): (?:second acquire by the holder within 200 ms|持有者在 200 ms 内再次获取): false",
                     java), "a semaphore has no owner"
    assert re.search(r"StampedLock: (?:second write lock by the holder within 200 ms|持有者在 200 ms 内再次获取写锁): false",
                     java), "StampedLock is not reentrant"
    assert re.search(r"ReentrantLock: (?:second lock by the holder within 200 ms|持有者在 200 ms 内再次加锁): true, "
                     r"(?:hold count|持有计数) 2", java)
    assert re.search(r"ReentrantReadWriteLock: (?:second write lock by the holder within 200 ms|持有者在 200 ms 内再次获取写锁): "
                     r"true, (?:hold count|持有计数) 2", java)


def test_s12_never_more_than_five_inside_the_bounded_semaphore(edition):
    nb = executed("12_semaphore.ipynb", edition)
    out = stdout(nb, "s12-waves")
    assert out.count("run the thread:") == 20
    most = number(r"(?:most threads inside at once: |同一时刻最多有 )(\d+)", out)
    assert 1 <= most <= 5
    took = number(r"(?:through 5 permits|通过 5 个许可): (\d+) ms", out)
    assert 780 <= took < 2000, "four waves of 200 ms"
    check = stdout(nb, "s12-timeline-check")
    assert number(r"(?:most holders at one moment|同一时刻最多的持有者): (\d+)", check) <= 5
    assert re.search(r"(?:holds recorded|记录到的持有次数): 20", check)
    assert svgs(nb, "s12-waves"), "a timeline picture of the waves"
    err = stdout(nb, "s12-bounded-error")
    assert re.search(r"BoundedSemaphore (?:refused the extra release|拒绝了多余的释放)", err)
    assert re.search(r"3 (?:permits available \(it was created with 2\)|个许可可用 \(创建时是 2 个\))", err)


def test_s20_the_simple_pool_is_a_semaphore_and_the_executor_reuses_threads(edition):
    nb = executed("20_simple_thread_pool.ipynb", edition)
    simple = stdout(nb, "s20-simple")
    assert number(r"(?:most at once: |同一时刻最多 )(\d+)", simple) <= 5
    assert re.search(r"distinct threads: 20|不同的线程 20 个", simple)
    assert number(r"(?:most at once: |同一时刻最多 )(\d+)", stdout(nb, "s20-semaphore")) <= 5
    leak = stdout(nb, "s20-leak")
    assert re.search(r"permits after one failed task: 4 of 5|一个任务失败之后的许可: 4 个 \(共 5 个\)", leak)
    assert re.search(r"returns the permit in a finally: 5 of 5|在 finally 里归还许可: 5 个 \(共 5 个\)", leak)
    executor = stdout(nb, "s20-executor")
    assert re.search(r"distinct threads: 5|不同的线程 5 个", executor) and re.search(r"(?:sum|总和) 190", executor)


def test_s21_the_complex_pool_keeps_its_contract(edition):
    nb = executed("21_complex_thread_pool.ipynb", edition)
    spaced = stdout(nb, "s21-spaced")
    assert spaced.count("workers 1, free 1, busy 0") + spaced.count("工作线程 1, 空闲 1, 忙碌 0") == 5, \
        "one worker suffices when tasks are spaced out"
    burst = stdout(nb, "s21-burst")
    assert shows(burst, "50 ms after queueing 30 tasks: workers 5, free 0, busy 5",
            "30 个任务入队 50 ms 后: 工作线程 5, 空闲 0, 忙碌 5")
    assert shows(burst, "after close() and join(): workers 0", "close() 和 join() 之后: 工作线程 0")
    assert shows(burst, "callbacks: 30 (successes 30, failures 0)", "回调: 30 次 (成功 30, 失败 0)")
    assert svgs(nb, "s21-burst")
    failure = stdout(nb, "s21-failure")
    assert shows(failure, "callback: success=false, result=null", "回调: success=false, result=null")
    terminate = stdout(nb, "s21-terminate")
    assert shows(terminate, "terminate(): dropped 18 queued tasks; completed 0; workers left 0",
            "terminate(): 丢弃了 18 个排队的任务; 完成 0 个; 剩余工作线程 0")
    executor = stdout(nb, "s21-executor")
    assert shows(executor, "callbacks 30, sum of squares 8555, executor terminated: true",
            "回调 30 次, 平方和 8555, executor 已终止: true")
    growth = stdout(nb, "s21-executor-growth")
    assert shows(growth, "1. core 2, one idle worker, one more task: threads 2",
            "1. core 2, 一个工作线程空闲, 再来一个任务: 线程数 2"), "below core size: a new thread per task"
    assert shows(growth, "2, 3. core 2, max 4, unbounded queue, 10 waiting tasks: threads 2, queued 8",
            "2, 3. core 2, max 4, 无界队列, 10 个等待的任务: 线程数 2, 排队 8"), \
        "with an unbounded queue the pool never grows past core size"
    assert shows(growth, "3. core 2, max 4, queue of 2, 6 waiting tasks: threads 4, queued 2",
            "3. core 2, max 4, 容量为 2 的队列, 6 个等待的任务: 线程数 4, 排队 2"), "grows only when the queue is full"
    assert shows(growth, "4. a 7th task: RejectedExecutionException", "4. 第 7 个任务: RejectedExecutionException")
    assert shows(growth, "all done: true", "全部结束: true")


def test_s08_a_real_prompt_answered_false_ends_the_waiting_threads_instead_of_hanging(edition):
    """As in JupyterLab: the kernel sends input_request, the user answers "False"."""
    import nbformat
    from jupyter_client.manager import start_new_kernel

    nb = nbformat.read(EDITIONS[edition] / "08_event.ipynb", as_version=4)
    definitions = next(c.source for c in nb.cells if c.cell_type == "code" and "void runThreading" in c.source)
    script = cell(nb, "s08-event").source
    km, kc = start_new_kernel(kernel_name=NOTEBOOK_KERNEL)
    try:
        prompts, texts = [], []

        def on_output(msg):
            if msg["msg_type"] == "stream":
                texts.append(msg["content"]["text"])

        def on_stdin(msg):
            prompts.append(msg["content"]["prompt"])
            kc.input("False")

        kc.execute_interactive(definitions, timeout=60, output_hook=on_output)
        reply = kc.execute_interactive(script, timeout=60, allow_stdin=True,
                                       stdin_hook=on_stdin, output_hook=on_output)
        out = "".join(texts)
        assert reply["content"]["status"] == "ok"
        assert prompts == ["True/False?>> "]
        assert re.search(r"(?:answer|回答): False", out)
        assert re.search(r"threads that got past the event: 0 of 10|通过事件的线程数: 0（共 10 个）", out)
        assert re.search(r"interrupted the 10 threads that were still waiting|中断了仍在等待的 10 个线程", out)
        assert len(re.findall(r"interrupted while waiting: ending|等待时被中断: 结束", out)) == 10
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
