//! Folding: one spelling-insensitive Latin form for every name and query, so that Київ,
//! Kyiv and KYÏV meet, ґ/г and і/и/ї/й confusions vanish, apostrophes of any kind
//! (' ’ ʼ `) are ignored, and Polish, German or French letters lose their marks (Lwów → lwow).

use crate::lang::translit::APOSTROPHES;

fn cyrillic(c: char) -> Option<&'static str> {
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ґ' => "h",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'є' => "ie",
        'ж' => "zh",
        'з' => "z",
        'и' | 'і' | 'ї' | 'й' | 'ы' => "i",
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
        'ю' => "iu",
        'я' => "ia",
        'ь' | 'ъ' => "",
        _ => return None,
    })
}

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            out.push(std::mem::take(word));
        }
    };
    for c in text.chars().flat_map(char::to_lowercase) {
        if APOSTROPHES.contains(&c) || c == 'ʻ' || c == '‘' {
            continue;
        }
        if let Some(latin) = cyrillic(c) {
            word.push_str(latin);
        } else if c.is_ascii_alphanumeric() {
            // y and i are one letter here: Kyiv, Kiiv and Київ meet.
            word.push(if c == 'y' { 'i' } else { c });
        } else if c.is_alphabetic() {
            for d in deunicode::deunicode_char(c).unwrap_or("").chars() {
                if d.is_ascii_alphanumeric() {
                    let d = d.to_ascii_lowercase();
                    word.push(if d == 'y' { 'i' } else { d });
                }
            }
        } else {
            flush(&mut word, &mut out);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// All words of `text`, folded and joined by single spaces.
pub fn fold(text: &str) -> String {
    words(text).join(" ")
}

/// Edit distance with adjacent transpositions (optimal string alignment), or `None` once it
/// exceeds `max`.
pub fn distance_within(a: &[u8], b: &[u8], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[n] <= max).then_some(prev[n])
}

/// Typos forgiven in a word of this many letters: one from 5 letters, two from 9.
pub fn typos_allowed(len: usize) -> usize {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_spellings_meet() {
        assert_eq!(fold("Київ"), "kiiv");
        assert_eq!(fold("Kyiv"), "kiiv");
        assert_eq!(fold("KYÏV"), "kiiv");
        assert_eq!(fold("Львів"), fold("Lviv"));
        assert_eq!(fold("Lwów"), "lwow");
        assert_eq!(fold("Біла Церква"), "bila tserkva");
        assert_eq!(fold("Bila-Tserkva"), "bila tserkva");
        // Apostrophes of every kind, and none.
        assert_eq!(fold("Кам'янець"), fold("Камʼянець"));
        assert_eq!(fold("Кам’янець"), fold("Камянець"));
        // ґ/г and і/и/ї confusions.
        assert_eq!(fold("Ґоща"), fold("Гоща"));
        assert_eq!(fold("Киів"), fold("Київ"));
        assert_eq!(fold("Зaпоріжжя"), fold("Zaporizhzhia"));
        assert_eq!(fold("Mühlheim Straße"), "muhlheim strasse");
    }

    #[test]
    fn bounded_distance() {
        assert_eq!(distance_within(b"lviv", b"lviv", 0), Some(0));
        assert_eq!(distance_within(b"odesa", b"odessa", 1), Some(1));
        assert_eq!(distance_within(b"odesa", b"odeas", 1), Some(1));
        assert_eq!(distance_within(b"zaporizhzhia", b"zaporozhie", 1), None);
        assert_eq!(distance_within(b"zaporizhzhia", b"zaporizhia", 2), Some(2));
        assert_eq!(distance_within(b"kiiv", b"lviv", 1), None);
        assert_eq!(typos_allowed(4), 0);
        assert_eq!(typos_allowed(5), 1);
        assert_eq!(typos_allowed(9), 2);
    }
}
