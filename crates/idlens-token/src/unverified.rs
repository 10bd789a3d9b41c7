//! Decoding WITHOUT verification.
//!
//! Everything this module returns is what the input *claims* to be: nothing
//! here checks a signature, and every type is named `Unverified…` so that no
//! caller can mistake its output for a verified token. The rest of the crate
//! hands these claims out only inside a [`crate::Report`] whose `unverified`
//! flag is true unless the signature check passed.
//!
//! Invariant: this module never panics on any input (fuzzed by
//! `fuzz/fuzz_targets/decode.rs`) and never allocates more than a small
//! multiple of the input's length.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::{Map, Value};

/// What a pasted string turned out to be, before any verification.
#[derive(Debug)]
pub enum UnverifiedInput<'a> {
    /// A compact JWS (`header.payload.signature`) whose header and payload are JSON objects.
    Jws(UnverifiedJws<'a>),
    /// A compact JWE (five parts). Only the protected header is readable.
    Jwe(UnverifiedJwe),
    /// One unbroken token-shaped string with no JSON inside (opaque token).
    Opaque(UnverifiedOpaque),
    /// Not a token; `problem` says exactly what is wrong.
    Malformed(Malformed),
}

/// A compact JWS, decoded but not verified.
#[derive(Debug)]
pub struct UnverifiedJws<'a> {
    pub header: Map<String, Value>,
    pub claims: Map<String, Value>,
    /// `base64url(header) "." base64url(payload)` exactly as received: the bytes the signature covers.
    pub signing_input: &'a str,
    /// The third part, still base64url-encoded.
    pub signature_b64: &'a str,
    /// The decoded signature (empty when the third part is empty).
    pub signature: Vec<u8>,
    /// Set when the input had to be cleaned up first (e.g. a `Bearer ` prefix was removed).
    pub note: Option<String>,
}

/// A compact JWE, of which only the protected header can be read without the key.
#[derive(Debug)]
pub struct UnverifiedJwe {
    pub header: Map<String, Value>,
    /// The second part (encrypted key) is empty, as with `alg: dir`.
    pub encrypted_key_empty: bool,
}

/// A token-shaped string with no readable structure.
#[derive(Debug)]
pub struct UnverifiedOpaque {
    pub len: usize,
    /// Starts with `v1.`, the prefix of Auth0's refresh tokens.
    pub refresh_token_prefix: bool,
}

/// Why the input is not a token, as a full sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub problem: String,
}

const JWS_PARTS: [&str; 3] = ["header", "payload", "signature"];
const JWE_PARTS: [&str; 5] = [
    "header",
    "encrypted key",
    "initialization vector",
    "ciphertext",
    "authentication tag",
];

/// Decodes `input` without verifying anything. Surrounding whitespace and a
/// leading `Bearer ` are ignored. The caller enforces the size bound first.
pub fn decode(input: &str) -> UnverifiedInput<'_> {
    let trimmed = input.trim();
    let (token, note) = match strip_bearer(trimmed) {
        Some(rest) => (
            rest.trim_start(),
            Some("The input started with `Bearer `; IdLens read the token after it.".to_owned()),
        ),
        None => (trimmed, None),
    };
    if token.is_empty() {
        return malformed("The input is empty: paste a token (it usually starts with `eyJ`).");
    }
    if token.starts_with('{') || token.starts_with('[') {
        return malformed(json_instead_of_token(token));
    }
    if let Some((position, c)) = first_foreign_char(token) {
        return malformed(foreign_char_problem(token, position, c));
    }

    // The first five parts, and how many there are, without allocating a list.
    let mut parts = [""; 5];
    let mut count = 0;
    for part in token.split('.') {
        if let Some(slot) = parts.get_mut(count) {
            *slot = part;
        }
        count += 1;
    }
    match count {
        1 => UnverifiedInput::Opaque(UnverifiedOpaque {
            len: token.len(),
            refresh_token_prefix: false,
        }),
        2 if parts[0] == "v1" && !parts[1].is_empty() => {
            UnverifiedInput::Opaque(UnverifiedOpaque {
                len: token.len(),
                refresh_token_prefix: true,
            })
        }
        3 => decode_jws(token, &parts[..3], note),
        5 => decode_jwe(&parts),
        n => malformed(format!(
            "The input has {n} parts separated by '.'; a signed JWT has 3 \
             (header.payload.signature) and an encrypted token (JWE) has 5. \
             Check that the whole token was copied."
        )),
    }
}

fn strip_bearer(s: &str) -> Option<&str> {
    let prefix = s.get(..7)?;
    prefix.eq_ignore_ascii_case("bearer ").then(|| &s[7..])
}

fn malformed(problem: impl Into<String>) -> UnverifiedInput<'static> {
    UnverifiedInput::Malformed(Malformed {
        problem: problem.into(),
    })
}

fn json_instead_of_token(token: &str) -> String {
    let fields = ["access_token", "id_token", "refresh_token"];
    match serde_json::from_str::<Map<String, Value>>(token) {
        Ok(object) => match fields.iter().find(|f| object.contains_key(**f)) {
            Some(field) => format!(
                "This is a JSON token response, not a token: paste the value of its \
                 `{field}` field instead."
            ),
            None => "This is a JSON object, not a token: paste the token string itself \
                     (it usually starts with `eyJ`)."
                .to_owned(),
        },
        Err(_) => "This looks like JSON, not a token: paste the token string itself \
                   (it usually starts with `eyJ`)."
            .to_owned(),
    }
}

fn is_token_byte(b: u8) -> bool {
    // Non-short-circuit `|` so that whole-input scans compile to SIMD compares.
    b.is_ascii_lowercase()
        | b.is_ascii_uppercase()
        | b.is_ascii_digit()
        | (b == b'-')
        | (b == b'_')
        | (b == b'.')
}

/// The first character that cannot appear in a compact JWS/JWE, if any.
fn first_foreign_char(token: &str) -> Option<(usize, char)> {
    // Nearly every input is clean: check it all without branching first.
    if token
        .bytes()
        .fold(true, |clean, b| clean & is_token_byte(b))
    {
        return None;
    }
    let position = token.bytes().position(|b| !is_token_byte(b))?;
    // `position` is the first non-ASCII or disallowed byte, so it starts a char.
    token[position..].chars().next().map(|c| (position, c))
}

fn foreign_char_problem(token: &str, position: usize, c: char) -> String {
    let part = token[..position].matches('.').count() + 1;
    let shown = if c.is_control() || c.is_whitespace() {
        format!("{:?}", c)
    } else {
        format!("'{c}'")
    };
    let why = match c {
        c if c.is_whitespace() => {
            " Tokens are one unbroken line: remove spaces and line breaks \
             (a copy from an e-mail or a terminal may have wrapped it)."
        }
        '=' => " JWTs use base64url without '=' padding: was the token re-encoded?",
        '+' | '/' => " JWTs use base64url ('-' and '_'), not standard base64 ('+' and '/'): was the token re-encoded?",
        '"' | '\'' => " Remove the quotes around the token.",
        _ => " Tokens contain only A–Z, a–z, 0–9, '-', '_' and '.'.",
    };
    format!(
        "Part {part} is not base64url: it contains {shown} at character {}.{why}",
        token[..position].chars().count() + 1
    )
}

fn decode_part(parts: &[&str], names: &[&str], index: usize) -> Result<Vec<u8>, Malformed> {
    let mut bytes = Vec::new();
    decode_part_into(parts, names, index, &mut bytes)?;
    Ok(bytes)
}

/// Decodes part `index` into `bytes`, replacing what it held.
fn decode_part_into(
    parts: &[&str],
    names: &[&str],
    index: usize,
    bytes: &mut Vec<u8>,
) -> Result<(), Malformed> {
    bytes.clear();
    URL_SAFE_NO_PAD
        .decode_vec(parts[index], bytes)
        .map_err(|e| Malformed {
            problem: format!(
                "Part {} ({}) is not valid base64url ({e}). Check that the whole token was copied.",
                index + 1,
                names[index]
            ),
        })
}

fn decode_json_object(
    bytes: &[u8],
    names: &[&str],
    index: usize,
) -> Result<Map<String, Value>, Malformed> {
    let name = names[index];
    let problem = |detail: String| Malformed {
        problem: format!(
            "Part {} ({name}) is not a JSON object: {detail}.",
            index + 1
        ),
    };
    let text = std::str::from_utf8(bytes)
        .map_err(|_| problem("it decodes to bytes that are not UTF-8 text".to_owned()))?;
    let mut de = serde_json::Deserializer::from_str(text);
    let object = de
        .deserialize_map(UniqueKeyObject)
        .map_err(|e| problem(e.to_string()))?;
    de.end().map_err(|e| problem(e.to_string()))?;
    Ok(object)
}

fn decode_jws<'a>(token: &'a str, parts: &[&'a str], note: Option<String>) -> UnverifiedInput<'a> {
    let result = (|| {
        if parts[0].is_empty() || parts[1].is_empty() {
            let which = if parts[0].is_empty() { 1 } else { 2 };
            return Err(Malformed {
                problem: format!(
                    "Part {which} ({}) is empty. Check that the whole token was copied.",
                    JWS_PARTS[which - 1]
                ),
            });
        }
        // One buffer for the header's and then the payload's JSON text.
        let mut json = Vec::with_capacity(parts[1].len() / 4 * 3 + 3);
        decode_part_into(parts, &JWS_PARTS, 0, &mut json)?;
        let header = decode_json_object(&json, &JWS_PARTS, 0)?;
        decode_part_into(parts, &JWS_PARTS, 1, &mut json)?;
        let claims = decode_json_object(&json, &JWS_PARTS, 1)?;
        let signature = decode_part(parts, &JWS_PARTS, 2)?;
        let signing_len = parts[0].len() + 1 + parts[1].len();
        Ok(UnverifiedJws {
            header,
            claims,
            signing_input: &token[..signing_len],
            signature_b64: parts[2],
            signature,
            note,
        })
    })();
    match result {
        Ok(jws) => UnverifiedInput::Jws(jws),
        Err(m) => UnverifiedInput::Malformed(m),
    }
}

fn decode_jwe(parts: &[&str]) -> UnverifiedInput<'static> {
    let result = (|| {
        if parts[0].is_empty() {
            return Err(Malformed {
                problem: "Part 1 (header) of this encrypted token is empty.".to_owned(),
            });
        }
        let header = decode_json_object(&decode_part(parts, &JWE_PARTS, 0)?, &JWE_PARTS, 0)?;
        // The other parts are opaque without the key, but they must still be base64url.
        for index in 1..parts.len() {
            decode_part(parts, &JWE_PARTS, index)?;
        }
        Ok(UnverifiedJwe {
            header,
            encrypted_key_empty: parts[1].is_empty(),
        })
    })();
    match result {
        Ok(jwe) => UnverifiedInput::Jwe(jwe),
        Err(m) => UnverifiedInput::Malformed(m),
    }
}

/// Deserializes a JSON object and rejects duplicate member names: two `alg`
/// or `exp` members are a classic parser-differential attack, and a verdict
/// must not depend on which one a parser happens to keep.
struct UniqueKeyObject;

impl<'de> Visitor<'de> for UniqueKeyObject {
    type Value = Map<String, Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            match object.entry(key) {
                serde_json::map::Entry::Vacant(slot) => {
                    slot.insert(access.next_value()?);
                }
                serde_json::map::Entry::Occupied(slot) => {
                    return Err(de::Error::custom(format_args!(
                        "the member {:?} appears twice, so readers may disagree on its value",
                        slot.key()
                    )));
                }
            }
        }
        Ok(object)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn problem(input: &str) -> String {
        match decode(input) {
            UnverifiedInput::Malformed(m) => m.problem,
            other => panic!("expected malformed, got {other:?}"),
        }
    }

    #[test]
    fn decodes_a_jws_and_keeps_the_signing_input_verbatim() {
        let token = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"RS256"}"#),
            b64(r#"{"sub":"a"}"#)
        );
        let pasted = format!("  Bearer {token}\n");
        let UnverifiedInput::Jws(jws) = decode(&pasted) else {
            panic!()
        };
        assert_eq!(jws.header["alg"], "RS256");
        assert_eq!(jws.claims["sub"], "a");
        assert_eq!(jws.signing_input, token.rsplit_once('.').unwrap().0);
        assert_eq!(jws.signature, b"sig");
        assert!(jws.note.unwrap().contains("Bearer"));
    }

    #[test]
    fn says_exactly_what_is_wrong() {
        assert!(problem("").contains("empty"));
        assert!(problem("a.b").contains("2 parts"));
        assert!(problem("a.b.c.d").contains("4 parts"));
        assert!(problem("eyJ a.b.c").contains("' '"));
        assert!(problem("abc=.d.e").contains("padding"));
        assert!(problem("ab+c.d.e").contains("standard base64"));
        assert!(problem(r#"{"access_token":"x"}"#).contains("`access_token`"));
        let not_json = format!("{}.{}.", b64("hello"), b64("{}"));
        assert!(problem(&not_json).contains("Part 1 (header) is not a JSON object"));
        let array = format!("{}.{}.", b64("{}"), b64("[1]"));
        assert!(problem(&array).contains("Part 2 (payload)"));
        let dup = format!("{}.{}.", b64(r#"{"alg":"RS256","alg":"none"}"#), b64("{}"));
        assert!(problem(&dup).contains("appears twice"), "{}", problem(&dup));
        let trailing = format!("{}.{}.", b64(r#"{"alg":"RS256"} x"#), b64("{}"));
        assert!(
            problem(&trailing).contains("trailing"),
            "{}",
            problem(&trailing)
        );
    }

    #[test]
    fn recognises_opaque_refresh_and_encrypted_shapes() {
        assert!(matches!(
            decode("JnWHziXXkCWTdNwqj_6QluvcJPGq-oMi"),
            UnverifiedInput::Opaque(UnverifiedOpaque {
                len: 32,
                refresh_token_prefix: false
            })
        ));
        assert!(matches!(
            decode("v1.MRrTsomethingopaque"),
            UnverifiedInput::Opaque(UnverifiedOpaque {
                refresh_token_prefix: true,
                ..
            })
        ));
        let jwe = format!("{}..aXY.Y3Q.dGFn", b64(r#"{"alg":"dir","enc":"A256GCM"}"#));
        let UnverifiedInput::Jwe(jwe) = decode(&jwe) else {
            panic!()
        };
        assert!(jwe.encrypted_key_empty);
        assert_eq!(jwe.header["enc"], "A256GCM");
    }

    #[test]
    fn never_panics_on_non_ascii_or_odd_splits() {
        for input in [
            "é.é.é", "...", "....", "\u{0}", "a..b", ".a.b", "Bearer", "bearer  ", "ü",
        ] {
            let _ = decode(input);
        }
    }
}
