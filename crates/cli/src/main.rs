//! The `truce` command line: parses arguments and hands work to the pipeline crates.

fn main() {
    println!("truce: under construction");
}
