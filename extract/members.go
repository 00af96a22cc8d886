package extract

import (
	"strconv"
	"strings"
	"sync"
)

// unitMention is a place where the text names a member agency.
type unitMention struct {
	span span   // the name as written (key offsets)
	unit string // unit code
}

// unitForms are the written forms of agencies the scan knows: unitPrefixes,
// then otherOrgs (unit other), indexed by their first word so that the
// scan tests only the few forms that can start at a word, in that order.
var unitForms = sync.OnceValue(func() (f struct {
	forms []struct{ prefix, code string }
	index wordIndex
}) {
	f.forms = append(f.forms, unitPrefixes...)
	for _, o := range otherOrgs {
		f.forms = append(f.forms, struct{ prefix, code string }{o, UnitOther})
	}
	m := map[string][]int{}
	for i, p := range f.forms {
		w, _, _ := strings.Cut(p.prefix, " ")
		m[w] = append(m[w], i)
	}
	f.index = newWordIndex(m)
	return f
})

// otherOrgs are organisations that are not one of the unit kinds but sit in
// some blocs (the central bloc's State Audit, a province's Department of
// Foreign Affairs): a host or leader named so is a member with unit other.
var otherOrgs = []string{
	"kiem toan nha nuoc", "so ngoai vu", "hat kiem lam", "doan kinh te quoc phong",
	"ban quan ly lang chu tich ho chi minh", "van phong ban chi dao",
}

// findUnitMentions scans the text once for names of member agencies. A
// name must be capitalized as written ("Thanh tra tỉnh", not "công tác
// thanh tra"), and the longest known form wins at each place.
func findUnitMentions(t *text) []unitMention {
	key := t.key
	uf := unitForms()
	var out []unitMention
	for i := 0; i < len(key); {
		// Agencies' names are capitalized: go from one capitalized word
		// to the next.
		if i = t.nextUpper(i); i < 0 {
			break
		}
		if !isWordByte(key[i]) {
			i++
			continue
		}
		if i > 0 && isWordByte(key[i-1]) { // a capital inside a word
			_, i = nextWord(key, i)
			continue
		}
		w, wend := nextWord(key, i)
		code, plen := "", 0
		for _, k := range uf.index.lookup(w, hashWord(w)) {
			p := uf.forms[k].prefix
			if strings.HasPrefix(key[i:], p) && (i+len(p) == len(key) || !isWordByte(key[i+len(p)])) {
				code, plen = uf.forms[k].code, len(p)
				break
			}
		}
		if code == "" {
			i = wend
			continue
		}
		end := extendName(t, i+plen)
		out = append(out, unitMention{span: span{i, end}, unit: code})
		i = end
	}
	return out
}

// nameQualifiers are lower-case words that continue an agency's name
// ("nhân dân tỉnh", "dân sự", "tối cao").
var nameQualifiers = map[string]bool{
	"nhan": true, "dan": true, "tinh": true, "thanh": true, "pho": true, "huyen": true,
	"quan": true, "thi": true, "xa": true, "su": true, "toi": true, "cao": true,
	"chinh": true, "phu": true, "so": true, "an": true, "hanh": true, "thu": true, "do": true,
}

// stopWords end a name even when capitalized words follow.
var stopWords = map[string]bool{
	"va": true, "la": true, "lam": true, "da": true, "co": true, "cua": true, "tai": true,
	"duoc": true, "voi": true, "cung": true, "trong": true, "tham": true, "to": true,
	"dai": true, "de": true, "nhan": false,
}

// extendName extends an agency's name from key offset p over the words that
// belong to it: qualifiers, numbers and capitalized proper names ("Tòa án
// nhân dân tỉnh Bình Định", "Trại giam Kim Sơn"), up to eight words.
func extendName(t *text, p int) int {
	key := t.key
	end := p
	for n := 0; n < 8; n++ {
		q := p
		for q < len(key) && key[q] == ' ' {
			q++
		}
		if q >= len(key) || !isWordByte(key[q]) {
			break
		}
		w, e := nextWord(key, q)
		if stopWords[w] && w != "dan" {
			break
		}
		if !(nameQualifiers[w] || isDigits(w) || t.upperAt(q)) {
			break
		}
		// "tỉnh" and its kin qualify only when a name follows or they end it.
		p, end = e, e
	}
	return end
}

// memberList is an enumeration of members ("gồm 9 đơn vị: A, B, ... và C").
type memberList struct {
	intro    span // from the clause start to the list's first item
	items    []listItem
	count    int  // the number the intro states, 0 if none
	complete bool // the intro ties the list to the bloc's membership
	units    int  // items naming a known unit kind
}

type listItem struct {
	span span
	unit string
}

// findLists finds enumerations of agencies: the text after "gồm", "bao
// gồm", "là" or a colon or parenthesis, in a sentence that speaks of units
// or of the bloc, read item by item until something that is not a name.
func findLists(t *text) []memberList {
	var out []memberList
	key := t.key
	talk := t.sentencesWith(tagUnitTalk)
	for si, s := range t.sents {
		if !talk[si] {
			continue
		}
		sent := key[s.start:s.end]
		cues := newListCues(sent)
		for off := 0; off < len(sent); {
			cue, after := cues.from(off)
			if cue < 0 {
				break
			}
			off = after
			cStart := clauseStart(sent, cue)
			intro := sent[cStart:cue]
			if !(strings.Contains(intro, "don vi") || strings.Contains(intro, "co quan") ||
				strings.Contains(intro, "thanh vien") || strings.Contains(intro, "khoi") ||
				strings.Contains(intro, "bo, nganh") || strings.Contains(intro, "nganh")) {
				continue
			}
			l := memberList{intro: span{s.start + cStart, s.start + cue}}
			l.items = readItems(t, s.start+after, s.end)
			for _, it := range l.items {
				if it.unit != UnitOther {
					l.units++
				}
			}
			if l.units < 2 {
				continue
			}
			l.count = statedCount(sent[cStart:after])
			l.complete = strings.Contains(intro, "khoi") || strings.Contains(intro, "thanh vien") ||
				strings.Contains(intro, "dai dien") || strings.Contains(intro, "bo, nganh noi chinh")
			if !l.complete {
				l.count = 0
			}
			out = append(out, l)
			off = l.items[len(l.items)-1].span.end - s.start
		}
	}
	return out
}

// unitTalk are the words of a sentence that may hold a list of agencies.
var unitTalk = []string{"don vi", "co quan", "thanh vien", "khoi", "nganh"}

// listCues finds the places in a sentence's key where a list may begin
// ("gồm", a colon, a parenthesis, "là"), in order. It keeps the next match
// of each cue, so that each is searched for across the sentence once.
type listCues struct {
	sent string
	next [4]int // the next match of each cue; -1 none left, -2 not searched yet
}

func newListCues(sent string) listCues {
	return listCues{sent: sent, next: [4]int{-2, -2, -2, -2}}
}

// from returns the first cue at or after offset from: its offset and where
// the items start, or -1.
func (c *listCues) from(from int) (int, int) {
	best, bestAfter := -1, -1
	for k := range c.next {
		if c.next[k] == -1 {
			continue
		}
		if c.next[k] < from {
			c.next[k] = c.search(k, from)
			if c.next[k] < 0 {
				continue
			}
		}
		i, after := c.next[k], 0
		switch k {
		case 0: // "gồm 9 đơn vị: ..."
			after = afterGom(c.sent, i+len("gom"))
		case 1: // a colon
			after = i + 1
		case 2: // " (": the list is in the parenthesis
			i++
			after = i + 1
		case 3: // "7 đơn vị thuộc Khối thi đua Nội chính là Bộ CHQS, ..."
			after = i + len("la")
		}
		if best < 0 || i < best {
			best, bestAfter = i, after
		}
	}
	return best, bestAfter
}

func (c *listCues) search(k, from int) int {
	switch k {
	case 0:
		return indexWord(c.sent, "gom", from)
	case 1:
		if i := strings.IndexByte(c.sent[from:], ':'); i >= 0 {
			return from + i
		}
	case 2:
		if i := strings.Index(c.sent[from:], " ("); i >= 0 {
			return from + i
		}
	case 3:
		return indexWord(c.sent, "la", from)
	}
	return -1
}

// afterGom returns where the items start after "gồm" (ending at after):
// "gồm 9 đơn vị:", "gồm 09 cơ quan là:", "gồm các đơn vị".
func afterGom(sent string, after int) int {
	rest := sent[after:]
	if c := strings.IndexByte(rest, ':'); c >= 0 && c < 40 {
		return after + c + 1
	}
	if j := strings.Index(rest, " la "); j >= 0 && j < 30 {
		return after + j + len(" la ")
	}
	if w, e := nextWord(sent, after); isDigits(w) {
		_, e2 := nextWord(sent, e)
		if w2, e3 := nextWord(sent, e2); w2 == "vi" || w2 == "quan" {
			e2 = e3
		}
		return e2
	}
	return after
}

// clauseStart returns where the clause holding offset i begins: after the
// last semicolon or sentence start.
func clauseStart(sent string, i int) int {
	if j := strings.LastIndexByte(sent[:i], ';'); j >= 0 {
		return j + 1
	}
	return 0
}

// statedCount reads "gồm 9 đơn vị", "07 đơn vị", "11 cơ quan, đơn vị",
// "08 đơn vị thành viên" from a list's intro.
func statedCount(intro string) int {
	n := 0
	forNumbers(intro, func(w string, start, end int) bool {
		if len(w) > 2 {
			return false
		}
		w1, e1 := nextWord(intro, end)
		w2, _ := nextWord(intro, e1)
		if w1 == "don" && w2 == "vi" || w1 == "co" && w2 == "quan" || w1 == "thanh" && w2 == "vien" ||
			w1 == "bo" || w1 == "nganh" {
			if v, err := strconv.Atoi(w); err == nil && v > 1 && v < 40 {
				n = v
				return true
			}
		}
		return false
	})
	return n
}

// forNumbers calls fn with each word of a folded key span that is all
// digits, and where it starts and ends, until fn returns true.
func forNumbers(s string, fn func(w string, start, end int) bool) {
	for p := 0; p < len(s); {
		d := strings.IndexAny(s[p:], "0123456789")
		if d < 0 {
			return
		}
		start := p + d
		w, end := nextWord(s, start)
		p = end
		if start > 0 && isWordByte(s[start-1]) || !isDigits(w) {
			continue // digits inside a word ("a1", "2b")
		}
		if fn(w, start, end) {
			return
		}
	}
}

// guestPrefixes name bodies that attend a bloc's meetings but are not its
// members (spec/record.md: Ban Thi đua - Khen thưởng, provincial leaders).
var guestPrefixes = []string{
	"ban thi dua", "hoi dong thi dua", "ubnd", "uy ban nhan dan", "tinh uy", "thanh uy", "huyen uy",
	"hdnd", "hoi dong nhan dan", "ban dan van", "ban to chuc", "dang uy khoi", "btdkt", "hoi dong td",
}

// itemStops cut a list item where the sentence goes on after the name.
var itemStops = []string{
	" co dong chi", " do ", " da ", " tham du", " to chuc", " cung ", " duoc ", " la ", " lam ",
	" dong chi ", " chu tri", " tai ", " nham ",
}

// readItems reads list items from key offset p to the sentence end e.
func readItems(t *text, p, e int) []listItem {
	key := t.key
	var items []listItem
	closeAt := -1
	if p > 0 && key[p-1] == '(' {
		if j := strings.IndexByte(key[p:e], ')'); j >= 0 {
			closeAt = p + j
			e = closeAt
		}
	}
	for p < e {
		// the next separator: ",", ";", " và "
		q := p
		depth := 0
		for q < e {
			c := key[q]
			if c == '(' {
				depth++
			} else if c == ')' {
				if depth == 0 {
					break
				}
				depth--
			} else if depth == 0 && (c == ',' || c == ';' || c == '.' || c == ':') {
				break
			} else if depth == 0 && strings.HasPrefix(key[q:], " va ") {
				break
			}
			q++
		}
		it, ok := readItem(t, p, q)
		if !ok {
			break
		}
		if it.span.end > it.span.start {
			items = append(items, it.listItem)
		}
		if q >= e || key[q] == '.' || key[q] == ':' || key[q] == ')' {
			break
		}
		if strings.HasPrefix(key[q:], " va ") {
			p = q + len(" va ")
		} else {
			p = q + 1
		}
		if it.cut {
			break
		}
	}
	return items
}

type itemResult struct {
	listItem
	cut bool // the sentence went on after this name: the list ends here
}

// readItem reads one list item between key offsets p and q. It reports
// false when the text there is not an agency's name, which ends the list.
func readItem(t *text, p, q int) (itemResult, bool) {
	key := t.key
	for p < q && (key[p] == ' ' || key[p] == '\n') {
		p++
	}
	// "đại diện (lãnh đạo) (của) Cục ..."
	for _, lead := range []string{"dai dien lanh dao ", "dai dien cua ", "dai dien ", "lanh dao ", "cac dong chi "} {
		if strings.HasPrefix(key[p:q], lead) {
			p += len(lead)
		}
	}
	var r itemResult
	if p >= q {
		return r, true
	}
	end := q
	for _, s := range itemStops {
		if j := strings.Index(key[p:end], s); j > 0 {
			end = p + j
			r.cut = true
		}
	}
	for end > p && (key[end-1] == ' ' || key[end-1] == '-') {
		end--
	}
	item := key[p:end]
	if !t.upperAt(p) {
		return r, false
	}
	if n := countWords(item); n == 0 || n > 12 {
		return r, false
	}
	for _, g := range guestPrefixes {
		if strings.HasPrefix(item, g) {
			return itemResult{cut: r.cut}, true
		}
	}
	r.span = span{p, end}
	r.unit = unitOfFolded(strings.ReplaceAll(item, "\n", " "))
	return r, true
}

// chooseMembers decides the member list. An enumeration tied to the bloc
// ("Khối ... gồm 9 đơn vị: ...", "các đơn vị thành viên ... gồm:", "đại
// diện lãnh đạo các cơ quan: ...") gives the membership, complete, with the
// leader and deputy added when it leaves them out. Without one, members are
// gathered from the agencies the article names in the bloc's roles and
// doings (host, leader, award recipients, attending leaders' agencies),
// leaving out guests and the party's commission: an incomplete list.
func chooseMembers(t *text, mentions []unitMention, leader, deputy role, limit int) (members []listItem, complete bool, count int, countAt span) {
	lists := findLists(t)
	best := -1
	for k, l := range lists {
		if l.complete && (best < 0 || l.units > lists[best].units) {
			best = k
		}
	}
	if best >= 0 {
		l := lists[best]
		members = append(members, l.items...)
		for _, r := range []role{leader, deputy} {
			if r.unit != "" {
				members = insertByPosition(members, listItem{span: r.mention.span, unit: r.unit})
			}
		}
		if l.count != 0 {
			countAt = l.intro
		}
		return dedupeMembers(t, members), true, l.count, countAt
	}
	for _, l := range lists {
		members = append(members, l.items...)
	}
	count, countAt = countWithoutList(t)
	for _, m := range mentions {
		if m.span.start >= limit || m.unit == UnitPartyInternalAffairs || isGuestMention(t, m) || inQuote(t, m.span.start) {
			continue
		}
		if m.unit == UnitOther && m != leader.mention && m != deputy.mention {
			continue
		}
		members = insertByPosition(members, listItem(m))
	}
	return dedupeMembers(t, members), false, count, countAt
}

// countWithoutList finds a stated membership count with no enumeration
// after it: "đại diện lãnh đạo của 08 đơn vị thành viên", "Khối gồm 9 đơn
// vị", "7 đơn vị trong Khối". A count of participants ("sự tham gia của 9
// đơn vị") is not the membership.
func countWithoutList(t *text) (int, span) {
	key := t.key
	for _, s := range t.sents {
		sent := key[s.start:s.end]
		if !strings.Contains(sent, "khoi") && !strings.Contains(sent, "thanh vien") ||
			!strings.Contains(sent, "don vi") && !strings.Contains(sent, "co quan") ||
			!strings.ContainsAny(sent, "0123456789") { // the count is in figures
			continue
		}
		n, at := 0, span{}
		forNumbers(sent, func(w string, start, end int) bool {
			if len(w) > 2 {
				return false
			}
			w1, e1 := nextWord(sent, end)
			w2, e2 := nextWord(sent, e1)
			if !(w1 == "don" && w2 == "vi" || w1 == "co" && w2 == "quan") {
				return false
			}
			prev, _ := prevWord(sent, start)
			next, e3 := nextWord(sent, e2)
			next2, _ := nextWord(sent, e3)
			tied := prev == "gom" || next == "thanh" || next == "trong" && next2 == "khoi" ||
				next == "thuoc" && next2 == "khoi" || next == "khoi"
			if !tied {
				return false
			}
			if v := atoi(w); v >= 2 && v <= 40 {
				n, at = v, span{s.start + start, s.start + e2}
				return true
			}
			return false
		})
		if n != 0 {
			return n, at
		}
	}
	return 0, span{}
}

// insertByPosition inserts an item keeping the items in text order.
func insertByPosition(items []listItem, it listItem) []listItem {
	k := len(items)
	for k > 0 && items[k-1].span.start > it.span.start {
		k--
	}
	items = append(items, listItem{})
	copy(items[k+1:], items[k:])
	items[k] = it
	return items
}

// dedupeMembers keeps the first mention of each unit; prisons, mobile
// police and other agencies are told apart by name.
func dedupeMembers(t *text, items []listItem) []listItem {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		k := it.unit
		if it.unit == UnitPrison || it.unit == UnitOther || it.unit == UnitMobilePolice {
			k += "|" + foldName(t.key[it.span.start:it.span.end])
		}
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, it)
	}
	return out
}

// isGuestMention reports whether an agency is named as the employer of the
// province's emulation officer ("Phó Giám đốc Sở Nội vụ, Trưởng ban Thi
// đua - Khen thưởng"), a guest rather than a member.
func isGuestMention(t *text, m unitMention) bool {
	after := t.key[m.span.end:min(len(t.key), m.span.end+48)]
	return strings.Contains(after, "ban thi dua") || strings.Contains(after, "hoi dong thi dua")
}

// inQuote reports whether key offset i lies inside a quotation in its
// sentence (a movement's or theme's name).
func inQuote(t *text, i int) bool {
	s, ok := t.sentenceOf(i)
	if !ok {
		return false
	}
	open := 0
	for _, r := range t.key[s.start:i] {
		switch r {
		case '“', '«':
			open++
		case '”', '»':
			if open > 0 {
				open--
			}
		}
	}
	return open > 0
}
