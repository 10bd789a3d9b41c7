//! Files as a user gets them from IdLens: gzip, the users exports' gzipped
//! NDJSON, and exports readable by their owner alone.

use std::io::{Read, Write};
use std::path::Path;

use serde_json::Value;

/// `bytes` gzipped.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip into memory")
}

/// The text of a whole gzip file (every member), which must be UTF-8.
pub fn gunzip(bytes: &[u8]) -> String {
    assert_eq!(bytes.get(..2), Some(&[0x1f, 0x8b][..]), "gzip magic");
    let mut text = String::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_string(&mut text)
        .expect("a whole gzip file of UTF-8");
    text
}

/// The JSON values, one a line, of gzipped NDJSON (a users export as Auth0
/// gives it); blank lines are skipped.
pub fn ndjson_lines(gz: &[u8]) -> Vec<Value> {
    gunzip(gz)
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// The users in the gzipped NDJSON file at `path`.
pub fn exported_users(path: impl AsRef<Path>) -> Vec<Value> {
    let path = path.as_ref();
    let bytes =
        std::fs::read(path).unwrap_or_else(|e| panic!("the export {} reads: {e}", path.display()));
    ndjson_lines(&bytes)
}

/// The file at `path` is readable and writable by its owner alone (0600).
pub fn assert_owner_only(path: impl AsRef<Path>) {
    let path = path.as_ref();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .permissions()
            .mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "{} is mode {:o}",
            path.display(),
            mode & 0o777
        );
    }
    #[cfg(not(unix))]
    assert!(path.is_file(), "{} is written", path.display());
}
