//! The checked-in TypeScript bindings must match the Rust types.

#[test]
fn ui_bindings_are_current() {
    expect_test::expect_file!["../../../../ui/src/bindings.ts"]
        .assert_eq(&idlens_api::typescript::bindings());
}
