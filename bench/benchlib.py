"""Shared machinery of the benchmark drivers: alternating runs, medians, ratios, tables.

Every bench runs jconc and its reference in ONE run, alternating (A B, B A, A B, ...), so
that a noisy neighbour slows both sides alike, and reports medians over the runs and the
ratio between them. A single absolute time is never the verdict.
"""
import json
import os
import statistics
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"


@dataclass
class Metric:
    """One row of a table.

    better: "lower" (times, memory) or "higher" (rates, speedups).
    goal: None, or ("ratio", x): ratio >= x, where ratio says how many times better jconc is;
          ("max", v): jconc's own value must stay below v; ("min", v): jconc's own value >= v.
    """
    key: str
    label: str
    unit: str
    better: str
    goal: tuple = None
    goal_text: str = ""
    jconc_key: str = None      # when jconc's number comes from another key than the reference's
    reference_key: str = None

    def jkey(self):
        return self.jconc_key or self.key

    def rkey(self):
        return self.reference_key or self.key


@dataclass
class Outcome:
    metric: Metric
    jconc: list = field(default_factory=list)
    reference: list = field(default_factory=list)

    def jconc_median(self):
        return statistics.median(self.jconc) if self.jconc else None

    def reference_median(self):
        return statistics.median(self.reference) if self.reference else None

    def ratio(self):
        j, r = self.jconc_median(), self.reference_median()
        if j is None or r is None or j == 0 or r == 0:
            return None
        return r / j if self.metric.better == "lower" else j / r

    def met(self):
        goal = self.metric.goal
        if goal is None:
            return None
        kind, value = goal
        j = self.jconc_median()
        if j is None:
            return None
        if kind == "ratio":
            ratio = self.ratio()
            return None if ratio is None else ratio >= value
        if kind == "max":
            return j < value
        if kind == "min":
            return j >= value
        raise ValueError(kind)


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def alternate(sides, runs):
    """Runs each side once per round, flipping the order every round.

    sides: {"jconc": fn, "reference": fn}, each fn() returning a dict of metric values
    (or raising). Returns {"jconc": [dict, ...], "reference": [dict, ...]}.
    """
    names = list(sides)
    collected = {name: [] for name in names}
    collected_load = [load_average()]
    for round_no in range(runs):
        order = names if round_no % 2 == 0 else list(reversed(names))
        for name in order:
            log(f"[round {round_no + 1}/{runs}] {name} ...")
            started = time.monotonic()
            try:
                values = sides[name]()
            except Exception as error:  # one failed run is reported, not fatal
                log(f"  {name} failed: {error!r}")
                log(traceback.format_exc())
                values = {"error": f"{type(error).__name__}: {error}"}
            log(f"  {name} done in {time.monotonic() - started:.1f} s")
            collected[name].append(values)
    collected_load.append(load_average())
    LOADS[:] = collected_load
    return collected


def outcomes(metrics, collected):
    result = []
    for metric in metrics:
        o = Outcome(metric)
        o.jconc = [run[metric.jkey()] for run in collected.get("jconc", [])
                   if isinstance(run.get(metric.jkey()), (int, float))]
        o.reference = [run[metric.rkey()] for run in collected.get("reference", [])
                       if isinstance(run.get(metric.rkey()), (int, float))]
        result.append(o)
    return result


def fmt(value, unit):
    if value is None:
        return "—"
    if unit == "/s":
        if value >= 1e6:
            return f"{value / 1e6:.2f} M/s"
        if value >= 1e3:
            return f"{value / 1e3:.1f} k/s"
        return f"{value:.0f} /s"
    if unit == "x":
        return f"{value:.2f}x"
    if value >= 100:
        return f"{value:.0f} {unit}"
    if value >= 10:
        return f"{value:.1f} {unit}"
    return f"{value:.2f} {unit}"


def table(title, outcomes_, reference_name, notes=()):
    lines = [f"### {title}", "",
             f"| metric | jconc | {reference_name} | ratio | goal | met? |",
             "|---|---|---|---|---|---|"]
    for o in outcomes_:
        m = o.metric
        ratio = o.ratio()
        met = o.met()
        met_text = "—" if met is None else ("yes" if met else "**no**")
        if m.goal and o.jconc_median() is None:
            met_text = "not measured"
        lines.append("| {} | {} | {} | {} | {} | {} |".format(
            m.label, fmt(o.jconc_median(), m.unit), fmt(o.reference_median(), m.unit),
            "—" if ratio is None else f"{ratio:.2f}x", m.goal_text or "—", met_text))
    lines.append("")
    notes = list(notes) + ([load_note()] if LOADS else [])
    for note in notes:
        lines.append(note)
    if notes:
        lines.append("")
    return "\n".join(lines)


LOADS = []  # load averages (1, 5, 15 min) before and after the last alternate()


def load_note():
    return (f"Load average (1, 5, 15 min) before the first run: {LOADS[0]}; after the last: {LOADS[-1]}, "
            f"the bench's own processes included. On 2 cores, a load above about 0.5 before the run means "
            f"other work competed with the bench." if LOADS else "")


RATIO_NOTE = ("Medians over the runs; ratio = how many times better jconc is "
              "(reference time / jconc time, or jconc rate / reference rate): "
              "above 1.00x jconc is ahead.")


def save(name, markdown, raw):
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"{name}.md").write_text(markdown + "\n")
    (RESULTS_DIR / f"{name}-raw.json").write_text(json.dumps(raw, indent=1) + "\n")


def run_json(cmd, timeout, env=None):
    """Runs a program that prints one JSON object on its last stdout line."""
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    if proc.returncode != 0:
        err = proc.stderr.strip()
        detail = err if len(err) <= 3000 else err[:1500] + "\n...\n" + err[-1500:]
        raise RuntimeError(f"{cmd[0]} exited {proc.returncode}: {detail}")
    lines = [line for line in proc.stdout.splitlines() if line.strip().startswith("{")]
    if not lines:
        raise RuntimeError(f"no JSON from {' '.join(cmd)}: {proc.stdout[-400:]} {proc.stderr[-400:]}")
    return json.loads(lines[-1])


def java_command():
    """The JVM that runs the Java programs: $BENCH_JAVA, else $JAVA_HOME/bin/java, else java."""
    if os.environ.get("BENCH_JAVA"):
        return os.environ["BENCH_JAVA"]
    if os.environ.get("JAVA_HOME"):
        return os.path.join(os.environ["JAVA_HOME"], "bin", "java")
    return "java"


def bench_classpath():
    """The bench's jar and jconc's, as the kernel runs: jars only, so that child JVMs can start
    from an archive (the JVM archives no class path with a directory on it; JDK 25's AOT cache
    refuses one). BENCH_JCONC_JAR replaces the installed jconc jar (to compare two builds)."""
    program = BENCH_DIR / "target" / "jconc-bench-0.1.0-SNAPSHOT.jar"
    deps = (BENCH_DIR / "target" / "classpath.txt").read_text().strip()
    if os.environ.get("BENCH_JCONC_JAR"):
        deps = os.pathsep.join(os.environ["BENCH_JCONC_JAR"] if "jconc-conc" in d else d for d in deps.split(os.pathsep))
    return f"{program}{os.pathsep}{deps}"


def reference_python():
    """The CPython that runs the reference side (3.11 here): $BENCH_PYTHON or /usr/bin/python3."""
    return os.environ.get("BENCH_PYTHON", "/usr/bin/python3")


def java_with_virtual_threads():
    """A JDK 21+ for the virtual-thread row: $BENCH_JAVA_VIRTUAL, else the Temurin 25 here, else None."""
    candidates = [os.environ.get("BENCH_JAVA_VIRTUAL"), "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
