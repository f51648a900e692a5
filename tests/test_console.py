"""`jupyter console` with the kernel under test, typed into through a terminal (pexpect).

The console asks the kernel (is_complete_request) whether an entry is finished when Enter is
pressed: an incomplete first line must get a continuation prompt, not run. What is typed comes
from e2e/fixtures/KERNEL/console.json.
Run with:  /usr/bin/python3 -m pytest tests/test_console.py
"""
import json
import re
import sys
import time
from pathlib import Path

import pexpect
import pytest
from jupyter_client import KernelManager

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


def spawn_console(arguments, transcript_name, cwd):
    transcript = open(harness.ARTIFACTS / f"console-{transcript_name}.log", "w", encoding="utf-8")
    child = pexpect.spawn(
        "/usr/bin/python3", ["-m", "jupyter_console", *arguments], cwd=str(cwd),
        env=dict(harness.kernel_env(), PROMPT_TOOLKIT_NO_CPR="1"), encoding="utf-8",
        timeout=60, dimensions=(40, 120))
    child.logfile_read = transcript
    child.expect(prompt(1))
    return child


def close(child):
    if child.isalive():
        child.terminate(force=True)
    child.logfile_read.close()


@pytest.fixture
def warm_kernel(tmp_path):
    """A running kernel that answers is_complete quickly (its first answer can take over a
    second while the kernel warms up); yields its connection file."""
    manager = KernelManager(kernel_name=harness.KERNEL)
    manager.start_kernel(cwd=str(tmp_path))
    client = manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            asked = time.monotonic()
            request = client.is_complete("int x =")
            while client.get_shell_msg(timeout=30)["parent_header"].get("msg_id") != request:
                pass
            if time.monotonic() - asked < 0.2:
                break
        yield manager.connection_file
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


@pytest.fixture
def console(warm_kernel, tmp_path, request):
    """jupyter console attached to the warm kernel."""
    harness.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    child = spawn_console([f"--existing={warm_kernel}"], request.node.name, tmp_path)
    yield child
    close(child)


@pytest.fixture
def fresh_console(tmp_path, request):
    """jupyter console that starts a kernel of its own, typed into as soon as it prompts."""
    harness.ARTIFACTS.mkdir(parents=True, exist_ok=True)
    child = spawn_console([f"--kernel={harness.KERNEL}"], request.node.name, tmp_path)
    yield child
    close(child)


def type_line(child, line):
    """Types a line, waits until the console has echoed it, then presses Enter.

    Like a person, who sees the line before pressing Enter. (jupyter console 6.4.4 asks the
    kernel is_complete inside its key handler; an Enter that arrives while the echo is still
    being drawn can trip its nested event loop: "cannot enter context".)"""
    child.send(line)
    if line.strip():
        child.expect(on_screen(line.strip()[-12:]))
    child.send("\r")


def screen_after(child, action, pattern, timeout=30):
    """Does `action`, then returns the console's text (ANSI stripped) up to `pattern`."""
    action()
    child.expect(pattern, timeout=timeout)
    return ANSI.sub("", child.before + child.after)


def test_incomplete_first_line_continues_and_the_whole_entry_runs(console):
    shown = screen_after(console, lambda: type_line(console, SCRIPT["incomplete_first_line"]),
                         on_screen("...:"))
    assert "Out[" not in shown and "rror" not in shown  # asked for more, ran nothing

    for line in SCRIPT["rest_of_entry"]:
        type_line(console, line)
    console.expect(prompt(2))  # the whole entry ran as one execution

    shown = screen_after(console, lambda: type_line(console, SCRIPT["call"]), prompt(3))
    assert SCRIPT["expect"] in shown


def test_an_entry_typed_right_after_start_still_gets_a_continuation_prompt(fresh_console):
    shown = screen_after(fresh_console,
                         lambda: type_line(fresh_console, SCRIPT["incomplete_first_line"]),
                         f"{on_screen('...:')}|{prompt(2)}")

    assert "...:" in shown and "did not respond" not in shown


def test_ctrl_d_and_yes_exit_the_console_and_its_kernel(fresh_console):
    fresh_console.sendcontrol("d")
    fresh_console.expect(on_screen("exit ([y]/n)?"))
    type_line(fresh_console, "y")

    fresh_console.expect(pexpect.EOF, timeout=30)
    fresh_console.close()
    assert fresh_console.exitstatus == 0
    assert "Shutting down kernel" in ANSI.sub("", fresh_console.before)
