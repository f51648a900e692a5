#!/usr/bin/python3
"""Stops JupyterHub servers that have been idle too long (a small idle culler for the hub's REST API).

Run by the hub as a service (it passes JUPYTERHUB_API_URL and JUPYTERHUB_API_TOKEN), with the
scopes list:users, read:users:activity, read:servers, delete:servers. Every --every seconds it
asks the hub for every user's servers and stops each one whose last activity is older than
--timeout seconds. --once checks once and exits.
"""
import argparse
import json
import os
import sys
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone


def api(method, path):
    url = os.environ["JUPYTERHUB_API_URL"].rstrip("/") + path
    request = urllib.request.Request(url, method=method,
                                     headers={"Authorization": "token " + os.environ["JUPYTERHUB_API_TOKEN"]})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body else None


def idle_servers(users, timeout, now):
    """(user, server name, idle seconds) of every ready server idle longer than timeout."""
    for user in users:
        for name, server in (user.get("servers") or {}).items():
            if not server.get("ready") or server.get("pending"):
                continue
            last = server.get("last_activity") or server.get("started")
            if not last:
                continue
            idle = (now - datetime.fromisoformat(last.replace("Z", "+00:00"))).total_seconds()
            if idle > timeout:
                yield user["name"], name, idle


def cull(timeout):
    now = datetime.now(timezone.utc)
    for user, name, idle in list(idle_servers(api("GET", "/users"), timeout, now)):
        path = "/users/" + urllib.parse.quote(user) + ("/servers/" + urllib.parse.quote(name) if name else "/server")
        print(f"stopping the server of {user} (idle {idle:.0f} s)", flush=True)
        try:
            api("DELETE", path)
        except Exception as e:  # one failure does not stop the others
            print(f"could not stop the server of {user}: {e}", file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=3600, help="idle seconds before a server is stopped")
    parser.add_argument("--every", type=float, default=0, help="seconds between checks (default: timeout/2, at most 300)")
    parser.add_argument("--once", action="store_true", help="check once and exit")
    args = parser.parse_args()
    every = args.every or min(300.0, max(1.0, args.timeout / 2))
    while True:
        try:
            cull(args.timeout)
        except Exception as e:
            print(f"idle culler: {e}", file=sys.stderr, flush=True)
        if args.once:
            return
        time.sleep(every)


if __name__ == "__main__":
    main()
