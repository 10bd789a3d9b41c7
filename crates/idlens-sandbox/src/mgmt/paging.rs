//! The Management API's two ways to page: offset (`page`, `per_page`,
//! `include_totals`) and checkpoint (`from`, `take`, answered with `next`).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::Serialize;
use serde_json::{json, Value};

use super::MgmtError;
use crate::authn::Params;

/// The largest `per_page` and `take` Auth0 accepts.
pub(crate) const MAX_PER_PAGE: usize = 100;

/// An offset page request.
pub(crate) struct Offset {
    pub page: usize,
    pub per_page: usize,
    pub include_totals: bool,
}

impl Offset {
    /// Reads `page`, `per_page` and `include_totals`; `per_page` defaults to
    /// `default` and may not pass 100.
    pub(crate) fn read(params: &Params, default: usize) -> Result<Self, MgmtError> {
        let page = number(params, "page")?.unwrap_or(0);
        let per_page = number(params, "per_page")?.unwrap_or(default);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(MgmtError::bad_query(format!(
                "Query validation error: 'Invalid value \"{per_page}\" for parameter \"per_page\": must be between 1 and {MAX_PER_PAGE}' on property per_page (Number of results per page)."
            )));
        }
        let include_totals = params.get("include_totals").is_some_and(|v| v == "true");
        Ok(Self {
            page,
            per_page,
            include_totals,
        })
    }

    /// The first index past what this page may show, refused past `cap`.
    pub(crate) fn within(&self, cap: usize) -> Result<(), MgmtError> {
        match (self.page + 1).checked_mul(self.per_page) {
            Some(end) if end <= cap => Ok(()),
            _ => Err(MgmtError::paging_limit()),
        }
    }

    /// This page of `items`: a bare array, or with `include_totals` the
    /// envelope `{key: [...], start, limit, total}` (plus `length` for users).
    pub(crate) fn answer<T: Serialize>(&self, items: &[T], key: &str, with_length: bool) -> Value {
        let start = (self.page * self.per_page).min(items.len());
        let end = (start + self.per_page).min(items.len());
        let page = &items[start..end];
        if !self.include_totals {
            return json!(page);
        }
        let mut envelope = json!({
            key: page,
            "start": start,
            "limit": self.per_page,
            "total": items.len(),
        });
        if with_length {
            envelope["length"] = json!(page.len());
        }
        envelope
    }
}

/// One checkpoint page of `items` after `from`, with the `next` checkpoint
/// when there is more: `{key: [...], next?}`.
pub(crate) fn checkpoint<T: Serialize>(
    params: &Params,
    items: &[T],
    key: &str,
) -> Result<Value, MgmtError> {
    let take = number(params, "take")?.unwrap_or(50);
    if take == 0 || take > MAX_PER_PAGE {
        return Err(MgmtError::bad_query(format!(
            "Query validation error: 'Invalid value \"{take}\" for parameter \"take\": must be between 1 and {MAX_PER_PAGE}'."
        )));
    }
    let start = match params.get("from").filter(|f| !f.is_empty()) {
        None => 0,
        Some(from) => decode_checkpoint(from).ok_or_else(|| {
            MgmtError::bad_query(
                "Query validation error: 'from' is not a checkpoint this API gave.",
            )
        })?,
    };
    let start = start.min(items.len());
    let end = (start + take).min(items.len());
    let mut answer = json!({ key: &items[start..end] });
    if end < items.len() {
        answer["next"] = json!(URL_SAFE_NO_PAD.encode(format!("cp:{end}")));
    }
    Ok(answer)
}

fn decode_checkpoint(from: &str) -> Option<usize> {
    let bytes = URL_SAFE_NO_PAD.decode(from).ok()?;
    std::str::from_utf8(&bytes)
        .ok()?
        .strip_prefix("cp:")?
        .parse()
        .ok()
}

pub(crate) fn number(params: &Params, name: &str) -> Result<Option<usize>, MgmtError> {
    match params.get(name).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| {
            MgmtError::bad_query(format!(
                "Query validation error: 'Expected type integer but found type string' on property {name}."
            ))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> Params {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn checkpoints_walk_every_item_once() {
        let items: Vec<u32> = (0..250).collect();
        let mut seen = Vec::new();
        let mut from = String::new();
        loop {
            let page = checkpoint(
                &params(&[("take", "100"), ("from", &from)]),
                &items,
                "users",
            )
            .ok()
            .unwrap();
            seen.extend(
                page["users"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap() as u32),
            );
            match page.get("next") {
                Some(next) => from = next.as_str().unwrap().to_owned(),
                None => break,
            }
        }
        assert_eq!(seen, items);
    }

    #[test]
    fn offset_pages_stop_at_their_cap() {
        let offset = Offset::read(&params(&[("page", "9"), ("per_page", "100")]), 50)
            .ok()
            .unwrap();
        assert!(offset.within(1000).is_ok());
        let offset = Offset::read(&params(&[("page", "10"), ("per_page", "100")]), 50)
            .ok()
            .unwrap();
        assert!(offset.within(1000).is_err());
        assert!(Offset::read(&params(&[("per_page", "101")]), 50).is_err());
    }
}
