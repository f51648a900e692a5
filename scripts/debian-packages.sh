# Sourced by install.sh and tests/install-test-deps: installs Debian packages when missing.
# Needs `say` and `die` from the script that sources it.

is_debian_like() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@";
  elif command -v sudo >/dev/null 2>&1; then sudo "$@";
  else return 1; fi
}

# The packages among "$@" that are not installed.
missing_packages() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

apt_updated=0
apt_update() {
  [ "$apt_updated" -eq 1 ] && return 0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && apt_updated=1
}

# The first of "$@" that apt can install.
first_available_package() {
  apt_update || true
  for p in "$@"; do
    if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then echo "$p"; return 0; fi
  done
  return 1
}

install_packages() {
  local missing
  missing="$(missing_packages "$@")"
  [ -z "$missing" ] && return 0
  say "installing $missing"
  # shellcheck disable=SC2086
  if ! apt_update \
     || ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
    die "could not install: $missing. Run as root or with sudo: apt-get install --no-install-recommends $missing"
  fi
}
