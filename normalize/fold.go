package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the match key of s: lower case, no diacritics, đ → d
// ("Đắk Lắk" → "dak lak"). The key has exactly one rune for each rune of s
// (an invalid byte counts as one rune and becomes U+FFFD), so a rune offset
// found in the key points at the same place in s. Fold expects text in the
// canonical form of String; a combining mark left in s stays in the key.
func Fold(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	var buf strings.Builder
	buf.Grow(len(s))
	buf.WriteString(s[:i])
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if f := FoldRune(r); f < utf8.RuneSelf {
			buf.WriteByte(byte(f))
		} else {
			buf.WriteRune(f)
		}
	}
	return buf.String()
}

// FoldRune folds one rune: lower case, no diacritics, đ/Đ → d.
func FoldRune(r rune) rune {
	switch {
	case r < 0x250:
		if r < 0 {
			return utf8.RuneError
		}
		return foldLatin[r]
	case 0x1E00 <= r && r < 0x1F00:
		return foldExt[r-0x1E00]
	case 0x300 <= r && r < 0x370: // combining marks fold to themselves
		return r
	}
	if !utf8.ValidRune(r) {
		return utf8.RuneError
	}
	// Outside the tables: the first rune of the canonical decomposition,
	// in lower case (no allocation).
	var buf [utf8.UTFMax]byte
	for range 4 {
		n := utf8.EncodeRune(buf[:], r)
		d := norm.NFD.Properties(buf[:n]).Decomposition()
		if d == nil {
			break
		}
		r, _ = utf8.DecodeRune(d)
	}
	return unicode.ToLower(r)
}
