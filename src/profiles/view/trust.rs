//! The card's trust marks: demonstration content, verified (with the day), claimed, updated.

use crate::i18n::*;
use crate::lang::labels::kyiv_date;
use crate::profiles::model::Trust;
use leptos::prelude::*;

/// The marks in one line.
#[component]
pub fn TrustLine(trust: Trust) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="flex flex-wrap gap-2 text-sm" data-testid="trust">
            {trust
                .demo
                .then(|| {
                    view! {
                        <span class="badge bg-purple-100 text-purple-900">
                            {t!(i18n, demo_notice)}
                        </span>
                    }
                })}
            {if trust.verified {
                let verified = trust.last_verified;
                let changed_since = match (trust.updated_at, trust.last_verified) {
                    (Some(u), Some(v)) => u >= v + 24 * 3600,
                    _ => false,
                };
                // Edited after the day of the check (which is kept as that day's midnight).
                view! {
                    <span class="badge bg-green-100 text-green-900">
                        {move || {
                            let date = verified
                                .map(|v| kyiv_date(i18n.get_locale(), v))
                                .unwrap_or_default();
                            t_string!(i18n, verified_on, date).to_string()
                        }}
                    </span>
                    {changed_since
                        .then(|| {
                            view! {
                                <span class="badge bg-amber-100 text-amber-900">
                                    {t!(i18n, verified_changed_since)}
                                </span>
                            }
                        })}
                }
                    .into_any()
            } else if trust.claimed {
                view! {
                    <span class="badge bg-stone-100 text-stone-800">{t!(i18n, trust_claimed)}</span>
                }
                    .into_any()
            } else {
                ().into_any()
            }}
            {trust
                .updated_at
                .map(|u| {

                    view! {
                        <span class="text-stone-700">
                            {move || {
                                let date = kyiv_date(i18n.get_locale(), u);
                                t_string!(i18n, updated_on, date).to_string()
                            }}
                        </span>
                    }
                })}
        </p>
    }
}
