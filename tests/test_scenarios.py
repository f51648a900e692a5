"""What a concurrency class needs from a kernel, checked through jupyter_client on every JDK:
output goes to the right cell (also late), thread exceptions are shown, System.exit does not
kill the kernel, interrupts always work, stdin works where it can and fails clearly where not."""
import time

import pytest

from conftest import KERNELS
from kernel_client import Kernel


@pytest.fixture(scope="module", params=KERNELS)
def kernel(request):
    k = Kernel(request.param)
    yield k
    k.close()


# --- 5. output goes to the right cell -------------------------------------------------------

def test_late_output_of_a_background_thread_lands_in_its_cell(kernel):
    first = kernel.submit(
        'Thread late = new Thread(() -> { try { Thread.sleep(400); } catch (InterruptedException e) { }'
        ' System.out.println("late from first"); }); late.setDaemon(true); late.start(); "first returned"')
    kernel.wait(first)
    second = kernel.run('Thread.sleep(800); "second done"')
    kernel.pump(0.2)
    assert first.results() == [{"text/plain": '"first returned"'}]
    assert "late from first" in first.stream("stdout"), "printed while the second cell ran, shown in the first"
    assert "late from first" not in second.stream()


def test_a_cell_stays_busy_until_its_non_daemon_threads_end(kernel):
    # The worker outlives the cell's own code by 2 s: even on a loaded machine, where the reply
    # itself may take a second, the kernel is seen busy well after it.
    cell = kernel.run(
        'Thread worker = new Thread(() -> { try { Thread.sleep(2000); } catch (InterruptedException e) { }'
        ' System.out.println("worker done"); }, "worker"); worker.start(); "returned"')
    assert cell.replied_at < cell.idle_at, "the cell returned before its thread ended"
    assert cell.idle_at - cell.replied_at > 0.8
    assert "worker done" in cell.stream()


def test_threads_started_by_threads_write_to_the_original_cell(kernel):
    cell = kernel.run(
        'Thread outer = new Thread(() -> { Thread inner = new Thread(() -> System.out.println("inner"));'
        ' inner.start(); try { inner.join(); } catch (InterruptedException e) { } });'
        ' outer.start(); outer.join();')
    assert cell.stream("stdout") == "inner\n"


def test_output_of_many_threads_is_complete_and_batched(kernel):
    cell = kernel.run(
        'var ts = new ArrayList<Thread>(); for (int t = 0; t < 20; t++) { int id = t;'
        ' var th = new Thread(() -> { for (int i = 0; i < 100; i++) System.out.println(id + ":" + i); });'
        ' ts.add(th); th.start(); } for (var th : ts) th.join();')
    lines = cell.stream("stdout").splitlines()
    assert len(lines) == 2000
    assert sorted(lines) == sorted(f"{t}:{i}" for t in range(20) for i in range(100))
    # Each thread's own lines keep their order.
    for t in range(20):
        mine = [int(l.split(":")[1]) for l in lines if l.startswith(f"{t}:")]
        assert mine == sorted(mine)
    assert len(cell.of_type("stream")) < 200, "output is batched, not one message per line"


def test_stdout_and_stderr_keep_their_relative_order(kernel):
    cell = kernel.run('System.out.println("a"); System.err.println("b"); System.out.println("c");')
    streams = [(m["content"]["name"], m["content"]["text"]) for m in cell.of_type("stream")]
    assert "".join(t for _, t in streams) == "a\nb\nc\n"


# --- 6. uncaught exceptions in threads -------------------------------------------------------

def test_uncaught_exception_in_a_thread_is_printed_in_its_cell(kernel):
    cell = kernel.run(
        'void work() { throw new IllegalStateException("worker failed"); }\n'
        'Thread t = new Thread(() -> work(), "worker-1"); t.start(); t.join();')
    err = cell.stream("stderr")
    assert 'Exception in thread "worker-1" IllegalStateException: worker failed' in err
    assert "at work(In[" in err
    assert "jdk.jshell" not in err and "jconc.kernel" not in err


def test_runtime_error_shows_user_frames_only(kernel):
    cell = kernel.run('int divide(int a, int b) { return a / b; }\ndivide(1, 0)')
    assert cell.status == "error"
    assert cell.error["ename"] == "ArithmeticException"
    tb = "\n".join(cell.error["traceback"])
    assert "at divide(In[" in tb and ":1)" in tb
    assert "jdk.jshell" not in tb and "jconc.kernel" not in tb and "reflect" not in tb


def test_compile_error_names_line_and_column_with_a_caret(kernel):
    cell = kernel.run('int ok = 1;\nint bad = undefinedName + 1;')
    assert cell.status == "error" and cell.error["ename"] == "CompileError"
    tb = cell.error["traceback"]
    assert "line 2, column 11: error: cannot find symbol" in tb[0]
    assert tb[1].strip() == "int bad = undefinedName + 1;"
    assert tb[2].index("^") == tb[1].index("undefinedName")


# --- 7. System.exit --------------------------------------------------------------------------

@pytest.mark.parametrize("call", ["System.exit(3)", "Runtime.getRuntime().exit(3)", "Runtime.getRuntime().halt(3)"])
def test_exit_ends_the_cell_and_the_kernel_keeps_its_state(kernel, call):
    kernel.run("int kept = 41;")
    cell = kernel.run(call + ";")
    assert cell.status == "error"
    assert cell.error["ename"] == "SystemExit"
    assert "status 3" in cell.error["evalue"]
    assert kernel.run("kept + 1").results() == [{"text/plain": "42"}]


# --- 8. interrupt ----------------------------------------------------------------------------

UNSTOPPABLE_LOOKING = {
    "busy loop": "long n = 0; while (true) { n++; }",
    "sleep": "Thread.sleep(60_000);",
    "join on a deadlocked pair": (
        "Object a = new Object(), b = new Object();\n"
        "Thread t1 = new Thread(() -> { synchronized (a) { pause(); synchronized (b) { } } });\n"
        "Thread t2 = new Thread(() -> { synchronized (b) { pause(); synchronized (a) { } } });\n"
        "t1.start(); t2.start(); t1.join();"),
    "wait": "Object m = new Object(); synchronized (m) { m.wait(); }",
    "loop that swallows InterruptedException": (
        "while (true) { try { Thread.sleep(50); } catch (InterruptedException e) { } }"),
}


def interrupt_and_expect_it_ended_within_a_second(kernel, cell):
    """Interrupts a cell that has been running for half a second; it must end as "Interrupted"."""
    kernel.pump(0.5)
    sent = time.monotonic()
    kernel.interrupt()
    kernel.wait(cell, timeout=5, until="reply")
    kernel.wait(cell, timeout=5)
    assert cell.replied_at - sent < 1.0 + 0.25, "interrupt took %.2f s" % (cell.replied_at - sent)
    assert cell.status == "error" and cell.error["ename"] == "Interrupted"


@pytest.mark.parametrize("case", list(UNSTOPPABLE_LOOKING))
def test_interrupt_ends_the_cell_within_a_second(kernel, case):
    kernel.run("void pause() { try { Thread.sleep(100); } catch (InterruptedException e) { } }")
    background = kernel.submit(
        "Thread keeper = new Thread(() -> { try { Thread.sleep(3000); } catch (InterruptedException e) { return; }"
        " System.out.println(\"earlier cell's thread survived\"); }); keeper.setDaemon(true); keeper.start();")
    kernel.wait(background)
    cell = kernel.submit(UNSTOPPABLE_LOOKING[case])
    interrupt_and_expect_it_ended_within_a_second(kernel, cell)
    assert kernel.run("1 + 1").results() == [{"text/plain": "2"}]
    kernel.pump(3.0)
    assert "earlier cell's thread survived" in background.stream()


def test_interrupting_a_pipe_recv_loses_nothing_and_the_pipe_still_works(kernel):
    kernel.run(
        'var ip = new Pipe();\n'
        'var echo = new ChildProcess(c -> { while (true) { Object o = c.recv(); if (o == null) break; c.send(o); } },'
        ' ip.second()).daemon(true);\n'  # a daemon child: the cell does not wait for it to end
        'echo.start(); ip.first().send("warm"); ip.first().recv()')
    cell = kernel.submit('ip.first().recv()')  # nothing was sent: it waits
    interrupt_and_expect_it_ended_within_a_second(kernel, cell)
    assert kernel.run('ip.first().send("after"); ip.first().recv()').results() == [{"text/plain": '"after"'}]
    assert kernel.run('ip.first().send(null); echo.join(); echo.exitCode()').results() == [{"text/plain": "0"}]


def test_what_cannot_be_stopped_is_named(kernel):
    # A loop inside JDK code with no user code in it has no place to stop on JDK 20+;
    # on 17 Thread.stop ends it. Either way nothing is leaked silently.
    cell = kernel.submit("new Thread(() -> java.util.stream.LongStream.range(0, Long.MAX_VALUE).sum(), \"summer\")"
                         ".start(); Thread.sleep(60_000);")
    kernel.pump(0.5)
    kernel.interrupt()
    kernel.wait(cell, timeout=5)
    assert cell.error["ename"] == "Interrupted"
    survivors = "\n".join(cell.error["traceback"]) + cell.stream("stderr")
    kernel.pump(1.2)
    survivors += cell.stream("stderr")
    stopped = "summer" not in survivors
    if not stopped:
        assert "could not stop thread 'summer'" in survivors


# --- 9. stdin --------------------------------------------------------------------------------

def test_reading_system_in_asks_the_frontend(kernel):
    kernel.stdin_answers.append("Ada")
    cell = kernel.run('var sc = new Scanner(System.in); System.out.print("name? "); "hello " + sc.nextLine()',
                      allow_stdin=True)
    assert cell.results() == [{"text/plain": '"hello Ada"'}]


def test_input_helper_sends_the_prompt(kernel):
    kernel.stdin_answers.append("True")
    cell = kernel.run('input("Set the event? ")', allow_stdin=True)
    assert kernel.input_prompts[-1] == "Set the event? "
    assert cell.results() == [{"text/plain": '"True"'}]


def test_buffered_reader_gets_lines(kernel):
    kernel.stdin_answers.extend(["3", "4"])
    cell = kernel.run('var r = new BufferedReader(new InputStreamReader(System.in));'
                      ' Integer.parseInt(r.readLine()) * Integer.parseInt(r.readLine())', allow_stdin=True)
    assert cell.results() == [{"text/plain": "12"}]


def test_without_stdin_reading_fails_clearly(kernel):
    cell = kernel.run('new Scanner(System.in).nextLine()', allow_stdin=False)
    assert cell.status == "error"
    assert "cannot answer input" in cell.error["evalue"]
    headless = kernel.run('input("Continue? ", "yes")', allow_stdin=False)
    assert headless.results() == [{"text/plain": '"yes"'}]


# --- the rest of the protocol ----------------------------------------------------------------

def test_stop_on_error_aborts_the_queued_cells(kernel):
    failing = kernel.submit('Thread.sleep(300); throw new RuntimeException("first fails");')
    queued = [kernel.submit(f'System.out.println("must not run {i}");') for i in range(3)]
    for q in queued:
        kernel.wait(q, until="reply")
    assert failing.status == "error"
    assert [q.status for q in queued] == ["aborted"] * 3
    assert all("must not run" not in q.stream() for q in queued)
    assert kernel.run("1").status == "ok"


def test_redefining_a_method_keeps_unrelated_variables(kernel):
    kernel.run("int counter = 7;\nString label = \"seven\";")
    kernel.run("int twice(int x) { return 2 * x; }")
    kernel.run("int twice(int x) { return x + x; }")
    kernel.run("class Box { int v = 1; }")
    kernel.run("class Box { int v = 2; int w = 3; }")
    cell = kernel.run('counter + " " + label + " " + twice(counter) + " " + new Box().w')
    assert cell.results() == [{"text/plain": '"7 seven 14 3"'}]


def test_a_cell_mixing_imports_declarations_and_statements(kernel):
    cell = kernel.run("import java.time.*;\nrecord P(int x, int y) { }\nint area(P p) { return p.x() * p.y(); }\n"
                      "var p = new P(3, 4);\nSystem.out.println(p);\narea(p)")
    assert cell.stream() == "P[x=3, y=4]\n"
    assert cell.results() == [{"text/plain": "12"}]


def test_collections_arrays_and_records_render_usefully(kernel):
    assert kernel.run("new int[] {1, 2, 3}").results() == [{"text/plain": "int[3] { 1, 2, 3 }"}]
    assert kernel.run('Map.of("a", 1)').results() == [{"text/plain": '{"a"=1}'}]
    assert kernel.run("record Pt(int x) { }\nnew Pt(5)").results() == [{"text/plain": "Pt[x=5]"}]


def test_display_handle_updates_in_place(kernel):
    cell = kernel.run('var h = display("step 1"); h.update("step 2");')
    shown = cell.of_type("display_data")
    updated = cell.of_type("update_display_data")
    assert len(shown) == 1 and len(updated) == 1
    assert shown[0]["content"]["transient"]["display_id"] == updated[0]["content"]["transient"]["display_id"]
    assert updated[0]["content"]["data"]["text/plain"] == '"step 2"'


def test_unknown_magic_lists_the_known_ones(kernel):
    cell = kernel.run("%nosuchmagic")
    assert cell.status == "error" and "%timeit" in "\n".join(cell.error["traceback"])


def test_lsmagic_lists_the_magics_in_the_cell(kernel):
    listed = kernel.run("%lsmagic").stream("stdout")
    assert "%timeit CODE" in listed and "%%main [ARGS]" in listed


def test_time_and_timeit(kernel):
    assert "Wall time:" in kernel.run("%time Thread.sleep(20)").stream()
    assert "per loop" in kernel.run("%timeit Math.sqrt(2.0)").stream()


def test_main_runs_the_cell_as_a_program_in_a_fresh_jvm(kernel):
    cell = kernel.run(
        "%%main\n"
        "Thread d = new Thread(() -> { try { Thread.sleep(5000); } catch (InterruptedException e) { }"
        " System.out.println(\"daemon finished\"); });\n"
        "d.setDaemon(true); d.start();\n"
        "System.out.println(\"main ends, pid \" + ProcessHandle.current().pid());", timeout=60)
    out = cell.stream("stdout")
    assert "main ends, pid" in out
    assert "daemon finished" not in out
    assert "[program exited with status 0" in out
    kernel_pid = kernel.km.provisioner.process.pid if hasattr(kernel.km, "provisioner") else None
    if kernel_pid:
        assert f"pid {kernel_pid}\n" not in out


def test_all_statements_of_a_cell_run_on_one_main_thread(kernel):
    cell = kernel.run("var m = new Mutex();\nm.acquire();\nThread first = Thread.currentThread();\n"
                      "m.release();\nThreadLocal<Integer> tl = ThreadLocal.withInitial(() -> 0);\ntl.set(5);\n"
                      "(Thread.currentThread() == first) + \" \" + first.getName() + \" \" + tl.get()")
    assert cell.results() == [{"text/plain": '"true main 5"'}]


def test_threads_finds_a_thread_waiting_for_a_lock_it_holds(kernel):
    kernel.run('var self = new Mutex("self");\nThread greedy = new Thread(() -> { try { self.acquire(); self.acquire(); }'
               ' catch (InterruptedException e) { } }, "greedy");\ngreedy.setDaemon(true); greedy.start(); Thread.sleep(200);')
    shown = kernel.run("%threads").of_type("display_data")[0]["content"]["data"]["text/plain"]
    assert "DEADLOCK: 'greedy' waits for Mutex" in shown and "holds itself" in shown
    kernel.interrupt()
