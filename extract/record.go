package extract

import (
	"encoding/json"

	"github.com/thidua/thidua/internal/fastjson"
)

// Record is what one article becomes: the contract between the extractor,
// the JSONL datasets and the index (../shared/spec/record.md). It is defined
// here once; corpus and the command line use this type.
//
// In Go an empty string, a zero year or count and a nil slice mean "not
// known"; in JSON they are written as null (strings, numbers) or [] (lists),
// as the record contract asks.
type Record struct {
	ID        string
	URL       string
	Source    string // host name of URL
	Title     string
	Published string // RFC 3339, or YYYY-MM-DD when the page shows only a date

	Relevant     bool
	Level        string // LevelProvince, LevelDistrict, LevelMinistry or ""
	Province     string // canonical name as it was at the event date
	Province2025 string // the unit Province belongs to after the July 2025 merger
	Year         int    // the emulation year the event is about
	EventDate    string // YYYY-MM-DD
	EventTypes   []string

	Bloc            *Bloc // nil for a non-relevant record
	Members         []Member
	MembersComplete bool
	MemberCount     int
	Theme           string
	Awards          []Award
	Leader, Deputy  string // unit codes

	// Evidence maps a field ("province", "theme", "members.0", "awards.1" ...)
	// to the span of normalized text it came from.
	Evidence map[string]Evidence

	// Extractor names the extractor version that made the record.
	Extractor string

	// Links are other articles found to be the same text (syndicated) or
	// about the same event; set by corpus, never by the extractor.
	Links []Link
}

// Bloc names the emulation bloc.
type Bloc struct {
	Name   string `json:"name"`
	Number string `json:"number"`
}

// Member is one member agency of the bloc.
type Member struct {
	Name string `json:"name"` // as written, normalized
	Unit string `json:"unit"` // a unit code (see units.go) or "other"
}

// Award is one emulation title or award reported for the bloc or a member.
type Award struct {
	Title         string `json:"title"`
	Kind          string `json:"kind"`
	Recipient     string `json:"recipient"`      // as written; "" when none is named
	RecipientUnit string `json:"recipient_unit"` // unit code; "" when unknown
	Status        string `json:"status"`         // AwardConferred or AwardProposed
}

// Evidence locates an extracted value in the normalized text of the article
// (the output of normalize over the main text, as Result.Text holds it).
//
// Offsets count Unicode code points (runes), not bytes: Start is inclusive
// and End exclusive, so in Python text[start:end] == evidence.text, and in Go
// string([]rune(text)[Start:End]) == Text. Sentence is the whole sentence
// around the span, for a reader.
type Evidence struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Sentence string `json:"sentence,omitempty"`
}

// Link ties a record to another article about the same thing.
type Link struct {
	ID       string `json:"id"`
	URL      string `json:"url,omitempty"`
	Relation string `json:"relation"` // "syndicated" or "same-event"
}

// Levels of a bloc.
const (
	LevelProvince = "province"
	LevelDistrict = "district"
	LevelMinistry = "ministry"
)

// Event kinds, in the order records list them.
const (
	EventSigning  = "signing"
	EventLaunch   = "launch"
	EventReview   = "review"
	EventActivity = "activity"
	EventDecision = "decision"
)

// EventOrder is the order in which event kinds are listed.
var EventOrder = []string{EventSigning, EventLaunch, EventReview, EventActivity, EventDecision}

// Award statuses.
const (
	AwardConferred = "conferred"
	AwardProposed  = "proposed"
)

// wireRecord is the JSON form of Record: nullable fields are pointers.
type wireRecord struct {
	ID              string              `json:"id"`
	URL             *string             `json:"url"`
	Source          *string             `json:"source"`
	Title           *string             `json:"title"`
	Published       *string             `json:"published"`
	Relevant        bool                `json:"relevant"`
	Level           *string             `json:"level"`
	Province        *string             `json:"province"`
	Province2025    *string             `json:"province_2025"`
	Year            *int                `json:"year"`
	EventDate       *string             `json:"event_date"`
	EventTypes      []string            `json:"event_types"`
	Bloc            *Bloc               `json:"bloc"`
	Members         []Member            `json:"members"`
	MembersComplete bool                `json:"members_complete"`
	MemberCount     *int                `json:"member_count"`
	Theme           *string             `json:"theme"`
	Awards          []wireAward         `json:"awards"`
	Leader          *string             `json:"leader"`
	Deputy          *string             `json:"deputy"`
	Evidence        map[string]Evidence `json:"evidence,omitempty"`
	Extractor       string              `json:"extractor"`
	Links           []Link              `json:"links,omitempty"`
}

type wireAward struct {
	Title         string  `json:"title"`
	Kind          string  `json:"kind"`
	Recipient     *string `json:"recipient"`
	RecipientUnit *string `json:"recipient_unit"`
	Status        string  `json:"status"`
}

func strPtr(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func intPtr(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func derefInt(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// MarshalJSON writes the record in the form of spec/record.md.
func (r Record) MarshalJSON() ([]byte, error) {
	w := wireRecord{
		ID: r.ID, URL: strPtr(r.URL), Source: strPtr(r.Source), Title: strPtr(r.Title),
		Published: strPtr(r.Published), Relevant: r.Relevant, Level: strPtr(r.Level),
		Province: strPtr(r.Province), Province2025: strPtr(r.Province2025),
		Year: intPtr(r.Year), EventDate: strPtr(r.EventDate), EventTypes: r.EventTypes,
		Bloc: r.Bloc, Members: r.Members, MembersComplete: r.MembersComplete,
		MemberCount: intPtr(r.MemberCount), Theme: strPtr(r.Theme),
		Leader: strPtr(r.Leader), Deputy: strPtr(r.Deputy),
		Evidence: r.Evidence, Extractor: r.Extractor, Links: r.Links,
	}
	if w.EventTypes == nil {
		w.EventTypes = []string{}
	}
	if w.Members == nil {
		w.Members = []Member{}
	}
	w.Awards = make([]wireAward, len(r.Awards))
	for i, a := range r.Awards {
		w.Awards[i] = wireAward{Title: a.Title, Kind: a.Kind, Recipient: strPtr(a.Recipient),
			RecipientUnit: strPtr(a.RecipientUnit), Status: a.Status}
	}
	return json.Marshal(w)
}

// UnmarshalJSON reads a record written by MarshalJSON (or by hand, as the
// gold files are).
func (r *Record) UnmarshalJSON(b []byte) error {
	var w wireRecord
	if err := fastjson.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = Record{
		ID: w.ID, URL: deref(w.URL), Source: deref(w.Source), Title: deref(w.Title),
		Published: deref(w.Published), Relevant: w.Relevant, Level: deref(w.Level),
		Province: deref(w.Province), Province2025: deref(w.Province2025),
		Year: derefInt(w.Year), EventDate: deref(w.EventDate), EventTypes: w.EventTypes,
		Bloc: w.Bloc, Members: w.Members, MembersComplete: w.MembersComplete,
		MemberCount: derefInt(w.MemberCount), Theme: deref(w.Theme),
		Leader: deref(w.Leader), Deputy: deref(w.Deputy),
		Evidence: w.Evidence, Extractor: w.Extractor, Links: w.Links,
	}
	for _, a := range w.Awards {
		r.Awards = append(r.Awards, Award{Title: a.Title, Kind: a.Kind, Recipient: deref(a.Recipient),
			RecipientUnit: deref(a.RecipientUnit), Status: a.Status})
	}
	return nil
}

// MarshalJSON writes a bloc without a number with "number": null.
func (b Bloc) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Name   string  `json:"name"`
		Number *string `json:"number"`
	}{b.Name, strPtr(b.Number)})
}
