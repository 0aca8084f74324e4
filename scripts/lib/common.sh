# Shared helpers for the project's scripts. Source it; do not run it.

repo_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

log() { printf '==> %s\n' "$*" >&2; }

# ensure_debian_packages PKG...: installs the Debian packages that are missing (needs root or sudo).
ensure_debian_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_dotnet: the .NET SDK must be on PATH (it is the one prerequisite scripts do not install).
ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || { echo "The .NET SDK 10 is required (dotnet on PATH)." >&2; exit 2; }
}
