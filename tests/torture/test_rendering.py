"""Turning a cell's value into text runs the value's own code (toString): it must not hang,
kill or fool the kernel. It runs on the cell's thread, where the stop button and a time bound
reach it; cycles print as in Python; anything thrown is the cell's error."""
import time

import pytest

from engine_fixtures import (assert_failed_clearly, assert_kernel_still_works, assert_statuses,
                             installed_kernels, start_kernel)

RENDER_TIMEOUT_MS = 2000  # set for these kernels through JCONC_RENDER_TIMEOUT_MS (default 10 s)


@pytest.fixture(scope="module", params=installed_kernels())
def kernel(request):
    k = start_kernel(request.param, JCONC_RENDER_TIMEOUT_MS=RENDER_TIMEOUT_MS)
    k.run("class Spins { public String toString() { System.out.println(\"in toString\");"
          " long n = 0; while (true) { n++; } } }\n"
          "class Sleeps { public String toString() { System.out.println(\"in toString\"); while (true) {"
          " try { Thread.sleep(600_000); } catch (InterruptedException e) { } } } }\n"
          "class Recurses { public String toString() { return \"r\" + this; } }")
    yield k
    k.close()


def test_a_list_that_contains_itself_prints_like_python(kernel):
    cell = kernel.run("var l = new ArrayList<Object>(); l.add(l); l")
    assert cell.results() == [{"text/plain": "[[...]]"}]
    assert_statuses(cell)
    assert_kernel_still_works(kernel)


def test_two_lists_that_contain_each_other_print_each_once(kernel):
    cell = kernel.run("List<Object> a = new ArrayList<>(), b = new ArrayList<>(); a.add(b); b.add(a); a.add(1); a")
    assert cell.results() == [{"text/plain": "[[[...]], 1]"}]
    assert_kernel_still_works(kernel)


def test_a_map_that_contains_itself_prints_its_repeat_as_dots(kernel):
    cell = kernel.run('var m = new HashMap<String, Object>(); m.put("me", m); m')
    assert cell.results() == [{"text/plain": '{"me"={...}}'}]
    assert_kernel_still_works(kernel)


def test_a_recursive_toString_is_an_error_naming_StackOverflowError(kernel):
    cell = kernel.run("var r = new Recurses(); r", timeout=30)
    assert_failed_clearly(cell, "StackOverflowError", "StackOverflowError", "Recurses", "into text")
    assert kernel.run("r == null").results() == [{"text/plain": "false"}], "the variable was kept"
    assert_kernel_still_works(kernel)


@pytest.mark.parametrize("thrown,ename", [
    ('new AssertionError("broken invariant")', "AssertionError"),
    ('new OutOfMemoryError("pretend")', "OutOfMemoryError"),
    ('new IllegalStateException("not ready")', "IllegalStateException"),
])
def test_anything_thrown_by_toString_is_the_cells_error(kernel, thrown, ename):
    cell = kernel.run("new Object() { public String toString() { throw " + thrown + "; } }", timeout=30)
    assert_failed_clearly(cell, ename, "into text")
    assert_kernel_still_works(kernel)


@pytest.mark.parametrize("value", ["new Spins()", "new Sleeps()"])
def test_the_stop_button_ends_a_toString_that_never_returns(kernel, value):
    kernel.run("var stuck = " + value + ";")
    cell = kernel.submit("stuck")
    deadline = time.monotonic() + 10
    while "in toString" not in cell.stream() and time.monotonic() < deadline:
        kernel.pump(0.05)
    assert "in toString" in cell.stream(), "the value's toString started"
    sent = time.monotonic()
    kernel.interrupt()
    kernel.wait(cell, timeout=10)
    assert cell.replied_at - sent < RENDER_TIMEOUT_MS / 1000.0, "ended by the stop button, before the time bound"
    assert_failed_clearly(cell, "Interrupted")
    assert kernel.run("stuck == null").results() == [{"text/plain": "false"}]
    assert_kernel_still_works(kernel)


@pytest.mark.parametrize("value", ["new Spins()", "new Sleeps()"])
def test_a_toString_that_never_returns_is_ended_by_the_time_bound(kernel, value):
    start = time.monotonic()
    cell = kernel.run(value, timeout=RENDER_TIMEOUT_MS / 1000.0 + 15)
    assert_failed_clearly(cell, "RenderTimeout", str(RENDER_TIMEOUT_MS) + " ms", "was stopped")
    assert time.monotonic() - start >= RENDER_TIMEOUT_MS / 1000.0
    assert_kernel_still_works(kernel)


def test_declaring_a_variable_never_calls_its_toString(kernel):
    for code in ["Spins s1 = new Spins();", "var s2 = new Sleeps()", "Recurses s3 = new Recurses()"]:
        cell = kernel.run(code, timeout=RENDER_TIMEOUT_MS / 1000.0 - 0.5)
        assert cell.status == "ok", (code, cell.error)
        assert cell.results() == []
    assert_kernel_still_works(kernel)
