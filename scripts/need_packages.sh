#!/bin/sh
# The Debian packages a make target needs, as COMMAND:PACKAGE pairs, e.g.
#     sh scripts/need_packages.sh bwrap:bubblewrap chromium:chromium chromedriver:chromium-driver
# (a COMMAND with a / is a path, globs allowed: '/usr/lib/postgresql/*/bin/initdb:postgresql').
# mlmath grade runs every grading kernel in a bubblewrap sandbox and refuses to grade without one (make demo,
# make test); the browser tests drive Debian's Chromium, the PostgreSQL gradebook's tests start a server
# from Debian's postgresql (make test). As root this installs what is missing;
# as anyone else it prints the one command to run and fails.
set -eu
missing=""
for pair in "$@"; do
  case "${pair%%:*}" in
    */*) ls ${pair%%:*} >/dev/null 2>&1 || missing="$missing ${pair#*:}" ;;
    *) command -v "${pair%%:*}" >/dev/null 2>&1 || missing="$missing ${pair#*:}" ;;
  esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's packages:$missing" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  exit 0
fi
echo "These Debian packages are not installed:$missing. Install them, then run make again:" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "    sudo apt-get install -y$missing" >&2
else
  echo "    your system's packages$missing (dnf install ..., pacman -S ...)" >&2
fi
exit 1
