package extract

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/normalize"
)

// This file owns publication dates: machine-readable values from meta tags,
// JSON-LD and <time datetime> (parseMachineDate), and the date lines that
// Vietnamese sites print under a headline ("19/03/2024 17:01", "Cập nhật:
// 17-11-2022 | 08:56:50", "Thứ Ba, 19/03/2024 - 17:01"), read by parseDateLine.
//
// Output is RFC 3339 in +07:00 when a time is known, else YYYY-MM-DD.

// vnOffset is the offset of Asia/Ho_Chi_Minh: UTC+7 all year, no daylight
// saving since 1975. A fixed zone keeps results independent of the machine's
// tz database.
const vnOffset = 7 * 60 * 60

func vnZone() *time.Location { return time.FixedZone("+07", vnOffset) }

// machineLayouts are the forms seen in article:published_time, JSON-LD
// datePublished and <time datetime>. Layouts without a zone are read in +07:00.
var machineLayouts = [...]struct {
	layout   string
	zoned    bool
	dateOnly bool
}{
	{time.RFC3339Nano, true, false},
	{"2006-01-02T15:04:05.999999999Z0700", true, false},
	{"2006-01-02T15:04Z07:00", true, false},
	{"2006-01-02 15:04:05Z07:00", true, false},
	{"2006-01-02 15:04:05 Z07:00", true, false},
	{"2006-01-02 15:04:05 -0700", true, false},
	{"2006-01-02T15:04:05.999999999", false, false},
	{"2006-01-02T15:04", false, false},
	{"2006-01-02 15:04:05", false, false},
	{"2006-01-02 15:04", false, false},
	{"2006-01-02", false, true},
	{"2006/01/02 15:04:05", false, false},
	{"2006/01/02", false, true},
	{time.RFC1123Z, true, false},
	{time.RFC1123, true, false},
}

// parseMachineDate reads a machine-readable date (meta content, JSON-LD,
// <time datetime>). It also accepts a Vietnamese date line, as some sites put
// "19/03/2024 17:01" in their meta tags. It returns "" when s is not a date.
func parseMachineDate(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return ""
	}
	zone := vnZone()
	for _, l := range machineLayouts {
		var t time.Time
		var err error
		if l.zoned {
			t, err = time.Parse(l.layout, s)
		} else {
			t, err = time.ParseInLocation(l.layout, s, zone)
		}
		if err != nil || t.Year() < 1990 || t.Year() > 2100 {
			continue
		}
		if l.dateOnly {
			return t.Format(time.DateOnly)
		}
		return t.In(zone).Format(time.RFC3339)
	}
	if d, ok := parseDateLine(s); ok {
		return d
	}
	return ""
}

// dateLabels are words that may stand beside a date on a date line; they are
// not counted as other words (folded, without diacritics).
var dateLabels = [...]string{
	"cap nhat luc", "cap nhat ngay", "cap nhat", "ngay dang", "dang luc", "dang ngay",
	"thoi gian dang", "thoi gian", "ngay xuat ban", "xuat ban", "ngay dang tin",
	"ngay", "luc", "gio", "thu hai", "thu ba", "thu tu", "thu nam", "thu sau", "thu bay",
	"chu nhat", "thu 2", "thu 3", "thu 4", "thu 5", "thu 6", "thu 7", "cn",
	"gmt+7", "gmt+07:00", "gmt", "utc+7", "published", "updated", "posted", "date",
	"sang", "chieu", "toi",
}

// maxDateLineRunes bounds a date line: a publication date sits on a short line
// of its own, not inside a sentence.
const maxDateLineRunes = 80

// maxDateLineWords is how many words other than the date, the time and the
// labels a date line may hold (a byline such as "Khánh Ly", a section name
// such as "Chính trị").
const maxDateLineWords = 4

// parseDateLine reads a date line such as "Khánh Ly 19/03/2024 17:01",
// "Cập nhật: 17-11-2022 | 08:56:50", "Chính trị - Ngày đăng : 20:30,
// 30/03/2023" or "27/03/2018". The line must hold exactly one full date
// (day, month and four-digit year) and few other words.
func parseDateLine(line string) (string, bool) {
	line = strings.TrimSpace(line)
	if line == "" || len(line) > utf8.UTFMax*maxDateLineRunes || utf8.RuneCountInString(line) > maxDateLineRunes {
		return "", false
	}
	var (
		dates            int
		year, month, day int
		hour, min, sec   = -1, 0, 0
		rest             strings.Builder
		last             int
	)
	for i := 0; i < len(line); {
		c := line[i]
		if c < '0' || c > '9' || (i > 0 && isASCIIDigit(line[i-1])) {
			i++
			continue
		}
		if y, m, d, n, ok := scanDate(line[i:]); ok {
			dates++
			year, month, day = y, m, d
			rest.WriteString(line[last:i])
			rest.WriteByte(' ')
			i += n
			last = i
			continue
		}
		if h, mi, s, n, ok := scanClock(line[i:]); ok {
			if hour < 0 {
				hour, min, sec = h, mi, s
			}
			rest.WriteString(line[last:i])
			rest.WriteByte(' ')
			i += n
			last = i
			continue
		}
		i++
	}
	if dates != 1 {
		return "", false
	}
	rest.WriteString(line[last:])
	if countOtherWords(rest.String()) > maxDateLineWords {
		return "", false
	}
	zone := vnZone()
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, zone)
	if t.Day() != day || int(t.Month()) != month || year < 1990 || year > 2100 {
		return "", false
	}
	if hour < 0 {
		return t.Format(time.DateOnly), true
	}
	return time.Date(year, time.Month(month), day, hour, min, sec, 0, zone).Format(time.RFC3339), true
}

// countOtherWords counts the words of s that are not date labels and hold a
// letter.
func countOtherWords(s string) int {
	f := " " + strings.Join(strings.FieldsFunc(normalize.Fold(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == ',' || r == '|' || r == ':' || r == '(' || r == ')' || r == '-' || r == '–'
	}), " ") + " "
	for _, l := range dateLabels {
		for strings.Contains(f, " "+l+" ") {
			f = strings.Replace(f, " "+l+" ", " ", 1)
		}
	}
	n := 0
	for _, w := range strings.Fields(f) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

// digits reads up to max ASCII digits at the start of s.
func digits(s string, max int) (v, n int) {
	for n < len(s) && n < max && isASCIIDigit(s[n]) {
		v = v*10 + int(s[n]-'0')
		n++
	}
	return v, n
}

// scanDate reads d/m/yyyy, d-m-yyyy, d.m.yyyy or yyyy-mm-dd at the start of
// s; n is the number of bytes read.
func scanDate(s string) (y, m, d, n int, ok bool) {
	a, na := digits(s, 4)
	if na == 0 || na >= len(s) {
		return
	}
	sep := s[na]
	if sep != '/' && sep != '-' && sep != '.' {
		return
	}
	b, nb := digits(s[na+1:], 2)
	if nb == 0 || na+1+nb >= len(s) || s[na+1+nb] != sep {
		return
	}
	i := na + 1 + nb + 1
	c, nc := digits(s[i:], 4)
	i += nc
	if i < len(s) && isASCIIDigit(s[i]) {
		return
	}
	switch {
	case na == 4 && nc <= 2 && nc > 0 && sep == '-':
		y, m, d = a, b, c
	case na <= 2 && nc == 4:
		y, m, d = c, b, a
	default:
		return
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return
	}
	return y, m, d, i, true
}

// scanClock reads hh:mm or hh:mm:ss (also 17h01) at the start of s.
func scanClock(s string) (h, m, sec, n int, ok bool) {
	h, nh := digits(s, 2)
	if nh == 0 || nh >= len(s) || (s[nh] != ':' && s[nh] != 'h' && s[nh] != 'g') {
		return
	}
	m, nm := digits(s[nh+1:], 2)
	if nm != 2 {
		return
	}
	n = nh + 1 + nm
	if n+2 < len(s) && s[n] == ':' {
		if v, ns := digits(s[n+1:], 2); ns == 2 {
			sec = v
			n += 3
		}
	}
	if n < len(s) && isASCIIDigit(s[n]) {
		return
	}
	if h > 23 || m > 59 || sec > 59 {
		return
	}
	return h, m, sec, n, true
}

// scraperDatePrefix strips the " date 2020-12 " artefact that one scraper put
// before the text. It returns the rest of the text and, when the artefact
// holds a full day, that day (YYYY-MM-DD); a month alone is not a date under
// the record contract and gives "".
func scraperDatePrefix(s string) (rest, day string) {
	t := strings.TrimLeft(s, " \t")
	if !strings.HasPrefix(t, "date ") {
		return s, ""
	}
	t = t[len("date "):]
	y, ny := digits(t, 4)
	if ny != 4 || len(t) < 7 || t[4] != '-' {
		return s, ""
	}
	m, nm := digits(t[5:], 2)
	if nm != 2 || m < 1 || m > 12 {
		return s, ""
	}
	i := 7
	if len(t) >= 10 && t[7] == '-' {
		if d, nd := digits(t[8:], 2); nd == 2 && (len(t) == 10 || !isASCIIDigit(t[10])) {
			if tm := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC); tm.Day() == d {
				day = tm.Format(time.DateOnly)
			}
			i = 10
		}
	}
	if i < len(t) && t[i] != ' ' && t[i] != '\n' {
		return s, ""
	}
	return strings.TrimLeft(t[i:], " "), day
}
