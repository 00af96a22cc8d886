package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/thidua/thidua/normalize"
)

// themeCues introduce the bloc's theme or slogan for the year.
var themeCues = []string{"chu de", "khau hieu"}

// findTheme finds the bloc's theme: the quoted text after "chủ đề" or
// "khẩu hiệu" (after a colon, "là", "hành động", "năm 2021"), or the quote
// that "là chủ đề" follows. An unclosed quote runs to the end of its
// sentence. A theme of a movement the bloc only answers ("hưởng ứng phong
// trào ... do ... phát động, với chủ đề"), of a member agency ("Công an
// Thành phố phát động phong trào ... với chủ đề"), or of another year is not
// the bloc's theme.
func findTheme(t *text, mentions []unitMention, year int) (span, bool) {
	key := t.key
	for h := range t.hitsOf(tagTheme) {
		i, c := h.at.start, themeCues[h.idx]
		cs := clauseStartAt(t, i)
		clause := key[cs:i]
		if strings.Contains(clause, "huong ung") || strings.Contains(clause, " do ") && strings.Contains(clause, "phat dong") {
			continue
		}
		if subjectIsMember(t, mentions, span{i, i + len(c)}) {
			continue
		}
		if y := firstYear(clause); y != 0 && year != 0 && y != year {
			continue
		}
		if q, ok := quoteAfter(t, i+len(c)); ok {
			return q, true
		}
		if q, ok := quoteBefore(t, i); ok {
			return q, true
		}
	}
	return span{}, false
}

// quoteAfter reads the quotation that opens within a few words after p.
func quoteAfter(t *text, p int) (span, bool) {
	key := t.key
	q := p
	for n := 0; n < 6 && q < len(key); n++ {
		q = skipSpaces(key, q)
		r, size := utf8.DecodeRuneInString(key[q:])
		if normalize.IsOpenQuote(r) || r == '"' {
			return quoted(t, q+size)
		}
		if r == ':' {
			q += size
			continue
		}
		w, e := nextWord(key, q)
		switch {
		case w == "la" || w == "hanh" || w == "dong" || w == "nam" || w == "xuyen" || w == "suot" || w == "cua" ||
			w == "thi" || w == "dua" || isDigits(w):
			q = e
		default:
			return span{}, false
		}
	}
	return span{}, false
}

// quoted reads from just after an opening quote to the closing one, or to
// the end of the sentence when the closing quote is missing.
func quoted(t *text, start int) (span, bool) {
	key := t.key
	s, ok := t.sentenceOf(start)
	end := len(key)
	if ok {
		end = s.end
	}
	for i, r := range key[start:end] {
		if normalize.IsCloseQuote(r) || r == '"' {
			end = start + i
			break
		}
	}
	sp := trimSpan(key, span{start, end})
	return sp, sp.end-sp.start > 3
}

// quoteBefore reads a quotation that ends just before p ("“...” là chủ đề").
func quoteBefore(t *text, p int) (span, bool) {
	key := t.key
	w, ws := prevWord(key, p)
	if w != "la" {
		return span{}, false
	}
	q := ws
	for q > 0 && key[q-1] == ' ' {
		q--
	}
	r, size := utf8.DecodeLastRuneInString(key[:q])
	if !(normalize.IsCloseQuote(r) || r == '"') {
		return span{}, false
	}
	end := q - size
	for i := end - 1; i >= 0 && end-i < 600; i-- {
		r, size := utf8.DecodeLastRuneInString(key[:i+1])
		if normalize.IsOpenQuote(r) || r == '"' {
			sp := trimSpan(key, span{i + 1, end})
			return sp, sp.end-sp.start > 3
		}
		i -= size - 1
	}
	return span{}, false
}

// trimSpan drops spaces and trailing punctuation from a span.
func trimSpan(key string, s span) span {
	for s.start < s.end && key[s.start] == ' ' {
		s.start++
	}
	for s.end > s.start {
		c := key[s.end-1]
		if c == ' ' || c == '.' || c == ',' || c == ';' || c == ':' {
			s.end--
			continue
		}
		break
	}
	return s
}
