//! The business card as a flat form: one named field per value, so the same editor works as a
//! plain HTML form (no JavaScript) and in the browser, and drafts and conflicts compare field
//! by field. [`to_fields`] and [`from_fields`] are inverse for every valid card; the checks
//! here run in the browser as the editor types and again on the server before anything is saved.

use super::profile::*;
use crate::error::Problem;
use std::collections::BTreeMap;

/// Field name → value, as a form posts them.
pub type Fields = BTreeMap<String, String>;

/// Rows of each list the editor offers (existing rows and one empty one, up to this).
pub const MAX_ROWS: usize = 20;
/// Languages of the texts in lists (titles, descriptions, roles, notes) shown first; the
/// others are one click away. Every text may be written in any of the six languages.
pub const LIST_LANGS: [&str; 2] = ["uk", "en"];
pub const OTHER_LANGS: [&str; 4] = ["pl", "de", "fr", "sv"];
/// The long texts, in every language.
pub const LONG_TEXTS: [&str; 3] = ["about", "why_partner", "economy"];
pub const FACTS: [&str; 4] = ["population", "area_km2", "idps", "budget_per_resident_uah"];

pub const SHORT_MAX: usize = 200;
pub const LONG_MAX: usize = 5000;
const ANY_MAX: usize = 10_000;
/// Most fields a draft may hold (the form has fewer).
pub const MAX_FIELDS: usize = 1200;

/// A fact's value, source and date as text.
type FactFields<'a> = (String, &'a str, &'a str);

/// Why a field was refused: (field name, problem).
pub type FieldError = (String, Problem);

fn text_fields(f: &mut Fields, prefix: &str, t: &Text, langs: &[&str]) {
    for l in langs {
        if let Some(v) = t.0.get(*l).filter(|v| !v.is_empty()) {
            f.insert(format!("{prefix}_{l}"), v.clone());
        }
    }
}

fn yes(b: bool) -> String {
    if b { "yes" } else { "" }.to_string()
}

/// The card as form fields (empty values are left out).
pub fn to_fields(p: &Profile) -> Fields {
    let mut f = Fields::new();
    let mut put = |k: String, v: String| {
        if !v.is_empty() {
            f.insert(k, v);
        }
    };
    put("website".into(), p.website.clone().unwrap_or_default());
    put(
        "situation".into(),
        p.situation.map(|s| s.key().to_string()).unwrap_or_default(),
    );
    put(
        "can_host_delegation".into(),
        p.can_host_delegation
            .map(|b| if b { "yes" } else { "no" }.to_string())
            .unwrap_or_default(),
    );
    put(
        "needs_interpreting".into(),
        p.needs_interpreting
            .map(|b| if b { "yes" } else { "no" }.to_string())
            .unwrap_or_default(),
    );
    let facts: [(&str, Option<FactFields>); 4] = [
        (
            "population",
            p.population
                .as_ref()
                .map(|x| (x.value.to_string(), x.source.as_str(), x.date.as_str())),
        ),
        (
            "area_km2",
            p.area_km2
                .as_ref()
                .map(|x| (x.value.to_string(), x.source.as_str(), x.date.as_str())),
        ),
        (
            "idps",
            p.idps
                .as_ref()
                .map(|x| (x.value.to_string(), x.source.as_str(), x.date.as_str())),
        ),
        (
            "budget_per_resident_uah",
            p.budget_per_resident_uah
                .as_ref()
                .map(|x| (x.value.to_string(), x.source.as_str(), x.date.as_str())),
        ),
    ];
    for (name, fact) in facts {
        if let Some((value, source, date)) = fact {
            put(format!("{name}_value"), value);
            put(format!("{name}_source"), source.to_string());
            put(format!("{name}_date"), date.to_string());
        }
    }
    let people: Vec<(String, &Person)> = p
        .head
        .iter()
        .map(|h| ("head".to_string(), h))
        .chain(
            p.contacts
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("contact{i}"), c)),
        )
        .collect();
    for (name, person) in &people {
        {
            put(format!("{name}_name"), person.name.clone());
            put(
                format!("{name}_email"),
                person.email.clone().unwrap_or_default(),
            );
            put(
                format!("{name}_phone"),
                person.phone.clone().unwrap_or_default(),
            );
            put(format!("{name}_languages"), person.languages.join(", "));
        }
    }
    for (i, n) in p.other_names.iter().enumerate() {
        put(format!("name{i}_name"), n.name.clone());
        put(format!("name{i}_lang"), n.lang.clone().unwrap_or_default());
        put(format!("name{i}_historic"), yes(n.historic));
    }
    for (i, o) in p.offers.iter().enumerate() {
        put(format!("offer{i}_theme"), o.theme.key().to_string());
    }
    for (i, x) in p.projects.iter().enumerate() {
        put(format!("project{i}_theme"), x.theme.key().to_string());
        put(format!("project{i}_status"), x.status.key().to_string());
        put(
            format!("project{i}_budget_eur"),
            x.budget_eur.map(|b| b.to_string()).unwrap_or_default(),
        );
        put(format!("project{i}_urgent"), yes(x.urgent));
    }
    for (i, x) in p.partners.iter().enumerate() {
        put(format!("partner{i}_name"), x.name.clone());
        put(format!("partner{i}_country"), x.country.clone());
        put(
            format!("partner{i}_since"),
            x.since.map(|y| y.to_string()).unwrap_or_default(),
        );
        put(format!("partner{i}_kind"), x.kind.key().to_string());
    }
    put("seeking_active".into(), yes(p.seeking.active));
    put("seeking_countries".into(), p.seeking.countries.join(", "));
    for t in &p.seeking.themes {
        put(format!("seeking_theme_{}", t.key()), "yes".into());
    }
    put(
        "seeking_formal".into(),
        match p.seeking.formal {
            Some(true) => "formal",
            Some(false) => "informal",
            None => "",
        }
        .into(),
    );
    for name in LONG_TEXTS {
        let t = match name {
            "about" => &p.about,
            "why_partner" => &p.why_partner,
            _ => &p.economy,
        };
        text_fields(&mut f, name, t, &LANGUAGES);
    }
    for (name, person) in &people {
        text_fields(&mut f, &format!("{name}_role"), &person.role, &LANGUAGES);
    }
    for (i, o) in p.offers.iter().enumerate() {
        text_fields(&mut f, &format!("offer{i}_title"), &o.title, &LANGUAGES);
        text_fields(&mut f, &format!("offer{i}_text"), &o.text, &LANGUAGES);
    }
    for (i, x) in p.projects.iter().enumerate() {
        text_fields(&mut f, &format!("project{i}_title"), &x.title, &LANGUAGES);
        text_fields(
            &mut f,
            &format!("project{i}_description"),
            &x.description,
            &LANGUAGES,
        );
    }
    text_fields(&mut f, "seeking_note", &p.seeking.note, &LANGUAGES);
    f
}

/// The limit and shape of one field, checked as the editor types and before saving.
pub fn check_field(key: &str, value: &str) -> Option<Problem> {
    let v = value.trim();
    let n = v.chars().count();
    let long = LONG_TEXTS.iter().any(|t| key.starts_with(t))
        || key.contains("_text_")
        || key.contains("_description_")
        || key.starts_with("seeking_note");
    let max = if long { LONG_MAX } else { SHORT_MAX };
    if n > max {
        return Some(Problem::TooLong { max });
    }
    if v.is_empty() {
        return None;
    }
    let number = |min: i64, max: i64| match v.replace([' ', '\u{a0}'], "").parse::<i64>() {
        Ok(x) if (min..=max).contains(&x) => None,
        _ => Some(Problem::Required),
    };
    if key == "website" && !(v.starts_with("https://") || v.starts_with("http://")) {
        return Some(Problem::Email);
    }
    if key.ends_with("_email")
        && !(v.contains('@') && v.rsplit('@').next().is_some_and(|d| d.contains('.')))
    {
        return Some(Problem::Email);
    }
    if FACTS.iter().any(|f| key == format!("{f}_date")) && !is_fact_date(v) {
        return Some(Problem::Date);
    }
    if key == "area_km2_value" {
        return match v.replace(',', ".").parse::<f64>() {
            Ok(x) if (0.0..1.0e6).contains(&x) => None,
            _ => Some(Problem::Required),
        };
    }
    if FACTS.iter().any(|f| key == format!("{f}_value")) || key.ends_with("_budget_eur") {
        return number(0, 1_000_000_000_000);
    }
    if key.ends_with("_since") {
        return number(1900, 2100);
    }
    if key.ends_with("_country") && !(v.len() == 2 && v.chars().all(|c| c.is_ascii_alphabetic())) {
        return Some(Problem::Required);
    }
    None
}

/// `2024`, `2024-01` or `2024-01-31`.
fn is_fact_date(v: &str) -> bool {
    let parts: Vec<&str> = v.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u32>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
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

fn text(f: &Fields, prefix: &str, langs: &[&str], multiline: bool) -> Text {
    Text(
        langs
            .iter()
            .filter_map(|l| {
                let v = clean(f.get(&format!("{prefix}_{l}"))?, multiline);
                (!v.is_empty()).then(|| (l.to_string(), v))
            })
            .collect(),
    )
}

fn list(v: &str) -> Vec<String> {
    v.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// The card these fields describe; images come from `base` (they are uploaded apart). The
/// first problem found is returned with its field's name.
pub fn from_fields(f: &Fields, base: &Profile) -> Result<Profile, FieldError> {
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
    let get = |k: &str| f.get(k).map(|v| clean(v, false)).unwrap_or_default();
    let opt = |k: &str| Some(get(k)).filter(|v| !v.is_empty());
    let flag = |k: &str| get(k) == "yes";
    let tri = |k: &str| match get(k).as_str() {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let int = |k: &str| get(k).replace([' ', '\u{a0}'], "").parse::<i64>().ok();
    let theme = |k: &str| -> Result<Theme, FieldError> {
        Theme::from_key(&get(k)).ok_or_else(|| (k.to_string(), Problem::Required))
    };
    let fact_i = |name: &str| -> Result<Option<Fact<i64>>, FieldError> {
        let Some(value) = int(&format!("{name}_value")) else {
            return Ok(None);
        };
        let source = get(&format!("{name}_source"));
        if source.is_empty() {
            return Err((format!("{name}_source"), Problem::Required));
        }
        let date = get(&format!("{name}_date"));
        if date.is_empty() {
            return Err((format!("{name}_date"), Problem::Date));
        }
        Ok(Some(Fact {
            value,
            source,
            date,
        }))
    };
    let area = match get("area_km2_value").replace(',', ".").parse::<f64>().ok() {
        None => None,
        Some(value) => {
            let source = get("area_km2_source");
            let date = get("area_km2_date");
            if source.is_empty() {
                return Err(("area_km2_source".into(), Problem::Required));
            }
            if date.is_empty() {
                return Err(("area_km2_date".into(), Problem::Date));
            }
            Some(Fact {
                value,
                source,
                date,
            })
        }
    };
    let person = |name: &str| -> Option<Person> {
        let p = Person {
            name: get(&format!("{name}_name")),
            role: text(f, &format!("{name}_role"), &LANGUAGES, false),
            email: opt(&format!("{name}_email")).map(|e| e.to_lowercase()),
            phone: opt(&format!("{name}_phone")),
            languages: list(&get(&format!("{name}_languages")))
                .into_iter()
                .map(|l| l.to_lowercase())
                .collect(),
        };
        (p != Person::default()).then_some(p)
    };
    let mut contacts = Vec::new();
    let mut offers = Vec::new();
    let mut projects = Vec::new();
    let mut partners = Vec::new();
    let mut other_names = Vec::new();
    for i in 0..MAX_ROWS {
        contacts.extend(person(&format!("contact{i}")));
        let title = text(f, &format!("offer{i}_title"), &LANGUAGES, false);
        if !title.is_empty() {
            offers.push(Offer {
                theme: theme(&format!("offer{i}_theme"))?,
                title,
                text: text(f, &format!("offer{i}_text"), &LANGUAGES, true),
            });
        }
        let title = text(f, &format!("project{i}_title"), &LANGUAGES, false);
        if !title.is_empty() {
            let status = match get(&format!("project{i}_status")).as_str() {
                "idea" => ProjectStatus::Idea,
                "funding" => ProjectStatus::Funding,
                "underway" => ProjectStatus::Underway,
                "done" => ProjectStatus::Done,
                _ => ProjectStatus::Planned,
            };
            projects.push(Project {
                title,
                theme: theme(&format!("project{i}_theme"))?,
                description: text(f, &format!("project{i}_description"), &LANGUAGES, true),
                budget_eur: int(&format!("project{i}_budget_eur")),
                status,
                urgent: flag(&format!("project{i}_urgent")),
            });
        }
        let name = get(&format!("partner{i}_name"));
        if !name.is_empty() {
            let country = get(&format!("partner{i}_country")).to_uppercase();
            if country.is_empty() {
                return Err((format!("partner{i}_country"), Problem::Required));
            }
            partners.push(Partner {
                name,
                country,
                since: int(&format!("partner{i}_since")).map(|y| y as i32),
                kind: match get(&format!("partner{i}_kind")).as_str() {
                    "formal" => PartnerKind::Formal,
                    "intent" => PartnerKind::Intent,
                    _ => PartnerKind::Solidarity,
                },
            });
        }
        let name = get(&format!("name{i}_name"));
        if !name.is_empty() {
            other_names.push(OtherName {
                name,
                lang: opt(&format!("name{i}_lang")).map(|l| l.to_lowercase()),
                historic: flag(&format!("name{i}_historic")),
            });
        }
    }
    let situation = match get("situation").as_str() {
        "" => None,
        s => Some(
            Situation::from_key(s).ok_or_else(|| ("situation".to_string(), Problem::Required))?,
        ),
    };
    let long = |name: &str| text(f, name, &LANGUAGES, true);
    Ok(Profile {
        other_names,
        website: opt("website"),
        logo: base.logo.clone(),
        photos: base.photos.clone(),
        situation,
        population: fact_i("population")?,
        area_km2: area,
        idps: fact_i("idps")?,
        budget_per_resident_uah: fact_i("budget_per_resident_uah")?,
        about: long("about"),
        why_partner: long("why_partner"),
        economy: long("economy"),
        head: person("head"),
        contacts,
        can_host_delegation: tri("can_host_delegation"),
        needs_interpreting: tri("needs_interpreting"),
        offers,
        projects,
        partners,
        seeking: Seeking {
            active: flag("seeking_active"),
            countries: list(&get("seeking_countries"))
                .into_iter()
                .map(|c| c.to_uppercase())
                .collect(),
            themes: Theme::ALL
                .into_iter()
                .filter(|t| flag(&format!("seeking_theme_{}", t.key())))
                .collect(),
            formal: match get("seeking_formal").as_str() {
                "formal" => Some(true),
                "informal" => Some(false),
                _ => None,
            },
            note: text(f, "seeking_note", &LANGUAGES, true),
        },
    })
}

/// Every field name any of `forms` carries, once, in order.
fn all_keys<'a>(forms: &[&'a Fields]) -> std::collections::BTreeSet<&'a String> {
    forms.iter().flat_map(|f| f.keys()).collect()
}

/// The fields whose values differ between two forms (for conflicts and revision diffs).
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
            serde_json::from_str(include_str!("../../data/demo/profiles.json")).unwrap();
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
