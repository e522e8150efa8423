//! Web sources: fetching with safety limits, RSS/Atom feeds, WARC archives.
