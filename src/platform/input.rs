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

/// How soon after a form is shown a person can have filled it in; a faster answer is a
/// robot's.
pub const MIN_FILL_SECS: i64 = 3;

/// The key that signs fill stamps: made once, kept in the database (every instance of the
/// app shares it).
#[cfg(feature = "ssr")]
async fn stamp_key(db: &super::db::Db) -> Result<String, sqlx::Error> {
    let read = || {
        sqlx::query_scalar("SELECT value FROM app_meta WHERE key = 'fill_stamp_key'")
            .fetch_optional(&db.pool)
    };
    if let Some(key) = read().await? {
        return Ok(key);
    }
    // The first form ever shown: made once (of two instances at once, one key is kept).
    sqlx::query("INSERT INTO app_meta (key, value) VALUES ('fill_stamp_key', $1) ON CONFLICT (key) DO NOTHING")
        .bind(super::secrets::random_token())
        .execute(&db.pool)
        .await?;
    read().await?.ok_or(sqlx::Error::RowNotFound)
}

/// A stamp of the time a form was shown ("1764662400.5f2c…"), signed so that a robot
/// cannot make one up; the form sends it back in a hidden field.
#[cfg(feature = "ssr")]
pub async fn fill_stamp(db: &super::db::Db, at: i64) -> Result<String, sqlx::Error> {
    let key = stamp_key(db).await?;
    Ok(format!(
        "{at}.{}",
        &super::secrets::hash_token(&format!("{key}:{at}"))[..32]
    ))
}

/// Refuses a form sent back faster than a person fills it in, or with a stamp the server
/// did not sign (both a robot's doing; the sentence asks a person to send it again).
#[cfg(feature = "ssr")]
pub async fn check_fill_stamp(db: &super::db::Db, stamp: &str, now: i64) -> Result<(), AppError> {
    let at = stamp
        .split_once('.')
        .and_then(|(t, _)| t.parse::<i64>().ok());
    let genuine = match at {
        Some(at) => fill_stamp(db, at).await? == stamp,
        None => false,
    };
    match at {
        Some(at) if genuine && now - at >= MIN_FILL_SECS => Ok(()),
        _ => Err(AppError::invalid("message", Problem::TooFast)),
    }
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
