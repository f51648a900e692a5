"""What the launchers of the frontends built by e2e/setup share (lab/serve.py: JupyterLab 3.6;
v4/lab/serve.py: JupyterLab 4; v4/notebook/serve.py: Notebook 7): a jupyterlab_server app that
serves a webpack build (`static_dir`, with its settings schemas and themes) on Debian's
jupyter_server, exports HTML with the course site's offline template, and keeps its user
settings and workspaces outside the repository.
"""
import os
import tempfile

from jupyterlab_server import LabServerApp

E2E = os.path.dirname(os.path.abspath(__file__))
# File > Save and Export Notebook As > HTML uses the course site's template: pages that work
# offline (Debian's default template points at file:///usr/share/javascript/...)
SITE_TEMPLATES = os.path.normpath(os.path.join(E2E, "..", "site", "templates"))
TEMPLATES = os.path.join(E2E, "lab", "templates")  # the page: page config + bundle.js

os.environ.setdefault("JUPYTER_NO_CONFIG", "1")  # a test run ignores ~/.jupyter


def state_dir(prefix):
    """Where user settings and workspaces go: JCONC_LAB_STATE when set, else a fresh directory
    for each server."""
    return os.environ.get("JCONC_LAB_STATE") or tempfile.mkdtemp(prefix=prefix)


class BuiltFrontendApp(LabServerApp):
    """Subclasses name their build (`static_dir`, `schemas_dir`, `themes_dir`), their URL, and
    `extra_handlers` beside jupyterlab_server's own."""

    load_other_extensions = False
    templates_dir = TEMPLATES
    extra_handlers = []

    def initialize_settings(self):
        bundle = os.path.join(self.static_dir, "bundle.js")
        if not os.path.isfile(bundle):
            raise SystemExit(f"{bundle} is missing: run e2e/setup first")
        super().initialize_settings()
        exporter_config = self.serverapp.config.HTMLExporter
        exporter_config.setdefault("template_name", "offline")
        exporter_config.setdefault("extra_template_basedirs", [SITE_TEMPLATES])
        self.serverapp.web_app.settings["terminals_available"] = False

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.extend(self.extra_handlers)
