# JupyterHub configuration of a jconc classroom: real local accounts (PAM), one notebook server
# per student started as that student, the course copied into each home on first login, idle
# servers stopped. `setup` installs this file as /etc/jconc-classroom/jupyterhub_config.py;
# edit the values below there (then: setup --restart).
import os
import pwd
import shutil
import sys

c = get_config()  # noqa: F821 (given by JupyterHub)

HERE = os.path.dirname(os.path.abspath(__file__))
# Where setup puts the course (the notebooks) and the culler.
COURSE = os.environ.get("JCONC_CLASS_COURSE", "/usr/local/share/jconc/course")
CULLER = os.environ.get("JCONC_CLASS_CULLER", os.path.join(HERE, "cull_idle.py"))
# The folder each student finds in their home, a copy of COURSE made on their first login.
COURSE_FOLDER = "jconc-course"
# A student's server (their notebooks and Java kernels) stops after this long without activity.
IDLE_TIMEOUT_SECONDS = int(os.environ.get("JCONC_CLASS_IDLE_TIMEOUT", 3600))
PORT = int(os.environ.get("JCONC_CLASS_PORT", 8000))

c.JupyterHub.bind_url = f"http://:{PORT}"
# Debian's configurable-http-proxy finds its modules only with this path (a Node from another
# source does not search Debian's module directory).
c.ConfigurableHTTPProxy.command = ["/usr/bin/env", "NODE_PATH=/usr/share/nodejs", "configurable-http-proxy"]
# Cookie secret, database and proxy token under the hub's working directory (setup: /var/lib/jconc-classroom).
c.JupyterHub.cookie_secret_file = "jupyterhub_cookie_secret"
c.JupyterHub.db_url = "sqlite:///jupyterhub.sqlite"

# Students log in with their account's name and password (PAM); add one with `adduser NAME`.
c.JupyterHub.authenticator_class = "jupyterhub.auth.PAMAuthenticator"
# Administrators (may stop anyone's server from the hub's admin page): setup --admin NAME.
c.Authenticator.admin_users = set(filter(None, os.environ.get("JCONC_CLASS_ADMINS", "").split(",")))
# Each student's server runs under their own account, in their home.
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.default_url = f"/tree/{COURSE_FOLDER}"
# Java kernels take a few seconds to start when the whole class logs in at once.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 180
# Limits of every child JVM a student's notebook starts (jconc reads these; these are its defaults).
c.Spawner.environment = {
    "JCONC_CHILD_HEAP": os.environ.get("JCONC_CHILD_HEAP", "256m"),
    "JCONC_MAX_CHILDREN": os.environ.get("JCONC_MAX_CHILDREN", "32"),
}


def student_home(spawner):
    """The student's home: the spawner's own idea of it if it has one, else the account's."""
    home = getattr(spawner, "home_dir", None)
    return home or pwd.getpwnam(spawner.user.name).pw_dir


def copy_course(spawner):
    """On a student's first start, a copy of the course in their home, owned by them."""
    home = student_home(spawner)
    target = os.path.join(home, COURSE_FOLDER)
    if os.path.exists(target) or not os.path.isdir(COURSE):
        return
    os.makedirs(home, 0o755, exist_ok=True)
    shutil.copytree(COURSE, target)
    if os.geteuid() == 0 and type(spawner).__name__ == "LocalProcessSpawner":
        account = pwd.getpwnam(spawner.user.name)
        for root, dirs, files in os.walk(target):
            for name in [root] + [os.path.join(root, n) for n in dirs + files]:
                os.chown(name, account.pw_uid, account.pw_gid)
    spawner.log.info("copied the course into %s", target)


c.Spawner.pre_spawn_hook = copy_course

# The idle culler: a service of the hub that stops servers idle for IDLE_TIMEOUT_SECONDS.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [sys.executable, CULLER, f"--timeout={IDLE_TIMEOUT_SECONDS}"],
    }
]
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    }
]
