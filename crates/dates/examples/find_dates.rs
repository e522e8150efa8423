//! Prints the time expressions found in a text: `cargo run -p truce-dates --example find_dates -- LANG [PUBLICATION] TEXT`.

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let (lang, publication, text) = match arguments.as_slice() {
        [lang, text] => (lang.as_str(), None, text.as_str()),
        [lang, publication, text] => (
            lang.as_str(),
            truce_core::PartialDate::parse_iso(publication).ok(),
            text.as_str(),
        ),
        _ => {
            eprintln!("usage: find_dates LANG [PUBLICATION] TEXT");
            std::process::exit(2);
        }
    };
    for expression in truce_dates::find_time_expressions(text, lang, publication) {
        println!(
            "{:?}\t{}\t{}\t{:?}",
            expression.span.slice(text).unwrap_or_default(),
            expression.date,
            expression.date.precision.as_str(),
            expression.kind
        );
    }
}
