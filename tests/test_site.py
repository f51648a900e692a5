"""`site/build` makes the course a static site that works offline, opened straight from disk.

With the jconc kernel the site is the real course (notebooks/*.ipynb); with another kernel, or
before the course has notebooks, the small course in e2e/fixtures/KERNEL/site/.
Run with:  /usr/bin/python3 -m pytest tests/test_site.py
"""
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
import harness  # noqa: E402

BUILD = harness.REPO / "site" / "build"


def course_notebooks():
    course = sorted((harness.REPO / "notebooks").glob("*.ipynb"))
    if harness.KERNEL == "jconc" and course:
        return course
    return sorted((harness.E2E / "fixtures" / harness.KERNEL / "site").glob("*.ipynb"))


NOTEBOOKS = course_notebooks()


class Elements(HTMLParser):
    """Start tags with their attributes, in page order."""

    def __init__(self, page):
        super().__init__()
        self.tags = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Runs `site/build` once; the tests below judge what it made."""
    out = tmp_path_factory.mktemp("site")
    return out, subprocess.run([str(BUILD), str(out), *map(str, NOTEBOOKS),
                                "--kernel", harness.KERNEL],
                               capture_output=True, text=True, timeout=1800,
                               env=harness.kernel_env())


@pytest.fixture(scope="module")
def site(build):
    return build[0]


def page_of(site, notebook):
    page = site / f"{notebook.stem}.html"
    assert page.exists(), f"no page for {notebook.name}: see test_build_makes_a_page_per_notebook"
    return page.read_text(encoding="utf-8")


def test_build_makes_a_page_per_notebook(build):
    out, finished = build
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert sorted(p.name for p in out.glob("*.html")) == \
        sorted(["index.html", *[f"{nb.stem}.html" for nb in NOTEBOOKS]])


def test_index_links_every_notebook_with_its_title_and_summary(site):
    index = (site / "index.html").read_text(encoding="utf-8")

    links = [attrs["href"] for tag, attrs in Elements(index).tags if tag == "a"]
    assert links == [f"{nb.stem}.html" for nb in NOTEBOOKS]
    for notebook in NOTEBOOKS:
        first_markdown = next(c.source for c in nbformat.read(notebook, 4).cells
                              if c.cell_type == "markdown")
        heading = re.search(r"^#+\s*(.+)$", first_markdown, re.MULTILINE).group(1).strip()
        entry = re.search(rf'<a href="{re.escape(notebook.stem)}\.html">(.*?)</a><p>(.*?)</p>',
                          index)
        assert entry, f"no index entry for {notebook.name}"
        assert entry.group(1) == heading.replace("&", "&amp;").replace("<", "&lt;")
        assert entry.group(2).strip(), f"no summary for {notebook.name}"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda nb: nb.name)
def test_every_code_cell_was_executed_and_shows_its_outputs(site, notebook):
    page = page_of(site, notebook)

    code_cells = [c for c in nbformat.read(notebook, 4).cells if c.cell_type == "code"]
    prompts = re.findall(r'class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;\[(\d+)\]:', page)
    assert len(prompts) == len(code_cells), "a code cell without an execution count"
    assert "jp-OutputArea-output" in page or not code_cells


def test_svg_pictures_are_inline_in_the_pages(site):
    with_svg = [nb.name for nb in NOTEBOOKS
                if re.search(r'<div class="jp-RenderedSVG[^"]*jp-OutputArea-output[^>]*>\s*<svg',
                             page_of(site, nb))]
    assert with_svg, "no page shows an SVG picture inline"


@pytest.mark.parametrize("page", ["index", *[nb.stem for nb in NOTEBOOKS]])
def test_page_loads_nothing_from_outside_the_site(site, page):
    assert (site / f"{page}.html").exists(), f"no page {page}.html"
    text = (site / f"{page}.html").read_text(encoding="utf-8")

    loads = [attrs.get("src") or attrs.get("href") for tag, attrs in Elements(text).tags
             if tag in ("script", "link", "img", "iframe") and (attrs.get("src")
                                                                 or attrs.get("href"))]
    assert [url for url in loads if not url.startswith("data:") and "://" in url
            or url.startswith(("/", "//"))] == []
    assert "file://" not in text


def test_pages_open_from_disk_in_a_browser_with_the_network_cut_off(site):
    report = harness.drive("offline.js", harness.ARTIFACTS / "site-offline.json", timeout=300,
                           site=site)

    assert report.get("failure") is None, report["failure"]
    assert report["blocked"] == [] and report["failed"] == []
    assert report["pageProblems"] == []
    pages = report["pages"]
    for linked in pages["index.html"]["links"]:
        assert linked in pages, f"the index links to a missing page {linked}"
    assert sum(p["visibleSvgs"] for p in pages.values()) > 0, "no picture drawn on any page"
