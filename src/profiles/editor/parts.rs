//! The editor's form in parts that open one at a time (`<details name=…>`: the browser
//! closes the open part when another opens, without JavaScript). Each part's summary says
//! how many of its fields are filled and how many need correcting; a refused form opens the
//! part of its first refused field (in the form's order), with JavaScript and without.

use super::EditorState;
use crate::error::AppError;
use crate::i18n::*;
use crate::profiles::form::keys::{FieldKey, LongText};
use leptos::prelude::*;

/// A part of the card's form, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Part {
    About,
    Why,
    Economy,
    General,
    Facts,
    Offers,
    Projects,
    Partners,
    Seeking,
    People,
    Names,
}

impl Part {
    /// The part a field belongs to.
    pub(super) fn of(key: &FieldKey) -> Part {
        match key {
            FieldKey::Long(LongText::About, _) => Part::About,
            FieldKey::Long(LongText::WhyPartner, _) => Part::Why,
            FieldKey::Long(LongText::Economy, _) => Part::Economy,
            FieldKey::Website
            | FieldKey::Situation
            | FieldKey::CanHostDelegation
            | FieldKey::NeedsInterpreting => Part::General,
            FieldKey::Fact(..) => Part::Facts,
            FieldKey::Offer(..) => Part::Offers,
            FieldKey::Project(..) => Part::Projects,
            FieldKey::Partner(..) => Part::Partners,
            FieldKey::SeekingActive
            | FieldKey::SeekingCountries
            | FieldKey::SeekingTheme(_)
            | FieldKey::SeekingFormal
            | FieldKey::SeekingNote(_) => Part::Seeking,
            FieldKey::Person(..) => Part::People,
            FieldKey::OtherName(..) => Part::Names,
        }
    }

    fn of_name(name: &str) -> Option<Part> {
        FieldKey::parse(name).map(|k| Part::of(&k))
    }

    fn id(self) -> &'static str {
        match self {
            Part::About => "part-about",
            Part::Why => "part-why",
            Part::Economy => "part-economy",
            Part::General => "part-general",
            Part::Facts => "part-facts",
            Part::Offers => "part-offers",
            Part::Projects => "part-projects",
            Part::Partners => "part-partners",
            Part::Seeking => "part-seeking",
            Part::People => "part-people",
            Part::Names => "part-names",
        }
    }

    pub(super) fn title(self, l: Locale) -> &'static str {
        match self {
            Part::About => td_string!(l, section_about),
            Part::Why => td_string!(l, section_why),
            Part::Economy => td_string!(l, edit_economy),
            Part::General => td_string!(l, edit_identity),
            Part::Facts => td_string!(l, section_facts),
            Part::Offers => td_string!(l, section_offers),
            Part::Projects => td_string!(l, section_needs),
            Part::Partners => td_string!(l, section_partners),
            Part::Seeking => td_string!(l, seeking_title),
            Part::People => td_string!(l, section_contact),
            Part::Names => td_string!(l, edit_other_names),
        }
    }
}

/// The part that opens first: the earliest part with a refused field, or the first part.
pub(super) fn open_part(error: Option<&AppError>) -> Part {
    match error {
        Some(AppError::Invalid { problems }) => problems
            .iter()
            .filter_map(|p| Part::of_name(&p.field))
            .min()
            .unwrap_or(Part::About),
        _ => Part::About,
    }
}

/// One part: a summary with its title and state, and its fields.
#[component]
pub(super) fn PartBox(part: Part, open: bool, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<EditorState>();
    let filled = move || {
        ctx.values.with(|f| {
            f.iter()
                .filter(|(k, v)| !v.trim().is_empty() && Part::of_name(k) == Some(part))
                .count()
        })
    };
    let problems = move || {
        let live = ctx.live.with(|l| {
            l.keys()
                .filter(|k| Part::of_name(k) == Some(part))
                .cloned()
                .collect::<Vec<_>>()
        });
        ctx.server.with(|e| match e {
            Some(AppError::Invalid { problems }) => {
                let refused = problems
                    .iter()
                    .filter(|p| Part::of_name(&p.field) == Some(part))
                    .filter(|p| !live.contains(&p.field));
                live.len() + refused.count()
            }
            _ => live.len(),
        })
    };
    let state = move || {
        let l = i18n.get_locale();
        match (problems(), filled()) {
            (0, 0) => td_string!(l, edit_part_empty).to_string(),
            (0, n) => td_string!(l, edit_part_filled, n = n).to_string(),
            (n, _) => td_string!(l, edit_part_problems, n = n).to_string(),
        }
    };
    let heading = format!("{}-heading", part.id());
    view! {
        <details
            name="card-part"
            id=part.id()
            open=open
            class="part rounded border border-stone-300 bg-white"
            data-testid=part.id()
        >
            <summary class="flex cursor-pointer flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-3">
                <h2 id=heading class="text-xl font-semibold">
                    <span class="part-marker" aria-hidden="true"></span>
                    {move || part.title(i18n.get_locale())}
                </h2>
                <span
                    class=move || {
                        if problems() > 0 {
                            "text-sm font-semibold text-red-800"
                        } else {
                            "text-sm text-stone-700"
                        }
                    }
                    data-testid="part-state"
                >
                    {state}
                </span>
            </summary>
            <div class="space-y-3 border-t border-stone-300 p-3">{children()}</div>
        </details>
    }
}
