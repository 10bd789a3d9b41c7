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

/// A cell a spreadsheet could run as a formula gets a leading `'`, as OWASP
/// advises for CSV injection: a user name like `=HYPERLINK(…)` from a tenant
/// stays text. Such a cell is one that
/// - starts with a control character: OWASP's tab and carriage return,
///   ASVS's NUL, and likewise a line feed or any other C0/C1 control, which
///   no name or ID starts with; or
/// - has a formula trigger (`=`, `+`, `-`, `@`, or their full-width forms
///   `＝＋－＠`, which spreadsheets read as the ASCII ones) as its first
///   character once leading whitespace and invisible format characters
///   (Unicode category Cf: the BOM, zero-width spaces and joiners, bidi
///   controls) are skipped: spreadsheets may trim the spaces (LibreOffice's
///   "trim spaces") and a person reviewing the file cannot see the rest.
///
/// Anything else is written as it is, leading spaces included.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let starts_with_control = cell.chars().next().is_some_and(char::is_control);
    let first_seen = cell
        .chars()
        .find(|&c| !(c.is_whitespace() || c.is_control() || is_format_char(c)));
    let trigger = matches!(
        first_seen,
        Some('=' | '+' | '-' | '@' | '\u{ff1d}' | '\u{ff0b}' | '\u{ff0d}' | '\u{ff20}')
    );
    if starts_with_control || trigger {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Whether `c` is in Unicode's general category Cf (format characters:
/// invisible, they change how the text around them is shown or joined).
/// The ranges are Unicode 15.1's.
fn is_format_char(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{600}'..='\u{605}' | '\u{61c}' | '\u{6dd}' | '\u{70f}'
        | '\u{890}'..='\u{891}' | '\u{8e2}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}'
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}' | '\u{110bd}' | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}' | '\u{1bca0}'..='\u{1bca3}' | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}' | '\u{e0020}'..='\u{e007f}'
    )
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

    /// Each cell and whether the guard must prefix it with `'`.
    const FORMULA_GUARD_CASES: &[(&str, bool)] = &[
        // OWASP's triggers as the first character.
        ("=1+1", true),
        ("+1", true),
        ("-1", true),
        ("@SUM(A1)", true),
        ("\tx", true),
        ("\rx", true),
        // Other control characters first: a line feed, NUL (ASVS), any C0.
        ("\n=1", true),
        ("\nplain", true),
        ("\0x", true),
        ("\u{1b}x", true),
        // A trigger behind what a spreadsheet skips or a reader cannot see:
        // spaces (LibreOffice's "trim spaces"), other whitespace, the BOM,
        // zero-width and bidi format characters.
        (" =1", true),
        ("   +1", true),
        ("\u{a0}-1", true),
        ("\u{3000}@x", true),
        ("\u{feff}=1", true),
        ("\u{200b}=1", true),
        ("\u{200b}\u{feff} \u{2060}=1", true),
        ("\u{202e}=1", true),
        ("\u{ad}=1", true),
        ("\u{e0041}=1", true),
        // The full-width forms, which spreadsheets read as the ASCII ones.
        ("\u{ff1d}1+1", true),
        ("\u{ff0b}1", true),
        ("\u{ff0d}1", true),
        ("\u{ff20}SUM(A1)", true),
        (" \u{ff1d}1", true),
        // Text stays as it is, spaces and invisible characters included.
        ("auth0|1", false),
        ("plain", false),
        ("", false),
        (" John", false),
        ("\u{feff}John", false),
        ("\u{200b}", false),
        ("a=1", false),
        ("émile@exämple.com", false),
        ("日本語", false),
        ("x\n=1", false),
    ];

    #[test]
    fn the_formula_guard_prefixes_exactly_the_cells_a_spreadsheet_could_run() {
        for (cell, guarded) in FORMULA_GUARD_CASES {
            let expected = if *guarded {
                format!("'{cell}")
            } else {
                (*cell).to_owned()
            };
            assert_eq!(inert(cell), expected, "{cell:?}");
        }
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
