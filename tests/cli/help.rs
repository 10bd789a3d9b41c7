//! The command line's own contract: version, help, exit codes, usage errors.

use crate::idlens::TestUser;

#[test]
fn version_names_the_binary_and_release() {
    let run = TestUser::without_keychain()
        .run(&["--version"])
        .expect_code(0);
    assert_eq!(run.stdout, "idlens 0.1.0\n");
}

#[test]
fn help_lists_subcommands_and_documents_exit_codes() {
    let run = TestUser::without_keychain().run(&["--help"]).expect_code(0);
    for subcommand in ["profile", "status"] {
        assert!(
            run.stdout
                .lines()
                .any(|line| line.trim_start().starts_with(subcommand)),
            "--help does not list `{subcommand}`:\n{}",
            run.stdout
        );
    }
    assert!(run.stdout.contains("Exit codes:"), "{}", run.stdout);
    for code in ["0  success", "1  a negative verdict", "2  usage error"] {
        assert!(
            run.stdout.contains(code),
            "--help lacks {code:?}:\n{}",
            run.stdout
        );
    }
}

#[test]
fn profile_help_lists_every_profile_command() {
    let run = TestUser::without_keychain()
        .run(&["profile", "--help"])
        .expect_code(0);
    for subcommand in ["add", "list", "remove", "use", "set-secret", "clear-secret"] {
        assert!(
            run.stdout
                .lines()
                .any(|line| line.trim_start().starts_with(subcommand)),
            "`profile --help` does not list `{subcommand}`:\n{}",
            run.stdout
        );
    }
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let user = TestUser::without_keychain();
    for args in [
        &["--frobnicate"][..],
        &["frobnicate"][..],
        &["profile", "list", "--frobnicate"][..],
        &["profile", "add", "acme"][..],
        &["profile", "set-secret", "acme", "api-key"][..],
    ] {
        let run = user.run(args).expect_code(2);
        assert!(
            run.stdout.is_empty(),
            "usage errors go to stderr: {}",
            run.stdout
        );
        run.assert_mentions(&["error:"]);
        assert!(
            run.stderr.contains("--help"),
            "a usage error points to --help: {}",
            run.stderr
        );
    }
}
