package normalize

import (
	"io"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// benchText is the fixtures' text, canonical, repeated to about 64 KB.
func benchText(b testing.TB) string {
	one := String(strings.Join(articles(b), "\n\n"))
	return String(strings.Repeat(one+"\n\n", 64*1024/len(one)+1))
}

func benchString(b *testing.B, in string) {
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = String(in)
	}
}

// BenchmarkStringClean is the common case: already canonical NFC text.
func BenchmarkStringClean(b *testing.B) { benchString(b, benchText(b)) }

// BenchmarkStringNFD is decomposed input.
func BenchmarkStringNFD(b *testing.B) { benchString(b, norm.NFD.String(benchText(b))) }

// BenchmarkStringOldTone is NFC input with the old tone placement.
func BenchmarkStringOldTone(b *testing.B) { benchString(b, oldTone(benchText(b))) }

// BenchmarkStringDirtySpaces is NFC input with NBSPs and doubled spaces.
func BenchmarkStringDirtySpaces(b *testing.B) {
	benchString(b, strings.ReplaceAll(benchText(b), " ", "\u00a0 "))
}

func BenchmarkFold(b *testing.B) {
	in := benchText(b)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		_ = Fold(in)
	}
}

// BenchmarkStringWindows1258 is the path of a windows-1258 page: Decode
// (charset from the header) then String. MB/s are of the encoded bytes.
func BenchmarkStringWindows1258(b *testing.B) {
	body := encode1258(b, benchText(b))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		d, err := Decode(body, "text/html; charset=windows-1258")
		if err != nil {
			b.Fatal(err)
		}
		_ = String(d.Text)
	}
}

// BenchmarkDecodeWindows1258Guess is Decode of windows-1258 bytes with no
// charset given: every candidate decoding is tried and scored.
func BenchmarkDecodeWindows1258Guess(b *testing.B) {
	body := encode1258(b, benchText(b))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(body, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeUTF8 is Decode of a UTF-8 page with the charset given:
// the legacy check included.
func BenchmarkDecodeUTF8(b *testing.B) {
	body := []byte(benchText(b))
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Decode(body, "text/html; charset=utf-8"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReaderNFD is the streaming form on decomposed input.
func BenchmarkReaderNFD(b *testing.B) {
	in := norm.NFD.String(benchText(b))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := io.Copy(io.Discard, Reader(strings.NewReader(in))); err != nil {
			b.Fatal(err)
		}
	}
}

// articleText is a realistic ~12 KB article as the extractor renders it:
// the fixtures' text, canonical but for the old tone placement ("hoà",
// "Uỷ") in every fourth paragraph and an NBSP in one.
func articleText(b testing.TB) string {
	paras := strings.Split(String(strings.Join(articles(b), "\n\n")), "\n\n")
	for i := range paras {
		if i%4 == 1 {
			paras[i] = oldTone(paras[i])
		}
	}
	paras[len(paras)/2] = strings.Replace(paras[len(paras)/2], " ", "\u00a0", 1)
	return strings.Join(paras, "\n\n")
}

// BenchmarkStringArticle is the extractor's common case: an article that
// is canonical but for a few words.
func BenchmarkStringArticle(b *testing.B) {
	in := articleText(b)
	if String(in) == in {
		b.Fatal("the article text is already canonical")
	}
	benchString(b, in)
}
