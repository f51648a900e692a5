"""The torture suite: what a hostile or unlucky user can do to the kernel, case by case.

Each case checks that the kernel answers (with an error that says what happened, where there
is one), keeps its variables, delivers every status message, and runs a following cell. At the
end of a run the reporter prints how many cases were tried and passed and, for each failure,
one line saying what the kernel did: a case notes what it saw with the ``kernel_did`` fixture
(the last note is reported), else the failure's own message is.

Long cases are marked ``slow`` and skipped unless selected: ``pytest tests/torture -m slow``.
Shared helpers (the kernels of this run, raw sockets, processes) are in ``harness.py``.
"""
import re

import pytest

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
