package extract

import (
	"fmt"
	"strings"
	"time"
)

// dayMonth is a date as the text writes it; Year is 0 when the text gives
// only a day and a month ("Chiều 27/2").
type dayMonth struct {
	Day, Month, Year int
	at               span
}

// timeWords open a date phrase that reports an event: "Sáng 2.3", "Chiều
// ngày 19/3", "Chiều nay (10/4)", "Hôm nay (17/7)".
var timeWords = []string{"sang", "chieu", "trua", "toi", "dem", "hom nay", "chieu nay", "sang nay", "toi nay"}

// findEventDate finds the day the event took place: the first date phrase
// that opens with a time of day or "ngày", leaving out dates of documents
// ("Kế hoạch số 238/KH-KNC ngày 02/3/2022 của ...") and anniversaries in
// parentheses.
func findEventDate(t *text) (dayMonth, bool) {
	key := t.key
	best := dayMonth{at: span{-1, -1}}
	consider := func(d dayMonth) {
		if best.at.start < 0 || d.at.start < best.at.start {
			best = d
		}
	}
	for _, h := range t.hits {
		switch h.tag {
		case tagTime:
			if d, ok := parseDateAt(key, skipNgay(key, h.at.end), true); ok {
				d.at = span{h.at.start, d.at.end}
				consider(d)
			}
		case tagDay:
			// "từ ngày 15/2 đến ngày 30/4" bound a period; "kỷ niệm ngày
			// 19/8" is an anniversary: neither dates the event.
			if w, _ := prevWord(key, h.at.start); w == "tu" || w == "den" || w == "niem" || w == "mung" {
				continue
			}
			if d, ok := parseDateAt(key, h.at.end, false); ok && !isDocumentDate(key, h.at.start, d.at.end) {
				d.at = span{h.at.start, d.at.end}
				consider(d)
			}
		}
	}
	// "15/3/2017, tại Hội trường ...": a sentence that opens with a date.
	for _, se := range t.sents {
		if se.start > best.at.start && best.at.start >= 0 {
			break
		}
		if d, ok := parseDateAt(key, se.start, false); ok && d.at.end < len(key) && key[d.at.end] == ',' {
			consider(d)
		}
	}
	return best, best.at.start >= 0
}

// skipNgay skips " ngày" and " (" after a time word.
func skipNgay(key string, p int) int {
	q := skipSpaces(key, p)
	if strings.HasPrefix(key[q:], "ngay ") {
		q += len("ngay ")
	}
	q = skipSpaces(key, q)
	if q < len(key) && key[q] == '(' {
		q++
	}
	return q
}

// isDocumentDate reports whether "ngày D/M/Y" at i dates a document: a
// number such as "số 12/CT-UBND" or "Quyết định" stands just before it, or
// "của" follows it.
func isDocumentDate(key string, i, end int) bool {
	before := key[max(0, i-40):i]
	if strings.Contains(before, "so ") && strings.ContainsRune(before, '/') {
		return true
	}
	if strings.Contains(before, "quyet dinh") || strings.Contains(before, "chi thi") ||
		strings.Contains(before, "ke hoach") || strings.Contains(before, "cong van") ||
		strings.Contains(before, "nghi quyet") || strings.Contains(before, "thong bao") {
		return true
	}
	w, _ := nextWord(key, end)
	return w == "cua"
}

// parseDateAt reads "27/2", "2.3" (dots only when allowDot), "11-2",
// "06/01/2021", "09 tháng 01 năm 2023" at key offset p.
func parseDateAt(key string, p int, allowDot bool) (dayMonth, bool) {
	var d dayMonth
	p = skipSpaces(key, p)
	day, q := readInt(key, p, 2)
	if q == p || day < 1 || day > 31 {
		return d, false
	}
	if strings.HasPrefix(key[q:], " thang ") {
		month, r := readInt(key, q+len(" thang "), 2)
		if r == q+len(" thang ") || month < 1 || month > 12 {
			return d, false
		}
		d = dayMonth{Day: day, Month: month, at: span{p, r}}
		if strings.HasPrefix(key[r:], " nam ") {
			if y, s := readInt(key, r+len(" nam "), 4); s-(r+len(" nam ")) == 4 {
				d.Year, d.at.end = y, s
			}
		}
		return d, validDate(d)
	}
	if q >= len(key) {
		return d, false
	}
	sep := key[q]
	if sep != '/' && sep != '-' && !(sep == '.' && allowDot) {
		return d, false
	}
	month, r := readInt(key, q+1, 2)
	if r == q+1 || month < 1 || month > 12 {
		return d, false
	}
	d = dayMonth{Day: day, Month: month, at: span{p, r}}
	if r < len(key) && key[r] == sep {
		if y, s := readInt(key, r+1, 4); s-(r+1) == 4 {
			d.Year, d.at.end = y, s
		} else if s-(r+1) > 0 {
			return d, false // "2.3.5": not a date
		}
	} else if r < len(key) && key[r] >= '0' && key[r] <= '9' {
		return d, false
	}
	return d, validDate(d)
}

func readInt(key string, p, maxDigits int) (int, int) {
	n, q := 0, p
	for q < len(key) && q-p < maxDigits && key[q] >= '0' && key[q] <= '9' {
		n = n*10 + int(key[q]-'0')
		q++
	}
	if q < len(key) && key[q] >= '0' && key[q] <= '9' {
		return 0, p // too many digits
	}
	return n, q
}

func validDate(d dayMonth) bool {
	y := d.Year
	if y == 0 {
		y = 2024 // a leap year, so that 29/2 passes until the year is known
	}
	tm := time.Date(y, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
	return tm.Day() == d.Day && int(tm.Month()) == d.Month && (d.Year == 0 || d.Year >= 1945 && d.Year <= 2100)
}

// resolveYear gives a day and month without a year its year
// (spec/record.md, event_date): the publication year, or the year before
// when the day falls after the publication date; without a publication
// date, the covenant year for a signing or launch, and for a review of a
// whole year held in the first months of the next, the reviewed year + 1.
func resolveYear(d dayMonth, published string, kinds []string, year int) (string, bool) {
	y := d.Year
	if y == 0 {
		if pub, ok := parsePublished(published); ok {
			y = pub.Year()
			if time.Month(d.Month) > pub.Month() || time.Month(d.Month) == pub.Month() && d.Day > pub.Day() {
				y--
			}
		} else if year != 0 {
			y = year
			onlyReview := len(kinds) > 0
			for _, k := range kinds {
				if k != EventReview {
					onlyReview = false
				}
			}
			if onlyReview && d.Month <= 4 {
				y = year + 1
			}
		}
	}
	if y == 0 {
		return "", false
	}
	dd := dayMonth{Day: d.Day, Month: d.Month, Year: y}
	if !validDate(dd) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, d.Month, d.Day), true
}

// parsePublished reads a record's published value (RFC 3339 or a date).
func parsePublished(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, true
	}
	return time.Time{}, false
}
