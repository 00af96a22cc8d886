package normalize

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// String's walk. Real text is nearly always canonical but for a few words
// ("Uỷ ban", "hoà", a stray NBSP), so String does not send the whole text
// through the cleaner: it copies the stretches that scanLine passes and
// cleans only the others, running the cleaner's state machine over every
// byte either way (for a copied stretch, by doing what the cleaner would
// do with it). It starts at the line where scanText stopped.
//
// The cuts between the two are where the cleaner's output does not depend
// on what lies on the other side, so that NFC and fixTone, which
// cleaner.process applies to each cleaned stretch alone, give what they
// give over the whole text:
//
//   - after a '\n': the cleaner's output goes on after a newline (or starts
//     the text), and NFC and fixTone see a newline as they see the ends of
//     the text;
//   - before a space that follows a visible rune copied as it is (a cleaned
//     stretch starts there), or that follows a printable ASCII byte (a
//     cleaned stretch ends there): the cleaner has nothing pending, its
//     output at the cut is a space or a newline on one side and that
//     unchanged rune on the other, and a space neither composes nor lets a
//     tone pair run across it.

// minCopy is the shortest stretch copied between two cleaned ones: a
// shorter one is cleaned with them (one call of the cleaner, not many, on
// text with a problem in every other word, such as decomposed text).
const minCopy = 64

// maxMisses is how many stretches in a row that need the cleaner, with no
// stretch copied between them, make String give up the walk and clean all
// the rest of the text: it is not worth scanning text with a problem in
// every word.
const maxMisses = 16

// walker holds String's walk over a text s.
type walker struct {
	s      string
	c      cleaner
	lazy   bool            // the output so far is s[:done]
	done   int             // with lazy
	out    strings.Builder // the output, once lazy is false
	dirty  int             // start of the stretch waiting for the cleaner, or -1
	misses int             // stretches sent to the cleaner since the last copy
	src    []byte          // the stretch for the cleaner
	dst    []byte          // what the cleaner makes of it
}

// canonical returns the canonical form of s. The walk starts at s[from],
// the start of a line: the lines before it are canonical.
func canonical(s string, from int) string {
	w := walker{s: s, lazy: true, dirty: -1}
	if from > 0 {
		// The state after copying them: s[:from] ends in one or two '\n'.
		w.c.started, w.c.nl = true, 1
		if from >= 2 && s[from-2] == '\n' {
			w.c.nl = 2
		}
		w.done = from - w.c.nl
	}
	for start := from; ; {
		end := strings.IndexByte(s[start:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += start
		}
		if !w.line(start, end) || end == len(s) {
			break
		}
		if w.dirty < 0 { // the cleaner on a '\n' after a copied stretch
			if w.c.started {
				w.c.nl++
			}
			w.c.space = false
		}
		start = end + 1
	}
	if w.lazy && w.dirty == 0 { // nothing copied: all of s goes to the cleaner
		return string(w.c.process(make([]byte, 0, len(s)+16), []byte(s)))
	}
	if w.dirty >= 0 {
		w.clean(len(s))
	}
	if w.lazy {
		return s[:w.done]
	}
	return w.out.String()
}

// line walks the line s[from:end]. It returns false when it gives up: the
// rest of the text, from w.dirty, goes to the cleaner.
func (w *walker) line(from, end int) bool {
	s := w.s
	for from < end {
		bad, needNFC := scanLine(s, from, end)
		// s[from:cut] is copied, s[cut:next] goes to the cleaner.
		cut, next := bad, end
		if bad < end {
			cut = restartBefore(s, from, bad)
			next = restartAfter(s, bad, end)
		}
		if needNFC && cut > from && !norm.NFC.IsNormalString(s[from:cut]) {
			cut, next = from, end
		}
		if cut > from && (w.dirty < 0 || cut-from >= minCopy) {
			w.copy(from, cut)
			w.misses = 0
		}
		if cut < end {
			if w.dirty < 0 {
				w.dirty = cut
			}
			if w.misses++; w.misses > maxMisses {
				return false
			}
		}
		from = next
	}
	return true
}

// restartBefore returns the last index in (from, bad] of a space after a
// non-space byte, else from.
func restartBefore(s string, from, bad int) int {
	for j := bad; j > from; j-- {
		if s[j] == ' ' && s[j-1] != ' ' {
			return j
		}
	}
	return from
}

// restartAfter returns the first index in (bad, end) of a space after a
// printable ASCII byte, else end.
func restartAfter(s string, bad, end int) int {
	for j := bad + 1; j < end; j++ {
		if s[j] == ' ' && s[j-1]-0x21 < 0x7f-0x21 {
			return j
		}
	}
	return end
}

// copy writes s[p:q], a stretch that scanLine passed, as the cleaner would.
func (w *walker) copy(p, q int) {
	if w.dirty >= 0 {
		w.clean(p)
	}
	c := &w.c
	if w.lazy && p-w.done == c.pendingLen() {
		// What flush would write is s[w.done:p]: still a prefix of s.
		c.nl, c.space, c.started = 0, false, true
		w.done = q
	} else {
		w.materialize()
		w.dst = w.dst[:0]
		c.flush(&w.dst)
		w.out.Write(w.dst)
		w.out.WriteString(w.s[p:q])
	}
	c.last, c.cr = -1, false
}

// clean sends s[w.dirty:end] through the cleaner.
func (w *walker) clean(end int) {
	w.materialize()
	w.src = append(w.src[:0], w.s[w.dirty:end]...)
	if cap(w.dst) < len(w.src)+16 {
		w.dst = make([]byte, 0, len(w.src)+16)
	}
	w.dst = w.c.process(w.dst[:0], w.src)
	w.out.Write(w.dst)
	w.dirty = -1
}

// materialize ends the lazy state: the output so far is copied to out.
func (w *walker) materialize() {
	if w.lazy {
		w.out.Grow(len(w.s) + 16)
		w.out.WriteString(w.s[:w.done])
		w.lazy = false
	}
}

// pendingLen is the length of what flush would write.
func (c *cleaner) pendingLen() int {
	switch {
	case c.nl == 1:
		return 1
	case c.nl > 1:
		return 2
	case c.space:
		return 1
	}
	return 0
}
