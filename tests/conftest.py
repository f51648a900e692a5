"""Shared fixtures: jconc kernelspecs built from this checkout, one per installed JDK.

`tests/run` builds the jar first. Each test session installs the kernelspecs into a private
JUPYTER_PATH (never the user's), so the tests always run the code of this checkout:

- ``jconc``        on the default ``java`` (JDK 17 on the reference machines)
- ``jconc-jdk25``  on Temurin 25, when it is installed (``JCONC_JDK25`` overrides the path)
"""
import atexit
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "kernel" / "target" / "jconc-kernel-all.jar"
JDK25 = Path(os.environ.get("JCONC_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"))

_SPEC_DIR = Path(tempfile.mkdtemp(prefix="jconc-kernelspecs-"))
# Removed when the test run ends (each holds two copies of the jar and their archives).
atexit.register(shutil.rmtree, _SPEC_DIR, ignore_errors=True)


def _java_default():
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _install(name, java):
    """The kernelspec exactly as the jar's installer writes it, with its own copy of the jar (a
    rebuild during a test run cannot disturb the kernels)."""
    subprocess.run([java, "-jar", str(JAR), "install", "--prefix", str(_SPEC_DIR), "--name", name,
                    "--java", java], check=True, stdout=subprocess.DEVNULL)


KERNELS = []
if JAR.exists():
    _install("jconc", _java_default())
    KERNELS.append("jconc")
    if JDK25.exists():
        _install("jconc-jdk25", str(JDK25))
        KERNELS.append("jconc-jdk25")

# Every Jupyter tool started by the tests finds these kernelspecs first.
os.environ["JUPYTER_PATH"] = str(_SPEC_DIR / "share" / "jupyter") + os.pathsep + os.environ.get("JUPYTER_PATH", "")


def pytest_sessionstart(session):
    if not JAR.exists():
        pytest.exit(f"{JAR} is missing: build first (mvn -DskipTests package), or run tests/run", 2)


@pytest.fixture(scope="session")
def kernelspec_dir():
    """The JUPYTER_PATH entry that holds the test kernelspecs."""
    return _SPEC_DIR / "share" / "jupyter"


def run_notebook(path, kernel_name="jconc", timeout=300, allow_errors=True):
    """Executes a notebook headless with nbclient and returns the executed NotebookNode."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    client = NotebookClient(nb, kernel_name=kernel_name, timeout=timeout, allow_errors=allow_errors,
                            resources={"metadata": {"path": str(Path(path).parent)}})
    client.execute()
    return nb


# --- The course's notebooks, in both editions -----------------------------------------------------
# notebooks/NAME.ipynb is the English edition, notebooks/zh/NAME.ipynb its Chinese twin
# (tests/test_editions.py checks that they differ only in prose, comments and learner text).
# The notebook tests run every check on both editions; a notebook added to notebooks/ is picked
# up by itself (tests/test_notebooks_run_clean.py runs every one).
NOTEBOOKS = ROOT / "notebooks"
EDITIONS = {"en": NOTEBOOKS, "zh": NOTEBOOKS / "zh"}
# JCONC_NOTEBOOK_KERNEL=jconc-jdk25 runs the same checks on JDK 25, on the English edition.
NOTEBOOK_KERNEL = os.environ.get("JCONC_NOTEBOOK_KERNEL", "jconc")
NOTEBOOK_EDITIONS = list(EDITIONS) if NOTEBOOK_KERNEL == "jconc" else ["en"]
# Every notebook executed on the default kernel is also saved here (EDITION/NAME.ipynb): the
# site test builds its pages from these copies instead of running the course a second time.
EXECUTED_DIR = _SPEC_DIR / "executed"


def course_notebooks():
    """The file names of the course's notebooks (those of the English edition, the source)."""
    return sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


@pytest.fixture(params=NOTEBOOK_EDITIONS)
def edition(request):
    """The edition a notebook test checks: "en", and "zh" on the default kernel."""
    return request.param


_executed = {}
SECONDS = {}  # (name, edition, kernel) -> wall seconds of the execution, kernel start included


def executed_notebook(name, edition="en", kernel=None, timeout=600):
    """notebooks[/zh]/NAME executed once per session (and kernel) with nbclient; every test of
    the session shares the executed notebook. A missing Chinese twin skips the test (the
    edition check lists the missing twins)."""
    kernel = kernel or NOTEBOOK_KERNEL
    key = (name, edition, kernel)
    if key not in _executed:
        path = EDITIONS[edition] / name
        if not path.exists():
            pytest.skip(f"no {path.relative_to(ROOT)} yet (tests/test_editions.py lists the"
                        " missing twins)")
        start = time.monotonic()
        try:
            nb = run_notebook(path, kernel_name=kernel, timeout=timeout)
        except Exception as error:  # every later test of this notebook fails at once, the same way
            _executed[key] = error
        else:
            _executed[key] = nb
            if kernel == "jconc":
                saved = EXECUTED_DIR / edition / name
                saved.parent.mkdir(parents=True, exist_ok=True)
                nbformat_write(nb, saved)
        SECONDS[key] = time.monotonic() - start
    if isinstance(_executed[key], Exception):
        raise _executed[key]
    return _executed[key]


def executed_so_far():
    """{(name, edition, kernel): executed notebook} of this session, failed runs left out."""
    return {key: nb for key, nb in _executed.items() if not isinstance(nb, Exception)}


def nbformat_write(nb, path):
    import nbformat
    nbformat.write(nb, str(path))


def cell_seconds(nb):
    """Time spent running the notebook's cells (kernel start-up excluded), from nbclient's timing."""
    import datetime

    def at(stamp):
        return datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))

    total = 0.0
    for c in nb.cells:
        e = c.get("metadata", {}).get("execution", {})
        if "iopub.execute_input" in e and "shell.execute_reply" in e:
            total += (at(e["shell.execute_reply"]) - at(e["iopub.execute_input"])).total_seconds()
    return total


def cell_output_text(cell):
    """All text a code cell showed: streams, results, displays (text/plain) and errors."""
    parts = []
    for out in cell.get("outputs", []):
        if out["output_type"] == "stream":
            parts.append(out["text"])
        elif out["output_type"] in ("execute_result", "display_data"):
            parts.append(out.get("data", {}).get("text/plain", ""))
        elif out["output_type"] == "error":
            parts.append("\n".join(out.get("traceback", [])))
    return "".join(parts)


def cells_tagged(nb, tag):
    """The code cells of a notebook carrying a metadata tag."""
    return [c for c in nb.cells if tag in c.get("metadata", {}).get("tags", [])]


# --- The torture suite's report (tests/torture/) ------------------------------------------------
# What a hostile or unlucky user can do to the kernel, case by case. Each case checks that the
# kernel answers (with an error that says what happened, where there is one), keeps its variables,
# delivers every status message, and runs a following cell. At the end of a run the reporter
# prints how many cases were tried and passed and, for each failure, one line saying what the
# kernel did: a case notes what it saw with the ``kernel_did`` fixture (the last note is
# reported), else the failure's own message is. Long cases are marked ``slow`` and skipped unless
# selected: ``pytest tests/torture -m slow``. Shared helpers of the suite (the kernels of this run,
# raw sockets, processes) are in ``tests/torture/torture_harness.py``.
_TRIED = []
_FAILED = []


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: a long torture case, run with -m slow")


def pytest_collection_modifyitems(config, items):
    if re.search(r"\bslow\b", config.option.markexpr or ""):
        return
    skip = pytest.mark.skip(reason="slow torture case: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def kernel_did(record_property):
    """Notes what the kernel did, for the torture report should the case fail."""
    def note(text):
        record_property("kernel_did", text)
    return note


def _is_torture(report):
    return "torture/" in report.nodeid.replace("\\", "/")


def pytest_runtest_logreport(report):
    if not _is_torture(report) or report.skipped:
        return
    if report.when == "call" or (report.when == "setup" and report.failed):
        _TRIED.append(report.nodeid)
        if report.failed:
            notes = [v for k, v in report.user_properties if k == "kernel_did"]
            crash = getattr(report.longrepr, "reprcrash", None)
            said = notes[-1] if notes else (crash.message if crash else str(report.longrepr).splitlines()[-1])
            _FAILED.append((report.nodeid, " ".join(str(said).split())[:300]))


def pytest_terminal_summary(terminalreporter):
    if not _TRIED:
        return
    tr = terminalreporter
    tr.write_sep("-", "torture")
    tr.write_line(f"torture: {len(_TRIED)} cases tried, {len(_TRIED) - len(_FAILED)} passed")
    for nodeid, said in _FAILED:
        tr.write_line(f"FAILED {nodeid}: the kernel {said}")
