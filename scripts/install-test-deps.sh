#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through Playwright (never `playwright install`,
# which downloads a browser build of its own): install the distribution's package when absent.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium
