//! Reading the gazetteer's tab-separated tables: a `#` header, one row per line.

use crate::EntryId;
use crate::error::GazetteerError;

/// One data line of a table, with where it stands for error messages.
pub struct Row<'a> {
    table: &'static str,
    line: usize,
    text: &'a str,
}

/// The data lines of `text`, skipping comments and blank lines.
pub fn rows<'a>(
    table: &'static str,
    text: &'a str,
) -> impl Iterator<Item = Result<Row<'a>, GazetteerError>> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(move |(index, line)| {
            Ok(Row {
                table,
                line: index + 1,
                text: line,
            })
        })
}

impl<'a> Row<'a> {
    pub fn error(&self, reason: String) -> GazetteerError {
        GazetteerError::Row {
            table: self.table,
            line: self.line,
            reason,
        }
    }

    /// Exactly `N` tab-separated fields.
    pub fn fields<const N: usize>(&self) -> Result<[&'a str; N], GazetteerError> {
        let mut fields = [""; N];
        let mut count = 0;
        for field in self.text.split('\t') {
            if count == N {
                return Err(self.error(format!("more than {N} fields")));
            }
            fields[count] = field;
            count += 1;
        }
        if count != N {
            return Err(self.error(format!("{count} fields, expected {N}")));
        }
        Ok(fields)
    }

    pub fn number<T: std::str::FromStr>(
        &self,
        field: &str,
        column: &str,
    ) -> Result<T, GazetteerError> {
        field
            .parse()
            .map_err(|_| self.error(format!("{column} {field:?} is not a number")))
    }

    pub fn optional_number<T: std::str::FromStr>(
        &self,
        field: &str,
        column: &str,
    ) -> Result<Option<T>, GazetteerError> {
        if field.is_empty() {
            Ok(None)
        } else {
            self.number(field, column).map(Some)
        }
    }

    pub fn entry_id(&self, field: &str, entry_count: usize) -> Result<EntryId, GazetteerError> {
        let id: usize = self.number(field, "entry")?;
        if id >= entry_count {
            return Err(self.error(format!(
                "entry {id} is past the last entry ({entry_count} entries)"
            )));
        }
        Ok(id as EntryId)
    }
}
