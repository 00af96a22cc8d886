package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Vietnamese syllable plausibility, used to guess an encoding: the decoding
// that turns more words into well-formed Vietnamese syllables wins.

// qualityLetters spells the vowel qualities, indexed by quality.
var qualityLetters = []rune(" aăâeêioôơuưy")

var (
	onsets = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"}
	codas = []string{"ng", "nh", "ch", "c", "m", "n", "p", "t"}
)

// nuclei lists the vowel clusters of Vietnamese syllables, without tone,
// each between spaces.
const nuclei = " a ă â e ê i o ô ơ u ư y" +
	" ai ao au âu ay ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê" +
	" iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu "

// isSyllable reports whether the letters of w form a well-formed
// Vietnamese syllable (in any case, with at most one tone mark).
func isSyllable(w string) bool {
	// The longest syllable has seven letters ("nghiêng").
	var buf [7 * 3]byte
	n, letters, tones := 0, 0, 0
	for _, r := range w {
		if letters++; letters > 7 {
			return false
		}
		if q, t, _ := vowelOf(r); q != 0 {
			n += utf8.EncodeRune(buf[n:], qualityLetters[q])
			if t != 0 {
				tones++
			}
			continue
		}
		l := unicode.ToLower(r)
		switch {
		case l == 'đ':
			n += utf8.EncodeRune(buf[n:], l)
		case l < utf8.RuneSelf && strings.IndexByte("bcdghklmnpqrstvx", byte(l)) >= 0:
			buf[n] = byte(l)
			n++
		default:
			return false
		}
	}
	if tones > 1 || n == 0 {
		return false
	}
	s := string(buf[:n])
	for _, o := range onsets {
		if strings.HasPrefix(s, o) && len(s) > len(o) {
			if o == "gi" && !strings.ContainsAny(s[2:], "aăâeêioôơuưy") {
				o = "g"
			}
			s = s[len(o):]
			break
		}
	}
	for _, c := range codas {
		if strings.HasSuffix(s, c) && len(s) > len(c) {
			s = s[:len(s)-len(c)]
			break
		}
	}
	i := strings.Index(nuclei, s)
	return i > 0 && nuclei[i-1] == ' ' && i+len(s) < len(nuclei) && nuclei[i+len(s)] == ' '
}

// syllableScore counts the words of s that are well-formed Vietnamese
// syllables and those that are not. A word is a run of runes other than
// spaces, ASCII non-letters and punctuation from U+2000 up; words of ASCII
// letters only are not counted (they read the same in every encoding).
func syllableScore(s string) (valid, invalid int) {
	start, ascii := -1, true
	end := func(i int) {
		if start >= 0 && !ascii {
			if isSyllable(s[start:i]) {
				valid++
			} else {
				invalid++
			}
		}
		start, ascii = -1, true
	}
	for i, r := range s {
		sep := r < utf8.RuneSelf && !('a' <= r|0x20 && r|0x20 <= 'z') ||
			unicode.IsSpace(r) || r >= 0x2000 && (unicode.IsPunct(r) || unicode.IsSymbol(r))
		if sep {
			end(i)
			continue
		}
		if start < 0 {
			start = i
		}
		if r >= utf8.RuneSelf {
			ascii = false
		}
	}
	end(len(s))
	return valid, invalid
}
