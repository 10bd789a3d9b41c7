/// Why a Management API call failed. Every message says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum ManagementError {
    /// `403` with `errorCode: insufficient_scope`.
    #[error("The Management API refused {endpoint}: it needs the {scope} scope. Grant {scope} to the machine-to-machine application in Auth0 (Applications → APIs → Auth0 Management API → Machine to Machine Applications → the application → Permissions). Tokens of a signed-in user carry only current-user scopes, so use a machine-to-machine application for this.")]
    InsufficientScope { endpoint: String, scope: String },

    /// `403` with `errorCode: operation_not_supported`: the tenant's plan
    /// lacks the feature (a user's sessions and refresh tokens are
    /// Enterprise-plan features). Not a fault: say it in one line.
    #[error("The tenant's plan does not include {endpoint}: {message} Auth0 offers it on the Enterprise plan; until then, use the Auth0 Dashboard or sign the user out from the application.")]
    NotOnPlan { endpoint: String, message: String },

    /// Any other error body `{statusCode, error, message, errorCode}`.
    #[error("The Management API answered {endpoint} with {status} {}: {message}{}", .error_code.as_deref().map(|c| format!("({c})")).unwrap_or_default(), hint(*.status))]
    Api {
        endpoint: String,
        status: u16,
        error_code: Option<String>,
        message: String,
    },

    #[error("The Management API kept answering {endpoint} with 429 (rate limit) after {attempts} tries. Wait a minute and try again, or raise the tenant's rate limit.")]
    RateLimited { endpoint: String, attempts: u32 },

    #[error("The Management API's answer to {endpoint} cannot be read ({detail}), so IdLens shows none of it. Check the tenant's domain; if it is right, try again.")]
    BadResponse { endpoint: String, detail: String },

    #[error("Could not reach the Management API for {endpoint}: {detail}. Check the network and the tenant's domain, then try again.")]
    Unreachable { endpoint: String, detail: String },

    /// The token source could not give a token.
    #[error("{0}")]
    Token(Box<dyn std::error::Error + Send + Sync>),

    #[error("The Management API request was cancelled.")]
    Cancelled,

    #[error("IdLens cannot call the Management API at {url}: {problem}.")]
    BadUrl { url: String, problem: String },

    /// A listing ended before the total it announced.
    #[error("The Management API's listing {endpoint} ended after {items} of the {total} items it announced ({pages} pages), so IdLens shows and saves none of it. Try again; if it ends short again, the tenant's answers are inconsistent: report it to Auth0 support, naming the endpoint.")]
    ListingShort {
        endpoint: String,
        items: u64,
        total: u64,
        pages: u64,
    },

    /// A listing that would not end, stopped by the paging guard.
    #[error("The Management API's listing {endpoint} does not end: {problem}. IdLens stopped after {items} items in {pages} pages, and shows and saves none of it. The tenant's answers look wrong: try again later; if it happens again, report it to Auth0 support, naming the endpoint.")]
    ListingEndless {
        endpoint: String,
        items: u64,
        pages: u64,
        problem: Endless,
    },

    /// An offset-paged listing longer than Auth0 serves by page.
    #[error("{endpoint} lists more than the 1,000 items Auth0 serves by page{}, so IdLens read {items} and shows and saves none of it rather than part. For users, use a users export (`idlens users export`, or `--auth0 export` for an audit); for other lists, remove entries no longer used, or tell the IdLens maintainers which list is this long.", .total.map(|t| format!(" ({t} announced)")).unwrap_or_default())]
    ListingTooLong {
        endpoint: String,
        items: u64,
        total: Option<u64>,
    },

    /// A log checkpoint stream that stopped advancing. The batches handed
    /// out before it are real events; the rest of the log was not read.
    #[error("The Management API's log checkpoint ({endpoint}) does not advance: {problem}. IdLens stopped after {events} new events in {pages} pages: those are the events read so far, not the rest of the log. Try again later from the last checkpoint; if it happens again, report it to Auth0 support, naming the endpoint.")]
    CheckpointStuck {
        endpoint: String,
        events: u64,
        pages: u64,
        problem: Endless,
    },

    /// A search page past the first 1,000 results, which Auth0 refuses:
    /// refused here, before anything is sent.
    #[error("{endpoint} pages through only the first 1,000 results of a search, and page {page} of {per_page} reaches past them. Narrow the search (a date range such as date:[2026-12-01 TO 2026-12-02]), or read the whole log by checkpoint (`idlens logs search --all`).")]
    SearchPastCap {
        endpoint: String,
        page: u64,
        per_page: u64,
    },

    /// A caller's value that cannot be one segment of an address.
    #[error("{id:?} is not an ID IdLens can send ({endpoint}): an ID is not empty, `.` or `..`, and holds no `/`, `?`, `#`, `\\` or control characters. Copy the ID from a search (`idlens users search`, or the Users tab).")]
    UnsafeId { endpoint: String, id: String },
}

/// Why a listing does not end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endless {
    /// A page brought only items already seen.
    RepeatedItems,
    /// The checkpoint `next` repeated one followed before, after a page
    /// that carried data (an empty page is the end: "caught up").
    RepeatedCheckpoint,
    /// The next page (`Link` rel=next) is the checkpoint just read, after
    /// a page that carried data.
    CheckpointUnchanged,
    /// More items than twice the total the listing announced.
    PastTotal { total: u64 },
}

impl std::fmt::Display for Endless {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Endless::RepeatedItems => f.write_str("a page brought only items already seen"),
            Endless::RepeatedCheckpoint => f.write_str(
                "its checkpoint (`next`) repeated one already followed, after a page that carried data",
            ),
            Endless::CheckpointUnchanged => f.write_str(
                "its next page (`Link` rel=next) is the checkpoint just read, after a page that carried data",
            ),
            Endless::PastTotal { total } => {
                write!(f, "it ran past twice the {total} items it announced")
            }
        }
    }
}

fn hint(status: u16) -> &'static str {
    match status {
        401 => ". The token was refused: check the application's client ID and secret.",
        404 => ".",
        400 => ". IdLens sent a request the tenant did not accept: please report it.",
        s if s >= 500 => ". Auth0 has a problem: try again later.",
        _ => ".",
    }
}

impl From<idlens_job::Cancelled> for ManagementError {
    fn from(_: idlens_job::Cancelled) -> Self {
        ManagementError::Cancelled
    }
}

impl ManagementError {
    /// `404`: the user, role or other object does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ManagementError::Api { status: 404, .. })
    }

    /// The tenant's plan lacks the endpoint's feature ([`Self::NotOnPlan`]).
    pub fn is_not_on_plan(&self) -> bool {
        matches!(self, ManagementError::NotOnPlan { .. })
    }
}

/// Why a users export ([`crate::ManagementClient::export_users`]) failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The job ended `failed`.
    #[error("Auth0's users export {job_id} failed: {details}. Nothing was downloaded. Start the export again; if it fails again, look for the job in the tenant's logs (Monitoring → Logs) or export one connection at a time.")]
    Failed {
        job_id: String,
        /// Auth0's `status_details` (and `summary`, when given).
        details: String,
    },

    /// The job was not completed within the job deadline.
    #[error("Auth0 had not finished the users export {job_id} after {deadline}, so IdLens stopped waiting for it; the job itself goes on at Auth0. Check it later with the Management API (GET /api/v2/jobs/{job_id}), or start the export again with a longer deadline (--job-deadline, or the profile's users export deadline in Settings).")]
    DeadlinePassed {
        job_id: String,
        /// The deadline as text (`4h`).
        deadline: String,
    },

    /// The completed export's file could not be downloaded.
    #[error("Could not download the users export {job_id}: {detail}. Auth0's download link lasts about a minute: start the export again.")]
    Download { job_id: String, detail: String },

    /// A Management API call of the export failed (a missing scope, the
    /// rate limit, a cancel: see [`ManagementError`]).
    #[error(transparent)]
    Management(#[from] ManagementError),
}

impl ExportError {
    pub fn is_cancelled(&self) -> bool {
        matches!(self, ExportError::Management(ManagementError::Cancelled))
    }
}

impl From<idlens_job::Cancelled> for ExportError {
    fn from(_: idlens_job::Cancelled) -> Self {
        ExportError::Management(ManagementError::Cancelled)
    }
}
