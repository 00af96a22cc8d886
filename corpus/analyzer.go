package corpus

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	unicodetok "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// The text fields are analyzed by wordsAnalyzer: the words of the text as
// bleve's "unicode" tokenizer (UAX #29 word boundaries) finds them, lower
// cased as bleve's "to_lower" filter does, in one pass over text in Latin
// script (ASCII, Latin-1, Latin Extended A and B, Latin Extended
// Additional: all of Vietnamese in NFC, which normalize.String makes, and
// of its folded form). Text with any other rune, or with one whose word
// boundaries need more context than one rune on each side (combining
// marks, format characters, connectors such as '_'), is handed to the
// unicode tokenizer and the lower-case filter themselves, so the tokens
// are always theirs (TestWordsAnalyzer, FuzzWordsAnalyzer). The index
// splits its text with eachWord, straight into its counts (termsField), in
// a quarter of the time the tokenizer and the filter took on the words of
// generated records.

// analyzerWords is the name under which bleve's registry knows
// wordsAnalyzer; index mappings name it.
const analyzerWords = "thidua_words"

var registerOnce sync.Once

// registerAnalysis registers wordsAnalyzer with bleve's registry, once per
// process. It must run before an index whose mapping names it is created
// or opened (newMapping, openBleve and the read-only open call it).
func registerAnalysis() {
	registerOnce.Do(func() {
		err := registry.RegisterAnalyzer(analyzerWords, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
			return wordsAnalyzer{}, nil
		})
		if err != nil {
			panic("corpus: " + err.Error()) // only a second registration under the name fails
		}
	})
}

// wordsAnalyzer is the analyzer of the text fields (see above).
type wordsAnalyzer struct{}

// fallback is the analysis wordsAnalyzer stands for.
var fallback = &analysis.DefaultAnalyzer{
	Tokenizer:    unicodetok.NewUnicodeTokenizer(),
	TokenFilters: []analysis.TokenFilter{lowercase.NewLowerCaseFilter()},
}

// Word-break classes of the runes the fast path knows (UAX #29).
const (
	wbOther     = iota // a separator: never in a word
	wbLetter           // ALetter
	wbDigit            // Numeric
	wbMidLetter        // ':': joins two letters
	wbMidNum           // ',' ';': joins two digits
	wbMidNumLet        // '.' '\'' U+2018 U+2019: joins two letters or two digits
	wbUnknown          // anything else: the fast path gives up
)

// asciiClass is the class of each ASCII byte.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
			t[c] = wbLetter
		case '0' <= c && c <= '9':
			t[c] = wbDigit
		case c == ':':
			t[c] = wbMidLetter
		case c == ',' || c == ';':
			t[c] = wbMidNum
		case c == '.' || c == '\'':
			t[c] = wbMidNumLet
		case c == '_' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1b:
			// ExtendNumLet joins more than its neighbours; CR LF and the
			// other newline and format controls are left to the
			// tokenizer too
			t[c] = wbUnknown
		default:
			t[c] = wbOther
		}
	}
	return t
}()

// latinLower is the lower case of the letters of U+00C0-U+024F and
// U+1E00-U+1EFF (Latin-1, Latin Extended A and B, Latin Extended
// Additional), 0 for the two signs among them and for the letters whose
// lower case is not as long in UTF-8 (to_lower does not lower those
// correctly: its result is kept by leaving them to it).
var latinLower = func() (t [0x250 - 0xc0 + 0x100]rune) {
	for i := range t {
		r := rune(0xc0 + i)
		if i >= 0x250-0xc0 {
			r = rune(0x1e00 + i - (0x250 - 0xc0))
		}
		if l := unicode.ToLower(r); unicode.IsLetter(r) && utf8.RuneLen(l) == utf8.RuneLen(r) {
			t[i] = l
		}
	}
	return t
}()

// lowerLetter returns the lower case of a letter of the Latin ranges of
// latinLower, or 0.
func lowerLetter(r rune) rune {
	switch {
	case 0xc0 <= r && r < 0x250:
		return latinLower[r-0xc0]
	case 0x1e00 <= r && r < 0x1f00:
		return latinLower[r-0x1e00+0x250-0xc0]
	}
	return 0
}

// runeClass is the class of a non-ASCII rune.
func runeClass(r rune) uint8 {
	if lowerLetter(r) != 0 {
		return wbLetter
	}
	switch {
	case r == 0xa0 || r == 0xd7 || r == 0xf7:
		return wbOther
	case r == 0x2018 || r == 0x2019:
		return wbMidNumLet
	case 0x2010 <= r && r <= 0x2017, 0x201a <= r && r <= 0x2023,
		r == 0x2025 || r == 0x2026, 0x2030 <= r && r <= 0x203e,
		0x2041 <= r && r <= 0x2043, 0x2045 <= r && r <= 0x2053,
		0x2055 <= r && r <= 0x205e:
		return wbOther // dashes, quotes, bullets and other punctuation
	}
	return wbUnknown
}

// Analyze returns the lower-cased words of input, with the offsets and
// positions the unicode tokenizer gives them. The terms are written to a
// new buffer: input is not modified.
func (wordsAnalyzer) Analyze(input []byte) analysis.TokenStream {
	var toks analysis.TokenStream
	var slab []analysis.Token
	_, ok := eachWord(string(input), nil, func(term []byte, start, end, pos int, numeric bool) {
		typ := analysis.AlphaNumeric
		if numeric {
			typ = analysis.Numeric
		}
		if len(slab) == cap(slab) {
			slab = make([]analysis.Token, 0, len(input)/4+1)
		}
		slab = append(slab, analysis.Token{Term: term, Start: start, End: end, Position: pos, Type: typ})
		toks = append(toks, &slab[len(slab)-1])
	})
	if !ok {
		return fallback.Analyze(input)
	}
	if toks == nil {
		toks = analysis.TokenStream{}
	}
	return toks
}

// eachWord is the fast path of Analyze: it calls fn with each word of
// input, lower cased into out (which it returns, grown), its byte offsets
// in input, its position (from 1) and whether it is a number. ok is false,
// and fn is not called, when input has a rune the fast path does not know.
func eachWord(input string, out []byte, fn func(term []byte, start, end, pos int, numeric bool)) (_ []byte, ok bool) {
	// First pass: classify, find the words, and check every rune.
	type span struct{ start, end, cls int }
	var buf [64]span
	spans := buf[:0] // runs of letters, digits and joiners between them
	prevCls, prevEnd := wbOther, 0
	for i := 0; i < len(input); {
		c := input[i]
		var cls uint8
		w := 1
		if c < utf8.RuneSelf {
			cls = asciiClass[c]
		} else {
			var r rune
			r, w = utf8.DecodeRuneInString(input[i:])
			if r == utf8.RuneError && w == 1 {
				return out, false
			}
			cls = runeClass(r)
		}
		switch cls {
		case wbUnknown:
			return out, false
		case wbLetter, wbDigit:
			n := len(spans)
			switch {
			case n > 0 && spans[n-1].end == i && joins(spans[n-1].cls, int(cls)):
				spans[n-1].end, spans[n-1].cls = i+w, int(cls)
			case n > 0 && prevEnd == i && isMid(prevCls) && spans[n-1].end == i-midWidth(input, i) &&
				joinsAcross(spans[n-1].cls, prevCls, int(cls)):
				spans[n-1].end, spans[n-1].cls = i+w, int(cls)
			default:
				spans = append(spans, span{i, i + w, int(cls)})
			}
		}
		prevCls, prevEnd = int(cls), i+w
		i += w
	}
	// Second pass: lower case the words.
	for k, s := range spans {
		from := len(out)
		numeric := true
		for i := s.start; i < s.end; {
			c := input[i]
			if c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				numeric = numeric && asciiClass[c] != wbLetter
				out = append(out, c)
				i++
				continue
			}
			r, w := utf8.DecodeRuneInString(input[i:])
			if l := lowerLetter(r); l != 0 {
				numeric = false
				r = l
			}
			out = utf8.AppendRune(out, r)
			i += w
		}
		fn(out[from:len(out):len(out)], s.start, s.end, k+1, numeric)
	}
	return out, true
}

// joins reports whether two adjacent runes of the given classes are in one
// word (WB5, WB8, WB9, WB10).
func joins(a, b int) bool {
	return (a == wbLetter || a == wbDigit) && (b == wbLetter || b == wbDigit)
}

func isMid(cls int) bool {
	return cls == wbMidLetter || cls == wbMidNum || cls == wbMidNumLet
}

// joinsAcross reports whether a word ending in a rune of class a goes on
// over one joiner of class mid to a rune of class b (WB6, WB7, WB11, WB12).
func joinsAcross(a, mid, b int) bool {
	switch {
	case a == wbLetter && b == wbLetter:
		return mid == wbMidLetter || mid == wbMidNumLet
	case a == wbDigit && b == wbDigit:
		return mid == wbMidNum || mid == wbMidNumLet
	}
	return false
}

// midWidth is the width of the rune that ends just before input[i].
func midWidth(input string, i int) int {
	_, w := utf8.DecodeLastRuneInString(input[:i])
	return w
}
