#!/usr/bin/env bash
# Builds jconc and registers it with Jupyter as the kernel "jconc" ("Java (jconc)"). A convenience
# over the kernel's jar, which installs itself (java -jar kernel/target/jconc-kernel-all.jar --help).
#
#   ./install.sh                 install for the current user (the default, same as --user)
#   ./install.sh --sys-prefix    install into the Python environment that runs `jupyter`
#   ./install.sh --prefix DIR    install under DIR/share/jupyter/kernels/ (a virtualenv, a test)
#   ./install.sh --uninstall     remove the kernel again (with the same --prefix or --sys-prefix)
#
# Other options:
#   --name NAME       kernelspec name (default jconc)
#   --java PATH       the java executable the kernel runs on (default: $JAVA_HOME/bin/java, else java)
#   --no-build        use the jar already built in kernel/target
#   --deps-only       install what the kernel needs to run, then stop
#
# On Debian/Ubuntu it installs what is missing with apt-get (as root or through sudo): a JDK and
# Jupyter (jupyter-core, jupyter-client, the notebook). Elsewhere it needs java 17+ (a JDK) and
# jupyter on PATH. It builds with mvn when installed, else with ./mvnw (which fetches Maven once).
# Running it again is safe: it replaces what an earlier run installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scope=()
name=()
java_bin=""
build=1
command=install
deps_only=0

while [ $# -gt 0 ]; do
  case "$1" in
    --user|--sys-prefix) scope=("$1"); shift ;;
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }
              scope=(--prefix "$2"); shift 2 ;;
    --name) [ $# -ge 2 ] || { echo "install.sh: --name needs a name" >&2; exit 2; }
            name=(--name "$2"); shift 2 ;;
    --java) [ $# -ge 2 ] || { echo "install.sh: --java needs a path" >&2; exit 2; }
            java_bin="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --uninstall) command=uninstall; shift ;;
    --deps-only) deps_only=1; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'jconc: %s\n' "$*"; }
die() { printf 'jconc: %s\n' "$*" >&2; exit 1; }
# shellcheck source=scripts/debian-packages.sh
. "$here/scripts/debian-packages.sh"

# What the kernel needs from Debian besides a JDK: Jupyter's client side and the notebook server
# a teacher opens the course with (jupyter-notebook brings nbconvert and nbformat).
JUPYTER_PACKAGES="jupyter-core jupyter-client jupyter-notebook"
JDK_PACKAGES="openjdk-17-jdk-headless openjdk-21-jdk-headless openjdk-25-jdk-headless default-jdk-headless"

default_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then echo "$JAVA_HOME/bin/java";
  else command -v java 2>/dev/null || true; fi
}

# "17" for a JDK 17 with JShell; "17 jre" for a runtime without it; "" when it is no java.
java_kind() {
  local settings major
  settings="$("$1" -XshowSettings:properties --list-modules 2>&1)" || true
  major="$(sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' <<<"$settings" | head -1)"
  major="${major#1.}"; major="${major%%.*}"
  [ -n "$major" ] || return 0
  if grep -q '^jdk\.jshell@' <<<"$settings"; then echo "$major"; else echo "$major jre"; fi
}

# Why $1 cannot run the kernel, or nothing when it can.
java_problem() {
  local kind
  [ -n "$1" ] || { echo "java (a JDK 17 or newer)"; return; }
  [ -f "$1" ] && [ -x "$1" ] || { echo "java: $1 is not an executable file"; return; }
  kind="$(java_kind "$1")"
  if [ -z "$kind" ]; then echo "java: $1 is not a java executable";
  elif [ "${kind%% *}" -lt 17 ]; then echo "java 17 or newer: $1 is Java ${kind%% *}; jconc needs Java 17 or newer (set JAVA_HOME or pass --java)";
  elif [ "${kind#* }" = jre ]; then echo "a JDK: $1 is a Java runtime without JShell (module jdk.jshell)"; fi
}

# Jupyter finds its subcommands as jupyter-NAME on PATH: jupyter-kernelspec is jupyter_client's.
jupyter_ready() {
  command -v jupyter >/dev/null 2>&1 && command -v jupyter-kernelspec >/dev/null 2>&1
}

ensure_dependencies() {
  local problem missing=()
  if [ -n "$java_bin" ]; then
    # A java named with --java is used as it is, never replaced.
    problem="$(java_problem "$java_bin")"
    [ -z "$problem" ] || die "${problem#*: }"
  fi
  if is_debian_like; then
    if [ -z "$java_bin" ] && [ -n "$(java_problem "$(default_java)")" ]; then
      local jdk
      jdk="$(first_available_package $JDK_PACKAGES)" || die "apt knows none of $JDK_PACKAGES: install a JDK 17 or newer"
      install_packages "$jdk"
    fi
    # A Jupyter installed another way (pip, conda, a virtualenv on PATH) is used as it is.
    if ! { jupyter_ready && { command -v jupyter-notebook || command -v jupyter-lab; } >/dev/null 2>&1; }; then
      install_packages $JUPYTER_PACKAGES
    fi
    # The JDK's sources give inspect (Shift+Tab) its javadoc; optional.
    local kind
    kind="$(java_kind "${java_bin:-$(default_java)}")"
    if [ -n "$kind" ] && apt-cache show "openjdk-${kind%% *}-source" >/dev/null 2>&1; then
      install_packages "openjdk-${kind%% *}-source" || say "openjdk-${kind%% *}-source not installed: inspect shows signatures without javadoc"
    fi
  fi
  [ -n "$java_bin" ] || { problem="$(java_problem "$(default_java)")"; [ -z "$problem" ] || missing+=("$problem"); }
  jupyter_ready || missing+=("jupyter (Jupyter with jupyter_client on PATH, e.g. pip install notebook)")
  if [ ${#missing[@]} -gt 0 ]; then
    local list="${missing[0]}" m
    for m in "${missing[@]:1}"; do list="$list; $m"; done
    die "missing: $list. Install them, then run ./install.sh again."
  fi
}

if [ "$command" = install ]; then
  ensure_dependencies
  [ "$deps_only" -eq 1 ] && { say "what the kernel needs is installed"; exit 0; }
fi
java_bin="${java_bin:-$(default_java)}"
[ -n "$java_bin" ] || die "missing: java (a JDK 17 or newer)"

jar="$here/kernel/target/jconc-kernel-all.jar"
if [ "$build" -eq 1 ] && { [ "$command" = install ] || [ ! -f "$jar" ]; }; then
  if command -v mvn >/dev/null 2>&1; then maven=(mvn); else maven=("$here/mvnw"); say "no mvn installed: building with ./mvnw"; fi
  say "building with Maven"
  (cd "$here" && JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$java_bin")")")}" \
     "${maven[@]}" -B -q -DskipTests package) || die "the Maven build failed (see above)"
fi
[ -f "$jar" ] || die "$jar is missing: build first (./mvnw -DskipTests package) or drop --no-build"

if [ "$command" = install ]; then
  exec "$java_bin" -jar "$jar" install ${scope[@]+"${scope[@]}"} ${name[@]+"${name[@]}"} --java "$java_bin"
else
  exec "$java_bin" -jar "$jar" uninstall ${scope[@]+"${scope[@]}"} ${name[@]+"${name[@]}"}
fi
