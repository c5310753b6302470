//! Who and what a request is about: typed identifiers, the roles, and the signed-in caller.
//!
//! Identifiers are newtypes over their text (serde- and sqlx-transparent), so a community's
//! code cannot be passed where a user's id is expected. They sit at the bottom of the
//! dependency order because the platform's guards and every domain need them.

use serde::{Deserialize, Serialize};

macro_rules! text_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type))]
        #[serde(transparent)]
        #[cfg_attr(feature = "ssr", sqlx(transparent))]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

text_id!(
    /// An account's id (random, from the server).
    UserId
);
text_id!(
    /// A community's KATOTTG code (`UA05020010000053572`): the key that joins this platform
    /// to any other dataset.
    CommunityCode
);
text_id!(
    /// A community's address part (`lvivska`): lower-case Latin letters, digits and hyphens.
    Slug
);

impl UserId {
    /// An id the server made (from the database or a new random id).
    pub fn new(id: impl Into<String>) -> Self {
        UserId(id.into())
    }
}

impl CommunityCode {
    /// A code read from the database or the seed files.
    pub fn new(code: impl Into<String>) -> Self {
        CommunityCode(code.into())
    }
}

impl Slug {
    /// Longest slug accepted from a URL (the seed's longest is far shorter).
    pub const MAX: usize = 120;

    /// A slug from a URL or a form: `None` unless it has the shape of one, so a crafted
    /// value never reaches a query.
    pub fn parse(s: &str) -> Option<Slug> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| Slug(s.to_string()))
    }

    /// A slug the server made (seed generator, database).
    pub fn new(s: impl Into<String>) -> Self {
        Slug(s.into())
    }
}

keyed! {
    /// What an account may do beyond editing the communities it was made an editor of.
    pub enum Role {
        /// A signed-in person; may edit the communities they were made editors of.
        Member = "member",
        /// Approves editors, verifies profiles, brokers partnerships.
        Coordinator = "coordinator",
        /// Everything a coordinator may, and appoints coordinators.
        Admin = "admin",
    }
}

impl Role {
    /// Coordinators and admins must use a second factor.
    pub fn needs_second_factor(self) -> bool {
        !matches!(self, Role::Member)
    }
}

/// The signed-in user, as the interface sees them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub email_verified: bool,
    pub totp_enabled: bool,
}

impl CurrentUser {
    /// A coordinator or admin whose second factor is set up (without it they act as members).
    pub fn is_coordinator(&self) -> bool {
        self.role.needs_second_factor() && self.totp_enabled
    }

    /// An admin whose second factor is set up.
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin && self.totp_enabled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_have_one_shape() {
        assert_eq!(Slug::parse("lvivska").unwrap().as_str(), "lvivska");
        assert!(Slug::parse("andriivska-bakhchysaraiskyi").is_some());
        for bad in [
            "",
            "Lviv",
            "../x",
            "a b",
            "x'--",
            &"a".repeat(Slug::MAX + 1),
        ] {
            assert!(Slug::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn roles_need_a_second_factor_above_member() {
        assert!(!Role::Member.needs_second_factor());
        assert!(Role::Coordinator.needs_second_factor() && Role::Admin.needs_second_factor());
        assert_eq!(Role::from_key("admin"), Some(Role::Admin));
    }
}
