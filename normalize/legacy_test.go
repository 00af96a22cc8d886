package normalize

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

const sentence = "Khối thi đua Nội chính tỉnh Khánh Hòa ký kết giao ước thi đua"

// encodeTCVN3 encodes s with the package's own TCVN3 table (the bytes,
// which read as windows-1252 give the mojibake). It fails on runes TCVN3
// has no byte for.
func encodeTCVN3(tb testing.TB, s string) []byte {
	tb.Helper()
	var out []byte
next:
	for _, r := range s {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
			continue
		}
		for i, t := range tcvn3 {
			if t == r {
				out = append(out, byte(0xA1+i))
				continue next
			}
		}
		b, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			tb.Fatalf("no TCVN3 byte for %q", r)
		}
		out = append(out, b)
	}
	return out
}

// encodeVNI encodes s with the package's own VNI tables.
func encodeVNI(tb testing.TB, s string) []byte {
	tb.Helper()
	cp := func(r rune) byte {
		b, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			tb.Fatalf("not windows-1252: %q", r)
		}
		return b
	}
	var out []byte
next:
	for _, r := range s {
		if r < utf8.RuneSelf {
			out = append(out, byte(r))
			continue
		}
		for k, v := range vniLetters {
			if v == r && k != 'ì' && k != 'í' && k != 'Ì' && k != 'Í' || v == r && k == r {
				out = append(out, cp(k))
				continue next
			}
		}
		q, tone, upper := vowelOf(r)
		base := map[int]rune{qA: 'a', qAb: 'a', qAc: 'a', qE: 'e', qEc: 'e', qO: 'o', qOc: 'o', qOh: 'ô', qU: 'u', qUh: 'ö', qY: 'y'}[q]
		if base == 0 {
			out = append(out, cp(r))
			continue
		}
		want := vniMark{circumflex: q == qAc || q == qEc || q == qOc, breve: q == qAb, tone: tone}
		if upper {
			base = map[rune]rune{'a': 'A', 'e': 'E', 'o': 'O', 'u': 'U', 'y': 'Y', 'ô': 'Ô', 'ö': 'Ö'}[base]
		}
		out = append(out, cp(base))
		if want == (vniMark{}) {
			continue
		}
		for m, v := range vniMarks {
			if v == want && (m < 0xE0) == upper {
				out = append(out, cp(m))
				continue next
			}
		}
		tb.Fatalf("no VNI mark for %q", r)
	}
	return out
}

func TestLegacyRoundTrip(t *testing.T) {
	texts := map[string]string{"sentence": sentence}
	for name, text := range articleFiles(t) {
		texts[name] = String(text)
	}
	for name, text := range texts {
		t.Run("unicode/"+name, func(t *testing.T) {
			if got := DetectLegacy(text); got != LegacyNone {
				t.Errorf("DetectLegacy of Unicode text = %v", got)
			}
		})
		t.Run("vni/"+name, func(t *testing.T) {
			mojibake := decodeCP1252(encodeVNI(t, text))
			if got := DetectLegacy(mojibake); got != VNI {
				t.Errorf("DetectLegacy = %v, want vni", got)
			}
			if got := String(FromLegacy(mojibake, VNI)); got != text {
				t.Errorf("FromLegacy(VNI) differs at %s", firstDiff(got, text))
			}
		})
		t.Run("tcvn3/"+name, func(t *testing.T) {
			// TCVN3 has no capital marked letters: encode the text in
			// the letters the table has, and compare the result with
			// the text ignoring case (the capitals come back only for
			// words and lines in capitals, see FromLegacy).
			lower := []rune(text)
			for i, r := range lower {
				if q, tone, up := vowelOf(r); up && r >= 0x80 && q != 0 && tone != 0 {
					lower[i] = vowelRune(q, tone, false)
				}
			}
			mojibake := decodeCP1252(encodeTCVN3(t, string(lower)))
			if got := DetectLegacy(mojibake); got != TCVN3 {
				t.Errorf("DetectLegacy = %v, want tcvn3", got)
			}
			got := String(FromLegacy(mojibake, TCVN3))
			if Fold(got) != Fold(text) {
				t.Errorf("FromLegacy(TCVN3) differs at %s", firstDiff(got, text))
			}
			if name == "sentence" && got != text {
				t.Errorf("FromLegacy(TCVN3) = %q, want %q", got, text)
			}
		})
	}
}

// TestLegacySamples checks hand-copied samples of the two encodings, as
// they are seen on old pages read as windows-1252.
func TestLegacySamples(t *testing.T) {
	cases := []struct {
		name, in string
		legacy   Legacy
		want     string
	}{
		{"tcvn3 national motto", "Céng hoµ x· héi chñ nghÜa ViÖt Nam\n§éc lËp - Tù do - H¹nh phóc", TCVN3,
			"Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"},
		{"tcvn3 capitals font", "CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", TCVN3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
		{"tcvn3 bloc", "Khèi thi ®ua Néi chÝnh tØnh Kh¸nh Hßa", TCVN3, "Khối thi đua Nội chính tỉnh Khánh Hòa"},
		{"vni national motto", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nÑoäc laäp - Töï do - Haïnh phuùc", VNI,
			"Cộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc"},
		{"vni people", "Thaønh phoá Hoà Chí Minh, ngöôøi daân, Quoác hoäi", VNI, "Thành phố Hồ Chí Minh, người dân, Quốc hội"},
		{"vni capitals", "COÂNG AN TÆNH KHAÙNH HOØA TOÅ CHÖÙC HOÄI NGHÒ", VNI, "CÔNG AN TỈNH KHÁNH HÒA TỔ CHỨC HỘI NGHỊ"},
		{"unicode text", "Khối thi đua Nội chính tỉnh Khánh Hòa", LegacyNone, "Khối thi đua Nội chính tỉnh Khánh Hòa"},
		{"french", "Le comité a été créé à Hà Nội: très réussi, déjà célèbre", LegacyNone, ""},
		{"ascii", "Khoi thi dua Noi chinh", LegacyNone, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectLegacy(tc.in); got != tc.legacy {
				t.Errorf("DetectLegacy(%q) = %v, want %v", tc.in, got, tc.legacy)
			}
			if tc.want == "" {
				return
			}
			if got := String(FromLegacy(tc.in, tc.legacy)); got != tc.want {
				t.Errorf("FromLegacy(%q, %v) = %q, want %q", tc.in, tc.legacy, got, tc.want)
			}
		})
	}
}
