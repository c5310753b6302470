//! The partnerships domain's shared types: what the request form needs, and a request as
//! its requester follows it through the private link.

use super::stage::Stage;
use crate::identity::Slug;
use crate::municipalities::model::Municipality;
use serde::{Deserialize, Serialize};

/// The longest message of a request or of its conversation.
pub const MESSAGE_MAX: usize = 3000;

/// What the request form for a named community shows: the community, the municipality
/// chosen so far (or the candidates for what was typed), and the stamp that times the fill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AskForm {
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    pub chosen: Option<Municipality>,
    pub candidates: Vec<Municipality>,
    /// When the form was shown, signed by the server (`platform::input::fill_stamp`).
    pub stamp: String,
}

/// A request as the person who asked sees it through their private link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestStatus {
    pub municipality: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub contact_name: String,
    pub email: String,
    /// What they wrote when asking: the conversation's first message.
    pub message: String,
    pub created_at: i64,
    pub closed: bool,
    pub pairs: Vec<PairView>,
    pub messages: Vec<MessageView>,
}

/// One community the request is paired with, and what happened to the pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairView {
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    pub stage: Stage,
    pub events: Vec<EventView>,
}

/// A move of a pair: to which stage, by whom (requester, editor, coordinator), when, why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventView {
    pub to: Stage,
    pub actor: String,
    pub at: i64,
    pub note: String,
}

/// A message of the request's conversation (internal notes never reach the requester).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    /// requester, editor or coordinator.
    pub author: String,
    /// The writer's name (the requester's own, an editor's or a coordinator's).
    pub name: String,
    pub body: String,
    pub at: i64,
}
