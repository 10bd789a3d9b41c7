use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Profile, ProfileError, ProfileName};

/// Overrides the config directory (tests, portable installs).
pub const CONFIG_DIR_ENV: &str = "IDLENS_CONFIG_DIR";

const FILE_NAME: &str = "profiles.toml";

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

    /// Reads the file; a missing file is an empty profile list.
    pub fn load(&self) -> Result<ProfileFile, StoreError> {
        let path = self.path();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ProfileFile::default()),
            Err(source) => return Err(StoreError::Read { path, source }),
        };
        let file: ProfileFile = toml::from_str(&text).map_err(|e| StoreError::Parse {
            path: path.clone(),
            message: e.message().to_owned(),
        })?;
        for profile in &file.profiles {
            profile.validate().map_err(|e| StoreError::Parse {
                path: path.clone(),
                message: format!("profile {}: {e}", profile.name),
            })?;
        }
        Ok(file)
    }

    pub fn save(&self, file: &ProfileFile) -> Result<(), StoreError> {
        let path = self.path();
        let write_err = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&self.dir).map_err(write_err)?;
        let text = toml::to_string_pretty(file).expect("profile file always serializes to TOML");
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir).map_err(write_err)?;
        tmp.write_all(HEADER.as_bytes()).map_err(write_err)?;
        tmp.write_all(text.as_bytes()).map_err(write_err)?;
        tmp.as_file().sync_all().map_err(write_err)?;
        tmp.persist(&path).map_err(|e| write_err(e.error))?;
        Ok(())
    }

    /// Load, change, save: the one way commands modify profiles.
    pub fn update<T>(
        &self,
        change: impl FnOnce(&mut ProfileFile) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut file = self.load()?;
        let out = change(&mut file)?;
        self.save(&file)?;
        Ok(out)
    }
}

const HEADER: &str =
    "# IdLens tenant profiles. No secrets here: tokens and passwords live in the OS keychain.\n\n";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Issuer, ManagementAccess, Neo4jSettings};
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
            }),
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
