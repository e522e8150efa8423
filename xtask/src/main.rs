//! Project chores (data generation and checks), run as `cargo run -p xtask -- TASK`.
fn main() {}
