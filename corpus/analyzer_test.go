package corpus

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/thidua/thidua/normalize"
)

// analyzeBoth runs wordsAnalyzer and the analysis it stands for (the
// unicode tokenizer and to_lower) and reports the first difference.
func analyzeBoth(text string) (fast bool, diff string) {
	_, fast = eachWord(text, nil, func([]byte, int, int, int, bool) {})
	got := wordsAnalyzer{}.Analyze([]byte(text))
	want := fallback.Analyze([]byte(text)) // to_lower writes in place: its own copy
	show := func(ts analysis.TokenStream) string {
		var b strings.Builder
		for _, t := range ts {
			fmt.Fprintf(&b, "%q@%d:%d-%d/%d ", t.Term, t.Position, t.Start, t.End, t.Type)
		}
		return b.String()
	}
	if g, w := show(got), show(want); g != w {
		return fast, fmt.Sprintf("got  %s\nwant %s", g, w)
	}
	return fast, ""
}

// TestWordsAnalyzer checks that wordsAnalyzer gives the tokens of the
// unicode tokenizer and to_lower: on the texts of the gold records as the
// index gets them (normalized and folded), on every rune it knows beside
// letters, digits and joiners, and on joiners in every context.
func TestWordsAnalyzer(t *testing.T) {
	var texts []string
	for _, r := range readRecords(t, goldSeeds) {
		for _, v := range indexedOf(r).doc() {
			if l, ok := v.([]string); ok {
				texts = append(texts, l...)
			}
		}
	}
	texts = append(texts,
		"", " ", "TP.HCM", "tp. Hồ Chí Minh", "1.000.000 đồng", "3,5%", "a.1", "1.a", "a..b", "1,,2",
		"U.S.A.", "l'Ha", "12'34", "Ấp 3:4", "x:y", "ĐẮK LẮK", "Đắk Lắk—Gia Lai", "“Biên phòng”",
		"ngày 12/5/2020", "Khối thi đua…", "a_b", "C#", "$5", "e-mail", "Ⱥ", "İstanbul", "ΣΑΣ", "北京 Hà Nội",
		"x\u0301y", "co\u00adop", "a\u200db", "a\r\nb", "a\u2028b", "1\u20442", "a\u2027b", "a\u2019b", "9\u20189",
	)
	// Every rune the fast path classifies, alone and between letters and
	// digits.
	for r := rune(0); r < 0x2070; r++ {
		if r == 0x250 {
			r = 0x1e00
		}
		if r == 0x1f00 {
			r = 0x2000
		}
		s := string(r)
		texts = append(texts, s, "a"+s+"b", "1"+s+"2", "a"+s+"2", "1"+s+"b", s+s+"x"+s)
	}
	fastN := 0
	for _, text := range texts {
		for _, s := range []string{text, normalize.String(text), normalize.Fold(normalize.String(text))} {
			fast, diff := analyzeBoth(s)
			if diff != "" {
				t.Errorf("%q:\n%s", s, diff)
			}
			if fast {
				fastN++
			}
		}
	}
	if fastN < len(texts) {
		t.Errorf("fast path taken for %d texts of %d", fastN, 3*len(texts))
	}
	for _, s := range []string{"Biên phòng", "bien phong", "TP.HCM", "Đắk Lắk 2020"} {
		if _, fast := eachWord(s, nil, func([]byte, int, int, int, bool) {}); !fast {
			t.Errorf("%q: fast path not taken", s)
		}
	}
	in := []byte("Biên Phòng")
	wordsAnalyzer{}.Analyze(in)
	if !slices.Equal(in, []byte("Biên Phòng")) {
		t.Errorf("input changed to %q", in)
	}
}

func FuzzWordsAnalyzer(f *testing.F) {
	for _, s := range []string{"Bộ đội Biên phòng tỉnh Nghệ An", "TP.HCM 1.000,5", "a'b c:d 1;2", "“x” — y…", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, diff := analyzeBoth(s); diff != "" {
			t.Errorf("%q:\n%s", s, diff)
		}
	})
}
