//! The business card as a flat form: one named field per value, so the same editor works as a
//! plain HTML form (no JavaScript) and in the browser, and drafts and conflicts compare field
//! by field. [`to_fields`] and [`from_fields`] are inverse for every valid card; the checks
//! here run in the browser as the editor types and again on the server before anything is
//! saved. The fields' names and kinds are typed in [`keys`].

pub mod keys;

use crate::error::Problem;
use crate::lang::names;
use crate::profiles::model::*;
use keys::{
    FactName, FactPart, FieldKey, FieldKind, Lang, LongText, NamePart, OfferPart, PartnerPart,
    PersonPart, ProjectPart, Who,
};
use std::collections::BTreeMap;

/// Field name → value, as a form posts them.
pub type Fields = BTreeMap<String, String>;

/// Rows of each list the editor offers (existing rows and one empty one, up to this).
pub const MAX_ROWS: usize = 20;
/// Languages of the texts in lists (titles, descriptions, roles, notes) shown first; the
/// others are one click away. Every text may be written in any of the six languages.
pub const LIST_LANGS: [Lang; 2] = ["uk", "en"];
pub const OTHER_LANGS: [Lang; 4] = ["pl", "de", "fr", "sv"];

pub const SHORT_MAX: usize = 200;
pub const LONG_MAX: usize = 5000;
const ANY_MAX: usize = 10_000;
/// Most fields a draft may hold (the form has fewer).
pub const MAX_FIELDS: usize = 1200;

/// Why a field was refused: (field name, problem).
pub type FieldError = (String, Problem);

/// Fills the form while the card is read out.
struct Writer(Fields);

impl Writer {
    fn put(&mut self, key: FieldKey, v: impl Into<String>) {
        let v = v.into();
        if !v.is_empty() {
            self.0.insert(key.name(), v);
        }
    }

    fn text(&mut self, key: impl Fn(Lang) -> FieldKey, t: &Text) {
        for l in LANGUAGES {
            if let Some(v) = t.0.get(l) {
                self.put(key(l), v.clone());
            }
        }
    }

    fn fact<T: ToString>(&mut self, name: FactName, f: &Option<Fact<T>>) {
        if let Some(f) = f {
            self.put(FieldKey::Fact(name, FactPart::Value), f.value.to_string());
            self.put(FieldKey::Fact(name, FactPart::Source), f.source.clone());
            self.put(FieldKey::Fact(name, FactPart::Date), f.date.clone());
        }
    }

    fn person(&mut self, who: Who, p: &Person) {
        let k = |part| FieldKey::Person(who, part);
        self.put(k(PersonPart::Name), p.name.clone());
        self.text(|l| k(PersonPart::Role(l)), &p.role);
        self.put(k(PersonPart::Email), p.email.clone().unwrap_or_default());
        self.put(k(PersonPart::Phone), p.phone.clone().unwrap_or_default());
        self.put(k(PersonPart::Languages), p.languages.join(", "));
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        ""
    }
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

/// The card as form fields (empty values are left out).
pub fn to_fields(p: &Profile) -> Fields {
    use FieldKey as K;
    let mut w = Writer(Fields::new());
    w.put(K::Website, p.website.clone().unwrap_or_default());
    w.put(
        K::Situation,
        p.situation.map(|s| s.key()).unwrap_or_default(),
    );
    w.put(K::CanHostDelegation, yes_no(p.can_host_delegation));
    w.put(K::NeedsInterpreting, yes_no(p.needs_interpreting));
    w.fact(FactName::Population, &p.population);
    w.fact(FactName::Area, &p.area_km2);
    w.fact(FactName::Idps, &p.idps);
    w.fact(FactName::Budget, &p.budget_per_resident_uah);
    if let Some(h) = &p.head {
        w.person(Who::Head, h);
    }
    for (i, c) in p.contacts.iter().enumerate() {
        w.person(Who::Contact(i), c);
    }
    for (i, n) in p.other_names.iter().enumerate() {
        w.put(K::OtherName(i, NamePart::Name), n.name.clone());
        w.put(
            K::OtherName(i, NamePart::Lang),
            n.lang.clone().unwrap_or_default(),
        );
        w.put(K::OtherName(i, NamePart::Historic), yes(n.historic));
    }
    for (i, o) in p.offers.iter().enumerate() {
        w.put(K::Offer(i, OfferPart::Theme), o.theme.key());
        w.text(|l| K::Offer(i, OfferPart::Title(l)), &o.title);
        w.text(|l| K::Offer(i, OfferPart::Text(l)), &o.text);
    }
    for (i, x) in p.projects.iter().enumerate() {
        w.put(K::Project(i, ProjectPart::Theme), x.theme.key());
        w.put(K::Project(i, ProjectPart::Status), x.status.key());
        w.text(|l| K::Project(i, ProjectPart::Title(l)), &x.title);
        w.text(
            |l| K::Project(i, ProjectPart::Description(l)),
            &x.description,
        );
        w.put(
            K::Project(i, ProjectPart::BudgetEur),
            x.budget_eur.map(|b| b.to_string()).unwrap_or_default(),
        );
        w.put(K::Project(i, ProjectPart::Urgent), yes(x.urgent));
    }
    for (i, x) in p.partners.iter().enumerate() {
        w.put(K::Partner(i, PartnerPart::Name), x.name.clone());
        w.put(K::Partner(i, PartnerPart::Country), x.country.clone());
        w.put(
            K::Partner(i, PartnerPart::Since),
            x.since.map(|y| y.to_string()).unwrap_or_default(),
        );
        w.put(K::Partner(i, PartnerPart::Kind), x.kind.key());
    }
    w.put(K::SeekingActive, yes(p.seeking.active));
    w.put(K::SeekingCountries, p.seeking.countries.join(", "));
    for t in &p.seeking.themes {
        w.put(K::SeekingTheme(*t), "yes");
    }
    w.put(
        K::SeekingFormal,
        match p.seeking.formal {
            Some(true) => "formal",
            Some(false) => "informal",
            None => "",
        },
    );
    w.text(|l| K::Long(LongText::About, l), &p.about);
    w.text(|l| K::Long(LongText::WhyPartner, l), &p.why_partner);
    w.text(|l| K::Long(LongText::Economy, l), &p.economy);
    w.text(K::SeekingNote, &p.seeking.note);
    w.0
}

/// The limit and shape of one field, checked as the editor types and before saving.
/// Unknown field names have no problem here ([`from_fields`] ignores them).
pub fn check_field(name: &str, value: &str) -> Option<Problem> {
    let kind = FieldKey::parse(name)?.kind();
    let v = value.trim();
    let max = if kind == FieldKind::Long {
        LONG_MAX
    } else {
        SHORT_MAX
    };
    if v.chars().count() > max {
        return Some(Problem::TooLong { max });
    }
    if v.is_empty() {
        return None;
    }
    match kind {
        FieldKind::Url if !(v.starts_with("https://") || v.starts_with("http://")) => {
            Some(Problem::Url)
        }
        FieldKind::Email
            if !(v.contains('@') && v.rsplit('@').next().is_some_and(|d| d.contains('.'))) =>
        {
            Some(Problem::Email)
        }
        FieldKind::FactDate if !is_fact_date(v) => Some(Problem::Date),
        FieldKind::FactDate if v > crate::lang::labels::today().as_str() => {
            Some(Problem::FutureDate)
        }
        FieldKind::Decimal { max } => match v.replace(',', ".").parse::<f64>() {
            Ok(x) if (0.0..max as f64).contains(&x) => None,
            _ => Some(Problem::Decimal { max }),
        },
        FieldKind::Integer { min, max } => match parse_int(v) {
            Some(x) if (min..=max).contains(&x) => None,
            _ => Some(Problem::Number { min, max }),
        },
        FieldKind::Country if names::country_code(v).is_none() => Some(Problem::Country),
        FieldKind::Countries if list(v).iter().any(|c| names::country_code(c).is_none()) => {
            Some(Problem::Country)
        }
        FieldKind::Languages if list(v).iter().any(|c| names::language_code(c).is_none()) => {
            Some(Problem::Language)
        }
        _ => None,
    }
}

fn parse_int(v: &str) -> Option<i64> {
    v.replace([' ', '\u{a0}'], "").parse::<i64>().ok()
}

/// `2024`, `2024-01` or `2024-01-31`.
fn is_fact_date(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    let month = |m: &str| digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0));
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && month(m),
        [y, m, d] => {
            digits(y, 4)
                && month(m)
                && digits(d, 2)
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
        }
        _ => false,
    }
}

fn clean(v: &str, multiline: bool) -> String {
    v.trim()
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || (multiline && *c == '\n'))
        .collect()
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The codes a list of names or codes means, each once, in the order given.
fn codes(v: &str, code: fn(&str) -> Option<&'static str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in list(v).iter().filter_map(|c| code(c)) {
        if !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    out
}

/// Reads the card out of the form.
struct Reader<'a>(&'a Fields);

impl Reader<'_> {
    fn get(&self, k: FieldKey) -> String {
        self.0
            .get(&k.name())
            .map(|v| clean(v, k.kind() == FieldKind::Long))
            .unwrap_or_default()
    }

    fn opt(&self, k: FieldKey) -> Option<String> {
        Some(self.get(k)).filter(|v| !v.is_empty())
    }

    fn flag(&self, k: FieldKey) -> bool {
        self.get(k) == "yes"
    }

    fn tri(&self, k: FieldKey) -> Option<bool> {
        match self.get(k).as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    fn int(&self, k: FieldKey) -> Option<i64> {
        parse_int(&self.get(k))
    }

    fn text(&self, key: impl Fn(Lang) -> FieldKey) -> Text {
        Text(
            LANGUAGES
                .iter()
                .filter_map(|l| {
                    let v = self.get(key(l));
                    (!v.is_empty()).then(|| (l.to_string(), v))
                })
                .collect(),
        )
    }

    fn theme(&self, k: FieldKey) -> Result<Theme, FieldError> {
        Theme::from_key(&self.get(k)).ok_or_else(|| (k.name(), Problem::Required))
    }

    /// A fact's source and date, required once it has a value.
    fn fact<T>(&self, name: FactName, value: Option<T>) -> Result<Option<Fact<T>>, FieldError> {
        let Some(value) = value else {
            return Ok(None);
        };
        let source = self.get(FieldKey::Fact(name, FactPart::Source));
        if source.is_empty() {
            return Err((
                FieldKey::Fact(name, FactPart::Source).name(),
                Problem::Required,
            ));
        }
        let date = self.get(FieldKey::Fact(name, FactPart::Date));
        if date.is_empty() {
            return Err((FieldKey::Fact(name, FactPart::Date).name(), Problem::Date));
        }
        Ok(Some(Fact {
            value,
            source,
            date,
        }))
    }

    fn int_fact(&self, name: FactName) -> Result<Option<Fact<i64>>, FieldError> {
        self.fact(name, self.int(FieldKey::Fact(name, FactPart::Value)))
    }

    fn person(&self, who: Who) -> Option<Person> {
        let k = |part| FieldKey::Person(who, part);
        let p = Person {
            name: self.get(k(PersonPart::Name)),
            role: self.text(|l| k(PersonPart::Role(l))),
            email: self.opt(k(PersonPart::Email)).map(|e| e.to_lowercase()),
            phone: self.opt(k(PersonPart::Phone)),
            languages: codes(&self.get(k(PersonPart::Languages)), names::language_code),
        };
        (p != Person::default()).then_some(p)
    }
}

/// The card these fields describe; images come from `base` (they are uploaded apart). The
/// first problem found is returned with its field's name.
pub fn from_fields(f: &Fields, base: &Profile) -> Result<Profile, FieldError> {
    use FieldKey as K;
    if f.len() > MAX_FIELDS {
        return Err(("form".into(), Problem::TooLong { max: MAX_FIELDS }));
    }
    for (k, v) in f {
        if v.chars().count() > ANY_MAX {
            return Err((k.clone(), Problem::TooLong { max: LONG_MAX }));
        }
        if let Some(problem) = check_field(k, v) {
            return Err((k.clone(), problem));
        }
    }
    let r = Reader(f);
    let area = r
        .get(K::Fact(FactName::Area, FactPart::Value))
        .replace(',', ".")
        .parse::<f64>()
        .ok();
    let mut contacts = Vec::new();
    let mut offers = Vec::new();
    let mut projects = Vec::new();
    let mut partners = Vec::new();
    let mut other_names = Vec::new();
    for i in 0..MAX_ROWS {
        contacts.extend(r.person(Who::Contact(i)));
        let title = r.text(|l| K::Offer(i, OfferPart::Title(l)));
        if !title.is_empty() {
            offers.push(Offer {
                theme: r.theme(K::Offer(i, OfferPart::Theme))?,
                title,
                text: r.text(|l| K::Offer(i, OfferPart::Text(l))),
            });
        }
        let title = r.text(|l| K::Project(i, ProjectPart::Title(l)));
        if !title.is_empty() {
            projects.push(Project {
                title,
                theme: r.theme(K::Project(i, ProjectPart::Theme))?,
                description: r.text(|l| K::Project(i, ProjectPart::Description(l))),
                budget_eur: r.int(K::Project(i, ProjectPart::BudgetEur)),
                status: ProjectStatus::from_key(&r.get(K::Project(i, ProjectPart::Status)))
                    .unwrap_or(ProjectStatus::Planned),
                urgent: r.flag(K::Project(i, ProjectPart::Urgent)),
            });
        }
        let name = r.get(K::Partner(i, PartnerPart::Name));
        if !name.is_empty() {
            let typed = r.get(K::Partner(i, PartnerPart::Country));
            let country = names::country_code(&typed).unwrap_or_default().to_string();
            if country.is_empty() {
                return Err((
                    K::Partner(i, PartnerPart::Country).name(),
                    Problem::Required,
                ));
            }
            partners.push(Partner {
                name,
                country,
                since: r.int(K::Partner(i, PartnerPart::Since)).map(|y| y as i32),
                kind: PartnerKind::from_key(&r.get(K::Partner(i, PartnerPart::Kind)))
                    .unwrap_or(PartnerKind::Solidarity),
            });
        }
        let name = r.get(K::OtherName(i, NamePart::Name));
        if !name.is_empty() {
            other_names.push(OtherName {
                name,
                lang: r
                    .opt(K::OtherName(i, NamePart::Lang))
                    .map(|l| l.to_lowercase()),
                historic: r.flag(K::OtherName(i, NamePart::Historic)),
            });
        }
    }
    let situation = match r.get(K::Situation).as_str() {
        "" => None,
        s => Some(Situation::from_key(s).ok_or_else(|| (K::Situation.name(), Problem::Required))?),
    };
    Ok(Profile {
        other_names,
        website: r.opt(K::Website),
        logo: base.logo.clone(),
        photos: base.photos.clone(),
        situation,
        population: r.int_fact(FactName::Population)?,
        area_km2: r.fact(FactName::Area, area)?,
        idps: r.int_fact(FactName::Idps)?,
        budget_per_resident_uah: r.int_fact(FactName::Budget)?,
        about: r.text(|l| K::Long(LongText::About, l)),
        why_partner: r.text(|l| K::Long(LongText::WhyPartner, l)),
        economy: r.text(|l| K::Long(LongText::Economy, l)),
        head: r.person(Who::Head),
        contacts,
        can_host_delegation: r.tri(K::CanHostDelegation),
        needs_interpreting: r.tri(K::NeedsInterpreting),
        offers,
        projects,
        partners,
        seeking: Seeking {
            active: r.flag(K::SeekingActive),
            countries: codes(&r.get(K::SeekingCountries), names::country_code),
            themes: Theme::ALL
                .into_iter()
                .filter(|t| r.flag(K::SeekingTheme(*t)))
                .collect(),
            formal: match r.get(K::SeekingFormal).as_str() {
                "formal" => Some(true),
                "informal" => Some(false),
                _ => None,
            },
            note: r.text(K::SeekingNote),
        },
    })
}

/// Every field name any of `forms` carries, once, in order.
fn all_keys<'a>(forms: &[&'a Fields]) -> std::collections::BTreeSet<&'a String> {
    forms.iter().flat_map(|f| f.keys()).collect()
}

/// The fields whose values differ between two forms (for conflicts and revision diffs).
/// The fields as the card they make gives them back: rows left empty, and the defaults their
/// choices carry, drop out, so comparing two forms shows only what really differs. A form
/// that does not make a card (a field's problem) is taken as it is.
pub fn effective(f: &Fields) -> Fields {
    match from_fields(f, &Profile::default()) {
        Ok(p) => to_fields(&p),
        Err(_) => f.clone(),
    }
}

pub fn changed(a: &Fields, b: &Fields) -> Vec<String> {
    all_keys(&[a, b])
        .into_iter()
        .filter(|k| a.get(*k).map(|v| v.trim()) != b.get(*k).map(|v| v.trim()))
        .cloned()
        .collect()
}

/// Three-way merge of two edits of the same card: `mine` and `theirs` both started from
/// `base`. A field only one side changed takes that side's value (a field `mine` does not
/// carry counts as unchanged). Returns the merged fields — with `mine` where both sides
/// changed a field differently — and the names of those conflicting fields.
pub fn merge(base: &Fields, mine: &Fields, theirs: &Fields) -> (Fields, Vec<String>) {
    let value = |f: &Fields, k: &str| f.get(k).map(|v| v.trim().to_string());
    let mut merged = Fields::new();
    let mut both = Vec::new();
    for k in all_keys(&[base, mine, theirs]) {
        let b = value(base, k).unwrap_or_default();
        let t = value(theirs, k).unwrap_or_default();
        let m = value(mine, k).unwrap_or_else(|| b.clone());
        let chosen = if m == t || m == b {
            theirs.get(k)
        } else {
            if t != b {
                both.push(k.clone());
            }
            mine.get(k)
        };
        if let Some(v) = chosen {
            merged.insert(k.clone(), v.clone());
        }
    }
    (merged, both)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Issue 13: one vocabulary of field problems, each saying what is wrong.
    #[test]
    fn each_problem_is_named_for_what_it_is() {
        assert_eq!(check_field("website", "hromada.gov.ua"), Some(Problem::Url));
        assert_eq!(
            check_field("population_value", "1000000000000000000000"),
            Some(Problem::Number {
                min: 0,
                max: 1_000_000_000_000
            })
        );
        assert_eq!(
            check_field("offer0_title_uk", &"я".repeat(SHORT_MAX + 1)),
            Some(Problem::TooLong { max: SHORT_MAX })
        );
        assert!(matches!(
            check_field("project0_budget_eur", "-5"),
            Some(Problem::Number { .. })
        ));
        assert!(matches!(
            check_field("area_km2_value", "many"),
            Some(Problem::Decimal { .. })
        ));
        assert_eq!(
            check_field("population_date", "2031-05-05"),
            Some(Problem::FutureDate)
        );
        assert_eq!(check_field("population_date", "2024-01"), None);
        assert_eq!(
            check_field("seeking_countries", "Atlantis, PL"),
            Some(Problem::Country)
        );
        assert_eq!(check_field("partner0_country", "Germany"), None);
        assert_eq!(
            check_field("contact0_languages", "klingon"),
            Some(Problem::Language)
        );
        assert_eq!(check_field("contact0_languages", "English, polski"), None);
    }

    /// Countries and languages typed as names are kept as their codes.
    #[test]
    fn names_become_codes() {
        let p = from_fields(
            &form(&[
                ("seeking_countries", "Deutschland, PL, Polen"),
                ("partner0_name", "Wrocław"),
                ("partner0_country", "Polska"),
                ("contact0_name", "Olena"),
                ("contact0_languages", "English, Deutsch"),
            ]),
            &Profile::default(),
        )
        .unwrap();
        assert_eq!(p.seeking.countries, vec!["DE", "PL"]);
        assert_eq!(p.partners[0].country, "PL");
        assert_eq!(p.contacts[0].languages, vec!["en", "de"]);
    }

    #[test]
    fn edits_of_different_fields_merge() {
        let base = form(&[("about_en", "Old"), ("website", ""), ("phone", "1")]);
        let mine = form(&[("about_en", "Mine"), ("website", ""), ("phone", "1")]);
        let theirs = form(&[
            ("about_en", "Old"),
            ("website", "https://x.ua"),
            ("phone", "1"),
        ]);
        let expected = form(&[
            ("about_en", "Mine"),
            ("website", "https://x.ua"),
            ("phone", "1"),
        ]);
        assert_eq!(merge(&base, &mine, &theirs), (expected, vec![]));
        // The same change on both sides is no conflict; a field `mine` lacks keeps theirs.
        let mine = form(&[("about_en", "New "), ("website", "")]);
        let theirs = form(&[("about_en", "New"), ("website", ""), ("phone", "2")]);
        let (merged, conflicts) = merge(&base, &mine, &theirs);
        assert!(conflicts.is_empty());
        assert_eq!(merged["about_en"].trim(), "New");
        assert_eq!(merged["phone"], "2");
    }

    #[test]
    fn the_same_field_changed_twice_conflicts() {
        let base = form(&[("about_en", "Old"), ("website", ""), ("phone", "1")]);
        let mine = form(&[
            ("about_en", "Mine"),
            ("website", "https://a.ua"),
            ("phone", "1"),
        ]);
        let theirs = form(&[("about_en", "Theirs"), ("website", ""), ("phone", "2")]);
        // Mine where both changed, each side's own changes elsewhere.
        let expected = form(&[
            ("about_en", "Mine"),
            ("website", "https://a.ua"),
            ("phone", "2"),
        ]);
        assert_eq!(
            merge(&base, &mine, &theirs),
            (expected, vec!["about_en".to_string()])
        );
    }

    fn sample() -> Profile {
        let demo: serde_json::Value =
            serde_json::from_str(include_str!("../../../data/demo/profiles.json")).unwrap();
        serde_json::from_value(demo[0]["profile"].clone()).unwrap()
    }

    #[test]
    fn fields_round_trip_a_full_card() {
        let p = sample();
        assert!(!p.offers.is_empty() && !p.projects.is_empty());
        let f = to_fields(&p);
        let back = from_fields(&f, &p).unwrap();
        assert_eq!(to_fields(&back), f);
        assert_eq!(back.offers.len(), p.offers.len());
        assert_eq!(back.about, p.about);
        assert_eq!(back.logo, p.logo, "images come from the base card");
    }

    #[test]
    fn problems_name_their_field() {
        let base = Profile::default();
        let mut f = Fields::new();
        f.insert("population_value".into(), "many".into());
        assert_eq!(from_fields(&f, &base).unwrap_err().0, "population_value");
        f.insert("population_value".into(), "12 000".into());
        assert_eq!(
            from_fields(&f, &base).unwrap_err(),
            ("population_source".into(), Problem::Required)
        );
        f.insert("population_source".into(), "Census".into());
        f.insert("population_date".into(), "last year".into());
        assert_eq!(
            from_fields(&f, &base).unwrap_err(),
            ("population_date".into(), Problem::Date)
        );
        f.insert("population_date".into(), "2024-01".into());
        assert_eq!(
            from_fields(&f, &base).unwrap().population.unwrap().value,
            12000
        );
        f.insert("about_uk".into(), "x".repeat(LONG_MAX + 1));
        assert!(matches!(
            from_fields(&f, &base).unwrap_err().1,
            Problem::TooLong { .. }
        ));
        f.remove("about_uk");
        f.insert("offer0_title_uk".into(), "Досвід".into());
        assert_eq!(
            from_fields(&f, &base).unwrap_err(),
            ("offer0_theme".into(), Problem::Required)
        );
        f.insert("website".into(), "javascript:alert(1)".into());
        assert_eq!(from_fields(&f, &base).unwrap_err().0, "website");
    }

    #[test]
    fn differences_are_listed_by_field() {
        let mut a = Fields::new();
        a.insert("about_uk".into(), "Старе".into());
        a.insert("website".into(), "https://a.ua".into());
        let mut b = a.clone();
        b.insert("about_uk".into(), "Нове".into());
        b.insert("about_en".into(), "New".into());
        assert_eq!(changed(&a, &b), vec!["about_en", "about_uk"]);
    }
}
