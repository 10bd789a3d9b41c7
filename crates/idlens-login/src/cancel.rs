use tokio::sync::watch;

/// Cancels the flows given the matching [`Cancellation`] (the UI's Cancel button).
#[derive(Debug, Clone)]
pub struct CancelHandle(watch::Sender<bool>);

impl CancelHandle {
    pub fn cancel(&self) {
        self.0.send_replace(true);
    }
}

/// Given to a waiting flow; it stops with [`LoginError::Cancelled`](crate::LoginError::Cancelled)
/// once its [`CancelHandle`] is used.
#[derive(Debug, Clone)]
pub struct Cancellation(Option<watch::Receiver<bool>>);

/// A linked cancel handle and cancellation.
pub fn cancellation() -> (CancelHandle, Cancellation) {
    let (tx, rx) = watch::channel(false);
    (CancelHandle(tx), Cancellation(Some(rx)))
}

impl Cancellation {
    /// A cancellation that never fires.
    pub fn never() -> Self {
        Self(None)
    }

    /// Resolves once cancelled; never, if the handle was dropped without cancelling.
    pub(crate) async fn cancelled(&mut self) {
        match &mut self.0 {
            Some(rx) => {
                if rx.wait_for(|cancelled| *cancelled).await.is_err() {
                    std::future::pending::<()>().await;
                }
            }
            None => std::future::pending::<()>().await,
        }
    }
}
