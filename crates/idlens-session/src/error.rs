use idlens_login::LoginError;
use idlens_profile::KeychainError;

/// Why a sign-in, session or token could not be had. Every message is a full
/// sentence that says what to do next; none contains a token.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("Not signed in to profile {profile:?}. Sign in with `idlens login` or from the Session screen.")]
    NotSignedIn { profile: String },

    #[error("This session has no refresh token, so it cannot be renewed. Sign in again.")]
    NoRefreshToken,

    /// The stored refresh token is dead (revoked, expired, reused); it was forgotten.
    #[error("The stored sign-in no longer works, so IdLens forgot it. {0}")]
    SignInExpired(#[source] LoginError),

    #[error("The identity provider renewed the session without an ID token, so IdLens cannot tell who is signed in. Sign in again.")]
    NoIdToken,

    #[error("There is no sign-in {0} in progress (it finished, was cancelled or replaced). Start the sign-in again.")]
    UnknownSignIn(u32),

    #[error("Sign-in {0} is already being waited for.")]
    AlreadyWaiting(u32),

    #[error("This sign-in is already waiting; its page was opened when it started. Cancel it and start again to get a new page.")]
    PageAlreadyOpened,

    #[error("The session has no ID token (the provider did not return one on refresh).")]
    NoIdTokenToReveal,

    #[error("Profile {profile:?} has no Management API access configured. Choose how IdLens reaches it in Settings, or with `idlens profile add {profile} … --management client-credentials --mgmt-client-id ID` (a machine-to-machine application) or `--management signed-in-user`.")]
    ManagementDisabled { profile: String },

    #[error("No client secret is stored for the Management API application of profile {profile:?}. Store it with `idlens profile set-mgmt-secret {profile}` (it reads the secret from standard input) or in Settings.")]
    NoClientSecret { profile: String },

    #[error(transparent)]
    Login(#[from] LoginError),

    #[error("{0}")]
    Keychain(#[from] KeychainError),

    #[error("An IdLens task was interrupted ({0}); try again.")]
    Interrupted(String),
}
