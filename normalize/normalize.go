package normalize

import (
	"io"

	"golang.org/x/text/transform"
)

// String returns s in the canonical form used everywhere in thidua:
//   - Unicode NFC, whatever the form of s (NFD and mixed input give the
//     same result as precomposed input);
//   - the official tone placement ("hoà" → "hòa", "Uỷ" → "Ủy"; see tone.go);
//   - invisible characters removed: zero-width space, ZWNJ, ZWJ, BOM, soft
//     hyphen, the other format characters (Unicode Cf) and control
//     characters; an invalid UTF-8 byte becomes U+FFFD;
//   - every other space (tab, NBSP, U+2000–U+200A, U+3000 …) becomes ' ',
//     runs of spaces become one, spaces are trimmed at both ends of lines;
//   - lines kept: "\r\n", "\r", U+0085 and U+2028 become "\n", U+2029
//     becomes "\n\n"; runs of three or more newlines become two (a blank
//     line separates paragraphs); the text is trimmed at both ends.
//
// String is idempotent. When s is already canonical it returns s itself,
// after a scan and without allocating. Otherwise it copies the stretches
// that are already canonical and runs the cleaner only over the others
// (from the space before a word that needs it to a space after, or whole
// lines; see walk.go), which gives the same result as cleaning all of s.
func String(s string) string {
	ok, from := scanText(s)
	if ok {
		return s
	}
	return canonical(s, from)
}

// Bytes is String for a byte slice. It returns b itself when b is already
// canonical.
func Bytes(b []byte) []byte {
	s := string(b)
	ok, from := scanText(s)
	if ok {
		return b
	}
	return []byte(canonical(s, from))
}

// Transformer returns a new transform.Transformer that writes the canonical
// form of String, so that decoding and normalization chain with
// transform.Chain. The result equals String of the whole input, except that
// a run of more than 1 KB without an ASCII space, digit or punctuation may
// be cut, and the tone placement is then not rewritten at the cut.
func Transformer() transform.Transformer {
	return &transformer{}
}

// Reader returns a reader of the canonical form of what r holds.
func Reader(r io.Reader) io.Reader {
	return transform.NewReader(r, Transformer())
}
