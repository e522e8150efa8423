//! Exact and near-duplicate detection of articles (content hash and SimHash over shingles).
