"""install.sh: the kernelspec it writes, run twice, and removed again."""
import json
import subprocess

from conftest import JAR, ROOT


def _install(*args):
    return subprocess.run([str(ROOT / "install.sh"), "--no-build", *args], check=True,
                          capture_output=True, text=True)


def test_install_writes_a_complete_kernelspec_idempotently_and_uninstalls(tmp_path):
    first = _install("--prefix", str(tmp_path))
    second = _install("--prefix", str(tmp_path))
    spec_dir = tmp_path / "share" / "jupyter" / "kernels" / "jconc"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert spec["display_name"] == "Java (jconc)"
    assert spec["language"] == "java"
    assert spec["interrupt_mode"] == "message"
    jar = spec["argv"][spec["argv"].index("-jar") + 1]
    assert jar.startswith(str(spec_dir)), "the jar lives inside the kernelspec"
    assert (spec_dir / "jconc-kernel.jar").stat().st_size == JAR.stat().st_size
    assert (spec_dir / "logo-32x32.png").exists() and (spec_dir / "logo-64x64.png").exists()
    assert "next: jupyter" in second.stdout
    _install("--prefix", str(tmp_path), "--uninstall")
    assert not spec_dir.exists()


def test_a_java_older_than_17_is_refused_with_a_reason(tmp_path):
    fake = tmp_path / "java"
    fake.write_text("#!/bin/sh\necho '    java.specification.version = 11' >&2\n")
    fake.chmod(0o755)
    r = subprocess.run([str(ROOT / "install.sh"), "--no-build", "--prefix", str(tmp_path), "--java", str(fake)],
                       capture_output=True, text=True)
    assert r.returncode != 0
    assert "needs Java 17" in r.stderr
