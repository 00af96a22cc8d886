package extract

import (
	"strings"
)

// role is the unit that heads or deputizes the bloc, with where it is said.
type role struct {
	unit    string
	mention unitMention
	cue     span
}

// leaderCues and deputyCues name the head and deputy of a bloc. "Thường
// trực Khối" is the standing (rotating) head some provinces name instead.
var (
	deputyCues = []string{"pho truong khoi", "khoi pho", "pho khoi truong", "cum pho", "pho truong cum"}
	leaderCues = []string{"khoi truong", "truong khoi", "cum truong", "truong cum", "thuong truc khoi"}
)

// findRoles finds the bloc's leader and deputy for the record's year: the
// agency named nearest the cue in its clause, before it ("Thanh tra tỉnh là
// Trưởng khối", "Bộ CHQS tỉnh làm cụm trưởng", "X - đơn vị Khối phó") or,
// failing that, after it ("Thường trực Khối thi đua, đồng chí ... - Cục
// trưởng Cục Thi hành án dân sự"). A cue that names another year ("làm
// Trưởng Khối thi đua năm 2023" in a review of 2022) does not count.
func findRoles(t *text, mentions []unitMention, year int) (leader, deputy role) {
	key := t.key
	for _, h := range t.hits {
		if h.tag != tagDeputy && h.tag != tagLeader {
			continue
		}
		dst := &leader
		if h.tag == tagDeputy {
			dst = &deputy
		} else if isDeputyAt(key, h.at.start) {
			continue
		}
		if dst.unit != "" {
			continue
		}
		if y := yearAfter(key, h.at.end, 40, true); y != 0 && year != 0 && y != year {
			continue
		}
		if m, ok := nearestMention(t, mentions, h.at); ok {
			*dst = role{unit: m.unit, mention: m, cue: h.at}
		}
	}
	return leader, deputy
}

// isDeputyAt reports whether the leader cue at i is part of a deputy cue
// ("Phó Trưởng khối", "Phó trưởng Khối thi đua").
func isDeputyAt(key string, i int) bool {
	w, _ := prevWord(key, i)
	return w == "pho"
}

// nearestMention picks the agency a role cue speaks of: the closest
// mention before the cue in its clause, else the closest after it.
func nearestMention(t *text, mentions []unitMention, cue span) (unitMention, bool) {
	sent, ok := t.sentenceOf(cue.start)
	if !ok {
		return unitMention{}, false
	}
	key := t.key
	cs := sent.start
	if j := strings.LastIndexByte(key[sent.start:cue.start], ';'); j >= 0 {
		cs = sent.start + j + 1
	}
	ce := sent.end
	if j := strings.IndexByte(key[cue.end:sent.end], ';'); j >= 0 {
		ce = cue.end + j
	}
	var before, after *unitMention
	for k := range mentions {
		m := &mentions[k]
		if m.span.end <= cue.start && m.span.start >= cs {
			before = m
		}
		if m.span.start >= cue.end && m.span.end <= ce && after == nil {
			after = m
		}
	}
	if before != nil && cue.start-before.span.end < 120 {
		return *before, true
	}
	if after != nil && after.span.start-cue.end < 120 {
		return *after, true
	}
	return unitMention{}, false
}

// yearAfter reads "năm 2023" within n bytes after key offset p, stopping
// at a clause end (or at a comma when phrase is set). A period such as
// "5 năm 2021-2025" names no single year.
func yearAfter(key string, p, n int, phrase bool) int {
	end := min(len(key), p+n)
	seg := key[p:end]
	stops := ";.\n"
	if phrase {
		stops = ";.,\n"
	}
	if j := strings.IndexAny(seg, stops); j >= 0 {
		seg = seg[:j]
	}
	if i := indexWord(seg, "nam", 0); i >= 0 {
		if w, e := nextWord(seg, i+3); len(w) == 4 && isDigits(w) {
			if r := strings.TrimLeft(seg[e:], " "); strings.HasPrefix(r, "-") || strings.HasPrefix(r, "–") {
				return 0
			}
			return atoi(w)
		}
	}
	return 0
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
