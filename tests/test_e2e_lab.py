"""JupyterLab 4, Notebook 7 and JupyterLab 3.6 in headless Chromium, driven as a teacher uses
them.

Each notebook is driven once per frontend by e2e/browser/lab.js (open with the kernel, clear
outputs, Run All, edit and rerun a cell, save, export to HTML); the tests below judge that
run's report. JupyterLab 4 and Notebook 7 run every notebook under test; JupyterLab 3.6 (end of
life) a few that cover every kind of step (see harness.representative). JupyterLab 4 also runs
one notebook of the Chinese edition (harness.chinese_sample) and checks that its Chinese text
and outputs render.
Run with:  /usr/bin/python3 -m pytest tests/test_e2e_lab.py   (after e2e/setup)
           E2E_FRONTENDS=lab4 ... for one frontend (lab4, notebook7, lab3; comma-separated)
"""
import contextlib
import html
import json
import os
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
import harness  # noqa: E402
from jupyter_servers import lab4_server, lab_server, notebook7_server  # noqa: E402

RUN_TIMEOUT = 240  # seconds for Run All of one notebook
CJK = "[\u3400-\u4dbf\u4e00-\u9fff]"  # a Chinese character

# frontend -> (server, artifact prefix, the notebooks it runs)
FRONTENDS = {
    "lab4": (lab4_server, "lab4", harness.notebooks_under_test()
             + harness.chinese_sample(harness.notebooks_under_test())),
    "notebook7": (notebook7_server, "notebook7", harness.notebooks_under_test()),
    "lab3": (lab_server, "lab", harness.representative(harness.notebooks_under_test())),
}
CHOSEN = os.environ.get("E2E_FRONTENDS", ",".join(FRONTENDS)).split(",")
CASES = [(frontend, notebook) for frontend in CHOSEN for notebook in FRONTENDS[frontend][2]]


def cases(key=None):
    """pytest parameters: (frontend, notebook) pairs, only notebooks with a code cell whose e2e
    metadata has `key` when given."""
    chosen = [(f, nb) for f, nb in CASES if key is None or any(
        key in c["metadata"].get("e2e", {}) for c in harness.code_cells(nb))]
    return pytest.mark.parametrize("frontend,notebook", chosen,
                                   ids=[f"{f}:{harness.served_name(nb)}" for f, nb in chosen])


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Starts each frontend's server on first demand; maps frontend -> server."""
    started = {}
    with contextlib.ExitStack() as stack:
        def server(frontend):
            if frontend not in started:
                start, prefix, notebooks = FRONTENDS[frontend]
                harness.clean_artifacts(f"{prefix}-")
                root = tmp_path_factory.mktemp(f"{frontend}-root")
                harness.stage(notebooks, root)
                started[frontend] = stack.enter_context(start(root, harness.ARTIFACTS))
            return started[frontend]
        yield server


@pytest.fixture(scope="module")
def runs(servers):
    """Drives each notebook once per frontend, on first demand; maps (frontend, notebook) ->
    report."""
    reports = {}

    def run(frontend, notebook):
        if (frontend, notebook) not in reports:
            server, prefix = servers(frontend), FRONTENDS[frontend][1]
            reports[frontend, notebook] = harness.drive(
                "lab.js", harness.ARTIFACTS / f"{prefix}-{'zh-' * harness.is_chinese(notebook)}{notebook.stem}.json",
                timeout=RUN_TIMEOUT + 180, frontend=frontend, base=server.base_url,
                token=server.token, notebook=harness.served_name(notebook),
                kernel=harness.KERNEL, language=harness.language_of(notebook),
                artifacts=harness.ARTIFACTS, run_timeout=RUN_TIMEOUT,
                **({"find_text": CJK} if harness.is_chinese(notebook) else {}))
        return reports[frontend, notebook]
    return run


def completed(report, step):
    """The report, after checking that the driver got through `step`."""
    done = [s["name"] for s in report["steps"]]
    assert step in done and not (report.get("failure") and done[-1] == step), \
        f"the browser run did not get through '{step}':\n{report.get('failure')}"
    return report


@cases()
def test_run_all_executes_every_code_cell_with_the_kernel(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "run all")

    assert report["kernel"] == harness.KERNEL
    assert report["openNotebooks"] == 1, "tabs of earlier runs were restored beside it"
    stopped = {i["cell"] for i in report["interrupted"]}
    not_run = [c["index"] for c in report["cells"]
               if c["executionCount"] is None and not any(c["index"] > s for s in stopped)]
    assert not_run == [], f"code cells without an execution count: {not_run}"


@cases()
def test_outputs_appear_under_the_cells_that_produced_them(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "wait for late output")

    missing = {c["index"]: [t for t in c["e2e"].get("expect", []) if t not in c["text"]]
               + [m for m in c["e2e"].get("expect_mime", []) if m not in c["mimeTypes"]]
               for c in report["cells"]}
    assert {i: m for i, m in missing.items() if m} == {}, "expected output missing (cell: what)"
    unexpected_errors = {c["index"]: c["errors"] for c in report["cells"] if c["errors"]
                         and "raises-exception" not in c["tags"]
                         and "interrupt_when" not in c["e2e"]}
    assert unexpected_errors == {}


@pytest.mark.parametrize("frontend,notebook", [(f, nb) for f, nb in CASES if harness.is_chinese(nb)],
                         ids=[f"{f}:{harness.served_name(nb)}" for f, nb in CASES if harness.is_chinese(nb)])
def test_a_chinese_notebook_shows_its_chinese_heading_and_printed_labels(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "find text")
    heading, output = report["found"]["heading"], report["found"]["output"]

    first_markdown = next(c["source"] for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                          if c["cell_type"] == "markdown")
    title = re.search(r"^#+\s*(.+)$", "".join(first_markdown), re.MULTILINE).group(1).strip()
    assert heading and heading["visible"], f"no Chinese heading shown: {report['found']}"
    assert re.search(CJK, heading["text"]) and title in heading["text"], heading
    assert output and output["visible"], f"no output with Chinese text shown: {report['found']}"
    assert re.search(CJK, output["text"]), output
    assert heading["glyphs"] and output["glyphs"], \
        f"Chinese characters drawn as empty boxes (no CJK font for the browser?): {report['found']}"


@cases("answer")
def test_input_prompt_is_answered_in_the_page(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "run all")

    asking = [c for c in report["cells"] if "answer" in c["e2e"]]
    assert [(a["cell"], a["answer"]) for a in report["answered"]] == \
        [(c["index"], str(c["e2e"]["answer"])) for c in asking]


@cases("interrupt_when")
def test_stop_button_interrupts_the_running_cell(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "wait for late output")

    stopped = [c for c in report["cells"] if "interrupt_when" in c["e2e"]]
    assert [i["cell"] for i in report["interrupted"]] == [c["index"] for c in stopped]
    for cell in stopped:
        assert cell["errors"], f"cell {cell['index']} shows no error after the stop button"


@cases()
def test_edited_cell_reruns_with_its_new_code(runs, frontend, notebook):
    edit = completed(runs(frontend, notebook), "edit and rerun")["edit"]

    assert edit["source"].startswith(edit["line"] + "\n")
    if edit["marker"]:
        assert edit["marker"] in edit["text"]


@cases()
def test_save_writes_the_edit_and_the_outputs(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "save")

    saved = [c for c in report["saved"]["cells"] if c["cell_type"] == "code"]
    edited = saved[report["edit"]["cell"]]
    assert "".join(edited["source"]).startswith(report["edit"]["line"])
    for cell, shown in zip(saved, report["cells"]):
        for text in shown["e2e"].get("expect", []):
            assert text in json.dumps(cell["outputs"], ensure_ascii=False), \
                f"saved cell {shown['index']} lacks output {text!r}"


@cases()
def test_html_export_holds_the_outputs(runs, frontend, notebook):
    report = completed(runs(frontend, notebook), "export html")

    raw = Path(report["exportedHtml"]).read_text(encoding="utf-8")
    page = html.unescape(raw)
    assert page.lstrip().lower().startswith("<!doctype html")
    # a student opens it on another machine: no script or style from this one's disk
    assert re.findall(r'<(?:script|link)[^>]+(?:src|href)="(file:[^"]*)"', raw) == []
    wanted = [t for c in report["cells"] for t in c["e2e"].get("expect", [])]
    if report["edit"]["marker"]:
        wanted.append(report["edit"]["marker"])
    assert [t for t in wanted if t not in page] == []


@cases()
def test_page_raises_no_script_errors(runs, frontend, notebook):
    assert runs(frontend, notebook)["pageProblems"] == []


# Requests jupyter_server 1.23 answers with 404, and why that is harmless:
# - JupyterLab 3.6 asks for /api/me (the identity of a newer server) and works without it;
# - JupyterLab 4.6 and Notebook 7.6 ask /api/resolvePath (a newer server's resolution of a path
#   printed in an output) once, and on a 404 take the API as absent and stop asking (see
#   UrlResolver in @jupyterlab/rendermime). The other APIs they call that 1.23 lacks are
#   stood in for by e2e/v4/server_shims.py.
RESOLVE_PATH = r"404 GET .*/api/resolvePath\?"
KNOWN_MISSING = {"lab3": [r"404 GET .*/api/me\b"], "lab4": [RESOLVE_PATH],
                 "notebook7": [RESOLVE_PATH]}


@cases()
def test_server_answers_every_request_of_the_page(runs, frontend, notebook):
    failed = [r for r in runs(frontend, notebook)["failedRequests"]
              if not any(re.match(known, r) for known in KNOWN_MISSING.get(frontend, []))]
    assert failed == []
