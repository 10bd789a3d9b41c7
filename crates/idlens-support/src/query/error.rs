//! What is wrong with a log search query, said so the user can fix it.
//! Positions count characters from 1.

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error(
        "The log search is {chars} characters long; the most is {max}. Shorten it, or split it into several searches."
    )]
    TooLong { chars: usize, max: usize },
    #[error(
        "The log search nests parentheses or NOT more than {max} deep at character {position}. Simplify it."
    )]
    TooDeep { position: usize, max: usize },
    #[error("The log search has more than {max} terms. Split it into several searches.")]
    TooManyTerms { max: usize },
    #[error(
        "The log search has a problem at character {position}: expected {expected}, found {found}."
    )]
    Syntax {
        position: usize,
        expected: String,
        found: String,
    },
    #[error(
        "The log search has a problem at character {position}: \"{name}\" is not a field it searches. Use one of: {known}."
    )]
    UnknownField {
        position: usize,
        name: String,
        known: String,
    },
    #[error("The log search has a problem at character {position}: {problem}")]
    Invalid { position: usize, problem: String },
}
