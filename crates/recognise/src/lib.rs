//! Recognition around a coded verb: quantities (fatalities, sizes) and event flags (negated, future, hypothetical, historical), per language.
