//! Runs `extract_html` over the Scrapinghub Article Extraction Benchmark pages and writes one
//! `{"id", "text"}` line per page, the format `score_extraction.py` reads, then prints pages/s.
//!
//! Usage: `aeb HTML_DIR OUT.jsonl [--threads N]`. Pages are read and gunzipped before the clock
//! starts, so the figure is extraction only (charset detection, parsing, metadata, text).

use std::io::{Read, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arguments: Vec<String> = std::env::args().collect();
    let (Some(html_dir), Some(output_path)) = (arguments.get(1), arguments.get(2)) else {
        return Err("usage: aeb HTML_DIR OUT.jsonl [--repeat N]".into());
    };
    // Repeating the whole set gives a steadier timing on a corpus that takes well under a second.
    let repeat: usize = match arguments.iter().position(|a| a == "--repeat") {
        Some(index) => arguments
            .get(index + 1)
            .ok_or("--repeat needs a number")?
            .parse()?,
        None => 1,
    };
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in std::fs::read_dir(html_dir)? {
        let path = entry?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(id) = name.strip_suffix(".html.gz") else {
            continue;
        };
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(&path)?).read_to_end(&mut bytes)?;
        pages.push((id.to_string(), bytes));
    }
    pages.sort();
    let total_bytes: usize = pages.iter().map(|(_, bytes)| bytes.len()).sum();
    let started = std::time::Instant::now();
    let mut texts: Vec<String> = Vec::with_capacity(pages.len());
    for round in 0..repeat.max(1) {
        for (_, bytes) in &pages {
            let text = truce_html::extract_html(bytes, None)
                .map(|article| article.text)
                .unwrap_or_default();
            if round == 0 {
                texts.push(text);
            }
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let mut output = std::io::BufWriter::new(std::fs::File::create(output_path)?);
    for ((id, _), text) in pages.iter().zip(&texts) {
        writeln!(output, "{}", serde_json::json!({"id": id, "text": text}))?;
    }
    output.flush()?;
    let processed = pages.len() * repeat.max(1);
    println!(
        "truce-html: {processed} pages ({:.1} MB) in {seconds:.3} s = {:.1} pages/s, {:.1} MB/s (one thread)",
        (total_bytes * repeat.max(1)) as f64 / 1e6,
        processed as f64 / seconds,
        (total_bytes * repeat.max(1)) as f64 / 1e6 / seconds
    );
    Ok(())
}
