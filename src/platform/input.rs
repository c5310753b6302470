//! Text from a form, checked the same way everywhere: trimmed, without control characters
//! (line breaks kept where allowed), required or not, at most so many characters.

use crate::error::{AppError, Problem};

pub fn text_field(
    field: &str,
    value: &str,
    required: bool,
    max: usize,
    multiline: bool,
) -> Result<String, AppError> {
    let v: String = value
        .trim()
        .chars()
        .filter(|c| !c.is_control() || (multiline && *c == '\n'))
        .collect();
    if required && v.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if v.chars().count() > max {
        return Err(AppError::invalid(field, Problem::TooLong { max }));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimmed_cleaned_and_bounded() {
        assert_eq!(
            text_field("x", "  a\u{7}b \n", false, 10, false).unwrap(),
            "ab"
        );
        assert_eq!(text_field("x", "a\nb", false, 10, true).unwrap(), "a\nb");
        assert_eq!(
            text_field("x", " ", true, 10, false),
            Err(AppError::invalid("x", Problem::Required))
        );
        assert_eq!(
            text_field("x", "abc", false, 2, false),
            Err(AppError::invalid("x", Problem::TooLong { max: 2 }))
        );
    }
}
