//! Writes a synthetic Auth0 export (gzipped NDJSON, Auth0's export shape)
//! and a graph CSV export for measuring the audit:
//!
//! `cargo run --release -p idlens-audit --example gen_audit_data -- DIR USERS`
//!
//! About 3% of users are missing from the graph, 1% have a linked
//! secondary (a GitHub identity with a numeric id, half of them also a
//! node), 0.5% of rows drift, 0.2% of ids have two nodes, 1% of rows are
//! orphans and 0.5% of users share an e-mail with another user.

// A developer's tool for measuring: it reads and writes its own files.
#![allow(clippy::disallowed_methods)]

use std::fs::File;
use std::io::{BufWriter, Write};

use flate2::write::GzEncoder;
use flate2::Compression;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn percent(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir =
        std::path::PathBuf::from(args.get(1).map_or("/tmp/idlens-audit-data", |s| s.as_str()));
    let users: u64 = args
        .get(2)
        .map_or(1_000_000, |s| s.parse().expect("a count"));
    std::fs::create_dir_all(&dir)?;
    let gz = GzEncoder::new(
        File::create(dir.join("users.json.gz"))?,
        Compression::new(6),
    );
    let mut auth0 = BufWriter::with_capacity(1 << 20, gz);
    let mut graph = BufWriter::with_capacity(1 << 20, File::create(dir.join("graph.csv"))?);
    writeln!(graph, "u.sub,u.email,u.name,u.email_verified")?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for n in 0..users {
        let user = user_line(n, &mut rng);
        auth0.write_all(user.line.as_bytes())?;
        auth0.write_all(b"\n")?;
        graph_rows(&user, &mut rng, &mut graph)?;
    }
    auth0.into_inner().map_err(|e| e.into_error())?.finish()?;
    graph.flush()
}

struct User {
    line: String,
    id: String,
    email: String,
    name: String,
    verified: bool,
    secondary: Option<String>,
}

fn user_line(n: u64, rng: &mut Rng) -> User {
    let hex = format!("{:024x}", rng.next() as u128 * 7 + n as u128);
    let (provider, connection, social, uid) = match rng.next() % 100 {
        0..=69 => (
            "auth0",
            "Username-Password-Authentication",
            false,
            format!("\"{hex}\""),
        ),
        70..=89 => (
            "google-oauth2",
            "google-oauth2",
            true,
            format!("\"1{:020}\"", n),
        ),
        90..=94 => ("github", "github", true, format!("{}", 1000 + n)),
        _ => ("samlp", "acme-saml", false, format!("\"acme|u{n}\"")),
    };
    let plain_uid = uid.trim_matches('"').to_owned();
    let id = format!("{provider}|{plain_uid}");
    // 0.5% share the previous user's e-mail (a duplicate account).
    let email_n = if n > 0 && rng.percent(5) { n - 1 } else { n };
    let email = format!("user{email_n}@example{}.test", email_n % 97);
    let name = format!("Test User {n}");
    let verified = !rng.percent(100);
    let secondary = rng
        .percent(10)
        .then(|| format!("github|{}", 50_000_000 + n));
    let mut identities = format!(
        r#"[{{"provider":"{provider}","user_id":{uid},"connection":"{connection}","isSocial":{social}}}"#
    );
    if let Some(sec) = &secondary {
        let sec_id = sec.trim_start_matches("github|");
        identities.push_str(&format!(
            r#",{{"profileData":{{"email":"{email}","name":"{name}"}},"provider":"github","user_id":{sec_id},"connection":"github","isSocial":true}}"#
        ));
    }
    identities.push(']');
    let day = 1 + n % 28;
    let line = format!(
        r#"{{"created_at":"2023-01-{day:02}T10:20:30.123Z","email":"{email}","email_verified":{verified},"identities":{identities},"name":"{name}","nickname":"user{n}","picture":"https://s.gravatar.com/avatar/{hex}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2Ftu.png","updated_at":"2024-03-{day:02}T08:00:00.000Z","user_id":"{id}","last_login":"2024-03-{day:02}T08:00:00.000Z","last_ip":"203.0.113.{}","logins_count":{},"app_metadata":{{"plan":"pro","roles":["member"]}},"user_metadata":{{"theme":"dark"}}}}"#,
        n % 250,
        rng.next() % 500
    );
    User {
        line,
        id,
        email,
        name,
        verified,
        secondary,
    }
}

fn graph_rows(user: &User, rng: &mut Rng, out: &mut impl Write) -> std::io::Result<()> {
    if rng.percent(30) {
        return Ok(()); // missing_in_graph
    }
    let email = if rng.percent(5) {
        format!("old.{}", user.email)
    } else {
        user.email.clone()
    };
    let copies = if rng.percent(2) { 2 } else { 1 };
    for _ in 0..copies {
        writeln!(out, "{},{},{},{}", user.id, email, user.name, user.verified)?;
    }
    if let (Some(sec), true) = (&user.secondary, rng.percent(500)) {
        writeln!(out, "{sec},{},{},true", user.email, user.name)?;
    }
    if rng.percent(10) {
        writeln!(out, "auth0|gone{},gone@example.test,,false", rng.next())?;
    }
    Ok(())
}
