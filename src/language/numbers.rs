//! Number words and numerals to values: "Four" is 4, "eleven" 11, "a
//! dozen" 12, "1,100" 1100, "2.1" 2.1. Generic English, no story words.

/// The denominator a fraction word stands for ("half" 2, "thirds" 3,
/// "quarter" 4, up to "tenths" 10), singular or plural, any case.
pub fn fraction(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    let w = w.strip_suffix('s').unwrap_or(&w);
    Some(match w {
        "half" | "halve" => 2.0,
        "third" => 3.0,
        "quarter" => 4.0,
        "fifth" => 5.0,
        "sixth" => 6.0,
        "seventh" => 7.0,
        "eighth" => 8.0,
        "ninth" => 9.0,
        "tenth" => 10.0,
        _ => return None,
    })
}

/// The value of one number word, or of a numeral.
pub fn value(word: &str) -> Option<f64> {
    // Lowercased only when it has capitals: most words asked about have none.
    let w: std::borrow::Cow<str> =
        if word.chars().any(char::is_uppercase) { word.to_lowercase().into() } else { word.into() };
    let v = match w.as_ref() {
        "zero" | "none" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" | "mn" | "m" => 1e6,
        "billion" | "bn" => 1e9,
        "trillion" => 1e12,
        _ => return numeral(&w),
    };
    Some(v)
}

/// "1,100", "2.1", "68,000" (not "1.2.3", not "12a").
pub fn numeral(s: &str) -> Option<f64> {
    if s.is_empty() || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let groups: Vec<&str> = s.split(',').collect();
    if groups.len() > 1 && groups[1..].iter().any(|g| g.len() < 3 || (g.len() > 3 && !g[3..].starts_with('.'))) {
        return None;
    }
    s.replace(',', "").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The currency a sign names ("$" a dollar, "£" a pound), if it is one.
pub fn currency(sign: &str) -> Option<&'static str> {
    match sign {
        "$" | "US$" => Some("dollar"),
        "£" => Some("pound"),
        "€" => Some("euro"),
        "¥" => Some("yen"),
        _ => None,
    }
}

/// Whether a word multiplies the number before it ("2.1 million").
pub fn is_multiplier(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen" | "bn" | "mn"
    )
}

/// Whether a word is an uncounted plural of a round number: "hundreds",
/// "thousands", "dozens" ("Hundreds of stores were looted" opens with a
/// number, not a name).
pub fn is_round_plural(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "tens" | "dozens" | "scores" | "hundreds" | "thousands" | "millions" | "billions"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_numerals() {
        assert_eq!(value("Four"), Some(4.0));
        assert_eq!(value("eleven"), Some(11.0));
        assert_eq!(value("dozen"), Some(12.0));
        assert_eq!(value("1,100"), Some(1100.0));
        assert_eq!(value("2.1"), Some(2.1));
        assert_eq!(value("1,10"), None);
        assert_eq!(value("fire"), None);
        assert!(is_multiplier("Million"));
    }
}
