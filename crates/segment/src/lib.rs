//! Sentence and token segmentation with byte spans, per-language abbreviations.
