"""A small, strict client for scenario tests: run a cell, collect everything it produced.

Messages are matched to cells by their parent msg_id, so output that arrives late (from a
background thread, while another cell runs) is still attributed to the cell that caused it.
"""
import queue
import time
from dataclasses import dataclass, field

from jupyter_client.manager import start_new_kernel


@dataclass
class CellRun:
    msg_id: str
    code: str
    reply: dict = None
    outputs: list = field(default_factory=list)  # iopub messages other than status/execute_input
    idle: bool = False
    started: float = 0.0
    replied_at: float = 0.0
    idle_at: float = 0.0

    @property
    def status(self):
        return self.reply["content"]["status"] if self.reply else None

    def stream(self, name=None):
        return "".join(m["content"]["text"] for m in self.outputs
                       if m["msg_type"] == "stream" and (name is None or m["content"]["name"] == name))

    @property
    def error(self):
        errs = [m["content"] for m in self.outputs if m["msg_type"] == "error"]
        return errs[0] if errs else None

    def results(self):
        return [m["content"]["data"] for m in self.outputs if m["msg_type"] == "execute_result"]

    def of_type(self, msg_type):
        return [m for m in self.outputs if m["msg_type"] == msg_type]


class Kernel:
    """One running kernel. Everything happens on the caller's thread (ZeroMQ sockets are not
    thread-safe): waiting pumps the channels and sorts messages into CellRuns."""

    def __init__(self, kernel_name, startup_timeout=60, env=None):
        """`env`: the kernel's whole environment (default: this process's)."""
        extra = {"env": env} if env is not None else {}
        self.km, self.kc = start_new_kernel(kernel_name=kernel_name, startup_timeout=startup_timeout, **extra)
        self.runs = {}
        self.stdin_answers = []
        self.input_prompts = []

    def pump(self, seconds=0.0):
        """Reads whatever arrived (for at least `seconds`), sorting it into the runs."""
        deadline = time.monotonic() + seconds
        while True:
            got = False
            for get, kind in ((self.kc.get_iopub_msg, "iopub"), (self.kc.get_shell_msg, "shell"),
                              (self.kc.get_stdin_msg, "stdin")):
                while True:
                    try:
                        msg = get(timeout=0.001)
                    except queue.Empty:
                        break
                    self._sort(msg, kind)
                    got = True
            if not got:
                if time.monotonic() >= deadline:
                    return
                time.sleep(0.002)

    def _sort(self, msg, kind):
        parent = msg["parent_header"].get("msg_id")
        run = self.runs.get(parent)
        if kind == "stdin":
            self.input_prompts.append(msg["content"]["prompt"])
            self.kc.input(self.stdin_answers.pop(0))
            return
        if run is None:
            return
        if kind == "shell":
            run.reply = msg
            run.replied_at = time.monotonic()
        elif msg["msg_type"] == "status":
            if msg["content"]["execution_state"] == "idle":
                run.idle = True
                run.idle_at = time.monotonic()
        elif msg["msg_type"] != "execute_input":
            run.outputs.append(msg)

    def submit(self, code, allow_stdin=False, stop_on_error=True):
        msg_id = self.kc.execute(code, allow_stdin=allow_stdin, stop_on_error=stop_on_error)
        run = CellRun(msg_id, code, started=time.monotonic())
        self.runs[msg_id] = run
        return run

    def wait(self, run, timeout=30, until="idle"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if (until == "reply" and run.reply) or (until == "idle" and run.reply and run.idle):
                return run
            time.sleep(0.002)
        raise TimeoutError(f"no {until} for {run.code!r} within {timeout} s")

    def run(self, code, timeout=30, **kw):
        return self.wait(self.submit(code, **kw), timeout)

    def interrupt(self):
        self.km.interrupt_kernel()

    def close(self):
        try:
            self.km.shutdown_kernel(now=False)
        finally:
            self.kc.stop_channels()
