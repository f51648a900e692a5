"""Cells that attack the engine: code nested deeper than javac's stack, exits by every route,
a JDK loop that ignores the stop button, a cell that replaces or closes System.out, a
finalize() that never returns. Each ends with the kernel answering, its variables kept."""
import time

import pytest

from engine_fixtures import (assert_failed_clearly, assert_kernel_still_works, assert_statuses,
                             installed_kernels, start_kernel)

DEFAULT_MAX_NESTING = 1000


@pytest.fixture(scope="module", params=installed_kernels())
def kernel(request):
    k = start_kernel(request.param)
    yield k
    k.close()


# --- deep code: javac recurses once per level -------------------------------------------------

def test_3000_nested_parentheses_are_refused_with_a_clear_error(kernel):
    cell = kernel.run("int deep = " + "(" * 3000 + "1" + ")" * 3000 + ";", timeout=30)
    assert_failed_clearly(cell, "CompileError", f"code nests deeper than {DEFAULT_MAX_NESTING} levels",
                          "jconc.max_nesting")
    assert_kernel_still_works(kernel)


def test_3000_nested_blocks_are_refused_with_a_clear_error(kernel):
    cell = kernel.run("{" * 3000 + "int x = 1;" + "}" * 3000, timeout=30)
    assert_failed_clearly(cell, "CompileError", "code nests deeper than")
    assert_kernel_still_works(kernel)


def test_deep_code_within_the_limit_compiles_and_runs(kernel):
    cell = kernel.run("int w = 0; " + "{" * 900 + "w++;" + "}" * 900 + " w", timeout=120)
    assert cell.results() == [{"text/plain": "1"}], cell.error
    cell = kernel.run("int v = " + "(" * 600 + "7" + ")" * 600 + "; v", timeout=120)
    assert cell.results() == [{"text/plain": "7"}], cell.error
    assert_kernel_still_works(kernel)


def test_a_concatenation_of_5000_terms_compiles(kernel):
    cell = kernel.run("String s = " + " + ".join(['"ab"'] * 5000) + "; s.length()", timeout=120)
    assert cell.results() == [{"text/plain": "10000"}], cell.error
    assert_statuses(cell)
    assert_kernel_still_works(kernel)


def is_complete(kernel, code, timeout=10):
    msg_id = kernel.kc.is_complete(code)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = kernel.kc.get_shell_msg(timeout=deadline - time.monotonic())
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply["content"]
    raise TimeoutError("no is_complete_reply")


def test_is_complete_of_30000_nested_parentheses_answers_at_once(kernel):
    start = time.monotonic()
    assert is_complete(kernel, "(" * 30000)["status"] == "invalid"
    assert is_complete(kernel, "int x = " + "(" * 30000 + "1" + ")" * 30000 + ";")["status"] == "invalid"
    assert time.monotonic() - start < 5
    assert is_complete(kernel, "int y = 1;")["status"] == "complete"
    assert is_complete(kernel, "void f() {")["status"] == "incomplete"
    assert_kernel_still_works(kernel)


def test_the_nesting_limit_is_set_per_kernel(kernel):
    name = kernel.km.kernel_name
    small = start_kernel(name, JCONC_MAX_NESTING=20)
    try:
        assert small.run("int ok = " + "(" * 20 + "1" + ")" * 20 + "; ok").results() == [{"text/plain": "1"}]
        cell = small.run("int no = " + "(" * 21 + "1" + ")" * 21 + ";")
        assert_failed_clearly(cell, "CompileError", "code nests deeper than 20 levels")
        assert_kernel_still_works(small)
    finally:
        small.close()


# --- exits by every route ----------------------------------------------------------------------

EXITS = {
    "method reference System::exit": "IntConsumer ex = System::exit; ex.accept(3);",
    "bound method reference Runtime::halt": "IntConsumer h = Runtime.getRuntime()::halt; h.accept(3);",
    "unbound method reference Runtime::exit": "ObjIntConsumer<Runtime> e = Runtime::exit; e.accept(Runtime.getRuntime(), 3);",
    "reflection System.exit": 'System.class.getMethod("exit", int.class).invoke(null, 3);',
    "reflection Runtime.halt": 'Runtime.class.getMethod("halt", int.class).invoke(Runtime.getRuntime(), 3);',
    "MethodHandle findStatic": (
        'java.lang.invoke.MethodHandles.lookup().findStatic(System.class, "exit",'
        ' java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(3);'),
    "MethodHandle findVirtual": (
        'java.lang.invoke.MethodHandles.lookup().findVirtual(Runtime.class, "halt",'
        ' java.lang.invoke.MethodType.methodType(void.class, int.class)).invoke(Runtime.getRuntime(), 3);'),
    "MethodHandle unreflect": (
        'java.lang.invoke.MethodHandles.lookup().unreflect(System.class.getMethod("exit", int.class)).invoke(3);'),
    "in a thread, by method reference": (
        "IntConsumer tx = System::exit; Thread et = new Thread(() -> tx.accept(3)); et.start(); et.join();"
        " System.out.println(\"after\");"),
}


@pytest.mark.parametrize("route", list(EXITS))
def test_no_route_to_exit_ends_the_kernel(kernel, route):
    cell = kernel.run(EXITS[route], timeout=30)
    if "thread" in route:
        assert cell.status == "ok"
        assert "called System.exit" in cell.stream("stderr") or "status 3" in cell.stream("stderr"), cell.stream()
        assert "after" in cell.stream("stdout")
    else:
        assert_failed_clearly(cell, "SystemExit", "status 3")
    assert_kernel_still_works(kernel)


# --- a loop inside JDK code ---------------------------------------------------------------------

def test_a_jdk_loop_that_prints_is_stopped_and_does_not_flood_later_cells(kernel):
    cell = kernel.submit("IntStream.range(0, Integer.MAX_VALUE).forEach(System.out::println);")
    deadline = time.monotonic() + 10
    while not cell.stream() and time.monotonic() < deadline:
        kernel.pump(0.05)
    kernel.pump(0.3)
    sent = time.monotonic()
    kernel.interrupt()
    kernel.wait(cell, timeout=10)
    assert cell.replied_at - sent < 1.5, "the stop took %.2f s" % (cell.replied_at - sent)
    assert_failed_clearly(cell, "Interrupted")
    kernel.pump(0.5)
    printed = len(cell.stream())
    after = kernel.run('System.out.println("mine"); 1 + 1')
    kernel.pump(1.0)
    assert len(cell.stream()) == printed, "the stopped loop kept printing into its cell"
    assert after.stream() == "mine\n" and after.results() == [{"text/plain": "2"}]
    assert_kernel_still_works(kernel)


# --- System.out replaced or closed -------------------------------------------------------------

@pytest.mark.parametrize("breaker", [
    "System.setOut(null);",
    "System.setErr(null);",
    "System.setOut(new PrintStream(new ByteArrayOutputStream()));",
    "System.out.close(); System.err.close();",
    "System.setIn(null);",
])
def test_replacing_or_closing_the_standard_streams_lasts_one_cell(kernel, breaker):
    broken = kernel.run(breaker)
    assert_statuses(broken)
    cell = kernel.run('System.out.println("out works"); System.err.println("err works");')
    assert cell.stream("stdout") == "out works\n"
    assert cell.stream("stderr") == "err works\n"
    if "close" not in breaker:
        assert "the kernel put its own back" in broken.stream("stderr")
    assert_kernel_still_works(kernel)


def test_a_child_process_prints_after_a_cell_set_System_out_to_null(kernel):
    kernel.run("System.setOut(null);")
    cell = kernel.run('new ChildProcess(() -> System.out.println("child speaks")).start().join();', timeout=60)
    assert cell.stream("stdout") == "child speaks\n", (cell.stream(), cell.error)
    assert_kernel_still_works(kernel)


# --- finalize() that never returns --------------------------------------------------------------

def test_a_finalize_that_loops_is_stopped_and_named(kernel):
    kernel.run("class Stuck { protected void finalize() { long n = 0; while (true) { n++; } } }\n"
               "class Fine { protected void finalize() { System.out.println(\"fine finalized\"); } }")
    cell = kernel.run("if (true) { new Stuck(); } System.gc();")
    deadline = time.monotonic() + 15
    while "Finalizer" not in cell.stream("stderr") and time.monotonic() < deadline:
        kernel.pump(0.1)
    assert "jconc stopped the JVM's finalizer thread 'Finalizer'" in cell.stream("stderr")
    assert "Stuck.finalize" in cell.stream("stderr")
    later = kernel.run("if (true) { new Fine(); } System.gc(); Thread.sleep(1500);", timeout=30)
    assert "fine finalized" in later.stream("stdout"), "the finalizer thread lives on and runs the others"
    assert_kernel_still_works(kernel)
