"""Course: what a student's Run All of every notebook costs the machine, in CPU-seconds.

Runs every notebook of the course (notebooks/*.ipynb) through nbclient, as `jupyter nbconvert
--execute` and a frontend's Run All do, once on the `jconc` kernelspec as installed and once on the
same kernel with the JVM's default JIT (both compilers, C1 then C2: the kernel's flags before it
ran C1 only), alternating notebook by notebook. Counts the CPU time of the kernel's process and
of every process it started (child JVMs, `%%main` programs) until the notebook is done.

Run with Debian's /usr/bin/python3 (python3-nbclient, python3-psutil).
"""
import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import nbformat
import psutil
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

import benchlib as b

ROOT = b.BENCH_DIR.parent
TWO_TIERS = "jconc-two-tiers"
# The notebooks a class runs first on the classroom's hub (bench/classroom).
CLASSROOM = ("10_lock.ipynb", "13_processes.ipynb")

METRICS = [
    b.Metric("course_cpu_s", "Run All of the course: CPU-seconds (kernel and the processes it started)", "s",
             "lower", ("ratio", 2.0), "at most half"),
    b.Metric("course_wall_s", "Run All of the course: seconds", "s", "lower"),
    b.Metric("classroom_cpu_s", "Run All of 10_lock and 13_processes: CPU-seconds", "s", "lower"),
    b.Metric("start_cpu_s", "a kernel's start to its first result, CPU-seconds (median over the notebooks)", "s",
             "lower"),
]


def tree_cpu(root):
    """CPU-seconds of `root`, its ended children it waited for, and its live descendants."""
    t = root.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in root.children(recursive=True):
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.NoSuchProcess:
            pass
    return total


def run_all(path, kernel):
    """Runs one notebook; (seconds, CPU-seconds, CPU-seconds at the first cell's end, errors)."""
    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, kernel_name=kernel, timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    first_cpu = None
    with client.setup_kernel():
        kernel_process = psutil.Process(client.km.provisioner.process.pid)
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
            if first_cpu is None and cell.cell_type == "code":
                first_cpu = tree_cpu(kernel_process)
        cpu = tree_cpu(kernel_process)
    errors = sum(1 for c in nb.cells if c.cell_type == "code"
                 for o in c.get("outputs", []) if o.get("output_type") == "error")
    return time.perf_counter() - started, cpu, first_cpu, errors


def two_tier_kernelspec(name):
    """A copy of kernelspec `name` whose JVM runs the default JIT; returns the directory holding it."""
    spec = KernelSpecManager().get_kernel_spec(name)
    home = b.BENCH_DIR / "target" / "jupyter-two-tiers"
    target = home / "kernels" / TWO_TIERS
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    argv = [a for a in spec.argv if a != "-XX:TieredStopAtLevel=1"]
    (target / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": "jconc, both JIT tiers", "language": spec.language,
        "interrupt_mode": spec.interrupt_mode, "env": spec.env, "metadata": spec.metadata}))
    return home


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=1, help="Run Alls of the course on each side")
    parser.add_argument("--quick", action="store_true", help="the two classroom notebooks only")
    parser.add_argument("--jconc-kernel", default="jconc", help="kernelspec name of jconc")
    parser.add_argument("--reference-kernel", default=TWO_TIERS,
                        help="kernelspec to compare with (default: jconc on the JVM's default JIT), "
                             "e.g. one installed from an earlier version")
    args = parser.parse_args(argv)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        [str(two_tier_kernelspec(args.jconc_kernel))] + [p for p in os.environ.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if args.quick:
        notebooks = [n for n in notebooks if n.name in CLASSROOM]
    spec = KernelSpecManager().get_kernel_spec(args.jconc_kernel)
    b.log(f"kernelspec {args.jconc_kernel}: {' '.join(spec.argv)}")
    kernels = {"jconc": args.jconc_kernel, "reference": args.reference_kernel}
    collected = {"jconc": [], "reference": []}
    loads = [b.load_average()]
    for run in range(args.runs):
        per_side = {side: {"course_cpu_s": 0.0, "course_wall_s": 0.0, "classroom_cpu_s": 0.0, "starts": [],
                           "errors": 0, "notebooks": {}} for side in kernels}
        for index, path in enumerate(notebooks):
            order = list(kernels) if (index + run) % 2 == 0 else list(reversed(kernels))
            for side in order:
                wall, cpu, first_cpu, errors = run_all(path, kernels[side])
                b.log(f"[run {run + 1}/{args.runs}] {side} {path.name}: {wall:.1f} s, {cpu:.1f} CPU-s, {errors} errors")
                values = per_side[side]
                values["course_cpu_s"] += cpu
                values["course_wall_s"] += wall
                values["errors"] += errors
                values["notebooks"][path.name] = {"wall_s": wall, "cpu_s": cpu, "first_cell_cpu_s": first_cpu}
                if first_cpu is not None:
                    values["starts"].append(first_cpu)
                if path.name in CLASSROOM:
                    values["classroom_cpu_s"] += cpu
        for side in kernels:
            values = per_side[side]
            starts = sorted(values.pop("starts"))
            values["start_cpu_s"] = starts[len(starts) // 2] if starts else None
            collected[side].append(values)
    loads.append(b.load_average())
    b.LOADS[:] = loads
    rows = b.outcomes(METRICS, collected)
    errors = {side: sum(r["errors"] for r in runs_) for side, runs_ in collected.items()}
    notes = [b.RATIO_NOTE,
             f"{len(notebooks)} notebooks, each run on both sides one after the other (the order flips every "
             f"notebook), {args.runs} Run All(s) of the course per side. jconc: kernelspec `{args.jconc_kernel}` as "
             f"installed (C1 only); reference: "
             + ("the same kernel, jar and start-up archive with the JVM's default JIT (C1 then C2), the kernel's "
                "flags before C1 only." if args.reference_kernel == TWO_TIERS else f"kernelspec `{args.reference_kernel}`.")
             + f" CPU-seconds are user + system time of the kernel's "
             f"process and of every process it started, until the notebook's last cell is done; the first cell's "
             f"includes the kernel's start."]
    if any(errors.values()):
        notes.append(f"Cells that ended in an error (some notebooks show errors on purpose): jconc {errors['jconc']}, "
                     f"reference {errors['reference']}.")
    reference_name = "default JIT" if args.reference_kernel == TWO_TIERS else args.reference_kernel
    md = b.table(f"Course: CPU per student, jconc vs {reference_name}", rows, reference_name, notes)
    b.save("course", md, collected)
    print(md)


if __name__ == "__main__":
    sys.exit(main())
