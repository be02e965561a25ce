#!/usr/bin/env bash
# Spark (saidwhat.spark, spark-extract and its test) needs Java 17: install Debian's
# headless runtime when no `java` is on the PATH.
set -euo pipefail
if command -v java >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
