"""Installing the kernel: the jar's own installer (`java -jar ... install|uninstall`) end to end,
and install.sh on a machine without apt or Maven, after which the kernel runs a cell."""
import json
import os
import shutil
import stat
import subprocess
import sys
import time

import pytest

from conftest import JAR, JDK25, ROOT
from kernel_client import Kernel

JAVA = shutil.which("java")


def jconc(*args, env=None, umask=None, check=True, cwd=None):
    """`java -jar jconc-kernel-all.jar ARGS`, with its output."""
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    r = subprocess.run([JAVA, "-jar", str(JAR), *args], capture_output=True, text=True, env=env,
                       preexec_fn=preexec, timeout=600, cwd=cwd)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def spec_of(kernel_dir):
    return json.loads((kernel_dir / "kernel.json").read_text())


def assert_complete_kernelspec(kernel_dir, name="jconc"):
    spec = spec_of(kernel_dir)
    assert spec["display_name"] == ("Java (jconc)" if name == "jconc" else f"Java (jconc, {name})")
    assert spec["language"] == "java"
    assert spec["interrupt_mode"] == "message"
    argv = spec["argv"]
    assert os.path.isabs(argv[0]) and os.access(argv[0], os.X_OK), "java by its absolute path"
    jar = argv[argv.index("-jar") + 1]
    assert jar == str(kernel_dir / "jconc-kernel.jar"), "the jar lives inside the kernelspec"
    assert argv[-1] == "{connection_file}"
    assert (kernel_dir / "logo-32x32.png").exists() and (kernel_dir / "logo-64x64.png").exists()
    archive = kernel_dir / "jconc.jsa"
    assert archive.stat().st_size > 0, "a class-data archive was recorded"
    assert f"-XX:SharedArchiveFile={archive}" in argv
    return spec


@pytest.mark.skipif(not JDK25.exists(), reason="no JDK 25 installed")
def test_on_java_25_the_kernel_starts_from_an_aot_cache_recorded_at_install(tmp_path, monkeypatch):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "data"))
    jconc("install", "--java", str(JDK25), "--name", "jconc-aot", env=env)
    kernel_dir = tmp_path / "data" / "kernels" / "jconc-aot"
    argv = spec_of(kernel_dir)["argv"]
    cache = kernel_dir / "jconc.aot"
    assert cache.stat().st_size > 0, "an AOT cache was recorded"
    assert f"-XX:AOTCache={cache}" in argv
    assert not any(a.startswith("-XX:SharedArchiveFile") for a in argv), "the AOT cache replaces the archive"
    assert sorted(p.name for p in kernel_dir.iterdir()) == [
        "jconc-kernel.jar", "jconc.aot", "kernel.json", "logo-32x32.png", "logo-64x64.png"]
    # The JVM can map it: with -XX:AOTMode=on a cache it cannot use is an error, not a quiet fallback.
    jar = argv.index("-jar")
    r = subprocess.run(argv[:jar] + ["-XX:AOTMode=on"] + argv[jar:jar + 2] + ["--version"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("jconc "), r.stdout + r.stderr
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "data"))
    kernel = Kernel("jconc-aot")
    try:
        run = kernel.run("Runtime.version().feature()", timeout=60)
        assert run.status == "ok", run.error
        assert run.results()[0]["text/plain"] == "25"
    finally:
        kernel.close()


def no_leftovers(kernels_dir):
    return [p.name for p in kernels_dir.iterdir() if p.name.startswith(".")]


def test_install_for_the_user_twice_then_uninstall_twice(tmp_path):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "data"))
    # What an installer killed half way would have left: removed by the next install.
    leftover = tmp_path / "data" / "kernels" / ".jconc.installing-0123"
    leftover.mkdir(parents=True)
    (leftover / "kernel.json").write_text("{}")
    first = jconc("install", env=env)
    assert not leftover.exists()
    kernel_dir = tmp_path / "data" / "kernels" / "jconc"
    spec = assert_complete_kernelspec(kernel_dir)
    assert f"in {kernel_dir}" in first.stdout
    assert "next: jupyter notebook" in first.stdout
    assert first.stderr == ""

    second = jconc("install", env=env)
    assert spec_of(kernel_dir) == spec, "installing again gives the same kernelspec"
    assert (kernel_dir / "jconc-kernel.jar").stat().st_size == JAR.stat().st_size
    assert sorted(p.name for p in kernel_dir.iterdir()) == [
        "jconc-kernel.jar", "jconc.jsa", "kernel.json", "logo-32x32.png", "logo-64x64.png"]
    assert no_leftovers(kernel_dir.parent) == []
    assert "installed kernel 'jconc'" in second.stdout

    removed = jconc("uninstall", env=env)
    assert f"removed kernel 'jconc' from {kernel_dir.parent}" in removed.stdout
    assert not kernel_dir.exists()
    again = jconc("uninstall", env=env)
    assert "was not installed" in again.stdout and "nothing to remove" in again.stdout


def test_a_system_wide_install_is_readable_by_every_user_whatever_the_umask(tmp_path):
    prefix = tmp_path / "prefix"
    # A relative --prefix: kernel.json still names the files by absolute paths (checked below).
    r = jconc("install", "--prefix", "prefix", "--name", "jconc-shared", umask=0o077, cwd=tmp_path)
    kernel_dir = prefix / "share" / "jupyter" / "kernels" / "jconc-shared"
    assert_complete_kernelspec(kernel_dir, "jconc-shared")
    for path in [prefix / "share", prefix / "share" / "jupyter", kernel_dir.parent, kernel_dir]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o755, path
    for path in kernel_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
    assert f"JUPYTER_PATH={prefix / 'share' / 'jupyter'}" in r.stdout


def test_sys_prefix_installs_into_the_environment_of_the_jupyter_on_path(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--without-pip", "--system-site-packages", str(venv)],
                   check=True)
    # The jupyter a pip install would put there: the venv's Python running jupyter_core.
    jupyter = venv / "bin" / "jupyter"
    jupyter.write_text(f"#!{venv}/bin/python\nfrom jupyter_core.command import main\nmain()\n")
    jupyter.chmod(0o755)
    env = dict(os.environ, PATH=f"{venv / 'bin'}{os.pathsep}{os.environ['PATH']}")
    env.pop("JUPYTER_PATH", None)
    jconc("install", "--sys-prefix", "--name", "jconc-venv", env=env, umask=0o077)
    kernel_dir = venv / "share" / "jupyter" / "kernels" / "jconc-venv"
    assert_complete_kernelspec(kernel_dir, "jconc-venv")
    assert stat.S_IMODE(kernel_dir.stat().st_mode) == 0o755
    # What Jupyter running in that environment finds (`jupyter kernelspec` would be the system's
    # jupyter-kernelspec, found on PATH, with the system's sys.prefix).
    find = ("import json; from jupyter_client.kernelspec import KernelSpecManager; "
            "print(json.dumps(KernelSpecManager().find_kernel_specs()))")
    found = json.loads(subprocess.run([str(venv / "bin" / "python"), "-c", find], env=env,
                                      capture_output=True, text=True, check=True).stdout)
    assert found["jconc-venv"] == str(kernel_dir), "Jupyter finds it there"
    assert "removed kernel 'jconc-venv'" in jconc("uninstall", "--sys-prefix", "--name", "jconc-venv", env=env).stdout
    assert not kernel_dir.exists()


def script(path, body):
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def old_java(tmp_path):
    return script(tmp_path / "java11", "echo '    java.specification.version = 11' >&2")


@pytest.fixture
def not_a_java(tmp_path):
    return script(tmp_path / "notjava", "echo hello")


@pytest.mark.parametrize("case, args, says", [
    ("unknown option", ["install", "--bogus"], "unknown option --bogus"),
    ("unknown command", ["instal"], "unknown command instal"),
    ("missing value", ["install", "--prefix"], "--prefix needs a value"),
    ("bad name", ["install", "--name", "../x"], "a kernel name is"),
    ("unwritable directory", ["install", "--prefix", "{file}/sub"], "cannot write"),
    ("java older than 17", ["install", "--java", "{old_java}"], "is Java 11; jconc needs Java 17 or newer"),
    ("not a java", ["install", "--java", "{not_a_java}"], "is not a java executable"),
    ("no such java", ["install", "--java", "{tmp}/nojava"], "does not exist"),
])
def test_bad_input_gets_one_clear_line_and_nothing_is_written(tmp_path, old_java, not_a_java, case, args, says):
    (tmp_path / "file").write_text("a file where a directory should be")
    prefix = tmp_path / "prefix"
    prefix.mkdir()
    values = {"file": tmp_path / "file", "old_java": old_java, "not_a_java": not_a_java, "tmp": tmp_path}
    args = [a.format(**values) for a in args]
    if "--prefix" not in args and case != "unknown command":
        args += ["--prefix", str(prefix)]
    r = jconc(*args, check=False)
    assert r.returncode != 0
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("jconc: ") and says in lines[0], r.stderr
    assert r.stdout == ""
    assert list(prefix.iterdir()) == [], "nothing half written"


def test_version_and_help():
    version = jconc("--version").stdout
    assert version.startswith("jconc 0.") and "Java" in version
    assert "install" in jconc("--help").stdout


# --- install.sh --------------------------------------------------------------------------------

# What install.sh, the Maven wrapper and the kernel use from a system: no dpkg, apt-get, sudo or mvn.
TOOLS = ["bash", "sh", "env", "dirname", "basename", "readlink", "realpath", "cat", "sed", "grep", "head",
         "tail", "id", "mktemp", "rm", "mkdir", "cp", "mv", "ls", "uname", "chmod", "tr", "find", "awk", "sort",
         "wc", "cut", "expr", "printf", "test", "touch", "unzip", "curl", "wget", "tar", "gzip", "python3"]


def restricted_path(tmp_path):
    """A PATH directory of links to java, jupyter and the basic tools, and nothing else."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    commands = {name: shutil.which(name) for name in TOOLS + ["java"]}
    for d in reversed(os.environ["PATH"].split(os.pathsep)):  # the first on PATH wins
        if os.path.isdir(d):
            commands.update({e.name: e.path for e in os.scandir(d) if e.name.startswith("jupyter")})
    for name, target in commands.items():
        if target and not (bin_dir / name).exists():
            (bin_dir / name).symlink_to(os.path.realpath(target) if name == "java" else target)
    for absent in ("dpkg", "dpkg-query", "apt-get", "apt-cache", "sudo", "mvn"):
        assert shutil.which(absent, path=str(bin_dir)) is None
    return str(bin_dir)


def source_copy(tmp_path):
    """The checkout as a new user gets it: sources, no build output."""
    copy = tmp_path / "jconc"
    shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(
        ".git", "target", "node_modules", "build", "__pycache__", ".ipynb_checkpoints", "test-results"))
    return copy


def test_install_sh_without_apt_or_maven_builds_with_the_wrapper_and_the_kernel_runs_a_cell(tmp_path, monkeypatch):
    copy = source_copy(tmp_path)
    env = {"PATH": restricted_path(tmp_path), "HOME": os.environ["HOME"], "LANG": "C.UTF-8"}
    prefix = tmp_path / "prefix"
    started = time.monotonic()
    r = subprocess.run([str(copy / "install.sh"), "--prefix", str(prefix), "--name", "jconc-installsh"],
                       env=env, capture_output=True, text=True, timeout=1200)
    took = time.monotonic() - started
    assert r.returncode == 0, r.stdout + r.stderr
    print(f"install.sh with ./mvnw took {took:.0f} s", file=sys.stderr)
    assert "building with ./mvnw" in r.stdout
    assert (copy / "kernel" / "target" / "jconc-kernel-all.jar").exists()
    kernel_dir = prefix / "share" / "jupyter" / "kernels" / "jconc-installsh"
    assert_complete_kernelspec(kernel_dir, "jconc-installsh")

    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    kernel = Kernel("jconc-installsh")
    try:
        run = kernel.run('System.out.println("hello from " + Runtime.version().feature()); 6 * 7', timeout=60)
        assert run.status == "ok", run.error
        assert run.stream("stdout").startswith("hello from ")
        assert run.results()[0]["text/plain"] == "42"
    finally:
        kernel.close()

    removed = subprocess.run([str(copy / "install.sh"), "--prefix", str(prefix), "--name", "jconc-installsh",
                              "--uninstall", "--no-build"], env=env, capture_output=True, text=True, check=True)
    assert "removed kernel 'jconc-installsh'" in removed.stdout
    assert not kernel_dir.exists()


def test_install_sh_without_java_or_jupyter_names_exactly_what_is_missing(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ["bash", "env", "dirname", "readlink", "cat", "sed", "grep", "head", "id"]:
        (bin_dir / name).symlink_to(shutil.which(name))
    r = subprocess.run([str(ROOT / "install.sh"), "--no-build", "--prefix", str(tmp_path / "p")],
                       env={"PATH": str(bin_dir), "HOME": str(tmp_path)}, capture_output=True, text=True)
    assert r.returncode != 0
    assert r.stderr.count("\n") == 1, r.stderr
    assert "missing: java (a JDK 17 or newer); jupyter" in r.stderr
    assert not (tmp_path / "p").exists()


def test_a_java_older_than_17_is_refused_with_a_reason(tmp_path, old_java):
    r = subprocess.run([str(ROOT / "install.sh"), "--no-build", "--prefix", str(tmp_path), "--java", str(old_java)],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "needs Java 17" in r.stderr
