package normalize

import (
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// walkCases are texts canonical but for a few bytes, at the places where
// String's walk cuts between copied and cleaned stretches. TestWalk checks
// String against stringSlow on each; FuzzStringFast is seeded from them.
var walkCases = []struct{ name, in string }{
	{"clean", "Ủy ban nhân dân tỉnh\n\nKhánh Hòa"},
	{"old tone mid line", "Ủy ban nhân dân tỉnh Khánh Hoà tổ chức\n\nhội nghị"},
	{"old tone line start", "một\nUỷ ban nhân dân\nba"},
	{"old tone line end", "một\nthành phố Thanh Hoá\nba"},
	{"old tone alone", "một\nhoà\nba"},
	{"old tone after non-ascii", "đó hoà hợp"},
	{"old tone after quý", "quý hoà, quỳ uỷ"},
	{"old tone after vowel across space", "a oà ưoà"},
	{"nbsp", "Sở\u00a0Tư pháp tỉnh"},
	{"nbsp line start", "một\n\u00a0hai ba"},
	{"nbsp line end", "một hai\u00a0\nba"},
	{"nbsp before space", "một\u00a0 hai"},
	{"space before nbsp", "một \u00a0hai"},
	{"zwsp only line", "một\n\u200b\nhai"},
	{"zwsp only lines", "một\n\u200b\n\u200b\n\u200b\nhai"},
	{"space only line", "một\n \nhai"},
	{"spaces only lines", "một\n \n\t\n\u00a0\nhai"},
	{"zwsp line between paragraphs", "một\n\n\u200b\n\nhai"},
	{"three newlines", "một\n\n\nhai"},
	{"many newlines", "một\n\n\n\n\n\nhai"},
	{"leading newlines", "\n\nmột hai"},
	{"trailing newlines", "một hai\n\n\n"},
	{"trailing newline", "một hai\n"},
	{"leading space", " một hai"},
	{"trailing space", "một hai "},
	{"leading zwsp", "\u200bmột hai\nba"},
	{"double space", "một  hai ba"},
	{"double space after non-ascii", "hà  nội"},
	{"cr", "một\rhai ba"},
	{"crlf", "một hai\r\nba bốn\r\n\r\nnăm"},
	{"cr then lf line", "một\r\n\nhai"},
	{"lf cr", "một\n\rhai"},
	{"cr at end", "một hai\r"},
	{"cr lf at end", "một hai\r\n"},
	{"nel", "một\u0085hai"},
	{"line separator", "một hai\u2028ba"},
	{"paragraph separator", "một hai\u2029ba\nbốn"},
	{"paragraph separator between newlines", "một\n\u2029\nhai"},
	{"combining mark at line start", "một\n\u0301hai"},
	{"combining mark after space", "một \u0301hai"},
	{"combining mark at start", "\u0301một"},
	{"nfd word", "Khánh Ho\u0300a tỉnh"},
	{"nfd word at line start", "một\nHo\u0300a tỉnh"},
	{"nfd old tone", "Kho\u0301a ho\u0323c ho\u0323a"},
	{"mixed nfd", "Kho\u0302\u0301i thi đua Nội chi\u0301nh"},
	{"mark after ascii before space", "abc\u0301 def"},
	{"invalid utf8", "một \xff hai\nba \xc3"},
	{"invalid utf8 line start", "một\n\xe1\x80 hai"},
	{"invalid utf8 before space", "một\xe1 hai ba"},
	{"control", "một\x00hai ba\x07"},
	{"control before space", "một hai\x00 ba"},
	{"control between o and a", "ho\x00à"},
	{"tab", "một\thai"},
	{"nfc other script", "한국어 \u1100\u1161 ok"},
	{"hangul jamo t after space", "가 \u11a8 x"},
	{"nfc non-normal", "x \u0041\u0328\u0301 y"},
	{"cyrillic mark", "x \u0439 \u0438\u0306 y"},
	{"soft hyphen", "thi\u00adđua hoà"},
	{"bom", "\ufeffmột hai"},
	{"ideographic space", "một\u3000hai"},
	{"spaces around newline", "một \n hai"},
	{"old tone and nbsp", "Uỷ\u00a0ban hoà\u00a0bình"},
	// isCanonical passes an old-style pair before any non-ASCII rune; the
	// cleaner rewrites it unless that rune is a letter or a mark.
	{"old tone before a closing quote", "“Toà” xử hoà"},
	{"old tone before a dash", "Thanh Hoá–Nghệ An, hoà"},
	{"old tone before a non-letter", "o\u00e8\u05c0 "},
	{"old tone before a letter", "hoàđ hoà"},
	{"old tone before a quote, a problem lines later", "“Toà”\nmột\n\nhai\u00a0ba"},
	// The walk starts at the line where isCanonical stops.
	{"problem after a blank line", "một\n\nhai\nba  bốn"},
	{"problem after a line", "một hai\nba\u00a0bốn\nnăm"},
	{"problem in the third newline", "một\n\n\nhai"},
	{"problem after other scripts", "Ελλάδα 한국\nx\u00a0y"},
	{"not nfc before a problem", "x \u0041\u0328\u0301 y\nx\u00a0y"},
}

func TestWalk(t *testing.T) {
	inputs := map[string]string{}
	for _, tc := range walkCases {
		inputs[tc.name] = tc.in
	}
	for _, tc := range stringCases {
		inputs["stringCases/"+tc.name] = tc.in
	}
	for name, text := range articleFiles(t) {
		want := String(text)
		inputs[name] = text
		inputs[name+"/nfd"] = norm.NFD.String(text)
		inputs[name+"/old tone"] = oldTone(want)
		inputs[name+"/crlf"] = strings.ReplaceAll(text, "\n", "\r\n")
	}
	inputs["article"] = articleText(t)
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			want := stringSlow(in)
			if got := String(in); got != want {
				t.Errorf("String(%+.80q) differs from stringSlow at %s", in, firstDiff(got, want))
			}
			if got := Bytes([]byte(in)); string(got) != want {
				t.Errorf("Bytes(%+.80q) differs from stringSlow at %s", in, firstDiff(string(got), want))
			}
		})
	}
}
