"""stdin: only the answer to the input being asked is taken. A late answer to an interrupted
input(), an answer to an earlier input_request, or an answer nobody asked for is dropped, so
every later answer of the session goes to the input it was typed for."""
import time

import pytest

from torture_harness import KERNELS
from kernel_client import Kernel


@pytest.fixture(scope="module", params=KERNELS[:1])
def kernel(request):
    k = Kernel(request.param)
    yield k
    k.close()


def _ask(k, code):
    """Runs `code` (which calls input) and returns its run and the input_request it sent."""
    run = k.submit(code, allow_stdin=True)
    request = k.kc.get_stdin_msg(timeout=30)
    assert request["msg_type"] == "input_request"
    return run, request


def _answer(k, value, parent=None):
    k.kc.stdin_channel.send(k.kc.session.msg("input_reply", {"value": value}, parent=parent))


def _input_gets(k, variable, answer, kernel_did):
    """Declares `variable` from an input answered with `answer`; returns what it holds."""
    run, _ = _ask(k, f'String {variable} = input("{variable}? ");')
    _answer(k, answer)
    k.wait(run, 30)
    got = k.run(variable).results()
    kernel_did(f"gave {variable} {got}")
    return got


def test_a_late_answer_to_an_interrupted_input_is_not_the_next_answer(kernel, kernel_did):
    k = kernel
    k.run('String first = "unset";')
    run, _ = _ask(k, 'first = input("first? ");')
    time.sleep(0.3)
    k.interrupt()
    k.wait(run, 30)
    kernel_did(f"ended the interrupted input with {run.status} {run.error and run.error['ename']}")
    assert run.status == "error"
    _answer(k, "late")  # the user typed into the old prompt after the stop
    time.sleep(0.3)
    assert _input_gets(k, "second", "right", kernel_did) == [{"text/plain": '"right"'}]
    assert k.run("first").results() == [{"text/plain": '"unset"'}]
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]


def test_an_answer_to_an_earlier_request_is_dropped(kernel, kernel_did):
    k = kernel
    run, old = _ask(k, 'String a1 = input("a1? ");')
    time.sleep(0.2)
    k.interrupt()
    k.wait(run, 30)
    run, new = _ask(k, 'String a2 = input("a2? ");')
    _answer(k, "stale", parent=old["header"])  # arrives while the new question is asked
    time.sleep(0.3)
    _answer(k, "fresh", parent=new["header"])
    k.wait(run, 30)
    got = k.run("a2").results()
    kernel_did(f"gave a2 {got}")
    assert got == [{"text/plain": '"fresh"'}]


def test_an_unsolicited_answer_is_dropped(kernel, kernel_did):
    k = kernel
    _answer(k, "nobody asked")
    _answer(k, "nobody asked either")
    time.sleep(0.3)
    assert _input_gets(k, "asked", "yes", kernel_did) == [{"text/plain": '"yes"'}]
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]
