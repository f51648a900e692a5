"""A small notebook executed headless and exported to HTML by nbconvert, as a teacher would."""
import subprocess
import sys

import nbformat

from conftest import KERNELS


def test_nbconvert_executes_a_notebook_to_html(tmp_path):
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "jconc", "display_name": "Java (jconc)",
                                                             "language": "java"}})
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Threads"),
        nbformat.v4.new_code_cell('Thread t = new Thread(() -> System.out.println("from a thread"));\n'
                                  't.start(); t.join();'),
        nbformat.v4.new_code_cell('display(svg("<svg xmlns=\\"http://www.w3.org/2000/svg\\" width=\\"10\\" '
                                  'height=\\"10\\"><rect width=\\"10\\" height=\\"10\\"/></svg>"));'),
        nbformat.v4.new_code_cell("6 * 7"),
    ]
    src = tmp_path / "small.ipynb"
    nbformat.write(nb, str(src))
    subprocess.run([sys.executable, "-m", "nbconvert", "--to", "html", "--execute",
                    "--ExecutePreprocessor.kernel_name=" + KERNELS[0], str(src)], check=True, timeout=180)
    html = (tmp_path / "small.html").read_text()
    assert "from a thread" in html
    assert "<svg" in html
    assert "42" in html
