//! Ukrainian → Latin by Ukraine's national romanization (Cabinet of Ministers
//! resolution No. 55 of 27 January 2010), the form used on passports, road
//! signs and by GeoNames, and the Latin slugs built from it.

/// Apostrophe forms met in Ukrainian text: typewriter, typographic, modifier letter, backtick.
pub const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '`'];

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || APOSTROPHES.contains(&c)
}

/// Latin form of one lower-case Ukrainian letter. `initial` is true at the start of a word,
/// where є ї й ю я keep their "y" forms.
fn letter(c: char, initial: bool) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "h",
        'ґ' => "g",
        'д' => "d",
        'е' => "e",
        'є' if initial => "ye",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' => "y",
        'і' => "i",
        'ї' if initial => "yi",
        'ї' => "i",
        'й' if initial => "y",
        'й' => "i",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ю' if initial => "yu",
        'ю' => "iu",
        'я' if initial => "ya",
        'я' => "ia",
        'ь' => "",
        _ => return None,
    })
}

/// Romanizes Ukrainian text. Characters that are not Ukrainian letters pass through
/// unchanged, apostrophes and the soft sign are dropped, `зг` becomes `zgh`
/// (so it is not read as `zh`), and capitals stay capitals (`Щ` → `Shch`, `ЩУКА` → `SHCHUKA`).
pub fn romanize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for (i, &c) in chars.iter().enumerate() {
        if APOSTROPHES.contains(&c) && i > 0 && chars[i - 1].is_alphabetic() {
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        let initial = i == 0 || !is_word_char(chars[i - 1]);
        let Some(latin) = letter(lower, initial) else {
            out.push(c);
            continue;
        };
        let prev_lower = i
            .checked_sub(1)
            .map(|p| chars[p].to_lowercase().next().unwrap_or(chars[p]));
        let latin = if lower == 'г' && prev_lower == Some('з') {
            "gh"
        } else {
            latin
        };
        if latin.is_empty() {
            continue;
        }
        if c.is_uppercase() {
            let next_upper = chars.get(i + 1).is_some_and(|n| n.is_uppercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if next_upper || (prev_upper && !chars.get(i + 1).is_some_and(|n| n.is_lowercase())) {
                out.push_str(&latin.to_uppercase());
            } else {
                let mut it = latin.chars();
                if let Some(first) = it.next() {
                    out.extend(first.to_uppercase());
                    out.push_str(it.as_str());
                }
            }
        } else {
            out.push_str(latin);
        }
    }
    out
}

/// A URL slug: lower-case ASCII letters and digits joined by single hyphens.
/// Ukrainian text is romanized first; Latin letters with diacritics lose them.
pub fn slugify(text: &str) -> String {
    let latin = romanize(text);
    let mut slug = String::with_capacity(latin.len());
    for c in latin.chars().flat_map(char::to_lowercase) {
        if APOSTROPHES.contains(&c) {
            continue;
        }
        let mapped = fold_latin(c);
        if mapped.is_empty() {
            if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        } else {
            slug.push_str(mapped);
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// ASCII form of a lower-case Latin letter or digit; empty for anything that separates words.
fn fold_latin(c: char) -> &'static str {
    const PLAIN: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    if let Some(i) = PLAIN.find(c) {
        return &PLAIN[i..i + 1];
    }
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ā' | 'ă' | 'ą' | 'å' => "a",
        'ä' | 'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'ğ' | 'ģ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => "i",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ō' | 'ő' => "o",
        'ö' | 'ø' | 'œ' => "oe",
        'ŕ' | 'ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ū' | 'ů' | 'ű' | 'ų' => "u",
        'ü' => "ue",
        'ý' | 'ÿ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples printed in resolution No. 55 itself.
    #[test]
    fn official_examples() {
        let table = [
            ("Алушта", "Alushta"),
            ("Андрій", "Andrii"),
            ("Борщагівка", "Borshchahivka"),
            ("Борисенко", "Borysenko"),
            ("Вінниця", "Vinnytsia"),
            ("Володимир", "Volodymyr"),
            ("Гадяч", "Hadiach"),
            ("Богдан", "Bohdan"),
            ("Згурський", "Zghurskyi"),
            ("Ґалаґан", "Galagan"),
            ("Ґорґани", "Gorgany"),
            ("Донецьк", "Donetsk"),
            ("Дмитро", "Dmytro"),
            ("Рівне", "Rivne"),
            ("Олег", "Oleh"),
            ("Есмань", "Esman"),
            ("Єнакієве", "Yenakiieve"),
            ("Гаєвич", "Haievych"),
            ("Короп'є", "Koropie"),
            ("Житомир", "Zhytomyr"),
            ("Жанна", "Zhanna"),
            ("Жежелів", "Zhezheliv"),
            ("Закарпаття", "Zakarpattia"),
            ("Казимирчук", "Kazymyrchuk"),
            ("Медвин", "Medvyn"),
            ("Михайленко", "Mykhailenko"),
            ("Іванків", "Ivankiv"),
            ("Іващенко", "Ivashchenko"),
            ("Їжакевич", "Yizhakevych"),
            ("Кадиївка", "Kadyivka"),
            ("Мар'їне", "Marine"),
            ("Йосипівка", "Yosypivka"),
            ("Стрий", "Stryi"),
            ("Олексій", "Oleksii"),
            ("Київ", "Kyiv"),
            ("Коваленко", "Kovalenko"),
            ("Лебедин", "Lebedyn"),
            ("Леонід", "Leonid"),
            ("Миколаїв", "Mykolaiv"),
            ("Маринич", "Marynych"),
            ("Ніжин", "Nizhyn"),
            ("Наталія", "Nataliia"),
            ("Одеса", "Odesa"),
            ("Онищенко", "Onyshchenko"),
            ("Полтава", "Poltava"),
            ("Петро", "Petro"),
            ("Решетилівка", "Reshetylivka"),
            ("Рибчинський", "Rybchynskyi"),
            ("Суми", "Sumy"),
            ("Соломія", "Solomiia"),
            ("Тернопіль", "Ternopil"),
            ("Троць", "Trots"),
            ("Ужгород", "Uzhhorod"),
            ("Уляна", "Uliana"),
            ("Фастів", "Fastiv"),
            ("Філіпчук", "Filipchuk"),
            ("Харків", "Kharkiv"),
            ("Христина", "Khrystyna"),
            ("Біла Церква", "Bila Tserkva"),
            ("Стеценко", "Stetsenko"),
            ("Чернівці", "Chernivtsi"),
            ("Шевченко", "Shevchenko"),
            ("Шостка", "Shostka"),
            ("Кишеньки", "Kyshenky"),
            ("Щербухи", "Shcherbukhy"),
            ("Гоща", "Hoshcha"),
            ("Гаращенко", "Harashchenko"),
            ("Юрій", "Yurii"),
            ("Корюківка", "Koriukivka"),
            ("Яготин", "Yahotyn"),
            ("Ярошенко", "Yaroshenko"),
            ("Костянтин", "Kostiantyn"),
            ("Знам'янка", "Znamianka"),
            ("Феодосія", "Feodosiia"),
        ];
        for (uk, latin) in table {
            assert_eq!(romanize(uk), latin, "romanizing {uk}");
        }
    }

    #[test]
    fn zgh_and_apostrophe_forms() {
        assert_eq!(romanize("Згорани"), "Zghorany");
        assert_eq!(romanize("Розгон"), "Rozghon");
        assert_eq!(romanize("Білокам’яне"), "Bilokamiane");
        assert_eq!(romanize("Міжгірʼя"), "Mizhhiria");
    }

    #[test]
    fn word_initial_forms_after_hyphen_and_space() {
        assert_eq!(romanize("Івано-Франківськ"), "Ivano-Frankivsk");
        assert_eq!(romanize("Нова Ясенівка"), "Nova Yasenivka");
        assert_eq!(
            romanize("Велика Яблунька-Їжакова"),
            "Velyka Yablunka-Yizhakova"
        );
    }

    #[test]
    fn capitals_are_kept() {
        assert_eq!(romanize("ЩУКА"), "SHCHUKA");
        assert_eq!(romanize("Щука"), "Shchuka");
        assert_eq!(romanize("Жовква"), "Zhovkva");
    }

    #[test]
    fn latin_text_passes_through() {
        assert_eq!(romanize("Kyiv 2024"), "Kyiv 2024");
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_single_hyphens() {
        assert_eq!(slugify("Біла Церква"), "bila-tserkva");
        assert_eq!(slugify("Івано-Франківська"), "ivano-frankivska");
        assert_eq!(slugify("Мар'їнська"), "marinska");
        assert_eq!(slugify("  Кам’янець-Подільська  "), "kamianets-podilska");
        assert_eq!(slugify("Kraków"), "krakow");
        assert_eq!(slugify("München"), "muenchen");
        assert_eq!(
            slugify("Saint-Étienne-du-Rouvray"),
            "saint-etienne-du-rouvray"
        );
        assert_eq!(
            slugify("Rüti / Dorfzentrum, Südl. Teil"),
            "rueti-dorfzentrum-suedl-teil"
        );
        assert_eq!(slugify("Łódź"), "lodz");
        assert_eq!(slugify("---"), "");
    }
}

/// The customary transcriptions of Ukrainian names in other languages' press and atlases:
/// German (Duden: Гоща → Hoschtscha, Чернігів → Tschernihiw), Polish (Hoszcza,
/// Czernihiw) and French (Hochtcha, Tchernihiv). Search indexes them beside the national
/// romanization, so a reader finds a place spelled the way their newspaper spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transcription {
    German,
    Polish,
    French,
}

impl Transcription {
    pub const ALL: [Transcription; 3] = [
        Transcription::German,
        Transcription::Polish,
        Transcription::French,
    ];
}

fn is_cyrillic_vowel(c: char) -> bool {
    "аеєиіїоуюя".contains(c)
}

/// `text` in the customary transcription of `system`, lower case (for the search index).
pub fn transcribe(text: &str, system: Transcription) -> String {
    use Transcription::*;
    let chars: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, &c) in chars.iter().enumerate() {
        if APOSTROPHES.contains(&c) {
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        // After a consonant (not at a word's start, a vowel or an apostrophe).
        let after_consonant =
            prev.is_some_and(|p| p.is_alphabetic() && !is_cyrillic_vowel(p) && p != 'ь');
        let between_vowels =
            prev.is_some_and(is_cyrillic_vowel) && next.is_some_and(is_cyrillic_vowel);
        // Polish softens a consonant before і, є, ю, я and ь.
        let soft_next = next.is_some_and(|n| "ієюяь".contains(n));
        let s: &str = match (system, c) {
            (_, 'а') => "a",
            (_, 'б') => "b",
            (German | Polish, 'в') => "w",
            (French, 'в') => "v",
            (_, 'г') => "h",
            (_, 'ґ') => "g",
            (_, 'д') => "d",
            (_, 'е') => "e",
            (German, 'є') => "je",
            (Polish, 'є') if after_consonant => "ie",
            (Polish, 'є') => "je",
            (French, 'є') => "ie",
            (German, 'ж') => "sch",
            (Polish, 'ж') => "ż",
            (French, 'ж') => "j",
            (German, 'з') => "s",
            (Polish | French, 'з') => "z",
            (_, 'и') => "y",
            (_, 'і') => "i",
            (German | Polish, 'ї') => "ji",
            (French, 'ї') => "ï",
            (German | Polish, 'й') => "j",
            (French, 'й') => "ï",
            (_, 'к') => "k",
            (Polish, 'л') if !soft_next => "ł",
            (_, 'л') => "l",
            (_, 'м') => "m",
            (_, 'н') => "n",
            (_, 'о') => "o",
            (_, 'п') => "p",
            (_, 'р') => "r",
            (German | French, 'с') if between_vowels => "ss",
            (_, 'с') => "s",
            (_, 'т') => "t",
            (German | Polish, 'у') => "u",
            (French, 'у') => "ou",
            (_, 'ф') => "f",
            (German | Polish, 'х') => "ch",
            (French, 'х') => "kh",
            (German, 'ц') => "z",
            (Polish, 'ц') => "c",
            (French, 'ц') => "ts",
            (German, 'ч') => "tsch",
            (Polish, 'ч') => "cz",
            (French, 'ч') => "tch",
            (German, 'ш') => "sch",
            (Polish, 'ш') => "sz",
            (French, 'ш') => "ch",
            (German, 'щ') => "schtsch",
            (Polish, 'щ') => "szcz",
            (French, 'щ') => "chtch",
            (_, 'ь') => "",
            (German, 'ю') => "ju",
            (Polish, 'ю') if after_consonant => "iu",
            (Polish, 'ю') => "ju",
            (French, 'ю') => "iou",
            (German, 'я') => "ja",
            (Polish, 'я') if after_consonant => "ia",
            (Polish, 'я') => "ja",
            (French, 'я') => "ia",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(s);
    }
    out
}

#[cfg(test)]
mod transcription_tests {
    use super::{transcribe, Transcription::*};

    #[test]
    fn names_as_newspapers_spell_them() {
        assert_eq!(transcribe("Гоща", German), "hoschtscha");
        assert_eq!(transcribe("Гоща", Polish), "hoszcza");
        assert_eq!(transcribe("Гоща", French), "hochtcha");
        assert_eq!(transcribe("Чернігів", German), "tschernihiw");
        assert_eq!(transcribe("Чернігів", Polish), "czernihiw");
        assert_eq!(transcribe("Чернігів", French), "tchernihiv");
        assert_eq!(transcribe("Львів", German), "lwiw");
        assert_eq!(transcribe("Львів", Polish), "lwiw");
        assert_eq!(transcribe("Житомир", German), "schytomyr");
        assert_eq!(transcribe("Одеса", German), "odessa");
        assert_eq!(transcribe("Київ", German), "kyjiw");
        assert_eq!(transcribe("Полтава", Polish), "połtawa");
        assert_eq!(transcribe("Запоріжжя", Polish), "zaporiżżia");
    }
}
