//! How the card's terms read in each interface language: themes and situations.

use super::model::{PartnerKind, ProjectStatus, Situation, Theme};
use crate::i18n::*;

pub fn theme_label(locale: Locale, theme: Theme) -> String {
    match theme {
        Theme::CivilProtection => td_string!(locale, theme_civil_protection),
        Theme::Energy => td_string!(locale, theme_energy),
        Theme::Water => td_string!(locale, theme_water),
        Theme::Waste => td_string!(locale, theme_waste),
        Theme::Health => td_string!(locale, theme_health),
        Theme::Social => td_string!(locale, theme_social),
        Theme::Education => td_string!(locale, theme_education),
        Theme::Culture => td_string!(locale, theme_culture),
        Theme::Economy => td_string!(locale, theme_economy),
        Theme::Reconstruction => td_string!(locale, theme_reconstruction),
        Theme::Transport => td_string!(locale, theme_transport),
        Theme::Digital => td_string!(locale, theme_digital),
        Theme::Democracy => td_string!(locale, theme_democracy),
        Theme::EuIntegration => td_string!(locale, theme_eu_integration),
        Theme::Environment => td_string!(locale, theme_environment),
    }
    .to_string()
}

pub fn situation_label(locale: Locale, s: Situation) -> String {
    match s {
        Situation::Occupied => td_string!(locale, situation_occupied),
        Situation::Frontline => td_string!(locale, situation_frontline),
        Situation::Border => td_string!(locale, situation_border),
        Situation::Safe => td_string!(locale, situation_safe),
    }
    .to_string()
}

pub fn status_label(locale: Locale, s: ProjectStatus) -> String {
    match s {
        ProjectStatus::Idea => td_string!(locale, status_idea),
        ProjectStatus::Planned => td_string!(locale, status_planned),
        ProjectStatus::Funding => td_string!(locale, status_funding),
        ProjectStatus::Underway => td_string!(locale, status_underway),
        ProjectStatus::Done => td_string!(locale, status_done),
    }
    .to_string()
}

pub fn partner_kind_label(locale: Locale, k: PartnerKind) -> String {
    match k {
        PartnerKind::Solidarity => td_string!(locale, edit_kind_solidarity),
        PartnerKind::Formal => td_string!(locale, edit_kind_formal),
        PartnerKind::Intent => td_string!(locale, edit_kind_intent),
    }
    .to_string()
}
