//! Printing results and errors, as text or as `--json`.

use std::process::ExitCode;

use idlens_api::ApiError;
use serde::Serialize;

use crate::EXIT_ERROR;

/// Writes one line to stdout. A closed pipe (`idlens … | head`) ends the
/// process quietly, as it would for any Unix tool, instead of panicking.
pub fn line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}").and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: could not write to standard output: {e}");
        std::process::exit(i32::from(EXIT_ERROR));
    }
}

/// `println!` through [`line`].
macro_rules! say {
    ($($arg:tt)*) => { $crate::output::line(&format!($($arg)*)) };
}
pub(crate) use say;

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) {
    line(&serde_json::to_string_pretty(value).expect("boundary types always serialize"));
}

/// Reports an error: the message on stderr, and with `--json` also
/// `{"error": {"code", "message"}}` on stdout so scripts can branch on the code.
pub fn error(e: &ApiError, as_json: bool) -> ExitCode {
    if as_json {
        json(&serde_json::json!({ "error": e }));
    }
    eprintln!("error: {}", e.message);
    ExitCode::from(EXIT_ERROR)
}

/// Lays out rows as aligned columns (the last column is not padded).
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for row in rows {
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
    for row in rows {
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
}
