"""JupyterLab 3.6 in headless Chromium, driven as a teacher uses it, for every notebook under test.

Each notebook is driven once by e2e/browser/lab.js (open with the kernel, clear outputs, Run All,
edit and rerun a cell, save, export to HTML); the tests below judge that run's report.
Run with:  /usr/bin/python3 -m pytest tests/test_e2e_lab.py   (after e2e/setup)
"""
import html
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
import harness  # noqa: E402
from jupyter_servers import lab_server  # noqa: E402

NOTEBOOKS = harness.notebooks_under_test()
RUN_TIMEOUT = 240  # seconds for Run All of one notebook


def ids(notebooks):
    return [harness.served_name(nb) for nb in notebooks]


def declaring(key):
    """The notebooks with a code cell whose e2e metadata has `key`."""
    return [nb for nb in NOTEBOOKS
            if any(key in c["metadata"].get("e2e", {}) for c in harness.code_cells(nb))]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    harness.clean_artifacts("lab-")
    root = tmp_path_factory.mktemp("lab-root")
    harness.stage(NOTEBOOKS, root)
    with lab_server(root, harness.ARTIFACTS) as server:
        yield server


@pytest.fixture(scope="module")
def runs(lab):
    """Drives each notebook once, on first demand; maps notebook -> report."""
    reports = {}

    def run(notebook):
        if notebook not in reports:
            name = harness.served_name(notebook)
            reports[notebook] = harness.drive(
                "lab.js", harness.ARTIFACTS / f"lab-{notebook.stem}.json",
                timeout=RUN_TIMEOUT + 180, base=lab.base_url, token=lab.token, notebook=name,
                kernel=harness.KERNEL, language=harness.language_of(notebook),
                artifacts=harness.ARTIFACTS, run_timeout=RUN_TIMEOUT)
        return reports[notebook]
    return run


def completed(report, step):
    """The report, after checking that the driver got through `step`."""
    done = [s["name"] for s in report["steps"]]
    assert step in done and not (report.get("failure") and done[-1] == step), \
        f"the browser run did not get through '{step}':\n{report.get('failure')}"
    return report


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_run_all_executes_every_code_cell_with_the_kernel(runs, notebook):
    report = completed(runs(notebook), "run all")

    assert report["kernel"] == harness.KERNEL
    assert report["openNotebooks"] == 1, "tabs of earlier runs were restored beside it"
    stopped = {i["cell"] for i in report["interrupted"]}
    not_run = [c["index"] for c in report["cells"]
               if c["executionCount"] is None and not any(c["index"] > s for s in stopped)]
    assert not_run == [], f"code cells without an execution count: {not_run}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_outputs_appear_under_the_cells_that_produced_them(runs, notebook):
    report = completed(runs(notebook), "wait for late output")

    missing = {c["index"]: [t for t in c["e2e"].get("expect", []) if t not in c["text"]]
               + [m for m in c["e2e"].get("expect_mime", []) if m not in c["mimeTypes"]]
               for c in report["cells"]}
    assert {i: m for i, m in missing.items() if m} == {}, "expected output missing (cell: what)"
    unexpected_errors = {c["index"]: c["errors"] for c in report["cells"] if c["errors"]
                         and "raises-exception" not in c["tags"]
                         and "interrupt_when" not in c["e2e"]}
    assert unexpected_errors == {}


@pytest.mark.parametrize("notebook", declaring("answer"), ids=ids(declaring("answer")))
def test_input_prompt_is_answered_in_the_page(runs, notebook):
    report = completed(runs(notebook), "run all")

    asking = [c for c in report["cells"] if "answer" in c["e2e"]]
    assert [(a["cell"], a["answer"]) for a in report["answered"]] == \
        [(c["index"], str(c["e2e"]["answer"])) for c in asking]


@pytest.mark.parametrize("notebook", declaring("interrupt_when"),
                         ids=ids(declaring("interrupt_when")))
def test_stop_button_interrupts_the_running_cell(runs, notebook):
    report = completed(runs(notebook), "wait for late output")

    stopped = [c for c in report["cells"] if "interrupt_when" in c["e2e"]]
    assert [i["cell"] for i in report["interrupted"]] == [c["index"] for c in stopped]
    for cell in stopped:
        assert cell["errors"], f"cell {cell['index']} shows no error after the stop button"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_edited_cell_reruns_with_its_new_code(runs, notebook):
    edit = completed(runs(notebook), "edit and rerun")["edit"]

    assert edit["source"].startswith(edit["line"] + "\n")
    if edit["marker"]:
        assert edit["marker"] in edit["text"]


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_save_writes_the_edit_and_the_outputs(runs, notebook):
    report = completed(runs(notebook), "save")

    saved = [c for c in report["saved"]["cells"] if c["cell_type"] == "code"]
    edited = saved[report["edit"]["cell"]]
    assert "".join(edited["source"]).startswith(report["edit"]["line"])
    for cell, shown in zip(saved, report["cells"]):
        for text in shown["e2e"].get("expect", []):
            assert text in json.dumps(cell["outputs"], ensure_ascii=False), \
                f"saved cell {shown['index']} lacks output {text!r}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_html_export_holds_the_outputs(runs, notebook):
    report = completed(runs(notebook), "export html")

    raw = Path(report["exportedHtml"]).read_text(encoding="utf-8")
    page = html.unescape(raw)
    assert page.lstrip().lower().startswith("<!doctype html")
    # a student opens it on another machine: no script or style from this one's disk
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="(file:[^"]*)"', raw) == []
    wanted = [t for c in report["cells"] for t in c["e2e"].get("expect", [])]
    if report["edit"]["marker"]:
        wanted.append(report["edit"]["marker"])
    assert [t for t in wanted if t not in page] == []


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=ids(NOTEBOOKS))
def test_page_raises_no_script_errors(runs, notebook):
    assert runs(notebook)["pageProblems"] == []
