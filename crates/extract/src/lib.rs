//! Article extraction: cleanup of scraping leftovers, credit lines, publication dates from URLs, HTML main content.
