"""Serve the JupyterLab 4 frontend built into e2e/v4/lab/build/ with Debian's jupyterlab_server.

    /usr/bin/python3 e2e/v4/lab/serve.py --ServerApp.root_dir=notebooks --ServerApp.port=8888

and open the URL it prints.  Every --ServerApp.* option of jupyter_server works.  The APIs of
jupyter_server 2 that JupyterLab 4 calls and 1.23 lacks are stood in for by ../server_shims.py.
"""
import os
import sys
import tempfile

from jupyterlab_server import LabServerApp

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import server_shims  # noqa: E402

BUILD = os.path.join(HERE, "build")
SITE_TEMPLATES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "site", "templates"))

os.environ.setdefault("JUPYTER_NO_CONFIG", "1")  # a test run ignores ~/.jupyter


def _jupyter_server_extension_points():
    """Lets jupyter_server load this module as the extension that serves /lab."""
    return [{"module": __name__, "app": JConcLab4}]


class JConcLab4(LabServerApp):
    name = __name__
    app_name = "JupyterLab"
    app_version = "4.6.6"
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
    _state = os.environ.get("JCONC_LAB_STATE") or tempfile.mkdtemp(prefix="jconc-lab4-")
    user_settings_dir = os.path.join(_state, "user-settings")
    workspaces_dir = os.path.join(_state, "workspaces")

    def initialize_settings(self):
        if not os.path.isfile(os.path.join(BUILD, "bundle.js")):
            raise SystemExit(f"{BUILD}/bundle.js is missing: run e2e/setup first")
        super().initialize_settings()
        server_shims.configure_html_export(self.serverapp, SITE_TEMPLATES)
        self.serverapp.web_app.settings["terminals_available"] = False

    def initialize_handlers(self):
        super().initialize_handlers()
        self.handlers.extend(server_shims.HANDLERS)


if __name__ == "__main__":
    JConcLab4.launch_instance()
