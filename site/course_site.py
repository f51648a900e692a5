"""Build the course as a static HTML site: each notebook executed, then exported with its
outputs (SVG pictures inline) into one self-contained page, and an index page linking them.

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


@dataclass
class Page:
    notebook: Path
    file_name: str  # of the exported page, in the site directory
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
    match = re.match(r"(.+?[.!?])(\s|$)", text)
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


def export(nb, title):
    exporter = HTMLExporter(template_name="offline", extra_template_basedirs=[str(TEMPLATES)])
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title}, "course_index": "index.html"})
    return body


def index_page(course_title, pages):
    items = "\n".join(
        f'  <li><a href="{html.escape(p.file_name)}">{html.escape(p.title)}</a>'
        f'<p>{html.escape(p.summary)}</p></li>' for p in pages)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{html.escape(course_title)}</title>
<style>
  body {{ font-family: sans-serif; max-width: 52em; margin: 2em auto; padding: 0 1em;
         line-height: 1.4; color: #222; }}
  li {{ margin-bottom: 0.8em; }}
  li p {{ margin: 0.2em 0 0; color: #555; }}
</style>
</head>
<body>
<h1>{html.escape(course_title)}</h1>
<p>Every notebook below was run before this page was made: the outputs and pictures are the
real ones. The pages work offline.</p>
<ol>
{items}
</ol>
</body>
</html>
"""


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


def build(notebooks, out_dir, course_title="jconc course", kernel_name=None, timeout=300,
          log=print):
    """Builds the site into out_dir; returns (pages, failures) where failures maps a notebook
    to why its page could not be made."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages, failures = [], {}
    for notebook in notebooks:
        notebook = Path(notebook)
        title, summary = describe(notebook)
        log(f"site: running {notebook.name}")
        try:
            page_html = export(execute(notebook, kernel_name, timeout), title)
        except Exception as error:  # the build goes on; the failure is reported at the end
            failures[notebook] = f"{type(error).__name__}: {error}"
            continue
        problems = offline_problems(page_html)
        if problems:
            failures[notebook] = f"page loads from outside the site: {problems}"
            continue
        page = Page(notebook, notebook.stem + ".html", title, summary)
        (out_dir / page.file_name).write_text(page_html, encoding="utf-8")
        pages.append(page)
    (out_dir / "index.html").write_text(index_page(course_title, pages), encoding="utf-8")
    return pages, failures
