//! Times finding dates in the seed article, to keep the stage's cost in view.

fn main() {
    let text = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/examples/karabakh-withdrawal.id.txt"
    ));
    let publication = truce_core::PartialDate::day(2024, 6, 12);
    let rounds = 2000;
    let started = std::time::Instant::now();
    let mut found = 0;
    for _ in 0..rounds {
        found += truce_dates::find_time_expressions(text, "id", publication).len();
    }
    let elapsed = started.elapsed();
    println!(
        "{} bytes, {} expressions per run, {:.1} µs per run",
        text.len(),
        found / rounds,
        elapsed.as_secs_f64() * 1e6 / rounds as f64
    );
}
