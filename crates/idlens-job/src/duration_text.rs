//! Durations as people type them for a job's limits: `30s`, `90m`, `4h`,
//! `1h30m`.

use std::fmt;
use std::time::Duration;

/// Why a duration's text is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError(String);

impl fmt::Display for DurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a duration: write a whole number with a unit, s, m or h (30s, 90m, 4h, 1h30m)",
            self.0
        )
    }
}

impl std::error::Error for DurationError {}

/// Parses whole numbers of hours, minutes and seconds in that order, each
/// at most once (`4h`, `90m`, `1h30m`, `45s`); spaces around are ignored.
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let refused = || DurationError(text.chars().take(40).collect());
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(refused());
    }
    let mut seconds: u64 = 0;
    let mut units = ['h', 'm', 's'].as_slice();
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let unit = rest[digits..].chars().next().ok_or_else(refused)?;
        let at = units.iter().position(|u| *u == unit).ok_or_else(refused)?;
        let number: u64 = rest[..digits].parse().map_err(|_| refused())?;
        let scale = [3600, 60, 1][3 - units.len() + at];
        seconds = number
            .checked_mul(scale)
            .and_then(|s| seconds.checked_add(s))
            .ok_or_else(refused)?;
        units = &units[at + 1..];
        rest = &rest[digits + 1..];
    }
    Ok(Duration::from_secs(seconds))
}

/// `duration` as [`parse_duration`] reads it, whole seconds: `4h`, `1h30m`,
/// `45s`, `0s`.
pub fn format_duration(duration: Duration) -> String {
    let total = duration.as_secs();
    let parts = [
        (total / 3600, 'h'),
        (total / 60 % 60, 'm'),
        (total % 60, 's'),
    ];
    let text: String = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n}{unit}"))
        .collect();
    if text.is_empty() {
        "0s".to_owned()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_combinations_parse() {
        for (text, secs) in [
            ("30s", 30),
            ("90m", 5400),
            ("4h", 14_400),
            ("1h30m", 5400),
            (" 2h5s ", 7205),
            ("0s", 0),
        ] {
            assert_eq!(
                parse_duration(text),
                Ok(Duration::from_secs(secs)),
                "{text}"
            );
        }
    }

    #[test]
    fn anything_else_is_refused_with_the_syntax() {
        for bad in [
            "",
            "4",
            "h",
            "4d",
            "1.5h",
            "30m1h",
            "1h1h",
            "-5m",
            "4 h",
            "9999999999999999999h",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_duration("4 days").unwrap_err().to_string(),
            "\"4 days\" is not a duration: write a whole number with a unit, s, m or h (30s, 90m, 4h, 1h30m)"
        );
    }

    #[test]
    fn formatting_reads_back() {
        for secs in [0, 1, 59, 60, 90 * 60, 4 * 3600, 3600 + 5, 86_400] {
            let text = format_duration(Duration::from_secs(secs));
            assert_eq!(
                parse_duration(&text),
                Ok(Duration::from_secs(secs)),
                "{text}"
            );
        }
        assert_eq!(format_duration(Duration::from_secs(5400)), "1h30m");
        assert_eq!(format_duration(Duration::from_millis(50)), "0s");
    }
}
