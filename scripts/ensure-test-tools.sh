#!/usr/bin/env bash
# Installs what the test suite needs beyond Java and Maven, when it is missing:
#   - Debian's Chromium, which the Playwright journeys drive (Playwright's own browser download is not used).
# Called by the Maven build before the integration tests, and by .ci/run. Safe to run again.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium (/usr/bin/chromium) is missing: install Debian's 'chromium' package (sudo apt-get install chromium)." >&2
  exit 1
fi
echo "Installing Debian's chromium for the browser tests..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
/usr/bin/chromium --version
