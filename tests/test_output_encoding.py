"""Text that is not ASCII (the Chinese edition prints Chinese) reaches the cell intact from every
JVM a cell starts, also when the kernel runs under a locale whose charset is ASCII (C, POSIX):
the kernel's own output is UTF-8, and so is that of child processes and %%main programs."""
import os

import pytest

from conftest import KERNELS
from kernel_client import Kernel


@pytest.fixture(scope="module", params=KERNELS)
def kernel(request):
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(LANG="C", LC_ALL="C")
    k = Kernel(request.param, env=env)
    yield k
    k.close()


def test_the_kernel_prints_chinese(kernel):
    assert kernel.run('System.out.println("内核: 线程与进程");').stream("stdout") == "内核: 线程与进程\n"


def test_a_child_process_prints_chinese(kernel):
    cell = kernel.run('var p = new ChildProcess(() -> { System.out.println("子进程: 守护进程");'
                      ' System.err.println("子进程的错误输出: 互斥锁"); }); p.start(); p.join();', timeout=120)
    assert cell.stream("stdout") == "子进程: 守护进程\n"
    assert cell.stream("stderr") == "子进程的错误输出: 互斥锁\n"


def test_a_main_program_prints_chinese(kernel):
    cell = kernel.run('%%main\npublic class Main { public static void main(String[] args) {'
                      ' System.out.println("独立程序: 信号量"); System.err.println("独立程序的错误输出: 队列"); } }', timeout=120)
    assert cell.stream("stdout").startswith("独立程序: 信号量\n"), cell.stream("stdout")
    assert "独立程序的错误输出: 队列\n" in cell.stream("stderr"), cell.stream("stderr")
