package normalize

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// benchText is the fixtures' text, canonical, repeated to about 64 KB.
func benchText(b *testing.B) string {
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
