//! Tauri commands, made from the one command table
//! (`idlens_api::for_each_command!`): every entry becomes a handler that
//! unpacks its arguments and calls the `Api` method of the same name,
//! on the blocking pool for `blocking` entries, awaited for `async` ones,
//! started as a job for `job` ones (with its batches streamed for
//! `stream_job` ones); `shell` and `shell_job` entries call the
//! function of that name in [`crate::updates`] instead, with the `AppHandle`.
//! A handler that does not match its function fails to compile; the
//! permission manifest and the default permission the capability grants
//! (build.rs) and the UI's bindings come from the same table, and a test
//! checks what the capability resolves to.

use std::sync::Arc;

use idlens_api::types::*;
use idlens_api::{Api, ApiError, Report};
use tauri::State;

type ApiState<'a> = State<'a, Arc<Api>>;

/// Runs a blocking `Api` call (file and keychain I/O) off the async runtime.
async fn blocking<T: Send + 'static>(
    api: &ApiState<'_>,
    call: impl FnOnce(&Api) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let api = Arc::clone(api);
    tauri::async_runtime::spawn_blocking(move || call(&api))
        .await
        .unwrap_or_else(|e| {
            Err(ApiError::new(
                idlens_api::ErrorCode::Internal,
                format!("an IdLens task failed: {e}"),
            ))
        })
}

macro_rules! handler {
    (blocking $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        #[tauri::command]
        async fn $name(api: ApiState<'_>, $( $arg: $ty ),*) -> Result<$ret, ApiError> {
            blocking(&api, move |api| api.$name($( $arg ),*)).await
        }
    };
    (async $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        #[tauri::command]
        async fn $name(api: ApiState<'_>, $( $arg: $ty ),*) -> Result<$ret, ApiError> {
            api.$name($( $arg ),*).await
        }
    };
    (job $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        handler!(@job Batches::None, $name ( $( $arg : $ty ),* ) -> $ret);
    };
    (stream_job $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        handler!(@job Batches::Streamed, $name ( $( $arg : $ty ),* ) -> $ret);
    };
    (@job $batches:expr, $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        #[tauri::command]
        async fn $name(
            api: ApiState<'_>,
            $( $arg: $ty, )*
            events: tauri::ipc::Channel<JobEvent<$ret>>,
        ) -> Result<JobId, ApiError> {
            Ok(start_job(api.inner(), events, $batches, move |api, job| async move { api.$name($( $arg, )* job).await }))
        }
    };
    (shell $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        #[tauri::command]
        async fn $name(app: tauri::AppHandle, $( $arg: $ty ),*) -> Result<$ret, ApiError> {
            crate::updates::$name(app, $( $arg ),*).await
        }
    };
    (shell_job $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty) => {
        #[tauri::command]
        async fn $name(
            api: ApiState<'_>,
            app: tauri::AppHandle,
            $( $arg: $ty, )*
            events: tauri::ipc::Channel<JobEvent<$ret>>,
        ) -> Result<JobId, ApiError> {
            Ok(start_job(api.inner(), events, Batches::None, move |_api, job| crate::updates::$name(app, $( $arg, )* job)))
        }
    };
}

/// Whether a job hands on batches of partial results (a `stream_job`).
enum Batches {
    None,
    /// Each [`LogBatch`] goes over the job's channel as a `JobEvent::Batch`.
    Streamed,
}

/// A job's events go to the UI over `events`; the command answers at once
/// with the job's id. A UI that has gone away (the channel is closed) cancels
/// the job: nobody is waiting for its result. One channel carries progress,
/// batches and the end, so the UI receives them in the order sent.
fn start_job<T, F>(
    api: &Arc<Api>,
    events: tauri::ipc::Channel<JobEvent<T>>,
    batches: Batches,
    run: impl FnOnce(Arc<Api>, idlens_job::Job) -> F,
) -> JobId
where
    T: ts_rs::TS + serde::Serialize + Clone + Send + Sync + 'static,
    F: std::future::Future<Output = Result<T, ApiError>> + Send + 'static,
{
    let api = Arc::clone(api);
    let to_ui = UiEnd::new(&api, events.clone());
    let (id, job) = match batches {
        Batches::None => {
            let progress = to_ui.clone();
            api.job_begin(move |p| progress.send(JobEvent::Progress { progress: p }))
        }
        Batches::Streamed => {
            let progress = to_ui.clone();
            let batch = to_ui.clone();
            api.job_begin_streaming(
                move |p| progress.send(JobEvent::Progress { progress: p }),
                move |b| batch.send(JobEvent::Batch { batch: b }),
            )
        }
    };
    to_ui.started(id);
    let work = run(Arc::clone(&api), job);
    tauri::async_runtime::spawn(async move {
        let result = work.await;
        api.job_end(id);
        let event = match result {
            Ok(result) => JobEvent::Done { result },
            Err(error) => JobEvent::Failed { error },
        };
        // The UI has gone: there is nobody left to tell.
        let _unsent = events.send(event);
    });
    id
}

/// The UI's end of a running job: what the job reports goes there, and a
/// closed channel cancels the job.
struct UiEnd<T: ts_rs::TS> {
    api: Arc<Api>,
    events: tauri::ipc::Channel<JobEvent<T>>,
    /// Set once the job is registered (its progress may come before).
    id: Arc<std::sync::OnceLock<JobId>>,
}

impl<T: ts_rs::TS> Clone for UiEnd<T> {
    fn clone(&self) -> Self {
        Self {
            api: Arc::clone(&self.api),
            events: self.events.clone(),
            id: Arc::clone(&self.id),
        }
    }
}

impl<T: ts_rs::TS + serde::Serialize + Clone> UiEnd<T> {
    fn new(api: &Arc<Api>, events: tauri::ipc::Channel<JobEvent<T>>) -> Self {
        Self {
            api: Arc::clone(api),
            events,
            id: Arc::default(),
        }
    }

    fn started(&self, id: JobId) {
        // Set once, here: a second set cannot happen.
        let _first = self.id.set(id);
    }

    /// Sends `event`; when the UI has gone, cancels the job.
    fn send(&self, event: JobEvent<T>) {
        if self.events.send(event).is_err() {
            if let Some(id) = self.id.get() {
                let _cancelled = self.api.job_cancel(*id);
            }
        }
    }
}

macro_rules! shell_commands {
    ($( $( #[doc = $doc:literal] )+ $kind:ident fn $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
        $( handler!($kind $name ( $( $arg : $ty ),* ) -> $ret); )*

        /// The names registered with Tauri, in registration order.
        #[cfg(test)]
        pub(crate) const REGISTERED: &[&str] = &[$(stringify!($name)),*];

        pub(crate) fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($name),*]
        }
    };
}

idlens_api::for_each_command!(shell_commands);

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::sync::Arc;

    use idlens_api::types::{JobEvent, LogBatch};
    use idlens_api::Api;

    use super::{start_job, Batches};

    /// A job started as the shell starts it, with `batches`, whose work
    /// hands on two batches (when it can) and ends: the `kind` of each
    /// event the UI's channel received, in order.
    fn kinds_the_ui_receives(batches: Batches) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap();
        let api = Arc::new(
            Api::new(
                idlens_profile::ProfileStore::at(dir.path()),
                idlens_profile::Keychain::memory_only("a test"),
            )
            .unwrap(),
        );
        let (to_test, received) = mpsc::channel::<serde_json::Value>();
        let events = tauri::ipc::Channel::<JobEvent<u32>>::new(move |body| {
            let tauri::ipc::InvokeResponseBody::Json(json) = body else {
                panic!("a job's events are JSON")
            };
            to_test.send(serde_json::from_str(&json).unwrap()).unwrap();
            Ok(())
        });
        start_job(&api, events, batches, |_api, job| async move {
            for at in ["1", "2"] {
                if job.takes_batches::<LogBatch>() {
                    let batch = LogBatch {
                        events: Vec::new(),
                        caught_up: at == "2",
                    };
                    job.deliver(batch).unwrap();
                }
            }
            Ok(7_u32)
        });
        let mut kinds = Vec::new();
        while !kinds.iter().any(|k| k == "done" || k == "failed") {
            let event = received.recv().expect("the job ends");
            kinds.push(event["kind"].as_str().unwrap().to_owned());
        }
        kinds
    }

    #[test]
    fn a_stream_jobs_batches_reach_the_ui_on_its_channel_in_order_before_its_end() {
        assert_eq!(
            kinds_the_ui_receives(Batches::Streamed),
            ["batch", "batch", "done"]
        );
    }

    #[test]
    fn a_plain_job_has_no_batch_sink() {
        assert_eq!(kinds_the_ui_receives(Batches::None), ["done"]);
    }

    #[test]
    fn every_command_in_the_table_is_registered_and_nothing_else() {
        let table: Vec<&str> = idlens_api::typescript::commands()
            .iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(super::REGISTERED, table.as_slice());
    }

    /// Tauri's own permissions build.rs adds to the app's default one: the
    /// page zoom (Ctrl+= / Ctrl+- / Ctrl+0). Anything else needs an edit here.
    const CORE_PERMISSIONS: &[&str] = &["core:webview:allow-set-webview-zoom"];
    /// The commands those grant, as the webview invokes them.
    const CORE_COMMANDS: &[&str] = &["plugin:webview|set_webview_zoom"];

    /// The window's one capability grants the app's default permission,
    /// which build.rs makes from the table and the page zoom, and no plugin's.
    #[test]
    fn the_capability_grants_the_generated_default_permission_only() {
        let text = include_str!("capabilities/default.json");
        let capability: serde_json::Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            capability["windows"],
            serde_json::json!([crate::MAIN_WINDOW])
        );
        assert_eq!(capability["permissions"], serde_json::json!(["default"]));

        let generated: toml::Value = toml::from_str(include_str!(concat!(
            env!("OUT_DIR"),
            "/app-permissions/default.toml"
        )))
        .unwrap();
        let expected: Vec<String> = super::REGISTERED
            .iter()
            .map(|c| format!("allow-{}", c.replace('_', "-")))
            .chain(CORE_PERMISSIONS.iter().map(|p| p.to_string()))
            .collect();
        assert_eq!(
            generated["default"]["permissions"],
            toml::Value::try_from(expected).unwrap()
        );
    }

    /// Every command any permission Tauri knows of (the app's, Tauri's core
    /// plugins', the updater's) allows, as the webview invokes it: read from
    /// the ACL manifests tauri-build wrote for this build.
    fn every_known_command() -> Vec<String> {
        let manifests: serde_json::Value = serde_json::from_str(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/gen/schemas/acl-manifests.json"
        )))
        .unwrap();
        let mut commands = Vec::new();
        for (key, manifest) in manifests.as_object().unwrap() {
            let plugin = key.strip_prefix("core:").unwrap_or(key);
            for permission in manifest["permissions"].as_object().unwrap().values() {
                for command in permission["commands"]["allow"].as_array().unwrap() {
                    let command = command.as_str().unwrap();
                    commands.push(match plugin {
                        "__app-acl__" => command.to_string(),
                        _ => format!("plugin:{plugin}|{command}"),
                    });
                }
            }
        }
        commands
    }

    /// What the capability resolves to in the built app: the main window may
    /// call exactly the table's commands and the page zoom, and no other
    /// command of any plugin Tauri knows of.
    #[test]
    fn the_main_window_may_call_the_tables_commands_and_no_plugins() {
        let mut context = crate::context();
        let authority = context.runtime_authority_mut();
        let may_call = |command: &str| {
            authority
                .resolve_access(
                    command,
                    crate::MAIN_WINDOW,
                    crate::MAIN_WINDOW,
                    &tauri::ipc::Origin::Local,
                )
                .is_some()
        };
        let known = every_known_command();
        assert!(
            known.iter().any(|c| c == "plugin:window|close") && known.len() > 100,
            "the ACL manifests list Tauri's core commands: {known:?}"
        );
        let granted: std::collections::BTreeSet<&str> = known
            .iter()
            .map(String::as_str)
            .filter(|c| may_call(c))
            .collect();
        let expected: std::collections::BTreeSet<&str> = super::REGISTERED
            .iter()
            .chain(CORE_COMMANDS)
            .copied()
            .collect();
        assert_eq!(granted, expected);
        for command in [
            "plugin:fs|read_file",
            "plugin:shell|open",
            "plugin:http|fetch",
            "plugin:opener|open_url",
            "not_a_command",
        ] {
            assert!(!may_call(command), "{command} is granted");
        }
    }
}
