//! QR codes of the device flow's verification URL, for the Session screen
//! (an SVG path) and the terminal (half-block characters).

use qrcode::{Color, EcLevel, QrCode};

use crate::types::QrCodeView;

/// Medium error correction: readable from a screen, still small for long URLs.
fn modules(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((width, dark))
}

/// The QR code of `text` as one SVG path, or `None` if it is too long to encode.
pub fn encode(text: &str) -> Option<QrCodeView> {
    let (width, dark) = modules(text)?;
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if dark[y * width + x] {
                let start = x;
                while x < width && dark[y * width + x] {
                    x += 1;
                }
                // One rectangle per horizontal run of dark modules.
                path.push_str(&format!("M{start} {y}h{}v1h-{}z", x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    Some(QrCodeView {
        size: width as u32,
        path,
    })
}

/// The QR code of `text` for a terminal: two module rows per line, dark on a
/// light quiet zone so it scans on dark and light themes alike.
pub fn terminal(text: &str) -> Option<String> {
    let (width, dark) = modules(text)?;
    const QUIET: usize = 2;
    let size = width + 2 * QUIET;
    let at = |x: usize, y: usize| -> bool {
        x >= QUIET
            && y >= QUIET
            && x < QUIET + width
            && y < QUIET + width
            && dark[(y - QUIET) * width + (x - QUIET)]
    };
    let mut out = String::new();
    for y in (0..size).step_by(2) {
        for x in 0..size {
            let top = at(x, y);
            let bottom = y + 1 < size && at(x, y + 1);
            // Light modules are drawn (█), dark ones left blank.
            out.push(match (top, bottom) {
                (false, false) => '█',
                (false, true) => '▀',
                (true, false) => '▄',
                (true, true) => ' ',
            });
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        let text = "http://127.0.0.1:4000/activate?user_code=ABCD-EFGH";
        let (width, dark) = modules(text).unwrap();
        let view = encode(text).unwrap();
        assert_eq!(view.size as usize, width);
        // Re-rasterise the path and compare module by module.
        let mut drawn = vec![false; width * width];
        for cmd in view.path.split('M').filter(|c| !c.is_empty()) {
            let (xy, rest) = cmd.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            for dx in 0..run {
                drawn[y * width + x + dx] = true;
            }
        }
        assert_eq!(drawn, dark);
        // Finder patterns: the top-left 7×7 corner has a dark border.
        assert!((0..7).all(|i| dark[i] && dark[i * width]));
    }

    #[test]
    fn the_terminal_form_has_a_line_per_two_rows() {
        let text = "https://example.auth0.com/activate?user_code=WXYZ-1234";
        let (width, _) = modules(text).unwrap();
        let art = terminal(text).unwrap();
        assert_eq!(art.lines().count(), (width + 4).div_ceil(2));
        assert!(art.lines().all(|l| l.chars().count() == width + 4));
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_none() {
        assert!(encode(&"x".repeat(5000)).is_none());
    }
}
