//! An in-memory word index with prefix and typo-tolerant matching.
//!
//! Documents (communities, municipalities) are numbered by the caller. Each word of a document
//! is stored with the class of field it came from (lower is better: a name beats a settlement,
//! a settlement beats free text) and an `aux` number the caller uses to say which settlement or
//! name matched. Full names are also kept whole, so an exact or prefix match of the whole query
//! against a name ranks first.

use super::fold::{distance_within, typos_allowed, words};
use std::collections::HashMap;

/// The longest search text read; a longer one is refused by the server functions and
/// cut here (a name and a few words fit many times over).
pub const MAX_QUERY_CHARS: usize = 200;

/// How one query word met a document word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Quality {
    Exact = 0,
    Prefix = 1,
    Typo = 2,
}

/// Rank of a hit, best first: whole-name match, then hits without typos before hits that
/// needed one, then the worst field class any query word had to use, then the worst quality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    /// 0: the query is a whole name; 1: a name starts with the query; 2: otherwise.
    pub tier: u8,
    pub typo: bool,
    pub class: u8,
    pub quality: Quality,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub rank: Rank,
    /// The field class and caller's number of the weakest word match (what made it a hit).
    pub via: (u8, u32),
}

/// Ordered by class first: each term's name postings (class 0) come first, so a short prefix
/// typed so far can look at names only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Posting {
    class: u8,
    doc: u32,
    aux: u32,
}

#[derive(Default)]
pub struct Builder {
    term_ids: HashMap<String, u32>,
    postings: Vec<Vec<Posting>>,
    phrases: Vec<(u32, String)>,
}

impl Builder {
    fn term(&mut self, w: String) -> u32 {
        let next = self.term_ids.len() as u32;
        *self.term_ids.entry(w).or_insert_with(|| {
            self.postings.push(Vec::new());
            next
        })
    }

    /// Indexes every word of `text` for `doc`.
    pub fn add(&mut self, doc: u32, class: u8, aux: u32, text: &str) {
        for w in words(text) {
            let t = self.term(w);
            self.postings[t as usize].push(Posting { doc, class, aux });
        }
    }

    /// A whole name of `doc` (class 0), also matched as a phrase.
    pub fn add_name(&mut self, doc: u32, aux: u32, name: &str) {
        self.add(doc, 0, aux, name);
        let folded = words(name).join(" ");
        if !folded.is_empty() {
            self.phrases.push((doc, folded));
        }
    }

    pub fn build(self) -> Index {
        let mut terms: Vec<(String, u32)> = self.term_ids.into_iter().collect();
        terms.sort();
        let mut old_postings = self.postings;
        let mut postings = Vec::with_capacity(terms.len());
        let mut grams: HashMap<u16, Vec<u32>> = HashMap::new();
        let mut term_text = Vec::with_capacity(terms.len());
        for (new_id, (w, old)) in terms.into_iter().enumerate() {
            let mut p = std::mem::take(&mut old_postings[old as usize]);
            p.sort();
            p.dedup();
            postings.push(p.into_boxed_slice());
            let mut gs = bigrams(w.as_bytes());
            gs.sort();
            gs.dedup();
            for g in gs {
                grams.entry(g).or_default().push(new_id as u32);
            }
            term_text.push(w.into_boxed_str());
        }
        let mut phrases: HashMap<u32, Vec<Box<str>>> = HashMap::new();
        for (doc, p) in self.phrases {
            let list = phrases.entry(doc).or_default();
            if !list.iter().any(|x| **x == *p) {
                list.push(p.into_boxed_str());
            }
        }
        let docs = postings
            .iter()
            .flat_map(|p| p.iter().map(|x| x.doc as usize + 1))
            .max()
            .unwrap_or(0);
        Index {
            terms: term_text,
            postings,
            grams,
            phrases,
            docs,
        }
    }
}

fn bigrams(w: &[u8]) -> Vec<u16> {
    let mut padded = Vec::with_capacity(w.len() + 2);
    padded.push(b'^');
    padded.extend_from_slice(w);
    padded.push(b'$');
    padded
        .windows(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p[1]))
        .collect()
}

pub struct Index {
    terms: Vec<Box<str>>,
    postings: Vec<Box<[Posting]>>,
    grams: HashMap<u16, Vec<u32>>,
    phrases: HashMap<u32, Vec<Box<str>>>,
    docs: usize,
}

/// A word match packed into one number that orders as hits rank: typo, field class, quality,
/// then the caller's `aux`.
fn pack(class: u8, quality: Quality, aux: u32) -> u64 {
    (u64::from(quality == Quality::Typo) << 48)
        | (u64::from(class) << 40)
        | ((quality as u64) << 32)
        | u64::from(aux)
}

fn unpack(k: u64) -> (bool, u8, Quality, u32) {
    let quality = match (k >> 32) & 0xff {
        0 => Quality::Exact,
        1 => Quality::Prefix,
        _ => Quality::Typo,
    };
    (
        (k >> 48) & 1 == 1,
        ((k >> 40) & 0xff) as u8,
        quality,
        k as u32,
    )
}

impl Index {
    pub fn terms(&self) -> usize {
        self.terms.len()
    }

    /// Terms matching one query word, with how well they match.
    fn matching_terms(&self, word: &str, as_prefix: bool) -> Vec<(u32, Quality)> {
        let mut out = Vec::new();
        let start = self.terms.partition_point(|t| **t < *word);
        if as_prefix {
            for (i, t) in self.terms[start..].iter().enumerate() {
                if !t.starts_with(word) {
                    break;
                }
                let q = if **t == *word {
                    Quality::Exact
                } else {
                    Quality::Prefix
                };
                out.push(((start + i) as u32, q));
            }
        } else if self.terms.get(start).is_some_and(|t| **t == *word) {
            out.push((start as u32, Quality::Exact));
        }
        let k = typos_allowed(word.len());
        if k > 0 {
            let q = bigrams(word.as_bytes());
            let mut qs = q.clone();
            qs.sort();
            qs.dedup();
            // An insertion, deletion or substitution spoils at most two bigrams, a
            // transposition of neighbours three.
            let need = q.len().saturating_sub(3 * k).max(1);
            let mut counts = vec![0u8; self.terms.len()];
            let mut seen: Vec<u32> = Vec::new();
            for g in &qs {
                if let Some(list) = self.grams.get(g) {
                    for &t in list {
                        let c = &mut counts[t as usize];
                        if *c == 0 {
                            seen.push(t);
                        }
                        *c = c.saturating_add(1);
                    }
                }
            }
            for t in seen {
                if usize::from(counts[t as usize]) < need {
                    continue;
                }
                let term = self.terms[t as usize].as_bytes();
                if term == word.as_bytes() || (as_prefix && term.starts_with(word.as_bytes())) {
                    continue;
                }
                if distance_within(word.as_bytes(), term, k).is_some() {
                    out.push((t, Quality::Typo));
                }
            }
        }
        out
    }

    /// Every document matching all words of `query` (its first [`MAX_QUERY_CHARS`]). The last word also matches as a prefix
    /// when `typing` is set (the reader has not finished it).
    pub fn search(&self, query: &str, typing: bool) -> Vec<Hit> {
        // Bounded work whatever was sent: the first characters and words only.
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let qwords: Vec<String> = words(&query).into_iter().take(8).collect();
        if qwords.is_empty() {
            return Vec::new();
        }
        let phrase = qwords.join(" ");
        // Dense per-document state: how many words matched so far, the weakest match so far,
        // and the best match of the current word.
        let mut matched = vec![0u8; self.docs];
        let mut worst = vec![0u64; self.docs];
        let mut best = vec![u64::MAX; self.docs];
        let mut alive: Vec<u32> = Vec::new();
        for (i, w) in qwords.iter().enumerate() {
            let as_prefix = typing && i + 1 == qwords.len();
            let mut this_word: Vec<u32> = Vec::new();
            // One or two letters typed so far: match the start of names only, not every
            // settlement or other name (the list would be long and slow to rank).
            let names_only = as_prefix && w.len() < 3;
            for (t, quality) in self.matching_terms(w, as_prefix) {
                let postings = &self.postings[t as usize];
                let postings = if names_only {
                    &postings[..postings.partition_point(|p| p.class == 0)]
                } else {
                    &postings[..]
                };
                for p in postings {
                    let d = p.doc as usize;
                    if usize::from(matched[d]) != i {
                        continue;
                    }
                    let key = pack(p.class, quality, p.aux);
                    if best[d] == u64::MAX {
                        this_word.push(p.doc);
                        best[d] = key;
                    } else if key < best[d] {
                        best[d] = key;
                    }
                }
            }
            if this_word.is_empty() {
                return Vec::new();
            }
            for &d in &this_word {
                let d = d as usize;
                matched[d] += 1;
                worst[d] = worst[d].max(best[d]);
                best[d] = u64::MAX;
            }
            alive = this_word;
        }
        alive
            .into_iter()
            .map(|doc| {
                let (typo, class, quality, aux) = unpack(worst[doc as usize]);
                let names = self.phrases.get(&doc).map(Vec::as_slice).unwrap_or(&[]);
                let tier = if names.iter().any(|n| **n == *phrase) {
                    0
                } else if typing && names.iter().any(|n| n.starts_with(phrase.as_str())) {
                    1
                } else {
                    2
                };
                Hit {
                    doc,
                    rank: Rank {
                        tier,
                        typo,
                        class,
                        quality,
                    },
                    via: (class, aux),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Index {
        let mut b = Builder::default();
        b.add_name(0, 0, "Львівська");
        b.add_name(0, 1, "Lvivska");
        b.add_name(0, 2, "Lemberg");
        b.add(0, 1, 7, "Винники");
        b.add_name(1, 0, "Одеська");
        b.add_name(1, 1, "Odesa");
        b.add(1, 3, 0, "port logistics energy");
        b.add_name(2, 0, "Запорізька");
        b.add(2, 1, 3, "Запоріжжя");
        b.build()
    }

    fn docs(hits: &[Hit]) -> Vec<u32> {
        let mut d: Vec<u32> = hits.iter().map(|h| h.doc).collect();
        d.sort();
        d
    }

    #[test]
    fn names_prefixes_typos_and_fields() {
        let ix = index();
        let h = ix.search("lemberg", false);
        assert_eq!(docs(&h), vec![0]);
        assert_eq!(h[0].rank.tier, 0);
        // Prefix only while typing.
        assert_eq!(docs(&ix.search("lviv", true)), vec![0]);
        assert!(ix.search("lvi", false).is_empty());
        // One typo from five letters: Odessa → Odesa.
        let h = ix.search("Odessa", false);
        assert_eq!(docs(&h), vec![1]);
        assert_eq!(h[0].rank.quality, Quality::Typo);
        // Four letters allow none.
        assert!(ix.search("odes", false).is_empty());
        // A settlement is found, and says which.
        let h = ix.search("винники", false);
        assert_eq!(h[0].via, (1, 7));
        assert_eq!(h[0].rank.class, 1);
        // Every word must match.
        assert_eq!(docs(&ix.search("odesa port", false)), vec![1]);
        assert!(ix.search("odesa lemberg", false).is_empty());
        // Two typos from nine letters.
        assert_eq!(docs(&ix.search("Zaporizhia", false)), vec![2]);
    }
}
