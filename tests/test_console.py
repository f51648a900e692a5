"""`jupyter console` with the kernel under test, typed into through a terminal (pexpect).

The console asks the kernel (is_complete_request) whether an entry is finished when Enter is
pressed: an incomplete first line must get a continuation prompt, not run. What is typed comes
from e2e/fixtures/KERNEL/console.json.
Run with:  /usr/bin/python3 -m pytest tests/test_console.py
"""
import json
import re
import sys
from pathlib import Path

import pexpect
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
import harness  # noqa: E402

SCRIPT = json.loads((harness.E2E / "fixtures" / harness.KERNEL / "console.json").read_text())
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]|\r")


def on_screen(text):
    """A pattern for `text` as the terminal receives it: colour codes may sit between letters."""
    between = "(?:" + ANSI.pattern + ")*"
    return between.join(re.escape(ch) for ch in text)


def prompt(number):
    return on_screen(f"In [{number}]")


@pytest.fixture
def console(tmp_path, request):
    harness.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    transcript = open(harness.ARTIFACTS / f"console-{request.node.name}.log", "w",
                      encoding="utf-8")
    child = pexpect.spawn(
        "/usr/bin/python3", ["-m", "jupyter_console", f"--kernel={harness.KERNEL}"],
        cwd=str(tmp_path), env=dict(harness.kernel_env(), PROMPT_TOOLKIT_NO_CPR="1"),
        encoding="utf-8", timeout=60, dimensions=(40, 120))
    child.logfile_read = transcript
    child.expect(prompt(1))
    yield child
    if child.isalive():
        child.terminate(force=True)
    transcript.close()


def screen_after(child, action, pattern, timeout=30):
    """Does `action`, then returns the console's text (ANSI stripped) up to `pattern`."""
    action()
    child.expect(pattern, timeout=timeout)
    return ANSI.sub("", child.before + child.after)


def test_incomplete_first_line_continues_and_the_whole_entry_runs(console):
    shown = screen_after(console, lambda: console.send(SCRIPT["incomplete_first_line"] + "\r"),
                         on_screen("...:"))
    assert "Out[" not in shown and "Error" not in shown  # asked for more, ran nothing

    for line in SCRIPT["rest_of_entry"]:
        console.send(line + "\r")
    console.expect(prompt(2))  # the whole entry ran as one execution

    shown = screen_after(console, lambda: console.send(SCRIPT["call"] + "\r"), prompt(3))
    assert SCRIPT["expect"] in shown


def test_ctrl_d_and_yes_exit_the_console(console):
    console.sendcontrol("d")
    console.expect(on_screen("exit ([y]/n)?"))
    console.send("y\r")

    console.expect(pexpect.EOF, timeout=30)
    console.close()
    assert console.exitstatus == 0
