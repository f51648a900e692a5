"""Serve the JupyterLab 3.6 frontend built into lab/build/ with Debian's jupyterlab_server.

jupyterlab_server (LabServerApp) is the server half of JupyterLab; this module gives it the
frontend that `e2e/setup` builds from npm packages.  Run it with Debian's python:

    /usr/bin/python3 e2e/lab/serve.py --ServerApp.root_dir=notebooks --ServerApp.port=8888

and open the URL it prints.  Every --ServerApp.* option of jupyter_server works.
"""
import os
import sys

from tornado.web import StaticFileHandler

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from frontend_server import BuiltFrontendApp, state_dir  # noqa: E402

BUILD = os.path.join(HERE, "build")
# Debian's libjs-mathjax (MathJax 2.7), so $math$ in Markdown cells renders without network
MATHJAX_DIR = "/usr/share/javascript/mathjax"


def _jupyter_server_extension_points():
    """Lets jupyter_server load this module as the extension that serves /lab."""
    return [{"module": __name__, "app": JConcLab}]


class JConcLab(BuiltFrontendApp):
    name = __name__
    app_name = "JupyterLab"
    app_version = "3.6.8"
    extension_url = "/lab"
    default_url = "/lab"
    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(HERE, "settings")  # overrides.json
    _state = state_dir("jconc-lab-")
    user_settings_dir = os.path.join(_state, "user-settings")
    workspaces_dir = os.path.join(_state, "workspaces")
    extra_handlers = [(r"/lab-mathjax/(.*)", StaticFileHandler, {"path": MATHJAX_DIR})]

    def initialize_settings(self):
        super().initialize_settings()
        if os.path.isfile(os.path.join(MATHJAX_DIR, "MathJax.js")):
            self.serverapp.web_app.settings["mathjax_url"] = "lab-mathjax/MathJax.js"


if __name__ == "__main__":
    JConcLab.launch_instance()
