package normalize

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// TestTransformer checks that the streaming form gives String's result
// however the input is cut and however small the output buffer.
func TestTransformer(t *testing.T) {
	inputs := map[string]string{}
	for _, tc := range stringCases {
		inputs[tc.name] = tc.in
	}
	for name, text := range articleFiles(t) {
		inputs[name] = text
		inputs[name+" nfd crlf"] = strings.ReplaceAll(norm.NFD.String(oldTone(text)), "\n", "\r\n")
	}
	inputs["long word"] = strings.Repeat("ạ", 3000) + " hoà"
	inputs["long punctuation-free run"] = strings.Repeat("x", 5000) + "\u0301"
	readers := map[string]func(io.Reader) io.Reader{
		"whole":    func(r io.Reader) io.Reader { return r },
		"one byte": iotest.OneByteReader,
		"half":     iotest.HalfReader,
	}
	for name, in := range inputs {
		want := String(in)
		for rname, wrap := range readers {
			t.Run(name+"/"+rname, func(t *testing.T) {
				got, err := io.ReadAll(Reader(wrap(strings.NewReader(in))))
				if err != nil {
					t.Fatal(err)
				}
				if string(got) != want {
					t.Errorf("Reader differs from String at %s", firstDiff(string(got), want))
				}
				if !norm.NFC.IsNormal(got) {
					t.Errorf("Reader output not NFC")
				}
			})
		}
		t.Run(name+"/small dst", func(t *testing.T) {
			tr := Transformer()
			var out bytes.Buffer
			dst := make([]byte, 7)
			src := []byte(in)
			for {
				nDst, nSrc, err := tr.Transform(dst, src, true)
				out.Write(dst[:nDst])
				src = src[nSrc:]
				if err == nil {
					break
				}
				if err != transform.ErrShortDst {
					t.Fatal(err)
				}
			}
			if out.String() != want {
				t.Errorf("small dst differs at %s", firstDiff(out.String(), want))
			}
		})
	}
}
