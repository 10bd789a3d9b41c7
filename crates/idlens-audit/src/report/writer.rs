//! The report written as a stream, one finding at a time, whatever the
//! number of findings.

use std::io::Write;
use std::sync::mpsc;

use serde::Serialize;

use crate::error::AuditError;
use crate::findings::finished::Findings;
use crate::findings::kinds::Summary;
use crate::report::document::REPORT_VERSION;
use crate::report::sources::Sources;

/// Writes the report: `version`, `summary`, `findings` (one a line),
/// `sources` and `created_at` (the caller's clock). Returns the summary.
pub fn write_report(
    mut out: impl Write,
    findings: &Findings,
    sources: &Sources,
    created_at: &str,
) -> Result<Summary, AuditError> {
    let summary = findings.summary();
    let head = format!(
        "{{\"version\":{REPORT_VERSION},\"summary\":{},\"findings\":[",
        json(&summary)
    );
    out.write_all(head.as_bytes()).map_err(AuditError::Write)?;
    write_findings(&mut out, findings).map_err(AuditError::Write)?;
    let tail = format!(
        "\n],\"sources\":{},\"created_at\":{}}}\n",
        json(sources),
        json(created_at)
    );
    out.write_all(tail.as_bytes()).map_err(AuditError::Write)?;
    out.flush().map_err(AuditError::Write)?;
    Ok(summary)
}

/// Findings per chunk serialised by one thread.
const CHUNK: usize = 2048;
const WORKERS: usize = 2;

/// Writes the findings, one a line, separated by commas. Two threads
/// serialise alternate chunks; this one writes them in order, so memory
/// holds a few chunks whatever the number of findings.
fn write_findings(out: &mut impl Write, findings: &Findings) -> std::io::Result<()> {
    let chunks = findings.len().div_ceil(CHUNK);
    std::thread::scope(|scope| {
        let receivers: Vec<_> = (0..WORKERS)
            .map(|worker| {
                let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(2);
                scope.spawn(move || {
                    for chunk in (worker..chunks).step_by(WORKERS) {
                        if tx.send(serialise_chunk(findings, chunk)).is_err() {
                            return;
                        }
                    }
                });
                rx
            })
            .collect();
        // An error returns early; dropping the receivers stops the threads.
        for chunk in 0..chunks {
            let bytes = receivers[chunk % WORKERS]
                .recv()
                .expect("a serialising thread ended early");
            out.write_all(&bytes)?;
        }
        Ok(())
    })
}

fn serialise_chunk(findings: &Findings, chunk: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(CHUNK * 512);
    let end = findings.len().min((chunk + 1) * CHUNK);
    for n in chunk * CHUNK..end {
        bytes.extend_from_slice(if n == 0 { b"\n" } else { b",\n" });
        serde_json::to_writer(&mut bytes, &findings.get(n)).expect("findings serialise to memory");
    }
    bytes
}

/// The report's small parts as JSON (they cannot fail to serialise).
fn json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("report parts serialize")
}
