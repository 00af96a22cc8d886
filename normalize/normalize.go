// Package normalize turns the text of Vietnamese web pages into one
// canonical form, and gives the folded match key used to find things in it.
//
// Provisional core: the normalize owner replaces this file.
package normalize

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// String returns s in canonical form: NFC, canonical tone placement,
// invisible characters removed, spaces folded.
func String(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u00ad':
			continue
		case r == '\n':
			b.WriteRune(r)
			space = false
			continue
		case unicode.IsSpace(r):
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Fold returns the match key of s: lower case, no diacritics, đ → d. The key
// has as many runes as s, so rune offsets found in it point into s.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(FoldRune(r))
	}
	return b.String()
}

// FoldRune folds one rune.
func FoldRune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	}
	if r == 'đ' || r == 'Đ' {
		return 'd'
	}
	d := norm.NFD.String(string(r))
	for _, c := range d {
		return unicode.ToLower(c)
	}
	return r
}
