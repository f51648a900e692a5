"""A kernel ends when the process that started it is gone, and takes its children with it.

A Jupyter server is killed (SIGKILL: it has no chance to shut its kernels down, as when
JupyterHub's spawner or an admin kills a student's server) while two jconc kernels are open, one
of them with a child JVM busy in a cell; afterwards no process the server had started is left.
"""
import json
import os
import signal
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from jupyter_client import BlockingKernelClient

from torture_harness import KERNELS_FIRST_FAST, alive, descendants, wait_until

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "e2e"))
from jupyter_servers import classic_server  # noqa: E402


def _start_time(pid):
    """The process's start time in clock ticks (a pid reused by a new process has another)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[19]
    except OSError:
        return None


def _cmdline(pid):
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _post(server, path, body):
    request = urllib.request.Request(server.url_for(path), data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.load(reply)


def _start_busy_child(client, timeout=60):
    """Runs a cell that starts a child JVM sleeping for ten minutes; returns once it is running
    (the cell itself stays busy while its non-daemon child lives)."""
    msg_id = client.execute("var child = new ChildProcess(() -> Thread.sleep(600_000));\n"
                            "child.start();\nSystem.out.println(\"child pid \" + child.pid());")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = client.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        assert msg["msg_type"] != "error", msg["content"]
        if msg["msg_type"] == "stream" and "child pid" in msg["content"]["text"]:
            return
    raise TimeoutError("the child did not start")


@pytest.mark.parametrize("kernel_name", KERNELS_FIRST_FAST)
def test_killing_the_server_ends_its_kernels_and_their_children(kernel_name, tmp_path):
    runtime = tmp_path / "runtime"
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(runtime))
    with classic_server(tmp_path, tmp_path, env=env) as server:
        kernels = [_post(server, "api/kernels", {"name": kernel_name}) for _ in range(2)]
        client = BlockingKernelClient(connection_file=str(runtime / f"kernel-{kernels[0]['id']}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            client.kernel_info(reply=True, timeout=60)
            _start_busy_child(client)
        finally:
            client.stop_channels()
        left = {pid: _start_time(pid) for pid in descendants(server.process.pid)}
        java = [pid for pid in left if "jconc" in _cmdline(pid)]
        assert len(java) >= 3, f"two kernels and a child expected under the server: {left}"

        os.kill(server.process.pid, signal.SIGKILL)
        server.process.wait()

        def running():  # ended-but-unreaped (zombie) counts as ended; a reused pid is another process
            return {pid: _cmdline(pid) for pid, start in left.items() if alive(pid) and _start_time(pid) == start}
        assert wait_until(lambda: not running(), 30, step=0.25), \
            f"still running 30 s after their server was killed: {running()}"
