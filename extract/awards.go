package extract

import (
	"strings"
)

// awardCue starts an award's name; kind decides the award kind from the
// words that follow (its issuer).
type awardCue struct {
	phrase string
	kind   func(after string) string
}

var awardCues = []awardCue{
	{"co thi dua", flagKind},
	{"co “don vi", func(string) string { return "province-flag" }},
	{"co \"don vi", func(string) string { return "province-flag" }},
	{"co don vi dan dau", func(string) string { return "province-flag" }},
	{"bang khen", meritKind},
	{"huan chuong", func(string) string { return "order" }},
	{"anh hung luc luong vu trang", func(string) string { return "hero" }},
	{"anh hung lao dong", func(string) string { return "hero" }},
	{"tap the lao dong xuat sac", func(string) string { return "collective-title" }},
	{"don vi quyet thang", func(string) string { return "collective-title" }},
	{"giay khen", func(string) string { return "other" }},
}

// flagKind tells a government, ministry or province flag by its issuer.
func flagKind(after string) string {
	switch {
	case strings.Contains(after, "chinh phu"):
		return "government-flag"
	case strings.Contains(after, "cap bo") || strings.Contains(after, "cua bo") || strings.Contains(after, "bo, nganh") ||
		strings.Contains(after, "bo nganh") || strings.HasPrefix(after, " nganh") || strings.Contains(after, "cua nganh"):
		return "ministry-flag"
	case strings.Contains(after, "ubnd") || strings.Contains(after, "uy ban") || strings.Contains(after, "cua tinh") ||
		strings.Contains(after, "xuat sac"):
		return "province-flag"
	}
	return ""
}

// defaultKind is the kind of a flag or merit whose issuer is not named.
func defaultKind(phrase string) string {
	if strings.HasPrefix(phrase, "bang khen") {
		return "province-merit"
	}
	return "province-flag"
}

// meritKind tells a certificate of merit by its issuer.
func meritKind(after string) string {
	switch {
	case strings.Contains(after, "thu tuong") || strings.Contains(after, "chinh phu"):
		return "pm-merit"
	case strings.Contains(after, "ubnd") || strings.Contains(after, "uy ban") || strings.Contains(after, "cua tinh") ||
		strings.Contains(after, "chu tich tinh"):
		return "province-merit"
	case strings.Contains(after, "cua bo") || strings.Contains(after, "bo truong") || strings.Contains(after, "cua nganh") ||
		strings.Contains(after, "bo tu lenh") || strings.Contains(after, "tong cuc"):
		return "ministry-merit"
	}
	return ""
}

// findAwards lists the awards the article reports: each award name with
// its recipients (the agencies before it in its clause joined by "được",
// or after it by "cho"), "proposed" when the sentence proposes it ("đề
// nghị tặng"). Awards for individuals (cá nhân) are not the bloc's.
func findAwards(t *text, mentions []unitMention) []Award {
	var out []Award
	key := t.key
	seen := map[string]bool{}
	for h := range t.hitsOf(tagAward) {
		i, c := h.at.start, awardCues[h.idx]
		before := key[max(0, i-30):i]
		if strings.Contains(before, "dang ky") || strings.Contains(before, "tieu chi") {
			continue
		}
		s, ok := t.sentenceOf(i)
		if !ok {
			continue
		}
		cs := clauseStartAt(t, i)
		clause := key[cs:i]
		afterEnd := min(s.end, i+len(c.phrase)+50)
		after := key[i+len(c.phrase) : afterEnd]
		if strings.Contains(clause, "ca nhan") && !strings.Contains(clause, "tap the") && !strings.Contains(clause, "don vi") {
			continue
		}
		// The issuer follows the award ("Bằng khen của Chủ tịch UBND
		// tỉnh") or stands before it ("được Thủ tướng Chính phủ tặng Bằng
		// khen"); a flag or merit with no issuer is the province's.
		kind := c.kind(after)
		if j := strings.LastIndex(clause, "duoc "); kind == "" && j >= 0 && !strings.Contains(clause[j:], "co thi dua") &&
			!strings.Contains(clause[j:], "bang khen") {
			kind = c.kind(clause[j:])
		}
		if kind == "" {
			kind = defaultKind(c.phrase)
		}
		titleSpan := awardTitle(t, i, afterEnd)
		status := AwardConferred
		sentBefore := key[s.start:i]
		if strings.Contains(sentBefore, "de nghi") || strings.Contains(sentBefore, "de xuat") || strings.Contains(sentBefore, " trinh ") {
			status = AwardProposed
		}
		var recips []unitMention
		if strings.Contains(clause, "duoc") || strings.Contains(clause, "nhan") {
			for _, m := range mentions {
				if m.span.start >= cs && m.span.end <= i {
					recips = append(recips, m)
				}
			}
		}
		if len(recips) == 0 {
			if j := indexWord(after, "cho", 0); j >= 0 {
				at := i + len(c.phrase) + j + len("cho")
				for _, m := range mentions {
					if m.span.start >= at && m.span.start <= at+3 {
						recips = append(recips, m)
					}
				}
			}
		}
		title := t.srcOf(titleSpan)
		add := func(recipient, unit string) {
			k := kind + "|" + unit + "|" + foldName(recipient) + "|" + foldName(title)
			if seen[k] {
				return
			}
			seen[k] = true
			out = append(out, Award{Title: title, Kind: kind, Recipient: recipient, RecipientUnit: unit, Status: status})
		}
		if len(recips) == 0 {
			add("", "")
		}
		for _, m := range recips {
			add(t.srcOf(m.span), m.unit)
		}
	}
	return out
}

// awardTitle spans an award's name: from its cue to the end of its issuer
// ("Cờ thi đua của Ủy ban nhân dân tỉnh"), stopping at punctuation, a
// closing quote, "cho" or "và".
func awardTitle(t *text, i, limit int) span {
	key := t.key
	end := limit
	for _, stop := range []string{",", ";", ".", "”", "\"", " cho ", " va ", " vi ", " nam 20", " nam 19", " ve ", " trong "} {
		if j := strings.Index(key[i:end], stop); j > 0 {
			if stop == "”" || stop == "\"" {
				// keep the closing quote of "Cờ “Đơn vị dẫn đầu ...”"
				if strings.Contains(key[i:i+j], "“") || strings.Contains(key[i:i+j], "\"") {
					end = i + j + len(stop)
					continue
				}
			}
			end = i + j
		}
	}
	return trimSpan(key, span{i, end})
}
