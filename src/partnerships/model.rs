//! The partnerships domain's shared types: what the request form needs, and a request as
//! its requester follows it through the private link.

use super::stage::Stage;
use crate::identity::Slug;
use crate::municipalities::model::Municipality;
use serde::{Deserialize, Serialize};

/// The longest message of a request or of its conversation.
pub const MESSAGE_MAX: usize = 3000;

/// What the request form shows: the community asked (none for "find us a partner"), the
/// municipality chosen so far (or the candidates for what was typed), and the stamp that
/// times the fill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AskForm {
    /// The community asked; `None` for a general request.
    pub slug: Option<Slug>,
    pub name_uk: String,
    pub name_latin: String,
    /// The oblasts a general request may prefer: (slug, name in the reader's script).
    pub oblasts: Vec<(String, String)>,
    /// Communities from the catalogue the requester liked (`?attach=`): slug and names.
    pub attached: Vec<(Slug, String, String)>,
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
    /// A coordinators' note (only coordinators see these).
    #[serde(default)]
    pub internal: bool,
    /// requester, editor or coordinator.
    pub author: String,
    /// The writer's name (the requester's own, an editor's or a coordinator's).
    pub name: String,
    pub body: String,
    pub at: i64,
}

/// What a general request ("find us a partner") wishes for; every field may be left open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// An oblast's slug, [`NEAR_BORDER`], or empty.
    pub region: String,
    /// A catalogue population band (`catalogue::query::POPULATION_BANDS`), or empty.
    pub size: String,
    /// urban, settlement, rural, or empty.
    pub kind: String,
    /// What the municipality can offer, in its own words.
    pub offer: String,
    /// formal, informal, or empty (either).
    pub formality: String,
    /// yes, no, or empty (not known yet): whether delegations can travel.
    pub travel: String,
    /// Communities of the catalogue the requester liked.
    pub liked: Vec<Slug>,
}

/// The region preference "near the border with us".
pub const NEAR_BORDER: &str = "border";

/// The oblasts bordering a European country (by slug): what "near the border with us"
/// means for a requester from it; western Ukraine for countries without a common border.
pub fn border_oblasts(country: &str) -> &'static [&'static str] {
    match country {
        "PL" => &["volynska", "lvivska"],
        "SK" => &["zakarpatska"],
        "HU" => &["zakarpatska"],
        "RO" => &["zakarpatska", "ivano-frankivska", "chernivetska", "odeska"],
        "MD" => &["chernivetska", "vinnytska", "odeska"],
        _ => &[
            "volynska",
            "lvivska",
            "zakarpatska",
            "ivano-frankivska",
            "chernivetska",
        ],
    }
}

/// Pairs with no activity for this long are quiet.
pub const QUIET_DAYS: i64 = 30;

/// The partnership types a signed agreement is recorded as.
pub const PARTNERSHIP_KINDS: [&str; 5] = [
    "twinning",
    "cooperation",
    "solidarity",
    "memorandum",
    "informal",
];

/// What the coordinators' desk is filtered by (all of it in the URL; empty: any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeskFilter {
    /// A stage's key.
    pub stage: String,
    /// The partner's country (ISO 3166-1 alpha-2).
    pub country: String,
    /// An oblast's slug.
    pub oblast: String,
    /// A theme's key.
    pub theme: String,
    /// An assigned coordinator's id, or `none` for unassigned.
    pub coordinator: String,
    /// Asked more than this many days ago.
    pub older: String,
    /// `1`: only quiet pairs.
    pub quiet: String,
    /// `board` for the board by stage; the table otherwise.
    pub view: String,
}

/// One line of the desk: a pair, or a general request not yet introduced to anyone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskRow {
    pub request: String,
    /// `None` for a general request without pairs yet.
    pub pair: Option<String>,
    pub municipality: String,
    pub country: String,
    /// The community (slug and both names), when there is a pair.
    pub community: Option<(Slug, String, String)>,
    pub oblast_uk: String,
    pub oblast_latin: String,
    pub stage: Stage,
    /// The assigned coordinator's name.
    pub assigned: Option<String>,
    pub created_at: i64,
    pub last_activity_at: i64,
    pub quiet: bool,
    pub general: bool,
}

/// The coordinators' desk: the rows the filter keeps, and what the filter form offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub rows: Vec<DeskRow>,
    /// Coordinators and admins: (id, name).
    pub coordinators: Vec<(String, String)>,
    /// The partner countries of all requests.
    pub countries: Vec<String>,
    /// The oblasts of all paired communities: (slug, name_uk, name_latin).
    pub oblasts: Vec<(String, String, String)>,
}

/// A pair as the coordinators' case page and the community's editors see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CasePair {
    pub id: String,
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    pub stage: Stage,
    /// Whether the community has editors on the platform to answer.
    pub has_editors: bool,
    pub reached_outside: bool,
    pub quiet: bool,
    pub events: Vec<EventView>,
    /// Where the viewer may move the pair.
    pub moves: Vec<Stage>,
}

/// A request with everything its coordinators or its community's editors may see.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub id: String,
    pub municipality: String,
    pub country: String,
    /// The directory entry (`PL/krakow`), when the municipality is in it.
    pub place: Option<String>,
    pub contact_name: String,
    pub contact_role: String,
    pub email: String,
    pub phone: String,
    pub languages: Vec<String>,
    pub themes: Vec<String>,
    pub message: String,
    pub preferences: Preferences,
    pub general: bool,
    pub created_at: i64,
    pub closed: bool,
    /// The requester had their data deleted.
    pub anonymised: bool,
    pub assigned_to: Option<String>,
    pub pairs: Vec<CasePair>,
    /// Internal notes included for coordinators.
    pub messages: Vec<MessageView>,
    /// Whether the viewer is a coordinator (internal notes, assignment, introductions).
    pub coordinator: bool,
    /// Coordinators and admins: (id, name).
    pub coordinators: Vec<(String, String)>,
}

/// The requests a community's editors answer: one case per pair with the community.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommunityRequests {
    pub slug: Slug,
    pub name_uk: String,
    pub name_latin: String,
    pub cases: Vec<Case>,
}

/// A request as the coordinators' case page shows it: the case, and the shortlist search
/// (pre-filled from a general request's preferences) with what it found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub case: Case,
    pub shortlist: crate::catalogue::query::CatalogueQuery,
    pub found: crate::catalogue::query::CatalogueResult,
}

/// A partnership of the registry as the open data gives it: both sides by their keys
/// (KATOTTG code; country, directory slug and GeoNames id), the type, themes, since when,
/// its state, how it came to be and the record's source. No personal data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnershipRecord {
    pub id: String,
    pub community_code: crate::identity::CommunityCode,
    pub community_slug: Slug,
    pub community_uk: String,
    pub community_latin: String,
    /// The community's oblast (slug).
    pub oblast: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub municipality_slug: Option<String>,
    pub municipality: String,
    pub geonameid: Option<i64>,
    /// One of [`PARTNERSHIP_KINDS`].
    pub kind: String,
    pub themes: Vec<String>,
    /// Since when (Unix seconds): the agreement's signing, or the first of January of the
    /// start year a list gives; none when the record has no date.
    pub since: Option<i64>,
    /// How precise `since` is: day, year or unknown.
    pub since_precision: String,
    /// active, dormant, ended.
    pub state: String,
    /// pipeline, imported, manual.
    pub origin: String,
    pub source: String,
    /// A part of the Ukrainian side the record names (a city district, a village).
    #[serde(default)]
    pub community_part: String,
    /// A part of the European side (a district, a rural gmina's seat).
    #[serde(default)]
    pub partner_part: String,
    /// The last joint action's date, or when the record was made (Unix seconds).
    pub last_activity: i64,
}

/// A partnership without a joint action for this long is flagged "dormant?".
pub const DORMANT_AFTER_DAYS: i64 = 365;

/// Active partnerships without a joint action for [`DORMANT_AFTER_DAYS`]: the first ones,
/// longest quiet first, and how many there are (the coordinators' queue).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuietPartnerships {
    pub shown: Vec<PartnershipRecord>,
    pub total: i64,
}

/// Whether a partnership in `state`, last active at `last_activity`, looks asleep at `now`:
/// marked dormant, or active without a joint action for [`DORMANT_AFTER_DAYS`] (the registry's
/// "dormant?" and the statistics' count).
pub fn looks_dormant(state: &str, last_activity: i64, now: i64) -> bool {
    state == "dormant" || state == "active" && last_activity < now - DORMANT_AFTER_DAYS * 86_400
}

impl PartnershipRecord {
    /// Whether the partnership looks asleep at `now`: marked dormant, or active without a
    /// joint action for [`DORMANT_AFTER_DAYS`].
    pub fn dormant(&self, now: i64) -> bool {
        looks_dormant(&self.state, self.last_activity, now)
    }

    /// The start as the record knows it: a date, a year, or nothing.
    pub fn since_text(&self) -> String {
        match (self.since, self.since_precision.as_str()) {
            (Some(t), "year") => crate::lang::labels::utc_date(t)[..4].to_string(),
            (Some(t), _) => crate::lang::labels::utc_date(t),
            (None, _) => String::new(),
        }
    }
}

/// The kinds of joint action a partnership's activity log records.
pub const ACTIVITY_KINDS: [&str; 6] = [
    "aid_delivery",
    "visit",
    "joint_project",
    "grant_application",
    "exchange",
    "event",
];

/// One joint action of a partnership.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    /// Its date (Unix seconds, midnight UTC).
    pub on: i64,
    /// One of [`ACTIVITY_KINDS`].
    pub kind: String,
    pub text: String,
    /// In euros, when it has an amount.
    pub amount_eur: Option<i64>,
}

/// A partnership's page: the record, its activity log, and whether the reader may add to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PartnershipView {
    pub record: PartnershipRecord,
    pub activities: Vec<Activity>,
    pub dormant: bool,
    pub may_add: bool,
}

/// One end of a line on the registry's map: the community and the partner's positions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapLine {
    pub id: String,
    pub from: (f64, f64),
    pub to: (f64, f64),
    pub label: String,
}

/// A page of the registry: the partnerships, how many in all, the map's lines, and the
/// values the filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistryPage {
    pub items: Vec<PartnershipRecord>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub lines: Vec<MapLine>,
    pub countries: Vec<String>,
    /// (slug, Ukrainian name, Latin name).
    pub oblasts: Vec<(String, String, String)>,
    pub years: Vec<i64>,
    pub now: i64,
}

/// The registry's sort orders (URL values).
pub const REGISTRY_SORTS: [&str; 4] = ["newest", "oldest", "community", "country"];

/// What the registry's list is filtered by (empty: any).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistryFilter {
    pub country: String,
    pub oblast: String,
    pub kind: String,
    pub state: String,
    pub origin: String,
    pub theme: String,
    /// The start year ("2023"); empty: any.
    pub year: String,
    /// One of [`REGISTRY_SORTS`]; empty: newest.
    pub sort: String,
    /// The page (1 when empty).
    pub page: String,
}

impl RegistryFilter {
    /// The URL parameters of a filter, in their order.
    pub const PARAMS: [&'static str; 9] = [
        "country", "oblast", "kind", "theme", "state", "origin", "year", "sort", "page",
    ];

    /// The filter an address asks for: each parameter by `get`, cut to 100 characters (keys,
    /// codes and years are short).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Self {
        let v = |k: &str| {
            get(k)
                .unwrap_or_default()
                .chars()
                .take(100)
                .collect::<String>()
        };
        RegistryFilter {
            country: v("country"),
            oblast: v("oblast"),
            kind: v("kind"),
            theme: v("theme"),
            state: v("state"),
            origin: v("origin"),
            year: v("year"),
            sort: v("sort"),
            page: v("page"),
        }
    }

    /// The filter as URL parameters (`page` replaced by `page`; none for page 1).
    pub fn query(&self, page: i64) -> String {
        let values = [
            &self.country,
            &self.oblast,
            &self.kind,
            &self.theme,
            &self.state,
            &self.origin,
            &self.year,
            &self.sort,
        ];
        let mut q: Vec<String> = Self::PARAMS
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", crate::links::encode(v)))
            .collect();
        if page > 1 {
            q.push(format!("page={page}"));
        }
        q.join("&")
    }
}

/// One row of an import's dry run as the import page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The row's line in the file.
    pub row: usize,
    /// matched, ambiguous, rejected.
    pub status: String,
    /// The reason's key (see `import::Reason::key`), if any.
    pub reason: String,
    /// The two sides as the file writes them.
    pub written: (String, String),
    /// The two sides as matched (empty where not): the community's Ukrainian and Latin
    /// names, each side's part.
    pub community: (String, String),
    pub community_part: String,
    pub partner: String,
    pub partner_part: String,
    /// The candidates to choose from: (value, label) for the community and the partner.
    pub community_candidates: Vec<(String, String)>,
    pub partner_candidates: Vec<(String, String)>,
}

/// An uploaded list waiting for its confirmation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: String,
    pub file_name: String,
    pub rows: Vec<ImportRow>,
}

/// One bar of a chart: its key (a country code, an oblast slug, a month, a stage, a band),
/// and its value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub key: String,
    /// The key's label in Ukrainian and in Latin script where it has both (oblasts); empty
    /// where the page names it itself.
    pub uk: String,
    pub latin: String,
    pub value: i64,
    /// Of how many (a population band's communities; a stage's previous stage), if it is a
    /// share.
    pub of: Option<i64>,
}

/// The statistics `/stats` shows, each chart's data as its CSV gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// Partnerships by partner country, most first.
    pub countries: Vec<Bar>,
    /// Partnerships by oblast, most first.
    pub oblasts: Vec<Bar>,
    /// New partnerships per month (those with a day's date), the last 24 months.
    pub months: Vec<Bar>,
    /// Pairs that reached each stage of the pipeline (`of`: the previous stage's count).
    pub funnel: Vec<Bar>,
    /// Median days from a request to its introduction, and from introduction to agreement.
    pub median_days_to_introduction: Option<f64>,
    pub median_days_to_agreement: Option<f64>,
    /// Communities with a partnership in each population band (`of`: the band's communities).
    pub bands: Vec<Bar>,
    /// Partnerships active, dormant ("dormant?" included) and ended.
    pub states: Vec<Bar>,
}

/// The charts of `/stats`, each with its CSV at `/api/v1/stats/{chart}.csv`.
pub const STATS_CHARTS: [&str; 6] = [
    "countries",
    "oblasts",
    "months",
    "funnel",
    "bands",
    "states",
];

impl Stats {
    /// A chart's bars by its key.
    pub fn chart(&self, key: &str) -> Option<&[Bar]> {
        Some(match key {
            "countries" => &self.countries,
            "oblasts" => &self.oblasts,
            "months" => &self.months,
            "funnel" => &self.funnel,
            "bands" => &self.bands,
            "states" => &self.states,
            _ => return None,
        })
    }
}

/// The home page's counters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counters {
    pub partnerships: i64,
    pub communities: i64,
    pub countries: i64,
    /// The share (per cent) of communities under 10,000 inhabitants with a partnership, and
    /// of those with 50,000 or more.
    pub small_share: f64,
    pub large_share: f64,
}
