"""Helpers for the engine's torture cases: kernels (optionally with a limit set through the
environment), and the checks every case ends with: the kernel answered with an error that says
what happened, sent busy and idle, kept its variables, and still computes 1 + 1."""
import contextlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # kernel_client, beside conftest.py

from kernel_client import Kernel  # noqa: E402


def installed_kernels():
    """The jconc kernelspecs tests/conftest.py installed for this run (first JUPYTER_PATH entry)."""
    first = Path(os.environ["JUPYTER_PATH"].split(os.pathsep)[0]) / "kernels"
    return sorted(p.name for p in first.iterdir() if p.name.startswith("jconc")) if first.is_dir() else []


class StatusKernel(Kernel):
    """A Kernel that also records each run's busy status (the base class keeps only idle)."""

    def _sort(self, msg, kind):
        run = self.runs.get(msg["parent_header"].get("msg_id"))
        if run is not None and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "busy":
            run.busy = True
        super()._sort(msg, kind)


@contextlib.contextmanager
def environment(**env):
    """Sets environment variables for kernels started inside the block."""
    before = {k: os.environ.get(k) for k in env}
    os.environ.update({k: str(v) for k, v in env.items()})
    try:
        yield
    finally:
        for k, v in before.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def start_kernel(name, **env):
    with environment(**env):
        kernel = StatusKernel(name)
    kernel.run("int kept = 41;")
    return kernel


def assert_failed_clearly(cell, ename, *words):
    """The cell ended with error `ename` whose value names each of `words`, and busy and idle were sent."""
    assert cell.status == "error", (cell.status, cell.results(), cell.stream())
    assert cell.error["ename"] == ename, cell.error
    text = cell.error["evalue"] + "\n" + "\n".join(cell.error["traceback"])
    for w in words:
        assert w in text, (w, text)
    assert_statuses(cell)


def assert_statuses(cell):
    assert getattr(cell, "busy", False), "no busy status for this request"
    assert cell.idle, "no idle status for this request"


def assert_kernel_still_works(kernel):
    """Variables kept, and a following 1 + 1 works."""
    assert kernel.run("kept + 1", timeout=30).results() == [{"text/plain": "42"}]
    two = kernel.run("1 + 1", timeout=30)
    assert two.results() == [{"text/plain": "2"}]
    assert_statuses(two)
