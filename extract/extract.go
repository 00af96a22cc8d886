package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/thidua/thidua/normalize"
)

// Version names the rules that made a record. Bump it when a change alters
// what records come out, so that datasets say what produced them and the
// archive can be re-extracted.
const Version = "thidua-extract/0.1.0"

// Document is one article as it reaches the extractor. Any field may be
// empty; HTML wins over Text when both are set.
type Document struct {
	ID    string `json:"id,omitempty"`
	URL   string `json:"url,omitempty"`
	Title string `json:"title,omitempty"`
	HTML  string `json:"html,omitempty"`
	Text  string `json:"text,omitempty"`
	// Published is a publication time known from elsewhere (an HTTP header,
	// a sitemap's lastmod); the page's own date wins over it.
	Published string `json:"published,omitempty"`
}

// Options tune extraction; the zero value works.
type Options struct {
	// Province is the province of the site the document came from, when
	// the crawl configuration knows it; the text's own evidence wins.
	Province string
}

// Result is a record with the normalized text its evidence points into.
type Result struct {
	Record Record
	// Text is the normalized text of the article as the rules read it: the
	// title, a blank line, the main text, then the image captions and the
	// page footer, each after a blank line. Evidence offsets count runes
	// (Unicode code points) in it.
	Text string
}

// ErrEmpty is returned for a document with neither HTML nor text.
var ErrEmpty = errors.New("extract: document has neither html nor text")

// Extract turns one document into one record.
func Extract(doc Document, opts Options) (Result, error) {
	var page Page
	switch {
	case doc.HTML != "":
		var err error
		page, err = ParseHTML(strings.NewReader(doc.HTML), doc.URL)
		if err != nil {
			return Result{}, fmt.Errorf("extract: %s: %w", docName(doc), err)
		}
	case doc.Text != "":
		page = ParseText(doc.Text)
	default:
		return Result{}, ErrEmpty
	}
	if doc.Title != "" {
		page.Title = normalize.String(doc.Title)
	}
	if page.Published == "" && doc.Published != "" {
		page.Published = doc.Published
	}
	return fromPage(doc, page, opts), nil
}

func docName(doc Document) string {
	switch {
	case doc.ID != "":
		return doc.ID
	case doc.URL != "":
		return doc.URL
	}
	return "document"
}

// fromPage applies the field rules to a parsed page.
func fromPage(doc Document, page Page, opts Options) Result {
	body := page.Text
	var b strings.Builder
	size := len(page.Title) + 2 + len(body) + 2 + len(page.Footer)
	for _, c := range page.Captions {
		size += 2 + len(c)
	}
	b.Grow(size)
	b.WriteString(page.Title)
	titleEnd := len(page.Title)
	b.WriteString("\n\n")
	b.WriteString(body)
	for _, c := range page.Captions {
		b.WriteString("\n\n")
		b.WriteString(c)
	}
	footerStart := b.Len()
	if page.Footer != "" {
		b.WriteString("\n\n")
		b.WriteString(page.Footer)
	}
	src := b.String()
	t := newText(src)
	defer t.release()
	titleEnd = keyOffset(t, titleEnd)

	canonical := doc.URL
	if page.Canonical != "" && canonical == "" {
		canonical = page.Canonical
	}
	rec := Record{
		ID:        doc.ID,
		URL:       canonical,
		Source:    hostOf(canonical),
		Title:     page.Title,
		Published: page.Published,
		Extractor: Version,
	}
	if rec.ID == "" {
		rec.ID = IDFromURL(canonical)
	}
	res := Result{Record: rec, Text: src}

	blocs := findBlocs(t)
	mentions := findUnitMentions(t)
	v := judgeBlocs(t, blocs, titleEnd, mentions)
	if !v.relevant {
		return res
	}
	ev := map[string]Evidence{}
	rec.Relevant = true
	rec.Bloc = &Bloc{Name: capitalize(oneLine(t.srcOf(v.name.span))), Number: v.number}
	ev["bloc"] = t.evidence(v.name.span)

	// Events and the year.
	cues := findEvents(t, mentions)
	kinds, covenant, reviewed := eventKinds(cues)
	rec.EventTypes = kinds
	date, hasDate := findEventDate(t)
	rec.Year = chooseYear(t, cues, kinds, covenant, reviewed, date, hasDate, page.Published, titleEnd)
	if hasDate {
		if d, ok := resolveYear(date, page.Published, kinds, rec.Year); ok {
			rec.EventDate = d
			ev["event_date"] = t.evidence(date.at)
			if rec.Year == 0 {
				rec.Year = atoi(d[:4])
			}
		}
	}
	for _, c := range cues {
		if has(kinds, c.kind) {
			if _, ok := ev["event_types"]; !ok {
				ev["event_types"] = t.evidence(c.at)
			}
		}
	}

	// Level and province.
	rec.Level = LevelProvince
	if v.central {
		rec.Level = LevelMinistry
	} else if districtAfter(t, v.name.span.end) || anyDistrictBloc(t, blocs) {
		rec.Level = LevelDistrict
	}
	if rec.Level != LevelMinistry {
		name, at, ok := findProvince(t, blocs, titleEnd, keyOffset(t, footerStart), canonical)
		if !ok && opts.Province != "" {
			name, ok = opts.Province, true
		}
		if ok {
			rec.Province = name
			rec.Province2025 = Province2025(name)
			if when := rec.EventDate; when >= MergerDate || when == "" && rec.Published >= MergerDate {
				rec.Province = rec.Province2025
			}
			if at.end > at.start {
				ev["province"] = t.evidence(at)
			}
		}
	}

	// Members, roles, awards, theme.
	leader, deputy := findRoles(t, mentions, rec.Year)
	rec.Leader, rec.Deputy = leader.unit, deputy.unit
	if leader.unit != "" {
		ev["leader"] = t.evidence(leader.mention.span)
	}
	if deputy.unit != "" {
		ev["deputy"] = t.evidence(deputy.mention.span)
	}
	awards := findAwards(t, mentions)
	rec.Awards = awards
	members, complete, count, countAt := chooseMembers(t, mentions, leader, deputy, keyOffset(t, footerStart))
	rec.MembersComplete = complete
	rec.MemberCount = count
	if count != 0 {
		ev["member_count"] = t.evidence(countAt)
	}
	for i, m := range members {
		rec.Members = append(rec.Members, Member{Name: cleanName(t.srcOf(m.span)), Unit: m.unit})
		ev["members."+strconv.Itoa(i)] = t.evidence(m.span)
	}
	if th, ok := findTheme(t, mentions, rec.Year); ok {
		rec.Theme = oneLine(t.srcOf(th))
		ev["theme"] = t.evidence(th)
	}
	if rec.Year != 0 {
		if _, ok := ev["year"]; !ok {
			if c, ok := ev["event_types"]; ok {
				ev["year"] = c
			}
		}
	}
	rec.Evidence = ev
	res.Record = rec
	return res
}

// keyOffset converts a byte offset of the text into a key offset.
func keyOffset(t *text, srcByte int) int { return t.keyAt(srcByte) }

func has(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// anyDistrictBloc reports whether a bloc mention is followed by a district.
func anyDistrictBloc(t *text, blocs []blocMention) bool {
	for _, b := range blocs {
		if b.noiChinh && districtAfter(t, b.span.end) {
			return true
		}
	}
	return false
}

// chooseYear decides the emulation year: the covenant's for a signing or
// launch, the reviewed year for a review, else the year of the event, of
// the headline, of the publication, or the one the text names most.
func chooseYear(t *text, cues []eventCue, kinds []string, covenant, reviewed int, date dayMonth, hasDate bool, published string, titleEnd int) int {
	if has(kinds, EventSigning) || has(kinds, EventLaunch) {
		if covenant != 0 {
			return covenant
		}
		if y := firstCueSentenceYear(t, cues, EventSigning, EventLaunch); y != 0 {
			return y
		}
	}
	if has(kinds, EventReview) {
		if reviewed != 0 {
			return reviewed
		}
		if y := firstCueSentenceYear(t, cues, EventReview); y != 0 {
			return y
		}
	}
	if hasDate && date.Year != 0 {
		return date.Year
	}
	if y := firstYear(t.key[:titleEnd]); y != 0 {
		return y
	}
	if hasDate {
		if d, ok := resolveYear(date, published, kinds, 0); ok {
			return atoi(d[:4])
		}
	}
	if pub, ok := parsePublished(published); ok && !has(kinds, EventReview) {
		return pub.Year()
	}
	return commonYear(t.key)
}

// capitalize upper-cases the first letter of a name ("khối ..." → "Khối ...").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || unicode.IsUpper(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// cleanName trims list punctuation from a name as written.
func cleanName(s string) string {
	return strings.Trim(oneLine(s), " ,;:.-–—")
}

// oneLine joins a value that a hard-wrapped line cut in two.
func oneLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
}

// hostOf returns the host name of a URL, without "www.".
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// IDFromURL is a record's id when its document has none: the first 16 hex
// digits of SHA-256 of the canonical URL (spec/record.md).
func IDFromURL(canonical string) string {
	if canonical == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(canonical))
	return hex.EncodeToString(sum[:8])
}
