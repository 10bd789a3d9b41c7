//! Users exports, as Auth0 runs them: `POST /api/v2/jobs/users-exports`
//! creates a job, `GET /api/v2/jobs/{id}` follows it, and a completed job's
//! `location` is a short-lived signed link to a gzipped file on the sandbox
//! itself (`GET /users-exports/{id}.{json|csv}.gz?expires=…&signature=…`,
//! no bearer token, as an S3 link needs none).
//!
//! Deterministic, so tests need no sleeps: the file is a snapshot of the
//! tenant when the job was created, and the job moves on one step per
//! `GET jobs/{id}`: `pending` (the create answer), `processing` 33 % then
//! 66 % (with `time_left_seconds`), then `completed` with a `location`. Each
//! `GET` of a completed job signs a new link valid for
//! `SandboxConfig::export_link_lifetime` on the sandbox's clock; an expired
//! link answers `403` with S3's XML "Request has expired".
//!
//! A failing job (the test hook [`crate::RunningSandbox::fail_next_exports`],
//! or `POST /sandbox/exports/fail-next`) goes `processing` 33 %, then
//! `failed` with `status_details` and a `summary`. A held job
//! ([`crate::RunningSandbox::hold_next_exports`], `POST
//! /sandbox/exports/hold-next`) stays `processing` at 10 % forever.
//!
//! Fields: each `{name, export_as?}` is a top-level user field
//! (`email`) or a path (`identities[0].connection`, `app_metadata.plan`);
//! the key (JSON) or column (CSV) is `export_as` when given, else `name`. A
//! value the user lacks is left out of a JSON line and empty in CSV.
//! Without `fields`, a JSON export has each user whole (as `GET users/{id}`
//! gives it, identities included) and a CSV export [`DEFAULT_CSV_FIELDS`].
//! At most [`MAX_CSV_FIELDS`] in CSV, as Auth0; CSV cells starting with `=`,
//! `+`, `-` or `@` are prefixed with `'` against CSV injection.

use std::io::Write;
use std::sync::atomic::Ordering;

use axum::body::Bytes;
use axum::extract::{Path, Query, State as Extract};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Map, Value};

use super::{authorize, MgmtError};
use crate::authn::{Params, Shared};
use crate::keys::{random_token, s256};
use crate::tenant::User;

/// How long a job stays readable (sandbox clock).
const JOB_LIFETIME: i64 = 24 * 3600;
/// The most fields a CSV export may name, as Auth0's.
pub const MAX_CSV_FIELDS: usize = 30;
/// A CSV export's columns when the request names none.
pub const DEFAULT_CSV_FIELDS: &[&str] = &[
    "user_id",
    "email",
    "email_verified",
    "name",
    "created_at",
    "last_login",
    "logins_count",
    "identities[0].connection",
];

/// `(status, percentage_done, time_left_seconds)` after each `GET jobs/{id}`
/// of a job that succeeds; past the end, completed.
const STEPS: &[(&str, u32, u32)] = &[("processing", 33, 4), ("processing", 66, 2)];
/// Every poll of a held job.
const HELD_STEP: (&str, u32, u32) = ("processing", 10, 3600);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Json,
    Csv,
}

impl Format {
    fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ExportField {
    name: String,
    export_as: Option<String>,
}

impl ExportField {
    fn key(&self) -> &str {
        self.export_as.as_deref().unwrap_or(&self.name)
    }

    fn json(&self) -> Value {
        let mut v = json!({ "name": self.name });
        if let Some(as_) = &self.export_as {
            v["export_as"] = json!(as_);
        }
        v
    }
}

/// A users-export job and its file.
#[derive(Debug, Clone)]
pub(crate) struct ExportJob {
    id: String,
    created_at: String,
    connection: Option<(String, String)>,
    format: Format,
    limit: Option<u64>,
    fields: Option<Vec<ExportField>>,
    /// `GET jobs/{id}` answered so far.
    polls: usize,
    fails: bool,
    /// Never finishes (test hook).
    held: bool,
    users: usize,
    /// The gzipped file.
    file: Bytes,
}

/// A validated request body.
struct ExportRequest {
    connection_id: Option<String>,
    format: Format,
    limit: Option<u64>,
    fields: Option<Vec<ExportField>>,
}

fn invalid(message: impl Into<String>) -> MgmtError {
    MgmtError::bad_body(format!("Payload validation error: {}", message.into()))
}

fn parse_request(body: &[u8]) -> Result<ExportRequest, MgmtError> {
    let value: Value = serde_json::from_slice(if body.is_empty() { b"{}" } else { body })
        .map_err(|_| MgmtError::bad_body("Invalid request payload JSON format"))?;
    let Value::Object(map) = value else {
        return Err(invalid(
            "'Expected type object but found type array' on property .",
        ));
    };
    if let Some(other) = map
        .keys()
        .find(|k| !matches!(k.as_str(), "connection_id" | "format" | "limit" | "fields"))
    {
        return Err(invalid(format!(
            "'Additional properties not allowed: {other}'."
        )));
    }
    let format = parse_format(map.get("format"))?;
    let fields = map.get("fields").map(parse_fields).transpose()?;
    if format == Format::Csv && fields.as_ref().is_some_and(|f| f.len() > MAX_CSV_FIELDS) {
        return Err(invalid(format!(
            "'Array is too long, maximum {MAX_CSV_FIELDS}' on property fields."
        )));
    }
    Ok(ExportRequest {
        connection_id: map
            .get("connection_id")
            .map(parse_connection_id)
            .transpose()?,
        format,
        limit: map.get("limit").map(parse_limit).transpose()?,
        fields,
    })
}

/// `connection_id`: `con_` and 16 letters or digits.
fn parse_connection_id(value: &Value) -> Result<String, MgmtError> {
    let Value::String(id) = value else {
        return Err(invalid("'Expected type string' on property connection_id."));
    };
    let well_formed = id
        .strip_prefix("con_")
        .is_some_and(|rest| rest.len() == 16 && rest.bytes().all(|b| b.is_ascii_alphanumeric()));
    if !well_formed {
        return Err(invalid(format!(
            "'String does not match pattern ^con_[A-Za-z0-9]{{16}}$: {id}' on property connection_id."
        )));
    }
    Ok(id.clone())
}

/// `format`: `json` or `csv` (the default).
fn parse_format(value: Option<&Value>) -> Result<Format, MgmtError> {
    match value.map(Value::as_str) {
        None => Ok(Format::Csv),
        Some(Some("json")) => Ok(Format::Json),
        Some(Some("csv")) => Ok(Format::Csv),
        Some(_) => Err(invalid(
            "'No enum match for: format (json, csv)' on property format (Format of the file. Must be json or csv.).",
        )),
    }
}

/// `limit`: a whole number of at least 1.
fn parse_limit(value: &Value) -> Result<u64, MgmtError> {
    value.as_u64().filter(|n| *n >= 1).ok_or_else(|| {
        invalid(
            "'Expected an integer of at least 1' on property limit (Limit the number of records.).",
        )
    })
}

/// `fields`: a non-empty list of `{name, export_as?}`.
fn parse_fields(value: &Value) -> Result<Vec<ExportField>, MgmtError> {
    let Value::Array(list) = value else {
        return Err(invalid("'Expected type array' on property fields."));
    };
    let fields = list
        .iter()
        .map(parse_field)
        .collect::<Result<Vec<_>, _>>()?;
    if fields.is_empty() {
        return Err(invalid(
            "'Array is too short (0), minimum 1' on property fields.",
        ));
    }
    Ok(fields)
}

fn parse_field(item: &Value) -> Result<ExportField, MgmtError> {
    let name = item.get("name").and_then(Value::as_str).unwrap_or("");
    let export_as = match item.get("export_as") {
        None => None,
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(_) => {
            return Err(invalid(
                "'Expected a non-empty string' on property fields[].export_as.",
            ))
        }
    };
    let known = item
        .as_object()
        .is_some_and(|o| o.keys().all(|k| k == "name" || k == "export_as"));
    if name.is_empty() || !known {
        return Err(invalid(
            "'Each field is {name, export_as?} with a non-empty name' on property fields.",
        ));
    }
    Ok(ExportField {
        name: name.to_owned(),
        export_as,
    })
}

/// `POST /api/v2/jobs/users-exports`.
pub(crate) async fn create(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), MgmtError> {
    authorize(&state, &headers, "read:users")?;
    let request = parse_request(&body)?;
    let now = state.now_secs();
    // The tenant first, released before the flows are taken (lock order).
    let (connection, users, file) = {
        let tenant = state.tenant();
        let connection = match &request.connection_id {
            None => None,
            Some(id) => {
                let c = tenant.connection_by_id(id).ok_or_else(|| {
                    MgmtError::bad_request(
                        "The connection does not exist.",
                        "inexistent_connection",
                    )
                })?;
                Some((c.id, c.name))
            }
        };
        let selected: Vec<&User> = tenant
            .users
            .iter()
            .filter(|u| {
                connection
                    .as_ref()
                    .is_none_or(|(_, name)| u.connection() == name)
            })
            .take(request.limit.map_or(usize::MAX, |l| l as usize))
            .collect();
        let file = export_file(&selected, request.format, request.fields.as_deref())
            .map_err(|_| MgmtError::server("The export file could not be written."))?;
        (connection, selected.len(), file)
    };
    let fails = state
        .fail_exports
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
        .is_ok();
    let held = state
        .hold_exports
        .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
        .is_ok();
    let job = ExportJob {
        id: job_id()?,
        created_at: crate::tenant::timestamp_secs(now),
        connection,
        format: request.format,
        limit: request.limit,
        fields: request.fields,
        polls: 0,
        fails,
        held,
        users,
        file: Bytes::from(file),
    };
    let answer = job_json(&job, &state, now);
    state
        .flows()
        .exports
        .insert(job.id.clone(), job, now + JOB_LIFETIME, now)
        .map_err(|_| MgmtError::too_many_requests())?;
    Ok((StatusCode::CREATED, Json(answer)))
}

/// `GET /api/v2/jobs/{id}`: an export one step further each time (see the
/// module); a verification e-mail job is `completed` (its e-mail is in the
/// outbox).
pub(crate) async fn get(
    Extract(state): Extract<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, MgmtError> {
    authorize(&state, &headers, "read:users")?;
    let now = state.now_secs();
    let mut flows = state.flows();
    if let Some(job) = flows.email_jobs.get(&id) {
        return Ok(Json(job.json("completed")));
    }
    let job = flows
        .exports
        .get_mut(&id)
        .ok_or_else(|| MgmtError::not_found("The job does not exist.", "inexistent_job"))?;
    job.polls = job.polls.saturating_add(1);
    Ok(Json(job_json(job, &state, now)))
}

pub(super) fn job_id() -> Result<String, MgmtError> {
    let random = random_token(48).map_err(|_| MgmtError::server("No randomness available."))?;
    let id: String = random
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    Ok(format!("job_{id}"))
}

/// The job as `GET jobs/{id}` answers after `job.polls` polls (0: the create answer).
fn job_json(job: &ExportJob, state: &crate::State, now: i64) -> Value {
    let mut v = json!({
        "type": "users_export",
        "status": "pending",
        "id": job.id,
        "created_at": job.created_at,
        "format": job.format.as_str(),
    });
    if let Some((id, name)) = &job.connection {
        v["connection_id"] = json!(id);
        v["connection"] = json!(name);
    }
    if let Some(limit) = job.limit {
        v["limit"] = json!(limit);
    }
    if let Some(fields) = &job.fields {
        v["fields"] = Value::Array(fields.iter().map(ExportField::json).collect());
    }
    if job.polls == 0 {
        return v;
    }
    let step = if job.held {
        Some(&HELD_STEP)
    } else {
        STEPS.get(job.polls - 1)
    };
    match (job.fails, step) {
        (true, _) if job.polls > 1 => {
            v["status"] = json!("failed");
            v["percentage_done"] = json!(STEPS[0].1);
            v["time_left_seconds"] = json!(0);
            v["status_details"] = json!(
                "Failed to export users: an internal error stopped the job while it wrote the export file. Create a new export job."
            );
            v["summary"] =
                json!({"failed": job.users, "updated": 0, "inserted": 0, "total": job.users});
        }
        (_, Some((status, percent, left))) => {
            v["status"] = json!(status);
            v["percentage_done"] = json!(percent);
            v["time_left_seconds"] = json!(left);
        }
        (_, None) => {
            v["status"] = json!("completed");
            v["percentage_done"] = json!(100);
            v["time_left_seconds"] = json!(0);
            v["location"] = json!(location(job, state, now));
        }
    }
    v
}

fn file_name(job: &ExportJob) -> String {
    format!("{}.{}.gz", job.id, job.format.as_str())
}

fn signature(secret: &str, file: &str, expires: i64) -> String {
    s256(&format!("{secret}\n{file}\n{expires}"))
}

/// A new signed link to the job's file, valid for the configured lifetime.
fn location(job: &ExportJob, state: &crate::State, now: i64) -> String {
    let expires = now + state.config.export_link_lifetime.as_secs() as i64;
    let file = file_name(job);
    format!(
        "{}users-exports/{file}?expires={expires}&signature={}",
        state.issuer,
        signature(&state.export_secret, &file, expires)
    )
}

/// An S3-like XML error, as the signed link's storage answers.
fn storage_error(status: StatusCode, code: &str, message: &str, extra: &str) -> Response {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message>{extra}<RequestId>sandbox</RequestId></Error>"
    );
    (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
}

/// `GET /users-exports/{file}?expires=…&signature=…`: the file, while the link lasts.
pub(crate) async fn download(
    Extract(state): Extract<Shared>,
    Path(file): Path<String>,
    Query(params): Query<Params>,
) -> Response {
    let expires = params.get("expires").and_then(|e| e.parse::<i64>().ok());
    let given = params.get("signature").map(String::as_str).unwrap_or("");
    let Some(expires) = expires else {
        return storage_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Query-string authentication requires the expires and signature parameters",
            "",
        );
    };
    if signature(&state.export_secret, &file, expires) != given {
        return storage_error(
            StatusCode::FORBIDDEN,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
            "",
        );
    }
    let now = state.now_secs();
    if now >= expires {
        return storage_error(
            StatusCode::FORBIDDEN,
            "AccessDenied",
            "Request has expired",
            &format!("<Expires>{expires}</Expires><ServerTime>{now}</ServerTime>"),
        );
    }
    let id = file.split('.').next().unwrap_or("");
    let bytes = state.flows().exports.get(id).map(|job| job.file.clone());
    match bytes {
        Some(bytes) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/gzip")],
            bytes,
        )
            .into_response(),
        None => storage_error(
            StatusCode::NOT_FOUND,
            "NoSuchKey",
            "The specified key does not exist.",
            "",
        ),
    }
}

/// The gzipped export of `users`.
fn export_file(
    users: &[&User],
    format: Format,
    fields: Option<&[ExportField]>,
) -> std::io::Result<Vec<u8>> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    match format {
        Format::Json => {
            for user in users {
                let whole = serde_json::to_value(user).map_err(std::io::Error::other)?;
                let line = match fields {
                    None => whole,
                    Some(fields) => {
                        let mut out = Map::new();
                        for field in fields {
                            if let Some(value) = pick(&whole, &field.name) {
                                out.insert(field.key().to_owned(), value.clone());
                            }
                        }
                        Value::Object(out)
                    }
                };
                serde_json::to_writer(&mut gz, &line).map_err(std::io::Error::other)?;
                gz.write_all(b"\n")?;
            }
        }
        Format::Csv => {
            let defaults: Vec<ExportField>;
            let fields = match fields {
                Some(f) => f,
                None => {
                    defaults = DEFAULT_CSV_FIELDS
                        .iter()
                        .map(|n| ExportField {
                            name: (*n).to_owned(),
                            export_as: None,
                        })
                        .collect();
                    &defaults
                }
            };
            let header: Vec<String> = fields.iter().map(|f| csv_cell(f.key())).collect();
            writeln!(gz, "{}", header.join(","))?;
            for user in users {
                let whole = serde_json::to_value(user).map_err(std::io::Error::other)?;
                let row: Vec<String> = fields
                    .iter()
                    .map(|f| match pick(&whole, &f.name) {
                        None | Some(Value::Null) => String::new(),
                        Some(Value::String(s)) => csv_cell(s),
                        Some(other) => csv_cell(&other.to_string()),
                    })
                    .collect();
                writeln!(gz, "{}", row.join(","))?;
            }
        }
    }
    gz.finish()
}

/// A CSV cell: guarded against formula injection, quoted when it must be.
fn csv_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The value at `path` (`email`, `app_metadata.plan`, `identities[0].connection`).
fn pick<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = value;
    for segment in path.split('.') {
        let (key, mut rest) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        if !key.is_empty() {
            at = at.get(key)?;
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let end = inner.find(']')?;
            at = at.get(inner[..end].parse::<usize>().ok()?)?;
            rest = &inner[end + 1..];
        }
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_pick_nested_values() {
        let v = json!({"email": "a@x", "identities": [{"connection": "github"}], "app_metadata": {"plan": "pro"}});
        assert_eq!(pick(&v, "email"), Some(&json!("a@x")));
        assert_eq!(pick(&v, "identities[0].connection"), Some(&json!("github")));
        assert_eq!(pick(&v, "app_metadata.plan"), Some(&json!("pro")));
        assert_eq!(pick(&v, "identities[1].connection"), None);
        assert_eq!(pick(&v, "nope"), None);
    }

    #[test]
    fn csv_cells_are_guarded_and_quoted() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("plain"), "plain");
    }

    #[test]
    fn bodies_are_validated_as_auth0_does() {
        assert!(parse_request(
            br#"{"format":"json","fields":[{"name":"email","export_as":"mail"}]}"#
        )
        .is_ok());
        assert!(parse_request(b"").is_ok());
        for bad in [
            &br#"{"format":"xml"}"#[..],
            br#"{"connection_id":"nope"}"#,
            br#"{"limit":0}"#,
            br#"{"fields":[]}"#,
            br#"{"fields":[{"export_as":"x"}]}"#,
            br#"{"other":1}"#,
            b"not json",
        ] {
            assert!(
                parse_request(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
