//! Language packs: one folder per language under lang/, the table that picks a language's resources.
