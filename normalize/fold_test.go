package normalize

import (
	"testing"
	"unicode/utf8"
)

var foldCases = []struct{ name, in, want string }{
	{"empty", "", ""},
	{"ascii lower", "khoi thi dua", "khoi thi dua"},
	{"ascii upper", "UBND", "ubnd"},
	{"d stroke", "Đắk Lắk", "dak lak"},
	{"biên phòng", "Biên phòng", "bien phong"},
	{"all tones", "àáảãạ ằắẳẵặ ầấẩẫậ èéẻẽẹ ềếểễệ ìíỉĩị òóỏõọ ồốổỗộ ờớởỡợ ùúủũụ ừứửữự ỳýỷỹỵ",
		"aaaaa aaaaa aaaaa eeeee eeeee iiiii ooooo ooooo ooooo uuuuu uuuuu yyyyy"},
	{"capitals", "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "uy ban nhan dan tinh khanh hoa"},
	{"punctuation kept", "“Khối” – 2024", "“khoi” – 2024"},
	{"other scripts", "Ελλάδα Ñandú", "ελλαδα nandu"},
	{"combining mark kept", "a\u0301", "a\u0301"},
	{"invalid byte", "a\xffb", "a\ufffdb"},
}

func TestFold(t *testing.T) {
	for _, tc := range foldCases {
		t.Run(tc.name, func(t *testing.T) {
			got := Fold(tc.in)
			if got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if utf8.RuneCountInString(got) != utf8.RuneCountInString(tc.in) {
				t.Errorf("Fold(%q) has %d runes, input %d", tc.in, utf8.RuneCountInString(got), utf8.RuneCountInString(tc.in))
			}
		})
	}
}

// TestFoldOffsets checks the alignment the extractor relies on: an offset
// found in the key points at the same word in the text.
func TestFoldOffsets(t *testing.T) {
	text := []rune(String("Bộ Chỉ huy Bộ đội Biên phòng tỉnh Đắk Lắk"))
	key := []rune(Fold(string(text)))
	for i := range key {
		if string(key[i:i+7]) == "dak lak" {
			if got := string(text[i : i+7]); got != "Đắk Lắk" {
				t.Errorf("offset %d: text %q", i, got)
			}
			return
		}
		if i+7 >= len(key) {
			break
		}
	}
	t.Error("dak lak not found in the key")
}

func TestFoldRuneMatchesFold(t *testing.T) {
	for r := rune(0); r < 0x2000; r++ {
		if got := []rune(Fold(string(r))); len(got) != 1 || got[0] != FoldRune(r) {
			t.Fatalf("Fold(%q) = %q, FoldRune = %q", r, string(got), FoldRune(r))
		}
	}
}
