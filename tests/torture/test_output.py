"""Output floods: sent as few large messages, bounded per cell (threads of a finished cell,
children and %%main programs included) with one visible notice, so that a client reading at
jupyter_client's pace gets every status message and the final reply, and the kernel's memory
stays bounded. Most cases run on a kernel whose limit is 2 MB (JCONC_MAX_OUTPUT_BYTES), so
they are quick; the default (64 MB) is tried by the slow cases."""
import re
import time

import pytest

from torture_harness import KERNELS, KERNELS_FIRST_FAST, KernelWithEnv, descendants, kernel_pid, rss_mib, wait_until
from kernel_client import Kernel

NOTICE = "output limit of {} reached; the rest of this cell's output is dropped"
LINE = re.compile(r"(\d+) x+\n")


@pytest.fixture(scope="module", params=KERNELS_FIRST_FAST)
def small(request):
    k = KernelWithEnv(request.param, {"JCONC_MAX_OUTPUT_BYTES": "2M"})
    yield k
    k.close()


@pytest.fixture(scope="module", params=KERNELS[:1])
def default(request):
    k = Kernel(request.param)
    yield k
    k.close()


def _numbered(text):
    """The line numbers of text made of 'N xxx' lines; checks they follow each other from 0."""
    numbers = [int(m.group(1)) for m in LINE.finditer(text)]
    assert numbers == list(range(len(numbers))), "lines are missing or out of order"
    return len(numbers)


def _batched(run, messages):
    """At most one stream message per 50 ms flush or per megabyte (and a few more: the notice,
    the batch that met the limit), however fast the cell prints."""
    seconds = max(run.replied_at, run.idle_at) - run.started
    allowed = seconds / 0.05 + len(run.stream().encode()) / (1 << 20) + 5
    assert messages <= allowed, f"{messages} stream messages in {seconds:.1f} s: not batched"


def _check_bounded(run, limit_text, limit_bytes, kernel_did):
    out = run.stream("stdout")
    err = run.stream("stderr")
    messages = len(run.of_type("stream"))
    kernel_did(f"sent {len(out.encode())} bytes of stdout in {messages} stream messages, "
               f"notice {'present' if NOTICE.format(limit_text) in err else 'absent'}, "
               f"reply {run.status}, idle {run.idle}")
    assert err.count(NOTICE.format(limit_text)) == 1, err[-500:]
    assert limit_bytes - (1 << 16) <= len(out.encode()) <= limit_bytes
    _numbered(out)
    return messages


def test_a_println_flood_is_bounded_with_a_notice_and_the_cell_ends(small, kernel_did):
    k = small
    run = k.run('for (int i = 0; i < 100_000; i++) System.out.println(i + " " + "x".repeat(40));\nint after = 1;',
                timeout=120)
    messages = _check_bounded(run, "2 MB", 2 << 20, kernel_did)
    assert run.status == "ok" and run.idle
    _batched(run, messages)
    assert k.run("after + 1").results() == [{"text/plain": "2"}]
    # the limit is per cell: the next cell prints again
    assert k.run('System.out.println("again")').stream("stdout") == "again\n"


@pytest.mark.slow
def test_a_println_flood_at_the_default_limit(default, kernel_did):
    k = default
    started = time.monotonic()
    run = k.run('for (int i = 0; i < 2_000_000; i++) System.out.println(i + " " + "x".repeat(80));', timeout=300)
    messages = _check_bounded(run, "64 MB", 64 << 20, kernel_did)
    print(f"default flood: {messages} messages, {time.monotonic() - started:.1f} s")
    assert run.status == "ok" and run.idle
    _batched(run, messages)
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]


def test_threads_flooding_after_their_cell_returned_keep_memory_bounded(small, kernel_did):
    k = small
    pid = kernel_pid(k)
    k.run("var flooding = new java.util.concurrent.atomic.AtomicBoolean(true);")
    run = k.submit('for (int t = 0; t < 4; t++) { int id = t; new Thread(() -> { long i = 0; '
                   'while (flooding.get()) System.out.println(id + ": " + (i++) + " " + "y".repeat(60)); }).start(); }')
    k.wait(run, 30, until="reply")
    k.pump(3)
    early = rss_mib(pid)
    k.pump(8)
    late = rss_mib(pid)
    ok = k.run("1 + 1", timeout=30)
    kernel_did(f"RSS {early:.0f} MiB after 3 s of flooding, {late:.0f} MiB after 11 s; 1+1 gave {ok.results()}")
    assert ok.results() == [{"text/plain": "2"}]
    k.run("flooding.set(false);")
    k.wait(run, 30)
    assert run.stream("stderr").count(NOTICE.format("2 MB")) == 1
    assert len(run.stream("stdout").encode()) <= 2 << 20
    assert late < early + 64, f"kernel RSS grew from {early:.0f} to {late:.0f} MiB while output was dropped"


def test_an_endless_main_program_printing_is_stopped_within_seconds(small, kernel_did):
    k = small
    run = k.submit('%%main\nlong i = 0;\nwhile (true) System.out.println((i++) + " " + "z".repeat(60));')
    k.pump(0.5)
    deadline = time.monotonic() + 60
    while NOTICE.format("2 MB") not in run.stream("stderr") and time.monotonic() < deadline:
        k.pump(0.2)
    assert NOTICE.format("2 MB") in run.stream("stderr")
    k.pump(1)
    asked = time.monotonic()
    k.interrupt()
    k.wait(run, 30)
    took = time.monotonic() - asked
    kernel_did(f"answered the stop button after {took:.1f} s with {run.status} {run.error}")
    assert run.status == "error" and "stopped" in run.error["evalue"]
    assert took < 10
    assert not [p for p in descendants(kernel_pid(k)) if "ProgramMain" in _cmdline(p)]
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]


def _cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def test_a_child_printing_more_than_the_limit_is_cut_with_a_notice(small, kernel_did):
    k = small
    run = k.run('var flood = new ChildProcess(() -> { for (int i = 0; i < 150_000; i++) '
                'System.out.println(i + " " + "x".repeat(50)); });\nflood.start(); flood.join();\nflood.exitCode()',
                timeout=120)
    _check_bounded(run, "2 MB", 2 << 20, kernel_did)
    assert run.results() == [{"text/plain": "0"}]
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]


def test_a_child_printing_under_the_limit_loses_nothing(default, kernel_did):
    k = default
    lines = 200_000
    run = k.run(f'var chatty = new ChildProcess(() -> {{ for (int i = 0; i < {lines}; i++) '
                'System.out.println(i + " " + "x".repeat(50)); });\nchatty.start(); chatty.join();', timeout=120)
    got = _numbered(run.stream("stdout"))
    kernel_did(f"delivered {got} of {lines} lines of a child, {len(run.of_type('stream'))} messages")
    assert got == lines and "output limit" not in run.stream("stderr")


@pytest.mark.slow
def test_a_child_printing_a_gigabyte_is_cut_with_a_notice(default, kernel_did):
    k = default
    run = k.run('var giga = new ChildProcess(() -> { String l = "x".repeat(1000); '
                'for (int i = 0; i < 1_100_000; i++) System.out.println(i + " " + l); });\n'
                'giga.start(); giga.join();\ngiga.exitCode()', timeout=600)
    _check_bounded(run, "64 MB", 64 << 20, kernel_did)
    assert k.run("1 + 1").results() == [{"text/plain": "2"}]
