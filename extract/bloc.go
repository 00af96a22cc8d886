package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// blocMention is one place where the text names the internal-affairs bloc
// ("Khối thi đua các cơ quan Nội chính", "Khối Nội chính - Lực lượng vũ
// trang", "Khối thi đua các Bộ, ngành Nội chính Trung ương") or a numbered
// bloc ("Khối thi đua số IV").
type blocMention struct {
	span     span
	words    int    // words in the name, to prefer the fullest
	thiDua   bool   // the name says "thi đua"
	noiChinh bool   // the name says "nội chính"
	number   string // "IV", "3" for "Khối thi đua số IV"
	strong   bool   // written as a name: "thi đua" in it, or capitalized
	central  bool   // a ministry-level bloc ("Trung ương", "các bộ, ngành")
}

// blocHeads are the words a bloc's name begins with.
var blocHeads = []string{"khoi", "cum"}

// findBlocs lists the bloc mentions of a text, in order.
func findBlocs(t *text) []blocMention {
	var out []blocMention
	key := t.key
	for h := range t.hitsOf(tagBloc) {
		if m, ok := parseBloc(t, h.at.start, key[h.at.start:h.at.end]); ok {
			out = append(out, m)
		}
	}
	return out
}

// parseBloc reads a bloc name starting at key offset i (the word "khối" or
// "cụm"). The grammar, on the folded key:
//
//	head ["thi đua"] ["các" ("cơ quan" | "ngành" | "bộ, ngành" | "đơn vị")] "nội chính"
//	     ["-" "lực lượng vũ trang"] ["trung ương"]
//	head "thi đua" "số" NUMBER
func parseBloc(t *text, i int, head string) (blocMention, bool) {
	key := t.key
	m := blocMention{}
	p := i + len(head)
	nWords := 1
	// A trade union or youth branch of the bloc is not the bloc.
	before := key[max(0, i-24):i]
	if strings.Contains(before, "cong doan") || strings.Contains(before, "doan thanh nien") {
		return m, false
	}
	accept := func(phrase string) bool {
		q := skipSpaces(key, p)
		if strings.HasPrefix(key[q:], phrase) && (q+len(phrase) == len(key) || !isWordByte(key[q+len(phrase)])) {
			p = q + len(phrase)
			nWords += strings.Count(phrase, " ") + 1
			return true
		}
		return false
	}
	if accept("thi dua") || accept("thi ua") || accept("khi dua") {
		m.thiDua = true
	}
	if accept("so") {
		w, e := nextWord(key, p)
		if w != "" && (isDigits(w) || isRoman(w)) && e-p <= 8 {
			m.number = strings.ToUpper(w)
			p = e
			m.span = span{i, p}
			m.words = nWords + 1
			m.strong = true
			return m, true
		}
		return m, false
	}
	if head == "khoi" && m.thiDua {
		if w, e := nextWord(key, p); isDigits(w) && e-p <= 4 {
			// "Khối thi đua 20 Bộ Xây dựng": a number, not a name; the
			// members decide whether it is the internal-affairs bloc.
			m.number = w
			m.span = span{i, e}
			m.words = nWords + 1
			m.strong = true
			return m, true
		}
	}
	if accept("cac") {
		if !(accept("co quan") || accept("bo, nganh") || accept("bo nganh") || accept("bo - nganh") ||
			accept("nganh") || accept("don vi")) {
			return m, false
		}
	}
	if !accept("noi chinh") {
		return m, false
	}
	m.noiChinh = true
	// "- Lực lượng vũ trang", ", lực lượng vũ trang"
	save, saveWords := p, nWords
	q := skipSpaces(key, p)
	if q < len(key) && (key[q] == '-' || key[q] == ',' || strings.HasPrefix(key[q:], "–") || strings.HasPrefix(key[q:], "—")) {
		_, size := utf8.DecodeRuneInString(key[q:])
		p = q + size
		if !accept("luc luong vu trang") {
			p, nWords = save, saveWords
		}
	}
	if accept("trung uong") {
		m.central = true
	}
	if strings.Contains(key[i:p], "bo, nganh") || strings.Contains(key[i:p], "bo nganh") {
		m.central = true
	}
	m.span = span{i, p}
	m.words = nWords
	src := t.srcOf(span{i, p})
	// A name, not words: "thi đua" in it, the "các cơ quan/ngành" form, or
	// written with capitals ("Khối Nội chính", not "khối nội chính").
	m.strong = m.thiDua || nWords >= 5 || startsUpper(src) && hasUpperWord(src, "nội")
	return m, true
}

func skipSpaces(key string, p int) int {
	for p < len(key) && key[p] == ' ' {
		p++
	}
	return p
}

func isDigits(w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return false
		}
	}
	return true
}

func isRoman(w string) bool {
	if w == "" || len(w) > 6 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !strings.ContainsRune("ivxl", rune(w[i])) {
			return false
		}
	}
	return true
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// hasUpperWord reports whether a word of s that folds like w is capitalized
// ("Nội chính" rather than "nội chính").
func hasUpperWord(s, w string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, w) || foldName(f) == foldName(w) {
			if startsUpper(f) {
				return true
			}
		}
	}
	return false
}

// coreUnits are the agencies that make a bloc an internal-affairs bloc.
var coreUnits = map[string]bool{
	UnitMilitary: true, UnitBorderGuard: true, UnitPolice: true, UnitProcuracy: true,
	UnitCourt: true, UnitJustice: true, UnitEnforcement: true, UnitInspectorate: true,
}

// blocVerdict decides relevance and picks the bloc's name, number and level.
type blocVerdict struct {
	relevant bool
	name     blocMention
	number   string
	central  bool
}

// judgeBlocs decides whether the article is about the internal-affairs bloc.
// A named bloc counts when the title or the opening names it, or the text
// names it twice; a numbered bloc counts when the article shows it made of
// internal-affairs agencies (three or more of them mentioned).
func judgeBlocs(t *text, blocs []blocMention, titleEnd int, mentions []unitMention) blocVerdict {
	var v blocVerdict
	strong, early := 0, false
	best := -1
	for k, b := range blocs {
		if !b.noiChinh || !b.strong {
			continue
		}
		strong++
		if b.span.start < titleEnd || b.span.start < 400 && reportsEvent(t, b.span) {
			early = true
		}
		if best < 0 || b.words > blocs[best].words {
			best = k
		}
	}
	if best >= 0 && (early || strong >= 2) {
		v.relevant = true
		// The fullest name as written, among all mentions of the bloc.
		for _, b := range blocs {
			if b.noiChinh && b.words > blocs[best].words && b.central == blocs[best].central {
				best = slices.Index(blocs, b)
			}
		}
		v.name = blocs[best]
		v.central = blocs[best].central
		// "Khối thi đua các cơ quan Nội chính tỉnh Cao Bằng (Khối thi đua số IV)"
	number:
		for _, b := range blocs {
			if b.number == "" {
				continue
			}
			for _, n := range blocs {
				if n.noiChinh && abs(b.span.start-n.span.end) < 80 {
					v.number = b.number
					break number
				}
			}
		}
		return v
	}
	// A numbered bloc made of internal-affairs agencies: four kinds of them
	// at least, two from the armed and judicial core (police, military,
	// border guard, procuracy, court), so that a bloc of state-management
	// departments with the justice department and the inspectorate in it
	// is not taken for the internal-affairs bloc.
	core, armed := map[string]bool{}, map[string]bool{}
	for _, m := range mentions {
		if coreUnits[m.unit] {
			core[m.unit] = true
		}
		switch m.unit {
		case UnitPolice, UnitMilitary, UnitBorderGuard, UnitProcuracy, UnitCourt:
			armed[m.unit] = true
		}
	}
	for _, b := range blocs {
		if b.number != "" && hasWord(t.key[b.span.start:b.span.end], "so") && len(core) >= 4 && len(armed) >= 2 {
			v.relevant = true
			v.name = b
			v.number = b.number
			return v
		}
	}
	return v
}

// eventWords show a sentence reporting something the bloc does or is.
var eventWords = []string{
	"to chuc", "hoi nghi", "ky ket", "ky giao uoc", "tong ket", "so ket", "phat dong", "trien khai",
	"gom", "thanh vien", "hoi thao", "khoi truong", "truong khoi", "giao luu", "tham", "quyet dinh",
}

// reportsEvent reports whether the sentence of a bloc mention tells of an
// event or the membership, not a passing mention ("được Khối thi đua Nội
// chính suy tôn").
func reportsEvent(t *text, at span) bool {
	s, ok := t.sentenceOf(at.start)
	if !ok {
		return false
	}
	sent := t.key[s.start:s.end]
	for _, w := range eventWords {
		if hasWord(sent, w) {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
