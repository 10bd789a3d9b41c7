//! The HTML pages a person sees: the login/consent page of `/authorize` and
//! the `/activate` page of the device flow. Plain forms, no scripts.

use crate::tenant::SignInUser;

/// Text made safe for HTML content and quoted attributes (`& < > " '`).
pub(crate) fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_quoted_attribute(text)
}

fn layout(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} · IdLens sandbox</title>\
<style>body{{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}}\
table{{border-collapse:collapse}}td,th{{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left}}\
.error{{color:#b00020;font-weight:600}}code{{background:#f2f2f2;padding:0 .2rem}}\
label{{display:block;margin:.5rem 0}}button{{margin-right:.5rem;padding:.4rem 1rem}}</style>\
</head><body><p><strong>IdLens sandbox tenant</strong> — a local test server, not Auth0.</p>\
<h1>{title}</h1>{body}</body></html>",
        title = escape(title)
    )
}

fn sign_in_table(users: &[SignInUser]) -> String {
    let rows: String = users
        .iter()
        .map(|u| {
            format!(
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td></tr>",
                escape(&u.email),
                escape(&u.password),
                escape(&u.about)
            )
        })
        .collect();
    format!(
        "<p>This is a sandbox, so its sign-in users and their passwords are listed here:</p>\
<table><thead><tr><th>E-mail</th><th>Password</th><th>Who</th></tr></thead><tbody>{rows}</tbody></table>"
    )
}

fn error_line(error: Option<&str>) -> String {
    error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(e)))
        .unwrap_or_default()
}

/// The login and consent page of `/authorize`.
pub(crate) fn login(
    tx: &str,
    client_name: &str,
    scope: &[String],
    audience: Option<&str>,
    users: &[SignInUser],
    error: Option<&str>,
) -> String {
    let audience = audience
        .map(|a| format!(" for the API <code>{}</code>", escape(a)))
        .unwrap_or_default();
    let body = format!(
        "<p><strong>{client}</strong> asks to sign you in{audience} with the scopes <code>{scope}</code>.</p>\
{error}\
<form method=\"post\" action=\"/authorize/login\">\
<input type=\"hidden\" name=\"tx\" value=\"{tx}\">\
<label>E-mail <input name=\"email\" type=\"email\" autocomplete=\"username\"></label>\
<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>\
<button type=\"submit\" name=\"action\" value=\"allow\">Sign in and allow</button>\
<button type=\"submit\" name=\"action\" value=\"deny\">Deny</button>\
</form>{table}",
        client = escape(client_name),
        scope = escape(&scope.join(" ")),
        error = error_line(error),
        tx = escape(tx),
        table = sign_in_table(users),
    );
    layout("Sign in", &body)
}

/// The `/activate` page of the device flow.
pub(crate) fn activate(user_code: &str, users: &[SignInUser], error: Option<&str>) -> String {
    let body = format!(
        "<p>Enter the code your device shows, sign in, and approve or deny it.</p>{error}\
<form method=\"post\" action=\"/activate\">\
<label>Code <input name=\"user_code\" value=\"{code}\" autocomplete=\"off\"></label>\
<label>E-mail <input name=\"email\" type=\"email\" autocomplete=\"username\"></label>\
<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>\
<button type=\"submit\" name=\"action\" value=\"approve\">Approve</button>\
<button type=\"submit\" name=\"action\" value=\"deny\">Deny</button>\
</form>{table}",
        error = error_line(error),
        code = escape(user_code),
        table = sign_in_table(users),
    );
    layout("Activate a device", &body)
}

/// A page with one message (device approved, logged out, a request that cannot redirect).
pub(crate) fn message(title: &str, text: &str) -> String {
    layout(title, &format!("<p>{}</p>", escape(text)))
}

/// The page of a password-change ticket (`/lo/reset`): a new password.
pub(crate) fn password_change(ticket: &str, error: Option<&str>) -> String {
    let body = format!(
        "<p>Choose a new password for your account.</p>{error}\
<form method=\"post\" action=\"/lo/reset\">\
<input type=\"hidden\" name=\"ticket\" value=\"{ticket}\">\
<label>New password <input name=\"password\" type=\"password\" autocomplete=\"new-password\"></label>\
<button type=\"submit\">Change password</button>\
</form>",
        error = error_line(error),
        ticket = escape(ticket),
    );
    layout("Change your password", &body)
}
