package normalize

import (
	"bytes"
	"errors"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/unicode/norm"
)

// ErrUnknownCharset is the sentinel of a charset label that is unknown or
// not supported; the error returned is a *CharsetError naming the label.
var ErrUnknownCharset = errors.New("unknown charset")

// CharsetError reports an unknown or unsupported charset label and where
// it came from.
type CharsetError struct {
	Label  string
	Source Source
}

func (e *CharsetError) Error() string {
	if e.Source == "" {
		return fmt.Sprintf("normalize: unknown charset %q", e.Label)
	}
	return fmt.Sprintf("normalize: unknown charset %q (from %s)", e.Label, e.Source)
}

func (e *CharsetError) Unwrap() error { return ErrUnknownCharset }

// Source says where the charset of a decoded text came from.
type Source string

const (
	SourceHeader Source = "header" // the HTTP Content-Type
	SourceBOM    Source = "bom"    // a byte order mark
	SourceMeta   Source = "meta"   // <meta charset> or <meta http-equiv>
	SourceGuess  Source = "guess"  // the bytes themselves
	SourceLabel  Source = "label"  // the label given to DecodeString
)

// Decoded is a decoded text.
type Decoded struct {
	// Text is UTF-8. It is composed to NFC when the charset is
	// windows-1258 (whose tone marks are combining characters) and
	// converted when Legacy is set; it is NOT otherwise normalized: pass it
	// through String (or decode and normalize in one go with
	// transform.Chain and Transformer).
	Text string
	// Charset is the canonical (WHATWG) name of the encoding used
	// ("utf-8", "windows-1258", "windows-1252" …), or "tcvn3" / "vni" when
	// a label named the legacy encoding itself.
	Charset string
	Source  Source
	// Legacy is the legacy font encoding the text was found to be in and
	// converted from (its bytes read as Charset, usually windows-1252).
	Legacy Legacy
	// Invalid counts the bytes that were not valid in Charset and were
	// replaced by U+FFFD (for multi-byte charsets other than UTF-8, the
	// U+FFFD the decoder produced).
	Invalid int
}

// prescan is how far into the body <meta> is looked for: the HTML
// standard's 1024 bytes, widened to allow for long heads.
const prescan = 4096

// Decode decodes an HTTP body to UTF-8. The charset comes from, in order:
// the Content-Type header's charset parameter, a byte order mark, a <meta
// charset> or <meta http-equiv="Content-Type"> in the first 4 KB, and only
// then a guess:
//   - valid UTF-8 (including plain ASCII) is UTF-8;
//   - else the body is decoded as windows-1252, windows-1258, TCVN3 and
//     VNI, and the one with the highest count of well-formed Vietnamese
//     syllables minus ill-formed words (see syllableScore) wins; windows-1252
//     (the web's default for unlabelled pages) wins ties.
//
// Text decoded as UTF-8 or windows-1252 is then checked for a legacy font
// encoding (DetectLegacy) and converted when one is found.
//
// An unknown or unsupported label, in the header or in a <meta>, is an
// error (a *CharsetError, errors.Is ErrUnknownCharset) naming the label.
func Decode(body []byte, contentType string) (Decoded, error) {
	if contentType != "" {
		if label := headerCharset(contentType); label != "" {
			return decodeLabel(body, label, SourceHeader)
		}
	}
	switch {
	case bytes.HasPrefix(body, []byte("\xef\xbb\xbf")):
		return decodeLabel(body[3:], "utf-8", SourceBOM)
	case bytes.HasPrefix(body, []byte("\xff\xfe")):
		return decodeLabel(body, "utf-16le", SourceBOM)
	case bytes.HasPrefix(body, []byte("\xfe\xff")):
		return decodeLabel(body, "utf-16be", SourceBOM)
	}
	if label := metaCharset(body[:min(len(body), prescan)]); label != "" {
		if l := strings.ToLower(label); strings.HasPrefix(l, "utf-16") || l == "unicode" {
			label = "utf-8" // a page read as ASCII cannot be UTF-16 (HTML prescan rule)
		}
		return decodeLabel(body, label, SourceMeta)
	}
	return guess(body), nil
}

// DecodeString decodes b from the charset label (a WHATWG label such as
// "utf-8", "windows-1258", "latin1", or "tcvn3", "vni" for the legacy font
// encodings) and returns UTF-8, composed to NFC for windows-1258. It does
// not detect legacy encodings: name them.
func DecodeString(b []byte, label string) (string, error) {
	d, err := decodeNamed(b, label, SourceLabel)
	return d.Text, err
}

// legacyLabel recognizes the labels of the legacy font encodings.
func legacyLabel(label string) Legacy {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "tcvn3", "tcvn", "tcvn-3", "tcvn5712", "abc", "vn3", "x-viet-tcvn5712":
		return TCVN3
	case "vni", "vni-windows", "x-viet-vni":
		return VNI
	}
	return LegacyNone
}

// decodeLabel decodes body from the charset label, then converts a legacy
// font encoding found in text read as UTF-8 or windows-1252.
func decodeLabel(body []byte, label string, src Source) (Decoded, error) {
	d, err := decodeNamed(body, label, src)
	if err != nil || d.Legacy != LegacyNone {
		return d, err
	}
	if d.Charset == "utf-8" || d.Charset == "windows-1252" {
		if l := DetectLegacy(d.Text); l != LegacyNone {
			d.Text = FromLegacy(d.Text, l)
			d.Legacy = l
		}
	}
	return d, nil
}

// decodeNamed decodes body from the charset label, a WHATWG label or one
// of the legacy font encodings, without detecting anything.
func decodeNamed(body []byte, label string, src Source) (Decoded, error) {
	if l := legacyLabel(label); l != LegacyNone {
		return Decoded{Text: FromLegacy(decodeCP1252(body), l), Charset: l.String(), Source: src, Legacy: l}, nil
	}
	return decodeWith(body, label, src)
}

// decodeWith decodes body with the WHATWG encoding named by label.
func decodeWith(body []byte, label string, src Source) (Decoded, error) {
	enc, err := htmlindex.Get(strings.TrimSpace(label))
	if err != nil || enc == encoding.Replacement {
		return Decoded{}, &CharsetError{Label: label, Source: src}
	}
	name, err := htmlindex.Name(enc)
	if err != nil {
		return Decoded{}, &CharsetError{Label: label, Source: src}
	}
	d := Decoded{Charset: name, Source: src}
	switch name {
	case "utf-8":
		d.Text, d.Invalid = decodeUTF8(body)
		return d, nil
	case "windows-1258":
		d.Text, d.Invalid = decode1258(body)
		return d, nil
	}
	if cm, ok := enc.(*charmap.Charmap); ok {
		d.Text, d.Invalid = decodeCharmap(body, cm)
		return d, nil
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return Decoded{}, fmt.Errorf("normalize: decoding %s: %w", name, err)
	}
	d.Text = string(out)
	d.Invalid = bytes.Count(out, []byte("\ufffd")) - bytes.Count(body, []byte("\ufffd"))
	if name == "utf-16le" || name == "utf-16be" {
		d.Text = strings.TrimPrefix(d.Text, "\ufeff")
	}
	d.Invalid = max(d.Invalid, 0)
	return d, nil
}

// decodeUTF8 returns body as a string with each invalid byte replaced by
// U+FFFD, and their count.
func decodeUTF8(body []byte) (string, int) {
	if utf8.Valid(body) {
		return string(body), 0
	}
	out := make([]byte, 0, len(body)+16)
	invalid := 0
	for i := 0; i < len(body); {
		r, size := utf8.DecodeRune(body[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
			out = append(out, "\ufffd"...)
		} else {
			out = append(out, body[i:i+size]...)
		}
		i += size
	}
	return string(out), invalid
}

// decodeCharmap decodes a single-byte charset, counting the bytes the
// charset leaves undefined.
func decodeCharmap(body []byte, cm *charmap.Charmap) (string, int) {
	out := make([]byte, 0, len(body)+len(body)/2)
	invalid := 0
	for _, c := range body {
		if c < utf8.RuneSelf {
			out = append(out, c)
			continue
		}
		r := cm.DecodeByte(c)
		if r == utf8.RuneError {
			invalid++
		}
		out = utf8.AppendRune(out, r)
	}
	return string(out), invalid
}

// decodeCP1252 reads b as windows-1252, the view legacy text is kept in.
func decodeCP1252(b []byte) string {
	s, _ := decodeCharmap(b, charmap.Windows1252)
	return s
}

// decode1258 decodes windows-1258 and composes its combining tone marks
// in the same pass (norm.NFC only for marks that are not Vietnamese).
func decode1258(body []byte) (string, int) {
	c := cleaner{last: -1}
	out := make([]byte, 0, len(body)+len(body)/2)
	invalid := 0
	for _, b := range body {
		if b < utf8.RuneSelf {
			c.last = -1
			if vowelLatin[b] != 0 {
				c.last = len(out)
			}
			out = append(out, b)
			continue
		}
		r := charmap.Windows1258.DecodeByte(b)
		switch {
		case r == utf8.RuneError:
			invalid++
			c.last = -1
			out = utf8.AppendRune(out, r)
		case 0x300 <= r && r < 0x370:
			out = c.compose(out, r)
		default:
			c.last = -1
			if q, _, _ := vowelOf(r); q != 0 {
				c.last = len(out)
			}
			out = utf8.AppendRune(out, r)
		}
	}
	if c.needNFC {
		return norm.NFC.String(string(out)), invalid
	}
	return string(out), invalid
}

// headerCharset returns the charset parameter of a Content-Type.
func headerCharset(contentType string) string {
	_, params, err := mime.ParseMediaType(contentType)
	if err == nil {
		return params["charset"]
	}
	// A malformed header: look for charset= by hand.
	const key = "charset="
	for i := 0; i+len(key) <= len(contentType); i++ {
		if !strings.EqualFold(contentType[i:i+len(key)], key) {
			continue
		}
		v := contentType[i+len(key):]
		if j := strings.IndexAny(v, "; "); j >= 0 {
			v = v[:j]
		}
		return strings.Trim(v, `"'`)
	}
	return ""
}

// guess decodes a body that names no charset.
func guess(body []byte) Decoded {
	if utf8.Valid(body) {
		d, _ := decodeLabel(body, "utf-8", SourceGuess)
		return d
	}
	// The candidates are scored on the first guessSample bytes; the
	// winner decodes the whole body.
	sample := body[:min(len(body), guessSample)]
	cp1252, _ := decodeCharmap(sample, charmap.Windows1252)
	t1258, _ := decode1258(sample)
	// windows-1252 first: it wins ties (the web's default).
	texts := []string{cp1252, t1258, FromLegacy(cp1252, TCVN3), FromLegacy(cp1252, VNI)}
	best, bestScore := 0, 0
	for i, text := range texts {
		v, inv := syllableScore(text)
		if i == 0 || v > 0 && v-inv > bestScore {
			best, bestScore = i, v-inv
		}
	}
	var d Decoded
	switch best {
	case 1:
		d.Text, d.Invalid = decode1258(body)
		d.Charset = "windows-1258"
	default:
		d.Text, d.Invalid = decodeCharmap(body, charmap.Windows1252)
		d.Charset = "windows-1252"
		if best > 1 {
			d.Legacy = []Legacy{LegacyNone, LegacyNone, TCVN3, VNI}[best]
			d.Text = FromLegacy(d.Text, d.Legacy)
		}
	}
	d.Source = SourceGuess
	return d
}

// guessSample is how much of a body the guess reads.
const guessSample = 16 << 10
