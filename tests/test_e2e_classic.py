"""The classic Notebook 6.4 (`jupyter notebook`) in headless Chromium: open, Run All, outputs.

Run with:  /usr/bin/python3 -m pytest tests/test_e2e_classic.py   (after e2e/setup)
"""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
import harness  # noqa: E402
from jupyter_servers import classic_server  # noqa: E402

RUN_TIMEOUT = 240  # seconds for Run All of one notebook


@pytest.fixture(scope="module")
def notebook_server(tmp_path_factory):
    harness.clean_artifacts("classic-")
    root = tmp_path_factory.mktemp("classic-root")
    harness.stage(harness.classic_notebooks(), root)
    with classic_server(root, harness.ARTIFACTS) as server:
        yield server


@pytest.mark.parametrize("notebook", harness.classic_notebooks(),
                         ids=[harness.served_name(nb) for nb in harness.classic_notebooks()])
def test_run_all_shows_every_output_without_errors_in_the_classic_notebook(
        notebook_server, notebook):
    report = harness.drive(
        "classic.js", harness.ARTIFACTS / f"classic-{notebook.stem}.json",
        timeout=RUN_TIMEOUT + 180, base=notebook_server.base_url, token=notebook_server.token,
        notebook=harness.served_name(notebook), kernel=harness.KERNEL,
        artifacts=harness.ARTIFACTS, run_timeout=RUN_TIMEOUT)

    assert report.get("failure") is None, report["failure"]
    cells = report["cells"]
    assert [c["index"] for c in cells if not isinstance(c["executionCount"], int)] == []
    missing = {c["index"]: [t for t in c["e2e"].get("expect", []) if t not in c["text"]]
               + [m for m in c["e2e"].get("expect_mime", []) if m not in c["mimeTypes"]]
               for c in cells}
    assert {i: m for i, m in missing.items() if m} == {}, "expected output missing (cell: what)"
    assert {c["index"]: c["errors"] for c in cells
            if c["errors"] and "raises-exception" not in c["tags"]} == {}
    assert report["pageProblems"] == []
