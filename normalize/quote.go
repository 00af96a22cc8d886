package normalize

// Quotes and dashes are kept as they are written; these tell them apart.
// The straight quotes '"' and '\'' are both opening and closing.

// IsOpenQuote reports whether r can open a quotation: “ ‘ « ‹ „ ‚ ‟ ‛ 「 『
// 〝 " '.
func IsOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '«', '‹', '„', '‚', '‟', '‛', '「', '『', '〝', '＂', '＇':
		return true
	}
	return false
}

// IsCloseQuote reports whether r can close a quotation: ” ’ » › 」 』 〞 〟
// " '.
func IsCloseQuote(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', '›', '」', '』', '〞', '〟', '＂', '＇':
		return true
	}
	return false
}

// IsQuote reports whether r is a quotation mark.
func IsQuote(r rune) bool { return IsOpenQuote(r) || IsCloseQuote(r) }

// IsDash reports whether r is a hyphen or dash: - ‐ ‑ ‒ – — ― − ⁃ ﹘ ﹣ －.
func IsDash(r rune) bool {
	switch r {
	case '-', '‐', '‑', '‒', '–', '—', '―', '−', '⁃', '⸺', '⸻', '﹘', '﹣', '－', '\u058A', '\u05BE':
		return true
	}
	return false
}
