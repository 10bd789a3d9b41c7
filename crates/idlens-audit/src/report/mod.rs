//! The report file (docs/audit.md, "The report"): written as a stream
//! (`writer`), one finding at a time, and read back whole (`document`) for
//! comparisons and fix plans; its `sources`.

pub(crate) mod document;
pub(crate) mod sources;
pub(crate) mod writer;
