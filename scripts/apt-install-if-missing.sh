#!/usr/bin/env bash
# Install a Debian package only when the program it provides is missing:
#   apt-install-if-missing.sh PROGRAM PACKAGE
# The project's set-up uses it for Java 17 (Spark) and Chromium (the browser tests; never
# `playwright install`, which downloads a browser build of its own and fails here).
set -euo pipefail
program=$1
package=$2
if command -v "$program" >/dev/null 2>&1 || [ -x "$program" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$package"
