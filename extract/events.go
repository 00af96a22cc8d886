package extract

import (
	"strings"
)

// eventCue is a phrase that reports one kind of event, with the year it
// names ("ký giao ước thi đua năm 2021" → signing, 2021) when it names one.
type eventCue struct {
	kind string
	at   span
	year int
}

// Cues, on the folded key. Signing: the covenant. Launch: the movement or
// the year's emulation work launched. Review: a year or half-year reviewed.
var (
	signingCues = []string{"ky giao uoc", "ky ket giao uoc", "ky ket cac giao uoc", "le ky giao uoc"}
	launchCues  = []string{
		"phat dong phong trao", "to chuc phat dong", "hoi nghi phat dong", "phat dong va ky",
		"hoi nghi trien khai", "trien khai cong tac thi dua", "trien khai nhiem vu nam",
		"trien khai phuong huong nhiem vu nam", "trien khai phuong huong, nhiem vu nam",
	}
	reviewCues   = []string{"tong ket", "so ket", "6 thang dau nam", "sau thang dau nam", "qua binh xet", "tien hanh binh xet", "thong nhat binh xet"}
	activityCues = []string{"hoi thao", "giao luu", "ve nguon", "tham quan", "tang qua", "hoi thi", "hoi dien", "toa dam", "hoi thao khoa hoc", "thang canh"}
	decisionCues = []string{"quyet dinh thanh lap", "quyet dinh kien toan", "quyet dinh cung co", "quyet dinh ve viec thanh lap", "quyet dinh ve viec kien toan"}
)

// findEvents lists the event cues of a text. A cue that the sentence places
// in the past or in a plan ("ngay từ đầu năm ... đã ký kết giao ước", "chế
// độ sơ kết, tổng kết", "tiếp tục phát động") or that belongs to a member
// agency rather than the bloc does not count.
func findEvents(t *text, mentions []unitMention) []eventCue {
	var out []eventCue
	key := t.key
	for _, h := range t.hits {
		if h.tag > tagDecision {
			continue
		}
		kind := eventTags[h.tag]
		ok := true
		switch kind {
		case EventSigning:
			ok = signingCounts(t, h.at)
		case EventLaunch:
			ok = launchCounts(t, mentions, h.at)
		case EventReview:
			ok = !strings.Contains(key[max(0, h.at.start-16):h.at.start], "che do")
		}
		if ok {
			out = append(out, eventCue{kind: kind, at: h.at, year: yearAfter(key, h.at.end, 90, false)})
		}
	}
	return out
}

// eventTags are the event kinds of the cue tags tagSigning..tagDecision.
var eventTags = []string{EventSigning, EventLaunch, EventReview, EventActivity, EventDecision}

// signingCounts reports whether a signing cue reports this year's covenant.
func signingCounts(t *text, at span) bool {
	w, _ := prevWord(t.key, at.start)
	if w == "dang" { // "đăng ký giao ước": a registration, not the signing
		return false
	}
	return !inPastOfYear(t, at)
}

// launchCounts reports whether a launch cue reports the bloc's launch.
func launchCounts(t *text, mentions []unitMention, at span) bool {
	key := t.key
	w, _ := prevWord(key, at.start)
	if w == "viec" || w == "tuc" || w == "se" {
		return false
	}
	if nw, _ := nextWord(key, at.end); nw == "cac" || nw == "nhieu" {
		return false // "phát động các phong trào": routine, not the launch
	}
	if strings.Contains(key[at.start:at.end], "phat dong") {
		// The bloc, its conference or its plan launches; a member agency
		// (or the government) launching a movement is not the bloc's launch.
		s, _ := t.sentenceOf(at.start)
		sent := key[s.start:at.start]
		if !(strings.Contains(sent, "khoi") || strings.Contains(sent, "hoi nghi") ||
			strings.Contains(sent, "ke hoach") || strings.Contains(sent, "cac don vi") ||
			strings.Contains(sent, "cac co quan")) {
			return false
		}
		if seg := strings.TrimSpace(key[segmentStart(t, at.start):at.start]); seg == "" && s.start != at.start {
			return false
		}
		if subjectIsMember(t, mentions, at) {
			return false
		}
	}
	return !inPastOfYear(t, at)
}

// inPastOfYear reports whether the sentence of a cue speaks of what was
// done "from the start of the year" (ngay từ đầu năm), i.e. a past covenant
// mentioned in a later report.
func inPastOfYear(t *text, at span) bool {
	s, ok := t.sentenceOf(at.start)
	if !ok {
		return false
	}
	before := t.key[s.start:at.start]
	return strings.Contains(before, "tu dau nam")
}

// clauseStartAt returns the key offset where the clause holding i starts.
func clauseStartAt(t *text, i int) int {
	s, ok := t.sentenceOf(i)
	if !ok {
		return i
	}
	if j := strings.LastIndexAny(t.key[s.start:i], ";:"); j >= 0 {
		return s.start + j + 1
	}
	return s.start
}

// segmentStart returns where the comma-delimited segment holding i starts.
func segmentStart(t *text, i int) int {
	cs := clauseStartAt(t, i)
	if j := strings.LastIndexByte(t.key[cs:i], ','); j >= 0 {
		return cs + j + 1
	}
	return cs
}

// subjectIsMember reports whether the words before a cue open with one
// member agency's name ("Công an Thành phố phát động phong trào ..."),
// rather than the bloc or a list of its members.
func subjectIsMember(t *text, mentions []unitMention, at span) bool {
	cs := clauseStartAt(t, at.start)
	ss := skipSpaces(t.key, segmentStart(t, at.start))
	inClause := 0
	starts := false
	for _, m := range mentions {
		if m.span.start >= cs && m.span.end <= at.start {
			inClause++
		}
		if m.span.start == ss && m.span.end <= at.start {
			starts = true
		}
	}
	return starts && inClause < 3 && !strings.Contains(t.key[cs:at.start], "khoi")
}

// eventKinds turns cues into the record's event_types and the covenant
// year: signing and launch name the year they open, a review the year it
// closes. A launch that names another year than the covenant's is a
// reference to an earlier plan and is dropped.
func eventKinds(cues []eventCue) (kinds []string, covenant, reviewed int) {
	has := map[string]bool{}
	for _, c := range cues {
		if c.kind == EventSigning && c.year > covenant {
			covenant = c.year
		}
	}
	if covenant == 0 {
		for _, c := range cues {
			if c.kind == EventLaunch && c.year > covenant {
				covenant = c.year
			}
		}
	}
	for _, c := range cues {
		switch c.kind {
		case EventLaunch, EventSigning:
			if c.year != 0 && covenant != 0 && c.year != covenant {
				continue
			}
		case EventReview:
			if reviewed == 0 && c.year != 0 {
				reviewed = c.year
			}
		}
		has[c.kind] = true
	}
	if has[EventSigning] || has[EventLaunch] || has[EventReview] || has[EventDecision] {
		has[EventActivity] = false
	}
	for _, k := range EventOrder {
		if has[k] {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		kinds = []string{EventActivity}
	}
	return kinds, covenant, reviewed
}

// firstCueSentenceYear returns a year named in the sentence of the first
// cue of a kind ("Năm 2023, Khối ... tổ chức phát động ...").
func firstCueSentenceYear(t *text, cues []eventCue, kinds ...string) int {
	for _, c := range cues {
		for _, k := range kinds {
			if c.kind != k {
				continue
			}
			if s, ok := t.sentenceOf(c.at.start); ok {
				if y := firstYear(t.key[s.start:s.end]); y != 0 {
					return y
				}
			}
		}
	}
	return 0
}

// firstYear returns the first "năm YYYY" of a key span.
func firstYear(s string) int {
	for i := indexWord(s, "nam", 0); i >= 0; i = indexWord(s, "nam", i+1) {
		if w, _ := nextWord(s, i+3); len(w) == 4 && isDigits(w) && (w[0] == '1' || w[0] == '2') {
			return atoi(w)
		}
	}
	return 0
}

// commonYear returns the year most often named ("năm 2020") in a text, the
// earliest named on a tie.
func commonYear(s string) int {
	counts := map[int]int{}
	first := map[int]int{}
	for i := indexWord(s, "nam", 0); i >= 0; i = indexWord(s, "nam", i+1) {
		if w, _ := nextWord(s, i+3); len(w) == 4 && isDigits(w) && (w[0] == '1' || w[0] == '2') {
			y := atoi(w)
			if y < 1990 || y > 2100 {
				continue
			}
			if _, ok := first[y]; !ok {
				first[y] = i
			}
			counts[y]++
		}
	}
	best := 0
	for y, n := range counts {
		if best == 0 || n > counts[best] || n == counts[best] && first[y] < first[best] {
			best = y
		}
	}
	return best
}
