//! Property tests: any text, in any pack's language, with or without a publication date, is read
//! without panicking, and every span (and clause) slices back to the text.

use proptest::prelude::*;
use truce_core::{PartialDate, Span};
use truce_dates::{find_time_expressions, governing_date};

/// Text that looks like dates often enough to reach the resolver: date words of the three
/// languages, numbers of every shape, and the punctuation dates are written with, mixed with
/// arbitrary characters.
fn date_like_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Juni".to_string()),
        Just("June".to_string()),
        Just("junio".to_string()),
        Just("de".to_string()),
        Just("del".to_string()),
        Just("in".to_string()),
        Just("pada".to_string()),
        Just("bulan".to_string()),
        Just("tahun".to_string()),
        Just("Selasa".to_string()),
        Just("Tuesday".to_string()),
        Just("martes".to_string()),
        Just("last".to_string()),
        Just("lalu".to_string()),
        Just("pasado".to_string()),
        Just("hace".to_string()),
        Just("ago".to_string()),
        Just("yesterday".to_string()),
        Just("minggu".to_string()),
        Just("Minggu".to_string()),
        Just("años".to_string()),
        Just("dos".to_string()),
        Just("two".to_string()),
        Just("days".to_string()),
        Just("-an".to_string()),
        Just("'".to_string()),
        Just("º".to_string()),
        (0u32..100_000).prop_map(|number| number.to_string()),
        (1900u32..2101).prop_map(|year| year.to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        Just("/".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\n".to_string()),
        "\\PC{0,4}",
    ];
    let separator = prop_oneof![Just(""), Just(" "), Just("  "), Just("\u{a0}")];
    proptest::collection::vec((piece, separator), 0..30).prop_map(|pieces| {
        pieces
            .into_iter()
            .map(|(piece, separator)| format!("{piece}{separator}"))
            .collect()
    })
}

fn publication() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        (1900i32..2100, 1u8..13, 1u8..29)
            .prop_map(|(year, month, day)| PartialDate::day(year, month, day)),
        (1900i32..2100, 1u8..13).prop_map(|(year, month)| PartialDate::month(year, month)),
        (1900i32..2100).prop_map(|year| Some(PartialDate::year(year))),
    ]
}

fn check(text: &str, publication: Option<PartialDate>, anchor_seed: usize) {
    for lang in ["en", "id", "es", "xx"] {
        let expressions = find_time_expressions(text, lang, publication);
        let mut previous_end = 0;
        for expression in &expressions {
            assert!(
                expression
                    .span
                    .slice(text)
                    .is_some_and(|words| !words.is_empty())
            );
            assert!(expression.clause.slice(text).is_some());
            assert!(expression.clause.contains(&expression.span));
            assert!(expression.span.start >= previous_end, "expressions overlap");
            previous_end = expression.span.end;
        }
        let anchor = if text.is_empty() {
            0
        } else {
            anchor_seed % text.len()
        };
        let _ = governing_date(&expressions, Span::new(0, text.len()), anchor);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn date_like_text_never_panics_and_spans_slice_back(
        text in date_like_text(),
        publication in publication(),
        anchor_seed in any::<usize>(),
    ) {
        check(&text, publication, anchor_seed);
    }

    #[test]
    fn arbitrary_text_never_panics_and_spans_slice_back(
        text in "\\PC{0,200}",
        publication in publication(),
        anchor_seed in any::<usize>(),
    ) {
        check(&text, publication, anchor_seed);
    }
}
