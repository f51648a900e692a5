"""Helpers of the torture suite: the kernels of this run, a kernel with settings of its own,
raw wire messages, and the processes a kernel started."""
import hashlib
import hmac
import json
import os
import signal
import time
import uuid
from pathlib import Path

import pytest
import zmq
from jupyter_client.manager import start_new_kernel

from kernel_client import Kernel

_SPECS = Path(os.environ["JUPYTER_PATH"].split(os.pathsep)[0]) / "kernels"
#: The jconc kernelspecs tests/conftest.py installed for this run: "jconc" (JDK 17), "jconc-jdk25".
KERNELS = [name for name in ("jconc", "jconc-jdk25") if (_SPECS / name / "kernel.json").exists()]


#: KERNELS with every kernel but the first marked slow: the JDK 25 run of a long case is left to -m slow.
KERNELS_FIRST_FAST = KERNELS[:1] + [pytest.param(k, marks=pytest.mark.slow) for k in KERNELS[1:]]


class KernelWithEnv(Kernel):
    """A Kernel started with extra environment variables (JCONC_* settings, say)."""

    def __init__(self, kernel_name, env, startup_timeout=60):
        self.km, self.kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=startup_timeout,
                                            env={**os.environ, **env})
        self.runs = {}
        self.stdin_answers = []
        self.input_prompts = []


def kernel_pid(kernel):
    return kernel.km.provisioner.process.pid


def kill_9(kernel):
    """kill -9 of the kernel process; the client's side is then closed."""
    try:
        os.kill(kernel_pid(kernel), signal.SIGKILL)
        wait_until(lambda: not alive(kernel_pid(kernel)), 10)
    finally:
        kernel.km.shutdown_kernel(now=True)
        kernel.kc.stop_channels()


def next_kernel_removes(kernel_name, dirs, kernel_did):
    """Starts another kernel and checks that it removes `dirs` (left by a killed one) and works."""
    nxt = Kernel(kernel_name)
    try:
        gone = wait_until(lambda: not any(d.exists() for d in dirs), 15)
        kernel_did(f"left {[str(d) for d in dirs if d.exists()]} after a kill -9 and a new start")
        assert gone
        assert nxt.run("1 + 1").results() == [{"text/plain": "2"}]
    finally:
        nxt.close()


def raw_socket(kernel, channel, kind=zmq.DEALER):
    """A raw ZeroMQ socket on one of the kernel's channels, and the signing key."""
    info = kernel.km.get_connection_info()
    sock = zmq.Context.instance().socket(kind)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(f"{info['transport']}://{info['ip']}:{info[channel + '_port']}")
    return sock, info["key"]


def frames(msg_type, content, key, signature=None, parent=None, content_bytes=None, metadata=None):
    """A wire message as a list of frames, signed with `key` unless a signature is given."""
    header = {"msg_id": uuid.uuid4().hex, "session": "raw", "username": "t", "date": "2026-01-01T00:00:00Z",
              "msg_type": msg_type, "version": "5.3"}
    parts = [json.dumps(x).encode() for x in (header, parent or {}, metadata or {})]
    parts.append(content_bytes if content_bytes is not None else json.dumps(content).encode())
    if signature is None:
        mac = hmac.new(key if isinstance(key, bytes) else key.encode(), digestmod=hashlib.sha256)
        for p in parts:
            mac.update(p)
        signature = mac.hexdigest()
    return [b"<IDS|MSG>", signature.encode()] + parts


def parts_of(reply_frames):
    """header, parent, metadata, content of received frames."""
    i = reply_frames.index(b"<IDS|MSG>")
    return [json.loads(f) for f in reply_frames[i + 2:i + 6]]


def execute(code, **kw):
    content = {"code": code, "silent": False, "store_history": True, "user_expressions": {},
               "allow_stdin": False, "stop_on_error": True}
    content.update(kw)
    return content


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie has ended
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(predicate, timeout, step=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def descendants(pid):
    """Every process below `pid` (from /proc)."""
    children = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().split(")")[-1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def private_dirs(pid):
    """The kernel's private directories in the temp dir (named jconc-PID.START-...)."""
    tmp = Path(os.environ.get("TMPDIR", "/tmp"))
    return sorted(tmp.glob(f"jconc-{pid}.*"))


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid):
    """User + system CPU time of a process so far, or 0 when it has ended."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
