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

# ensure_node: Node.js and npm on PATH; Debian's nodejs and npm when node is missing.
ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  ensure_debian_packages nodejs npm
}

# ensure_npm_packages DIR: installs DIR's locked npm packages (npm ci) once, when DIR/node_modules is
# missing or older than DIR/package-lock.json. node_modules is git-ignored.
ensure_npm_packages() {
  local dir=$1
  if [ -d "$dir/node_modules" ] && [ ! "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    return 0
  fi
  log "install npm packages in $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
}
