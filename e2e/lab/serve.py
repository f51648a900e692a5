"""Serve the JupyterLab 3.6 frontend built into lab/build/ with Debian's jupyterlab_server.

jupyterlab_server (LabServerApp) is the server half of JupyterLab; this module gives it the
frontend that `e2e/setup` builds from npm packages.  Run it with Debian's python:

    /usr/bin/python3 e2e/lab/serve.py --ServerApp.root_dir=notebooks --ServerApp.port=8888

and open the URL it prints.  Every --ServerApp.* option of jupyter_server works.
"""
import os
import tempfile

from jupyterlab_server import LabServerApp
from tornado.web import StaticFileHandler

HERE = os.path.dirname(os.path.abspath(__file__))
# File > Save and Export Notebook As > HTML uses the course site's template: pages that work
# offline (Debian's default template points at file:///usr/share/javascript/...)
SITE_TEMPLATES = os.path.join(HERE, "..", "..", "site", "templates")
BUILD = os.path.join(HERE, "build")
# Debian's libjs-mathjax (MathJax 2.7), so $math$ in Markdown cells renders without network
MATHJAX_DIR = "/usr/share/javascript/mathjax"

os.environ.setdefault("JUPYTER_NO_CONFIG", "1")  # a test run ignores ~/.jupyter


def _jupyter_server_extension_points():
    """Lets jupyter_server load this module as the extension that serves /lab."""
    return [{"module": __name__, "app": JConcLab}]


class JConcLab(LabServerApp):
    name = __name__
    app_name = "JupyterLab"
    app_version = "3.6.8"
    extension_url = "/lab"
    default_url = "/lab"
    load_other_extensions = False
    static_dir = BUILD
    templates_dir = os.path.join(HERE, "templates")
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(HERE, "settings")  # overrides.json
    # user settings and workspaces live outside the repository; a fresh pair for each server
    # unless JCONC_LAB_STATE names a directory to keep them in
    _state = os.environ.get("JCONC_LAB_STATE") or tempfile.mkdtemp(prefix="jconc-lab-")
    user_settings_dir = os.path.join(_state, "user-settings")
    workspaces_dir = os.path.join(_state, "workspaces")

    def initialize_settings(self):
        if not os.path.isfile(os.path.join(BUILD, "bundle.js")):
            raise SystemExit(f"{BUILD}/bundle.js is missing: run e2e/setup first")
        super().initialize_settings()
        exporter_config = self.serverapp.config.HTMLExporter
        exporter_config.setdefault("template_name", "offline")
        exporter_config.setdefault("extra_template_basedirs", [os.path.normpath(SITE_TEMPLATES)])
        settings = self.serverapp.web_app.settings
        settings["terminals_available"] = False
        if os.path.isfile(os.path.join(MATHJAX_DIR, "MathJax.js")):
            settings["mathjax_url"] = "lab-mathjax/MathJax.js"

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.append((r"/lab-mathjax/(.*)", StaticFileHandler, {"path": MATHJAX_DIR}))


if __name__ == "__main__":
    JConcLab.launch_instance()
