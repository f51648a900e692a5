"""Serve the Notebook 7 frontend built into e2e/v4/notebook/build/ with Debian's
jupyterlab_server, the way Notebook 7's own server extension does: /tree for the file browser,
/notebooks/PATH for a notebook.

    /usr/bin/python3 e2e/v4/notebook/serve.py --ServerApp.root_dir=notebooks --ServerApp.port=8888

and open the URL it prints.  Every --ServerApp.* option of jupyter_server works.  The APIs of
jupyter_server 2 that Notebook 7 calls and 1.23 lacks are stood in for by ../server_shims.py.
"""
import os
import sys

from jupyter_server.utils import url_escape, url_path_join
from jupyterlab_server.handlers import LabHandler
from tornado import web

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:0] = [os.path.dirname(HERE), os.path.dirname(os.path.dirname(HERE))]
import server_shims  # noqa: E402
from frontend_server import BuiltFrontendApp, state_dir  # noqa: E402

BUILD = os.path.join(HERE, "build")


def _jupyter_server_extension_points():
    """Lets jupyter_server load this module as the extension that serves /tree and /notebooks."""
    return [{"module": __name__, "app": JConcNotebook7}]


class NotebookPageHandler(LabHandler):
    """A Notebook 7 page: JupyterLab's page config plus the page's name (`notebookPage`),
    which tells the frontend which plugins to load."""

    page = None  # "tree" or "notebooks"

    @web.authenticated
    def get(self, path=""):
        path = path.strip("/")
        is_dir = self.contents_manager.dir_exists(path)
        if self.page == "notebooks" and is_dir:
            return self.redirect(url_path_join(self.base_url, "tree", url_escape(path)))
        if self.page == "tree" and path and not is_dir:
            return self.redirect(url_path_join(self.base_url, "notebooks", url_escape(path)))
        page_config = dict(self.get_page_config(), notebookPage=self.page,
                           treePath=path if is_dir else "", frontendUrl=self.base_url)
        self.write(self.render_template("index.html", page_config=page_config))


class TreePage(NotebookPageHandler):
    page = "tree"


class NotebookPage(NotebookPageHandler):
    page = "notebooks"


class JConcNotebook7(BuiltFrontendApp):
    name = __name__
    app_name = "Jupyter Notebook"
    app_version = "7.6.3"
    extension_url = "/"
    default_url = "/tree"
    static_dir = BUILD
    schemas_dir = os.path.join(BUILD, "schemas")
    themes_dir = os.path.join(BUILD, "themes")
    app_settings_dir = os.path.join(HERE, "..", "lab", "settings")  # overrides.json
    _state = state_dir("jconc-notebook7-")
    user_settings_dir = os.path.join(_state, "user-settings")
    workspaces_dir = os.path.join(_state, "workspaces")
    extra_handlers = [(r"/tree(.*)", TreePage), (r"/notebooks(.*)", NotebookPage),
                      *server_shims.HANDLERS]


if __name__ == "__main__":
    JConcNotebook7.launch_instance()
