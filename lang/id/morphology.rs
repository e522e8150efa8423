//! Indonesian morphology for the coder: the dictionary roots an affixed word may come from (`penarikan` → `TARIK`).
//!
//! Indonesian builds verbs and event nouns from a root with prefixes (meN-, di-, ber-, ter-,
//! peN-, per-, ke-), suffixes (-kan, -i, -an) and clitics (-nya, -lah, -kah). The prefixes meN-
//! and peN- assimilate to the root's first sound and swallow a voiceless one (`tarik` →
//! `menarik`, `serang` → `menyerang`, `pantau` → `memantau`, `kirim` → `mengirim`), so
//! undoing them yields more than one candidate. This module does not decide which candidate
//! is right: it lists every plausible one, most specific first (affixed stems such as
//! `KEMBALIKAN` before bare roots such as `KEMBALI`), and the verb dictionary decides, because
//! only real dictionary entries are ever looked up. No candidate shorter than three letters
//! is produced, since such fragments match nothing useful and would only add noise.

/// The shortest candidate worth looking up.
const SHORTEST_ROOT: usize = 3;

/// Pushes the candidate roots of `word` (normalised: upper case, no accents) into `roots`,
/// most specific first, without duplicates and without `word` itself.
pub fn word_roots(word: &str, roots: &mut Vec<String>) {
    if !word.is_ascii() || word.len() < SHORTEST_ROOT + 2 {
        return;
    }
    let push = |candidate: &str, roots: &mut Vec<String>| {
        if candidate.len() >= SHORTEST_ROOT
            && candidate != word
            && candidate
                .bytes()
                .all(|byte| byte.is_ascii_alphabetic() || byte == b'-')
            && !roots.iter().any(|root| root == candidate)
        {
            roots.push(candidate.to_string());
        }
    };
    // Clitics first: `direbutnya` is `direbut` + `-nya`, `kembalilah` is `kembali` + `-lah`.
    let mut bases = vec![word.to_string()];
    for clitic in ["NYA", "LAH", "KAH"] {
        if let Some(base) = word.strip_suffix(clitic)
            && base.len() > SHORTEST_ROOT
        {
            bases.push(base.to_string());
        }
    }
    for base in &bases {
        push(base, roots);
        let mut stems = Vec::new();
        prefix_stems(base, &mut stems);
        // Prefixed words: the stem with its suffix first, then the stem without it.
        for stem in &stems {
            push(stem, roots);
        }
        for stem in &stems {
            for bare in suffix_stems(stem) {
                push(&bare, roots);
            }
        }
        // Suffixed words without a prefix: `serangan` → `SERANG`, `tuduhan` → `TUDUH`.
        for bare in suffix_stems(base) {
            push(&bare, roots);
        }
    }
}

/// The forms a word may have had before its derivational suffix: `-kan`, `-an` or `-i`.
fn suffix_stems(word: &str) -> Vec<String> {
    let mut stems = Vec::new();
    for suffix in ["KAN", "AN", "I"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && stem.len() >= SHORTEST_ROOT
            // A stem must keep a vowel: `TIKAN` is not `T` + `-ikan`.
            && stem.bytes().any(is_vowel)
        {
            stems.push(stem.to_string());
        }
    }
    stems
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'A' | b'E' | b'I' | b'O' | b'U')
}

fn starts_with_vowel(text: &str) -> bool {
    text.bytes().next().is_some_and(is_vowel)
}

/// The stems left after removing one prefix (and, for `ke-…-an` and `peN-…-an`, the
/// circumfix's prefix part; the suffix is removed by the caller).
fn prefix_stems(word: &str, stems: &mut Vec<String>) {
    // Stacked prefixes: `memperkuat` = meN- + per- + `kuat`, `diperkuat` = di- + per- + `kuat`.
    for stacked in ["MEMPER", "DIPER", "MEMPE", "DIPE"] {
        if let Some(rest) = word.strip_prefix(stacked)
            && rest.len() >= SHORTEST_ROOT
        {
            stems.push(rest.to_string());
        }
    }
    nasal_prefix_stems(word, "ME", stems);
    nasal_prefix_stems(word, "PE", stems);
    if let Some(rest) = word.strip_prefix("DI") {
        stems.push(rest.to_string());
    }
    if let Some(rest) = word.strip_prefix("TER") {
        stems.push(rest.to_string());
        // `terebut`: ter- before a root in r- loses its own r.
        if starts_with_vowel(rest) {
            stems.push(format!("R{rest}"));
        }
    }
    if let Some(rest) = word.strip_prefix("BER") {
        stems.push(rest.to_string());
        // `berunding` is ber- + `runding`: the prefix's r merges with the root's.
        if starts_with_vowel(rest) {
            stems.push(format!("R{rest}"));
        }
    } else if let Some(rest) = word.strip_prefix("BEL") {
        // `belajar`: ber- before `ajar` is written bel-.
        stems.push(rest.to_string());
    } else if let Some(rest) = word.strip_prefix("BE")
        && rest.starts_with('K')
    {
        // `bekerja`: ber- before a first syllable in -er loses its r.
        stems.push(rest.to_string());
    }
    if let Some(rest) = word.strip_prefix("PER") {
        stems.push(rest.to_string());
    }
    if let Some(rest) = word.strip_prefix("KE") {
        stems.push(rest.to_string());
    }
}

/// meN- and peN- with nasal assimilation. `prefix` is `ME` or `PE`; the nasal that follows it
/// tells which root-initial sounds are possible.
fn nasal_prefix_stems(word: &str, prefix: &str, stems: &mut Vec<String>) {
    let Some(after) = word.strip_prefix(prefix) else {
        return;
    };
    if let Some(rest) = after.strip_prefix("NY") {
        // `menyerang` ← `serang`; `menyanyi` ← `nyanyi`.
        if starts_with_vowel(rest) {
            stems.push(format!("S{rest}"));
        }
        stems.push(after.to_string());
    } else if let Some(rest) = after.strip_prefix("NG") {
        if starts_with_vowel(rest) {
            // `mengirim` ← `kirim`, `mengancam` ← `ancam`.
            stems.push(format!("K{rest}"));
            stems.push(rest.to_string());
            // `menganga` ← `nganga`: a root that itself begins with ng-.
            stems.push(after.to_string());
        } else {
            // `menghancurkan` ← `hancurkan`, `mengganggu` ← `ganggu`, `mengkritik` ← `kritik`.
            stems.push(rest.to_string());
        }
        // `mengebom` ← `bom`: one-syllable roots take menge-.
        if let Some(short) = rest.strip_prefix('E')
            && !short.is_empty()
            && !starts_with_vowel(short)
        {
            stems.push(short.to_string());
        }
    } else if let Some(rest) = after.strip_prefix('M') {
        if starts_with_vowel(rest) {
            // `memantau` ← `pantau`; `memulai` ← `mulai`.
            stems.push(format!("P{rest}"));
            stems.push(after.to_string());
        } else {
            // `membantu` ← `bantu`, `memfasilitasi` ← `fasilitasi`.
            stems.push(rest.to_string());
        }
    } else if let Some(rest) = after.strip_prefix('N') {
        if starts_with_vowel(rest) {
            // `menarik` ← `tarik`; `menilai` ← `nilai`.
            stems.push(format!("T{rest}"));
            stems.push(after.to_string());
        } else {
            // `mendukung` ← `dukung`, `mencari` ← `cari`, `menjual` ← `jual`.
            stems.push(rest.to_string());
        }
    } else if !after.is_empty() {
        // me- and pe- before l, r, w, y and the nasals keep the root whole:
        // `merebut` ← `rebut`, `melindungi` ← `lindungi`, `perundingan` ← `runding`.
        stems.push(after.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::word_roots;

    fn roots(word: &str) -> Vec<String> {
        let mut roots = Vec::new();
        word_roots(word, &mut roots);
        roots
    }

    fn has(word: &str, root: &str) -> bool {
        roots(word).iter().any(|candidate| candidate == root)
    }

    #[test]
    fn nasal_prefix_assimilation_is_undone() {
        assert!(has("MENYERANG", "SERANG"));
        assert!(has("MEMANTAU", "PANTAU"));
        assert!(has("MENARIK", "TARIK"));
        assert!(has("MENGIRIM", "KIRIM"));
        assert!(has("MENGANCAM", "ANCAM"));
        assert!(has("MENUDUH", "TUDUH"));
        assert!(has("MEREBUT", "REBUT"));
        assert!(has("MEMBANTU", "BANTU"));
        assert!(has("MENDUKUNG", "DUKUNG"));
        assert!(has("MENGHANCURKAN", "HANCUR"));
        assert!(has("MENGEBOM", "BOM"));
        assert!(has("MEMULAI", "MULAI"));
    }

    #[test]
    fn suffixes_and_circumfixes_are_undone() {
        assert!(has("MENEWASKAN", "TEWAS"));
        assert!(has("MENEWASKAN", "TEWASKAN"));
        assert!(has("MENGEMBALIKAN", "KEMBALI"));
        assert!(has("PENARIKAN", "TARIK"));
        assert!(has("PENANGKAPAN", "TANGKAP"));
        assert!(has("PENYERANGAN", "SERANG"));
        assert!(has("PENGIRIMAN", "KIRIM"));
        assert!(has("PERUNDINGAN", "RUNDING"));
        assert!(has("PERTEMUAN", "TEMU"));
        assert!(has("KESEPAKATAN", "SEPAKAT"));
        assert!(has("KEMATIAN", "MATI"));
        assert!(has("SERANGAN", "SERANG"));
        assert!(has("BANTUAN", "BANTU"));
        assert!(has("MELINDUNGI", "LINDUNG"));
    }

    #[test]
    fn passive_and_other_prefixes_and_clitics_are_undone() {
        assert!(has("DITENGAHI", "TENGAH"));
        assert!(has("DITENGAHI", "TENGAHI"));
        assert!(has("DIREBUTNYA", "REBUT"));
        assert!(has("DISERANG", "SERANG"));
        assert!(has("BERUNDING", "RUNDING"));
        assert!(has("BERTEMU", "TEMU"));
        assert!(has("TERBUNUH", "BUNUH"));
        assert!(has("MEMPERKUAT", "KUAT"));
        assert!(has("DIPERKUAT", "KUAT"));
        assert!(has("BEKERJA", "KERJA"));
        assert!(has("SERANGANNYA", "SERANG"));
    }

    #[test]
    fn affixed_stems_come_before_bare_roots() {
        let found = roots("MENGEMBALIKAN");
        let stem = found.iter().position(|root| root == "KEMBALIKAN");
        let root = found.iter().position(|root| root == "KEMBALI");
        assert!(stem.is_some() && root.is_some() && stem < root, "{found:?}");
    }

    #[test]
    fn short_and_unusual_words_give_nothing_harmful() {
        assert!(roots("DI").is_empty());
        assert!(roots("").is_empty());
        assert!(roots("2.000").is_empty());
        assert!(roots("MOSCÚ").is_empty());
        for word in ["MEN", "MENG", "PENG", "DIKAN", "KEAN", "MENYA", "BERAN"] {
            for root in roots(word) {
                assert!(root.len() >= 3 && root != word, "{word} → {root}");
            }
        }
    }
}
