//! Where exports go, and their names.

use std::path::{Path, PathBuf};

use crate::{AtomicFile, ExportError};

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

    /// A new export `idlens-{stem}-{YYYYMMDD-HHMMSS}.{extension}` (the whole
    /// extension: `json.gz`), written whole on commit under the first name
    /// no file has (`-2`, `-3`, … when exports share a second), taken
    /// without replacing anything: see [`AtomicFile`].
    pub fn create(&self, stem: &str, extension: &str) -> Result<AtomicFile, ExportError> {
        let time = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let base = format!("idlens-{}-{time}", file_stem(stem));
        AtomicFile::create_new(&self.dir, base, extension)
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

    fn commit_new(folder: &Folder, ext: &str, text: &str) -> PathBuf {
        let mut file = folder.create("users acme", ext).unwrap();
        std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
        file.commit().unwrap().path
    }

    #[test]
    fn new_exports_in_one_second_get_names_of_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::at(dir.path());
        // The free-name check is on the whole extension, `.json.gz`.
        let paths: Vec<PathBuf> = ["first", "second", "third"]
            .iter()
            .map(|text| commit_new(&folder, "json.gz", text))
            .collect();
        let names: Vec<String> = paths
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        let base = |name: &str| name[.."idlens-users-acme-20260101-000000".len()].to_owned();
        assert!(names.iter().all(|n| n.ends_with(".json.gz")), "{names:?}");
        if base(&names[0]) == base(&names[1]) {
            assert_eq!(names[1], format!("{}-2.json.gz", base(&names[0])));
        }
        let distinct: std::collections::BTreeSet<&String> = names.iter().collect();
        assert_eq!(distinct.len(), 3, "{names:?}");
        let texts: Vec<String> = paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect();
        assert_eq!(texts, ["first", "second", "third"]);
        assert!(paths[0].starts_with(dir.path()));
    }

    #[test]
    fn concurrent_exports_never_share_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::at(dir.path());
        let barrier = std::sync::Barrier::new(8);
        let paths: Vec<PathBuf> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..8)
                .map(|i| {
                    let (folder, barrier) = (&folder, &barrier);
                    scope.spawn(move || {
                        let mut file = folder.create("users acme", "json.gz").unwrap();
                        std::io::Write::write_all(&mut file, format!("export {i}").as_bytes())
                            .unwrap();
                        barrier.wait();
                        file.commit().unwrap().path
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let distinct: std::collections::BTreeSet<&PathBuf> = paths.iter().collect();
        assert_eq!(distinct.len(), 8, "{paths:?}");
        for (i, path) in paths.iter().enumerate() {
            assert_eq!(
                std::fs::read_to_string(path).unwrap(),
                format!("export {i}")
            );
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 8);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_at_the_next_name_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        let folder = Folder::at(dir.path());
        // Plant links at this second's and the next second's first names.
        let now = folder.create("users acme", "json.gz").unwrap().path();
        let next_second = chrono::Local::now() + chrono::Duration::seconds(1);
        let next = dir.path().join(format!(
            "idlens-users-acme-{}.json.gz",
            next_second.format("%Y%m%d-%H%M%S")
        ));
        for planted in [&now, &next] {
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        let written = commit_new(&folder, "json.gz", "export");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!std::fs::symlink_metadata(&written).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "export");
    }
}
