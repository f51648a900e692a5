"""A classroom on a real JupyterHub, driven as students would use it (tests/test_classroom.py and
bench/classroom share it).

`ClassHub` installs the classroom with deploy/jupyterhub/setup into a private prefix (the same
commands a school's setup runs, minus the system packages), starts Debian's JupyterHub on loopback
with the classroom's own configuration plus a test authenticator (any name, one password) and a
spawner that runs every student's server under this account with a home of its own, and drives
it through the hub's REST API. `run_student` opens a notebook from the student's copy of the
course and runs all its code cells through the hub's proxy over the kernel websocket, as the
notebook page's "Run All" does.
"""
import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SETUP = ROOT / "deploy" / "jupyterhub" / "setup"
PASSWORD = "class-password"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def install(prefix):
    """deploy/jupyterhub/setup --install-only into `prefix` (jconc, its shared child archive, the course, the hub's config)."""
    subprocess.run([str(SETUP), "--install-only", "--prefix", str(prefix), "--no-build"], check=True,
                   stdout=subprocess.DEVNULL)
    return Path(prefix)


@dataclass
class StudentRun:
    """What one student's notebook did: every cell's text by tag, timings from opening the notebook."""
    name: str
    notebook: str
    texts: dict = field(default_factory=dict)   # cell tag (or index) -> all text the cell showed
    errors: list = field(default_factory=list)  # (tag, ename) of cells that ended in an error
    opened: float = 0.0
    first_result: float = None                  # seconds from opening the notebook to the first output
    finished: float = None                      # seconds from opening the notebook to the last cell's end
    kernel_id: str = None


class ClassHub:
    def __init__(self, prefix, workdir, idle_timeout=3600):
        self.prefix = Path(prefix)
        self.workdir = Path(workdir)
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.token = secrets.token_hex(16)
        self.idle_timeout = idle_timeout
        self.process = None
        self.log = self.workdir / "jupyterhub.log"

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def home(self, student):
        return self.workdir / "home" / student

    def start(self, timeout=90):
        self.workdir.mkdir(parents=True, exist_ok=True)
        config = self.workdir / "jupyterhub_config.py"
        etc = self.prefix / "etc" / "jconc-classroom"
        config.write_text(f"""
c = get_config()
load_subconfig({str(etc / 'jupyterhub_config.py')!r})
c.JupyterHub.bind_url = {self.url!r}
c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{self.hub_port}'
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{self.api_port}'
c.JupyterHub.authenticator_class = 'jupyterhub.auth.DummyAuthenticator'
c.DummyAuthenticator.password = {PASSWORD!r}
c.JupyterHub.spawner_class = 'jupyterhub.spawner.SimpleLocalProcessSpawner'
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.workdir / 'home' / '{username}')!r}
c.Spawner.args = ['--allow-root']
c.Spawner.environment = dict(c.Spawner.environment, JUPYTER_PATH={str(self.prefix / 'share' / 'jupyter')!r})
c.JupyterHub.services.append({{'name': 'class-driver', 'api_token': {self.token!r}}})
c.JupyterHub.load_roles.append({{'name': 'class-driver', 'services': ['class-driver'],
    'scopes': ['admin:users', 'admin:servers', 'tokens', 'access:servers', 'list:users', 'read:users']}})
""")
        env = dict(os.environ,
                   JCONC_CLASS_COURSE=str(self.prefix / "share" / "jconc" / "course"),
                   JCONC_CLASS_CULLER=str(etc / "cull_idle.py"),
                   JCONC_CLASS_IDLE_TIMEOUT=str(self.idle_timeout))
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(["/usr/bin/jupyterhub", "-f", str(config)], cwd=self.workdir, env=env,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the hub exited with {self.process.returncode}: {self.log_tail()}")
            try:
                self.api("GET", "/")
                return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within {timeout} s: {self.log_tail()}")

    def log_tail(self, lines=30):
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:]) if self.log.exists() else ""

    def stop(self, timeout=60):
        """Stops the hub as an admin would (SIGTERM): it stops every server and its proxy."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def api(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/hub/api{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read()
        return json.loads(text) if text else None

    def user_api(self, student, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/user/{student}/api{path}", data=data, method=method,
                                     headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            text = r.read()
        return json.loads(text) if text else None

    def log_in(self, student):
        """Logs a student in with the class password, as the login page does; returns the hub's login cookie."""
        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        cookies = urllib.request.HTTPCookieProcessor()
        opener = urllib.request.build_opener(cookies, NoRedirect())
        form = urllib.parse.urlencode({"username": student, "password": PASSWORD}).encode()
        try:
            opener.open(urllib.request.Request(f"{self.url}/hub/login", data=form, method="POST"), timeout=60).read()
        except urllib.error.HTTPError as e:
            if e.code != 302:
                raise
        login = [c for c in cookies.cookiejar if c.name == "jupyterhub-hub-login"]
        if not login:
            raise RuntimeError(f"{student} could not log in: {self.log_tail()}")
        return login[0]

    def start_server(self, student):
        self.api("POST", f"/users/{student}/server")

    def wait_ready(self, student, timeout=240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            server = self.api("GET", f"/users/{student}").get("servers", {}).get("")
            if server and server.get("ready"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"the server of {student} was not ready within {timeout} s: {self.log_tail()}")

    def stop_server(self, student, timeout=120):
        try:
            self.api("DELETE", f"/users/{student}/server")
        except urllib.error.HTTPError as e:
            if e.code != 400:   # 400: not running
                raise
        self.wait_stopped(student, timeout)

    def wait_stopped(self, student, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.api("GET", f"/users/{student}").get("servers"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"the server of {student} did not stop within {timeout} s")

    def cull_idle(self, timeout_seconds):
        """Runs the classroom's idle culler once, with the driver's token."""
        env = dict(os.environ, JUPYTERHUB_API_URL=f"{self.url}/hub/api", JUPYTERHUB_API_TOKEN=self.token)
        return subprocess.run(["/usr/bin/python3", str(self.prefix / "etc" / "jconc-classroom" / "cull_idle.py"),
                               "--once", f"--timeout={timeout_seconds}"], env=env, capture_output=True, text=True,
                              timeout=120)

    async def run_student(self, student, notebook, cell_timeout=180):
        """Opens `notebook` (a file of the student's course folder) and runs every code cell in order."""
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        nb = json.loads((self.home(student) / "jconc-course" / notebook).read_text())
        run = StudentRun(student, notebook)
        start = time.monotonic()
        run.opened = start
        loop = asyncio.get_running_loop()
        session = await loop.run_in_executor(None, lambda: self.user_api(
            student, "POST", "/sessions",
            {"path": f"jconc-course/{notebook}", "type": "notebook", "name": notebook,
             "kernel": {"name": nb["metadata"]["kernelspec"]["name"]}}))
        run.kernel_id = session["kernel"]["id"]
        ws_url = f"ws://127.0.0.1:{self.port}/user/{student}/api/kernels/{run.kernel_id}/channels"
        # a class pressing Run All at once keeps the hub's proxy busy: wait as a browser would
        ws = await websocket_connect(HTTPRequest(ws_url, headers={"Authorization": f"token {self.token}"},
                                                 connect_timeout=cell_timeout, request_timeout=cell_timeout),
                                     max_message_size=64 * 1024 * 1024)
        session_id = uuid.uuid4().hex
        try:
            for index, cell in enumerate(c for c in nb["cells"] if c["cell_type"] == "code"):
                tags = cell.get("metadata", {}).get("tags", [])
                tag = tags[0] if tags else str(index)
                code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                text, error = await self._execute(ws, session_id, code, run, start, cell_timeout)
                run.texts[tag] = text
                if error:
                    run.errors.append((tag, error))
            run.finished = time.monotonic() - start
        finally:
            ws.close()
        return run

    @staticmethod
    async def _execute(ws, session_id, code, run, start, timeout):
        msg_id = uuid.uuid4().hex
        await ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "session": session_id, "username": run.name,
                       "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": False}}))
        text, error, replied, idle = [], None, False, False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"{run.name}: a cell of {run.notebook} did not finish in {timeout} s")
            raw = await asyncio.wait_for(ws.read_message(), remaining)
            if raw is None:
                raise ConnectionError(f"{run.name}: the kernel websocket closed")
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "execute_reply":
                replied = True
            elif kind == "status":
                idle = content["execution_state"] == "idle"
            elif kind in ("stream", "execute_result", "display_data", "error"):
                if run.first_result is None:
                    run.first_result = time.monotonic() - start
                if kind == "stream":
                    text.append(content["text"])
                elif kind == "error":
                    error = content["ename"]
                    text.append(f"{content['ename']}: {content['evalue']}")
                else:
                    text.append(str(content.get("data", {}).get("text/plain", "")))
        return "".join(text), error


def class_processes(prefix, workdir, ignore_proxy=False):
    """(pid, what) of every process this class left: jconc JVMs of this install, single-user servers, the proxy."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if str(prefix) in cmd and "java" in cmd:
            found.append((int(proc.name), "jconc JVM: " + cmd[:160]))
        elif "jupyterhub-singleuser" in cmd and cwd.startswith(str(workdir)):
            found.append((int(proc.name), "single-user server: " + cmd[:160]))
        elif "configurable-http-proxy" in cmd and cwd.startswith(str(workdir)) and not ignore_proxy:
            found.append((int(proc.name), "proxy: " + cmd[:160]))
    return found


def wait_until_gone(prefix, workdir, timeout=30, ignore_proxy=False):
    deadline = time.monotonic() + timeout
    left = class_processes(prefix, workdir, ignore_proxy)
    while left and time.monotonic() < deadline:
        time.sleep(0.5)
        left = class_processes(prefix, workdir, ignore_proxy)
    return left
