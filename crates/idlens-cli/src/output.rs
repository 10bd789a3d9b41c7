//! Printing results and errors, as text or as `--json`.
//!
//! Everything the CLI writes goes through here: text through
//! [`terminal::escape`](crate::terminal::escape) (so nothing from outside can
//! drive the terminal), JSON through
//! [`terminal::json_inert`](crate::terminal::json_inert). A closed pipe
//! (`idlens … | head`) ends the process quietly with exit 0, as for any Unix
//! tool; any other write failure (a full disk) ends it with a message and
//! exit 2. Nothing panics on output.

use std::io::Write;
use std::process::ExitCode;

use idlens_api::ApiError;
use serde::Serialize;

use crate::terminal::{self, Newlines, Untrusted};
use crate::EXIT_ERROR;

/// Writes one line (or a block of lines the CLI laid out) to stdout.
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let mut bytes = terminal::escape(text, Newlines::Keep)
        .into_owned()
        .into_bytes();
    bytes.push(b'\n');
    write_or_exit(&mut out, &bytes);
    flush_or_exit(&mut out);
}

/// `println!` through [`line`].
macro_rules! say {
    ($($arg:tt)*) => { $crate::output::line(&format!($($arg)*)) };
}
pub(crate) use say;

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) {
    let text = serde_json::to_string_pretty(value).expect("boundary types always serialize");
    json_text(&text);
}

/// Prints `value` as one line of compact JSON on stdout.
pub fn json_line<T: Serialize>(value: &T) {
    let text = serde_json::to_string(value).expect("boundary types always serialize");
    json_text(&text);
}

/// Prints JSON text on stdout, made inert on a terminal.
pub fn json_text(text: &str) {
    let mut out = std::io::stdout().lock();
    let mut bytes = terminal::json_inert(text).into_owned().into_bytes();
    bytes.push(b'\n');
    write_or_exit(&mut out, &bytes);
    flush_or_exit(&mut out);
}

/// One line on stderr: a note, progress or an error. The message is shown
/// as one line whatever it holds.
pub fn note(text: &str) {
    let mut err = std::io::stderr().lock();
    // stderr is for people; if it is gone there is nobody to tell.
    let _ = writeln!(err, "{}", Untrusted(text));
}

/// Reports an error: the message on stderr, and with `--json` also
/// `{"error": {"code", "message"}}` on stdout so scripts can branch on the code.
pub fn error(e: &ApiError, as_json: bool) -> ExitCode {
    if as_json {
        json(&serde_json::json!({ "error": e }));
    }
    note(&format!("error: {}", e.message));
    ExitCode::from(EXIT_ERROR)
}

/// Writes `bytes`; a closed pipe exits 0, any other failure exits 2.
pub fn write_or_exit(out: &mut impl Write, bytes: &[u8]) {
    if let Err(e) = out.write_all(bytes) {
        exit_on_write_error(&e);
    }
}

/// Flushes `out`, with the same rules as [`write_or_exit`].
pub fn flush_or_exit(out: &mut impl Write) {
    if let Err(e) = out.flush() {
        exit_on_write_error(&e);
    }
}

fn exit_on_write_error(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    note(&format!(
        "error: could not write to standard output ({e}); the output above is incomplete"
    ));
    std::process::exit(i32::from(EXIT_ERROR));
}

/// Lays out rows as aligned columns (the last column is not padded). Cells
/// are values from outside: their line breaks and controls are shown escaped.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| Untrusted(c).to_string()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        let mut out = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<w$}  "));
            }
        }
        out.trim_end().to_owned()
    };
    let mut out = line(header.to_vec());
    for row in &rows {
        out.push('\n');
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_aligns_columns() {
        let t = super::table(
            &["A", "LONGER"],
            &[
                vec!["xyz".into(), "1".into()],
                vec!["w".into(), "22".into()],
            ],
        );
        assert_eq!(t, "A    LONGER\nxyz  1\nw    22");
    }

    #[test]
    fn a_cell_with_a_line_break_stays_on_its_row() {
        let t = super::table(&["ID"], &[vec!["abc\nVALID".into()], vec!["d".into()]]);
        assert_eq!(t, "ID\nabc\\nVALID\nd");
    }
}
