#!/usr/bin/env python3
"""Generates lang/<code>/names.actors.txt (PETRARCH actor format) from CLDR, CountryInfo and Phoenix.

Run from the repository root; see lang/NAMES_SOURCE.md for the full command and the sources.
Only the Python standard library is used. The output is deterministic: the same inputs give
byte-identical files, so a regenerated file that differs from the committed one means the
inputs or this program changed.
"""

import argparse
import re
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path

LANGUAGES = ("en", "id", "es")
# The template pack gets a file with the same shape but no entries, so a new language starts
# from a valid (empty) dictionary.
TEMPLATE_FOLDER = "_template"

# The word that replaces "&" in CLDR names, so "Bosnia & Herzegovina" reads as news writes it.
AND_WORD = {"en": "and", "id": "dan", "es": "y"}

# Misspelling variants are made only from single-word names at least this long: shorter names
# have too many real neighbours for a one-letter change to stay unambiguous.
MISSPELLING_MINIMUM_LETTERS = 6
VOWELS = "aeiou"
# Vowels that writers and machine translation confuse with each other.
NEAR_VOWELS = {"a": "e", "e": "ai", "i": "e", "o": "u", "u": "o"}

# Record kinds in priority order: when one phrase would get two codes, the earlier kind keeps it.
KIND_ORDER = ("country", "organisation", "capital", "leader")


class InputError(Exception):
    """An input file does not have the shape this program expects."""


def fold(text):
    """Case- and accent-insensitive key used to compare names across languages."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s_]+", " ", without_marks.replace("’", "'")).strip()


def letter_count(text):
    return sum(1 for ch in text if ch.isalpha())


def phrase(name):
    """A name as a PETRARCH phrase: upper case, words joined by "_", a final "_" for a whole word."""
    cleaned = name.replace("’", "'").strip()
    words = [word for word in re.split(r"[\s_]+", cleaned) if word]
    return "_".join(word.upper() for word in words) + "_"


def read_tsv(path):
    """Rows of a tab-separated data file, skipping blank lines and "#" comments."""
    rows = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        rows.append((line_number, line.split("\t")))
    return rows


# ---------------------------------------------------------------------------------------------
# CLDR


def load_cldr(cldr_common):
    """Territory names per language, alpha-2 → alpha-3 codes, and time-zone cities."""
    supplemental = ElementTree.parse(cldr_common / "supplemental" / "supplementalData.xml")
    alpha3_by_alpha2 = {}
    for mapping in supplemental.iter("territoryCodes"):
        alpha2 = mapping.get("type", "")
        alpha3 = mapping.get("alpha3")
        if re.fullmatch(r"[A-Z]{2}", alpha2) and alpha3:
            alpha3_by_alpha2[alpha2] = CLDR_CODE_RENAMES.get(alpha3, alpha3)

    territory_names = {}
    exemplar_cities = {}
    for language in LANGUAGES:
        tree = ElementTree.parse(cldr_common / "main" / f"{language}.xml")
        names = {}
        for territory in tree.iter("territory"):
            names.setdefault(territory.get("type", ""), []).append(
                (territory.get("alt") or "", (territory.text or "").strip())
            )
        territory_names[language] = names
        cities = {}
        for zone in tree.iter("zone"):
            city = zone.find("exemplarCity")
            if city is not None and city.text:
                cities[zone.get("type", "")] = city.text.strip()
        exemplar_cities[language] = cities

    # The BCP 47 time-zone identifiers begin with the territory's alpha-2 code ("rumow" is
    # Moscow, Russia), and their descriptions give the English city name.
    zones_by_alpha2 = {}
    timezone_tree = ElementTree.parse(cldr_common / "bcp47" / "timezone.xml")
    for zone in timezone_tree.iter("type"):
        name = zone.get("name", "")
        aliases = (zone.get("alias") or "").split()
        if zone.get("deprecated") == "true" or not aliases or len(name) < 3:
            continue
        # Aliases without a "/" ("W-SU", "PRC") are legacy zone names, not cities.
        english_cities = {
            alias.rsplit("/", 1)[-1].replace("_", " ") for alias in aliases if "/" in alias
        }
        description = zone.get("description") or ""
        if ", " in description:
            english_cities.add(description.split(", ", 1)[0])
        zones_by_alpha2.setdefault(name[:2].upper(), []).append((aliases, english_cities))
    return alpha3_by_alpha2, territory_names, exemplar_cities, zones_by_alpha2


def cldr_name_forms(raw_name, language):
    """The forms of one CLDR display name that news text would contain."""
    name = raw_name.replace("’", "'").replace(" & ", f" {AND_WORD[language]} ")
    # "Congo - Kinshasa" is written "Congo-Kinshasa" in text.
    name = name.replace(" - ", "-")
    forms = []
    parenthesised = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if parenthesised:
        # "Myanmar (Burma)" is two names for one country; an inner abbreviation such as "(DRC)"
        # only narrows an ambiguous outer name, which the ambiguity check then drops.
        forms.extend([parenthesised.group(1), parenthesised.group(2)])
    else:
        forms.append(name)
    return [form.strip() for form in forms if "," not in form and form.strip()]


# ---------------------------------------------------------------------------------------------
# CountryInfo


def parse_countryinfo_code(raw):
    """The current three-letter code of a CountryInfo <CountryCode> field, or None."""
    raw = raw.strip()
    if re.fullmatch(r"[A-Z]{3}", raw):
        return raw
    bracketed = re.findall(r"\[([A-Z]+)[^\]]*\]", raw)
    if bracketed and re.fullmatch(r"[A-Z]{3}", bracketed[-1]):
        return bracketed[-1]
    return None


# CountryInfo still uses codes that ISO 3166 has since replaced.
COUNTRYINFO_CODE_RENAMES = {"TMP": "TLS"}

# Kosovo has no ISO 3166 code; CLDR's private-use XKK becomes the KSV of CountryInfo and Phoenix,
# so that both sources name the same actor.
CLDR_CODE_RENAMES = {"XKK": "KSV"}


def countryinfo_phrases(block_text):
    """The `NAME_` lines of a CountryInfo list block, without comments."""
    phrases = []
    for line in block_text.splitlines():
        line = line.split("#", 1)[0].strip()
        if re.fullmatch(r"[A-Z0-9][A-Z0-9_.'\-]*_?", line):
            phrases.append(line if line.endswith("_") else line + "_")
    return phrases


def valid_date(text):
    """A CountryInfo date as YYYYMMDD with an impossible day moved to the month's last day."""
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    if not 1 <= month <= 12:
        raise InputError(f"bad month in date {text}")
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    days_in_month = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    day = min(max(day, 1), days_in_month)
    return f"{year:04d}{month:02d}{day:02d}"


def parse_leader_line(line):
    """Names and office periods of one <Leaders> line; periods are (start, end) with None open."""
    names = re.findall(r"\{([^}]+)\}", line)
    if not names:
        first = line.strip().split()[0] if line.strip() else ""
        names = [first] if first and not first.startswith("[") else []
    names = [name if name.endswith("_") else name + "_" for name in names]
    names = [name for name in names if re.fullmatch(r"[A-Z][A-Z0-9_.'\-]*_", name)]
    periods = []
    for bracket in re.findall(r"\[([^\]]*)\]", line):
        bracket = bracket.strip()
        closed = re.fullmatch(r"(\d{8})\s*-\s*(\d{8})", bracket)
        open_ended = re.fullmatch(r">\s*(\d{8})", bracket)
        if closed:
            periods.append((valid_date(closed.group(1)), valid_date(closed.group(2))))
        elif open_ended:
            periods.append((valid_date(open_ended.group(1)), None))
    return names, periods


def load_countryinfo(path):
    """Per country code: English nationality forms, capitals and leaders with office periods."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    countries = {}
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        code_match = re.search(r"<CountryCode>(.*?)</CountryCode>", block)
        code = parse_countryinfo_code(code_match.group(1)) if code_match else None
        if code is None:
            continue
        code = COUNTRYINFO_CODE_RENAMES.get(code, code)

        def section(tag, block=block):
            found = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            return found.group(1) if found else ""

        leaders = {}
        for line in section("Leaders").splitlines():
            line = line.split("#", 1)[0]
            if not line.strip() or line.strip().startswith("<"):
                continue
            names, periods = parse_leader_line(line)
            if not names or not periods:
                continue
            primary = names[0]
            entry = leaders.setdefault(primary, {"synonyms": set(), "periods": set()})
            entry["synonyms"].update(names[1:])
            entry["periods"].update(periods)
        countries[code] = {
            "nationality": countryinfo_phrases(section("Nationality")),
            "capital": countryinfo_phrases(section("Capital")),
            "leaders": leaders,
        }
    if "RUS" not in countries:
        raise InputError(f"{path}: no <Country> block for RUS; is this CountryInfo?")
    return countries


# ---------------------------------------------------------------------------------------------
# Phoenix dictionaries (codes of organisations)


def load_phoenix_codes(paths):
    """Phrase → default code over PETRARCH actor files (a record's undated code)."""
    codes = {}
    for path in paths:
        record_phrases = []
        record_code = None

        def finish():
            if record_code:
                for record_phrase in record_phrases:
                    codes.setdefault(record_phrase, record_code)

        for raw_line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = raw_line.split("#", 1)[0].rstrip()
            if not line.strip():
                continue
            inline = re.search(r"\[([A-Z~]+)\]", line)
            if raw_line[:1] in ("\t", " ") or line.lstrip().startswith("["):
                if inline and record_code is None:
                    record_code = inline.group(1)
                continue
            if line.startswith("+"):
                record_phrases.append(line[1:].split("[", 1)[0].strip().rstrip("_"))
                if inline and record_code is None:
                    record_code = inline.group(1)
                continue
            finish()
            record_phrases = [line.split("[", 1)[0].strip().rstrip("_")]
            record_code = inline.group(1) if inline else None
        finish()
    return codes


# ---------------------------------------------------------------------------------------------
# Building the entries


class Entries:
    """Name records of one language, kept per kind for the priority and ambiguity checks.

    A record is keyed by (kind, label): the label is the code for countries and capitals, the
    code and Phoenix entry for organisations (so FARC and ELN stay two records with one code),
    and the person for leaders. Names are keyed by their PETRARCH phrase, so spellings that
    differ only by accents ("Hamas", "Hamás") are both kept; collisions compare folded names.
    """

    def __init__(self):
        self.records = {}

    def record(self, kind, label, code):
        return self.records.setdefault(
            (kind, label),
            {"code": code, "names": {}, "periods": set(), "default": None, "spellable": set()},
        )

    def add(self, kind, label, name, code=None, spellable=False):
        """Adds a name; `spellable` names (place names) may get misspelling variants later."""
        record = self.record(kind, label, code if code is not None else label)
        key = phrase(name)
        record["names"].setdefault(key, name)
        if spellable:
            record["spellable"].add(key)

    def resolve_collisions(self, stoplist):
        """Drops stop-listed names, lower-priority duplicates and names with two codes in a kind."""
        owners = {}
        for (kind, _label), record in self.records.items():
            for key in record["names"]:
                owners.setdefault(fold(key), set()).add((KIND_ORDER.index(kind), record["code"]))
        for (kind, _label), record in self.records.items():
            for key in list(record["names"]):
                claims = owners[fold(key)]
                best_rank = min(rank for rank, _code in claims)
                best_codes = {claim_code for rank, claim_code in claims if rank == best_rank}
                keep = (
                    fold(key) not in stoplist
                    and KIND_ORDER.index(kind) == best_rank
                    and best_codes == {record["code"]}
                )
                if not keep:
                    del record["names"][key]

    def folded_names(self):
        return {fold(key) for record in self.records.values() for key in record["names"]}


# English nationality nouns whose plural adds "s" but which the suffix rule below misses.
ENGLISH_NATIONALITY_NOUNS = {"CZECH", "FINN", "SERB", "SWEDE"}


def english_plural_demonym(nationality):
    """The plural of CountryInfo's first <Nationality> form, which is the demonym (Russians).

    English demonyms in -man take "-men" (Jerseymen); those in -an, -i, -er, -ard, -ek, -ik and -ar take "-s" (Russians, Israelis,
    New Zealanders, Spaniards, Uzbeks, Tajiks, Kosovars); those in -ese, -ish, -ch, -s or -y do
    not (Chinese, British, French, Swiss, Malagasy). Other forms are left without a plural.
    """
    word = nationality.rstrip("_")
    last_word = word.rsplit("_", 1)[-1]
    if last_word.endswith("MAN"):
        return word[: -len("MAN")] + "MEN_"
    if re.search(r"(AN|I|ER|ARD|EK|IK|AR)$", last_word) or last_word in ENGLISH_NATIONALITY_NOUNS:
        return word + "S_"
    return None


def build_language(language, inputs):
    alpha3_by_alpha2, territory_names, exemplar_cities, zones_by_alpha2 = inputs["cldr"]
    countryinfo = inputs["countryinfo"]
    entries = Entries()

    # 1. Country names from CLDR, demonyms, and the hand list of press forms.
    for alpha2, names in sorted(territory_names[language].items()):
        alpha3 = alpha3_by_alpha2.get(alpha2)
        if not re.fullmatch(r"[A-Z]{2}", alpha2) or alpha3 is None or alpha3.startswith("Q"):
            continue
        for _alt, raw_name in sorted(names):
            for form in cldr_name_forms(raw_name, language):
                if letter_count(form) >= 2:
                    entries.add("country", alpha3, form, spellable=True)
    if language == "en":
        for code, country in sorted(countryinfo.items()):
            for nationality in country["nationality"]:
                entries.add("country", code, nationality)
            plural = english_plural_demonym(country["nationality"][0]) if country["nationality"] else None
            if plural:
                entries.add("country", code, plural)
    if language == "es":
        for _line, row in read_tsv(inputs["data"] / "es_demonyms.tsv"):
            for form in row[1].split():
                entries.add("country", row[0], form)

    # 2. Capitals standing for governments.
    for code, country in sorted(countryinfo.items()):
        alpha2_candidates = sorted(a2 for a2, a3 in alpha3_by_alpha2.items() if a3 == code)
        # CountryInfo's English forms are kept in every language (wire copy and machine
        # translation often leave a capital in its English spelling), after CLDR's local
        # spelling so that the local spelling leads the record.
        english_forms = [capital.rstrip("_").replace("_", " ") for capital in country["capital"]]
        local_forms = set()
        for english in english_forms:
            for alpha2 in alpha2_candidates:
                for aliases, english_cities in zones_by_alpha2.get(alpha2, []):
                    if fold(english) not in {fold(city) for city in english_cities}:
                        continue
                    for alias in aliases:
                        local = exemplar_cities[language].get(alias)
                        if local:
                            local_forms.add(local)
                    if language == "en":
                        local_forms.update(english_cities)
        ordered = english_forms + sorted(local_forms) if language == "en" else (
            sorted(local_forms) + english_forms
        )
        for name in ordered:
            entries.add("capital", code + "GOV", name, spellable=True)

    for _line, row in read_tsv(inputs["data"] / "extra_names.tsv"):
        row_language, code, name = row[0], row[1], row[2]
        if row_language in ("*", language):
            kind = "capital" if re.fullmatch(r"[A-Z]{3}(GOV|MIL)", code) else "country"
            entries.add(kind, code, name, spellable=True)

    # 3. Organisations: CLDR gives the United Nations and the European Union.
    phoenix = inputs["phoenix"]

    def phoenix_code(lookup, where):
        code = phoenix.get(lookup.rstrip("_"))
        if not code:
            raise InputError(f"{where}: no code for {lookup} in the Phoenix dictionaries")
        return code

    for alpha2, lookup in (("UN", "UNITED_NATIONS_"), ("EU", "THE_EUROPEAN_UNION_")):
        for _alt, raw_name in territory_names[language].get(alpha2, []):
            for form in cldr_name_forms(raw_name, language):
                code = phoenix_code(lookup, "CLDR " + alpha2)
                entries.add("organisation", f"{code}:{lookup}", form, code=code)
    for line_number, row in read_tsv(inputs["data"] / "organisations.tsv"):
        if row[1] in ("*", language):
            code = phoenix_code(row[0], f"organisations.tsv:{line_number}")
            for name in row[2].split("|"):
                entries.add("organisation", f"{code}:{row[0]}", name, code=code)

    # 4. Leaders from CountryInfo, in every language (proper names are written alike).
    for code, country in sorted(countryinfo.items()):
        for primary, leader in sorted(country["leaders"].items()):
            # The code of a leader's record is the person, so two people sharing a name in
            # different countries count as a collision; the dated roles carry the codes.
            person = f"{code}:{primary}"
            entries.add("leader", person, primary.rstrip("_").replace("_", " "))
            for synonym in sorted(leader["synonyms"]):
                entries.add("leader", person, synonym.rstrip("_").replace("_", " "))
            record = entries.records[("leader", person)]
            record["periods"].update((code + "GOV", start, end) for start, end in leader["periods"])
            record["default"] = code + "ELI"
    return entries


def add_leader_surnames(all_entries):
    """Adds a leader's surname alone when no other leader anywhere shares it."""
    surname_owners = {}
    for entries in all_entries.values():
        for (kind, person), record in entries.records.items():
            if kind != "leader":
                continue
            for name in record["names"].values():
                words = name.split()
                if len(words) >= 2 and letter_count(words[-1]) >= 5:
                    surname_owners.setdefault(fold(words[-1]), set()).add(person)
    for entries in all_entries.values():
        for (kind, person), record in list(entries.records.items()):
            if kind != "leader":
                continue
            for name in list(record["names"].values()):
                surname = name.split()[-1]
                if len(name.split()) >= 2 and surname_owners.get(fold(surname)) == {person}:
                    entries.add(kind, person, surname)


def misspelling_variants(name):
    """One-letter slips in a single-word name, as described in lang/NAMES_SOURCE.md.

    The vowel of a closed final syllable is swapped for its nearest neighbour (a↔e, e↔i, o↔u:
    "Yerevan" → "Yereven"), and a doubled letter is written once ("Andorra" → "Andora"). A
    word-final vowel is left alone because in Spanish and Indonesian it often changes the word.
    """
    if " " in name or "-" in name or letter_count(name) < MISSPELLING_MINIMUM_LETTERS:
        return set()
    variants = set()
    lower = name.lower()
    # Accented vowels count as vowels (so "Azerbaiyán" finds its "á") but are not swapped:
    # a writer who types the accent knows the vowel.
    base_letters = [fold(ch) or ch for ch in lower]
    last_vowel = max((i for i, base in enumerate(base_letters) if base in VOWELS), default=-1)
    if (
        0 < last_vowel < len(name) - 1
        and lower[last_vowel] in VOWELS
        and lower[last_vowel + 1 :].isalpha()
    ):
        for replacement in NEAR_VOWELS[lower[last_vowel]]:
            if name[last_vowel].isupper():
                replacement = replacement.upper()
            variants.add(name[:last_vowel] + replacement + name[last_vowel + 1 :])
    for index in range(1, len(name)):
        if lower[index] == lower[index - 1] and lower[index].isalpha():
            variants.add(name[:index] + name[index + 1 :])
    return variants


def add_misspellings(all_entries, stoplist):
    """Adds variants of place names that collide with no name or word in any language."""
    every_name_and_word = set()
    for entries in all_entries.values():
        for folded in entries.folded_names():
            every_name_and_word.add(folded)
            every_name_and_word.update(folded.split())
    proposals = {}
    for language, entries in sorted(all_entries.items()):
        for record_key, record in sorted(entries.records.items()):
            for key in sorted(record["spellable"] & record["names"].keys()):
                for variant in misspelling_variants(record["names"][key]):
                    owners = proposals.setdefault(fold(variant), {})
                    owners.setdefault(record["code"], []).append((language, record_key, variant))
    for folded, owners in proposals.items():
        if folded in every_name_and_word or folded in stoplist or len(owners) != 1:
            continue
        for language, record_key, variant in next(iter(owners.values())):
            all_entries[language].add(record_key[0], record_key[1], variant)


# ---------------------------------------------------------------------------------------------
# Writing


def format_period(period):
    code, start, end = period
    return f"\t[{code} >{start}]" if end is None else f"\t[{code} {start}-{end}]"


def render(language, entries, header):
    lines = list(header)
    sections = {
        "country": "Countries: CLDR territory names, demonyms, press forms",
        "organisation": "Organisations and armed groups (codes from Phoenix)",
        "capital": "Capitals and seats standing for governments",
        "leader": "Leaders with dated roles (CountryInfo)",
    }
    for kind in KIND_ORDER:
        records = sorted(
            (label, record)
            for (record_kind, label), record in entries.records.items()
            if record_kind == kind and record["names"]
        )
        lines.append("")
        lines.append(f"# ---- {sections[kind]} ----")
        for label, record in records:
            phrases = sorted(record["names"])
            # The first name added (CLDR's main name, CountryInfo's first form) leads.
            primary = next(iter(record["names"]))
            lines.append("")
            if kind == "leader":
                lines.append(primary)
                lines.extend("+" + p for p in phrases if p != primary)
                lines.extend(format_period(period) for period in sorted(record["periods"],
                             key=lambda period: (period[1], period[2] or "99999999")))
                lines.append(f"\t[{record['default']}]")
            else:
                synonyms = [p for p in phrases if p != primary]
                lines.append(f"{primary} [{record['code']}]")
                lines.extend("+" + synonym for synonym in synonyms)
    return "\n".join(lines) + "\n"


HEADER = [
    "# truce actor names for {language}: generated by scripts/names/generate.py; do not edit by hand.",
    "# Sources and licences: lang/NAMES_SOURCE.md (CLDR {cldr_version}, Unicode licence;",
    "# CountryInfo.120116, Schrodt; Phoenix actor dictionaries, Open Event Data Alliance, MIT).",
    "# Format: PETRARCH actor dictionary (name line, \"+\" synonyms, tab-indented dated codes).",
]


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cldr", required=True, type=Path, help="CLDR common/ folder")
    parser.add_argument("--countryinfo", required=True, type=Path, help="CountryInfo.*.txt")
    parser.add_argument("--phoenix", required=True, type=Path, help="folder of Phoenix.*.actors.txt")
    parser.add_argument("--out", default=Path("lang"), type=Path, help="lang/ folder to write")
    arguments = parser.parse_args(argv)

    data_folder = Path(__file__).resolve().parent / "data"
    cldr_version_match = re.search(
        r'cldrVersion CDATA #FIXED "([^"]+)"',
        (arguments.cldr / "dtd" / "ldml.dtd").read_text(encoding="utf-8"),
    )
    if cldr_version_match is None:
        raise InputError(f"{arguments.cldr}: no cldrVersion in dtd/ldml.dtd")
    cldr_version = cldr_version_match.group(1)
    inputs = {
        "cldr": load_cldr(arguments.cldr),
        "countryinfo": load_countryinfo(arguments.countryinfo),
        "phoenix": load_phoenix_codes(
            [
                arguments.phoenix / "Phoenix.International.actors.txt",
                arguments.phoenix / "Phoenix.MilNonState.actors.txt",
            ]
        ),
        "data": data_folder,
    }
    stoplists = {language: set() for language in LANGUAGES}
    for _line, row in read_tsv(data_folder / "stoplist.tsv"):
        for language in LANGUAGES if row[0] == "*" else [row[0]]:
            stoplists[language].add(fold(row[1]))

    all_entries = {language: build_language(language, inputs) for language in LANGUAGES}
    add_leader_surnames(all_entries)
    for language, entries in all_entries.items():
        entries.resolve_collisions(stoplists[language])
    every_stopped = set().union(*stoplists.values())
    add_misspellings(all_entries, every_stopped)

    for language in LANGUAGES:
        header = [line.format(language=language, cldr_version=cldr_version) for line in HEADER]
        text = render(language, all_entries[language], header)
        (arguments.out / language / "names.actors.txt").write_text(text, encoding="utf-8")
    template_header = [
        "# Actor names for a new language, in the PETRARCH actor format: see lang/NAMES_SOURCE.md.",
        "# Add the language to LANGUAGES in scripts/names/generate.py to generate this file.",
    ]
    (arguments.out / TEMPLATE_FOLDER / "names.actors.txt").write_text(
        "\n".join(template_header) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (InputError, OSError, ElementTree.ParseError) as error:
        print(f"generate.py: {error}", file=sys.stderr)
        sys.exit(1)
