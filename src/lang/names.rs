//! Countries and languages: their codes (ISO 3166-1 alpha-2, ISO 639-1), their names in the
//! six interface languages, and the reverse — what a reader typed ("Deutschland", "pl",
//! "Czech Republic", "polski") to the code it means. Forms store codes; pages show names.
//! The countries are those of the European municipalities' directory (and Ukraine, Georgia).

use crate::i18n::Locale;

/// Names in the order of [`Locale`]'s columns: uk, en, pl, de, fr, sv.
type Names = [&'static str; 6];

/// The column of `locale` in the tables of names: uk, en, pl, de, fr, sv.
pub(crate) fn column(locale: Locale) -> usize {
    match locale {
        Locale::uk => 0,
        Locale::en => 1,
        Locale::pl => 2,
        Locale::de => 3,
        Locale::fr => 4,
        Locale::sv => 5,
    }
}

#[rustfmt::skip]
pub const COUNTRIES: &[(&str, Names)] = &[
    ("AD", ["Андорра", "Andorra", "Andora", "Andorra", "Andorre", "Andorra"]),
    ("AL", ["Албанія", "Albania", "Albania", "Albanien", "Albanie", "Albanien"]),
    ("AT", ["Австрія", "Austria", "Austria", "Österreich", "Autriche", "Österrike"]),
    ("BA", ["Боснія і Герцеговина", "Bosnia and Herzegovina", "Bośnia i Hercegowina", "Bosnien und Herzegowina", "Bosnie-Herzégovine", "Bosnien och Hercegovina"]),
    ("BE", ["Бельгія", "Belgium", "Belgia", "Belgien", "Belgique", "Belgien"]),
    ("BG", ["Болгарія", "Bulgaria", "Bułgaria", "Bulgarien", "Bulgarie", "Bulgarien"]),
    ("BY", ["Білорусь", "Belarus", "Białoruś", "Belarus", "Biélorussie", "Belarus"]),
    ("CH", ["Швейцарія", "Switzerland", "Szwajcaria", "Schweiz", "Suisse", "Schweiz"]),
    ("CY", ["Кіпр", "Cyprus", "Cypr", "Zypern", "Chypre", "Cypern"]),
    ("CZ", ["Чехія", "Czechia", "Czechy", "Tschechien", "Tchéquie", "Tjeckien"]),
    ("DE", ["Німеччина", "Germany", "Niemcy", "Deutschland", "Allemagne", "Tyskland"]),
    ("DK", ["Данія", "Denmark", "Dania", "Dänemark", "Danemark", "Danmark"]),
    ("EE", ["Естонія", "Estonia", "Estonia", "Estland", "Estonie", "Estland"]),
    ("ES", ["Іспанія", "Spain", "Hiszpania", "Spanien", "Espagne", "Spanien"]),
    ("FI", ["Фінляндія", "Finland", "Finlandia", "Finnland", "Finlande", "Finland"]),
    ("FO", ["Фарерські острови", "Faroe Islands", "Wyspy Owcze", "Färöer", "Îles Féroé", "Färöarna"]),
    ("FR", ["Франція", "France", "Francja", "Frankreich", "France", "Frankrike"]),
    ("GB", ["Велика Британія", "United Kingdom", "Wielka Brytania", "Vereinigtes Königreich", "Royaume-Uni", "Storbritannien"]),
    ("GE", ["Грузія", "Georgia", "Gruzja", "Georgien", "Géorgie", "Georgien"]),
    ("GG", ["Гернсі", "Guernsey", "Guernsey", "Guernsey", "Guernesey", "Guernsey"]),
    ("GI", ["Гібралтар", "Gibraltar", "Gibraltar", "Gibraltar", "Gibraltar", "Gibraltar"]),
    ("GR", ["Греція", "Greece", "Grecja", "Griechenland", "Grèce", "Grekland"]),
    ("HR", ["Хорватія", "Croatia", "Chorwacja", "Kroatien", "Croatie", "Kroatien"]),
    ("HU", ["Угорщина", "Hungary", "Węgry", "Ungarn", "Hongrie", "Ungern"]),
    ("IE", ["Ірландія", "Ireland", "Irlandia", "Irland", "Irlande", "Irland"]),
    ("IM", ["Острів Мен", "Isle of Man", "Wyspa Man", "Isle of Man", "Île de Man", "Isle of Man"]),
    ("IS", ["Ісландія", "Iceland", "Islandia", "Island", "Islande", "Island"]),
    ("IT", ["Італія", "Italy", "Włochy", "Italien", "Italie", "Italien"]),
    ("JE", ["Джерсі", "Jersey", "Jersey", "Jersey", "Jersey", "Jersey"]),
    ("LI", ["Ліхтенштейн", "Liechtenstein", "Liechtenstein", "Liechtenstein", "Liechtenstein", "Liechtenstein"]),
    ("LT", ["Литва", "Lithuania", "Litwa", "Litauen", "Lituanie", "Litauen"]),
    ("LU", ["Люксембург", "Luxembourg", "Luksemburg", "Luxemburg", "Luxembourg", "Luxemburg"]),
    ("LV", ["Латвія", "Latvia", "Łotwa", "Lettland", "Lettonie", "Lettland"]),
    ("MC", ["Монако", "Monaco", "Monako", "Monaco", "Monaco", "Monaco"]),
    ("MD", ["Молдова", "Moldova", "Mołdawia", "Moldau", "Moldavie", "Moldavien"]),
    ("ME", ["Чорногорія", "Montenegro", "Czarnogóra", "Montenegro", "Monténégro", "Montenegro"]),
    ("MK", ["Північна Македонія", "North Macedonia", "Macedonia Północna", "Nordmazedonien", "Macédoine du Nord", "Nordmakedonien"]),
    ("MT", ["Мальта", "Malta", "Malta", "Malta", "Malte", "Malta"]),
    ("NL", ["Нідерланди", "Netherlands", "Holandia", "Niederlande", "Pays-Bas", "Nederländerna"]),
    ("NO", ["Норвегія", "Norway", "Norwegia", "Norwegen", "Norvège", "Norge"]),
    ("PL", ["Польща", "Poland", "Polska", "Polen", "Pologne", "Polen"]),
    ("PT", ["Португалія", "Portugal", "Portugalia", "Portugal", "Portugal", "Portugal"]),
    ("RO", ["Румунія", "Romania", "Rumunia", "Rumänien", "Roumanie", "Rumänien"]),
    ("RS", ["Сербія", "Serbia", "Serbia", "Serbien", "Serbie", "Serbien"]),
    ("SE", ["Швеція", "Sweden", "Szwecja", "Schweden", "Suède", "Sverige"]),
    ("SI", ["Словенія", "Slovenia", "Słowenia", "Slowenien", "Slovénie", "Slovenien"]),
    ("SK", ["Словаччина", "Slovakia", "Słowacja", "Slowakei", "Slovaquie", "Slovakien"]),
    ("SM", ["Сан-Марино", "San Marino", "San Marino", "San Marino", "Saint-Marin", "San Marino"]),
    ("UA", ["Україна", "Ukraine", "Ukraina", "Ukraine", "Ukraine", "Ukraina"]),
    ("VA", ["Ватикан", "Vatican City", "Watykan", "Vatikanstadt", "Vatican", "Vatikanstaten"]),
    ("XK", ["Косово", "Kosovo", "Kosowo", "Kosovo", "Kosovo", "Kosovo"]),
];

/// Other names readers type for a country: its own languages' names and common older forms.
#[rustfmt::skip]
const COUNTRY_ALIASES: &[(&str, &str)] = &[
    ("Czech Republic", "CZ"), ("Česko", "CZ"), ("Česká republika", "CZ"), ("Tschechische Republik", "CZ"),
    ("UK", "GB"), ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Großbritannien", "GB"), ("Grande-Bretagne", "GB"),
    ("Holland", "NL"), ("Nederland", "NL"), ("Niderlandy", "NL"), ("The Netherlands", "NL"),
    ("Macedonia", "MK"), ("Moldavia", "MD"), ("Republic of Moldova", "MD"), ("Moldawien", "MD"),
    ("España", "ES"), ("Italia", "IT"), ("Suomi", "FI"), ("Magyarország", "HU"), ("Slovensko", "SK"),
    ("Slovenija", "SI"), ("Hrvatska", "HR"), ("Lietuva", "LT"), ("Latvija", "LV"), ("Eesti", "EE"),
    ("România", "RO"), ("Ελλάδα", "GR"), ("Hellas", "GR"), ("Danmark", "DK"), ("Norge", "NO"),
    ("Ísland", "IS"), ("Éire", "IE"), ("Belgique", "BE"), ("België", "BE"), ("Schweiz", "CH"),
    ("Suisse", "CH"), ("Svizzera", "CH"), ("Србија", "RS"), ("Srbija", "RS"), ("Crna Gora", "ME"),
    ("Shqipëria", "AL"), ("България", "BG"), ("Беларусь", "BY"), ("Sakartvelo", "GE"),
    ("Österrike", "AT"), ("Ukraine", "UA"), ("Україна", "UA"), ("Deutschland", "DE"),
    ("Bundesrepublik Deutschland", "DE"), ("Federal Republic of Germany", "DE"), ("Polska", "PL"),
    ("Rzeczpospolita Polska", "PL"), ("Sverige", "SE"), ("Luxemburg", "LU"), ("Lëtzebuerg", "LU"),
];

#[rustfmt::skip]
pub const LANGUAGES: &[(&str, Names)] = &[
    ("uk", ["українська", "Ukrainian", "ukraiński", "Ukrainisch", "ukrainien", "ukrainska"]),
    ("en", ["англійська", "English", "angielski", "Englisch", "anglais", "engelska"]),
    ("pl", ["польська", "Polish", "polski", "Polnisch", "polonais", "polska"]),
    ("de", ["німецька", "German", "niemiecki", "Deutsch", "allemand", "tyska"]),
    ("fr", ["французька", "French", "francuski", "Französisch", "français", "franska"]),
    ("sv", ["шведська", "Swedish", "szwedzki", "Schwedisch", "suédois", "svenska"]),
    ("it", ["італійська", "Italian", "włoski", "Italienisch", "italien", "italienska"]),
    ("es", ["іспанська", "Spanish", "hiszpański", "Spanisch", "espagnol", "spanska"]),
    ("pt", ["португальська", "Portuguese", "portugalski", "Portugiesisch", "portugais", "portugisiska"]),
    ("nl", ["нідерландська", "Dutch", "niderlandzki", "Niederländisch", "néerlandais", "nederländska"]),
    ("cs", ["чеська", "Czech", "czeski", "Tschechisch", "tchèque", "tjeckiska"]),
    ("sk", ["словацька", "Slovak", "słowacki", "Slowakisch", "slovaque", "slovakiska"]),
    ("sl", ["словенська", "Slovenian", "słoweński", "Slowenisch", "slovène", "slovenska"]),
    ("hr", ["хорватська", "Croatian", "chorwacki", "Kroatisch", "croate", "kroatiska"]),
    ("sr", ["сербська", "Serbian", "serbski", "Serbisch", "serbe", "serbiska"]),
    ("bs", ["боснійська", "Bosnian", "bośniacki", "Bosnisch", "bosnien", "bosniska"]),
    ("bg", ["болгарська", "Bulgarian", "bułgarski", "Bulgarisch", "bulgare", "bulgariska"]),
    ("ro", ["румунська", "Romanian", "rumuński", "Rumänisch", "roumain", "rumänska"]),
    ("hu", ["угорська", "Hungarian", "węgierski", "Ungarisch", "hongrois", "ungerska"]),
    ("el", ["грецька", "Greek", "grecki", "Griechisch", "grec", "grekiska"]),
    ("lt", ["литовська", "Lithuanian", "litewski", "Litauisch", "lituanien", "litauiska"]),
    ("lv", ["латиська", "Latvian", "łotewski", "Lettisch", "letton", "lettiska"]),
    ("et", ["естонська", "Estonian", "estoński", "Estnisch", "estonien", "estniska"]),
    ("fi", ["фінська", "Finnish", "fiński", "Finnisch", "finnois", "finska"]),
    ("da", ["данська", "Danish", "duński", "Dänisch", "danois", "danska"]),
    ("no", ["норвезька", "Norwegian", "norweski", "Norwegisch", "norvégien", "norska"]),
    ("is", ["ісландська", "Icelandic", "islandzki", "Isländisch", "islandais", "isländska"]),
    ("ga", ["ірландська", "Irish", "irlandzki", "Irisch", "irlandais", "iriska"]),
    ("mt", ["мальтійська", "Maltese", "maltański", "Maltesisch", "maltais", "maltesiska"]),
    ("lb", ["люксембурзька", "Luxembourgish", "luksemburski", "Luxemburgisch", "luxembourgeois", "luxemburgiska"]),
    ("sq", ["албанська", "Albanian", "albański", "Albanisch", "albanais", "albanska"]),
    ("mk", ["македонська", "Macedonian", "macedoński", "Mazedonisch", "macédonien", "makedonska"]),
    ("ka", ["грузинська", "Georgian", "gruziński", "Georgisch", "géorgien", "georgiska"]),
    ("tr", ["турецька", "Turkish", "turecki", "Türkisch", "turc", "turkiska"]),
    ("be", ["білоруська", "Belarusian", "białoruski", "Belarussisch", "biélorusse", "belarusiska"]),
    ("ru", ["російська", "Russian", "rosyjski", "Russisch", "russe", "ryska"]),
];

/// Languages by their own names, as speakers type them.
#[rustfmt::skip]
const LANGUAGE_ALIASES: &[(&str, &str)] = &[
    ("español", "es"), ("castellano", "es"), ("italiano", "it"), ("português", "pt"), ("Nederlands", "nl"),
    ("Flemish", "nl"), ("Vlaams", "nl"), ("čeština", "cs"), ("slovenčina", "sk"), ("slovenščina", "sl"),
    ("hrvatski", "hr"), ("srpski", "sr"), ("bosanski", "bs"), ("български", "bg"), ("română", "ro"),
    ("magyar", "hu"), ("ελληνικά", "el"), ("lietuvių", "lt"), ("latviešu", "lv"), ("eesti", "et"),
    ("suomi", "fi"), ("dansk", "da"), ("norsk", "no"), ("bokmål", "no"), ("nynorsk", "no"), ("íslenska", "is"),
    ("Gaeilge", "ga"), ("Malti", "mt"), ("Lëtzebuergesch", "lb"), ("shqip", "sq"), ("македонски", "mk"),
    ("ქართული", "ka"), ("Türkçe", "tr"), ("беларуская", "be"), ("русский", "ru"), ("English", "en"),
    ("Ukrainisch", "uk"), ("ukrainian", "uk"), ("nb", "no"), ("nn", "no"),
];

fn name_in(table: &[(&'static str, Names)], locale: Locale, code: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, n)| n[column(locale)])
}

/// A country's name in `locale`; an unknown code shows as it is.
pub fn country_name(locale: Locale, code: &str) -> String {
    name_in(COUNTRIES, locale, code)
        .map(str::to_string)
        .unwrap_or_else(|| code.to_string())
}

/// A language's name in `locale`; an unknown code shows as it is.
pub fn language_name(locale: Locale, code: &str) -> String {
    name_in(LANGUAGES, locale, code)
        .map(str::to_string)
        .unwrap_or_else(|| code.to_string())
}

/// Lower case without diacritics, for comparing what was typed with a name.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'ď' | 'đ' => 'd',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => 'i',
            'ł' | 'ľ' | 'ĺ' => 'l',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ŕ' | 'ř' => 'r',
            'ś' | 'š' | 'ş' | 'ș' => 's',
            'ť' | 'ţ' | 'ț' => 't',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ź' | 'ż' | 'ž' => 'z',
            '-' | '.' | '\'' | '’' => ' ',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn code_of(
    table: &[(&'static str, Names)],
    aliases: &[(&'static str, &'static str)],
    typed: &str,
) -> Option<&'static str> {
    let t = fold(typed);
    if t.is_empty() {
        return None;
    }
    table
        .iter()
        .find(|(c, names)| fold(c) == t || names.iter().any(|n| fold(n) == t))
        .map(|(c, _)| *c)
        .or_else(|| aliases.iter().find(|(a, _)| fold(a) == t).map(|(_, c)| *c))
}

/// The country a reader means: a code ("pl", "PL") or a name in any of the six languages or
/// its own ("Deutschland", "Germany", "Niemcy", "Czech Republic"); none for anything else.
pub fn country_code(typed: &str) -> Option<&'static str> {
    code_of(COUNTRIES, COUNTRY_ALIASES, typed)
}

/// The language a reader means: a code ("de") or a name ("German", "Deutsch", "niemiecki").
pub fn language_code(typed: &str) -> Option<&'static str> {
    code_of(LANGUAGES, LANGUAGE_ALIASES, typed)
}

/// The weight of a letter in `locale`'s alphabet: Ukrainian orders і, ї, є, ґ where its
/// alphabet has them (Unicode does not); Polish puts ą, ć, ę, ł, ń, ó, ś, ź, ż after their
/// base letters; Swedish puts å, ä, ö after z; elsewhere accents do not change the order.
fn weight(locale: Locale, c: char) -> (u32, u32) {
    const UK: &str = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя";
    const PL: &str = "aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż";
    let lower = c.to_lowercase().next().unwrap_or(c);
    if let Some(i) = UK.chars().position(|u| u == lower) {
        return (2000 + i as u32, 0);
    }
    match locale {
        Locale::pl => {
            if let Some(i) = PL.chars().position(|u| u == lower) {
                return (1000 + i as u32, 0);
            }
        }
        Locale::sv => match lower {
            'å' => return (1000 + 26, 0),
            'ä' | 'æ' => return (1000 + 27, 0),
            'ö' | 'ø' => return (1000 + 28, 0),
            _ => {}
        },
        _ => {}
    }
    let base = fold(&lower.to_string()).chars().next().unwrap_or(lower);
    if base.is_ascii_lowercase() {
        let i = base as u32 - 'a' as u32;
        let i = if locale == Locale::pl {
            PL.chars().position(|u| u == base).unwrap_or(i as usize) as u32
        } else {
            i
        };
        (1000 + i, u32::from(base != lower))
    } else {
        (u32::from(lower), 0)
    }
}

/// A key that sorts names in the order of `locale`'s alphabet (Latin names in a Ukrainian
/// list, and Cyrillic in the others, after the reader's own script).
pub fn sort_key(locale: Locale, s: &str) -> Vec<(u32, u32)> {
    let cyrillic_first = locale == Locale::uk;
    s.chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .map(|c| {
            let (w, accent) = weight(locale, c);
            let w = match (cyrillic_first, w) {
                (true, 1000..=1999) => w + 2000,
                (false, 2000..=2999) => w + 2000,
                _ => w,
            };
            (w, accent)
        })
        .collect()
}

/// Codes with their names in `locale`, sorted by the reader's alphabet.
fn sorted(table: &[(&'static str, Names)], locale: Locale) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&'static str, &'static str)> =
        table.iter().map(|(c, n)| (*c, n[column(locale)])).collect();
    v.sort_by_cached_key(|(_, n)| sort_key(locale, n));
    v
}

/// Every country with its name in `locale`, in the reader's alphabetical order.
pub fn countries_sorted(locale: Locale) -> Vec<(&'static str, &'static str)> {
    sorted(COUNTRIES, locale)
}

/// The countries as a list to choose from: `first` (none, or any) and then every country,
/// as (code, name) sorted in the reader's alphabet.
pub fn country_choices(locale: Locale, first: String) -> Vec<(String, String)> {
    std::iter::once((String::new(), first))
        .chain(
            countries_sorted(locale)
                .into_iter()
                .map(|(code, name)| (code.to_string(), name.to_string())),
        )
        .collect()
}

/// Every language with its name in `locale`, in the reader's alphabetical order.
pub fn languages_sorted(locale: Locale) -> Vec<(&'static str, &'static str)> {
    sorted(LANGUAGES, locale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_countries_become_codes() {
        for (typed, code) in [
            ("Deutschland", "DE"),
            ("Germany", "DE"),
            ("niemcy", "DE"),
            ("PL", "PL"),
            ("pl", "PL"),
            ("Polska", "PL"),
            ("Czech Republic", "CZ"),
            ("Österreich", "AT"),
            ("osterreich", "AT"),
            ("Нідерланди", "NL"),
            ("Holland", "NL"),
            ("  Royaume-Uni ", "GB"),
        ] {
            assert_eq!(country_code(typed), Some(code), "{typed}");
        }
        for typed in ["DEUTSCHLANDX", "Atlantis", "", "ZZ"] {
            assert_eq!(country_code(typed), None, "{typed}");
        }
    }

    #[test]
    fn typed_languages_become_codes() {
        assert_eq!(language_code("Deutsch"), Some("de"));
        assert_eq!(language_code("polski"), Some("pl"));
        assert_eq!(language_code("EN"), Some("en"));
        assert_eq!(language_code("français"), Some("fr"));
        assert_eq!(language_code("klingon"), None);
    }

    #[test]
    fn names_in_the_readers_language() {
        assert_eq!(country_name(Locale::de, "PL"), "Polen");
        assert_eq!(country_name(Locale::uk, "DE"), "Німеччина");
        assert_eq!(country_name(Locale::fr, "xx"), "xx");
        assert_eq!(language_name(Locale::sv, "de"), "tyska");
    }

    #[test]
    fn sorted_by_the_readers_alphabet() {
        let uk: Vec<&str> = countries_sorted(Locale::uk).iter().map(|c| c.1).collect();
        let pos = |v: &[&str], n: &str| v.iter().position(|x| *x == n).unwrap();
        // Ukrainian order: є after е, і after и, ґ after г.
        assert!(pos(&uk, "Естонія") < pos(&uk, "Ірландія"));
        assert!(pos(&uk, "Ірландія") < pos(&uk, "Кіпр"));
        assert!(pos(&uk, "Грузія") < pos(&uk, "Данія"));
        let sv: Vec<&str> = countries_sorted(Locale::sv).iter().map(|c| c.1).collect();
        assert!(
            pos(&sv, "Vatikanstaten") < pos(&sv, "Österrike"),
            "ö after v in Swedish"
        );
        let de: Vec<&str> = countries_sorted(Locale::de).iter().map(|c| c.1).collect();
        assert!(pos(&de, "Norwegen") < pos(&de, "Österreich"));
        assert!(
            pos(&de, "Österreich") < pos(&de, "Polen"),
            "ö as o in German"
        );
        let pl: Vec<&str> = countries_sorted(Locale::pl).iter().map(|c| c.1).collect();
        assert!(pos(&pl, "Litwa") < pos(&pl, "Łotwa") && pos(&pl, "Łotwa") < pos(&pl, "Malta"));
    }
}
