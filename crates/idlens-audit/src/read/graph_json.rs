//! Graph nodes from a JSON array (Neo4j Browser's "Export JSON"), read one
//! element at a time: the array itself is never held, and an element longer
//! than `max_record` stops the reading. A leading byte-order mark is skipped.
//!
//! An element is either flat (`{"sub": …, "email": …}` or `{"u.sub": …}`)
//! or a single key wrapping one node (`{"u": {"sub": …}}`, or Browser's
//! node form `{"u": {"identity": 1, "labels": […], "properties": {…}}}`).

use std::cell::RefCell;
use std::fmt;
use std::io::Read;

use idlens_bounded::{PieceLimit, SkipBom};

use serde::de::{self, DeserializeSeed, Deserializer, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::AuditError;
use crate::mapping::{Identifier, Mapping};
use crate::read::graph_columns::{parse_bool, property_of, required, AbsentProperties};
use crate::read::graph_row::{GraphRow, GraphRowRef};
use crate::read::graph_stats::GraphStats;
use crate::read::options::ReadOptions;

/// Reads a JSON array export and hands each row to `row`.
pub fn read_graph_json(
    input: impl Read,
    mapping: &Mapping,
    options: &ReadOptions,
    mut row: impl FnMut(GraphRowRef<'_>),
) -> Result<GraphStats, AuditError> {
    let stop: RefCell<Option<AuditError>> = RefCell::new(None);
    let mut stats = GraphStats {
        absent: AbsentProperties::all_mapped(mapping),
        ..GraphStats::default()
    };
    // It buffers, and counts what it hands the parser.
    let elements = PieceLimit::new(options.max_record);
    let input = elements.reader(SkipBom::new(input));
    let mut deserializer = serde_json::Deserializer::from_reader(input);
    let visitor = Elements {
        mapping,
        options,
        stats: &mut stats,
        row: &mut row,
        stop: &stop,
        elements: &elements,
    };
    let result = deserializer
        .deserialize_seq(visitor)
        .and_then(|()| deserializer.end());
    if let Some(error) = stop.into_inner() {
        return Err(error);
    }
    if let Some(too_long) = elements.exceeded() {
        return Err(AuditError::TooLong {
            source_name: options.source_name.clone(),
            what: "element",
            at: too_long.piece,
            limit: too_long.limit,
        });
    }
    result.map_err(|e| not_an_array(e, options))?;
    Ok(stats)
}

fn not_an_array(e: serde_json::Error, options: &ReadOptions) -> AuditError {
    if e.is_io() {
        let error = std::io::Error::other(e.to_string());
        return AuditError::Read {
            source_name: options.source_name.clone(),
            error,
        };
    }
    AuditError::NotJsonArray {
        source_name: options.source_name.clone(),
        detail: e.to_string(),
    }
}

struct Elements<'x, F> {
    mapping: &'x Mapping,
    options: &'x ReadOptions,
    stats: &'x mut GraphStats,
    row: &'x mut F,
    /// Set when an element stops the read (a bad row not skipped).
    stop: &'x RefCell<Option<AuditError>>,
    /// Told where each element begins.
    elements: &'x PieceLimit,
}

impl<'de, F: FnMut(GraphRowRef<'_>)> Visitor<'de> for Elements<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut position = 0u64;
        while let Some(element) = seq.next_element_seed(ElementSeed)? {
            self.elements.next_piece();
            position += 1;
            match to_row(element, self.mapping, &mut self.stats.absent) {
                Ok(parsed) => {
                    self.stats.rows += 1;
                    (self.row)(parsed.as_ref());
                }
                Err(problem) => {
                    let counted = self
                        .stats
                        .bad_row(self.options, "element", position, problem);
                    if let Err(error) = counted {
                        *self.stop.borrow_mut() = Some(error);
                        return Err(de::Error::custom("stopped at a bad element"));
                    }
                }
            }
        }
        Ok(())
    }
}

/// One array element as a JSON value (one element in memory at a time).
struct ElementSeed;

impl<'de> DeserializeSeed<'de> for ElementSeed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        serde::Deserialize::deserialize(deserializer)
    }
}

/// The node's properties: the element itself, or the one node it wraps.
fn properties<'v>(
    element: &'v Map<String, Value>,
    mapping: &Mapping,
) -> Option<&'v Map<String, Value>> {
    let has_id = |m: &Map<String, Value>| m.keys().any(|k| property_of(k) == mapping.id.as_str());
    if has_id(element) {
        return Some(element);
    }
    let inner = match element.values().collect::<Vec<_>>().as_slice() {
        [Value::Object(inner)] => inner,
        _ => return None,
    };
    match inner.get("properties") {
        Some(Value::Object(props)) if !has_id(inner) => Some(props),
        _ => Some(inner),
    }
}

/// The element as a row; clears in `absent` the optional properties it has
/// (as a key, even with a null).
fn to_row(
    element: Value,
    mapping: &Mapping,
    absent: &mut AbsentProperties,
) -> Result<GraphRow, String> {
    let Value::Object(element) = element else {
        return Err("it is not a JSON object".to_owned());
    };
    let missing = || format!("it has no `{}` property", required(mapping)[0]);
    let props = properties(&element, mapping).ok_or_else(missing)?;
    let has = |property: &Option<Identifier>| {
        property
            .as_ref()
            .is_some_and(|p| props.keys().any(|k| property_of(k) == p.as_str()))
    };
    absent.name &= !has(&mapping.name);
    absent.email_verified &= !has(&mapping.email_verified);
    let get = |property: &str| {
        props
            .iter()
            .find(|(k, _)| property_of(k) == property)
            .map(|(_, v)| v)
            .filter(|v| !v.is_null())
    };
    let text = |property: Option<&str>, what: &str| -> Result<Option<String>, String> {
        match property.and_then(get) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("its {what} is {other}, not a string")),
        }
    };
    let id = match get(mapping.id.as_str()) {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(_)) => return Err("its id is empty".to_owned()),
        Some(other) => return Err(format!("its id is {other}, not a string")),
        None => return Err(missing()),
    };
    let verified = match mapping
        .email_verified
        .as_ref()
        .and_then(|p| get(p.as_str()))
    {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => parse_bool(s)?,
        Some(other) => {
            return Err(format!(
                "its e-mail-verified value {other} is not true or false"
            ))
        }
    };
    Ok(GraphRow {
        id,
        email: text(Some(mapping.email.as_str()), "e-mail")?,
        name: text(mapping.name.as_ref().map(|n| n.as_str()), "name")?,
        email_verified: verified,
    })
}
