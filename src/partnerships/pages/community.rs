//! `/c/{slug}/requests`: the partnership requests and introductions of a community, for its
//! editors: who asks and what for, accept or decline (with a reason), the steps taken
//! together, and the conversation with the requester and the coordinators.

use super::parts::{MoveForm, PairHeader, RequestDetails, Thread};
use crate::i18n::*;
use crate::lang::labels::pick;
use crate::lang::use_href;
use crate::links::{self, Notice};
use crate::partnerships::fns::get_community_requests;
use crate::partnerships::model::CommunityRequests;
use crate::ui::notice::UrlNotice;
use crate::ui::status::{no_store, ErrorNotice, Loading};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

#[component]
pub fn CommunityRequestsPage() -> impl IntoView {
    no_store();
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let data = Resource::new(move || slug.get(), get_community_requests);
    let title = td_string!(i18n.get_locale_untracked(), community_requests_title).to_string();
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <section class="max-w-4xl space-y-6">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Requests d /> }.into_any(),
                        Err(error) => view! { <ErrorNotice error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Requests(d: CommunityRequests) -> impl IntoView {
    let i18n = use_i18n();
    let l = i18n.get_locale_untracked();
    let name = pick(l, &d.name_uk, &d.name_latin);
    view! {
        <h1 class="text-3xl font-bold text-blue-950">
            {td_string!(l, community_requests_heading, community = name.as_str()).to_string()}
        </h1>
        <p>
            <A href=use_href(links::community(&d.slug)) attr:class="text-blue-800 underline">
                {t!(i18n, ask_back_to, community = name.clone())}
            </A>
        </p>
        <UrlNotice accepted=&[Notice::PairMoved, Notice::MessageSent] />
        <p>{t!(i18n, community_requests_lead)}</p>
        {d
            .cases
            .is_empty()
            .then(|| {
                view! { <p data-testid="no-requests">{t!(i18n, community_requests_none)}</p> }
            })}
        {d
            .cases
            .into_iter()
            .map(|case| {
                let heading = td_string!(l, case_heading, municipality = case.municipality.as_str())
                    .to_string();
                view! {
                    <article
                        class="space-y-4 rounded-lg border border-stone-300 p-4"
                        data-testid="community-request"
                    >
                        <h2 class="text-xl font-semibold">{heading}</h2>
                        <RequestDetails case=case.clone() />
                        {case
                            .pairs
                            .iter()
                            .map(|p| {
                                view! {
                                    <div
                                        class="space-y-3 rounded-lg bg-white p-4"
                                        data-testid="pair"
                                    >
                                        <PairHeader pair=p.clone() />
                                        <MoveForm pair=p.clone() from="community" />
                                    </div>
                                }
                            })
                            .collect_view()}
                        <Thread case=case.clone() from="community" />
                    </article>
                }
            })
            .collect_view()}
    }
}
