#!/usr/bin/env bash
# Builds jconc and registers it with Jupyter as the kernel "jconc" ("Java (jconc)").
#
#   ./install.sh                 install for the current user (the default, same as --user)
#   ./install.sh --prefix DIR    install under DIR/share/jupyter/kernels/ (a virtualenv, a test)
#   ./install.sh --uninstall     remove the kernel again (with --prefix DIR for that location)
#
# Other options:
#   --name NAME       kernelspec name (default jconc)
#   --java PATH       the java executable the kernel runs on (default: $JAVA_HOME/bin/java, else java)
#   --no-build        use the jar already built in kernel/target
#   --deps-only       install the system packages jconc needs, then stop
#
# Running it again is safe: it replaces what an earlier run installed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scope=(--user)
name=jconc
display="Java (jconc)"
java_bin=""
build=1
uninstall=0
deps_only=0

while [ $# -gt 0 ]; do
  case "$1" in
    --user) scope=(--user); shift ;;
    --prefix) scope=(--prefix "$2"); shift 2 ;;
    --name) name="$2"; [ "$2" != jconc ] && display="Java (jconc, $2)"; shift 2 ;;
    --java) java_bin="$2"; shift 2 ;;
    --no-build) build=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    --deps-only) deps_only=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf 'jconc: %s\n' "$*"; }
die() { printf 'jconc: %s\n' "$*" >&2; exit 1; }

# The kernel's JVM: a small young generation and a heap that gives memory back keep a
# long session near 170 MiB; the serial collector starts fastest.
JVM_FLAGS=(-XX:+UseSerialGC -XX:MaxNewSize=24m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xshare:auto -Djava.awt.headless=true)

# The Debian packages behind each tool jconc needs.
JUPYTER_PACKAGES="jupyter-core jupyter-client jupyter-nbconvert python3-nbclient jupyter-console \
python3-jupyter-kernel-test jupyter-notebook python3-nbclassic jupyter-server python3-jupyterlab-server \
python3-ipykernel python3-pytest python3-pexpect"
JAVA_PACKAGES="openjdk-17-jdk-headless maven"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else return 1; fi
}

missing_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

install_packages() {
  local missing
  missing="$(missing_packages "$@")"
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    die "missing: $missing. This is not a Debian-like system: install Java 17+, Maven and Jupyter (jupyter_client, nbconvert, notebook) yourself, then run ./install.sh again."
  fi
  say "installing $missing"
  if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
     || ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    die "could not install: $missing. Run as root or with sudo: apt-get install --no-install-recommends $missing"
  fi
}

ensure_dependencies() {
  command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 || install_packages $JAVA_PACKAGES
  install_packages $JUPYTER_PACKAGES
  # The JDK's sources give inspect (Shift+Tab) its javadoc; optional.
  local jdk_major
  jdk_major="$("${java_bin:-java}" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
  if [ -n "$jdk_major" ] && apt-cache show "openjdk-$jdk_major-source" >/dev/null 2>&1; then
    install_packages "openjdk-$jdk_major-source" || say "openjdk-$jdk_major-source not installed: inspect shows signatures without javadoc"
  fi
}

jupyter_cmd() {
  if command -v jupyter >/dev/null 2>&1; then jupyter "$@"; else /usr/bin/python3 -m jupyter "$@"; fi
}

if [ "$uninstall" -eq 1 ]; then
  if [ "${scope[0]}" = "--prefix" ]; then
    target="${scope[1]}/share/jupyter/kernels/$name"
    [ -d "$target" ] && rm -rf "$target" && say "removed kernel $name from ${scope[1]}" || say "kernel $name was not installed in ${scope[1]}"
  else
    jupyter_cmd kernelspec remove -f "$name" >/dev/null 2>&1 && say "removed kernel $name" || say "kernel $name was not installed"
  fi
  exit 0
fi

ensure_dependencies
[ "$deps_only" -eq 1 ] && { say "dependencies are installed"; exit 0; }

if [ -z "$java_bin" ]; then
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java_bin="$JAVA_HOME/bin/java"; else java_bin="$(command -v java)"; fi
fi
java_bin="$(readlink -f "$java_bin")"
major="$("$java_bin" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')"
[ -n "$major" ] && [ "${major%%.*}" -ge 17 ] || die "$java_bin is Java ${major:-unknown}; jconc needs Java 17 or newer (set JAVA_HOME or pass --java)."

jar="$here/kernel/target/jconc-kernel-all.jar"
if [ "$build" -eq 1 ]; then
  say "building with Maven"
  (cd "$here" && mvn -B -q -DskipTests package) || die "the Maven build failed (see above)"
fi
[ -f "$jar" ] || die "$jar is missing: build first (mvn -DskipTests package) or drop --no-build"

spec="$(mktemp -d)"
chmod 0755 "$spec"   # mktemp makes it 0700: every user must read an installed kernel
trap 'rm -rf "$spec"' EXIT
cp "$here/kernel/src/main/kernelspec/logo-32x32.png" "$here/kernel/src/main/kernelspec/logo-64x64.png" "$spec/"
cp "$jar" "$spec/jconc-kernel.jar"
echo '{}' > "$spec/kernel.json"
jupyter_cmd kernelspec install --replace --name "$name" "${scope[@]}" "$spec" >/dev/null 2>&1 \
  || die "jupyter kernelspec install failed (try: jupyter kernelspec install --name $name ${scope[*]} DIR)"

# Find where Jupyter put it, and point the kernel at the jar inside that directory, so that a
# rebuilt or deleted checkout does not break the installed kernel.
if [ "${scope[0]}" = "--prefix" ]; then
  dest="${scope[1]}/share/jupyter/kernels/$name"
else
  dest="$(jupyter_cmd kernelspec list --json | /usr/bin/python3 -c "import json,sys; print(json.load(sys.stdin)['kernelspecs']['$name']['resource_dir'])")"
fi
# A class-data archive recorded from a training run of typical cells makes every later start
# faster (the JVM maps the classes instead of loading them). Without it the kernel still works.
flags=("${JVM_FLAGS[@]}")
rm -f "$dest/jconc.jsa"
if "$java_bin" "${JVM_FLAGS[@]}" -XX:ArchiveClassesAtExit="$dest/jconc.jsa" -jar "$dest/jconc-kernel.jar" --train \
     >/dev/null 2>&1 && [ -s "$dest/jconc.jsa" ]; then
  flags+=("-XX:SharedArchiveFile=$dest/jconc.jsa")
else
  rm -f "$dest/jconc.jsa"
  say "no class-data archive (the kernel starts a little slower)"
fi
json_flags="$(printf '"%s", ' "${flags[@]}")"
cat > "$dest/kernel.json" <<EOF
{
  "argv": ["$java_bin", $json_flags
           "-jar", "$dest/jconc-kernel.jar", "{connection_file}"],
  "display_name": "$display",
  "language": "java",
  "interrupt_mode": "message",
  "env": {},
  "metadata": {"debugger": false}
}
EOF
say "installed kernel '$name' ($display) in $dest, running on Java $major ($java_bin)"
say "next: jupyter notebook $here/notebooks    (or: jupyter console --kernel $name)"
