//! Main content and metadata from HTML pages: charset sniffing, boilerplate removal, dates, titles.
