"""What JupyterLab 4 and Notebook 7 ask of a Jupyter server that Debian's jupyter_server 1.23
and jupyterlab_server 2.16 do not have, served as small honest stand-ins.

- GET /api/me: jupyter_server 2 answers with the user's identity and permissions. 1.23 has no
  identity API; the stand-in answers for the one user a token server has (the name
  jupyter_server 2 gives an anonymous token user), with no permissions asked for.
- /api/events/subscribe (WebSocket) and POST /api/events: jupyter_server 2's event bus.
  1.23 emits no events, so the socket is accepted and stays silent, and an event posted by the
  page is acknowledged (204) and dropped, as a server with no listeners for it would.
"""
import json

from jupyter_server.base.handlers import APIHandler, JupyterHandler
from jupyter_server.base.zmqhandlers import WebSocketMixin
from tornado import web, websocket


class IdentityHandler(APIHandler):
    @web.authenticated
    def get(self):
        self.finish(json.dumps({
            "identity": {"username": "jconc", "name": "jconc", "display_name": "jconc",
                         "initials": "J", "avatar_url": None, "color": None},
            "permissions": {},
        }))


class EventsHandler(APIHandler):
    @web.authenticated
    def post(self):
        self.set_status(204)
        self.finish()


class SilentEventsSocket(WebSocketMixin, websocket.WebSocketHandler, JupyterHandler):
    async def get(self, *args, **kwargs):
        if self.get_current_user() is None:
            raise web.HTTPError(403)
        await super().get(*args, **kwargs)

    def on_message(self, message):
        pass


HANDLERS = [
    (r"/api/me", IdentityHandler),
    (r"/api/events", EventsHandler),
    (r"/api/events/subscribe", SilentEventsSocket),
]

