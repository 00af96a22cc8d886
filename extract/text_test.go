package extract

import (
	"bytes"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestCueHitsInOnePass checks that the cue phrases newText notes while it
// folds are those the plain search finds (cueHitsPlain), on the gold
// texts and on written forms at the edges: phrases at the very start and
// end, after punctuation folded to itself, across line ends.
func TestCueHitsInOnePass(t *testing.T) {
	texts := []string{
		"",
		"ký kết giao ước",
		"Ký kết giao ước thi đua năm 2024 “Khối thi đua” – trưởng khối",
		"…Trưởng khối: Công an tỉnh; phó khối—Tòa án\nngày 5/3 tổng kết",
		"khối\nthi đua\n\nNgày",
		"ȺȺȺ Khối thi đua ȺA Công an tỉnh", // a key longer than its text ("Ⱥ" folds to the longer "ⱥ")
		"\xff\xffKý kết giao ước",          // invalid bytes fold to U+FFFD
	}
	for _, s := range append(texts, goldTexts(t, -1)...) {
		checkCueHits(t, s)
	}
}

// goldTexts returns the cleaned texts of the gold documents, the first n
// of each set (all for n < 0).
func goldTexts(t *testing.T, n int) []string {
	var texts []string
	for _, set := range goldSets(t) {
		docs := readDocs(t, filepath.Join(sharedGold, set+".docs.jsonl"))
		if n >= 0 && n < len(docs) {
			docs = docs[:n]
		}
		for _, d := range docs {
			texts = append(texts, ParseText(d.Text).Text)
		}
	}
	return texts
}

func checkCueHits(t *testing.T, s string) {
	t.Helper()
	x := newText(s)
	defer x.release()
	want := cueHitsPlain(x.key)
	if (len(x.hits) > 0 || len(want) > 0) && !reflect.DeepEqual(x.hits, want) {
		t.Fatalf("newText(%.60q): %d cue hits, a pass of their own finds %d", s, len(x.hits), len(want))
	}
}

// cueHitsPlain finds the cue phrases the plain way: every phrase tried at
// every word start, in text order and table order.
func cueHitsPlain(key string) []phraseHit {
	ps := cuePhrases()
	var hits []phraseHit
	for i := 0; i < len(key); i++ {
		if !isWordByte(key[i]) || i > 0 && isWordByte(key[i-1]) {
			continue
		}
		for k, p := range ps.phrases {
			if strings.HasPrefix(key[i:], p) && (i+len(p) == len(key) || !isWordByte(key[i+len(p)])) {
				hits = append(hits, phraseHit{idx: k, tag: ps.tags[k], at: span{i, i + len(p)}})
			}
		}
	}
	return hits
}

func FuzzCueHits(f *testing.F) {
	f.Add("Khối thi đua Nội chính ký kết giao ước thi đua năm 2024")
	f.Add("trưởng khối“ngày”x\xffký kết")
	f.Fuzz(func(t *testing.T, s string) { checkCueHits(t, s) })
}

// TestOffsets checks the offset translations of a text (runeOf, srcAt,
// keyAt) at every offset against tables of every rune made the plain way.
func TestOffsets(t *testing.T) {
	texts := []string{"", "abc", "Đắk Lắk", "“Khối” – 9 đơn vị…", "ȺȺ x \xff\xfe y", "a\u0301b"}
	for _, s := range append(texts, goldTexts(t, 5)...) {
		checkOffsets(t, s)
	}
}

func checkOffsets(t *testing.T, s string) {
	t.Helper()
	x := newText(s)
	defer x.release()
	// The plain tables: key and text decoded in step, one rune each.
	var srcOff, keyOff []int
	i, k := 0, 0
	for i < len(s) {
		srcOff, keyOff = append(srcOff, i), append(keyOff, k)
		_, n := utf8.DecodeRuneInString(s[i:])
		_, m := utf8.DecodeRuneInString(x.key[k:])
		i, k = i+n, k+m
	}
	if k != len(x.key) {
		t.Fatalf("%q: key %q is not one rune a rune", s, x.key)
	}
	srcOff, keyOff = append(srcOff, len(s)), append(keyOff, len(x.key))
	for b := 0; b <= len(x.key); b++ {
		want := 0
		for r := range keyOff {
			if keyOff[r] <= b {
				want = r
			}
		}
		if got := x.runeOf(b); got != want {
			t.Fatalf("%q: runeOf(%d) = %d, want %d", s, b, got, want)
		}
	}
	for r := range srcOff {
		if got := x.srcAt(r); got != srcOff[r] {
			t.Fatalf("%q: srcAt(%d) = %d, want %d", s, r, got, srcOff[r])
		}
	}
	for b := 0; b <= len(s); b++ {
		r := 0
		for r < len(srcOff)-1 && srcOff[r] < b {
			r++
		}
		if got := x.keyAt(b); got != keyOff[r] {
			t.Fatalf("%q: keyAt(%d) = %d, want %d", s, b, got, keyOff[r])
		}
	}
}

func FuzzOffsets(f *testing.F) {
	f.Add("Khối thi đua “Nội chính” tỉnh Đắk Lắk")
	f.Add("\xffȺ\u0301x")
	f.Fuzz(func(t *testing.T, s string) { checkOffsets(t, s) })
}

// BenchmarkNewText folds and indexes the texts of news-sized pages: the
// first pass of the field rules.
func BenchmarkNewText(b *testing.B) {
	var texts []string
	var size int64
	for _, p := range mirrorPages(b, 20) {
		pg, err := ParseHTML(bytes.NewReader(p), "https://example.vn/a.html")
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, pg.Text)
		size += int64(len(pg.Text))
	}
	b.SetBytes(size / int64(len(texts)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		newText(texts[i%len(texts)]).release()
	}
}
