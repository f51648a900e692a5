"""Serve the JupyterLab 4 frontend built into e2e/v4/lab/build/ with Debian's jupyterlab_server.

    /usr/bin/python3 e2e/v4/lab/serve.py --ServerApp.root_dir=notebooks --ServerApp.port=8888

and open the URL it prints.  Every --ServerApp.* option of jupyter_server works.  The APIs of
jupyter_server 2 that JupyterLab 4 calls and 1.23 lacks are stood in for by ../server_shims.py.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), os.path.dirname(os.path.dirname(HERE))]
import server_shims  # noqa: E402
from frontend_server import BuiltFrontendApp, state_dir  # noqa: E402

BUILD = os.path.join(HERE, "build")


def _jupyter_server_extension_points():
    """Lets jupyter_server load this module as the extension that serves /lab."""
    return [{"module": __name__, "app": JConcLab4}]


class JConcLab4(BuiltFrontendApp):
    name = __name__
    app_name = "JupyterLab"
    app_version = "4.6.6"
    extension_url = "/lab"
    default_url = "/lab"
    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(HERE, "settings")  # overrides.json
    _state = state_dir("jconc-lab4-")
    user_settings_dir = os.path.join(_state, "user-settings")
    workspaces_dir = os.path.join(_state, "workspaces")
    extra_handlers = server_shims.HANDLERS


if __name__ == "__main__":
    JConcLab4.launch_instance()
