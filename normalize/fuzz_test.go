package normalize

import (
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Run with, e.g., go test -fuzz FuzzString -fuzzminimizetime 3s ./normalize: the
// default minimization time (60 s per new input) makes the progress line
// read "0/sec" for long stretches.
func FuzzString(f *testing.F) {
	for _, tc := range stringCases {
		f.Add(tc.in)
	}
	for _, tc := range foldCases {
		f.Add(tc.in)
	}
	f.Add(sentence)
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q: invalid UTF-8", s, got)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Fatalf("String(%q) = %+q: not NFC", s, got)
		}
		if again := String(got); again != got {
			t.Fatalf("not idempotent: String(%+q) = %+q, String of that = %+q", s, got, again)
		}
		// The fast path may send canonical text down the slow path (text
		// with combining marks), never the reverse.
		if isCanonical(s) && got != s {
			t.Fatalf("isCanonical(%+q) = true, but String gives %+q", s, got)
		}
		if k := Fold(got); utf8.RuneCountInString(k) != utf8.RuneCountInString(got) {
			t.Fatalf("Fold(%q) has %d runes, text %d", got, utf8.RuneCountInString(k), utf8.RuneCountInString(got))
		}
		if len(s) < maxRun {
			r := Reader(iotest.OneByteReader(strings.NewReader(s)))
			streamed, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			if string(streamed) != got {
				t.Fatalf("Reader(%+q) = %+q, String = %+q", s, streamed, got)
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, tc := range foldCases {
		f.Add(tc.in)
	}
	for _, tc := range stringCases {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Fold(s)
		if utf8.RuneCountInString(k) != utf8.RuneCountInString(s) {
			t.Fatalf("Fold(%q) = %q: %d runes, input %d", s, k, utf8.RuneCountInString(k), utf8.RuneCountInString(s))
		}
		if !utf8.ValidString(k) {
			t.Fatalf("Fold(%q) = %q: invalid UTF-8", s, k)
		}
		if Fold(k) != k {
			t.Fatalf("Fold not idempotent on %+q: %+q then %+q", s, k, Fold(k))
		}
	})
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(sentence), "text/html; charset=utf-8")
	f.Add(encode1258(f, sentence), "")
	f.Add(encode1258(f, sentence), "text/html; charset=windows-1258")
	f.Add(encodeTCVN3(f, sentence), "")
	f.Add(encodeVNI(f, sentence), "text/html; charset=iso-8859-1")
	f.Add([]byte(`<meta charset="windows-1258">`+"ho\xecn"), "")
	f.Add([]byte("\xff\xfeK\x00"), "")
	f.Add([]byte("x"), "text/html; charset=nope")
	for _, tc := range stringCases {
		f.Add([]byte(tc.in), "")
	}
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		d, err := Decode(body, contentType)
		if err != nil {
			if !errors.Is(err, ErrUnknownCharset) {
				t.Fatalf("Decode: unexpected error %v", err)
			}
			return
		}
		if !utf8.ValidString(d.Text) {
			t.Fatalf("Decode(%q, %q).Text = %q: invalid UTF-8", body, contentType, d.Text)
		}
		if d.Invalid < 0 || d.Charset == "" || d.Source == "" {
			t.Fatalf("Decode(%q, %q) = %+v", body, contentType, d)
		}
		if s := String(d.Text); !norm.NFC.IsNormalString(s) || String(s) != s {
			t.Fatalf("String of decoded text not stable: %+q", s)
		}
	})
}

// FuzzStringFast checks String's walk against the whole-text path:
//
//	go test ./normalize -run '^$' -fuzz FuzzStringFast -fuzztime 3m
func FuzzStringFast(f *testing.F) {
	for _, tc := range walkCases {
		f.Add(tc.in)
	}
	for _, tc := range stringCases {
		f.Add(tc.in)
	}
	f.Add(articleText(f))
	f.Fuzz(func(t *testing.T, s string) {
		want := stringSlow(s)
		if got := String(s); got != want {
			t.Fatalf("String(%+q) = %+q, stringSlow = %+q", s, got, want)
		}
		if got := Bytes([]byte(s)); string(got) != want {
			t.Fatalf("Bytes(%+q) = %+q, stringSlow = %+q", s, got, want)
		}
	})
}
