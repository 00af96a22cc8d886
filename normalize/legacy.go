package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Legacy names an 8-bit Vietnamese font encoding of older government pages.
// Text in one reads as mojibake when decoded as windows-1252 (or stored so
// in UTF-8): "Céng hoµ" (TCVN3), "Coäng hoøa" (VNI) for "Cộng hòa".
type Legacy int

const (
	LegacyNone Legacy = iota // Unicode text, nothing to convert
	TCVN3                    // TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime)
	VNI                      // VNI for Windows (VNI-Times)
)

func (l Legacy) String() string {
	switch l {
	case TCVN3:
		return "tcvn3"
	case VNI:
		return "vni"
	}
	return "none"
}

// DetectLegacy reports the legacy font encoding s is written in, read as
// windows-1252, or LegacyNone. The heuristic: text that already has
// Vietnamese letters beyond Latin-1 (ă, đ, ơ, ư, ạ …) for at least a
// quarter of its Latin-1 letters is Unicode; otherwise s is converted with
// each table and the conversion that makes the most well-formed Vietnamese
// syllables wins, if it makes at least three, more than the text as it is,
// and at least twice as many well-formed as ill-formed words.
func DetectLegacy(s string) Legacy {
	latin1, viet := 0, 0
	for _, r := range s {
		switch {
		case r < 0xA1:
		case r <= 0xFE:
			latin1++
		case r == 'đ' || r == 'Đ':
			viet++
		default:
			if q, _, _ := vowelOf(r); q != 0 {
				viet++
			}
		}
	}
	if latin1 == 0 || 4*viet >= latin1 {
		return LegacyNone
	}
	best, bestScore := LegacyNone, score(s)
	for _, l := range []Legacy{TCVN3, VNI} {
		v, inv := syllableScore(FromLegacy(s, l))
		if v >= 3 && v >= 2*inv && v-inv > bestScore {
			best, bestScore = l, v-inv
		}
	}
	return best
}

func score(s string) int {
	v, inv := syllableScore(s)
	return v - inv
}

// FromLegacy converts s, text in the legacy encoding l read as
// windows-1252, to Unicode (NFC). Runes outside the encoding's letters are
// kept. TCVN3 has lower-case marked letters only (capitals came from a
// capitals font): a line whose ASCII letters (at least three) are all
// capitals, and a word with at least two ASCII letters all capitals, are
// put in capitals ("CéNG HOµ X· HéI" → "CỘNG HÒA XÃ HỘI").
func FromLegacy(s string, l Legacy) string {
	switch l {
	case TCVN3:
		return fromTCVN3(s)
	case VNI:
		return fromVNI(s)
	}
	return s
}

func fromTCVN3(s string) string {
	out := make([]byte, 0, len(s)+len(s)/4)
	line, lineUpper, lineLower := 0, 0, false  // start in out of the line, its ASCII capitals
	word, wordUpper, wordLower := -1, 0, false // start in out of the word
	endWord := func() {
		if word >= 0 && wordUpper >= 2 && !wordLower {
			out = append(out[:word], strings.ToUpper(string(out[word:]))...)
		}
		word, wordUpper, wordLower = -1, 0, false
	}
	endLine := func() {
		if lineUpper >= 3 && !lineLower {
			out = append(out[:line], strings.ToUpper(string(out[line:]))...)
		}
		line, lineUpper, lineLower = len(out), 0, false
	}
	for _, r := range s {
		if 0xA1 <= r && r <= 0xFE && tcvn3[r-0xA1] != 0 {
			r = tcvn3[r-0xA1]
		} else if !unicode.IsLetter(r) {
			endWord()
			if r == '\n' {
				endLine()
			}
			out = utf8.AppendRune(out, r)
			if r == '\n' {
				line = len(out)
			}
			continue
		}
		if word < 0 {
			word = len(out)
		}
		if 'A' <= r && r <= 'Z' {
			wordUpper++
			lineUpper++
		} else if 'a' <= r && r <= 'z' {
			wordLower = true
			lineLower = true
		}
		out = utf8.AppendRune(out, r)
	}
	endWord()
	endLine()
	return string(out)
}

func fromVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if i+1 < len(rs) {
			if m, ok := vniMarks[rs[i+1]]; ok {
				if v, ok := vniCompose(r, m); ok {
					b.WriteRune(v)
					i++
					continue
				}
			}
		}
		if v, ok := vniLetters[r]; ok {
			r = v
		}
		b.WriteRune(r)
	}
	return b.String()
}

// vniCompose applies the VNI mark m to the base letter r (a, e, o, u, y,
// or the VNI bytes for ơ and ư).
func vniCompose(r rune, m vniMark) (rune, bool) {
	var q int
	switch unicode.ToLower(r) {
	case 'a':
		q = qA
	case 'e':
		q = qE
	case 'o':
		q = qO
	case 'u':
		q = qU
	case 'y':
		q = qY
	case 'ô':
		q = qOh
	case 'ö':
		q = qUh
	default:
		return r, false
	}
	switch {
	case m.circumflex:
		var ok bool
		if q, ok = withMark(q, qA, qAc, qE, qEc, qO, qOc); !ok {
			return r, false
		}
	case m.breve:
		if q != qA {
			return r, false
		}
		q = qAb
	}
	return vowelRune(q, m.tone, unicode.IsUpper(r)), true
}
