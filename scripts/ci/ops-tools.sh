# Sourced by the ops check scripts: installs what they need, only when it is missing, so a warm machine pays nothing.
#   need_apt COMMAND PACKAGE    install Debian PACKAGE unless COMMAND is on the PATH (or PACKAGE is a -dev package already installed)
#   need_validate_tools         npm dependencies of tools/validate (locked by its package.json versions)

ops_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ops_apt_updated=0

need_apt() {
  local command=$1 package=$2
  if [ -n "$command" ] && command -v "$command" >/dev/null 2>&1; then return 0; fi
  if [ -z "$command" ] && dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then return 0; fi
  if [ "$ops_apt_updated" = 0 ]; then
    apt-get update -qq >/dev/null
    ops_apt_updated=1
  fi
  echo "installing $package"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}

need_validate_tools() {
  if [ ! -d "$ops_root/tools/validate/node_modules/@grafana/schema" ] || [ ! -d "$ops_root/tools/validate/node_modules/kubernetes-models" ]; then
    echo "installing tools/validate npm dependencies"
    (cd "$ops_root/tools/validate" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}
