"""`site/build` makes the course a static site that works offline, opened straight from disk.

With the jconc kernel the site is the real course: notebooks/*.ipynb, and their Chinese twins
notebooks/zh/*.ipynb as a second edition under zh/, each page linking to its twin. With another
kernel, or before the course has notebooks, the small course in e2e/fixtures/KERNEL/site/.

The notebook tests execute the course once per session (conftest.executed_notebook, shared by
every test): the site is built from those executions (`site/build --executed DIR`) instead of
running the course a second time, except for two pages (one per edition) that site/build runs
itself, so that its own path of execution stays tested.
Run with:  /usr/bin/python3 -m pytest tests/test_site.py
"""
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from conftest import NOTEBOOK_KERNEL, executed_notebook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
import harness  # noqa: E402

BUILD = harness.REPO / "site" / "build"
REAL_COURSE = harness.KERNEL == "jconc" and any((harness.REPO / "notebooks").glob("*.ipynb"))


def course_notebooks():
    if REAL_COURSE:
        return sorted((harness.REPO / "notebooks").glob("*.ipynb"))
    return sorted((harness.E2E / "fixtures" / harness.KERNEL / "site").glob("*.ipynb"))


NOTEBOOKS = course_notebooks()
# (source notebook, edition, page path in the site): English pages at the root, the Chinese
# twins (where there is one) under zh/.
PAGES = [(nb, "en", f"{nb.stem}.html") for nb in NOTEBOOKS] + \
    [(nb.parent / "zh" / nb.name, "zh", f"zh/{nb.stem}.html") for nb in NOTEBOOKS
     if (nb.parent / "zh" / nb.name).exists()]
EDITIONS = sorted({edition for _, edition, _ in PAGES})
INDEXES = {"en": "index.html", "zh": "zh/index.html"}


def _code_cells(notebook):
    return sum(c.cell_type == "code" for c in nbformat.read(notebook, 4).cells)


def _own_runs():
    """The pages site/build executes itself: the two shortest notebooks (fewest code cells),
    the first in English, the second in Chinese where it has a twin."""
    shortest = sorted(NOTEBOOKS, key=lambda nb: (_code_cells(nb), nb.name))[:2]
    runs = {f"{shortest[0].stem}.html"}
    if len(shortest) > 1 and f"zh/{shortest[1].stem}.html" in {page for _, _, page in PAGES}:
        runs.add(f"zh/{shortest[1].stem}.html")
    return runs


# Reuse needs the notebook tests' kernel to be the one the site is built with.
REUSING = REAL_COURSE and NOTEBOOK_KERNEL == "jconc"
OWN_RUNS = _own_runs() if REUSING else {page for _, _, page in PAGES}


class Elements(HTMLParser):
    """Start tags with their attributes, in page order."""

    def __init__(self, page):
        super().__init__()
        self.tags = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def links(page_html):
    return [attrs for tag, attrs in Elements(page_html).tags if tag == "a" and attrs.get("href")]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """Runs `site/build` once, reusing the session's executions of the course but for
    OWN_RUNS; the tests below judge what it made."""
    out = tmp_path_factory.mktemp("site")
    reuse = tmp_path_factory.mktemp("executed")
    for notebook, edition, page in PAGES:
        if page in OWN_RUNS:
            continue
        try:
            nb = executed_notebook(notebook.name, edition)
        except Exception:  # noqa: BLE001 - site/build runs it itself and reports the failure
            continue
        (reuse / edition).mkdir(exist_ok=True)
        nbformat.write(nb, str(reuse / edition / notebook.name))
    return out, subprocess.run([str(BUILD), str(out), *map(str, NOTEBOOKS), "--edition", "all",
                                "--executed", str(reuse), "--kernel", harness.KERNEL],
                               capture_output=True, text=True, timeout=1800,
                               env=harness.kernel_env())


@pytest.fixture(scope="module")
def site(build):
    return build[0]


def page_of(site, page):
    path = site / page
    assert path.exists(), f"no page {page}: see test_build_makes_a_page_per_notebook"
    return path.read_text(encoding="utf-8")


def test_build_makes_a_page_per_notebook(build):
    out, finished = build
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == \
        sorted([*(INDEXES[e] for e in EDITIONS), *(page for _, _, page in PAGES)])


def test_the_build_reuses_the_executed_notebooks_and_runs_its_own_pages(build):
    """Each notebook ran once in the session, except the pages site/build runs itself."""
    out, finished = build
    ran = set(re.findall(r"^site: running (\S+)\.ipynb$", finished.stdout, re.M))
    reused = set(re.findall(r"^site: reusing the executed (\S+)\.ipynb$", finished.stdout, re.M))
    assert {f"{page[:-5]}" for page in OWN_RUNS} == ran, finished.stdout
    assert reused == {page[:-5] for _, _, page in PAGES} - ran, finished.stdout


@pytest.mark.parametrize("edition", EDITIONS)
def test_index_links_every_notebook_with_its_title_and_summary(site, edition):
    index = page_of(site, INDEXES[edition])
    pages = [(nb, page) for nb, e, page in PAGES if e == edition]

    assert [a["href"] for a in links(index) if "hreflang" not in a] == \
        [posixpath.basename(page) for _, page in pages]
    for notebook, page in pages:
        first_markdown = next(c.source for c in nbformat.read(notebook, 4).cells
                              if c.cell_type == "markdown")
        heading = re.search(r"^#+\s*(.+)$", first_markdown, re.MULTILINE).group(1).strip()
        entry = re.search(rf'<a href="{re.escape(notebook.stem)}\.html">(.*?)</a><p>(.*?)</p>',
                          index)
        assert entry, f"no index entry for {notebook.name}"
        assert entry.group(1) == heading.replace("&", "&amp;").replace("<", "&lt;")
        assert entry.group(2).strip(), f"no summary for {notebook.name}"


@pytest.mark.parametrize("notebook, page", [(nb, page) for nb, _, page in PAGES],
                         ids=[page for _, _, page in PAGES])
def test_every_code_cell_was_executed_and_shows_its_outputs(site, notebook, page):
    html = page_of(site, page)

    code_cells = [c for c in nbformat.read(notebook, 4).cells if c.cell_type == "code"]
    prompts = re.findall(r'class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;\[(\d+)\]:', html)
    assert len(prompts) == len(code_cells), "a code cell without an execution count"
    assert "jp-OutputArea-output" in html or not code_cells


@pytest.mark.parametrize("page", [page for _, _, page in PAGES] + list(INDEXES.values()))
def test_every_page_links_to_its_twin_in_the_other_edition(site, page):
    """The language switch: a page and its twin link to each other, and so do the indexes."""
    if not (site / page).exists() and page in INDEXES.values():
        pytest.skip(f"no {page}: that edition has no page")
    english = not page.startswith("zh/")
    twin = f"zh/{page}" if english else page[len("zh/"):]
    twin_built = twin in {p for _, _, p in PAGES} | set(INDEXES.values()) and (site / twin).exists()
    switches = [a for a in links(page_of(site, page)) if "hreflang" in a]

    if not twin_built:
        assert switches == [], "no link to a page that was not built"
        return
    assert [a["href"] for a in switches] == [twin if english else f"../{twin}"]
    assert switches[0]["hreflang"] == ("zh-Hans" if english else "en")
    lang = re.search(r'<html lang="([^"]+)"', page_of(site, page))
    assert lang and lang.group(1) == ("en" if english else "zh-Hans")


def test_svg_pictures_are_inline_in_the_pages(site):
    built = [page for _, _, page in PAGES if (site / page).exists()]
    with_svg = [page for page in built
                if re.search(r'<div class="jp-RenderedSVG[^"]*jp-OutputArea-output[^>]*>\s*<svg',
                             page_of(site, page))]
    assert with_svg, "no page shows an SVG picture inline"


@pytest.mark.parametrize("page", list(INDEXES.values()) + [page for _, _, page in PAGES])
def test_page_loads_nothing_from_outside_the_site(site, page):
    if not (site / page).exists() and page in INDEXES.values():
        pytest.skip(f"no {page}: that edition has no page")
    text = page_of(site, page)

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
    assert sorted(pages) == sorted([*(INDEXES[e] for e in EDITIONS), *(p for _, _, p in PAGES)])
    for name, page in pages.items():
        for href in page["links"]:
            if href.endswith(".html") and "://" not in href:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), href))
                assert target in pages, f"{name} links to a missing page {href}"
    assert sum(p["visibleSvgs"] for p in pages.values()) > 0, "no picture drawn on any page"


@pytest.mark.skipif(not REUSING, reason="needs the course's executions to reuse (jconc)")
def test_one_edition_builds_alone_without_links_to_the_other(tmp_path):
    """`--edition zh` (or en) builds that edition only; its pages link to no other edition."""
    edition = EDITIONS[-1]
    notebook = next(nb for nb in NOTEBOOKS if any(e == edition and s.name == nb.name
                                                  for s, e, _ in PAGES))
    reuse = tmp_path / "executed" / edition
    reuse.mkdir(parents=True)
    nbformat.write(executed_notebook(notebook.name, edition), str(reuse / notebook.name))
    out = tmp_path / "site"
    finished = subprocess.run([str(BUILD), str(out), str(notebook), "--edition", edition,
                               "--executed", str(reuse.parent)], capture_output=True, text=True,
                              timeout=600, env=harness.kernel_env())

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "site: running" not in finished.stdout, "the executed copy is reused"
    index = INDEXES[edition]
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) == \
        sorted([index, index.replace("index", notebook.stem)])
    for page in out.rglob("*.html"):
        assert [a for a in links(page.read_text(encoding="utf-8")) if "hreflang" in a] == []
