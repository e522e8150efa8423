//! Time expressions resolved to absolute dates with precision, per language.
