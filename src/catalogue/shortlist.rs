//! The reader's shortlist: a few communities kept to compare side by side and to attach to
//! a partnership request. It lives in the reader's browser (a cookie holding the communities'
//! slugs, nothing about the reader) so it works without an account and without JavaScript;
//! the server only reads it to draw the comparison.

use super::model::CommunitySummary;
use serde::{Deserialize, Serialize};

/// The most communities a shortlist holds (a comparison still readable on a phone; a
/// general request attaches as many).
pub const MAX: usize = 6;

/// The cookie holding the shortlist: slugs joined by dots.
pub const COOKIE: &str = "c4c_shortlist";

/// How long the browser keeps the shortlist (days since it last changed).
pub const KEEP_DAYS: i64 = 90;

/// One community of the shortlist, with what the comparison shows of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Compared {
    pub summary: CommunitySummary,
    /// How complete its card is (per cent).
    pub completeness: u8,
    /// The countries it seeks partners in (ISO codes).
    pub seeks: Vec<String>,
    /// The languages its international contact speaks.
    pub languages: Vec<String>,
    /// Whether its card names an urgent need.
    pub urgent: bool,
}

/// The shortlist page's data: the communities kept, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Shortlist {
    pub items: Vec<Compared>,
    /// The community that did not fit a full list (`?full=`), to name it.
    pub waiting: Option<CommunitySummary>,
}

/// The slugs a cookie value names (well-formed ones, without repeats, at most [`MAX`]).
pub fn parse(value: &str) -> Vec<crate::identity::Slug> {
    let mut out: Vec<crate::identity::Slug> = Vec::new();
    for s in value.split('.').filter_map(crate::identity::Slug::parse) {
        if !out.contains(&s) && out.len() < MAX {
            out.push(s);
        }
    }
    out
}

#[cfg(feature = "ssr")]
pub use server::*;

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::error::AppError;
    use crate::identity::Slug;
    use crate::platform::context::Ctx;

    /// The shortlist the request's cookie holds.
    pub fn read(ctx: &Ctx) -> Vec<Slug> {
        crate::lang::negotiate::cookies(ctx.headers())
            .find(|c| c.name() == COOKIE)
            .map(|c| parse(c.value()))
            .unwrap_or_default()
    }

    fn store(ctx: &Ctx, slugs: &[Slug]) {
        let value = slugs
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(".");
        let age = if slugs.is_empty() { 0 } else { KEEP_DAYS };
        let cookie = cookie::Cookie::build((COOKIE, value))
            .path("/")
            .max_age(cookie::time::Duration::days(age))
            .http_only(true)
            .same_site(cookie::SameSite::Lax)
            .secure(ctx.state.settings.https())
            .build()
            .to_string();
        ctx.set_cookie(&cookie);
    }

    /// What the shortlist page shows: the communities kept that still exist, and the one a
    /// full list refused (`full`).
    pub async fn current(ctx: &Ctx, full: &str) -> Result<Shortlist, AppError> {
        let slugs = read(ctx);
        let snapshot = crate::catalogue::snapshot(&ctx.state).await?;
        let waiting = Slug::parse(full)
            .and_then(|s| snapshot.compare(&[s]).pop())
            .map(|c| c.summary);
        Ok(Shortlist {
            items: snapshot.compare(&slugs),
            waiting,
        })
    }

    /// Adds a community (known to the catalogue) or takes one off, then sends the reader to
    /// the comparison (`back`, a path of this site, kept for the way back). A full list is
    /// not changed: the page says so and offers the community again.
    pub async fn change(ctx: &Ctx, slug: &str, remove: bool, back: &str) -> Result<(), AppError> {
        let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
        let mut slugs = read(ctx);
        let mut full = false;
        if remove {
            slugs.retain(|s| *s != slug);
            store(ctx, &slugs);
        } else if !slugs.contains(&slug) {
            let snapshot = crate::catalogue::snapshot(&ctx.state).await?;
            if snapshot.compare(std::slice::from_ref(&slug)).is_empty() {
                return Err(AppError::NotFound);
            }
            if slugs.len() >= MAX {
                full = true;
            } else {
                slugs.push(slug.clone());
                store(ctx, &slugs);
            }
        }
        let mut target = crate::links::SHORTLIST.to_string();
        if let Some(back) = crate::platform::middleware::safe_redirect(back) {
            target = crate::links::with_param(&target, "back", &back);
        }
        if full {
            target = crate::links::with_param(&target, "full", slug.as_str());
        }
        ctx.redirect(&target);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_names_at_most_max_well_formed_slugs_once() {
        let names: Vec<String> = parse("lvivska.lvivska.Bad Slug.hoshchanska.a.b.c.d.e.f")
            .into_iter()
            .map(|s| s.as_str().to_string())
            .collect();
        assert_eq!(names, ["lvivska", "hoshchanska", "a", "b", "c", "d"]);
        assert!(parse("").is_empty());
    }
}
