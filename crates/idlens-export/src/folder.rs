//! Where exports go, and their names.

use std::path::{Path, PathBuf};

use crate::{ExportError, Format};

/// The folder exports are written to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    dir: PathBuf,
}

/// Overrides the export folder (tests, and users who want another place).
pub const EXPORT_DIR_ENV: &str = "IDLENS_EXPORT_DIR";

impl Folder {
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `$IDLENS_EXPORT_DIR`, else the user's Downloads folder, else HOME.
    pub fn from_env() -> Result<Self, ExportError> {
        if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Self::at(dir));
        }
        let dirs = directories::UserDirs::new().ok_or(ExportError::NoFolder)?;
        let dir = dirs
            .download_dir()
            .map(Path::to_owned)
            .unwrap_or_else(|| dirs.home_dir().to_owned());
        Ok(Self::at(dir))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A path for a new export `idlens-{stem}-{YYYYMMDD-HHMMSS}.{ext}` that
    /// no file has yet (`-2`, `-3`, … when two exports share a second).
    pub fn new_path(&self, stem: &str, format: Format) -> PathBuf {
        let time = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let base = format!("idlens-{}-{time}", file_stem(stem));
        let ext = format.extension();
        (1..)
            .map(|n| match n {
                1 => self.dir.join(format!("{base}.{ext}")),
                n => self.dir.join(format!("{base}-{n}.{ext}")),
            })
            .find(|p| !p.exists())
            .expect("some suffix is free")
    }
}

/// `text` as part of a file name: letters, digits, `-` and `_` kept
/// (lower-cased), anything else one `-`; at most 60 characters.
pub fn file_stem(text: &str) -> String {
    let mut stem = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            stem.push(c.to_ascii_lowercase());
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
        if stem.len() >= 60 {
            break;
        }
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "export".to_owned()
    } else {
        stem.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_keep_only_safe_characters() {
        assert_eq!(file_stem("Members of Everyone"), "members-of-everyone");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("roles × permissions"), "roles-permissions");
        assert_eq!(file_stem("////"), "export");
        assert_eq!(file_stem(&"a".repeat(100)).len(), 60);
    }

    #[test]
    fn a_new_path_never_names_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::at(dir.path());
        let first = folder.new_path("roles", Format::Csv);
        std::fs::write(&first, "x").unwrap();
        let second = folder.new_path("roles", Format::Csv);
        assert_ne!(first, second);
        assert!(
            second.to_string_lossy().ends_with("-2.csv"),
            "{}",
            second.display()
        );
        assert!(first.starts_with(dir.path()));
    }
}
