#!/usr/bin/env python3
"""Converts the UniversalPetrarch Spanish dictionaries into truce's PETRARCH-format files.

Usage (from the repository root, with ../shared beside it):

    python3 scripts/es-dictionaries/convert.py \
        --source ../shared/data/coding/dictionaries/universalpetrarch-es \
        --names lang/es/names.actors.txt --out lang/es

Writes lang/es/verbs.txt, lang/es/agents.txt and lang/es/actors.txt. Python 3 standard
library only; the output is deterministic (same inputs, byte-identical files).

UniversalPetrarch matches lemmas produced by a parser, so its dictionaries list each verb
once per synonym block, often in several blocks (the file is a machine translation of the
English PETRARCH dictionary followed by a section written for Spanish). truce's coder keeps
the first block that lists a word, so the converter keeps every verb in exactly one block:
the block named after the verb if there is one, else the last block that gives it a code
(the Spanish section comes last and refines the translated one), else the last block.
"""

import argparse
import re
import sys
import unicodedata
from pathlib import Path

HEADER = """# Converted from UniversalPetrarch's Spanish dictionaries ({source}) by
# scripts/es-dictionaries/convert.py; do not edit by hand (see lang/es/SOURCE.md).
# Copyright (c) Open Event Data Alliance and the UniversalPetrarch authors; MIT licence.
"""

# Characters a dictionary word may hold once accents are gone; anything else (parentheses,
# `$`, `¡`, `/`) comes from translation debris and cannot match a token.
WORD_PATTERN = re.compile(r"^[A-Z0-9Ñ][A-Z0-9Ñ'\-]*$")
CODE_PATTERN = re.compile(r"^(?:---|[A-Z0-9]{1,12}|[A-Z0-9]{1,12}:[A-Z0-9]{1,12}|[0-9]{2,4}:---)$")


# Spanish function words and auxiliary verb forms. As a one-word agent or actor name they
# are translation debris (`FUE_ [~MED]`) or acronyms that collide with common words (`ASI`,
# the Alianza Social Independiente, is also "así"); a shallow coder cannot tell them apart.
FUNCTION_WORDS = set("""
A AL ANTE BAJO CON CONTRA DE DEL DESDE DURANTE EN ENTRE HACIA HASTA MEDIANTE PARA POR SEGUN
SIN SOBRE TRAS EL LA LO LOS LAS UN UNA UNO UNOS UNAS Y E O U NI QUE QUIEN QUIENES CUAL
CUALES CUANDO DONDE COMO SI NO SE SU SUS LE LES ME TE NOS MI TU ESTE ESTA ESTO ESTOS ESTAS
ESE ESA ESO ESOS ESAS AQUEL AQUELLA OTRO OTRA OTROS OTRAS TODO TODA TODOS TODAS MAS MENOS
MUY YA ASI AUN SOLO TAMBIEN TAMPOCO PERO SINO AUNQUE PORQUE PUES LUEGO AHORA ANTES DESPUES
SIEMPRE NUNCA CADA MISMO MISMA NADA ALGO ALGUNO ALGUNA NINGUN NINGUNO NINGUNA VEZ VECES
ES SON ERA ERAN FUE FUERON SER SIDO SEA ESTA ESTAN ESTABA ESTUVO HA HAN HABIA HUBO HAY
TIENE TIENEN TENIA HACE HIZO DIJO DICE PUEDE PUEDEN DEBE DEBEN VA VAN IBA DIA DIAS ANO ANOS
""".split())

# Verbs of the translated section whose forms are far more often other words in Spanish news
# (`valle`, `pena`, `vale`, `a partir de`, `pasado`, `medio`, `entre`, `para`, `bajo`), or
# that the translation put in a coded block although they are light verbs (`dar`: give; `ir`:
# go, whose `fue` is also the passive auxiliary; `armar`, whose `arma` is the noun "weapon").
DROP_VERBS = set("""
VALLAR PENAR VALER PARTIR PASAR MEDIAR CASAR CAMPAR COMER SOBRAR ENTRAR PARAR BAJAR SOLAR
CONTAR COSTAR CALLAR DAR IR ARMAR
""".split())


def normalize(word):
    """Upper case without accents, as truce compares words."""
    decomposed = unicodedata.normalize("NFD", word)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.upper()


def strip_comment(line):
    """Drops a `#` comment that is not inside a `[code]`."""
    depth = 0
    for index, character in enumerate(line):
        if character == "[":
            depth += 1
        elif character == "]":
            depth = max(0, depth - 1)
        elif character == "#" and depth == 0:
            return line[:index]
    return line


def phrase_words(text):
    """Splits `WORD_WORD` into normalised words; a point becomes its own word, as truce's
    tokenizer splits `O.N.U.` into letters and points. Returns None for unusable phrases."""
    text = text.strip().strip("_").replace(".", " . ")
    words = [normalize(piece) for piece in re.split(r"[_\s]+", text) if piece]
    if not words:
        return None
    for word in words:
        if word != "." and not WORD_PATTERN.match(word):
            return None
    return words


def phrase_text(words):
    return "_".join(words) + "_"


# ---------------------------------------------------------------- verbs


def parse_verbs(path):
    """Returns (synsets, blocks). A block is a dict with name, code, entries and patterns;
    an entry is (verb text as written without comment, normalised key, own code or None)."""
    synsets = []
    blocks = []
    current_synset = None
    current_block = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("&"):
            name = normalize(line[1:].split()[0]).strip("_")
            current_synset = (name, [])
            synsets.append(current_synset)
            current_block = None
            continue
        if line.startswith("+") and current_synset is not None and current_block is None:
            words = phrase_words(line[1:])
            if words:
                current_synset[1].append(phrase_text(words))
            continue
        if line.startswith("---"):
            inner = line.strip("-").strip()
            open_at = inner.find("[")
            head = inner if open_at < 0 else inner[:open_at]
            name = "_".join(normalize(head).strip("- ").split()) or "BLOCK"
            code = "---"
            if open_at >= 0 and "]" in inner[open_at:]:
                code = inner[open_at + 1 : inner.index("]", open_at)].strip()
            if not CODE_PATTERN.match(code):
                code = "---"
            current_block = {"name": name, "code": code, "entries": [], "patterns": []}
            blocks.append(current_block)
            current_synset = None
            continue
        if current_block is None:
            continue
        if line.startswith("-"):
            pattern = convert_pattern(line[1:])
            if pattern:
                current_block["patterns"].append(pattern)
            continue
        entry = convert_verb_line(line)
        if entry:
            current_block["entries"].append(entry)
    return synsets, blocks


def convert_pattern(text):
    """`* A &PERSONA   [190]` → `- * A &PERSONA [190]`, or None when unusable."""
    match = re.match(r"^(.*)\[([^\]]*)\]\s*$", text.strip())
    if not match:
        return None
    body, code = match.group(1).strip(), match.group(2).strip()
    if not CODE_PATTERN.match(code) or body.count("*") != 1:
        return None
    # Tokens: the pattern markers and `&SYNSET` stay, words are normalised.
    items = []
    for token in re.findall(r"&[A-Za-zÀ-ÿ]+|[*$+%^]|[^\s*$+%^&]+", body.replace("_", " ")):
        if token in "*$+%^" or token.startswith("&"):
            items.append(normalize(token))
            continue
        words = phrase_words(token)
        if not words:
            return None
        items.extend(words)
    return "- " + " ".join(items) + f" [{code}]"


def convert_verb_line(line):
    """`ASALTAR   [180]` or `+BOMBARDEO_AEREO [200]` → (text, key, code)."""
    code = None
    match = re.match(r"^([^\[{]+?)\s*(?:\{[^}]*\})?\s*(?:\[([^\]]*)\])?\s*$", line)
    if not match:
        return None
    head = match.group(1).strip()
    if match.group(2) is not None:
        code = match.group(2).strip()
        if not CODE_PATTERN.match(code):
            return None
    if " " in head.strip():
        return None
    marked = head.startswith("+")
    words = phrase_words(head.lstrip("+"))
    if not words or "." in words:
        return None
    if len(words) == 1 and words[0] in DROP_VERBS | FUNCTION_WORDS:
        return None
    # The verb word is the first one: `+TOMAR_REPRESALIAS` is `tomar represalias`.
    text = ("+" if marked or len(words) > 1 else "") + "_".join(words)
    return (text, "_".join(words), code)


def choose_blocks(blocks):
    """For each verb key, the index of the one block that keeps it."""
    listed = {}
    for index, block in enumerate(blocks):
        for _text, key, code in block["entries"]:
            listed.setdefault(key, []).append((index, code))
    chosen = {}
    for key, places in listed.items():
        named = [index for index, _ in places if blocks[index]["name"] == key]
        coded = [
            index
            for index, code in places
            if (code or blocks[index]["code"]) not in (None, "---")
        ]
        if named:
            chosen[key] = named[-1]
        elif coded:
            chosen[key] = coded[-1]
        else:
            chosen[key] = places[-1][0]
    return chosen


def write_verbs(synsets, blocks, out, source):
    chosen = choose_blocks(blocks)
    lines = [HEADER.format(source=source)]
    lines.append("# ---- Synonym sets ----\n")
    seen_synsets = set()
    for name, members in synsets:
        if name in seen_synsets or not members:
            continue
        seen_synsets.add(name)
        lines.append(f"&{name}")
        for member in dict.fromkeys(members):
            lines.append(f"+{member}")
        lines.append("")
    lines.append("# ---- Verb blocks ----\n")
    kept_blocks = 0
    for index, block in enumerate(blocks):
        entries = []
        seen = set()
        for text, key, code in block["entries"]:
            if chosen.get(key) != index or key in seen:
                continue
            seen.add(key)
            entries.append(text + (f" [{code}]" if code else ""))
        if not entries:
            continue
        kept_blocks += 1
        lines.append(f"--- {block['name']} [{block['code']}] ---")
        lines.extend(entries)
        lines.extend(dict.fromkeys(block["patterns"]))
        lines.append("")
    out.write_text("\n".join(lines), encoding="utf-8")
    return kept_blocks


# ---------------------------------------------------------------- agents


def convert_agents(path, out, source):
    macros = {}
    entries = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line:
            name, values = line.split("=", 1)
            macros[name.strip().strip("_")] = [
                value.strip().strip("_") for value in values.split(",") if value.strip("_ ")
            ]
            continue
        match = re.match(r"^(.*?)\s*\[\s*(~?[A-Z]+~?)\s*[\]}]\s*$", line)
        if not match or "~" not in match.group(2):
            continue
        body, code = match.group(1), match.group(2)
        body = re.sub(r"\{[^}]*\}", "", body)
        variants = [body]
        for name, values in macros.items():
            if name in body:
                variants = [v.replace(name, value) for v in variants for value in values]
        for variant in variants:
            words = phrase_words(variant)
            if not words or "." in words or (len(words) == 1 and words[0] in FUNCTION_WORDS):
                continue
            key = phrase_text(words)
            entries.setdefault(key, code)
    lines = [HEADER.format(source=source)]
    lines.append("# Regular plurals (-S, -ES) are generated by the reader.\n")
    for key, code in entries.items():
        lines.append(f"{key} [{code}]")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(entries)


# ---------------------------------------------------------------- actors


def parse_actors(path):
    """Entries as (names, codes) in file order: a name line, `+` synonyms and `[CODE dates]`
    lines; an entry without any code is dropped."""
    entries = []
    current = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = strip_comment(raw).strip()
        if not line:
            continue
        codes = re.findall(r"\[([^\]]*)\]", line)
        name = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line.startswith("["):
            if current is not None:
                current[1].extend(codes)
            continue
        if line.startswith("+"):
            if current is not None:
                current[0].append(name[1:].strip())
                current[1].extend(codes)
            continue
        current = ([name], list(codes))
        entries.append(current)
    return [(names, codes) for names, codes in entries if codes]


def clean_code(code):
    """A code with an optional date restriction (`>yymmdd`, `<yyyymmdd`, `from-to`), else None."""
    code = " ".join(code.split())
    date = r"(?:[0-9]{6}|[0-9]{8})"
    if re.match(rf"^(---|[A-Z0-9]{{3,15}})(\s+([<>]{date}|{date}-{date}))?$", code):
        return code
    return None


def known_names(path):
    names = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = strip_comment(raw).strip()
        if not line or line.startswith("["):
            continue
        words = phrase_words(re.sub(r"\[[^\]]*\]", "", line).lstrip("+"))
        if words:
            names.add(tuple(words))
    return names


def convert_actors(paths, names_file, out, budget, source):
    known = known_names(names_file)
    seen = set(known)
    blocks = []
    size = 0
    skipped_for_budget = 0
    for path, label in paths:
        for names, codes in parse_actors(path):
            codes = [c for c in (clean_code(code) for code in codes) if c]
            # Companies (MNC) are many, rarely actors of conflict news, and mostly English.
            if not codes or all(code.startswith("MNC") for code in codes):
                continue
            phrases = []
            for name in names:
                words = phrase_words(name)
                # Long descriptions (`TROPAS_DE_LA_OCTAVA_BRIGADA_..._CONTRA_...`) are whole
                # event reports, not names; six words cover real organisation names.
                if (
                    not words
                    or len(words) > 6
                    or tuple(words) in seen
                    or (len(words) == 1 and words[0] in FUNCTION_WORDS)
                ):
                    continue
                seen.add(tuple(words))
                phrases.append(phrase_text(words))
            if not phrases:
                continue
            text = [phrases[0]] + [f"+{p}" for p in phrases[1:]]
            text += [f"\t[{code}]" for code in dict.fromkeys(codes)]
            block = "\n".join(text) + "\n\n"
            if size + len(block.encode("utf-8")) > budget:
                skipped_for_budget += 1
                continue
            size += len(block.encode("utf-8"))
            blocks.append((label, block))
    lines = [HEADER.format(source=source)]
    lines.append(
        "# Names already in names.actors.txt are left out; so are companies (MNC codes)\n"
        "# and descriptions longer than six words.\n"
    )
    label_now = None
    body = []
    for label, block in blocks:
        if label != label_now:
            body.append(f"# ---- {label} ----\n\n")
            label_now = label
        body.append(block)
    out.write_text("\n".join(lines) + "\n" + "".join(body), encoding="utf-8")
    return len(blocks), size, skipped_for_budget


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", required=True, type=Path)
    parser.add_argument("--names", required=True, type=Path)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--actor-budget", type=int, default=1_300_000,
                        help="most bytes of actor text to write (default 1.3 MB)")
    arguments = parser.parse_args()
    source = arguments.source
    synsets, blocks = parse_verbs(source / "verbpatterns_es_190128.txt")
    kept = write_verbs(synsets, blocks, arguments.out / "verbs.txt", "verbpatterns_es_190128.txt")
    agents = convert_agents(source / "agents_181220.txt", arguments.out / "agents.txt",
                            "agents_181220.txt")
    # Colombian actors first (the most specific), then armed groups, organisations, countries.
    actor_files = [(source / "actors_COL.txt", "actors_COL.txt")]
    actor_files.append((source / "actors_unified_181220.txt", "actors_unified_181220.txt"))
    count, size, dropped = convert_actors(actor_files, arguments.names,
                                          arguments.out / "actors.txt",
                                          arguments.actor_budget,
                                          "actors_COL.txt, actors_unified_181220.txt")
    print(f"verbs: {kept} blocks; agents: {agents}; actors: {count} entries, {size} bytes, "
          f"{dropped} left out for size", file=sys.stderr)


if __name__ == "__main__":
    main()
