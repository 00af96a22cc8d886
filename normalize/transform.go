package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxRun is the longest input the transformer waits for without a cut
// point before it cuts anyway.
const maxRun = 1024

// transformer is the streaming form of String. It processes its input in
// segments that end before an ASCII non-letter (where no rune composes
// with, or changes the tone placement of, what precedes it) and keeps the
// output that did not fit in dst for the next call.
type transformer struct {
	c       cleaner
	pending []byte // output not yet written to dst
	buf     []byte
	// noCut is the length of the src of the last call, which had no cut
	// point: the next call, given the same bytes and more, scans only the
	// new ones (keeping one-byte-at-a-time input linear).
	noCut int
}

func (t *transformer) Reset() {
	t.c = cleaner{}
	t.pending = t.pending[:0]
	t.noCut = 0
}

func (t *transformer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for {
		if len(t.pending) > 0 {
			n := copy(dst[nDst:], t.pending)
			nDst += n
			t.pending = t.pending[n:]
			if len(t.pending) > 0 {
				return nDst, nSrc, transform.ErrShortDst
			}
		}
		rest := src[nSrc:]
		if len(rest) == 0 {
			return nDst, nSrc, nil
		}
		cut := len(rest)
		if !atEOF {
			from := 0
			if nSrc == 0 && t.noCut < len(rest) {
				from = t.noCut
			}
			cut = cutPoint(rest, from)
			if cut == 0 {
				t.noCut = len(rest)
				return nDst, nSrc, transform.ErrShortSrc
			}
		}
		t.noCut = 0
		t.buf = t.c.process(t.buf[:0], rest[:cut])
		nSrc += cut
		t.pending = t.buf
	}
}

// cutPoint returns where a segment of src may end (looking at src[from:]
// only): before the last ASCII
// byte that is not a letter nor a dropped control (dropping it joins what
// is on both sides); before the last NFC boundary once src is
// longer than maxRun without one; else 0 (more input is needed).
func cutPoint(src []byte, from int) int {
	for i := len(src) - 1; i >= max(from, 1); i-- {
		c := src[i]
		if c < utf8.RuneSelf && !('a' <= c|0x20 && c|0x20 <= 'z') && classify(rune(c)) != classDrop {
			return i
		}
	}
	if len(src) < maxRun {
		return 0
	}
	if b := norm.NFC.LastBoundary(src); b > 0 {
		return b
	}
	for i := len(src) - 1; i > 0; i-- {
		if utf8.RuneStart(src[i]) {
			return i
		}
	}
	return len(src)
}
