//! How server functions answer: the encoding every `#[server]` function names as its
//! `output` (and the catalogue's two as their `input`).

use leptos::server_fn::codec::Post;
use leptos::server_fn::{ContentType, Decodes, Encodes, Format, FormatType};

/// How every server function answers: JSON, as with leptos' default `Json`, but read in the
/// browser from text (`serde_json::from_str`), the way resources read the data a page hands
/// over. One reader per answer type instead of two keeps a copy of every deserializer out of
/// the WebAssembly bundle.
pub type Answer = Post<JsonText>;

/// The encoding of [`Answer`].
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

impl<T: serde::Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<leptos::server_fn::Bytes, Self::Error> {
        serde_json::to_vec(output).map(leptos::server_fn::Bytes::from)
    }
}

impl<T: serde::de::DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: leptos::server_fn::Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}
