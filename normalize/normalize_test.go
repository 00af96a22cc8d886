package normalize

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// stringCases are the table of String; the fuzz tests are seeded from it.
var stringCases = []struct {
	name, in, want string
}{
	{"empty", "", ""},
	{"clean ascii", "Khoi thi dua", "Khoi thi dua"},
	{"clean vietnamese", "Khối thi đua Nội chính tỉnh Khánh Hòa", "Khối thi đua Nội chính tỉnh Khánh Hòa"},
	{"nfd", norm.NFD.String("Khối thi đua Nội chính tỉnh Khánh Hòa"), "Khối thi đua Nội chính tỉnh Khánh Hòa"},
	{"mixed forms", "Kho\u0302\u0301i thi đua Nội chi\u0301nh", "Khối thi đua Nội chính"},
	{"combining order", "a\u0323\u0302", "ậ"},
	{"zero width", "Nội\u200b chính\u200c\u200d\ufeff tỉnh", "Nội chính tỉnh"},
	{"zero width inside a letter", "Kho\u200b\u0302\u0301i", "Khối"},
	{"soft hyphen", "thi\u00ad đua", "thi đua"},
	{"bidi and word joiner", "\u200eTAND\u2060 tỉnh\u202c", "TAND tỉnh"},
	{"controls", "a\x00b\x07c\u0085d", "abc\nd"},
	{"nbsp and spaces", "Sở\u00a0Tư\u2009pháp\u3000tỉnh\t \tBắc Ninh", "Sở Tư pháp tỉnh Bắc Ninh"},
	{"repeated spaces", "Công  an   tỉnh", "Công an tỉnh"},
	{"trim", "  \n Công an tỉnh \n\n ", "Công an tỉnh"},
	{"line ends", "dòng một   \n   dòng hai", "dòng một\ndòng hai"},
	{"crlf", "một\r\nhai\rba\n\rbốn", "một\nhai\nba\n\nbốn"},
	{"paragraphs", "một\n\n\n\n\nhai\n \n \nba", "một\n\nhai\n\nba"},
	{"line separators", "một\u2028hai\u2029ba", "một\nhai\n\nba"},
	{"invalid utf8", "a\xffb\xc3", "a\ufffdb\ufffd"},
	{"quotes and dashes kept", "chủ đề “Đoàn kết” – «kỷ cương» — ‘x’", "chủ đề “Đoàn kết” – «kỷ cương» — ‘x’"},

	// Tone placement: spec/record.md, Normalization.
	{"tone hoà", "hoà", "hòa"},
	{"tone Hoà", "Khánh Hoà", "Khánh Hòa"},
	{"tone HOÀ", "KHÁNH HOÀ", "KHÁNH HÒA"},
	{"tone thuỷ", "thuỷ", "thủy"},
	{"tone Uỷ", "Uỷ ban nhân dân", "Ủy ban nhân dân"},
	{"tone UỶ", "UỶ BAN", "ỦY BAN"},
	{"tone Toà", "Toà án nhân dân", "Tòa án nhân dân"},
	{"tone khoẻ", "sức khoẻ", "sức khỏe"},
	{"tone Hoá", "Thanh Hoá", "Thanh Hóa"},
	{"tone oạ oã oả", "hoạ, doạ, thoả, xoã", "họa, dọa, thỏa, xõa"},
	{"tone oè oé oẹ oẽ", "xoè, loé, khoẻ, oẹ, loẽ", "xòe, lóe, khỏe, ọe, lõe"},
	{"tone uỳ uý uỵ uỹ", "tuỳ, huý, tuỵ, luỹ", "tùy, húy, tụy, lũy"},
	{"tone nfd old style", norm.NFD.String("Hoà Bình"), "Hòa Bình"},
	{"tone nfd old style upper", norm.NFD.String("THUỶ"), "THỦY"},
	{"tone keep quý", "quý, quỳ, quỹ, Quý", "quý, quỳ, quỹ, Quý"},
	{"tone keep giữ", "giữ, gió, giá", "giữ, gió, giá"},
	{"tone keep final consonant", "hoàn thành, toán, khuyến, thuyết, hoạt, khoảng", "hoàn thành, toán, khuyến, thuyết, hoạt, khoảng"},
	{"tone keep khuya", "khuya, ngoài, khuỷu, hoài", "khuya, ngoài, khuỷu, hoài"},
	{"tone keep new style", "hòa, thủy, Ủy", "hòa, thủy, Ủy"},
	{"tone at end of input", "Toà", "Tòa"},
	{"tone before punctuation", "(hoà).", "(hòa)."},
	{"tone before a curly quote", "Tòa “Toà” xử", "Tòa “Tòa” xử"},
	{"tone before an ellipsis", "Thanh Hoá… và", "Thanh Hóa… và"},
	{"nfc singleton among canonical text", "Điện trở 5 \u2126 → tốt", "Điện trở 5 \u03a9 → tốt"},
	{"nfc hangul jamo compose", "Hàn Quốc \u1100\u1161", "Hàn Quốc \uac00"},
	{"symbols stay", "Khối → 9 đơn vị ★ ✓", "Khối → 9 đơn vị ★ ✓"},
	{"tone before a dash", "Khánh Hoà–Phú Yên", "Khánh Hòa–Phú Yên"},
}

func TestString(t *testing.T) {
	for _, tc := range stringCases {
		t.Run(tc.name, func(t *testing.T) {
			got := String(tc.in)
			if got != tc.want {
				t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if again := String(got); again != got {
				t.Errorf("String not idempotent: String(%q) = %q", got, again)
			}
			if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
				t.Errorf("String(%q) = %q: not valid NFC UTF-8", tc.in, got)
			}
			if b := Bytes([]byte(tc.in)); string(b) != tc.want {
				t.Errorf("Bytes(%q) = %q, want %q", tc.in, b, tc.want)
			}
		})
	}
}

// TestStringCleanNoAlloc checks the fast path: canonical input comes back
// as is, without allocating.
func TestStringCleanNoAlloc(t *testing.T) {
	for _, text := range articles(t) {
		clean := String(text)
		if !isCanonical(clean) {
			t.Fatalf("String output not recognised as canonical: %.80q", clean)
		}
		n := testing.AllocsPerRun(10, func() { _ = String(clean) })
		if n != 0 {
			t.Errorf("String(clean) allocates %v times, want 0", n)
		}
	}
}

// TestIsCanonicalAgrees checks that the fast path says "canonical" exactly
// when String leaves the text unchanged, for each case and for the
// fixtures.
func TestIsCanonicalAgrees(t *testing.T) {
	inputs := []string{}
	for _, tc := range stringCases {
		inputs = append(inputs, tc.in, tc.want)
	}
	inputs = append(inputs, articles(t)...)
	for _, s := range inputs {
		var c cleaner
		slow := string(c.process(nil, []byte(s)))
		if isCanonical(s) && slow != s {
			t.Errorf("isCanonical(%.60q) = true, but String changes it to %.60q", s, slow)
		}
	}
}

func TestArticles(t *testing.T) {
	for name, text := range articleFiles(t) {
		t.Run(name, func(t *testing.T) {
			want := String(text)
			forms := map[string]string{
				"nfd":          norm.NFD.String(text),
				"old tone":     oldTone(want),
				"nfd old tone": norm.NFD.String(oldTone(want)),
				"crlf":         strings.ReplaceAll(text, "\n", "\r\n"),
			}
			for form, in := range forms {
				if got := String(in); got != want {
					t.Errorf("%s: String differs from the NFC text at %s", name, firstDiff(got, want))
				}
				_ = form
			}
		})
	}
}

// TestComposeMatchesNFC checks the fast composition of decomposed
// Vietnamese against norm.NFC for every vowel, tone and mark order.
func TestComposeMatchesNFC(t *testing.T) {
	marks := []string{"\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u0302", "\u0306", "\u031b", "\u0308"}
	for _, base := range []string{"a", "A", "e", "o", "O", "u", "y", "i", "â", "ơ", "á", "ạ", "n", "đ"} {
		for _, m1 := range marks {
			for _, m2 := range marks {
				in := "x" + base + m1 + m2 + " z"
				want := norm.NFC.String(in)
				if got := String(in); got != want {
					t.Errorf("String(%+q) = %+q, want NFC %+q", in, got, want)
				}
			}
		}
	}
}
