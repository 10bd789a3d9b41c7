//! The release binary against hostile input, one test per finding of the
//! red-team pass: closed and full outputs, endless inputs, terminal escapes
//! in tokens, broken batches, concurrent profile writes, hand-edited profile
//! files, URLs with passwords, absurd numbers, and no display.

use std::io::{Read, Write};
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};

use crate::idlens::{profile_names, TestUser};

/// A decodable (unsigned, so UNVERIFIED) token whose claims are `claims`.
fn token_with(claims: Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(json!({"alg": "RS256", "typ": "JWT"}).to_string());
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    format!("{header}.{payload}.c2lnbmF0dXJl")
}

/// Feeds `idlens ARGS` an endless stream on stdin (`yes`-like, or without
/// any newline) and returns its exit code, output and how much it took.
fn run_on_endless_stdin(
    user: &TestUser,
    args: &[&str],
    chunk: &'static [u8],
) -> (i32, String, u64) {
    let mut child = user
        .command(args)
        .stdin(Stdio::piped())
        .spawn()
        .expect("start idlens");
    let mut stdin = child.stdin.take().expect("piped");
    let writer = thread::spawn(move || {
        let mut written = 0u64;
        // Stops when idlens closes its end (or after 256 MiB, which is a failure).
        while written < 256 << 20 && stdin.write_all(chunk).is_ok() {
            written += chunk.len() as u64;
        }
        written
    });
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("piped")
        .read_to_string(&mut stdout)
        .expect("read stdout");
    let status = child.wait().expect("wait");
    (
        status.code().expect("exit code"),
        stdout,
        writer.join().expect("writer"),
    )
}

/// Waits for `child`; its exit code and everything it wrote on stderr.
fn finish(mut child: std::process::Child) -> (Option<i32>, String) {
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        pipe.read_to_string(&mut stderr).unwrap();
    }
    (child.wait().unwrap().code(), stderr)
}

#[test]
fn a_closed_pipe_ends_a_batch_quietly_with_exit_0() {
    let user = TestUser::without_keychain();
    let dir = tempfile::tempdir().unwrap();
    let batch = dir.path().join("tokens.txt");
    std::fs::write(&batch, "not-a-token\n".repeat(50_000)).unwrap();
    let mut child = user
        .command(&["inspect", "--batch", batch.to_str().unwrap()])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    // Like `| head -1`: read one line, then close the pipe.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let (code, stderr) = finish(child);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_is_exit_2_with_a_message() {
    let user = TestUser::without_keychain();
    for args in [
        vec!["inspect", "--batch", "-"],
        vec!["inspect", "-"],
        vec!["profile", "list"],
    ] {
        let mut child = user
            .command(&args)
            .stdin(Stdio::piped())
            .stdout(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .spawn()
            .unwrap();
        // idlens may stop reading (and exit) before all of it is written.
        let _ = child
            .stdin
            .take()
            .unwrap()
            .write_all("not-a-token\n".repeat(10_000).as_bytes());
        let (code, stderr) = finish(child);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("could not write to standard output"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn endless_standard_input_is_read_only_to_the_limit() {
    let user = TestUser::without_keychain();
    let started = Instant::now();
    let (code, stdout, written) = run_on_endless_stdin(&user, &["inspect", "-", "--json"], b"y\n");
    assert_eq!(code, 1, "{stdout}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["kind"], "tooLarge");
    assert!(written < 16 << 20, "idlens took {written} bytes");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
#[cfg(target_os = "linux")]
fn a_line_without_end_in_a_batch_keeps_memory_bounded() {
    let user = TestUser::without_keychain();
    let mut child = user
        .command(&["inspect", "--batch", "-"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let chunk = vec![b'A'; 1 << 20];
    for _ in 0..128 {
        stdin.write_all(&chunk).unwrap();
    }
    // Still reading the same line: its memory must not have grown with it.
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let peak_kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").parse().ok())
        .unwrap();
    stdin.write_all(b"\nnext\n").unwrap();
    drop(stdin);
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    let code = child.wait().unwrap().code();
    // The debug binary alone is ~60 MB resident; a stored line would be 128 MiB more.
    assert!(
        peak_kb < 96 * 1024,
        "peak RSS {peak_kb} kB after a 128 MiB line"
    );
    let verdicts: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(verdicts.len(), 2);
    assert_eq!(verdicts[0]["kind"], "tooLarge");
    assert_ne!(verdicts[1]["kind"], "tooLarge");
    assert_eq!(code, Some(1));
}

#[test]
#[cfg(unix)]
fn key_files_that_never_end_are_refused_at_their_cap() {
    let user = TestUser::without_keychain();
    for flag in ["--pem", "--jwks"] {
        let started = Instant::now();
        let run = user
            .run_with_stdin(&["inspect", flag, "/dev/zero", "-"], Some("a.b.c"))
            .expect_code(2);
        run.assert_mentions(&["larger than 1 MiB"]);
        assert!(started.elapsed() < Duration::from_secs(10));
    }
}

#[test]
fn terminal_escapes_in_a_token_are_shown_not_obeyed() {
    let user = TestUser::without_keychain();
    let token = token_with(json!({
        "sub": "auth0|x",
        "name": "\u{1b}[2J\u{1b}[1;1H\u{7}\nVALID: Valid access token; expires in 1 h.\r",
        "iss": "https://t.example/\u{1b}]0;owned\u{7}",
        "nickname": "\u{9b}31m\u{202e}evil\u{2028}line\u{2029}para",
    }));
    let run = user
        .run_with_stdin(&["inspect", "-"], Some(&token))
        .expect_code(1);
    let out = &run.stdout;
    for c in out.chars() {
        assert!(
            c == '\n' || !(c.is_control() || ('\u{2028}'..='\u{202e}').contains(&c)),
            "{:?} reached the terminal:\n{out}",
            c
        );
    }
    let starts_valid: Vec<&str> = out.lines().filter(|l| l.starts_with("VALID")).collect();
    assert!(
        starts_valid.is_empty(),
        "a fake verdict line: {starts_valid:?}"
    );
    assert!(out.contains("\\x1b[2J"), "{out}");

    let json = user
        .run_with_stdin(&["inspect", "-", "--json"], Some(&token))
        .expect_code(1);
    for c in ['\u{9b}', '\u{202e}', '\u{2028}', '\u{2029}'] {
        assert!(!json.stdout.contains(c), "{c:?} is raw in --json");
    }
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        report["claims"]["nickname"],
        "\u{9b}31m\u{202e}evil\u{2028}line\u{2029}para"
    );
}

#[test]
fn batch_edge_cases_have_clear_outcomes() {
    let user = TestUser::without_keychain();
    let run = user
        .run_with_stdin(&["inspect", "--batch", "-"], Some(""))
        .expect_code(2);
    assert!(run.stdout.is_empty());
    run.assert_mentions(&["no tokens in the input"]);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mixed.txt");
    std::fs::write(&path, b"first.not.token\n\xff\xfe broken\nlast.not.token\n").unwrap();
    let run = user
        .run(&["inspect", "--batch", path.to_str().unwrap()])
        .expect_code(1);
    let verdicts: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(verdicts.len(), 3, "{}", run.stdout);
    let format = verdicts[1]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "format")
        .unwrap();
    assert!(
        format["reason"].as_str().unwrap().contains("not UTF-8"),
        "{format}"
    );
}

#[test]
fn many_threads_are_clamped_to_the_cores() {
    let user = TestUser::without_keychain();
    let started = Instant::now();
    let run = user
        .run_with_stdin(
            &["inspect", "--batch", "-", "--threads", "100000"],
            Some(&"x.y.z\n".repeat(100)),
        )
        .expect_code(1);
    assert_eq!(run.stdout.lines().count(), 100);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn concurrent_profile_adds_keep_every_profile() {
    let user = TestUser::without_keychain();
    let names: Vec<String> = (0..40).map(|i| format!("p{i}")).collect();
    let children: Vec<_> = names
        .iter()
        .map(|name| {
            user.command(&[
                "profile",
                "add",
                name,
                "--issuer",
                "acme.eu.auth0.com",
                "--client-id",
                "abc",
            ])
            .stdin(Stdio::null())
            .spawn()
            .unwrap()
        })
        .collect();
    for child in children {
        assert_eq!(child.wait_with_output().unwrap().status.code(), Some(0));
    }
    let list = user.list();
    let mut listed = profile_names(&list);
    listed.sort_unstable();
    let mut expected: Vec<&str> = names.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(listed, expected);
}

#[test]
fn passwords_in_urls_and_line_breaks_in_ids_are_refused() {
    let user = TestUser::without_keychain();
    let run = user
        .run(&[
            "profile",
            "add",
            "p",
            "--issuer",
            "https://admin:hunter2@acme.auth0.com/",
            "--client-id",
            "abc",
        ])
        .expect_code(2);
    run.assert_mentions(&["must not contain a user name or password"]);
    assert!(!run.stderr.contains("hunter2") && !run.stdout.contains("hunter2"));
    let run = user
        .run(&[
            "profile",
            "add",
            "p",
            "--issuer",
            "acme.auth0.com",
            "--client-id",
            "abc\nVALID",
        ])
        .expect_code(2);
    run.assert_mentions(&["client ID"]);
    assert!(
        !user.config_file().exists()
            || !std::fs::read_to_string(user.config_file())
                .unwrap()
                .contains("hunter2")
    );
}

#[test]
fn duplicate_profiles_in_a_hand_edited_file_are_an_error_with_lines() {
    let user = TestUser::without_keychain();
    std::fs::create_dir_all(user.config_dir()).unwrap();
    std::fs::write(
        user.config_file(),
        "current = \"prod\"\n\n[[profile]]\nname = \"prod\"\nissuer = \"https://a.auth0.com/\"\nclient_id = \"c\"\n\n\
         [[profile]]\nname = \"prod\"\nissuer = \"https://b.auth0.com/\"\nclient_id = \"d\"\n",
    )
    .unwrap();
    let run = user.run(&["profile", "list"]).expect_code(2);
    run.assert_mentions(&["line 9", "line 4"]);
}

#[test]
fn absurd_sandbox_settings_are_usage_errors() {
    let user = TestUser::without_keychain();
    for args in [
        ["sandbox", "--token-lifetime", "18446744073709551615"],
        ["sandbox", "--device-interval", "100000"],
    ] {
        let run = user.run(&args).expect_code(2);
        run.assert_mentions(&["invalid value"]);
    }
}

#[test]
#[cfg(target_os = "linux")]
fn no_display_is_a_clear_error_not_a_panic() {
    let user = TestUser::without_keychain();
    let run = user.run(&[]).expect_code(2);
    run.assert_mentions(&["no display was found", "idlens --help"]);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}
