//! The article-to-events pipeline: extract, identify language, segment, code, resolve dates.
