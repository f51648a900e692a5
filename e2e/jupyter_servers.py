"""Start and stop the Jupyter servers the browser tests drive.

    with lab_server(root_dir, log_dir) as server:
        server.url_for("lab/tree/demo.ipynb")   # http://127.0.0.1:PORT/lab/tree/demo.ipynb?token=...

`lab_server` serves the project's JupyterLab 3.6 build (e2e/lab/serve.py), `lab4_server` and
`notebook7_server` its JupyterLab 4 and Notebook 7 builds (e2e/v4/lab/serve.py,
e2e/v4/notebook/serve.py), `classic_server` the classic Notebook 6.4 (`jupyter notebook`).  Each server runs in a process group of its own
on a free port of 127.0.0.1 with a random token, and is stopped with its kernels on exit.
"""
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PYTHON = "/usr/bin/python3"  # Debian's Jupyter packages live in its site-packages
E2E = Path(__file__).resolve().parent
LAB_LAUNCHER = E2E / "lab" / "serve.py"
LAB4_LAUNCHER = E2E / "v4" / "lab" / "serve.py"
NOTEBOOK7_LAUNCHER = E2E / "v4" / "notebook" / "serve.py"


@dataclass
class JupyterServer:
    base_url: str  # ends with "/"
    token: str
    process: subprocess.Popen
    log_path: Path

    def url_for(self, path):
        return f"{self.base_url}{path}?token={self.token}"

    def log_tail(self, lines=40):
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lab_server(root_dir, log_dir, env=None):
    """JupyterLab 3.6 (the frontend built by e2e/setup) on Debian's jupyterlab_server."""
    return _launched(LAB_LAUNCHER, root_dir, Path(log_dir) / "jupyterlab-server.log", env)


def lab4_server(root_dir, log_dir, env=None):
    """JupyterLab 4 (built by e2e/setup) on Debian's jupyterlab_server."""
    return _launched(LAB4_LAUNCHER, root_dir, Path(log_dir) / "jupyterlab4-server.log", env)


def notebook7_server(root_dir, log_dir, env=None):
    """Notebook 7 (built by e2e/setup) on Debian's jupyterlab_server."""
    return _launched(NOTEBOOK7_LAUNCHER, root_dir, Path(log_dir) / "notebook7-server.log", env)


@contextlib.contextmanager
def _launched(launcher, root_dir, log_path, env):
    """A server started by one of the project's launchers (jupyter_server options), its user
    settings and workspaces in a directory removed when it stops (unless JCONC_LAB_STATE names
    one to keep)."""
    port, token = free_port(), secrets.token_hex(16)
    command = [PYTHON, str(launcher), "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
               f"--ServerApp.token={token}", f"--ServerApp.root_dir={root_dir}",
               "--ServerApp.open_browser=False", "--ServerApp.allow_root=True"]
    environment = dict(os.environ if env is None else env)
    with contextlib.ExitStack() as cleanup:
        if not environment.get("JCONC_LAB_STATE"):
            state = cleanup.enter_context(tempfile.TemporaryDirectory(prefix=f"jconc-{launcher.parent.name}-"))
            environment["JCONC_LAB_STATE"] = state
        with _running(command, port, token, log_path, environment) as server:
            yield server


@contextlib.contextmanager
def classic_server(root_dir, log_dir, env=None):
    """The classic Notebook 6.4 (`jupyter notebook`)."""
    port, token = free_port(), secrets.token_hex(16)
    command = [PYTHON, "-m", "notebook", "--ip=127.0.0.1", f"--port={port}", "--no-browser",
               "--allow-root", f"--NotebookApp.token={token}", f"--notebook-dir={root_dir}"]
    with _running(command, port, token, Path(log_dir) / "notebook-server.log", env) as server:
        yield server


@contextlib.contextmanager
def _running(command, port, token, log_path, env):
    log_path.parent.mkdir(parents=True, exist_ok=True)
    environment = dict(os.environ if env is None else env, JUPYTER_NO_CONFIG="1")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, env=environment,
                                   start_new_session=True)
    server = JupyterServer(f"http://127.0.0.1:{port}/", token, process, log_path)
    try:
        _wait_until_up(server, timeout=60)
        yield server
    finally:
        _stop(process)


def _wait_until_up(server, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Jupyter server exited with {server.process.returncode}:\n"
                               + server.log_tail())
        try:
            with urllib.request.urlopen(server.url_for("api/status"), timeout=2) as reply:
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"Jupyter server not up after {timeout} s:\n" + server.log_tail())


def _stop(process):
    """SIGTERM lets the server shut its kernels down; SIGKILL the group if it hangs."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # kernels that outlived their server
    process.wait()
