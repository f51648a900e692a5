"""Kernel: the jconc kernel vs Debian's ipykernel, through jupyter_client as a frontend sees them.

Starts the kernels alternately (jconc on each JDK, ipykernel, then the other way round, ...),
each launch measuring: launch to kernel_info_reply, launch to the first `1+1` result, restart to
the first `1+1` result, the round trip of 200 trivial cells (p50/p95), complete and inspect
latency, the resident memory of the kernel's process tree after start and after the 200 cells,
and shutdown; for jconc also where its start goes (the milestones the kernel writes when
JCONC_STARTUP_TIMELINE names a file). Prints a table per jconc kernel: medians and ratios.

Run with Debian's /usr/bin/python3 (python3-jupyter-client, python3-psutil).
"""
import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import time

import psutil
import zmq
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from jupyter_client.manager import KernelManager

import benchlib as b

TIMEOUT = 120.0
RECONNECT_MS = 10

# The same requests in each language: a variable, then completion and help on its methods.
LANGUAGE = {
    "java": {"setup": 'String greeting = "hi";', "complete": "greeting.s", "inspect": "greeting.split"},
    "python": {"setup": 'greeting = "hi"', "complete": "greeting.s", "inspect": "greeting.split"},
}

METRICS = [
    b.Metric("kernel_info_ms", "launch to kernel_info_reply", "ms", "lower", ("ratio", 1.0),
             "no slower than ipykernel"),
    b.Metric("first_result_ms", "launch to first `1+1` result", "ms", "lower"),
    b.Metric("restart_result_ms", "restart to first `1+1` result", "ms", "lower"),
    b.Metric("cell_p50_ms", "trivial cell round trip p50", "ms", "lower", ("ratio", 0.5),
             "at most 2x ipykernel's"),
    b.Metric("cell_p95_ms", "trivial cell round trip p95", "ms", "lower"),
    b.Metric("jshell_eval_p50_ms", "JShell alone, `1+1` p50 (no kernel, the kernel's JVM and flags: the floor under jconc's cell)",
             "ms", "lower", reference_key="-"),
    b.Metric("jshell_eval_p95_ms", "JShell alone, `1+1` p95", "ms", "lower", reference_key="-"),
    b.Metric("jshell_session_eval_p50_ms", "JShell set up as the kernel's (its class path and default imports), `1+1` p50",
             "ms", "lower", reference_key="-"),
    b.Metric("cell_over_floor", "trivial cell p50 / JShell alone p50 (same launch)", "x", "lower", ("max", 1.25),
             "at most 1.25x", reference_key="-"),
    b.Metric("cell_p95_over_p50", "trivial cell p95 / its p50", "x", "lower", ("max", 1.5), "at most 1.5x",
             reference_key="-"),
    b.Metric("complete_first_ms", "complete, first request", "ms", "lower"),
    b.Metric("complete_ms", "complete, median of 20", "ms", "lower"),
    b.Metric("inspect_first_ms", "inspect, first request", "ms", "lower"),
    b.Metric("inspect_ms", "inspect, median of 20", "ms", "lower"),
    b.Metric("rss_start_mib", "resident memory after start (process tree)", "MiB", "lower"),
    b.Metric("rss_200_mib", "resident memory after the cells (process tree)", "MiB", "lower",
             ("max", 200.0), "jconc < 200 MiB"),
    b.Metric("rss_end_mib", "resident memory after the cells and 42 complete/inspect requests", "MiB", "lower"),
    b.Metric("shutdown_ms", "shutdown_request to process exit", "ms", "lower"),
]


# Where jconc's start goes: the kernel's milestones, in ms since the client launched it.
TIMELINE = [
    ("main", "`main` entered (the client's connection file and spawn, the JVM's boot)"),
    ("listening", "→ sockets bound, requests answered (kernel_info from here on)"),
    ("jshell_built", "→ JShell built (javac and the execution engine, on a thread of its own)"),
    ("imports_done", "→ default imports compiled: ready for cells"),
    ("first_cell_starts", "→ first cell starts (its request arrived, JShell ready)"),
    ("first_cell_end", "→ first cell's result sent"),
]

FIRST_RESULT_GOALS = {17: (("ratio", 1 / 1.2), "at most 1.2x ipykernel's"),
                      25: (("ratio", 1.0), "no slower than ipykernel")}


class Session:
    """One launched kernel and a blocking client talking to it."""

    def __init__(self, kernel_name, env=None):
        self.km = KernelManager(kernel_name=kernel_name)
        self.kc = None
        self.env = env

    def start(self):
        self.km.start_kernel(**({"env": {**os.environ, **self.env}} if self.env else {}))
        self.kc = self.km.client()
        # Retry connecting every 10 ms (zmq's default is 100 ms) so launch times measure the
        # kernel, not the client's retry timer.
        self.kc.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_MS)
        self.kc.start_channels()

    def wait_for_iopub(self, deadline):
        """Asks kernel_info until a message comes through IOPub, so no cell output is missed
        because the subscription was not yet in place (ZeroMQ drops PUB messages until then)."""
        while time.monotonic() < deadline:
            msg_id = self.kc.kernel_info()
            self.shell_reply(msg_id, deadline)
            try:
                self.kc.get_iopub_msg(timeout=0.2)
            except queue.Empty:
                continue
            while True:  # drain what is queued
                try:
                    self.kc.get_iopub_msg(timeout=0.01)
                except queue.Empty:
                    return
        raise TimeoutError("no IOPub message from the kernel")

    def pid(self):
        return self.km.provisioner.process.pid

    def rss_mib(self):
        root = psutil.Process(self.pid())
        total = 0
        for proc in [root] + root.children(recursive=True):
            try:
                total += proc.memory_info().rss
            except psutil.NoSuchProcess:
                pass
        return total / (1024 * 1024)

    def shell_reply(self, msg_id, deadline):
        while True:
            msg = self.kc.get_shell_msg(timeout=max(0.001, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id:
                return msg

    def iopub_until(self, msg_id, deadline, predicate):
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.001, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") == msg_id and predicate(msg):
                return msg

    def execute(self, code):
        """Sends a cell; returns (seconds to execute_reply and idle, the execute_result text)."""
        deadline = time.monotonic() + TIMEOUT
        t0 = time.perf_counter()
        msg_id = self.kc.execute(code, store_history=True)
        reply = self.shell_reply(msg_id, deadline)
        result = []

        def idle_or_result(msg):
            if msg["msg_type"] == "execute_result":
                result.append(msg["content"]["data"].get("text/plain"))
                return False
            if msg["msg_type"] == "error":
                result.append("error: " + msg["content"].get("ename", ""))
                return False
            return msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle"

        self.iopub_until(msg_id, deadline, idle_or_result)
        elapsed = time.perf_counter() - t0
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"cell {code!r} failed: {reply['content']}")
        return elapsed, (result[0] if result else None)

    def timed_request(self, send):
        deadline = time.monotonic() + TIMEOUT
        t0 = time.perf_counter()
        msg_id = send()
        reply = self.shell_reply(msg_id, deadline)
        return time.perf_counter() - t0, reply["content"]

    def shutdown(self):
        t0 = time.perf_counter()
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=False)
        return time.perf_counter() - t0


class Floor:
    """A `JShellFloor --serve` process: evaluates one `1+1` per call, timed inside its JVM."""

    def __init__(self, command):
        self.proc = subprocess.Popen(command + ["--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        ready = ""
        for _ in range(50):  # the JVM may log a line or two first (an archive it cannot map)
            ready = self.proc.stdout.readline().strip()
            if ready in ("ready", ""):
                break
        if ready != "ready":
            self.close()
            raise RuntimeError(f"JShellFloor did not start: {ready!r}")

    def eval_ms(self):
        self.proc.stdin.write("1+1\n")
        self.proc.stdin.flush()
        return float(self.proc.stdout.readline())

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)
        except Exception:
            self.proc.kill()
            self.proc.wait()


def start_floors(commands):
    """The floors that start ({key prefix: Floor}); one that does not is left out, its rows stay empty."""
    floors = {}
    for prefix, command in commands.items():
        try:
            floors[prefix] = Floor(command)
        except Exception as error:  # the bench programs may not be built
            b.log(f"  JShell floor {prefix} not measured: {error}")
    return floors


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def first_result(s, t0):
    """Waits until IOPub delivers, runs `1+1`; ms from t0 to its result."""
    deadline = time.monotonic() + TIMEOUT
    s.wait_for_iopub(deadline)
    first_id = s.kc.execute("1+1")
    first = s.iopub_until(first_id, deadline, lambda m: m["msg_type"] in ("execute_result", "error"))
    s.shell_reply(first_id, deadline)
    took = (time.perf_counter() - t0) * 1e3
    if first["msg_type"] != "execute_result" or first["content"]["data"].get("text/plain") != "2":
        raise RuntimeError(f"first 1+1 gave {first['content']}")
    s.iopub_until(first_id, deadline, lambda m: m["msg_type"] == "status"
                  and m["content"]["execution_state"] == "idle")
    return took


def one_launch(kernel_name, language, cells, floor_commands=None):
    """One launch of a kernel, measured; with floor_commands ({key prefix: JShellFloor command}),
    each trivial cell is followed by one evaluation on each floor, so both see the same load."""
    code = LANGUAGE[language]
    timeline = tempfile.NamedTemporaryFile(prefix="jconc-timeline-", suffix=".json", delete=False).name
    os.unlink(timeline)
    s = Session(kernel_name, env={"JCONC_STARTUP_TIMELINE": timeline} if language == "java" else None)
    out = {}
    t0 = time.perf_counter()
    t0_epoch = time.time()
    s.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        info_id = s.kc.kernel_info()
        info = s.shell_reply(info_id, deadline)
        out["kernel_info_ms"] = (time.perf_counter() - t0) * 1e3
        out["implementation"] = f"{info['content'].get('implementation')} {info['content'].get('implementation_version')}"
        out["first_result_ms"] = first_result(s, t0)
        out["rss_start_mib"] = s.rss_mib()
        if os.path.exists(timeline):
            with open(timeline) as f:
                out.update({f"timeline_{k}_ms": v - t0_epoch * 1e3 for k, v in json.load(f).items()})
            os.unlink(timeline)

        s.execute(code["setup"])
        floors = start_floors(floor_commands or {})
        try:
            times = []
            floor_times = {prefix: [] for prefix in floors}
            for _ in range(cells):
                elapsed, value = s.execute("1+1")
                if value != "2":
                    raise RuntimeError(f"1+1 gave {value!r}")
                times.append(elapsed * 1e3)
                for prefix, floor in floors.items():
                    floor_times[prefix].append(floor.eval_ms())
        finally:
            for floor in floors.values():
                floor.close()
        out["cell_p50_ms"] = percentile(times, 50)
        out["cell_p95_ms"] = percentile(times, 95)
        for prefix, ms in floor_times.items():
            out[f"{prefix}eval_p50_ms"] = percentile(ms, 50)
            out[f"{prefix}eval_p95_ms"] = percentile(ms, 95)
        out["rss_200_mib"] = s.rss_mib()

        for kind, send, check in [
            ("complete", lambda: s.kc.complete(code["complete"], len(code["complete"])),
             lambda c: any("split" in m for m in c.get("matches", []))),
            ("inspect", lambda: s.kc.inspect(code["inspect"], len(code["inspect"]), 0),
             lambda c: c.get("found") is True),
        ]:
            first_s, content = s.timed_request(send)
            out[f"{kind}_first_ms"] = first_s * 1e3
            out[f"{kind}_ok"] = bool(check(content))
            out[f"{kind}_ms"] = statistics.median(s.timed_request(send)[0] * 1e3 for _ in range(20))
        out["rss_end_mib"] = s.rss_mib()

        t_restart = time.perf_counter()
        s.km.restart_kernel(now=False)
        out["restart_result_ms"] = first_result(s, t_restart)
    finally:
        process = s.km.provisioner.process if s.km.provisioner else None
        t_stop = time.perf_counter()
        s.shutdown()
        if process is not None:
            try:
                process.wait(timeout=10)
            except Exception:
                pass
        out["shutdown_ms"] = (time.perf_counter() - t_stop) * 1e3
        if os.path.exists(timeline):
            os.unlink(timeline)
    return out


def floor_command(kernel_argv, *options):
    """JShellFloor on the kernel's JVM with the kernel's flags, its class-data archive included.

    The kernelspec's argv is java, the JVM flags, `-jar`, the kernel's jar and the connection
    file. The floor keeps java and the flags and puts the kernel's jar first on its class path:
    the archive was recorded with that class path, and the JVM maps it only when the class path
    starts the same (else it runs without, silently). So JShell's and javac's classes come from
    the same archive and run under the same collector and heap sizes as in the kernel."""
    if "-jar" not in kernel_argv:
        raise RuntimeError(f"the kernelspec's argv has no -jar: {' '.join(kernel_argv)}")
    at = kernel_argv.index("-jar")
    java, flags, jar = kernel_argv[0], kernel_argv[1:at], kernel_argv[at + 1]
    return [java, *flags, "-cp", jar + os.pathsep + b.bench_classpath(), "jconc.bench.JShellFloor", *options]


def with_ratios(values):
    """Adds the goals' ratios of one launch: its cell p50 over the floor measured beside it, its p95 over its p50."""
    p50, p95, floor = (values.get(k) for k in ("cell_p50_ms", "cell_p95_ms", "jshell_eval_p50_ms"))
    if p50 and floor:
        values["cell_over_floor"] = p50 / floor
    if p50 and p95:
        values["cell_p95_over_p50"] = p95 / p50
    return values


def java_feature(java):
    """The feature release of a java executable: 17, 25, ..."""
    import subprocess
    out = subprocess.run([java, "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    for line in out.splitlines():
        if line.strip().startswith("java.specification.version"):
            return int(line.split("=")[1].strip())
    return None


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="launches of each kernel")
    parser.add_argument("--quick", action="store_true", help="2 launches, 50 cells")
    parser.add_argument("--jconc-kernel", default="jconc",
                        help="kernelspec names of jconc, comma-separated (one table each)")
    parser.add_argument("--reference-kernel", default="python3", help="kernelspec name of ipykernel")
    args = parser.parse_args(argv)
    runs = 2 if args.quick else args.runs
    cells = 50 if args.quick else 200
    jconc_kernels = [k for k in args.jconc_kernel.split(",") if k]
    specs = KernelSpecManager()
    found = {}
    for name in jconc_kernels + [args.reference_kernel]:
        try:
            found[name] = specs.get_kernel_spec(name)
        except NoSuchKernel:
            b.log(f"kernel_bench: no kernelspec named {name!r}; install jconc's with ./install.sh, "
                  f"ipykernel's with apt-get install python3-ipykernel")
            return 1
        b.log(f"kernelspec {name}: {' '.join(found[name].argv)}")

    def jconc(name):
        language = "python" if name == args.reference_kernel else "java"

        def launch():
            floors = {}
            if language == "java":
                try:
                    floors = {"jshell_": floor_command(found[name].argv),
                              "jshell_session_": floor_command(found[name].argv, "--kernel-session")}
                except Exception as error:
                    b.log(f"  JShell floor not measured: {error}")
            return with_ratios(one_launch(name, language, cells, floors))
        return launch

    sides = {name: jconc(name) for name in jconc_kernels}
    sides["reference"] = lambda: one_launch(args.reference_kernel, "python", cells)
    collected = b.alternate(sides, runs)
    tables = []
    for name in jconc_kernels:
        pair = {"jconc": collected[name], "reference": collected["reference"]}
        feature = java_feature(found[name].argv[0]) if found[name].language == "java" else None
        goal = FIRST_RESULT_GOALS.get(25 if feature and feature >= 25 else 17)
        metrics = [b.Metric(m.key, m.label, m.unit, m.better, goal[0], goal[1]) if m.key == "first_result_ms"
                   else m for m in METRICS]
        rows = b.outcomes(metrics, pair)
        impl = {side: next((r["implementation"] for r in runs_ if "implementation" in r), "?")
                for side, runs_ in pair.items()}
        problems = [f"{side}: {kind} missed `greeting.split` in {sum(1 for r in runs_ if r.get(kind + '_ok') is False)} launches"
                    for side, runs_ in pair.items() for kind in ("complete", "inspect")
                    if any(r.get(kind + "_ok") is False for r in runs_)]
        errors = sorted({f"{side}: {r['error'][:300]}" for side, runs_ in pair.items()
                         for r in runs_ if "error" in r})
        archive = next((a.split("=")[0].lstrip("-") for a in found[name].argv
                        if a.startswith(("-XX:SharedArchiveFile=", "-XX:AOTCache="))), None)
        notes = [b.RATIO_NOTE,
                 f"{runs} launches of each kernel, alternating with the other kernels of this run; {cells} cells "
                 f"of `1+1` per launch, timed from execute_request to execute_reply and the idle status. jconc: "
                 f"{impl['jconc']}, kernelspec `{name}` on Java {feature}"
                 f"{' starting from its ' + ('AOT cache' if archive == 'XX:AOTCache' else 'class-data archive') if archive else ''}"
                 f"; reference: {impl['reference']} (Debian's python3-ipykernel, kernelspec `{args.reference_kernel}`). "
                 f"Memory is the RSS of the kernel process and its children. For the first `1+1` the client, as a "
                 f"frontend must, first waits until IOPub delivers; it retries connecting every {RECONNECT_MS} ms. "
                 f"Restart: `restart_kernel()` as a frontend's restart button, to the first `1+1` result.",
                 "JShell alone: `jconc.bench.JShellFloor`, the same cells on a JShell with a local execution engine, "
                 "run on the kernelspec's java with its flags and start-up archive, started beside each jconc launch: "
                 "each of the kernel's cells is followed by one evaluation on each floor, so load hits both alike; the "
                 "ratios to it are taken per launch, then their median."]
        notes += problems + [f"A launch failed: {e}" for e in errors]
        title = f"Kernel: jconc on Java {feature} vs ipykernel" if feature else f"Kernel: {name} vs ipykernel"
        tables.append(b.table(title, rows, "ipykernel", notes))
        timeline = timeline_table(name, feature, collected[name])
        if timeline:
            tables.append(timeline)
    md = "\n".join(tables)
    b.save("kernel", md, collected)
    print(md)


def timeline_table(name, feature, runs_):
    """Where jconc's start goes, milestone by milestone (medians, ms since the client launched it)."""
    def median(key):
        values = [r[key] for r in runs_ if isinstance(r.get(key), (int, float))]
        return statistics.median(values) if values else None
    if median("timeline_main_ms") is None:
        return ""
    lines = [f"#### Where the start goes: jconc on Java {feature}", "",
             "| milestone | ms since the launch | step |", "|---|---|---|"]
    previous = 0.0
    reached = [(median(f"timeline_{key}_ms"), label) for key, label in TIMELINE]
    for value, label in sorted((v, label) for v, label in reached if v is not None):
        lines.append(f"| {label} | {value:.0f} | {value - previous:.0f} |")
        previous = value
    first = median("first_result_ms")
    if first is not None:
        lines.append(f"| the client has the result | {first:.0f} | {first - previous:.0f} |")
    lines += ["", "Medians over the launches. JShell is built on a thread of its own while the kernel already "
              "answers kernel_info; the first cell waits for it.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
