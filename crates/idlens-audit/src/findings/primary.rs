//! Choosing the primary of a duplicate account (docs/audit.md): rules in
//! order `verified`, `most_logins`, `oldest`, `user_id`.
//!
//! Each rule keeps the best accounts among those still in the running;
//! the rule after which one account is left is the one reported. (With
//! three or more accounts a rule may narrow the field without deciding;
//! then a later rule decides and is the one named.) User ids are distinct,
//! so `user_id` always decides.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrimaryRule {
    Verified,
    MostLogins,
    Oldest,
    UserId,
}

/// What the rules look at. A missing `logins_count` counts as 0; a
/// missing `created_at` is never the oldest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub user_id: &'a str,
    pub verified: bool,
    pub logins: u64,
    pub created_at: Option<&'a str>,
}

/// Orders two accounts under one rule: `Greater` when the first is better.
type Better = dyn Fn(&Candidate<'_>, &Candidate<'_>) -> std::cmp::Ordering;

/// The index of the primary among `accounts` (not empty) and the rule
/// that chose it.
pub fn choose_primary(accounts: &[Candidate<'_>]) -> (usize, PrimaryRule) {
    let mut left: Vec<usize> = (0..accounts.len()).collect();
    let rules: [(PrimaryRule, &Better); 4] = [
        (PrimaryRule::Verified, &|a, b| a.verified.cmp(&b.verified)),
        (PrimaryRule::MostLogins, &|a, b| a.logins.cmp(&b.logins)),
        // Earlier is better; a missing date is worst. (ISO 8601 in one
        // format sorts as text.)
        (
            PrimaryRule::Oldest,
            &|a, b| match (a.created_at, b.created_at) {
                (Some(x), Some(y)) => y.cmp(x),
                (x, y) => x.is_some().cmp(&y.is_some()),
            },
        ),
        (PrimaryRule::UserId, &|a, b| b.user_id.cmp(a.user_id)),
    ];
    for (rule, better) in rules {
        let best = left
            .iter()
            .map(|&i| &accounts[i])
            .max_by(|a, b| better(a, b))
            .copied();
        if let Some(best) = best {
            left.retain(|&i| better(&accounts[i], &best).is_eq());
        }
        if left.len() == 1 {
            return (left[0], rule);
        }
    }
    (left[0], PrimaryRule::UserId)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(
        user_id: &'static str,
        verified: bool,
        logins: u64,
        created_at: Option<&'static str>,
    ) -> Candidate<'static> {
        Candidate {
            user_id,
            verified,
            logins,
            created_at,
        }
    }

    #[test]
    fn the_first_rule_that_separates_decides() {
        let cases = [
            (
                vec![c("b", true, 0, None), c("a", false, 9, None)],
                (0, PrimaryRule::Verified),
            ),
            (
                vec![c("b", true, 1, None), c("a", true, 9, None)],
                (1, PrimaryRule::MostLogins),
            ),
            (
                vec![
                    c("b", true, 1, Some("2020-01-01")),
                    c("a", true, 1, Some("2021-01-01")),
                ],
                (0, PrimaryRule::Oldest),
            ),
            (
                vec![c("b", true, 1, Some("2020")), c("a", true, 1, None)],
                (0, PrimaryRule::Oldest),
            ),
            (
                vec![c("b", false, 1, None), c("a", false, 1, None)],
                (1, PrimaryRule::UserId),
            ),
            // Verified narrows three to two, logins decide between those.
            (
                vec![
                    c("a", false, 50, None),
                    c("b", true, 2, None),
                    c("c", true, 3, None),
                ],
                (2, PrimaryRule::MostLogins),
            ),
        ];
        for (accounts, expected) in cases {
            assert_eq!(choose_primary(&accounts), expected, "{accounts:?}");
        }
    }
}
