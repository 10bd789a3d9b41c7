//! Generates `ui/src/bindings.ts` from the command table
//! ([`for_each_command!`](crate::for_each_command)) and nothing else: a
//! TypeScript declaration for every type a command sends, answers or streams,
//! found by walking ts-rs's dependencies (no list of types to keep), a
//! constant array for every [`Table`] the UI enumerates, and a typed function
//! for every command. The `bindings` tests compare the checked-in file with
//! [`bindings`] and check that it names no type it does not declare
//! (`UPDATE_EXPECT=1 cargo test -p idlens-api --test api bindings::`
//! refreshes it).

use std::collections::HashMap;

use idlens_token::Report;
use serde::Serialize;
use ts_rs::{TypeVisitor, TS};

use crate::error::{ApiError, ErrorCode};
use crate::types::*;

/// One command of the desktop shell, as the UI calls it.
pub struct CommandSpec {
    /// The Tauri command name (snake_case), also the `Api` method's name.
    pub name: &'static str,
    pub doc: &'static str,
    /// `blocking`, `async`, `job`, `stream_job`, `shell` or `shell_job`, as
    /// [`for_each_command!`](crate::for_each_command) declares it.
    pub kind: &'static str,
    /// Argument names as Rust declares them; Tauri expects them camelCased.
    pub args: Vec<(&'static str, String)>,
    pub returns: String,
}

impl CommandSpec {
    /// Whether the command answers with a job id and streams [`JobEvent`]s.
    pub fn is_job(&self) -> bool {
        matches!(self.kind, "job" | "stream_job" | "shell_job")
    }

    /// Whether the job also streams batches of partial results
    /// ([`JobEvent::Batch`]).
    pub fn streams_batches(&self) -> bool {
        self.kind == "stream_job"
    }
}

macro_rules! command_specs {
    ($( $( #[doc = $doc:literal] )+ $kind:ident fn $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
        /// Every command the desktop shell registers, in the table's order.
        pub fn commands() -> Vec<CommandSpec> {
            vec![$(CommandSpec {
                name: stringify!($name),
                // Doc lines each start with a space, so they join into one sentence.
                doc: concat!($($doc),+).trim(),
                kind: stringify!($kind),
                args: vec![$( (stringify!($arg), <$ty as TS>::name()) ),*],
                returns: <$ret as TS>::name(),
            }),*]
        }
    };
}

crate::for_each_command!(command_specs);

fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// A list the UI and the CLI enumerate, declared once in the core: exported
/// as a constant array of its values in the core's order
/// (`export const FINDING_KINDS = [...] as const`), so the UI takes its order
/// from it and keys its words by the values' type (`Record<FindingKind, …>`):
/// a value without words fails `tsc`. When the type is a union of literals
/// (an enum of unit variants), the table must hold every one of them once
/// ([`Table::problems`], checked by a test). A table of records
/// ([`Table::records`], e.g. `LOG_CODES: readonly LogCodeInfo[]`) is keyed
/// by one field, which no two records may share.
pub struct Table {
    /// The constant's name in TypeScript (`FINDING_KINDS`).
    pub name: &'static str,
    /// The TypeScript type of a value (`FindingKind`).
    pub ty: String,
    /// Each value as the boundary serializes it, in the core's order.
    pub values: Vec<serde_json::Value>,
    /// For a table of records: the field that identifies a record.
    pub key: Option<&'static str>,
    decl: String,
    visit: VisitOne,
}

impl Table {
    fn of<T: TS + Serialize + 'static>(name: &'static str, values: &[T]) -> Table {
        Table {
            name,
            ty: T::name(),
            values: values
                .iter()
                .map(|v| serde_json::to_value(v).expect("a table's values serialize to JSON"))
                .collect(),
            key: None,
            decl: T::decl(),
            visit: |walk| walk.root::<T>(),
        }
    }

    /// A table of records, each identified by its `key` field.
    fn records<T: TS + Serialize + 'static>(
        name: &'static str,
        values: &[T],
        key: &'static str,
    ) -> Table {
        Table {
            key: Some(key),
            ..Table::of(name, values)
        }
    }

    /// What is wrong with the table: a value listed twice, or for a union
    /// of literals, a variant it lacks or a value that is none of them.
    pub fn problems(&self) -> Vec<String> {
        let listed: Vec<String> = self
            .values
            .iter()
            .map(|v| match self.key {
                Some(key) => format!("{key} {}", v[key]),
                None => v.to_string(),
            })
            .collect();
        let mut problems: Vec<String> = listed
            .iter()
            .enumerate()
            .filter(|(i, v)| listed[..*i].contains(v))
            .map(|(_, v)| format!("{}: {v} is listed twice", self.name))
            .collect();
        if let Some(variants) = literal_union(&self.decl) {
            problems.extend(
                variants
                    .iter()
                    .filter(|v| !listed.contains(v))
                    .map(|v| format!("{}: {} {v} is missing", self.name, self.ty)),
            );
            problems.extend(
                listed
                    .iter()
                    .filter(|v| !variants.contains(v))
                    .map(|v| format!("{}: {v} is not a value of {}", self.name, self.ty)),
            );
        }
        problems
    }

    fn typescript(&self) -> String {
        let values: Vec<String> = self.values.iter().map(|v| v.to_string()).collect();
        if self.key.is_some() {
            return format!(
                "/** Every `{ty}`, in the core's order. */\nexport const {name}: readonly {ty}[] = [\n{values}];\n\n",
                ty = self.ty,
                name = self.name,
                values = values.iter().map(|v| format!("  {v},\n")).collect::<String>(),
            );
        }
        format!(
            "/** Every `{ty}`, in the core's order. */\nexport const {name} = [{values}] as const satisfies readonly {ty}[];\n\n",
            ty = self.ty,
            name = self.name,
            values = values.join(", "),
        )
    }
}

/// The members of `type X = "a" | "b";` as JSON strings, or `None` when the
/// declaration is anything else.
fn literal_union(decl: &str) -> Option<Vec<String>> {
    let (_, union) = decl.split_once(" = ")?;
    let members: Vec<String> = union
        .trim_end_matches(';')
        .split('|')
        .map(|m| m.trim().to_owned())
        .collect();
    members
        .iter()
        .all(|m| m.len() >= 2 && m.starts_with('"') && m.ends_with('"'))
        .then_some(members)
}

/// Every table the UI enumerates.
pub fn tables() -> Vec<Table> {
    vec![
        Table::of("FINDING_KINDS", &FindingKind::ALL),
        Table::of("ERROR_CODES", &ErrorCode::ALL),
        Table::of("LOG_CATEGORIES", &idlens_support::LogCategory::ALL),
        Table::of("LOG_OUTCOMES", &idlens_support::Outcome::ALL),
        Table::records("LOG_CODES", idlens_support::LOG_CODES, "code"),
        Table::of("ACTION_KINDS", &idlens_actions::Action::ALL),
    ]
}

/// The declarations of the boundary: every type a command sends or answers
/// (its arguments; its result, or for a job the [`JobId`] it answers and
/// the [`JobEvent`]s it streams; the [`ApiError`] every command may reject
/// with) and the type of every [`Table`], with every type those name, to
/// the closure. Each once, in a stable order: depth first from the table's
/// order, a type's dependencies by name (ts-rs visits them in no fixed order).
fn declarations() -> Vec<String> {
    let mut walk = Declarations::default();
    walk.root::<ApiError>();
    visit_commands(&mut walk);
    for table in tables() {
        (table.visit)(&mut walk);
    }
    walk.decls
}

macro_rules! command_types {
    (@answer job $ret:ty, $walk:ident) => {
        $walk.root::<JobId>();
        $walk.root::<JobEvent<$ret>>();
    };
    (@answer stream_job $ret:ty, $walk:ident) => {
        command_types!(@answer job $ret, $walk);
    };
    (@answer shell_job $ret:ty, $walk:ident) => {
        command_types!(@answer job $ret, $walk);
    };
    (@answer $kind:ident $ret:ty, $walk:ident) => {
        $walk.root::<$ret>();
    };
    ($( $( #[doc = $doc:literal] )+ $kind:ident fn $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
        /// Walks the types of every command, in the table's order.
        fn visit_commands(walk: &mut Declarations) {
            $(
                $( walk.root::<$ty>(); )*
                command_types!(@answer $kind $ret, walk);
            )*
        }
    };
}

crate::for_each_command!(command_types);

/// The declarations found so far, by TypeScript name.
#[derive(Default)]
struct Declarations {
    by_name: HashMap<String, String>,
    decls: Vec<String>,
}

impl Declarations {
    /// A type as a signature names it: itself if it has a declaration, and
    /// what it wraps (`Vec<T>`, `Option<T>`, a tuple's members).
    fn root<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
        T::visit_generics(self);
    }
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and wrappers have no declaration of their own.
        if T::output_path().is_none() {
            return;
        }
        let name = T::ident();
        // A generic type declares its parameters: `JobEvent<A>` and
        // `JobEvent<B>` give the same text.
        let decl = T::decl();
        if let Some(known) = self.by_name.get(&name) {
            assert_eq!(
                known, &decl,
                "two Rust types are both named {name} in TypeScript: rename one with #[ts(rename)]"
            );
            return;
        }
        self.by_name.insert(name, decl.clone());
        self.decls.push(decl);
        let mut dependencies = Dependencies::default();
        T::visit_dependencies(&mut dependencies);
        dependencies.0.sort_by(|a, b| a.0.cmp(&b.0));
        for (_, visit) in dependencies.0 {
            visit(self);
        }
    }
}

/// Visits one type in the walk.
type VisitOne = fn(&mut Declarations);

/// A type's direct dependencies, each by its full name (generic arguments
/// included: `Availability<BlockFacts>` and `Availability<Plan>` are two, and
/// which of them declares `Availability` first must not depend on the order
/// ts-rs visits them in) with the way to visit it later.
#[derive(Default)]
struct Dependencies(Vec<(String, VisitOne)>);

impl TypeVisitor for Dependencies {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if T::output_path().is_some() {
            self.0.push((T::name(), |walk| walk.visit::<T>()));
        }
    }
}

/// The full text of `ui/src/bindings.ts`.
pub fn bindings() -> String {
    let mut out = String::from(
        "// Generated from crates/idlens-api by `UPDATE_EXPECT=1 cargo test -p idlens-api --test api`.\n\
         // Do not edit by hand: change the Rust types and regenerate.\n\n\
         import { call, job } from \"./ipc\";\n\n",
    );
    for decl in declarations() {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    for table in tables() {
        out.push_str(&table.typescript());
    }
    out.push_str(
        "/** Every command of the desktop shell. Rejections are always an `ApiError`. */\n",
    );
    out.push_str("export const commands = {\n");
    for cmd in commands() {
        let params: Vec<String> = cmd
            .args
            .iter()
            .map(|(name, ty)| format!("{}: {ty}", camel_case(name)))
            .collect();
        let arg_object = if cmd.args.is_empty() {
            String::new()
        } else {
            let keys: Vec<String> = cmd.args.iter().map(|(n, _)| camel_case(n)).collect();
            format!(", {{ {} }}", keys.join(", "))
        };
        let returns = if cmd.returns == "null" {
            "void".to_owned()
        } else {
            cmd.returns.clone()
        };
        let line = if cmd.is_job() {
            let mut params = params.clone();
            params.push(format!("onEvent: (event: JobEvent<{returns}>) => void"));
            let args = if cmd.args.is_empty() {
                "{}".to_owned()
            } else {
                arg_object.trim_start_matches(", ").to_owned()
            };
            let streams = if cmd.streams_batches() {
                "progress, its batches of results (`kind: \"batch\"`)"
            } else {
                "progress"
            };
            format!(
                "  /** {} Streams its {streams} and result to `onEvent`; cancel with `jobCancel`. */\n  {}: ({}): Promise<JobId> => job<{returns}>(\"{}\", {args}, onEvent),\n",
                cmd.doc,
                camel_case(cmd.name),
                params.join(", "),
                cmd.name,
            )
        } else {
            format!(
                "  /** {} */\n  {}: ({}): Promise<{returns}> => call<{returns}>(\"{}\"{arg_object}),\n",
                cmd.doc,
                camel_case(cmd.name),
                params.join(", "),
                cmd.name,
            )
        };
        out.push_str(&line);
    }
    out.push_str("};\n");
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_table_holds_each_value_of_its_type_once() {
        for table in super::tables() {
            assert_eq!(table.problems(), Vec::<String>::new());
        }
    }

    #[test]
    fn a_table_missing_a_variant_or_repeating_one_is_refused() {
        let mut table = super::Table::of("ERROR_CODES", &[crate::ErrorCode::Io]);
        assert!(table
            .problems()
            .iter()
            .any(|p| p == "ERROR_CODES: ErrorCode \"notFound\" is missing"));
        table.values = vec![serde_json::json!("io"), serde_json::json!("io")];
        assert!(table
            .problems()
            .contains(&"ERROR_CODES: \"io\" is listed twice".to_owned()));
        table.values.push(serde_json::json!("nope"));
        assert!(table
            .problems()
            .contains(&"ERROR_CODES: \"nope\" is not a value of ErrorCode".to_owned()));
    }

    #[test]
    fn a_table_of_records_repeating_a_key_is_refused() {
        let mut table = super::Table::records("LOG_CODES", idlens_support::LOG_CODES, "code");
        assert_eq!(table.problems(), Vec::<String>::new());
        let mut renamed = table.values[1].clone();
        renamed["event"] = serde_json::json!("Another name");
        table.values.push(renamed);
        let repeated = format!(
            "LOG_CODES: code {} is listed twice",
            table.values[1]["code"]
        );
        assert_eq!(table.problems(), vec![repeated]);
    }

    #[test]
    fn camel_case_matches_tauri_argument_naming() {
        assert_eq!(super::camel_case("profile_set_secret"), "profileSetSecret");
        assert_eq!(super::camel_case("name"), "name");
    }
}
