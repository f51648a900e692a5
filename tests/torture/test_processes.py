"""Processes the kernel starts: a %%main program never outlives the kernel (clean shutdown or
kill -9), the private socket directories of a kernel killed with -9 are removed by the next
kernel, and a Pool whose map was stopped is usable again."""
import re
import time

import pytest

from torture_harness import KERNELS, KERNELS_FIRST_FAST, alive, cpu_seconds, kernel_pid, kill_9, next_kernel_removes, private_dirs, wait_until
from kernel_client import Kernel

SLEEPER = '%%main\nSystem.out.println("pid " + ProcessHandle.current().pid());\nThread.sleep(600_000);'


def _program_pid(k):
    run = k.submit(SLEEPER)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        k.pump(0.1)
        m = re.search(r"pid (\d+)", run.stream("stdout"))
        if m:
            return int(m.group(1))
    raise TimeoutError(f"the program did not start: {run.stream()!r}")


@pytest.mark.parametrize("how, end", [("a clean shutdown", Kernel.close), ("kill -9", kill_9)],
                         ids=["shutdown", "kill-9"])
@pytest.mark.parametrize("kernel_name", KERNELS[:1])
def test_a_main_program_ends_with_its_kernel(kernel_name, how, end, kernel_did):
    k = Kernel(kernel_name)
    try:
        program = _program_pid(k)
        assert alive(program)
    finally:
        end(k)
    gone = wait_until(lambda: not alive(program), 15)
    kernel_did(f"left its %%main program running after {how}" if not gone else "ended its program")
    assert gone


@pytest.mark.parametrize("kernel_name", KERNELS[:1])
def test_the_directories_of_a_killed_kernel_are_removed_by_the_next(kernel_name, kernel_did):
    k = Kernel(kernel_name)
    pid = kernel_pid(k)
    try:
        k.run("var c = new ChildProcess(() -> { }); c.start(); c.join();", timeout=60)
        dirs = private_dirs(pid)
        assert dirs, "the kernel made its private directory"
    finally:
        kill_9(k)
    assert all(d.exists() for d in dirs), "kill -9 cannot clean up"
    next_kernel_removes(kernel_name, dirs, kernel_did)


@pytest.fixture(scope="module", params=KERNELS_FIRST_FAST)
def kernel(request):
    k = Kernel(request.param)
    yield k
    k.close()


def test_a_pool_map_of_hung_tasks_stopped_leaves_the_pool_usable(kernel, kernel_did):
    k = kernel
    k.run("var pool = new Pool(2);\nvar hungPids = pool.pids();", timeout=60)
    hung = [int(p) for p in re.findall(r"\d+", k.run("hungPids").results()[0]["text/plain"])]
    run = k.submit("List<Object> never = pool.map((Integer x) -> { while (true) { } }, List.of(1, 2, 3));")
    k.pump(2)
    k.interrupt()
    k.wait(run, 30)
    assert run.status == "error"
    again = k.run("pool.map((Integer x) -> x * 2, List.of(1, 2, 3))", timeout=60)
    kernel_did(f"answered the next map with {again.status} {again.results() or again.error}")
    assert again.results() == [{"text/plain": "[2, 4, 6]"}]
    # the hung tasks no longer run: their workers were replaced, or the tasks ended in them
    before = {p: cpu_seconds(p) for p in hung}
    time.sleep(1.5)
    spinning = [p for p in hung if cpu_seconds(p) - before[p] > 0.5]
    kernel_did(f"left workers {spinning} spinning after the stop" if spinning else "ended the hung tasks")
    assert not spinning
    k.run("pool.terminate();")
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]
