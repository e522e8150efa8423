//! Spanish morphology for the coder: the infinitives (and singular nouns) a conjugated or inflected word may come from.
//!
//! The verb dictionaries list infinitives (`ATACAR`, `SECUESTRAR`, `HERIR`) and nouns in the
//! singular (`ATAQUE`). `word_roots` receives a word as the coder normalises it (upper case,
//! accents removed) and pushes every candidate it could be an inflection of: regular -AR, -ER
//! and -IR paradigms in every simple tense, participles, gerunds, stem-changing verbs
//! (`HIRIERON` → `HERIR`, `MUERE` → `MORIR`), spelling changes (`ATAQUE` → `ATACAR`),
//! enclitic pronouns (`LLEVARLO`, `RETIRANDOSE`), the strong preterites of common irregular
//! verbs (`HIZO`, `DIJO`, `PUSO`, `TUVO`, `DETUVO`, `PRODUJO`) and irregular participles
//! (`MUERTO`, `HECHO`). Candidates are only guesses: the coder keeps those the dictionary
//! knows, so over-generation costs a lookup and nothing else.

/// Verb classes an ending may belong to.
const AR: u8 = 1;
const ER: u8 = 2;
const IR: u8 = 4;
const ER_IR: u8 = ER | IR;
const ALL: u8 = AR | ER | IR;

/// Regular endings after the stem, with the classes that use them. Accents are gone, so
/// `ATACO` (present) and `ATACÓ` (preterite) are one form.
const ENDINGS: &[(&str, u8)] = &[
    // Infinitive, gerund, participles.
    ("AR", AR),
    ("ER", ER),
    ("IR", IR),
    ("ANDO", AR),
    ("IENDO", ER_IR),
    ("YENDO", ER_IR),
    ("ADO", AR),
    ("ADA", AR),
    ("ADOS", AR),
    ("ADAS", AR),
    ("IDO", ER_IR),
    ("IDA", ER_IR),
    ("IDOS", ER_IR),
    ("IDAS", ER_IR),
    // Present indicative and subjunctive.
    ("O", ALL),
    ("AS", ALL),
    ("A", ALL),
    ("AMOS", ALL),
    ("AIS", ALL),
    ("AN", ALL),
    ("ES", ALL),
    ("E", ALL),
    ("EMOS", ALL),
    ("EIS", ALL),
    ("EN", ALL),
    ("IMOS", IR),
    ("IS", IR),
    // Preterite.
    ("ASTE", AR),
    ("ASTEIS", AR),
    ("ARON", AR),
    ("I", ER_IR),
    ("ISTE", ER_IR),
    ("IO", ER_IR),
    ("ISTEIS", ER_IR),
    ("IERON", ER_IR),
    ("YO", ER_IR),
    ("YERON", ER_IR),
    // Imperfect.
    ("ABA", AR),
    ("ABAS", AR),
    ("ABAMOS", AR),
    ("ABAIS", AR),
    ("ABAN", AR),
    ("IA", ER_IR),
    ("IAS", ER_IR),
    ("IAMOS", ER_IR),
    ("IAIS", ER_IR),
    ("IAN", ER_IR),
    // Imperfect subjunctive.
    ("ARA", AR),
    ("ARAS", AR),
    ("ARAMOS", AR),
    ("ARAIS", AR),
    ("ARAN", AR),
    ("ASE", AR),
    ("ASEN", AR),
    ("IERA", ER_IR),
    ("IERAS", ER_IR),
    ("IERAMOS", ER_IR),
    ("IERAN", ER_IR),
    ("IESE", ER_IR),
    ("IESEN", ER_IR),
    ("YERA", ER_IR),
    ("YERAN", ER_IR),
];

/// Future and conditional endings, added to the whole infinitive (`ATACARAN`, `HERIRIA`).
const FUTURE_ENDINGS: &[&str] = &[
    "E", "AS", "A", "EMOS", "EIS", "AN", "IA", "IAS", "IAMOS", "IAIS", "IAN",
];

/// Enclitic pronouns, longest first (`LLEVARSELO`, `RETIRARSE`, `ATACARLOS`).
const ENCLITICS: &[&str] = &[
    "SELOS", "SELAS", "SELO", "SELA", "NOS", "LOS", "LAS", "LES", "SE", "LO", "LA", "LE", "ME",
    "TE", "OS",
];

/// Strong preterite stems and the infinitive ending they stand for. A prefix before the stem
/// carries over (`DETUVO` → `DETENER`, `IMPUSO` → `IMPONER`, `PRODUJO` → `PRODUCIR`).
const STRONG_PRETERITES: &[(&str, &str)] = &[
    ("TUV", "TENER"),
    ("PUS", "PONER"),
    ("VIN", "VENIR"),
    ("HIC", "HACER"),
    ("HIZ", "HACER"),
    ("DIJ", "DECIR"),
    ("TRAJ", "TRAER"),
    ("DUJ", "DUCIR"),
    ("ESTUV", "ESTAR"),
    ("ANDUV", "ANDAR"),
    ("PUD", "PODER"),
    ("QUIS", "QUERER"),
    ("SUP", "SABER"),
    ("HUB", "HABER"),
];

/// Endings of the strong preterite and of the subjunctive built on it.
const STRONG_ENDINGS: &[&str] = &[
    "E", "ISTE", "O", "IMOS", "ISTEIS", "IERON", "ERON", "IERA", "IERAN", "IESE", "IESEN", "ERA",
    "ERAN",
];

/// Irregular forms that no rule above reaches, with their infinitives.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("FUE", &["SER", "IR"]),
    ("FUERON", &["SER", "IR"]),
    ("FUI", &["SER", "IR"]),
    ("FUIMOS", &["SER", "IR"]),
    ("FUERA", &["SER", "IR"]),
    ("FUERAN", &["SER", "IR"]),
    ("ES", &["SER"]),
    ("SON", &["SER"]),
    ("ERA", &["SER"]),
    ("ERAN", &["SER"]),
    ("SEA", &["SER"]),
    ("SEAN", &["SER"]),
    ("SIDO", &["SER"]),
    ("VA", &["IR"]),
    ("VAN", &["IR"]),
    ("VOY", &["IR"]),
    ("IBA", &["IR"]),
    ("IBAN", &["IR"]),
    ("YENDO", &["IR"]),
    ("VAYA", &["IR"]),
    ("VAYAN", &["IR"]),
    ("DIO", &["DAR"]),
    ("DIERON", &["DAR"]),
    ("DI", &["DAR"]),
    ("DIERA", &["DAR"]),
    ("DIERAN", &["DAR"]),
    ("DA", &["DAR"]),
    ("DAN", &["DAR"]),
    ("DEN", &["DAR"]),
    ("DOY", &["DAR"]),
    ("VIO", &["VER"]),
    ("VIERON", &["VER"]),
    ("VE", &["VER"]),
    ("VEN", &["VER", "VENIR"]),
    ("VISTO", &["VER"]),
    ("HA", &["HABER"]),
    ("HAN", &["HABER"]),
    ("HE", &["HABER"]),
    ("HAY", &["HABER"]),
    ("HAYA", &["HABER"]),
    ("HAYAN", &["HABER"]),
    ("ESTOY", &["ESTAR"]),
    ("HARA", &["HACER"]),
    ("HARAN", &["HACER"]),
    ("HARIA", &["HACER"]),
    ("HARIAN", &["HACER"]),
    ("DIRA", &["DECIR"]),
    ("DIRAN", &["DECIR"]),
    ("DIRIA", &["DECIR"]),
    ("DIRIAN", &["DECIR"]),
];

/// Irregular participle endings (also after a prefix: `IMPUESTO`, `DEVUELTO`, `DESCUBIERTO`).
const IRREGULAR_PARTICIPLES: &[(&str, &str)] = &[
    ("HECH", "HACER"),
    ("DICH", "DECIR"),
    ("PUEST", "PONER"),
    ("VIST", "VER"),
    ("ESCRIT", "ESCRIBIR"),
    ("MUERT", "MORIR"),
    ("ABIERT", "ABRIR"),
    ("CUBIERT", "CUBRIR"),
    ("ROT", "ROMPER"),
    ("VUELT", "VOLVER"),
    ("SUELT", "SOLVER"),
    ("PRES", "PRENDER"),
];

/// Prepositions, articles, pronouns and conjunctions that look like verb forms once accents
/// are gone (`ENTRE` like `entrar`, `HACIA` like `hacía`, `COMO` like `comer`, `PARA` like
/// `parar`, `BAJO` like `bajar`, `SOBRE` like `sobrar`): they are never verbs in news text.
const FUNCTION_WORDS: &[&str] = &[
    "A", "AL", "ANTE", "BAJO", "CON", "CONTRA", "DE", "DEL", "DESDE", "DURANTE", "EN", "ENTRE",
    "HACIA", "HASTA", "MEDIANTE", "PARA", "POR", "SEGUN", "SIN", "SOBRE", "TRAS", "EL", "LA", "LO",
    "LOS", "LAS", "UN", "UNA", "UNO", "UNOS", "UNAS", "QUE", "QUIEN", "CUAL", "CUANDO", "DONDE",
    "COMO", "SI", "NO", "SE", "SU", "SUS", "ESTE", "ESTA", "ESTO", "ESE", "ESA", "ESO", "OTRO",
    "OTRA", "OTROS", "OTRAS", "TODO", "TODA", "TODOS", "TODAS", "MAS", "MENOS", "MUY", "SOLO",
    "PERO", "SINO", "AUNQUE", "PORQUE", "PUES", "LUEGO", "MIENTRAS", "CADA", "MISMO", "MISMA",
    "MEDIO", "MEDIA", "CASO", "VEZ", "PARTE", "FRENTE", "CERCA", "DENTRO", "ENTONCES", "SEGUNDO",
    "SEGUNDA", "PRIMERO", "PRIMERA",
];

/// Pushes the dictionary roots `word` may come from. `word` is upper case without accents.
/// True for a word ending in a stressed `ó` (`retiró`, `ANUNCIÓ`): the third person of the
/// preterite of an `-ar` verb, or of `-er`/`-ir` in `-ió`. The few nouns so written (`dominó`,
/// `buró`) name no actor, so reading them as verbs costs nothing.
pub fn is_verb_only_written_form(word: &str) -> bool {
    (word.ends_with('ó') || word.ends_with('Ó')) && word.chars().count() >= 4
}

pub fn word_roots(word: &str, roots: &mut Vec<String>) {
    if word.len() < 2
        || !word.bytes().all(|byte| byte.is_ascii_uppercase())
        || FUNCTION_WORDS.contains(&word)
    {
        return;
    }
    analyse(word, roots);
    // Some Spanish sources written in ASCII spell `ñ` as `nn` (`annos`, `dannaron`).
    if word.contains("NN") {
        analyse(&word.replace("NN", "N"), roots);
    }
    // Pronominal verbs may be listed with their pronoun (`ENFRENTARSE`).
    let pronominal: Vec<String> = roots
        .iter()
        .filter(|root| is_infinitive(root))
        .map(|root| format!("{root}SE"))
        .collect();
    for root in pronominal {
        push_unique(roots, root);
    }
}

fn analyse(word: &str, roots: &mut Vec<String>) {
    if let Some((_, infinitives)) = IRREGULAR.iter().find(|(form, _)| *form == word) {
        for infinitive in *infinitives {
            push_unique(roots, (*infinitive).to_string());
        }
    }
    // Enclitics hang off infinitives, gerunds and imperatives: strip and analyse the rest.
    for clitic in ENCLITICS {
        if let Some(host) = word.strip_suffix(clitic)
            && host.len() >= 4
            && (is_infinitive(host) || host.ends_with("ANDO") || host.ends_with("IENDO"))
        {
            analyse_verb(host, roots);
        }
    }
    analyse_verb(word, roots);
    // Plural nouns: `EXPLOSIONES` → `EXPLOSION`, `VECES` → `VEZ`, `ATAQUES` → `ATAQUE`.
    if let Some(singular) = word.strip_suffix("CES")
        && singular.len() >= 2
    {
        push_unique(roots, format!("{singular}Z"));
    }
    if let Some(singular) = word.strip_suffix("ES")
        && singular.len() >= 3
    {
        push_unique(roots, singular.to_string());
    }
    if let Some(singular) = word.strip_suffix('S')
        && singular.len() >= 3
    {
        push_unique(roots, singular.to_string());
    }
}

fn analyse_verb(word: &str, roots: &mut Vec<String>) {
    // Future and conditional: the infinitive plus an ending (`ATACARAN`), or an irregular
    // shortened stem (`TENDRA`, `PONDRIA`, `SALDRA`, `PODRA`, `HABRA`, `QUERRA`, `SABRA`).
    for ending in FUTURE_ENDINGS {
        let Some(base) = word.strip_suffix(ending) else {
            continue;
        };
        if is_infinitive(base) && base.len() >= 4 {
            push_unique(roots, base.to_string());
        }
        if let Some(stem) = base.strip_suffix("DR")
            && stem.len() >= 2
        {
            push_unique(roots, format!("{stem}ER"));
            push_unique(roots, format!("{stem}IR"));
        }
        if let Some(stem) = base.strip_suffix("BR") {
            push_unique(roots, format!("{stem}BER"));
        }
        if let Some(stem) = base.strip_suffix("RR") {
            push_unique(roots, format!("{stem}RER"));
        }
    }
    for (stem, infinitive) in STRONG_PRETERITES {
        for ending in STRONG_ENDINGS {
            if let Some(before) = word.strip_suffix(ending)
                && let Some(prefix) = before.strip_suffix(stem)
            {
                push_unique(roots, format!("{prefix}{infinitive}"));
            }
        }
    }
    for (stem, infinitive) in IRREGULAR_PARTICIPLES {
        for ending in ["O", "A", "OS", "AS"] {
            if let Some(before) = word.strip_suffix(ending)
                && let Some(prefix) = before.strip_suffix(stem)
            {
                push_unique(roots, format!("{prefix}{infinitive}"));
            }
        }
    }
    for (ending, classes) in ENDINGS {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.len() < 2 || !stem.bytes().any(is_vowel) {
            continue;
        }
        for (class, infinitive_ending) in [(AR, "AR"), (ER, "ER"), (IR, "IR")] {
            if classes & class == 0 {
                continue;
            }
            for variant in stem_variants(stem, ending, class) {
                push_unique(roots, format!("{variant}{infinitive_ending}"));
            }
        }
    }
}

/// The infinitive stems a surface stem may stand for: itself, with a spelling change undone
/// (`ATAQU` → `ATAC`, `PAGU` → `PAG`, `AMENAC` → `AMENAZ`, `PROTEJ` → `PROTEG`,
/// `CONOZC` → `CONOC`, `TENG` → `TEN`), and with a stem vowel change undone (`HIR` → `HER`,
/// `MUER`/`MUR` → `MOR`, `PIERD` → `PERD`).
fn stem_variants(stem: &str, ending: &str, class: u8) -> Vec<String> {
    let mut variants = vec![stem.to_string()];
    let before_front_vowel = ending.starts_with('E') || ending.starts_with('I');
    if before_front_vowel && class == AR {
        if let Some(base) = stem.strip_suffix("QU") {
            variants.push(format!("{base}C"));
        }
        if let Some(base) = stem.strip_suffix("GU") {
            variants.push(format!("{base}G"));
        }
        if let Some(base) = stem.strip_suffix('C') {
            variants.push(format!("{base}Z"));
        }
    }
    if !before_front_vowel && class != AR {
        if let Some(base) = stem.strip_suffix('J') {
            variants.push(format!("{base}G"));
        }
        if let Some(base) = stem.strip_suffix("ZC") {
            variants.push(format!("{base}C"));
        }
        if let Some(base) = stem.strip_suffix('Z') {
            variants.push(format!("{base}C"));
        }
        for ending in ["NG", "LG"] {
            if let Some(base) = stem.strip_suffix(ending) {
                variants.push(format!("{base}{}", &ending[..1]));
            }
        }
        if let Some(base) = stem.strip_suffix("IG") {
            // `DIGO`, `DIGA` → `DEC-`; `OIGO` → `O-` (rare, harmless).
            variants.push(format!("{base}EC"));
        }
        if let Some(base) = stem.strip_suffix('G') {
            // `SIGO` → `SEGU-` comes from the `I` → `E` change below on `SIGU`.
            variants.push(format!("{base}GU"));
        }
    }
    let vowel_changed: Vec<String> = variants
        .iter()
        .filter_map(|variant| undo_vowel_change(variant, class))
        .collect();
    for changed in vowel_changed {
        if !variants.contains(&changed) {
            variants.push(changed);
        }
    }
    variants
}

/// Undoes the diphthong or vowel raising of the last stem vowel: `IE` → `E`, `UE` → `O`
/// (any class); `I` → `E` and `U` → `O` (-IR verbs: `PIDIO`, `MURIO`, `HIRIERON`).
fn undo_vowel_change(stem: &str, class: u8) -> Option<String> {
    let bytes = stem.as_bytes();
    // A `U` after `Q` or `G` is silent (`SIGU-`, `ATAQU-`): the stem vowel is before it.
    let silent_u = |index: usize| {
        bytes[index] == b'U' && index >= 1 && matches!(bytes[index - 1], b'Q' | b'G')
    };
    let last_vowel = (0..bytes.len())
        .rev()
        .find(|&index| is_vowel(bytes[index]) && !silent_u(index))?;
    if last_vowel >= 1 {
        let pair = &stem[last_vowel - 1..=last_vowel];
        // `GUE` in `SIGUE` is a spelling, not a diphthong.
        if pair == "IE" {
            return Some(format!(
                "{}E{}",
                &stem[..last_vowel - 1],
                &stem[last_vowel + 1..]
            ));
        }
        if pair == "UE" && !(last_vowel >= 2 && &stem[last_vowel - 2..last_vowel - 1] == "G") {
            return Some(format!(
                "{}O{}",
                &stem[..last_vowel - 1],
                &stem[last_vowel + 1..]
            ));
        }
    }
    if class == IR {
        let replacement = match bytes[last_vowel] {
            b'I' => "E",
            b'U' => "O",
            _ => return None,
        };
        return Some(format!(
            "{}{replacement}{}",
            &stem[..last_vowel],
            &stem[last_vowel + 1..]
        ));
    }
    None
}

fn is_vowel(byte: u8) -> bool {
    matches!(byte, b'A' | b'E' | b'I' | b'O' | b'U')
}

fn is_infinitive(word: &str) -> bool {
    word.len() >= 3 && (word.ends_with("AR") || word.ends_with("ER") || word.ends_with("IR"))
}

fn push_unique(roots: &mut Vec<String>, root: String) {
    if !roots.contains(&root) {
        roots.push(root);
    }
}

#[cfg(test)]
mod tests {
    use super::word_roots;

    fn roots_of(word: &str) -> Vec<String> {
        let mut roots = Vec::new();
        word_roots(word, &mut roots);
        roots
    }

    fn assert_root(word: &str, root: &str) {
        let roots = roots_of(word);
        assert!(
            roots.iter().any(|candidate| candidate == root),
            "{word}: expected {root} among {roots:?}"
        );
    }

    #[test]
    fn regular_paradigms_in_every_tense() {
        for (word, root) in [
            ("ATACARON", "ATACAR"),
            ("ATACO", "ATACAR"),
            ("ATACABAN", "ATACAR"),
            ("ATACARA", "ATACAR"),
            ("ATACARIAN", "ATACAR"),
            ("ATACANDO", "ATACAR"),
            ("ATACADOS", "ATACAR"),
            ("MATARON", "MATAR"),
            ("SECUESTRO", "SECUESTRAR"),
            ("SECUESTRADA", "SECUESTRAR"),
            ("ENFRENTARON", "ENFRENTAR"),
            ("RETIRARON", "RETIRAR"),
            ("DETENIDOS", "DETENER"),
            ("ROMPIO", "ROMPER"),
            ("RECIBIERON", "RECIBIR"),
            ("RECIBIA", "RECIBIR"),
            ("RECIBIRAN", "RECIBIR"),
            ("PARTIMOS", "PARTIR"),
        ] {
            assert_root(word, root);
        }
    }

    #[test]
    fn irregular_verbs() {
        for (word, root) in [
            ("HIZO", "HACER"),
            ("HICIERON", "HACER"),
            ("DIJO", "DECIR"),
            ("DIJERON", "DECIR"),
            ("FUE", "IR"),
            ("FUE", "SER"),
            ("PUSO", "PONER"),
            ("IMPUSIERON", "IMPONER"),
            ("TUVO", "TENER"),
            ("DETUVO", "DETENER"),
            ("DETUVIERON", "DETENER"),
            ("VINO", "VENIR"),
            ("INTERVINO", "INTERVENIR"),
            ("PRODUJO", "PRODUCIR"),
            ("DIERON", "DAR"),
            ("TENDRA", "TENER"),
            ("PONDRIAN", "PONER"),
            ("MUERTOS", "MORIR"),
            ("HECHO", "HACER"),
            ("IMPUESTO", "IMPONER"),
        ] {
            assert_root(word, root);
        }
    }

    #[test]
    fn stem_changes_and_spelling_changes() {
        for (word, root) in [
            ("HIRIERON", "HERIR"),
            ("HIRIO", "HERIR"),
            ("MURIO", "MORIR"),
            ("MUEREN", "MORIR"),
            ("PIDIERON", "PEDIR"),
            ("PIERDEN", "PERDER"),
            ("TIENE", "TENER"),
            ("TENGAN", "TENER"),
            ("ATAQUE", "ATACAR"),
            ("AMENACEN", "AMENAZAR"),
            ("PAGUE", "PAGAR"),
            ("PROTEJAN", "PROTEGER"),
            ("CONOZCO", "CONOCER"),
            ("DESTRUYERON", "DESTRUIR"),
            ("HUYERON", "HUIR"),
            ("DICIENDO", "DECIR"),
            ("SIGUE", "SEGUIR"),
        ] {
            assert_root(word, root);
        }
    }

    #[test]
    fn enclitics_pronominal_verbs_and_nouns() {
        assert_root("LLEVARLO", "LLEVAR");
        assert_root("RETIRANDOSE", "RETIRAR");
        assert_root("RETIRARSE", "RETIRAR");
        assert_root("ENFRENTARON", "ENFRENTARSE");
        assert_root("EXPLOSIONES", "EXPLOSION");
        assert_root("ATAQUES", "ATAQUE");
        assert_root("VECES", "VEZ");
        assert_root("DANNARON", "DANAR");
    }

    #[test]
    fn words_that_are_not_verbs_give_few_or_unrelated_candidates() {
        assert!(roots_of("Y").is_empty());
        assert!(roots_of("ENTRE").is_empty());
        assert!(roots_of("HACIA").is_empty());
        assert!(!roots_of("DE").contains(&"DAR".to_string()));
        assert!(roots_of("2024").is_empty());
        assert!(!roots_of("CASA").contains(&"ATACAR".to_string()));
        // Every candidate is upper-case ASCII, as the dictionaries are normalised.
        for word in ["ATACARON", "HIRIERON", "LLEVARSELOS", "ANNOS"] {
            for root in roots_of(word) {
                assert!(root.bytes().all(|byte| byte.is_ascii_uppercase()), "{root}");
            }
        }
    }
}
