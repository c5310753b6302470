//! Enums whose variants have a stable text key (in URLs, forms, JSON and the database).
//!
//! `keyed!` writes the enum with its serde names, `ALL` in declaration order, `key()`,
//! `from_key()` and `Display` from one list of `Variant = "key"` pairs, so a key is written
//! once and no table of keys is kept by hand beside the enum.

/// Declares an enum with a text key per variant. Attributes before `enum` (docs, extra
/// derives) are kept; `Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord` and serde's
/// `Serialize`/`Deserialize` (by key) are always derived.
#[macro_export]
macro_rules! keyed {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $key:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $key)] $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$($key),+].len()] = [$($name::$variant),+];

            /// The variant's stable text key.
            pub const fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => $key ),+
                }
            }

            /// The variant with this key, if any.
            pub fn from_key(key: &str) -> Option<$name> {
                match key {
                    $( $key => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.key())
            }
        }

        impl std::str::FromStr for $name {
            type Err = ();

            fn from_str(s: &str) -> Result<Self, ()> {
                $name::from_key(s).ok_or(())
            }
        }
    };
}

#[cfg(test)]
mod tests {
    keyed! {
        /// A test enum.
        enum Colour {
            Red = "red",
            DeepBlue = "deep_blue",
        }
    }

    #[test]
    fn keys_round_trip() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DeepBlue]);
        for c in Colour::ALL {
            assert_eq!(Colour::from_key(c.key()), Some(c));
            assert_eq!(c.to_string(), c.key());
            assert_eq!(
                serde_json::to_string(&c).unwrap(),
                format!("\"{}\"", c.key())
            );
        }
        assert_eq!(Colour::from_key("green"), None);
        assert_eq!("deep_blue".parse::<Colour>(), Ok(Colour::DeepBlue));
    }
}
