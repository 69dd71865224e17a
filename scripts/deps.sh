#!/usr/bin/env bash
# Install the Debian packages and npm packages canbo needs, only when missing.
# Does nothing (and prints nothing but one line) when everything is present.
set -euo pipefail
need_pkgs=(build-essential cmake pkg-config
  libmicrohttpd-dev libsqlite3-dev libjansson-dev libutf8proc-dev libicu-dev
  libsodium-dev libxlsxwriter-dev libcmocka-dev
  sqlite3 unzip libxml2-utils curl python3 bc hyperfine
  chromium nginx wrk nodejs npm
  # documents ready to sign (issue 10): DOCX and PDF writers, their font (Liberation 2.x: the 1.x
  # fonts-liberation lacks Vietnamese letters such as ạ ơ ư), outside checkers
  libzip-dev libxml2-dev libcairo2-dev libpango1.0-dev libfontconfig-dev fonts-liberation2
  libreoffice-writer-nogui poppler-utils
  libfreexl-dev time   # import of workbooks; /usr/bin/time for its memory tests (issue 8)
  # hardening (issue 12): certificates for the TLS test, clang + libFuzzer for the fuzzers,
  # Java for the W3C Nu checker (vnu-jar from npm)
  openssl clang libclang-rt-14-dev default-jre-headless
  # PostgreSQL as the second store (issue 13): libpq for the backend, a throwaway
  # PostgreSQL 15 cluster for the tests (scripts/pg-tmp.sh)
  libpq-dev postgresql-15)
missing=()
for p in "${need_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# node/npm may come from outside Debian's packages (already on the machine): accept them.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  filtered=(); for p in "${missing[@]}"; do [[ "$p" == nodejs || "$p" == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]+"${filtered[@]}"}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# npm packages for the browser tests (playwright-core drives Debian's chromium).
here=$(cd "$(dirname "$0")/.." && pwd)
if [ ! -d "$here/tests/e2e/node_modules/playwright-core" ] || [ ! -d "$here/tests/e2e/node_modules/vnu-jar" ] ||
   [ ! -d "$here/tests/e2e/node_modules/axe-core" ]; then   # vnu-jar, axe-core: page checks (issue 12)
  echo "deps: installing npm packages for tests/e2e"
  (cd "$here/tests/e2e" && npm install --no-audit --no-fund --silent >/dev/null)
fi
echo "deps: all present"
