"""What the browser suites share: which kernel and notebooks they test, where the notebooks are
served from, where artifacts go, and how a Node driver script is run.

Settings (environment):
  E2E_KERNEL     kernel to run the notebooks with (default: jconc; python3 checks the harness
                 itself against Debian's ipykernel)
  E2E_NOTEBOOKS  notebooks to test, glob patterns separated by ':' (default: the kernel's
                 fixtures e2e/fixtures/KERNEL/*.ipynb, plus notebooks/*.ipynb for jconc; the
                 Chinese edition notebooks/zh/*.ipynb is sampled, see chinese_sample)
  E2E_ARTIFACTS  where screenshots, exports and driver reports go (default: e2e/artifacts)
  E2E_FRONTENDS  the frontends tests/test_e2e_lab.py drives (default: lab4,notebook7,lab3)

What the browser drivers do in a cell, and what they expect to see under it, sits in the cell's
metadata under "e2e" (see e2e/browser/lab.js). For the course notebooks, which are kept free of
test details, e2e/course_expectations.json adds that metadata to the staged copies, by
notebook file name and cell tag; a Chinese twin notebooks/zh/NAME takes the section "zh/NAME"
when there is one (its printed labels are translated), else that of NAME.
"""
import glob
import json
import os
import shutil
import subprocess
from pathlib import Path

E2E = Path(__file__).resolve().parent
REPO = E2E.parent
KERNEL = os.environ.get("E2E_KERNEL", "jconc")
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", E2E / "artifacts"))
COURSE_EXPECTATIONS = E2E / "course_expectations.json"


def notebooks_under_test():
    """The notebooks the suites run, fixtures first, sorted within each pattern."""
    if os.environ.get("E2E_NOTEBOOKS"):
        patterns = os.environ["E2E_NOTEBOOKS"].split(":")
    else:
        patterns = [str(E2E / "fixtures" / KERNEL / "*.ipynb")]
        if KERNEL == "jconc":
            patterns.append(str(REPO / "notebooks" / "*.ipynb"))
    found = []
    for pattern in patterns:
        if not os.path.isabs(pattern):
            pattern = str(REPO / pattern)
        found += [Path(p) for p in sorted(glob.glob(pattern)) if Path(p) not in found]
    return found


def is_chinese(notebook):
    """Whether a course notebook is of the Chinese edition (notebooks/zh/NAME.ipynb)."""
    return Path(notebook).parent.name == "zh" and Path(notebook).parent.parent.name == "notebooks"


def chinese_sample(notebooks):
    """The Chinese twin of one course notebook among `notebooks` (the one with the fewest code
    cells that has a twin), for the frontend that checks Chinese text renders; [] if none."""
    twins = [Path(nb).parent / "zh" / Path(nb).name for nb in notebooks
             if Path(nb).parent.name == "notebooks"]
    twins = [twin for twin in twins if twin.exists()]
    return sorted(twins, key=lambda twin: (len(code_cells(twin)), twin.name))[:1]


def served_name(notebook):
    """Where a notebook sits under the server's root: its folder name, then its file name."""
    return f"{notebook.parent.name}/{notebook.name}"


def load(notebook):
    """The notebook as the browser tests see it: its cells' "e2e" metadata completed from
    e2e/course_expectations.json."""
    content = json.loads(Path(notebook).read_text(encoding="utf-8"))
    expectations = json.loads(COURSE_EXPECTATIONS.read_text(encoding="utf-8"))
    name = Path(notebook).name
    by_tag = expectations.get(f"zh/{name}" if is_chinese(notebook) and f"zh/{name}" in expectations
                              else name, {})
    unused = set(by_tag) - {"_comment"}
    for cell in content["cells"]:
        for tag in cell.get("metadata", {}).get("tags", []):
            if tag in by_tag:
                cell["metadata"].setdefault("e2e", {}).update(by_tag[tag])
                unused.discard(tag)
    if unused:
        # An expectation whose cell was renamed would otherwise check nothing, silently.
        raise ValueError(f"e2e/course_expectations.json names cell tags {sorted(unused)} "
                         f"that {Path(notebook).name} does not have")
    return content


def stage(notebooks, root):
    """Copies the notebooks under `root` (tests save into the copies, never into the repo) with
    their kernelspec set to KERNEL; returns the copies' paths relative to `root`."""
    names = []
    for notebook in notebooks:
        content = load(notebook)
        spec = content.setdefault("metadata", {}).setdefault("kernelspec", {})
        if spec.get("name") != KERNEL:
            spec.update(name=KERNEL, display_name=KERNEL)
        name = served_name(notebook)
        (Path(root) / name).parent.mkdir(parents=True, exist_ok=True)
        (Path(root) / name).write_text(json.dumps(content, indent=1), encoding="utf-8")
        names.append(name)
    return names


def language_of(notebook):
    content = json.loads(Path(notebook).read_text(encoding="utf-8"))
    metadata = content.get("metadata", {})
    return (metadata.get("kernelspec", {}).get("language")
            or metadata.get("language_info", {}).get("name") or "python")


def code_cells(notebook):
    return [c for c in load(notebook)["cells"] if c["cell_type"] == "code"]


def drive(script, report_path, timeout, **options):
    """Runs e2e/browser/SCRIPT with --option value pairs; returns the report it wrote."""
    command = ["node", str(E2E / "browser" / script), "--report", str(report_path)]
    for key, value in options.items():
        command += [f"--{key.replace('_', '-')}", str(value)]
    Path(report_path).parent.mkdir(parents=True, exist_ok=True)
    Path(report_path).unlink(missing_ok=True)
    finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if not Path(report_path).exists():
        raise RuntimeError(f"{script} wrote no report (exit {finished.returncode}):\n"
                           f"{finished.stdout}\n{finished.stderr}")
    return json.loads(Path(report_path).read_text())


def clean_artifacts(prefix):
    """Removes the artifacts of an earlier run of one suite."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{prefix}*"):
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()


def representative(notebooks):
    """A few notebooks that together ask every kind of browser step: the kernel's fixtures
    (output, a picture, input(), late output, the stop button) and one course notebook,
    the first that asks for an input() answer (else the first)."""
    fixtures = [nb for nb in notebooks if nb.parent.parent.name == "fixtures"]
    course = [nb for nb in notebooks if nb not in fixtures]
    answering = [nb for nb in course
                 if any("answer" in c["metadata"].get("e2e", {}) for c in code_cells(nb))]
    return fixtures + (answering or course)[:1]


def classic_notebooks():
    """The classic Notebook gets one test run: the kernel's demo fixture and, for jconc, the
    first course notebook."""
    chosen = [nb for nb in notebooks_under_test() if nb.name == "demo.ipynb"][:1]
    course = [nb for nb in notebooks_under_test() if nb.parent.name == "notebooks"]
    return chosen + course[:1]


def kernel_env():
    """The environment for Jupyter processes: the kernelspec of KERNEL must be findable."""
    return dict(os.environ)
