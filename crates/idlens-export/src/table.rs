//! Tables as CSV or JSON, written row by row.

use std::io::Write;

use crate::ExportError;

/// A table as a screen shows it: column headings and rows of text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180 CSV with a header row; formula-like cells made inert.
    Csv,
    /// A JSON array with one object per row, keyed by the column headings.
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// Writes a table's rows as they come.
pub struct TableWriter<W: Write> {
    columns: Vec<String>,
    out: Output<W>,
    rows: u64,
}

enum Output<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Json { out: W },
}

impl<W: Write> TableWriter<W> {
    pub fn new(out: W, format: Format, columns: &[String]) -> std::io::Result<Self> {
        let out = match format {
            Format::Csv => {
                let mut csv = csv::WriterBuilder::new()
                    .terminator(csv::Terminator::CRLF)
                    .from_writer(out);
                write_csv_record(&mut csv, columns)?;
                Output::Csv(Box::new(csv))
            }
            Format::Json => {
                let mut out = out;
                out.write_all(b"[")?;
                Output::Json { out }
            }
        };
        Ok(Self {
            columns: columns.to_vec(),
            out,
            rows: 0,
        })
    }

    /// One row: as many cells as there are columns.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), ExportError> {
        if cells.len() != self.columns.len() {
            return Err(ExportError::RowWidth {
                expected: self.columns.len(),
                found: cells.len(),
            });
        }
        let io = |e| ExportError::Write {
            path: "the export".to_owned(),
            source: e,
        };
        match &mut self.out {
            Output::Csv(csv) => write_csv_record(csv, cells).map_err(io)?,
            Output::Json { out } => {
                let object: serde_json::Map<String, serde_json::Value> = self
                    .columns
                    .iter()
                    .zip(cells)
                    .map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_ref())))
                    .collect();
                let separator: &[u8] = if self.rows == 0 { b"\n  " } else { b",\n  " };
                out.write_all(separator).map_err(io)?;
                serde_json::to_writer(&mut *out, &object)
                    .map_err(std::io::Error::from)
                    .map_err(io)?;
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Ends the table (JSON's closing bracket) and hands back the writer.
    pub fn finish(self) -> std::io::Result<(W, u64)> {
        let rows = self.rows;
        let out = match self.out {
            Output::Csv(csv) => (*csv).into_inner().map_err(|e| e.into_error())?,
            Output::Json { mut out } => {
                out.write_all(if rows == 0 { b"]\n" } else { b"\n]\n" })?;
                out
            }
        };
        Ok((out, rows))
    }
}

impl Table {
    /// The whole table in `format`, in memory (for small tables).
    pub fn to_bytes(&self, format: Format) -> Result<Vec<u8>, ExportError> {
        let mut writer = TableWriter::new(Vec::new(), format, &self.columns).map_err(|e| {
            ExportError::Write {
                path: "the export".to_owned(),
                source: e,
            }
        })?;
        for row in &self.rows {
            writer.row(row)?;
        }
        let (bytes, _) = writer.finish().map_err(|e| ExportError::Write {
            path: "the export".to_owned(),
            source: e,
        })?;
        Ok(bytes)
    }
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a
/// tab or carriage return first) gets a leading `'`, as OWASP advises for
/// CSV injection: a user name like `=HYPERLINK(…)` from a tenant stays text.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn write_csv_record<W: Write, S: AsRef<str>>(
    csv: &mut csv::Writer<W>,
    cells: &[S],
) -> std::io::Result<()> {
    for cell in cells {
        csv.write_field(inert(cell.as_ref()).as_bytes())
            .map_err(into_io)?;
    }
    csv.write_record(None::<&[u8]>).map_err(into_io)
}

fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            columns: vec!["user".into(), "note".into()],
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    #[test]
    fn csv_quotes_what_needs_it_and_makes_formulas_inert() {
        let t = table(&[
            &["auth0|1", "plain"],
            &["a,b", "say \"hi\"\nbye"],
            &["=HYPERLINK(\"http://x\")", "+1"],
            &["-2", "@SUM(A1)"],
        ]);
        let text = String::from_utf8(t.to_bytes(Format::Csv).unwrap()).unwrap();
        assert_eq!(
            text,
            "user,note\r\n\
             auth0|1,plain\r\n\
             \"a,b\",\"say \"\"hi\"\"\nbye\"\r\n\
             \"'=HYPERLINK(\"\"http://x\"\")\",'+1\r\n\
             '-2,'@SUM(A1)\r\n"
        );
    }

    #[test]
    fn json_is_one_object_per_row_and_text_stays_text() {
        let t = table(&[&["=1", "x"], &["b", "y"]]);
        let value: serde_json::Value =
            serde_json::from_slice(&t.to_bytes(Format::Json).unwrap()).unwrap();
        assert_eq!(
            value,
            serde_json::json!([{"user": "=1", "note": "x"}, {"user": "b", "note": "y"}])
        );
        let empty = table(&[]).to_bytes(Format::Json).unwrap();
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&empty).unwrap(),
            serde_json::json!([])
        );
    }

    #[test]
    fn a_row_of_the_wrong_width_is_refused() {
        let mut w = TableWriter::new(Vec::new(), Format::Csv, &["a".to_owned()]).unwrap();
        let err = w.row(&["1", "2"]).unwrap_err();
        assert!(
            matches!(
                err,
                ExportError::RowWidth {
                    expected: 1,
                    found: 2
                }
            ),
            "{err}"
        );
    }
}
