package normalize

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// isCanonical reports whether s is already in the canonical form of String.
func isCanonical(s string) bool {
	ok, _ := scanText(s)
	return ok
}

// scanText reports whether s is already in the canonical form of String.
// It is the fast path: one scan over the bytes, with a table look-up for the
// Vietnamese letters, and the full NFC check only for runes outside the
// ranges known to be NFC-stable starters. When s is not canonical, from is
// where String's walk may start: the start of a line, the lines before
// which the walk would copy as they are.
func scanText(s string) (ok bool, from int) {
	if len(s) == 0 {
		return true, 0
	}
	if s[0] == ' ' || s[0] == '\n' || s[len(s)-1] == ' ' || s[len(s)-1] == '\n' {
		return false, 0
	}
	needNFC := false
	nl := 0 // newlines in a row
	for i := 0; i < len(s); {
		c := s[i]
		if c-0x21 < 0x7f-0x21 { // printable ASCII, the common case
			nl = 0
			i++
			continue
		}
		if c < utf8.RuneSelf {
			switch {
			case c == ' ':
				// s[0] is not a space: s[i-1] exists.
				if p := s[i-1]; p == ' ' || p == '\n' {
					return false, walkStart(s, i, needNFC)
				}
			case c == '\n':
				if s[i-1] == ' ' || nl == 2 {
					return false, walkStart(s, i, needNFC)
				}
				nl++
			default:
				return false, walkStart(s, i, needNFC) // '\t', '\r', other controls
			}
			i++
			continue
		}
		nl = 0
		if n := latinLetter(s, i); n > 0 {
			i += n
			continue
		}
		size, clean, nfc := scanRune(s, i)
		if clean {
			return false, walkStart(s, i, needNFC)
		}
		needNFC = needNFC || nfc
		i += size
	}
	return !needNFC || norm.NFC.IsNormalString(s), 0
}

// walkStart is where String's walk may start when scanText stops at s[i]:
// the start of that line, unless a line before it needs the cleaner after
// all (text that is not NFC).
func walkStart(s string, i int, needNFC bool) int {
	from := strings.LastIndexByte(s[:i], '\n') + 1
	if needNFC && !norm.NFC.IsNormalString(s[:from]) {
		return 0
	}
	return from
}

// scanRune reads the non-ASCII rune at s[i] as the scans do: its length,
// whether it needs the cleaner (C1 controls, NBSP, a soft hyphen, invisible
// and other space characters, a combining mark, invalid UTF-8, the end of
// an old-style tone pair), and whether the text then needs the full NFC
// check (a rune NFC may change in context).
func scanRune(s string, i int) (size int, clean, nfc bool) {
	r, size := utf8.DecodeRuneInString(s[i:])
	switch {
	case r < 0x300:
		if r <= 0xA0 || r == 0xAD {
			return size, true, false
		}
		return size, i > 0 && afterOU[s[i-1]] && rewritesTone(s, i, r, size), false
	case 0x1E00 <= r && r < 0x1F00:
		return size, i > 0 && afterOU[s[i-1]] && rewritesTone(s, i, r, size), false
	case r < 0x370:
		return size, true, false // a combining mark: most likely decomposed text
	case r == utf8.RuneError:
		return size, size == 1, false
	case 0x2010 <= r && r <= 0x2027, 0x2030 <= r && r <= 0x205E, 0x20A0 <= r && r <= 0x20C0:
		return size, false, false // punctuation and currency signs: visible NFC starters
	}
	if classify(r) != classVisible {
		return size, true, false
	}
	return size, false, !nfcInert(r)
}

// latinLetter returns the length of the rune at s[i] when it is a Latin
// letter of the blocks Vietnamese is written in (U+00C0–U+02FF,
// U+1E00–U+1EFF), read from its bytes: a visible NFC starter with nothing
// to check unless it follows "o" or "u" (an old-style tone pair may end
// there). It returns 0 for any other rune, which the scans decode.
func latinLetter(s string, i int) int {
	n := int(latinLead[s[i]])
	if n == 0 || i+n > len(s) || i > 0 && afterOU[s[i-1]] {
		return 0
	}
	if c := s[i+1]; n == 2 && c&0xC0 == 0x80 || n == 3 && 0xB8 <= c && c <= 0xBB && s[i+2]&0xC0 == 0x80 {
		return n
	}
	return 0
}

// latinLead holds the UTF-8 length of the runes latinLetter takes, by their
// first byte; afterOU marks the bytes "o" and "u" in both cases.
var (
	latinLead = func() (lead [256]uint8) {
		for c := 0xC3; c <= 0xCB; c++ {
			lead[c] = 2
		}
		lead[0xE1] = 3
		return lead
	}()
	afterOU = [256]bool{'o': true, 'O': true, 'u': true, 'U': true}
)

// scanLine is isCanonical for a stretch s[i:end] of one line: end is the
// end of the line (len(s) or the index of a '\n') and s[i] starts the line
// or is a space after a visible rune that is written as it is. It returns
// the index of the first byte that may need the cleaner (a space at the
// start or end of the line or after a space, a control, an invisible or
// other space character, a combining mark, invalid UTF-8, an old-style tone
// pair), or end, and whether a rune before that index needs the full NFC
// check. The checks look at s[i-1] and after end as isCanonical looks at
// the bytes around a line.
func scanLine(s string, i, end int) (bad int, needNFC bool) {
	s = s[:end] // a '\n' after end looks to the checks as the end of s does
	for i < len(s) {
		c := s[i]
		if c-0x21 < 0x7f-0x21 { // printable ASCII, the common case
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c == ' ' && i > 0 && i+1 < len(s) && s[i-1] != ' ' && s[i-1] != '\n' {
				i++
				continue
			}
			return i, needNFC // a space out of place, '\t', '\r', other controls
		}
		if n := latinLetter(s, i); n > 0 {
			i += n
			continue
		}
		size, clean, nfc := scanRune(s, i)
		if clean {
			return i, needNFC
		}
		needNFC = needNFC || nfc
		i += size
	}
	return end, needNFC
}

// rewritesTone reports whether fixTone rewrites the vowel pair that the
// rune r at s[i:i+size] ends, looking at the runes around it as fixTone
// does: the scans must never pass what the cleaner changes.
func rewritesTone(s string, i int, r rune, size int) bool {
	if i == 0 || !toneCandidate(s[i-1], r) {
		return false
	}
	if next, _ := utf8.DecodeRuneInString(s[i+size:]); i+size < len(s) && isWordRune(next) {
		return false
	}
	if i < 2 {
		return true
	}
	prev, _ := utf8.DecodeLastRuneInString(s[:i-1])
	return !blocksTone(prev)
}

// nfcInert reports whether NFC leaves the rune r as it is wherever it
// stands: it is in NFC, and it neither combines with nor reorders around
// the rune before it (a mark after it is checked as its own rune). Arrows,
// symbols, other scripts' letters mostly are, so a text with a few of them
// is not checked again as a whole.
func nfcInert(r rune) bool {
	if r >= 0x10000 {
		return false
	}
	return inertBMP()[r>>3]&(1<<(r&7)) != 0
}

var inertBMP = sync.OnceValue(func() *[0x10000 / 8]byte {
	var tab [0x10000 / 8]byte
	var buf [utf8.UTFMax]byte
	for r := rune(0); r < 0x10000; r++ {
		if 0xD800 <= r && r <= 0xDFFF {
			continue
		}
		b := buf[:utf8.EncodeRune(buf[:], r)]
		if norm.NFC.IsNormal(b) && norm.NFC.Properties(b).BoundaryBefore() {
			tab[r>>3] |= 1 << (r & 7)
		}
	}
	return &tab
})
