//! Input sources: text files, JSON Lines records, folders, standard input.
