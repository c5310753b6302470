//! The fields of the editor form's parts (`parts::Part`), in the card's order: general, facts, offers,
//! projects, partners, the partner sought, people, other names. Each reads the editor's
//! state from context; lists show their filled rows and two empty ones.

use super::widgets::*;
use crate::i18n::*;
use crate::profiles::form::keys::{
    FactName, FactPart, FieldKey as K, NamePart, OfferPart, PartnerPart, PersonPart, ProjectPart,
    Who,
};
use crate::profiles::form::LIST_LANGS;
use crate::profiles::labels::theme_label;
use crate::profiles::model::Theme;
use crate::ui::forms::tr;
use leptos::prelude::*;

/// "Offer 3": a list row's legend.
fn numbered(label: Signal<String>, i: usize) -> impl Fn() -> String + Send + Sync + 'static {
    move || format!("{} {}", label.get(), i + 1)
}

#[component]
pub(super) fn IdentitySection() -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="space-y-3">
            <Input
                key=K::Website
                label=tr!(i18n, field_website)
                kind="url"
                hint=tr!(i18n, website_hint)
            />
            <Choice
                key=K::Situation
                label=tr!(i18n, field_situation)
                options=situation_options(l)
            />
            <Choice
                key=K::CanHostDelegation
                label=tr!(i18n, field_host_delegation)
                options=tri_options(l)
            />
            <Choice
                key=K::NeedsInterpreting
                label=tr!(i18n, field_needs_interpreting)
                options=tri_options(l)
            />
        </div>
    }
}

#[component]
pub(super) fn FactsSection() -> impl IntoView {
    let i18n = use_i18n();
    let date_hint = tr!(i18n, date_hint);
    let fact = move |name: FactName, label: Signal<String>| {
        view! {
            <fieldset class="grid grid-cols-1 gap-3 rounded border border-stone-300 p-3 sm:grid-cols-3">
                <legend class="px-1 font-semibold">{move || label.get()}</legend>
                <Input key=K::Fact(name, FactPart::Value) label=tr!(i18n, field_value) />
                <Input key=K::Fact(name, FactPart::Source) label=tr!(i18n, field_source) />
                <Input
                    key=K::Fact(name, FactPart::Date)
                    label=tr!(i18n, field_date)
                    hint=date_hint
                />
            </fieldset>
        }
    };
    view! {
        <div class="space-y-3">
            {fact(FactName::Population, tr!(i18n, fact_population))}
            {fact(FactName::Area, tr!(i18n, fact_area))}
            {fact(FactName::Idps, tr!(i18n, fact_idps))}
            {fact(FactName::Budget, tr!(i18n, fact_budget))}
        </div>
    }
}

#[component]
pub(super) fn OffersSection(rows: usize) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (title, text) = (tr!(i18n, field_title), tr!(i18n, field_description));
    let title_key: fn(usize, &'static str) -> K = |i, l| K::Offer(i, OfferPart::Title(l));
    let text_key: fn(usize, &'static str) -> K = |i, l| K::Offer(i, OfferPart::Text(l));
    view! {
        <div class="space-y-3">
            <p class="text-sm text-stone-700">{t!(i18n, rows_hint)}</p>
            {(0..rows)
                .map(|i| {
                    view! {
                        <fieldset class="grid grid-cols-1 gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                            <legend class="px-1 font-semibold">
                                {numbered(tr!(i18n, section_offers), i)}
                            </legend>
                            <Choice
                                key=K::Offer(i, OfferPart::Theme)
                                label=tr!(i18n, field_theme)
                                options=theme_options(l)
                            />
                            <div></div>
                            {LIST_LANGS
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <Input
                                            key=title_key(i, l)
                                            label=with_lang(i18n, title, l)
                                        />
                                    }
                                })
                                .collect_view()}
                            {LIST_LANGS
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <Input key=text_key(i, l) label=with_lang(i18n, text, l) />
                                    }
                                })
                                .collect_view()}
                            {more_languages(i18n, vec![(title_key, i, title), (text_key, i, text)])}
                        </fieldset>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub(super) fn ProjectsSection(rows: usize) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let (title, text) = (tr!(i18n, field_title), tr!(i18n, field_description));
    let title_key: fn(usize, &'static str) -> K = |i, l| K::Project(i, ProjectPart::Title(l));
    let text_key: fn(usize, &'static str) -> K = |i, l| K::Project(i, ProjectPart::Description(l));
    view! {
        <div class="space-y-3">
            {(0..rows)
                .map(|i| {
                    view! {
                        <fieldset class="grid grid-cols-1 gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                            <legend class="px-1 font-semibold">
                                {numbered(tr!(i18n, edit_project), i)}
                            </legend>
                            <Choice
                                key=K::Project(i, ProjectPart::Theme)
                                label=tr!(i18n, field_theme)
                                options=theme_options(l)
                            />
                            <Choice
                                key=K::Project(i, ProjectPart::Status)
                                label=tr!(i18n, field_status)
                                options=status_options(l)
                            />
                            {LIST_LANGS
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <Input
                                            key=title_key(i, l)
                                            label=with_lang(i18n, title, l)
                                        />
                                    }
                                })
                                .collect_view()}
                            {LIST_LANGS
                                .into_iter()
                                .map(|l| {
                                    view! {
                                        <Input key=text_key(i, l) label=with_lang(i18n, text, l) />
                                    }
                                })
                                .collect_view()}
                            {more_languages(i18n, vec![(title_key, i, title), (text_key, i, text)])}
                            <Input
                                key=K::Project(i, ProjectPart::BudgetEur)
                                label=tr!(i18n, field_budget)
                                kind="number"
                            />
                            <Check
                                key=K::Project(i, ProjectPart::Urgent)
                                label=tr!(i18n, project_urgent)
                            />
                        </fieldset>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub(super) fn PartnersSection(rows: usize) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    view! {
        <div class="space-y-3">
            {(0..rows)
                .map(|i| {
                    view! {
                        <fieldset class="grid grid-cols-1 gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
                            <legend class="px-1 font-semibold">
                                {numbered(tr!(i18n, edit_partner), i)}
                            </legend>
                            <Input
                                key=K::Partner(i, PartnerPart::Name)
                                label=tr!(i18n, field_partner_name)
                            />
                            <Choice
                                key=K::Partner(i, PartnerPart::Country)
                                label=tr!(i18n, field_country)
                                options=crate::lang::names::country_choices(l, "—".into())
                            />
                            <Input
                                key=K::Partner(i, PartnerPart::Since)
                                label=tr!(i18n, field_since)
                                kind="number"
                            />
                            <Choice
                                key=K::Partner(i, PartnerPart::Kind)
                                label=tr!(i18n, field_kind)
                                options=partner_kind_options(l)
                            />
                        </fieldset>
                    }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub(super) fn SeekingSection() -> impl IntoView {
    let i18n = use_i18n();
    let note = tr!(i18n, field_note);
    let note_key: fn(usize, &'static str) -> K = |_, l| K::SeekingNote(l);
    view! {
        <div class="space-y-3">
            <Check key=K::SeekingActive label=tr!(i18n, field_seeking_active) />
            <Input
                key=K::SeekingCountries
                label=tr!(i18n, seeking_countries)
                hint=tr!(i18n, countries_hint)
            />
            <Choice
                key=K::SeekingFormal
                label=tr!(i18n, field_formal)
                options=formal_options(i18n.get_locale_untracked())
            />
            <fieldset class="grid grid-cols-1 gap-1 sm:grid-cols-2">
                <legend class="font-semibold">{t!(i18n, seeking_themes)}</legend>
                {Theme::ALL
                    .into_iter()
                    .map(|t| {
                        view! {
                            <Check
                                key=K::SeekingTheme(t)
                                label=Signal::derive(move || theme_label(i18n.get_locale(), t))
                            />
                        }
                    })
                    .collect_view()}
            </fieldset>
            {LIST_LANGS
                .into_iter()
                .map(|l| view! { <Input key=K::SeekingNote(l) label=with_lang(i18n, note, l) /> })
                .collect_view()}
            {more_languages(i18n, vec![(note_key, 0, note)])}
        </div>
    }
}

/// One person's details: the head, or a contact for partnerships.
#[component]
fn PersonFields(who: Who, label: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let role = tr!(i18n, field_role);
    let k = move |part| K::Person(who, part);
    let role_key: fn(usize, &'static str) -> K = match who {
        Who::Head => |_, l| K::Person(Who::Head, PersonPart::Role(l)),
        Who::Contact(_) => |i, l| K::Person(Who::Contact(i), PersonPart::Role(l)),
    };
    let row = match who {
        Who::Head => 0,
        Who::Contact(i) => i,
    };
    view! {
        <fieldset class="grid grid-cols-1 gap-3 rounded border border-stone-300 p-3 sm:grid-cols-2">
            <legend class="px-1 font-semibold">{move || label.get()}</legend>
            <Input key=k(PersonPart::Name) label=tr!(i18n, field_name) />
            {LIST_LANGS
                .into_iter()
                .map(|l| {
                    view! { <Input key=k(PersonPart::Role(l)) label=with_lang(i18n, role, l) /> }
                })
                .collect_view()}
            {more_languages(i18n, vec![(role_key, row, role)])}
            <Input key=k(PersonPart::Email) label=tr!(i18n, field_email) kind="email" />
            <Input key=k(PersonPart::Phone) label=tr!(i18n, field_phone) kind="tel" />
            <Input
                key=k(PersonPart::Languages)
                label=tr!(i18n, contact_languages)
                hint=tr!(i18n, languages_hint)
            />
        </fieldset>
    }
}

#[component]
pub(super) fn PeopleSection(contacts: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="space-y-3">
            <PersonFields who=Who::Head label=tr!(i18n, edit_head) />
            {(0..contacts)
                .map(|i| {
                    let label = Signal::derive(numbered(tr!(i18n, edit_contact), i));
                    view! { <PersonFields who=Who::Contact(i) label /> }
                })
                .collect_view()}
        </div>
    }
}

#[component]
pub(super) fn NamesSection(rows: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="space-y-3">
            {(0..rows)
                .map(|i| {
                    view! {
                        <fieldset class="grid grid-cols-1 gap-3 rounded border border-stone-300 p-3 sm:grid-cols-3">
                            <legend class="px-1 font-semibold">
                                {numbered(tr!(i18n, edit_other_names), i)}
                            </legend>
                            <Input
                                key=K::OtherName(i, NamePart::Name)
                                label=tr!(i18n, field_other_name)
                            />
                            <Input
                                key=K::OtherName(i, NamePart::Lang)
                                label=tr!(i18n, field_name_lang)
                                hint=tr!(i18n, languages_hint)
                            />
                            <Check
                                key=K::OtherName(i, NamePart::Historic)
                                label=tr!(i18n, field_historic)
                            />
                        </fieldset>
                    }
                })
                .collect_view()}
        </div>
    }
}
