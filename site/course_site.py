"""Build the course as a static HTML site: each notebook executed, then exported with its
outputs (SVG pictures inline) into one self-contained page, and an index page linking them.

The course has two editions: English (notebooks/NAME.ipynb, pages at the site's root) and Chinese
(the twins notebooks/zh/NAME.ipynb, pages under zh/). Each edition has its own index; every page
links to its twin in the other edition (and each index to the other), where that was built.

The pages load nothing from elsewhere: no file:// (nbconvert's Debian defaults point MathJax and
require.js at file:///usr/share/javascript/...) and no http(s):// scripts or styles.
`offline_problems(html)` lists what would break that; the build fails on any.
"""
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Edition:
    code: str
    folder: str  # where its pages are, relative to the site's root ("" or "zh/")
    lang: str  # of its pages' <html>
    title: str  # of its index
    intro: str  # the index's first paragraph
    back: str  # the link from a page to the index
    name: str  # the edition's own name, the label of a link to it


EDITIONS = {
    "en": Edition("en", "", "en", "jconc: concurrency in Java, the course",
                  "Every notebook below was run before this page was made: the outputs and"
                  " pictures are the real ones. The pages work offline.",
                  "\N{LEFTWARDS ARROW} All notebooks", "English"),
    "zh": Edition("zh", "zh/", "zh-Hans", "jconc：用 Java 学并发编程",
                  "下面每一个笔记本都在生成本页之前真正运行过：输出和图片都是实际结果。"
                  "这些页面无需联网即可打开。",
                  "\N{LEFTWARDS ARROW} 全部笔记本", "中文"),
}


def edition_source(notebook, edition):
    """The notebook of `edition` for the English notebook `notebook`: itself, or its twin
    zh/NAME.ipynb in the same folder."""
    notebook = Path(notebook)
    folder = EDITIONS[edition].folder
    return notebook.parent / folder / notebook.name if folder else notebook


def relative(from_edition, to_edition, file_name):
    """The link from a page of `from_edition` to `file_name` of `to_edition`."""
    up = "../" * EDITIONS[from_edition].folder.count("/")
    return up + EDITIONS[to_edition].folder + file_name


@dataclass
class Page:
    notebook: Path  # the source of the page (in its edition)
    edition: str
    file_name: str  # of the exported page, relative to the site's root
    title: str
    summary: str


def describe(notebook):
    """Title (the first heading) and one-line summary (the first prose line after it), both
    from the notebook's first markdown cell."""
    cells = nbformat.read(notebook, as_version=4).cells
    first = next((c.source for c in cells if c.cell_type == "markdown"), "")
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    headings = [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    prose = [line for line in lines if not line.startswith(("#", "|", "```", "<"))]
    title = headings[0] if headings else Path(notebook).stem
    summary = first_sentence(prose[0]) if prose else ""
    return title, summary


def first_sentence(text):
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [link](url) -> link
    text = re.sub(r"[*_`]", "", text)
    match = re.match(r"(.+?(?:[.!?](?=\s|$)|[。！？]))", text)
    return match.group(1) if match else text


def execute(notebook, kernel_name=None, timeout=300):
    """Runs every cell with the notebook's kernel (or `kernel_name`) in the notebook's folder.
    Cells tagged raises-exception may fail; any other error raises CellExecutionError."""
    nb = nbformat.read(notebook, as_version=4)
    options = {"kernel_name": kernel_name} if kernel_name else {}
    client = NotebookClient(nb, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": str(Path(notebook).parent)}},
                            **options)
    client.execute()
    return nb


class NotRunClean(Exception):
    """An executed copy of a notebook shows a cell that did not run or failed."""


def executed_copy(notebook, copy):
    """The executed notebook `copy` (for instance one the notebook tests ran), if it is an
    execution of `notebook` as it is now (same cells, same sources); None if it is missing or
    stale. A copy in which a cell did not run, or failed without the tag raises-exception,
    raises NotRunClean, as execute() would have failed."""
    if not Path(copy).exists():
        return None
    nb = nbformat.read(copy, as_version=4)
    source = nbformat.read(notebook, as_version=4)
    if [(c.cell_type, c.source) for c in nb.cells] != [(c.cell_type, c.source) for c in source.cells]:
        return None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or "raises-exception" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.get("execution_count") is None:
            raise NotRunClean(f"cell {index} did not run")
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            raise NotRunClean(f"cell {index}: {errors[0].get('ename')}: {errors[0].get('evalue')}")
    return nb


def export(nb, title, edition="en", twin=None):
    """The page of an executed notebook; `twin` = (href, label, lang) of the same page in the
    other edition, or None."""
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title}, "course_index": "index.html",
                       "course_back": EDITIONS[edition].back, "course_twin": twin})
    return body.replace("<html>", f'<html lang="{EDITIONS[edition].lang}">', 1)


def index_page(edition, pages, twin=None, course_title=None):
    """The index of one edition; `twin` = (href, label, lang) of the other edition's index, or
    None."""
    e = EDITIONS[edition]
    course_title = course_title or e.title
    items = "\n".join(
        f'  <li><a href="{html.escape(Path(p.file_name).name)}">{html.escape(p.title)}</a>'
        f'<p>{html.escape(p.summary)}</p></li>' for p in pages)
    switch = (f'<nav class="course-nav"><a href="{html.escape(twin[0])}" hreflang="{twin[2]}">'
              f'{html.escape(twin[1])}</a></nav>\n' if twin else "")
    return f"""<!DOCTYPE html>
<html lang="{e.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(course_title)}</title>
<style>
  body {{ font-family: sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em;
         line-height: 1.4; color: #222; }}
  li {{ margin-bottom: 0.8em; }}
  li p {{ margin: 0.2em 0 0; color: #555; }}
  nav.course-nav {{ text-align: right; }}
</style>
</head>
<body>
{switch}<h1>{html.escape(course_title)}</h1>
<p>{html.escape(e.intro)}</p>
<ol>
{items}
</ol>
</body>
</html>
"""


def other(edition):
    return "zh" if edition == "en" else "en"


def twin_link(edition, file_name):
    """(href, label, lang) of the link from a page of `edition` to `file_name` in the other."""
    to = EDITIONS[other(edition)]
    return relative(edition, to.code, file_name), to.name, to.lang


class _Dependencies(HTMLParser):
    """Collects the URLs a page would load: scripts, styles, images, frames, media, CSS url()."""
    LOADING = {"script": "src", "link": "href", "img": "src", "iframe": "src",
               "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}

    def __init__(self):
        super().__init__()
        self.urls = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attribute = self.LOADING.get(tag)
        for name, value in attrs:
            if name == attribute and value:
                self.urls.append(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", data)
            self.urls += re.findall(r"@import\s+['\"]([^'\"]+)", data)


def offline_problems(page_html):
    """The URLs in a page that need a network or a local install (anything but data:,
    a fragment or a path relative to the page)."""
    parser = _Dependencies()
    parser.feed(page_html)
    return [url for url in parser.urls
            if re.match(r"^\s*(file:|https?:|//|/)", url, re.IGNORECASE)]


def build(notebooks, out_dir, course_title=None, kernel_name=None, timeout=300, log=print,
          editions=("en", "zh"), executed_dir=None):
    """Builds the site into out_dir from the English notebooks `notebooks` and, for the Chinese
    edition, their twins (a notebook without a twin has its page in English only). With
    `executed_dir`, a notebook whose executed copy executed_dir/EDITION/NAME.ipynb is current is
    not run again. Returns (pages, failures) where failures maps a notebook to why its page
    could not be made."""
    out_dir = Path(out_dir)
    sources = {(Path(nb), edition): edition_source(nb, edition)
               for nb in notebooks for edition in editions}
    for (notebook, edition), source in list(sources.items()):
        if not source.exists():
            log(f"site: no {edition} edition of {notebook.name}: its page is in the other edition only")
            del sources[notebook, edition]
    pages, failures = [], {}
    for (notebook, edition), source in sources.items():
        title, summary = describe(source)
        page = Page(source, edition, EDITIONS[edition].folder + notebook.stem + ".html", title, summary)
        twin = (twin_link(edition, notebook.stem + ".html")
                if (notebook, other(edition)) in sources else None)
        try:
            copy = executed_copy(source, Path(executed_dir) / edition / source.name) if executed_dir else None
            log(f"site: {'reusing the executed' if copy else 'running'} {page.file_name[:-5]}.ipynb")
            page_html = export(copy or execute(source, kernel_name, timeout), title, edition, twin)
        except Exception as error:  # the build goes on; the failure is reported at the end
            failures[source] = f"{type(error).__name__}: {error}"
            continue
        problems = offline_problems(page_html)
        if problems:
            failures[source] = f"page loads from outside the site: {problems}"
            continue
        (out_dir / page.file_name).parent.mkdir(parents=True, exist_ok=True)
        (out_dir / page.file_name).write_text(page_html, encoding="utf-8")
        pages.append(page)
    for edition in editions:
        if not any(e == edition for _, e in sources):
            continue
        mine = [p for p in pages if p.edition == edition]
        built_other = any(e == other(edition) for _, e in sources)
        twin = twin_link(edition, "index.html") if built_other else None
        index = out_dir / EDITIONS[edition].folder / "index.html"
        index.parent.mkdir(parents=True, exist_ok=True)
        index.write_text(index_page(edition, mine, twin, course_title if edition == "en" else None),
                         encoding="utf-8")
    return pages, failures
