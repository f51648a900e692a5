"""A class on JupyterHub: the classroom of deploy/jupyterhub, installed with its own setup into a
private prefix, on Debian's JupyterHub on loopback (a test authenticator, every student's server
under this account with a home of its own). N students (JCONC_CLASS_STUDENTS, default 5) log in,
get the course in their home, and run a notebook each at the same time through the hub's proxy
over the kernel websocket; every student's results are checked; their servers are stopped (by
the hub's API, as "Stop My Server" does, and by the classroom's idle culler), and nothing of the
class is left running.
"""
import asyncio
import os
import re
import shutil
import signal
import stat

import pytest

from classroom_hub import ClassHub, class_processes, install, wait_until_gone

N = int(os.environ.get("JCONC_CLASS_STUDENTS", "5"))

pytestmark = pytest.mark.skipif(
    not (shutil.which("jupyterhub") and shutil.which("configurable-http-proxy")),
    reason="JupyterHub is not installed (deploy/jupyterhub/test-deps installs it)")

NOTEBOOKS = ["10_lock.ipynb", "13_processes.ipynb"]
INTENDED_ERRORS = {"s13-error", "s13-unserializable"}


def number(pattern, text):
    m = re.search(pattern, text)
    assert m, f"{pattern!r} not in {text!r}"
    return int(m.group(1))


def check_10_lock(run):
    assert number(r"lost updates without a lock: (\d+)", run.texts["s10-lost-updates"]) > 0, run.texts
    assert "with a Mutex: number = 50000 (expected 50000), lost 0" in run.texts["s10-mutex"], run.texts
    for name in ("synchronized", "ReentrantLock", "AtomicInteger"):
        assert re.search(rf"{name}:\s+1000000 in", run.texts["s10-java-idioms"]), run.texts


def check_13_processes(run):
    out = run.texts["s13-ten"]
    kernel = number(r"kernel pid: (\d+)", out)
    lines = re.findall(r"hello bob (\d) from pid (\d+), parent (\d+)", out)
    assert sorted(int(n) for n, _, _ in lines) == list(range(10)), out
    assert len({pid for _, pid, _ in lines}) == 10, out
    assert {int(parent) for _, _, parent in lines} == {kernel}, out
    one = run.texts["s13-one"]
    one_kernel = number(r"kernel pid: (\d+)", one)
    assert f"parent {one_kernel}" in one and "exit code: 0" in one, one
    return kernel


def assert_readable_by_everyone(path):
    for p in [path, *path.rglob("*")]:
        mode = p.stat().st_mode
        need = stat.S_IROTH | (stat.S_IXOTH if p.is_dir() else 0)
        assert mode & need == need, f"{p} is {stat.filemode(mode)}: other users cannot read it"


def test_a_class_runs_the_course_at_once_and_leaves_nothing_running(tmp_path_factory):
    prefix = install(tmp_path_factory.mktemp("classroom-prefix"))
    spec = prefix / "share" / "jupyter" / "kernels" / "jconc"
    assert_readable_by_everyone(spec)
    assert_readable_by_everyone(prefix / "share" / "jconc" / "course")
    assert list((spec / "cds").glob("child-*.jsa")), "the shared class-data archive of the children was made"

    workdir = tmp_path_factory.mktemp("classroom-hub")
    hub = ClassHub(prefix, workdir).start()
    students = [f"student{i}" for i in range(N)]
    try:
        for s in students:
            hub.log_in(s)
            hub.start_server(s)
        for s in students:
            hub.wait_ready(s)
            assert (hub.home(s) / "jconc-course" / "10_lock.ipynb").is_file(), f"the course was copied for {s}"

        async def whole_class():
            return await asyncio.gather(*(hub.run_student(s, NOTEBOOKS[i % 2]) for i, s in enumerate(students)))

        runs = asyncio.run(whole_class())

        kernels = set()
        for run in runs:
            assert set(tag for tag, _ in run.errors) <= INTENDED_ERRORS, (run.name, run.errors)
            assert run.first_result is not None, run.name
            if run.notebook == "10_lock.ipynb":
                check_10_lock(run)
            else:
                kernels.add(check_13_processes(run))
        assert len(kernels) == len([r for r in runs if r.notebook == "13_processes.ipynb"]), "a kernel per student"
        for s in students:
            own = list((hub.home(s) / ".cache" / "jconc" / "cds").glob("child-*.jsa"))
            assert not own, f"the children of {s} use the archive made at install, not one of their own: {own}"
        print(f"\n{N} students: first result " + ", ".join(f"{r.first_result:.1f}" for r in runs)
              + " s; finished " + ", ".join(f"{r.finished:.1f}" for r in runs) + " s")

        # "Stop My Server" for all but the last student; the idle culler stops the last one.
        for s in students[:-1]:
            hub.stop_server(s)
        culled = hub.cull_idle(0)
        assert f"stopping the server of {students[-1]}" in culled.stdout, (culled.stdout, culled.stderr)
        hub.wait_stopped(students[-1])
        left = wait_until_gone(prefix, workdir, ignore_proxy=True)
        assert not left, f"left running after every server stopped: {left}"
    finally:
        hub.stop()
        left = wait_until_gone(prefix, workdir)
        for pid, _ in left:
            os.kill(pid, signal.SIGKILL)
    assert not left, f"left running after the hub stopped: {left}"
