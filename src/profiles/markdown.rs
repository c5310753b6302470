//! The Markdown subset profile texts may use: paragraphs, line breaks, **bold**, *italic*,
//! bullet (`- `) and numbered (`1. `) lists, and links `[text](https://…)`. It is parsed into
//! this small tree and rendered as elements (never as an HTML string), so no markup a user
//! types can reach the page: text is always escaped, there are no attributes but a link's
//! address, and links go only to `http(s)://` and `mailto:` addresses.

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Em(Vec<Inline>),
    Link { text: String, href: String },
    Break,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Paragraph(Vec<Inline>),
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

/// A link target we render, or `None` for anything else (`javascript:`, `data:`, relative…).
pub fn safe_href(href: &str) -> Option<String> {
    let h = href.trim();
    let lower = h.to_ascii_lowercase();
    let ok = (lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:"))
        && !h
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    ok.then(|| h.to_string())
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return Some((false, rest));
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < 4 {
        if let Some(rest) = t[digits..].strip_prefix(". ") {
            return Some((true, rest));
        }
    }
    None
}

/// The blocks of a text.
pub fn parse(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut list: Option<(bool, Vec<Vec<Inline>>)> = None;
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            let mut inl = Vec::new();
            for (i, line) in para.iter().enumerate() {
                if i > 0 {
                    inl.push(Inline::Break);
                }
                inl.extend(inline(line.trim()));
            }
            blocks.push(Block::Paragraph(inl));
            para.clear();
        }
    };
    let flush_list = |list: &mut Option<(bool, Vec<Vec<Inline>>)>, blocks: &mut Vec<Block>| {
        if let Some((ordered, items)) = list.take() {
            blocks.push(Block::List { ordered, items });
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut list, &mut blocks);
        } else if let Some((ordered, rest)) = list_item(line) {
            flush_para(&mut para, &mut blocks);
            match &mut list {
                Some((o, items)) if *o == ordered => items.push(inline(rest.trim())),
                _ => {
                    flush_list(&mut list, &mut blocks);
                    list = Some((ordered, vec![inline(rest.trim())]));
                }
            }
        } else {
            flush_list(&mut list, &mut blocks);
            para.push(line);
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut list, &mut blocks);
    blocks
}

/// Inline marks of one line.
pub fn inline(s: &str) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut text = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let find = |from: usize, pat: &[char]| -> Option<usize> {
        (from..chars.len().saturating_sub(pat.len() - 1)).find(|&j| chars[j..j + pat.len()] == *pat)
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '*' && chars.get(i + 1) == Some(&'*') {
            if let Some(end) = find(i + 2, &['*', '*']).filter(|&e| e > i + 2) {
                flush(&mut text, &mut out);
                out.push(Inline::Strong(inline(
                    &chars[i + 2..end].iter().collect::<String>(),
                )));
                i = end + 2;
                continue;
            }
        } else if c == '*' || c == '_' {
            if let Some(end) = find(i + 1, &[c]).filter(|&e| e > i + 1) {
                flush(&mut text, &mut out);
                out.push(Inline::Em(inline(
                    &chars[i + 1..end].iter().collect::<String>(),
                )));
                i = end + 1;
                continue;
            }
        } else if c == '[' {
            if let Some(close) = find(i + 1, &[']', '(']) {
                if let Some(end) = find(close + 2, &[')']) {
                    let label: String = chars[i + 1..close].iter().collect();
                    let href: String = chars[close + 2..end].iter().collect();
                    if let Some(href) = safe_href(&href) {
                        flush(&mut text, &mut out);
                        out.push(Inline::Link { text: label, href });
                        i = end + 1;
                        continue;
                    }
                }
            }
        }
        text.push(c);
        i += 1;
    }
    flush(&mut text, &mut out);
    out
}

fn flush(text: &mut String, out: &mut Vec<Inline>) {
    if !text.is_empty() {
        out.push(Inline::Text(std::mem::take(text)));
    }
}

/// The text without marks (for link previews, search and meta descriptions).
pub fn plain(text: &str) -> String {
    fn walk(inl: &[Inline], out: &mut String) {
        for i in inl {
            match i {
                Inline::Text(t) => out.push_str(t),
                Inline::Strong(x) | Inline::Em(x) => walk(x, out),
                Inline::Link { text, .. } => out.push_str(text),
                Inline::Break => out.push(' '),
            }
        }
    }
    let mut out = String::new();
    for b in parse(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        match b {
            Block::Paragraph(x) => walk(&x, &mut out),
            Block::List { items, .. } => {
                for (n, item) in items.iter().enumerate() {
                    if n > 0 {
                        out.push_str("; ");
                    }
                    walk(item, &mut out);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_and_marks() {
        let b = parse("We are **proud** of *our* river.\nSecond line.\n\n- Water\n- Energy\n\n1. First\n2. Second");
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0],
            Block::Paragraph(vec![
                Inline::Text("We are ".into()),
                Inline::Strong(vec![Inline::Text("proud".into())]),
                Inline::Text(" of ".into()),
                Inline::Em(vec![Inline::Text("our".into())]),
                Inline::Text(" river.".into()),
                Inline::Break,
                Inline::Text("Second line.".into()),
            ])
        );
        assert!(matches!(&b[1], Block::List { ordered: false, items } if items.len() == 2));
        assert!(matches!(&b[2], Block::List { ordered: true, items } if items.len() == 2));
    }

    #[test]
    fn only_web_and_mail_links() {
        assert_eq!(
            inline("See [our site](https://hoshcha.gov.ua)."),
            vec![
                Inline::Text("See ".into()),
                Inline::Link {
                    text: "our site".into(),
                    href: "https://hoshcha.gov.ua".into()
                },
                Inline::Text(".".into()),
            ]
        );
        for bad in [
            "[x](javascript:alert(1))",
            "[x](data:text/html,hi)",
            "[x](/relative)",
            "[x](https://a.ua\" onclick=\"y)",
        ] {
            assert!(
                inline(bad).iter().all(|i| matches!(i, Inline::Text(_))),
                "{bad}"
            );
        }
        assert_eq!(plain("**A** [b](https://x.ua)\n\n- c\n- d"), "A b c; d");
    }

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            inline("<script>alert(1)</script>"),
            vec![Inline::Text("<script>alert(1)</script>".into())]
        );
        assert_eq!(inline("2 * 3 = 6"), vec![Inline::Text("2 * 3 = 6".into())]);
    }
}
