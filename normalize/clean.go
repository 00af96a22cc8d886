package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Rune classes for the clean-up pass.
const (
	classVisible = iota
	classSpace
	classNewline
	classParagraph // U+2029: a blank line
	classDrop
)

func classify(r rune) int {
	if r < utf8.RuneSelf {
		switch {
		case r == '\n' || r == '\r':
			return classNewline
		case r == ' ' || r == '\t' || r == '\v' || r == '\f':
			return classSpace
		case r < 0x20 || r == 0x7f:
			return classDrop
		}
		return classVisible
	}
	switch {
	case 0xAD < r && r < 0x370, 0x1E00 <= r && r < 0x1F00:
		return classVisible // Latin letters (the Vietnamese ones above all), combining marks
	}
	switch r {
	case 0x85, 0x2028:
		return classNewline
	case 0x2029:
		return classParagraph
	}
	switch {
	case r < 0xA0:
		return classDrop // C1 controls
	case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
		return classSpace
	case r == 0xAD || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Cc, r):
		return classDrop
	}
	return classVisible
}

// cleaner holds the state of the clean-up pass between the chunks of a
// stream: spaces and newlines are held back until a visible rune shows
// where they stand.
type cleaner struct {
	needNFC bool // a rune was written that may not be NFC
	last    int  // dst index of the last rune written if a Vietnamese vowel, else -1
	started bool // a visible rune has been written
	cr      bool // the last rune was '\r': a following '\n' belongs to it
	space   bool // a space is pending
	nl      int  // newlines pending
}

// process appends the canonical form of src to dst. src must end at a
// boundary after which no rune composes with or changes what precedes it
// (the end of input, or before an ASCII non-letter).
func (c *cleaner) process(dst, src []byte) []byte {
	start := len(dst)
	c.needNFC = false
	c.last = -1
	dst = c.clean(dst, src)
	if c.needNFC && !norm.NFC.IsNormal(dst[start:]) {
		out := norm.NFC.Append(nil, dst[start:]...)
		dst = append(dst[:start], out...)
	}
	if fixed, changed := fixTone(dst[start:]); changed {
		dst = append(dst[:start], fixed...)
	}
	return dst
}

// clean is the rune pass: invisible characters dropped, spaces and
// newlines folded.
func (c *cleaner) clean(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		b := src[i]
		var r rune
		size := 1
		if b < utf8.RuneSelf {
			r = rune(b)
			if b > ' ' && b != 0x7f { // a run of printable ASCII
				j := i + 1
				for j < len(src) && src[j]-0x21 < 0x7f-0x21 {
					j++
				}
				c.flush(&dst)
				c.last = -1
				if vowelLatin[src[j-1]] != 0 {
					c.last = len(dst) + j - 1 - i
				}
				dst = append(dst, src[i:j]...)
				c.cr = false
				i = j
				continue
			}
		} else {
			r, size = utf8.DecodeRune(src[i:])
		}
		if c.cr && r == '\n' {
			c.cr = false
			i += size
			continue
		}
		c.cr = r == '\r'
		switch classify(r) {
		case classVisible:
			c.flush(&dst)
			switch {
			case 0x300 <= r && r < 0x370:
				dst = c.compose(dst, r)
			case r == utf8.RuneError && size == 1:
				dst = utf8.AppendRune(dst, r)
				c.last = -1
			default:
				c.last = -1
				if q, _, _ := vowelOf(r); q != 0 {
					c.last = len(dst)
				} else if r >= 0x300 && (r < 0x1E00 || r >= 0x1F00) && (r < 0x2010 || r > 0x2027) {
					c.needNFC = true
				}
				dst = append(dst, src[i:i+size]...)
			}
		case classSpace:
			c.space = c.started
		case classNewline:
			if c.started {
				c.nl++
			}
			c.space = false
		case classParagraph:
			if c.started {
				c.nl += 2
			}
			c.space = false
		}
		i += size
	}
	return dst
}

// compose appends the combining mark m, composed with the Vietnamese vowel
// just written when Vietnamese has such a letter (the fast way to NFC for
// decomposed Vietnamese); other marks are appended and left to norm.NFC.
func (c *cleaner) compose(dst []byte, m rune) []byte {
	if c.last >= 0 {
		v, _ := utf8.DecodeRune(dst[c.last:])
		q, tone, upper := vowelOf(v)
		ok := true
		switch m {
		case 0x300, 0x301, 0x309, 0x303, 0x323:
			ok = tone == 0
			tone = markTone(m)
		case 0x302: // circumflex; like the breve it does not compose
			// past an earlier mark of its combining class (230)
			q, ok = withMark(q, qA, qAc, qE, qEc, qO, qOc)
			ok = ok && (tone == 0 || tone == 5)
		case 0x306: // breve
			q, ok = withMark(q, qA, qAb, 0, 0, 0, 0)
			ok = ok && (tone == 0 || tone == 5)
		case 0x31B: // horn
			q, ok = withMark(q, qO, qOh, qU, qUh, 0, 0)
		default:
			ok = false
		}
		if ok {
			return utf8.AppendRune(dst[:c.last], vowelRune(q, tone, upper))
		}
	}
	c.last = -1
	c.needNFC = true
	return utf8.AppendRune(dst, m)
}

func markTone(m rune) int {
	switch m {
	case 0x300:
		return 1
	case 0x301:
		return 2
	case 0x309:
		return 3
	case 0x303:
		return 4
	}
	return 5
}

// withMark maps quality q through the pairs (from, to).
func withMark(q int, pairs ...int) (int, bool) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if pairs[i] != 0 && q == pairs[i] {
			return pairs[i+1], true
		}
	}
	return q, false
}

// flush writes the pending separator before a visible rune.
func (c *cleaner) flush(dst *[]byte) {
	if c.nl > 0 || c.space {
		c.last = -1
	}
	switch {
	case c.nl == 1:
		*dst = append(*dst, '\n')
	case c.nl > 1:
		*dst = append(*dst, '\n', '\n')
	case c.space:
		*dst = append(*dst, ' ')
	}
	c.nl = 0
	c.space = false
	c.started = true
}
