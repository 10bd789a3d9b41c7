//! Replays the fuzz target's seeds (and any crash input saved next to them as
//! a regression) through the same invariants the fuzz target asserts.

use idlens_token::inspect;

use crate::support::*;

#[test]
fn fuzz_seeds_keep_the_fuzz_invariants() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/decode");
    let genuine = PyJwt::load();
    let mut replayed = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let input = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        let opts = idlens_token::InspectOptions {
            audiences: vec![api(), genuine.get("client")],
            ..opts()
        };
        let report = inspect(&input, &opts, Some(&jwks()));
        serde_json::to_string(&report).unwrap();
        assert_eq!(report.checks.len(), 14, "{}", path.display());
        let unkeyed = inspect(&input, &opts, None);
        assert!(!unkeyed.valid && unkeyed.unverified, "{}", path.display());
        replayed += 1;
    }
    assert!(replayed >= 10, "only {replayed} seeds in {}", dir.display());
}
