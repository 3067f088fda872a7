#!/bin/sh
# mlmath grade runs every grading kernel in a bubblewrap sandbox and refuses to grade without one, so the
# set-up of `make test` and `make demo` makes sure it is there: as root it installs Debian's package
# `bubblewrap`; as anyone else it prints the one command to run and fails.
set -eu
command -v bwrap >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing bubblewrap (Debian's package), the sandbox mlmath grades students' code in" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap >/dev/null
  exit 0
fi
echo "mlmath grades students' code inside bubblewrap, which is not installed. Install it, then run make again:" >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "    sudo apt-get install -y bubblewrap" >&2
else
  echo "    your system's package 'bubblewrap' (dnf install bubblewrap, pacman -S bubblewrap, ...)" >&2
fi
exit 1
