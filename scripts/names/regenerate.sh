#!/usr/bin/env bash
# Regenerates lang/{en,id,es,_template}/names.actors.txt from CLDR, CountryInfo and Phoenix.
# Run from the repository root with ../shared beside it. It downloads Debian's
# unicode-cldr-core package (CLDR 41 on Debian 12) into a temporary folder; nothing is installed.
set -euo pipefail
repository_root="$(cd "$(dirname "$0")/../.." && pwd)"
shared="${SHARED:-$repository_root/../shared}"
work_folder="$(mktemp -d)"
trap 'rm -rf "$work_folder"' EXIT
# apt warns that it downloads as root when _apt cannot reach the folder; that warning is noise.
(cd "$work_folder" && apt-get download unicode-cldr-core >/dev/null \
    2> >(grep -v "Download is performed unsandboxed" >&2))
dpkg-deb -x "$work_folder"/unicode-cldr-core_*.deb "$work_folder/cldr"
python3 "$repository_root/scripts/names/generate.py" \
    --cldr "$work_folder/cldr/usr/share/unicode/cldr/common" \
    --countryinfo "$shared/data/coding/dictionaries/countryinfo/CountryInfo.120116.txt" \
    --phoenix "$shared/data/coding/dictionaries/petrarch2" \
    --out "$repository_root/lang"
