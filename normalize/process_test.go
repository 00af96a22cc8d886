package normalize

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestProcess(t *testing.T) {
	cases := []struct {
		name    string
		in      []byte
		opt     Options
		want    string
		charset string
		source  Source
	}{
		{"utf-8 text", []byte("Uỷ ban  nhân dân tỉnh Khánh Hoà\r\n"), Options{}, "Ủy ban nhân dân tỉnh Khánh Hòa\n", "utf-8", SourceGuess},
		{"fold", []byte("Uỷ ban nhân dân tỉnh Đắk Lắk"), Options{Fold: true}, "uy ban nhan dan tinh dak lak\n", "utf-8", SourceGuess},
		{"windows-1258 guessed", encode1258(t, sentence), Options{}, sentence + "\n", "windows-1258", SourceGuess},
		{"windows-1258 named", encode1258(t, sentence), Options{From: "windows-1258"}, sentence + "\n", "windows-1258", SourceLabel},
		{"tcvn3 named", encodeTCVN3(t, sentence), Options{From: "tcvn3"}, sentence + "\n", "tcvn3", SourceLabel},
		{"vni guessed", encodeVNI(t, sentence), Options{}, sentence + "\n", "windows-1252", SourceGuess},
		{"latin1 named is not converted", encodeVNI(t, "Hòa"), Options{From: "latin1"}, "Hoøa\n", "windows-1252", SourceLabel},
		{"empty", nil, Options{}, "", "utf-8", SourceGuess},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			d, err := Process(&out, bytes.NewReader(tc.in), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("output %q, want %q", out.String(), tc.want)
			}
			if d.Charset != tc.charset || d.Source != tc.source || d.Text != "" {
				t.Errorf("decoded %+v, want charset %q source %q and no text", d, tc.charset, tc.source)
			}
		})
	}
	_, err := Process(&bytes.Buffer{}, strings.NewReader("x"), Options{From: "klingon"})
	if !errors.Is(err, ErrUnknownCharset) || !strings.Contains(err.Error(), "klingon") {
		t.Errorf("unknown --from: err = %v", err)
	}
}
