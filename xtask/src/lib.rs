//! Project chores shared by the `xtask` binary and its tests: checks of generated data files.

pub mod names_check;
