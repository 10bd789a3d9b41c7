use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::model::{Profile, ProfileError, ProfileName};

/// Overrides the config directory (tests, portable installs).
pub const CONFIG_DIR_ENV: &str = "IDLENS_CONFIG_DIR";

const FILE_NAME: &str = "profiles.toml";
/// Held (OS file lock) around every read-modify-write of [`FILE_NAME`]. A
/// file of its own: the profile file is replaced by a rename on every save,
/// so a lock on it would be on a file that is already gone.
const LOCK_FILE_NAME: &str = "profiles.toml.lock";

/// The largest profile file read (about 5,000 profiles): a hand-edited or
/// hostile file must not make listing profiles take gigabytes.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// The most profiles a file may hold.
pub const MAX_PROFILES: usize = 1000;
/// How long a change waits for another process's change to finish.
const LOCK_WAIT: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no config directory could be determined for this user: set {CONFIG_DIR_ENV}")]
    NoConfigDir,
    #[error("could not read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is not a valid IdLens profile file ({message}); fix or delete it")]
    Parse { path: PathBuf, message: String },
    #[error("could not write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no profile named {0:?}: see `idlens profile list`")]
    NotFound(String),
    #[error("no profile is in use: add one with `idlens profile add` or in Settings")]
    NoneInUse,
    #[error("a profile named {0:?} already exists: remove it first or pick another name")]
    AlreadyExists(String),
    #[error("IdLens keeps at most {MAX_PROFILES} profiles: remove one you no longer use first")]
    TooMany,
    #[error("another IdLens (the app or a command) has been changing {path} for {} s: try again when it is done", LOCK_WAIT.as_secs())]
    Busy { path: PathBuf },
    #[error(transparent)]
    Invalid(#[from] ProfileError),
}

/// The whole profile file: every profile and which one is in use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<ProfileName>,
    #[serde(default, rename = "profile")]
    pub profiles: Vec<Profile>,
}

impl ProfileFile {
    pub fn get(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.name.as_str() == name)
    }

    /// The profile commands act on: the named one, else the one in use.
    pub fn resolve(&self, name: Option<&str>) -> Result<&Profile, StoreError> {
        match name.or(self.current.as_ref().map(ProfileName::as_str)) {
            Some(name) => self
                .get(name)
                .ok_or_else(|| StoreError::NotFound(name.to_owned())),
            None => Err(StoreError::NoneInUse),
        }
    }

    /// Adds a new profile; the first one added becomes the one in use.
    pub fn add(&mut self, profile: Profile) -> Result<(), StoreError> {
        profile.validate()?;
        if self.get(profile.name.as_str()).is_some() {
            return Err(StoreError::AlreadyExists(profile.name.to_string()));
        }
        if self.profiles.len() >= MAX_PROFILES {
            return Err(StoreError::TooMany);
        }
        if self.current.is_none() {
            self.current = Some(profile.name.clone());
        }
        self.profiles.push(profile);
        Ok(())
    }

    /// Replaces the profile of the same name, or adds it.
    pub fn upsert(&mut self, profile: Profile) -> Result<(), StoreError> {
        profile.validate()?;
        match self.profiles.iter_mut().find(|p| p.name == profile.name) {
            Some(existing) => *existing = profile,
            None => self.add(profile)?,
        }
        Ok(())
    }

    /// Removes a profile. If it was in use, the first remaining one takes over.
    pub fn remove(&mut self, name: &str) -> Result<Profile, StoreError> {
        let index = self
            .profiles
            .iter()
            .position(|p| p.name.as_str() == name)
            .ok_or_else(|| StoreError::NotFound(name.to_owned()))?;
        let removed = self.profiles.remove(index);
        if self.current.as_ref() == Some(&removed.name) {
            self.current = self.profiles.first().map(|p| p.name.clone());
        }
        Ok(removed)
    }

    pub fn use_profile(&mut self, name: &str) -> Result<(), StoreError> {
        let profile = self
            .get(name)
            .ok_or_else(|| StoreError::NotFound(name.to_owned()))?;
        self.current = Some(profile.name.clone());
        Ok(())
    }
}

/// The profile file on disk. Writes are atomic (temp file + rename), so a crash
/// never leaves half a file.
#[derive(Debug, Clone)]
pub struct ProfileStore {
    dir: PathBuf,
}

impl ProfileStore {
    /// `$IDLENS_CONFIG_DIR`, else the OS config directory
    /// (`~/.config/idlens` on Linux, `~/Library/Application Support/dev.idlens.IdLens`
    /// on macOS, `%APPDATA%\idlens\IdLens\config` on Windows).
    pub fn open_default() -> Result<Self, StoreError> {
        if let Some(dir) = std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
            return Ok(Self::at(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("dev", "idlens", "IdLens")
            .map(|dirs| Self::at(dirs.config_dir().to_path_buf()))
            .ok_or(StoreError::NoConfigDir)
    }

    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Reads the file; a missing file is an empty profile list. Reads take no
    /// lock: saves replace the file atomically, so a read sees the file
    /// before or after a change, never half of one.
    pub fn load(&self) -> Result<ProfileFile, StoreError> {
        let path = self.path();
        let text = match idlens_bounded::read_file(&path, MAX_FILE_BYTES) {
            Ok(text) => text,
            Err(idlens_bounded::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(ProfileFile::default())
            }
            Err(idlens_bounded::ReadError::Io(source)) => {
                return Err(StoreError::Read { path, source })
            }
            Err(other) => {
                return Err(StoreError::Parse {
                    path,
                    message: other.to_string(),
                })
            }
        };
        parse(&text).map_err(|message| StoreError::Parse { path, message })
    }

    /// Writes `file` atomically (temporary file + rename). Only under the
    /// lock, from [`update`](Self::update).
    // The profile file is configuration, not an export: it is replaced in
    // place by its own temporary file under the store's lock.
    #[allow(clippy::disallowed_methods)]
    fn save(&self, file: &ProfileFile) -> Result<(), StoreError> {
        let path = self.path();
        let write_err = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        let text = toml::to_string_pretty(file).expect("profile file always serializes to TOML");
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir).map_err(write_err)?;
        tmp.write_all(HEADER.as_bytes()).map_err(write_err)?;
        tmp.write_all(text.as_bytes()).map_err(write_err)?;
        tmp.as_file().sync_all().map_err(write_err)?;
        tmp.persist(&path).map_err(|e| write_err(e.error))?;
        Ok(())
    }

    /// Load, change, save: the one way profiles are modified. Holds the
    /// store's OS file lock throughout and re-reads the file under it, so
    /// changes made at the same time by other processes (the app, other
    /// CLI calls) are all kept. Blocking: call it off an async executor.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut ProfileFile) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let _lock = self.lock()?;
        let mut file = self.load()?;
        let out = change(&mut file)?;
        self.save(&file)?;
        Ok(out)
    }

    /// Takes the exclusive lock, waiting up to [`LOCK_WAIT`] for another
    /// process to finish its change. Released when the file is dropped.
    fn lock(&self) -> Result<std::fs::File, StoreError> {
        let path = self.dir.join(LOCK_FILE_NAME);
        crate::file_lock::lock_exclusive(&path, LOCK_WAIT).map_err(|e| match e {
            crate::LockError::Busy { .. } => StoreError::Busy { path: self.path() },
            crate::LockError::Io { path, source } => StoreError::Write { path, source },
        })
    }
}

/// Parses and validates the file's text. Errors name the line.
fn parse(text: &str) -> Result<ProfileFile, String> {
    let file: ProfileFile =
        toml::from_str(text).map_err(|e| at_line(text, e.span(), e.message()))?;
    if file.profiles.len() > MAX_PROFILES {
        return Err(format!(
            "it holds {} profiles; IdLens keeps at most {MAX_PROFILES}",
            file.profiles.len()
        ));
    }
    // Where each profile's `name` is, for messages about one profile.
    let names: NameSpans =
        toml::from_str(text).map_err(|e| at_line(text, e.span(), e.message()))?;
    let line_of = |index: usize| {
        names
            .profile
            .get(index)
            .map(|n| line_number(text, n.name.span().start))
    };
    let mut seen = std::collections::HashMap::new();
    for (index, profile) in file.profiles.iter().enumerate() {
        let line = line_of(index).unwrap_or(0);
        if let Err(e) = profile.validate() {
            return Err(format!("line {line}: profile {}: {e}", profile.name));
        }
        if let Some(first) = seen.insert(profile.name.as_str(), line) {
            return Err(format!(
                "line {line}: a second profile named {:?} (the first is on line {first}); \
                 profile names must be unique: rename or remove one",
                profile.name.as_str()
            ));
        }
    }
    Ok(file)
}

/// Just the profiles' names with where they are in the text.
#[derive(Deserialize)]
struct NameSpans {
    #[serde(default)]
    profile: Vec<NameSpan>,
}

#[derive(Deserialize)]
struct NameSpan {
    name: toml::Spanned<String>,
}

/// "line N: message" for a parse error at `span`.
fn at_line(text: &str, span: Option<std::ops::Range<usize>>, message: &str) -> String {
    match span {
        Some(span) => format!("line {}: {message}", line_number(text, span.start)),
        None => message.to_owned(),
    }
}

/// The 1-based line of byte `offset`.
fn line_number(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

const HEADER: &str =
    "# IdLens tenant profiles. No secrets here: tokens and passwords live in the OS keychain.\n\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GraphMapping, Issuer, ManagementAccess, Neo4jSettings};
    use expect_test::expect;

    fn profile(name: &str) -> Profile {
        Profile {
            name: ProfileName::parse(name).unwrap(),
            issuer: Issuer::parse("acme.eu.auth0.com").unwrap(),
            provider: crate::ProviderSetting::Auto,
            client_id: "a1b2c3".into(),
            audience: Some("https://api.acme.com".into()),
            callback_port: 53134,
            scopes: vec!["read:reports".into()],
            management: ManagementAccess::ClientCredentials {
                client_id: "m2m-client".into(),
            },
            neo4j: Some(Neo4jSettings {
                uri: "neo4j://graph.acme.internal:7687".into(),
                user: "idlens".into(),
                database: Some("users".into()),
                mapping: GraphMapping::default(),
            }),
            export_job_deadline: crate::JobDeadline::default(),
            log_retention_days: None,
        }
    }

    #[test]
    fn round_trip_and_file_format() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        assert_eq!(store.load().unwrap(), ProfileFile::default());

        store.update(|f| f.add(profile("acme"))).unwrap();
        store.update(|f| f.add(profile("staging"))).unwrap();
        let file = store.load().unwrap();
        assert_eq!(file.current.as_ref().unwrap().as_str(), "acme");
        assert_eq!(file.profiles.len(), 2);
        assert_eq!(file.resolve(None).unwrap().name.as_str(), "acme");
        assert_eq!(
            file.resolve(Some("staging")).unwrap().name.as_str(),
            "staging"
        );

        store.update(|f| f.remove("staging").map(drop)).unwrap();
        expect![[r#"
            # IdLens tenant profiles. No secrets here: tokens and passwords live in the OS keychain.

            current = "acme"

            [[profile]]
            name = "acme"
            issuer = "https://acme.eu.auth0.com/"
            client_id = "a1b2c3"
            audience = "https://api.acme.com"
            callback_port = 53134
            scopes = ["read:reports"]

            [profile.management]
            kind = "client-credentials"
            client_id = "m2m-client"

            [profile.neo4j]
            uri = "neo4j://graph.acme.internal:7687"
            user = "idlens"
            database = "users"
        "#]]
        .assert_eq(&std::fs::read_to_string(store.path()).unwrap());
    }

    #[test]
    fn a_users_export_deadline_is_kept_and_a_bad_one_reported_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        let mut slow = profile("slow");
        slow.export_job_deadline = crate::JobDeadline::parse("12h").unwrap();
        store.update(|f| f.add(slow)).unwrap();
        let text = std::fs::read_to_string(store.path()).unwrap();
        assert!(text.contains("export_job_deadline = \"12h\"\n"), "{text}");
        let loaded = store.load().unwrap();
        assert_eq!(loaded.profiles[0].export_job_deadline.to_string(), "12h");

        std::fs::write(store.path(), text.replace("\"12h\"", "\"3 days\"")).unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("line 12"), "{err}");
        assert!(
            err.contains("users export deadline \"3 days\" is not a duration"),
            "{err}"
        );
    }

    #[test]
    fn duplicate_and_missing_names() {
        let mut file = ProfileFile::default();
        file.add(profile("acme")).unwrap();
        assert!(matches!(
            file.add(profile("acme")),
            Err(StoreError::AlreadyExists(_))
        ));
        assert!(matches!(file.remove("nope"), Err(StoreError::NotFound(_))));
        assert!(matches!(
            file.use_profile("nope"),
            Err(StoreError::NotFound(_))
        ));
    }

    #[test]
    fn removing_current_profile_hands_over_to_the_next() {
        let mut file = ProfileFile::default();
        file.add(profile("a")).unwrap();
        file.add(profile("b")).unwrap();
        file.remove("a").unwrap();
        assert_eq!(file.current.as_ref().unwrap().as_str(), "b");
        file.remove("b").unwrap();
        assert!(file.current.is_none());
        assert!(matches!(file.resolve(None), Err(StoreError::NoneInUse)));
    }

    #[test]
    fn concurrent_changes_are_all_kept() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        std::thread::scope(|scope| {
            for i in 0..24 {
                let store = store.clone();
                scope.spawn(move || store.update(|f| f.add(profile(&format!("p{i}")))).unwrap());
            }
        });
        let file = store.load().unwrap();
        let mut names: Vec<&str> = file.profiles.iter().map(|p| p.name.as_str()).collect();
        names.sort_unstable();
        let mut expected: Vec<String> = (0..24).map(|i| format!("p{i}")).collect();
        expected.sort_unstable();
        assert_eq!(names, expected);
    }

    #[test]
    fn duplicate_names_in_a_hand_edited_file_name_both_lines() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        let one = "[[profile]]\nname = \"prod\"\nissuer = \"https://a.auth0.com/\"\nclient_id = \"c\"\n\n";
        let other =
            "[[profile]]\nname = \"prod\"\nissuer = \"https://b.auth0.com/\"\nclient_id = \"d\"\n";
        std::fs::write(store.path(), format!("current = \"prod\"\n\n{one}{other}")).unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(
            err.contains("line 9: a second profile named \"prod\" (the first is on line 4)"),
            "{err}"
        );
    }

    #[test]
    fn parse_errors_name_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        std::fs::write(
            store.path(),
            "[[profile]]\nname = \"x\"\nissuer = \"https://a.auth0.com/\"\nclient_id = \"c\"\ncallback_port = \"nope\"\n",
        )
        .unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("(line 5:"), "{err}");
        std::fs::write(
            store.path(),
            "\n\n[[profile]]\nname = \"x\"\nissuer = \"https://u:pw@a.auth0.com/\"\nclient_id = \"c\"\n",
        )
        .unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("line 5"), "{err}");
        assert!(!err.contains("pw@"), "{err}");
    }

    #[test]
    fn an_oversized_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        let block =
            "[[profile]]\nname = \"p\"\nissuer = \"https://a.auth0.com/\"\nclient_id = \"c\"\n";
        std::fs::write(store.path(), block.repeat(MAX_FILE_BYTES / block.len() + 1)).unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("larger than 1 MiB"), "{err}");
        let mut file = ProfileFile::default();
        for i in 0..MAX_PROFILES {
            file.profiles.push(profile(&format!("p{i}")));
        }
        assert!(matches!(
            file.add(profile("one-more")),
            Err(StoreError::TooMany)
        ));
    }

    #[test]
    fn corrupt_file_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProfileStore::at(dir.path());
        std::fs::write(store.path(), "[[profile]]\nname = \"x\"\n").unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("is not a valid IdLens profile file"), "{err}");
        assert!(err.contains("fix or delete it"), "{err}");

        std::fs::write(
            store.path(),
            "[[profile]]\nname = \"x\"\nissuer = \"http://evil.com/\"\nclient_id = \"c\"\n",
        )
        .unwrap();
        let err = store.load().unwrap_err().to_string();
        assert!(err.contains("must use https://"), "{err}");
    }
}
