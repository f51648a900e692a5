"""Nothing the kernel started outlives it: after a clean shutdown, a restart and kill -9, no
child JVM (children, pool workers, the warm standby, a %%main program, a grandchild) and no
private directory of the kernel or of its children is left. kill -9 cannot clean up after
itself: its directories are removed by the next kernel that starts."""
import re
import time

import pytest

from torture_harness import KERNELS, KERNELS_FIRST_FAST, alive, descendants, kernel_pid, kill_9, next_kernel_removes, private_dirs, wait_until
from kernel_client import Kernel

BUSY = '''var sleeper = new ChildProcess(() -> {
    var grandchild = new ChildProcess(() -> { Thread.sleep(600_000); });
    grandchild.start();
    Thread.sleep(600_000);
});
sleeper.start();
var workers = new Pool(2);
var q = new ProcessQueue();
q.put(1);
workers.map((Integer x) -> x + 1, List.of(1, 2))'''


def _busy_kernel(kernel_name):
    """A kernel with children, a grandchild, a pool, a queue and a %%main program running."""
    k = Kernel(kernel_name)
    busy = k.wait(k.submit(BUSY), 120, until="reply")  # its children keep the cell running: no idle
    assert busy.status == "ok", busy.error
    program = k.submit('%%main\nSystem.out.println("pid " + ProcessHandle.current().pid());\nThread.sleep(600_000);')
    deadline = time.monotonic() + 60
    while "pid " not in program.stream("stdout") and time.monotonic() < deadline:
        k.pump(0.1)
    pid = kernel_pid(k)
    # the grandchild starts inside the child: wait until it is there
    wait_until(lambda: len(descendants(pid)) >= 6, 20)
    procs = descendants(pid)
    dirs = private_dirs(pid) + [d for p in procs for d in private_dirs(p)]
    assert re.search(r"pid \d+", program.stream("stdout")), program.stream()
    assert dirs, "the kernel made its private directory"
    return k, pid, procs, dirs


def _nothing_left(procs, dirs, kernel_did, how, timeout=20):
    gone = wait_until(lambda: not any(alive(p) for p in procs), timeout)
    left = [p for p in procs if alive(p)]
    kept = [str(d) for d in dirs if d.exists()]
    kernel_did(f"left processes {left} and directories {kept} after {how}")
    assert gone, f"processes left after {how}: {left}"
    return kept


@pytest.mark.parametrize("kernel_name", KERNELS_FIRST_FAST)
def test_a_clean_shutdown_leaves_nothing(kernel_name, kernel_did):
    k, pid, procs, dirs = _busy_kernel(kernel_name)
    k.close()
    assert wait_until(lambda: not alive(pid), 15)
    kept = _nothing_left(procs, dirs, kernel_did, "a clean shutdown")
    assert wait_until(lambda: not any(d.exists() for d in dirs), 10), kept


@pytest.mark.slow
@pytest.mark.parametrize("kernel_name", KERNELS[:1])
def test_a_restart_leaves_nothing_of_the_old_kernel(kernel_name, kernel_did):
    k, pid, procs, dirs = _busy_kernel(kernel_name)
    try:
        k.km.restart_kernel(now=False)
        k.kc.wait_for_ready(timeout=60)
        kept = _nothing_left(procs, dirs, kernel_did, "a restart")
        gone = wait_until(lambda: not any(d.exists() for d in dirs), 15)
        kernel_did(f"left {kept} after a restart")
        assert gone
        assert k.run("1 + 1").results() == [{"text/plain": "2"}]
    finally:
        k.close()


@pytest.mark.parametrize("kernel_name", KERNELS[:1])
def test_kill_9_leaves_nothing_once_the_next_kernel_started(kernel_name, kernel_did):
    k, pid, procs, dirs = _busy_kernel(kernel_name)
    kill_9(k)
    _nothing_left(procs, dirs, kernel_did, "kill -9")
    next_kernel_removes(kernel_name, dirs, kernel_did)
