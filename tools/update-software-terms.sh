#!/usr/bin/env bash
# Refresh mtcheck/data/software-terms.txt from the npm registry's @cspell/dict-software-terms (MIT).
# Usage: tools/update-software-terms.sh [VERSION]
set -euo pipefail
cd "$(dirname "$0")/.."
version="${1:-latest}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "@cspell/dict-software-terms@$version" >/dev/null && tar xzf ./*.tgz)
got="$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['version'])" "$tmp/package/package.json")"
{
  echo "# Software terms for spelling: words of technical prose that general spellers reject (bigint, memoize, todo)."
  echo "# From the cspell project's @cspell/dict-software-terms $got (MIT, Street Side Software; LICENSE-software-terms),"
  echo "# files softwareTerms, software-tools, networkingTerms, webServices, computing-acronyms. Refresh with"
  echo "# tools/update-software-terms.sh. One word a line; case as listed."
  (cd "$tmp/package/dict" && zcat softwareTerms.txt.gz && cat software-tools.txt networkingTerms.txt webServices.txt \
    computing-acronyms.txt) | grep -v '^#' | grep -v '^\s*$' | grep -v '[*]' | LC_ALL=C sort -u
} > mtcheck/data/software-terms.txt
cp "$tmp/package/LICENSE" mtcheck/data/LICENSE-software-terms
echo "software terms $got: $(grep -vc '^#' mtcheck/data/software-terms.txt) words"
