package normalize

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// encode1258 encodes s in windows-1258 as Vietnamese Windows software
// writes it: the letters the code page has, and the others as a base letter
// followed by a combining tone mark.
func encode1258(tb testing.TB, s string) []byte {
	tb.Helper()
	toneMark := []rune{0, 0x300, 0x301, 0x309, 0x303, 0x323}
	var out []byte
	for _, r := range s {
		if b, ok := charmap.Windows1258.EncodeRune(r); ok {
			out = append(out, b)
			continue
		}
		q, tone, upper := vowelOf(r)
		if q == 0 || tone == 0 {
			tb.Fatalf("no windows-1258 form for %q", r)
		}
		for _, c := range []rune{vowelRune(q, 0, upper), toneMark[tone]} {
			b, ok := charmap.Windows1258.EncodeRune(c)
			if !ok {
				tb.Fatalf("no windows-1258 byte for %q", c)
			}
			out = append(out, b)
		}
	}
	return out
}

// TestSameSentence is the acceptance test of the issue: the same sentence
// in UTF-8 NFC, UTF-8 NFD, windows-1258 and the legacy font encodings
// gives one result, with the charset named and with it guessed.
func TestSameSentence(t *testing.T) {
	want := sentence
	utf16, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(sentence))
	cases := []struct {
		name        string
		body        []byte
		contentType string
		charset     string
		legacy      Legacy
	}{
		{"utf-8 nfc", []byte(sentence), "text/html; charset=utf-8", "utf-8", LegacyNone},
		{"utf-8 nfd", []byte(norm.NFD.String(sentence)), "text/html; charset=UTF-8", "utf-8", LegacyNone},
		{"utf-8 old tone", []byte(oldTone(sentence)), "", "utf-8", LegacyNone},
		{"utf-8 bom", append([]byte("\xef\xbb\xbf"), sentence...), "", "utf-8", LegacyNone},
		{"utf-16 bom", utf16, "", "utf-16le", LegacyNone},
		{"windows-1258 header", encode1258(t, sentence), "text/html; charset=windows-1258", "windows-1258", LegacyNone},
		{"windows-1258 meta", append([]byte(`<meta charset="windows-1258">`), encode1258(t, sentence)...), "text/html", "windows-1258", LegacyNone},
		{"windows-1258 guessed", encode1258(t, sentence), "", "windows-1258", LegacyNone},
		{"tcvn3 as latin1", encodeTCVN3(t, sentence), "text/html; charset=iso-8859-1", "windows-1252", TCVN3},
		{"tcvn3 guessed", encodeTCVN3(t, sentence), "", "windows-1252", TCVN3},
		{"tcvn3 label", encodeTCVN3(t, sentence), "text/html; charset=tcvn3", "tcvn3", TCVN3},
		{"vni http-equiv", append([]byte(`<META http-equiv=Content-Type content="text/html; charset=windows-1252">`), encodeVNI(t, sentence)...), "", "windows-1252", VNI},
		{"vni guessed", encodeVNI(t, sentence), "", "windows-1252", VNI},
		{"vni stored as utf-8", []byte(decodeCP1252(encodeVNI(t, sentence))), "text/plain; charset=utf-8", "utf-8", VNI},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decode(tc.body, tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			text := d.Text
			if i := strings.Index(text, ">"); i >= 0 {
				text = text[i+1:]
			}
			if got := String(text); got != want {
				t.Errorf("text = %q, want %q", got, want)
			}
			if d.Charset != tc.charset || d.Legacy != tc.legacy || d.Invalid != 0 {
				t.Errorf("charset %q legacy %v invalid %d, want %q %v 0", d.Charset, d.Legacy, d.Invalid, tc.charset, tc.legacy)
			}
		})
	}
}

func TestDecodeSource(t *testing.T) {
	cases := []struct {
		name, body, contentType string
		source                  Source
		charset                 string
	}{
		{"header wins over meta", `<meta charset="windows-1252">ok`, "text/html; charset=utf-8", SourceHeader, "utf-8"},
		{"header quoted", "ok", `text/html; charset="windows-1258"`, SourceHeader, "windows-1258"},
		{"header malformed", "ok", `text/html; charset=utf-8; x`, SourceHeader, "utf-8"},
		{"bom over meta", "\xef\xbb\xbf<meta charset=windows-1252>", "", SourceBOM, "utf-8"},
		{"meta charset", `<html><head><meta charset=windows-1258></head>`, "text/html", SourceMeta, "windows-1258"},
		{"meta http-equiv", `<meta content="text/html; charset=ISO-8859-1" http-equiv="Content-Type">`, "", SourceMeta, "windows-1252"},
		{"meta in comment ignored", `<!-- <meta charset=windows-1258> --><p>ok</p>`, "", SourceGuess, "utf-8"},
		{"no charset ascii", "plain", "text/plain", SourceGuess, "utf-8"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decode([]byte(tc.body), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if d.Source != tc.source || d.Charset != tc.charset {
				t.Errorf("source %q charset %q, want %q %q", d.Source, d.Charset, tc.source, tc.charset)
			}
		})
	}
}

func TestDecodeUnknownCharset(t *testing.T) {
	cases := []struct{ name, body, contentType, label string }{
		{"header", "x", "text/html; charset=x-klingon", "x-klingon"},
		{"meta", `<meta charset="vietnamese-9">`, "", "vietnamese-9"},
		{"replacement", "x", "text/html; charset=iso-2022-kr", "iso-2022-kr"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode([]byte(tc.body), tc.contentType)
			var ce *CharsetError
			if !errors.Is(err, ErrUnknownCharset) || !errors.As(err, &ce) || ce.Label != tc.label {
				t.Fatalf("err = %v, want a CharsetError for %q", err, tc.label)
			}
			if !strings.Contains(err.Error(), tc.label) {
				t.Errorf("error %q does not name the label", err)
			}
		})
	}
	if _, err := DecodeString([]byte("x"), "nope"); !errors.Is(err, ErrUnknownCharset) {
		t.Errorf("DecodeString: err = %v, want ErrUnknownCharset", err)
	}
}

func TestDecodeInvalid(t *testing.T) {
	cases := []struct {
		name, body, contentType string
		invalid                 int
	}{
		{"utf-8 bad bytes", "Hòa \xff\xfe bình \xc3", "text/html; charset=utf-8", 3},
		{"utf-8 literal U+FFFD is valid", "a\ufffdb", "text/html; charset=utf-8", 0},
		{"windows-1258 undefined byte", "a\x81b", "text/html; charset=windows-1258", 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Decode([]byte(tc.body), tc.contentType)
			if err != nil {
				t.Fatal(err)
			}
			if d.Invalid != tc.invalid || !utf8.ValidString(d.Text) {
				t.Errorf("Invalid = %d (text %q), want %d", d.Invalid, d.Text, tc.invalid)
			}
		})
	}
}

func TestDecodeString(t *testing.T) {
	cases := []struct {
		name  string
		in    []byte
		label string
	}{
		{"utf-8", []byte(sentence), "utf-8"},
		{"windows-1258", encode1258(t, sentence), "windows-1258"},
		{"cp1258 alias", encode1258(t, sentence), "cp1258"},
		{"tcvn3", encodeTCVN3(t, sentence), "TCVN3"},
		{"vni", encodeVNI(t, sentence), "vni"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeString(tc.in, tc.label)
			if err != nil {
				t.Fatal(err)
			}
			if String(got) != sentence {
				t.Errorf("DecodeString(%s) = %q, want %q", tc.label, got, sentence)
			}
		})
	}
}

// TestDecodeArticles decodes the fixtures in windows-1258 (guessed) and
// checks they read as the UTF-8 text.
func TestDecodeArticles(t *testing.T) {
	for name, text := range articleFiles(t) {
		t.Run(name, func(t *testing.T) {
			// Punctuation missing from the code page becomes '?'.
			want := strings.Map(func(r rune) rune {
				if _, ok := charmap.Windows1258.EncodeRune(r); !ok && r >= 0x2000 {
					return '?'
				}
				return r
			}, String(text))
			d, err := Decode(encode1258(t, want), "")
			if err != nil {
				t.Fatal(err)
			}
			if d.Charset != "windows-1258" || d.Source != SourceGuess {
				t.Errorf("guessed %s from %s, want windows-1258", d.Charset, d.Source)
			}
			if got := String(d.Text); got != want {
				t.Errorf("differs at %s", firstDiff(got, want))
			}
		})
	}
}

// TestDecode1258MatchesNFC checks the one-pass composition of windows-1258
// against the x/text decoder followed by norm.NFC, for every letter byte
// followed by one and two tone-mark bytes.
func TestDecode1258MatchesNFC(t *testing.T) {
	marks := []byte{0xCC, 0xEC, 0xD2, 0xDE, 0xF2}
	for b := 0x20; b < 0x100; b++ {
		for _, m1 := range marks {
			for _, m2 := range append([]byte{' '}, marks...) {
				in := []byte{'x', byte(b), m1, m2, 'n'}
				ref, err := charmap.Windows1258.NewDecoder().Bytes(in)
				if err != nil {
					t.Fatal(err)
				}
				want := norm.NFC.String(string(ref))
				if got, _ := decode1258(in); got != want {
					t.Errorf("decode1258(% x) = %+q, want %+q", in, got, want)
				}
			}
		}
	}
}
