//! What the partnerships domain's server functions do: asking for a partner (checked for
//! people, not robots), and following the request through its private link.

use super::mail;
use super::model::{AskForm, Preferences, RequestStatus, MESSAGE_MAX, NEAR_BORDER};
use super::store::{self, NewRequest};
use crate::error::{AppError, Checks, Problem};
use crate::links::{self, Notice};
use crate::municipalities::model::Municipality;
use crate::platform::input::{check_fill_stamp, fill_stamp, text_field};
use crate::platform::mail::{enqueue, link};
use crate::platform::{now, rate_limit, Ctx};
use leptos_i18n::Locale as _;

/// How many municipalities the "find your municipality" step offers.
const CANDIDATES: usize = 8;

/// `PL/krakow` → the directory's Kraków.
async fn directory_place(ctx: &Ctx, place: &str) -> Result<Option<Municipality>, AppError> {
    let Some((country, slug)) = place.split_once('/') else {
        return Ok(None);
    };
    Ok(crate::municipalities::directory(&ctx.state)
        .await?
        .find(country, slug)
        .cloned())
}

/// The most communities a general request attaches.
const LIKED_MAX: usize = 10;

/// The communities of these slugs (comma-separated or one each; unknown ones left out):
/// slug and both names.
async fn liked(
    ctx: &Ctx,
    slugs: &[String],
) -> Result<Vec<(crate::identity::Slug, String, String)>, AppError> {
    let mut out: Vec<(crate::identity::Slug, String, String)> = vec![];
    for s in slugs
        .iter()
        .flat_map(|s| s.split(','))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take(LIKED_MAX)
    {
        if let Ok((slug, code)) = ctx.community(s).await {
            if out.iter().all(|o| o.0 != slug) {
                let (uk, latin) = store::community_names(ctx.db(), &code).await?;
                out.push((slug, uk, latin));
            }
        }
    }
    Ok(out)
}

/// What the request form shows: for the community `slug` (empty: "find us a partner",
/// with the oblasts to prefer and the communities `attach` names), the municipality chosen
/// (`place`), or the directory's best matches for `town` (in `country`, when given).
pub async fn ask_form(
    ctx: &Ctx,
    slug: &str,
    town: &str,
    country: &str,
    place: &str,
    attach: &str,
) -> Result<AskForm, AppError> {
    let (slug, name_uk, name_latin, oblasts, attached) = if slug.is_empty() {
        let oblasts = store::oblasts(ctx.db())
            .await?
            .into_iter()
            .map(|(s, uk, latin)| (s, crate::lang::labels::pick(ctx_locale(ctx), &uk, &latin)))
            .collect();
        let attached = liked(ctx, &[attach.to_string()]).await?;
        (None, String::new(), String::new(), oblasts, attached)
    } else {
        let (slug, code) = ctx.community(slug).await?;
        let (uk, latin) = store::community_names(ctx.db(), &code).await?;
        (Some(slug), uk, latin, vec![], vec![])
    };
    let chosen = directory_place(ctx, place).await?;
    let town: String = town.chars().take(100).collect();
    let candidates = if chosen.is_none() && !town.trim().is_empty() {
        let country = crate::lang::names::country_code(country).unwrap_or("");
        crate::municipalities::directory(&ctx.state)
            .await?
            .search(&town, country, CANDIDATES)
    } else {
        vec![]
    };
    Ok(AskForm {
        slug,
        name_uk,
        name_latin,
        oblasts,
        attached,
        chosen,
        candidates,
        stamp: fill_stamp(ctx.db(), now()).await?,
    })
}

/// The reader's locale, for names picked on the server.
fn ctx_locale(ctx: &Ctx) -> crate::i18n::Locale {
    crate::platform::mail::locale(ctx.lang())
}

/// What the request form sends.
#[derive(Clone, Debug, Default)]
pub struct AskInput {
    /// The community asked; empty for a general request ("find us a partner").
    pub slug: String,
    /// A general request's wishes (ignored for a named one); `liked` holds slugs.
    pub preferences: Preferences,
    /// A directory entry (`PL/krakow`), or empty with `town` and `country` typed.
    pub place: String,
    pub town: String,
    pub country: String,
    pub contact_name: String,
    pub contact_role: String,
    pub email: String,
    pub phone: String,
    pub languages: String,
    pub themes: Vec<String>,
    pub message: String,
    pub consent: bool,
    /// The field people never see.
    pub website: String,
    pub stamp: String,
}

/// A phone number as people write it: digits, spaces and `+ ( ) - . /`, at most 40.
fn phone(value: &str) -> Result<String, AppError> {
    let v = text_field("phone", value, false, 40, false)?;
    let ok = v
        .chars()
        .all(|c| c.is_ascii_digit() || " +()-./".contains(c));
    if !ok || (!v.is_empty() && v.chars().filter(char::is_ascii_digit).count() < 5) {
        return Err(AppError::invalid("phone", Problem::Phone));
    }
    Ok(v)
}

/// "Deutsch, English" → `["de", "en"]`; an unknown name refuses the field.
fn languages(value: &str) -> Result<Vec<String>, AppError> {
    let mut codes: Vec<String> = vec![];
    for part in value
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let code = crate::lang::names::language_code(part)
            .ok_or_else(|| AppError::invalid("languages", Problem::Language))?;
        if !codes.iter().any(|c| c == code) {
            codes.push(code.to_string());
        }
    }
    if codes.is_empty() {
        return Err(AppError::invalid("languages", Problem::Required));
    }
    Ok(codes)
}

/// Asks for a partnership with a named community. Every field is checked at once; then
/// the robots' tells (a hidden field filled, a form sent faster than a person types), the
/// rate limits, and whether this address already has an open request for this community
/// (then it is mailed that request's link again, and no second request is made).
pub async fn ask_partner(ctx: &Ctx, input: &AskInput) -> Result<(), AppError> {
    let named = if input.slug.is_empty() {
        None
    } else {
        Some(ctx.community(&input.slug).await?)
    };
    let mut checks = Checks::default();
    let preferences = if named.is_none() {
        let p = &input.preferences;
        let oblasts = store::oblasts(ctx.db()).await?;
        let one_of = |v: &str, allowed: &[&str]| v.is_empty() || allowed.contains(&v);
        if !(p.region.is_empty()
            || p.region == NEAR_BORDER
            || oblasts.iter().any(|o| o.0 == p.region))
        {
            checks.refuse("region", Problem::Choose);
        }
        let bands: Vec<&str> = crate::catalogue::query::POPULATION_BANDS
            .iter()
            .map(|b| b.0)
            .collect();
        if !one_of(&p.size, &bands) {
            checks.refuse("size", Problem::Choose);
        }
        if !one_of(&p.kind, &["urban", "settlement", "rural"]) {
            checks.refuse("kind", Problem::Choose);
        }
        if !one_of(&p.formality, &["formal", "informal"]) {
            checks.refuse("formality", Problem::Choose);
        }
        if !one_of(&p.travel, &["yes", "no"]) {
            checks.refuse("travel", Problem::Choose);
        }
        let offer = checks.field(text_field("offer", &p.offer, false, 2000, true))?;
        let slugs: Vec<String> = p.liked.iter().map(|s| s.to_string()).collect();
        Preferences {
            offer,
            liked: liked(ctx, &slugs).await?.into_iter().map(|l| l.0).collect(),
            ..p.clone()
        }
    } else {
        Preferences::default()
    };
    let place = directory_place(ctx, &input.place).await?;
    let (country, municipality_slug, municipality) = match &place {
        Some(m) => (m.country.clone(), Some(m.slug.clone()), m.name.clone()),
        None => {
            let town = checks.field(text_field("town", &input.town, false, 200, false))?;
            let country = crate::lang::names::country_code(&input.country).unwrap_or_default();
            if town.is_empty() {
                checks.refuse("town", Problem::Choose);
            }
            if country.is_empty() {
                checks.refuse("country", Problem::Country);
            }
            (country.to_string(), None, town)
        }
    };
    let contact_name = checks.field(text_field(
        "contact_name",
        &input.contact_name,
        true,
        200,
        false,
    ))?;
    let contact_role = checks.field(text_field(
        "contact_role",
        &input.contact_role,
        true,
        200,
        false,
    ))?;
    let email = checks.field(crate::accounts::model::normalize_email(&input.email))?;
    let phone = checks.field(phone(&input.phone))?;
    let languages = checks.field(languages(&input.languages))?;
    let message = checks.field(text_field(
        "message",
        &input.message,
        true,
        MESSAGE_MAX,
        true,
    ))?;
    if !input.consent {
        checks.refuse("consent", Problem::Consent);
    }
    checks.done()?;
    if !input.website.trim().is_empty() {
        return Err(AppError::invalid("message", Problem::Automated));
    }
    check_fill_stamp(ctx.db(), &input.stamp, now()).await?;
    rate_limit::hit(
        ctx.db(),
        &format!("ask-ip:{}", ctx.network()),
        rate_limit::REQUESTS_PER_ADDRESS,
    )
    .await?;
    rate_limit::hit(
        ctx.db(),
        &format!("ask-email:{email}"),
        rate_limit::REQUESTS_PER_EMAIL,
    )
    .await?;
    let lang = ctx.lang();
    let code = named.as_ref().map(|n| n.1.clone());
    // The community's name in a language, or "a partner community" for a general request.
    let community_in = |lang: &'static str| {
        let code = code.clone();
        async move {
            match code {
                Some(c) => Ok::<String, AppError>(
                    crate::claims::store::community_name(ctx.db(), &c, lang)
                        .await?
                        .0,
                ),
                None => Ok(crate::i18n::td_string!(
                    crate::platform::mail::locale(lang),
                    general_partner
                )
                .to_string()),
            }
        }
    };
    let community_name = community_in(lang).await?;
    let back = match &named {
        Some((slug, _)) => links::partner_request(slug),
        None => links::FIND_PARTNER.to_string(),
    };
    // The same person asking again: the request they have, not a second one. Its link goes
    // to the address (never to this browser: whoever typed the address may not own it).
    if let Some(existing) = store::open_request_of(ctx.db(), &email, code.as_ref()).await? {
        let token = store::new_link(ctx.db(), &existing).await?;
        let m = mail::request_again(
            lang,
            &community_name,
            &link(&ctx.state.settings, lang, &links::request_status(&token)),
        );
        enqueue(ctx.db(), &email, &m).await?;
        ctx.state.mailer.wake();
        ctx.redirect(&Notice::RequestExists.on(&back));
        return Ok(());
    }
    let themes: Vec<String> = input
        .themes
        .iter()
        .filter(|t| crate::profiles::model::Theme::from_key(t).is_some())
        .cloned()
        .collect();
    let (id, token) = store::file(
        ctx.db(),
        &NewRequest {
            community: code.clone(),
            preferences: serde_json::to_string(&preferences).map_err(AppError::internal)?,
            country,
            municipality_slug,
            municipality: municipality.clone(),
            contact_name,
            contact_role,
            email: email.clone(),
            phone,
            languages,
            themes,
            message,
            lang: lang.to_string(),
        },
    )
    .await?;
    ctx.audit(
        None,
        crate::platform::audit::AuditAction::PartnershipRequested,
        code.as_ref().map_or("", |c| c.as_str()),
        &id,
    )
    .await;
    let m = mail::request_received(
        lang,
        &community_name,
        &link(&ctx.state.settings, lang, &links::request_status(&token)),
    );
    enqueue(ctx.db(), &email, &m).await?;
    for (to, their_lang) in crate::claims::store::coordinators(ctx.db()).await? {
        let l = crate::platform::mail::locale(&their_lang);
        let name = community_in(l.as_str()).await?;
        let m = mail::request_waiting(
            &their_lang,
            &name,
            &municipality,
            &link(&ctx.state.settings, &their_lang, &links::desk_case(&id)),
        );
        enqueue(ctx.db(), &to, &m).await?;
    }
    // The community's editors answer a request made to them.
    if let Some((slug, code)) = &named {
        for (to, their_lang) in store::community_editors(ctx.db(), code).await? {
            let l = crate::platform::mail::locale(&their_lang);
            let name = community_in(l.as_str()).await?;
            let m = mail::editors_asked(
                &their_lang,
                &name,
                &municipality,
                &link(
                    &ctx.state.settings,
                    &their_lang,
                    &links::community_requests(slug),
                ),
            );
            enqueue(ctx.db(), &to, &m).await?;
        }
    }
    ctx.state.mailer.wake();
    ctx.redirect(&Notice::RequestSent.on(&back));
    Ok(())
}

/// The request behind a private link.
pub async fn request_status(ctx: &Ctx, token: &str) -> Result<RequestStatus, AppError> {
    let by = ctx.requester(token).await?;
    Ok(store::status(ctx.db(), &by).await?)
}

/// The requester writes into the conversation; coordinators are told (without the text:
/// it may hold personal data).
pub async fn write_message(ctx: &Ctx, token: &str, body: &str) -> Result<(), AppError> {
    let by = ctx.requester(token).await?;
    let body = text_field("body", body, true, MESSAGE_MAX, true)?;
    let (municipality, closed) = store::headline(ctx.db(), &by).await?;
    if closed {
        return Err(AppError::Forbidden);
    }
    rate_limit::hit(
        ctx.db(),
        &format!("thread:{}", by.request()),
        rate_limit::MESSAGES_PER_REQUEST,
    )
    .await?;
    store::add_requester_message(ctx.db(), &by, &body).await?;
    for (to, lang) in crate::claims::store::coordinators(ctx.db()).await? {
        let m = mail::new_message(
            &lang,
            &municipality,
            &link(&ctx.state.settings, &lang, &links::desk_case(by.request())),
        );
        enqueue(ctx.db(), &to, &m).await?;
    }
    for (_, to, lang, slug) in store::thread_editors(ctx.db(), by.request()).await? {
        let url = link(
            &ctx.state.settings,
            &lang,
            &links::community_requests(&slug),
        );
        enqueue(
            ctx.db(),
            &to,
            &mail::new_message(&lang, &municipality, &url),
        )
        .await?;
    }
    ctx.state.mailer.wake();
    ctx.redirect(&Notice::MessageSent.on(&links::request_status(token)));
    Ok(())
}

/// The requester takes the request back (a note optional); coordinators are told.
pub async fn withdraw(ctx: &Ctx, token: &str, note: &str) -> Result<(), AppError> {
    let by = ctx.requester(token).await?;
    let note = text_field("note", note, false, 1000, true)?;
    let (municipality, _) = store::headline(ctx.db(), &by).await?;
    let moved = store::withdraw(ctx.db(), &by, &note).await?;
    if !moved.is_empty() {
        ctx.audit(
            None,
            crate::platform::audit::AuditAction::PartnershipWithdrawn,
            moved[0].as_str(),
            by.request(),
        )
        .await;
        for (to, lang) in crate::claims::store::coordinators(ctx.db()).await? {
            let m = mail::withdrawn(
                &lang,
                &municipality,
                &link(&ctx.state.settings, &lang, &links::desk_case(by.request())),
            );
            enqueue(ctx.db(), &to, &m).await?;
        }
        ctx.state.mailer.wake();
    }
    ctx.redirect(&Notice::Withdrawn.on(&links::request_status(token)));
    Ok(())
}

/// At the requester's wish: the request is withdrawn and their personal data deleted now.
pub async fn forget(ctx: &Ctx, token: &str) -> Result<(), AppError> {
    let by = ctx.requester(token).await?;
    let moved = store::forget(ctx.db(), &by).await?;
    ctx.audit(
        None,
        crate::platform::audit::AuditAction::PartnershipForgotten,
        moved.first().map(|c| c.as_str()).unwrap_or(""),
        by.request(),
    )
    .await;
    ctx.redirect(&Notice::RequestForgotten.on(links::PRIVACY));
    Ok(())
}

/// The retention clean-up: requests closed longer than the settings' period lose their
/// requester's personal data. Returns how many did.
pub async fn apply_retention(
    db: &crate::platform::db::Db,
    settings: &crate::platform::config::Settings,
    t: i64,
) -> Result<u64, sqlx::Error> {
    let before = t - settings.requests.retention_days.max(1) * 24 * 3600;
    store::anonymise_closed_before(db, before, t).await
}

/// Runs the retention clean-up hourly for the life of the server (every instance may: a
/// request blanked twice is blanked once).
pub fn spawn_retention(
    db: crate::platform::db::Db,
    settings: std::sync::Arc<crate::platform::config::Settings>,
) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(crate::platform::cleanup::EVERY);
        loop {
            tick.tick().await;
            match apply_retention(&db, &settings, now()).await {
                Ok(n) => tracing::info!(anonymised = n, "request retention applied"),
                Err(e) => tracing::error!(error = %e, "request retention failed"),
            }
        }
    });
}
