//! Reading a response body under a size limit and undoing its content encoding (gzip, deflate, brotli).
//!
//! The limit applies to the decoded bytes, so a small compressed body cannot expand into
//! gigabytes, and to the bytes on the wire as well, so an endless stream stops too.

use std::io::Read;

/// Why a body could not be read.
#[derive(Debug)]
pub(crate) enum BodyError {
    /// The body (decoded, or as sent) is longer than the limit.
    TooLarge,
    /// The content encoding is not one this reader knows.
    UnknownEncoding(String),
    /// The bytes do not decode, or the connection failed while reading.
    Read(std::io::Error),
}

/// The codings of a `Content-Encoding` value in the order they were applied, lower-cased, with
/// `identity` left out.
fn codings(content_encoding: Option<&str>) -> Vec<String> {
    content_encoding
        .unwrap_or("")
        .split(',')
        .map(|coding| coding.trim().to_ascii_lowercase())
        .filter(|coding| !coding.is_empty() && coding != "identity")
        .collect()
}

/// Read `raw` to its end and decode it as `content_encoding` says, keeping at most `limit`
/// bytes both as sent and once decoded.
pub(crate) fn read_decoded_body(
    raw: impl Read + 'static,
    content_encoding: Option<&str>,
    limit: u64,
) -> Result<Vec<u8>, BodyError> {
    // One byte past the limit tells a body of exactly `limit` bytes from a longer one.
    let wire_limited = LimitFlag::new(raw, limit);
    let wire_exceeded = wire_limited.exceeded.clone();
    let mut reader: Box<dyn Read> = Box::new(wire_limited);
    // Codings are listed in the order the server applied them, so they are undone in reverse.
    for coding in codings(content_encoding).iter().rev() {
        reader = match coding.as_str() {
            "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(reader)),
            // `deflate` is meant to be zlib-wrapped; some servers send raw deflate, which a zlib
            // reader rejects at once, and is not worth guessing at.
            "deflate" => Box::new(flate2::read::ZlibDecoder::new(reader)),
            "br" => Box::new(brotli_decompressor::Decompressor::new(reader, 8 * 1024)),
            other => return Err(BodyError::UnknownEncoding(other.to_string())),
        };
    }
    let mut body = Vec::new();
    let read = reader.take(limit.saturating_add(1)).read_to_end(&mut body);
    if wire_exceeded.get() || body.len() as u64 > limit {
        return Err(BodyError::TooLarge);
    }
    read.map_err(BodyError::Read)?;
    Ok(body)
}

/// A reader that stops after `limit` bytes and remembers whether more were on offer.
struct LimitFlag<R> {
    inner: R,
    left: u64,
    exceeded: std::rc::Rc<std::cell::Cell<bool>>,
}

impl<R: Read> LimitFlag<R> {
    fn new(inner: R, limit: u64) -> LimitFlag<R> {
        LimitFlag {
            inner,
            left: limit,
            exceeded: std::rc::Rc::new(std::cell::Cell::new(false)),
        }
    }
}

impl<R: Read> Read for LimitFlag<R> {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // Past the limit: one probing byte says whether the body goes on.
            let mut probe = [0u8; 1];
            let n_read = self.inner.read(&mut probe)?;
            if n_read > 0 {
                self.exceeded.set(true);
                return Err(std::io::Error::other("the body exceeds the size limit"));
            }
            return Ok(0);
        }
        let wanted = buffer
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n_read = self.inner.read(&mut buffer[..wanted])?;
        self.left -= n_read as u64;
        Ok(n_read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn read(bytes: Vec<u8>, encoding: Option<&str>, limit: u64) -> Result<Vec<u8>, BodyError> {
        read_decoded_body(std::io::Cursor::new(bytes), encoding, limit)
    }

    #[test]
    fn plain_bodies_up_to_the_limit_are_read_and_longer_ones_refused() {
        assert_eq!(read(b"hello".to_vec(), None, 5).unwrap(), b"hello");
        assert!(matches!(
            read(b"hello!".to_vec(), None, 5),
            Err(BodyError::TooLarge)
        ));
        assert_eq!(read(b"hi".to_vec(), Some("identity"), 5).unwrap(), b"hi");
    }

    #[test]
    fn gzip_is_decoded_and_the_limit_applies_to_the_decoded_bytes() {
        let text = "the same sentence again. ".repeat(400);
        let compressed = gzip(text.as_bytes());
        assert!(compressed.len() < 200);
        assert_eq!(
            read(compressed.clone(), Some("gzip"), 100_000).unwrap(),
            text.as_bytes()
        );
        assert!(matches!(
            read(compressed, Some("GZIP"), 1_000),
            Err(BodyError::TooLarge)
        ));
    }

    #[test]
    fn brotli_and_stacked_codings_are_decoded() {
        // "hello brotli" compressed by the reference `brotli` tool at quality 11.
        let brotli: &[u8] = &[
            0x8f, 0x05, 0x80, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x20, 0x62, 0x72, 0x6f, 0x74, 0x6c,
            0x69, 0x03,
        ];
        assert_eq!(
            read(brotli.to_vec(), Some("br"), 100).unwrap(),
            b"hello brotli"
        );
        let twice = gzip(&gzip(b"inner"));
        assert_eq!(read(twice, Some("gzip, gzip"), 100).unwrap(), b"inner");
    }

    #[test]
    fn unknown_codings_and_corrupt_bytes_are_errors() {
        assert!(matches!(
            read(b"x".to_vec(), Some("compress"), 100),
            Err(BodyError::UnknownEncoding(coding)) if coding == "compress"
        ));
        assert!(matches!(
            read(b"not gzip at all".to_vec(), Some("gzip"), 100),
            Err(BodyError::Read(_))
        ));
    }
}
