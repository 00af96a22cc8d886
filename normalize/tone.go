package normalize

import (
	"unicode"
	"unicode/utf8"
)

// Tone placement. Official names put the tone mark of the open syllables
// "oa", "oe" and "uy" on the first vowel ("hòa", "khỏe", "thủy", "Ủy"), the
// placement spec/record.md requires; the old style puts it on the second
// ("hoà", "khoẻ", "thuỷ", "Uỷ"). fixTone rewrites the old style into the
// official one where the syllable ends in that vowel pair, the pair is the
// whole nucleus (no vowel before it: "gi" counts as a vowel, so "gi…" is
// left alone) and it does not follow "q" (the u of "qu" belongs to the
// onset: "quý"). A final consonant leaves the mark where it is in both
// styles ("hoàn", "toán", "thuyết").

// toneCandidate reports whether the vowel pair (first, second) is an
// old-style pair: o + marked a/e, or u + marked y.
func toneCandidate(first byte, second rune) bool {
	q, t, _ := vowelOf(second)
	if t == 0 {
		return false
	}
	switch first | 0x20 {
	case 'o':
		return q == qA || q == qE
	case 'u':
		return q == qY
	}
	return false
}

// isWordRune reports whether r continues a syllable.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r|0x20 && r|0x20 <= 'z'
	}
	return unicode.IsLetter(r) || unicode.IsMark(r)
}

// fixTone returns b with old-style tone placement rewritten in a new slice,
// and whether anything changed; when nothing changed it returns b itself.
func fixTone(b []byte) ([]byte, bool) {
	var out []byte
	last := 0 // b[last:] is not yet copied to out
	for i := 0; i+1 < len(b); i++ {
		c := b[i]
		if (c|0x20 != 'o' && c|0x20 != 'u') || b[i+1] < utf8.RuneSelf {
			continue
		}
		second, size := utf8.DecodeRune(b[i+1:])
		if !toneCandidate(c, second) {
			continue
		}
		end := i + 1 + size
		if end < len(b) {
			if next, _ := utf8.DecodeRune(b[end:]); isWordRune(next) {
				continue
			}
		}
		if i > 0 {
			if prev, _ := utf8.DecodeLastRune(b[:i]); blocksTone(prev) {
				continue
			}
		}
		q2, tone, up2 := vowelOf(second)
		q1 := qO
		if c|0x20 == 'u' {
			q1 = qU
		}
		if out == nil {
			out = make([]byte, 0, len(b)+8)
		}
		out = append(out, b[last:i]...)
		out = utf8.AppendRune(out, vowelRune(q1, tone, c < 'a'))
		out = utf8.AppendRune(out, vowelRune(q2, 0, up2))
		last = end
		i = end - 1
	}
	if out == nil {
		return b, false
	}
	return append(out, b[last:]...), true
}

// blocksTone reports whether the rune before an old-style vowel pair keeps
// it as it is: a vowel (the pair is not the whole nucleus; this covers
// "gi"), a 'q' ("qu") or a combining mark.
func blocksTone(prev rune) bool {
	if q, _, _ := vowelOf(prev); q != 0 {
		return true
	}
	p := FoldRune(prev)
	return p == 'q' || p == 'a' || p == 'e' || p == 'i' || p == 'o' || p == 'u' || p == 'y' || unicode.IsMark(prev)
}
