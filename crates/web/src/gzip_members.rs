//! A gzip stream read member by member that survives a damaged member: the bytes up to the damage are returned, one error names where it was, and reading resumes at the next member.
//!
//! Common Crawl and most crawlers compress each WARC record as its own gzip member, so one
//! flipped bit should cost one record, not every record after it as it does with a plain
//! `MultiGzDecoder`.

use std::io::{BufRead, Read};

/// The first bytes of every gzip member: the magic number and the deflate method.
const MEMBER_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// The error payload a [`ResumingGzipReader`] returns once for each damaged member; callers
/// find it with `error.get_ref()` and `downcast_ref`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptMember {
    /// Where the damaged member starts in the compressed file.
    pub member_offset: u64,
    /// Where reading resumed (the next member's start), or `None` when no member follows.
    pub resumed_at: Option<u64>,
    pub reason: String,
}

impl std::fmt::Display for CorruptMember {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "corrupt gzip member at compressed byte {} ({})",
            self.member_offset, self.reason
        )?;
        match self.resumed_at {
            Some(offset) => write!(
                formatter,
                "; resumed at the member at compressed byte {offset}"
            ),
            None => write!(formatter, "; no member follows it"),
        }
    }
}

impl std::error::Error for CorruptMember {}

/// A buffered reader that counts the bytes consumed and can look a few bytes ahead across its
/// buffer's end, which finding the next member's magic number needs.
struct CountingInput<R> {
    inner: R,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    consumed: u64,
}

const INPUT_BUFFER_BYTES: usize = 64 * 1024;

impl<R: Read> CountingInput<R> {
    fn new(inner: R) -> CountingInput<R> {
        CountingInput {
            inner,
            buffer: vec![0; INPUT_BUFFER_BYTES],
            start: 0,
            end: 0,
            consumed: 0,
        }
    }

    /// Make at least `wanted` bytes available unless the input ends first.
    fn fill_at_least(&mut self, wanted: usize) -> std::io::Result<&[u8]> {
        if self.end - self.start < wanted {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            while self.end < wanted {
                let n_read = self.inner.read(&mut self.buffer[self.end..])?;
                if n_read == 0 {
                    break;
                }
                self.end += n_read;
            }
        }
        Ok(&self.buffer[self.start..self.end])
    }

    /// Skip to the next gzip member's magic number; `false` when the input ends first.
    fn skip_to_next_member(&mut self) -> std::io::Result<bool> {
        loop {
            let available = self.fill_at_least(MEMBER_MAGIC.len())?;
            if available.len() < MEMBER_MAGIC.len() {
                let rest = available.len();
                self.consume(rest);
                return Ok(false);
            }
            match memchr::memmem::find(available, &MEMBER_MAGIC) {
                Some(at) => {
                    self.consume(at);
                    return Ok(true);
                }
                // Keep the last bytes: the magic number may start there.
                None => {
                    let keep = MEMBER_MAGIC.len() - 1;
                    let skipped = available.len() - keep;
                    self.consume(skipped);
                }
            }
        }
    }
}

impl<R: Read> Read for CountingInput<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let available = self.fill_buf()?;
        let n_copied = available.len().min(out.len());
        out[..n_copied].copy_from_slice(&available[..n_copied]);
        self.consume(n_copied);
        Ok(n_copied)
    }
}

impl<R: Read> BufRead for CountingInput<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.fill_at_least(1)
    }

    fn consume(&mut self, amount: usize) {
        let amount = amount.min(self.end - self.start);
        self.start += amount;
        self.consumed += amount as u64;
    }
}

enum State<R> {
    BetweenMembers(CountingInput<R>),
    InMember {
        decoder: flate2::bufread::GzDecoder<CountingInput<R>>,
        member_offset: u64,
    },
    /// Only while the state is being replaced.
    Moving,
}

/// Decompresses every gzip member of `R` in turn, like `MultiGzDecoder`, but a damaged member
/// gives one [`CorruptMember`] error and reading goes on at the next member.
pub struct ResumingGzipReader<R> {
    state: State<R>,
}

impl<R: Read> ResumingGzipReader<R> {
    pub fn new(inner: R) -> ResumingGzipReader<R> {
        ResumingGzipReader {
            state: State::BetweenMembers(CountingInput::new(inner)),
        }
    }
}

impl<R: Read> Read for ResumingGzipReader<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        loop {
            match std::mem::replace(&mut self.state, State::Moving) {
                State::BetweenMembers(mut input) => {
                    if input.fill_buf()?.is_empty() {
                        self.state = State::BetweenMembers(input);
                        return Ok(0);
                    }
                    let member_offset = input.consumed;
                    self.state = State::InMember {
                        decoder: flate2::bufread::GzDecoder::new(input),
                        member_offset,
                    };
                }
                State::InMember {
                    mut decoder,
                    member_offset,
                } => match decoder.read(out) {
                    Ok(0) => self.state = State::BetweenMembers(decoder.into_inner()),
                    Ok(n_read) => {
                        self.state = State::InMember {
                            decoder,
                            member_offset,
                        };
                        return Ok(n_read);
                    }
                    Err(error) => {
                        let mut input = decoder.into_inner();
                        // Never resume inside the damaged member's own header.
                        if input.consumed == member_offset {
                            input.consume(1);
                        }
                        let resumed_at = input.skip_to_next_member()?.then_some(input.consumed);
                        self.state = State::BetweenMembers(input);
                        let reason = match error.kind() {
                            std::io::ErrorKind::UnexpectedEof => {
                                "it ends in the middle".to_string()
                            }
                            _ => error.to_string(),
                        };
                        return Err(std::io::Error::new(
                            std::io::ErrorKind::InvalidData,
                            CorruptMember {
                                member_offset,
                                resumed_at,
                                reason,
                            },
                        ));
                    }
                },
                State::Moving => return Ok(0),
            }
        }
    }
}

/// The [`CorruptMember`] an I/O error carries, if it is one.
pub fn corrupt_member(error: &std::io::Error) -> Option<&CorruptMember> {
    error.get_ref()?.downcast_ref::<CorruptMember>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// Read everything, collecting the text and the errors in the order they came.
    fn read_all(compressed: &[u8]) -> (String, Vec<CorruptMember>) {
        let mut reader = ResumingGzipReader::new(compressed);
        let mut text = Vec::new();
        let mut errors = Vec::new();
        let mut buffer = [0u8; 7];
        loop {
            match reader.read(&mut buffer) {
                Ok(0) => break,
                Ok(n_read) => text.extend_from_slice(&buffer[..n_read]),
                Err(error) => errors.push(corrupt_member(&error).unwrap().clone()),
            }
        }
        (String::from_utf8_lossy(&text).into_owned(), errors)
    }

    #[test]
    fn members_are_read_in_turn() {
        let mut compressed = gzip(b"first member. ");
        compressed.extend(gzip(b"second member."));
        assert_eq!(
            read_all(&compressed),
            ("first member. second member.".to_string(), vec![])
        );
    }

    #[test]
    fn a_damaged_member_costs_only_itself() {
        let first = gzip(&b"one ".repeat(50));
        let mut damaged = gzip(&b"two ".repeat(50));
        let middle = damaged.len() / 2;
        damaged[middle] ^= 0xff;
        damaged[middle + 1] ^= 0xff;
        let third = gzip(b"three");
        let compressed = [first.clone(), damaged.clone(), third].concat();
        let (text, errors) = read_all(&compressed);
        assert!(text.starts_with(&"one ".repeat(50)), "{text}");
        assert!(text.ends_with("three"), "{text}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].member_offset, first.len() as u64);
        assert_eq!(
            errors[0].resumed_at,
            Some((first.len() + damaged.len()) as u64)
        );
    }

    #[test]
    fn a_cut_off_last_member_is_reported_once() {
        let mut compressed = gzip(b"whole");
        let cut = gzip(b"cut short by a failed copy");
        compressed.extend_from_slice(&cut[..cut.len() / 2]);
        let (text, errors) = read_all(&compressed);
        assert!(text.starts_with("whole"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].resumed_at, None);
    }
}
